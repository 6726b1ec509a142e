"""Agreements on collaboration (överenskommelser om samverkan) after the national template."""

import datetime
from typing import NamedTuple

from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Exists, OuterRef, Q
from django.urls import reverse
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from samverkan.models import Party
from samverkan.validators import validate_portal_date


class Validity(NamedTuple):
    """From when to when an agreement applies (None: open-ended)."""

    valid_from: datetime.date | None
    valid_until: datetime.date | None
    terminated_on: datetime.date | None


def _parse_date(value: str | None) -> datetime.date | None:
    return datetime.date.fromisoformat(value) if value else None


# The nine sections of the national template, in document order: (number, field, heading).
SECTIONS = (
    (1, "text_parties", _("Parter")),
    (2, "text_purpose", _("Syfte")),
    (3, "text_target_groups", _("Målgrupper")),
    (4, "text_goals", _("Målsättningar")),
    (5, "text_organisation", _("Organisering av samverkan")),
    (6, "text_operations", _("Genomförande av operativ samverkan")),
    (7, "text_followup", _("Uppföljning")),
    (8, "text_duration", _("Varaktighet och plan för revidering")),
    (9, "text_signatures", _("Underskrifter")),
)
SECTION_FIELDS = {number: field for number, field, _heading in SECTIONS}
SECTION_HEADINGS = {number: heading for number, _field, heading in SECTIONS}


def document_fields(prefix: str = "") -> list[str]:
    """The agreement's document text (summary and sections), for ``defer()`` in lists; with
    ``prefix="agreement__"`` for rows that bring their agreement along."""
    return [f"{prefix}{name}" for name in ("summary", *SECTION_FIELDS.values())]


def in_force_q(today=None) -> Q:
    """The condition "in force on ``today``", for filters and conditional counts."""
    today = today or timezone.localdate()
    return (
        Q(version_in_force__isnull=False)
        & (Q(in_force_from__isnull=True) | Q(in_force_from__lte=today))
        & ~Q(status="ended")
    )


class AgreementQuerySet(models.QuerySet):
    """Access follows organisations: see STYLE.md, 'Access'."""

    def visible_to(self, user):
        if not user.is_authenticated or not user.is_active:
            return self.none()
        if user.is_portal_admin:
            return self.all()
        if not user.party_id:
            return self.none()
        return self.filter(
            Exists(AgreementParty.objects.filter(agreement=OuterRef("pk"), party=user.party_id))
        )

    def editable_by(self, user):
        visible = self.visible_to(user)
        if not (user.is_authenticated and user.is_active):
            return visible
        if not user.may_write:
            return self.none()
        return visible.filter(status__in=Agreement.EDITABLE_STATUSES)

    def public(self):
        """Agreements with a signed version are public documents: in force, or signed and
        coming into force on their start date (the register marks those), also while a
        revision is being written."""
        return self.filter(version_in_force__isnull=False).exclude(status=Agreement.Status.ENDED)

    def in_force(self, today=None):
        """In force today: a signed version whose start date has come (also while a revision
        is open), not ended."""
        return self.filter(in_force_q(today))

    def listed(self):
        """Rows for a list: without the nine sections' text and the summary, which only the
        agreement's own pages read (a list of 25 would otherwise fetch 25 documents)."""
        return self.defer(*document_fields())

    def with_parties(self):
        return self.prefetch_related(
            models.Prefetch(
                "agreement_parties",
                queryset=AgreementParty.objects.select_related("party").order_by(
                    "-is_convener", "party__kind", "party__name"
                ),
            )
        )


class Agreement(models.Model):
    """A local agreement on collaboration between one or more municipalities (or other bodies)
    and Arbetsförmedlingen, written in the nine sections of the national template."""

    class Status(models.TextChoices):
        DRAFT = "draft", _("Utkast")
        FOR_SIGNATURE = "for_signature", _("För underskrift")
        SIGNED = "signed", _("Undertecknad")
        IN_FORCE = "in_force", _("Gällande")
        UNDER_REVISION = "under_revision", _("Under revidering")
        ENDED = "ended", _("Upphörd")

    EDITABLE_STATUSES = (Status.DRAFT, Status.UNDER_REVISION)

    title = models.CharField(_("titel"), max_length=300)
    diarienummer = models.CharField(_("diarienummer"), max_length=100, blank=True)
    status = models.CharField(
        _("status"), max_length=20, choices=Status.choices, default=Status.DRAFT, db_index=True
    )
    parties = models.ManyToManyField(
        Party, through="AgreementParty", related_name="agreements", verbose_name=_("parter")
    )
    target_groups = models.ManyToManyField(
        "TargetGroup",
        through="AgreementTargetGroup",
        related_name="agreements",
        verbose_name=_("målgrupper"),
    )
    summary = models.TextField(
        _("inledning"),
        blank=True,
        help_text=_(
            "Text som står före avsnitt 1, till exempel att överenskommelsen är övergripande."
        ),
    )
    text_parties = models.TextField(_("1. Parter"), blank=True)
    text_purpose = models.TextField(_("2. Syfte"), blank=True)
    text_target_groups = models.TextField(_("3. Målgrupper"), blank=True)
    text_goals = models.TextField(_("4. Målsättningar"), blank=True)
    text_organisation = models.TextField(_("5. Organisering av samverkan"), blank=True)
    text_operations = models.TextField(_("6. Genomförande av operativ samverkan"), blank=True)
    text_followup = models.TextField(_("7. Uppföljning"), blank=True)
    text_duration = models.TextField(_("8. Varaktighet och plan för revidering"), blank=True)
    text_signatures = models.TextField(_("9. Underskrifter"), blank=True)
    valid_from = models.DateField(
        _("gäller från"), null=True, blank=True, validators=[validate_portal_date]
    )
    valid_until = models.DateField(
        _("gäller till"),
        null=True,
        blank=True,
        validators=[validate_portal_date],
        help_text=_("Lämna tomt om överenskommelsen gäller tills vidare."),
    )
    terminated_on = models.DateField(
        _("uppsagd den"), null=True, blank=True, validators=[validate_portal_date]
    )
    review_rule = models.CharField(
        _("regel för revidering"),
        max_length=200,
        blank=True,
        help_text=_("Till exempel ”minst en gång per mandatperiod”."),
    )
    next_review_date = models.DateField(
        _("nästa revidering"), null=True, blank=True, validators=[validate_portal_date]
    )
    document_date = models.DateField(
        _("dokumentets datum"), null=True, blank=True, validators=[validate_portal_date]
    )
    # The start date of the signed version (its "gäller från"): the agreement is in force
    # from this day, and "undertecknad, börjar gälla" before it. Set when a version is signed.
    in_force_from = models.DateField(
        _("gäller från enligt undertecknad version"), null=True, blank=True, editable=False
    )
    # The frozen version out for signature, and the signed version in force. A revision
    # edits the living draft while the version in force stays in force until the next one is
    # signed (agreements.signing).
    pending_version = models.ForeignKey(
        "agreements.AgreementVersion",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        editable=False,
        verbose_name=_("version för underskrift"),
    )
    version_in_force = models.ForeignKey(
        "agreements.AgreementVersion",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        editable=False,
        verbose_name=_("gällande version"),
    )
    created_at = models.DateTimeField(_("skapad"), auto_now_add=True)
    updated_at = models.DateTimeField(_("ändrad"), auto_now=True)
    history = HistoricalRecords(excluded_fields=["updated_at"])

    objects = AgreementQuerySet.as_manager()

    class Meta:
        verbose_name = _("överenskommelse")
        verbose_name_plural = _("överenskommelser")
        ordering = ["title", "pk"]
        constraints = [
            models.CheckConstraint(
                condition=Q(valid_until__isnull=True)
                | Q(valid_from__isnull=True)
                | Q(valid_until__gte=models.F("valid_from")),
                name="agreement_valid_until_after_from",
            ),
        ]

    def __str__(self):
        return self.title

    def get_absolute_url(self):
        return reverse("agreements:detail", kwargs={"pk": self.pk})

    def clean(self):
        if self.valid_from and self.valid_until and self.valid_until < self.valid_from:
            raise ValidationError(
                {"valid_until": _("Slutdatumet kan inte vara före startdatumet.")}
            )
        if self.valid_from and self.terminated_on and self.terminated_on < self.valid_from:
            raise ValidationError(
                {"terminated_on": _("Uppsägningsdatumet kan inte vara före startdatumet.")}
            )

    @property
    def status_label(self) -> str:
        """The status as a person reads it: a signed agreement that has not started yet says
        when it starts ("Undertecknad, börjar gälla 1 januari 2027")."""
        if self.status == self.Status.SIGNED and self.in_force_from:
            return _("Undertecknad, börjar gälla %(date)s") % {
                "date": date_format(self.in_force_from, "j F Y")
            }
        return str(self.get_status_display())

    @property
    def is_signed_not_started(self) -> bool:
        """Signed, with a start date still to come (also while a revision is open)."""
        return bool(
            self.version_in_force_id
            and self.in_force_from
            and self.in_force_from > timezone.localdate()
        )

    def validity_in_force(self) -> "Validity":
        """The validity that follow-up and everything else derived from the agreement obey:
        the signed version's while there is one (a revision's draft dates are not in force
        until signed), otherwise the draft's. A termination applies whatever the version."""
        if self.version_in_force_id:
            signed = self.version_in_force.snapshot.get("agreement", {})
            return Validity(
                valid_from=_parse_date(signed.get("valid_from")),
                valid_until=_parse_date(signed.get("valid_until")),
                terminated_on=self.terminated_on or _parse_date(signed.get("terminated_on")),
            )
        return Validity(self.valid_from, self.valid_until, self.terminated_on)

    @property
    def is_editable_status(self) -> bool:
        return self.status in self.EDITABLE_STATUSES

    @property
    def until_further_notice(self) -> bool:
        return self.valid_until is None and self.terminated_on is None

    def section_text(self, number: int) -> str:
        return getattr(self, SECTION_FIELDS[number])


class AgreementParty(models.Model):
    """A party's place in an agreement. One party convenes (sammankallande part)."""

    agreement = models.ForeignKey(
        Agreement, on_delete=models.CASCADE, related_name="agreement_parties"
    )
    party = models.ForeignKey(
        Party,
        on_delete=models.PROTECT,
        related_name="agreement_memberships",
        verbose_name=_("part"),
    )
    is_convener = models.BooleanField(_("sammankallande"), default=False)
    description = models.CharField(
        _("beskrivning"),
        max_length=300,
        blank=True,
        help_text=_(
            "Hur parten anges i texten, till exempel ”Region Stockholm Gotland, enhet Stockholm nordöstra”."
        ),
    )
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("part i överenskommelse")
        verbose_name_plural = _("parter i överenskommelse")
        constraints = [
            models.UniqueConstraint(fields=["agreement", "party"], name="agreement_party_once"),
            models.UniqueConstraint(
                fields=["agreement"],
                condition=Q(is_convener=True),
                name="agreement_one_convener",
            ),
        ]

    def __str__(self):
        return f"{self.party} – {self.agreement}"

    @property
    def legend(self):
        """How the row is named on the agreement's own party list (without its title)."""
        return str(self.party)


class TargetGroup(models.Model):
    """A target group from the shared catalogue, e.g. 'Nyanlända i etableringsprogrammet'."""

    name = models.CharField(_("namn"), max_length=200, unique=True)
    description = models.TextField(_("beskrivning"), blank=True)

    class Meta:
        verbose_name = _("målgrupp")
        verbose_name_plural = _("målgrupper")
        ordering = ["name"]

    def __str__(self):
        return self.name


class AgreementTargetGroup(models.Model):
    """A target group as one agreement names and describes it. The catalogue group is for
    filtering; the agreement's own heading and text are what its parties sign."""

    agreement = models.ForeignKey(
        Agreement, on_delete=models.CASCADE, related_name="agreement_target_groups"
    )
    target_group = models.ForeignKey(
        TargetGroup, on_delete=models.PROTECT, related_name="+", verbose_name=_("målgrupp")
    )
    heading = models.CharField(
        _("överenskommelsens rubrik"),
        max_length=200,
        blank=True,
        help_text=_("Rubriken som överenskommelsen använder. Lämna tomt för katalogens namn."),
    )
    description = models.TextField(_("överenskommelsens beskrivning"), blank=True)
    position = models.PositiveSmallIntegerField(_("ordning"), default=0)
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("målgrupp i överenskommelse")
        verbose_name_plural = _("målgrupper i överenskommelse")
        ordering = ["position", "pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["agreement", "target_group"], name="agreement_target_group_once"
            )
        ]

    def __str__(self):
        return self.display_heading

    @property
    def display_heading(self) -> str:
        return self.heading or self.target_group.name
