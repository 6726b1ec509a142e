"""Collaboration groups (samverkansgrupper): the tiers of an agreement's organisation."""

from datetime import date, timedelta

from django.conf import settings
from django.db import models
from django.db.models import (
    Case,
    DateField,
    DurationField,
    ExpressionWrapper,
    F,
    OuterRef,
    Q,
    Subquery,
    Value,
    When,
)
from django.db.models.functions import Cast, Coalesce, TruncDate
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from agreements.models import Agreement
from samverkan.models import Party
from samverkan.validators import validate_portal_date

from .. import rhythm as rhythm_rules
from ..rhythm import RhythmKind


class AgreementOwnedQuerySet(models.QuerySet):
    """Access through the agreement's parties, whatever the agreement's status: groups meet
    and jobbspår run while an agreement is in force, when its text is locked."""

    agreement_path = "agreement"

    def visible_to(self, user):
        return self.filter(
            **{f"{self.agreement_path}__in": Agreement.objects.visible_to(user).values("pk")}
        )

    def editable_by(self, user):
        if not (user.is_authenticated and user.is_active and user.may_write):
            return self.none()
        return self.visible_to(user)


class GroupQuerySet(AgreementOwnedQuerySet):
    def with_meeting_dates(self, now=None):
        """Annotate the last held and the next planned meeting: one query for any number
        of groups, so rhythm checks on lists and the dashboard never query per group."""
        now = now or timezone.now()
        meeting_model = self.model._meta.get_field("meetings").related_model
        held = meeting_model.objects.filter(group=OuterRef("pk"), cancelled=False)
        return self.annotate(
            last_meeting_at=Subquery(
                held.filter(starts_at__lte=now).order_by("-starts_at").values("starts_at")[:1]
            ),
            next_meeting_at=Subquery(
                held.filter(starts_at__gt=now).order_by("starts_at").values("starts_at")[:1]
            ),
        )

    def behind_rhythm(self, *, today, now=None):
        """The groups behind their rhythm on ``today``, most behind first, decided in the
        database: each group gets ``rhythm_due`` (the day its next meeting was due, the same
        rule as ``rhythm.rhythm_status``) and only those due before today are kept. So a
        dashboard pages this instead of checking every group's rhythm in Python."""
        count = Coalesce(F("rhythm_count"), Value(1))
        gap_days = Case(
            When(rhythm_kind=RhythmKind.TIMES_PER_YEAR, then=(Value(365) + count - 1) / count),
            When(rhythm_kind=RhythmKind.EVERY_N_WEEKS, then=Value(7) * count),
            When(rhythm_kind=RhythmKind.EVERY_N_MONTHS, then=(Value(365) * count + 11) / 12),
            When(rhythm_kind=RhythmKind.HOURS_PER_MONTH, then=Value(31)),
            default=None,
            output_field=models.IntegerField(),
        )
        since = Coalesce(F("established_on"), TruncDate("created_at"), output_field=DateField())
        last_day = TruncDate("last_meeting_at")
        never = Value(date(1, 1, 1))
        # A date plus an interval is a timestamp in PostgreSQL: cast back to the day.
        gap_due = Cast(
            ExpressionWrapper(
                Coalesce(last_day, since)
                + ExpressionWrapper(
                    gap_days * Value(timedelta(days=1)), output_field=DurationField()
                ),
                output_field=models.DateTimeField(),
            ),
            DateField(),
        )
        quarter_due = []
        for quarter in range(1, 5):
            start, end = rhythm_rules.quarter_bounds(today.year, quarter)
            if today <= end:
                start, end = rhythm_rules.quarter_bounds(today.year - 1, quarter)
            # Met in the last finished quarter, or started after it: not behind.
            quarter_due.append(
                When(
                    # The quarter first: the last meeting is then looked up once per group.
                    Q(rhythm_quarter=quarter)
                    & Q(rhythm_last_day__lt=start)
                    & Q(rhythm_since__lte=end),
                    then=Value(end),
                )
            )
        return (
            self.with_meeting_dates(now)
            .alias(
                rhythm_last_day=Coalesce(last_day, never, output_field=DateField()),
                rhythm_since=since,
            )
            .annotate(
                rhythm_due=Case(
                    When(
                        rhythm_kind=RhythmKind.YEARLY_IN_QUARTER,
                        then=Case(*quarter_due, default=None, output_field=DateField()),
                    ),
                    default=gap_due,
                    output_field=DateField(),
                )
            )
            .filter(rhythm_due__lt=today)
            .order_by("rhythm_due", "pk")
        )


class Group(models.Model):
    """A tier of an agreement's collaboration (styrgrupp, operativ grupp, lokal samverkan,
    arbetsgrupp, årlig konferens) with its convener, members, mandate and meeting rhythm."""

    class Tier(models.TextChoices):
        STRATEGIC = "strategic", _("Strategisk samverkan (styrgrupp)")
        OPERATIVE = "operative", _("Operativ samverkan")
        LOCAL = "local", _("Lokal samverkan / individsamverkan")
        WORKING_GROUP = "working_group", _("Arbetsgrupp")
        CONFERENCE = "conference", _("Årlig konferens")

    agreement = models.ForeignKey(
        Agreement,
        on_delete=models.CASCADE,
        related_name="collaboration_groups",
        verbose_name=_("överenskommelse"),
    )
    tier = models.CharField(_("nivå"), max_length=20, choices=Tier.choices)
    name = models.CharField(_("namn"), max_length=200)
    convener = models.ForeignKey(
        Party,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("sammankallande part"),
    )
    description = models.TextField(_("beskrivning"), blank=True)
    mandate = models.TextField(
        _("uppdrag"), blank=True, help_text=_("En uppgift per rad, som i överenskommelsen.")
    )
    rhythm_kind = models.CharField(
        _("mötesrytm"), max_length=20, choices=RhythmKind.choices, default=RhythmKind.AS_NEEDED
    )
    rhythm_count = models.PositiveSmallIntegerField(
        _("antal (N)"),
        null=True,
        blank=True,
        help_text=_("Minsta antal gånger per år, antal veckor, månader eller timmar."),
    )
    rhythm_count_max = models.PositiveSmallIntegerField(
        _("högst antal (M)"),
        null=True,
        blank=True,
        help_text=_("Bara för ”mellan N och M gånger per år”."),
    )
    rhythm_quarter = models.PositiveSmallIntegerField(
        _("kvartal"),
        null=True,
        blank=True,
        choices=[(q, _("Kvartal %(q)s") % {"q": q}) for q in range(1, 5)],
    )
    rhythm_note = models.CharField(
        _("kommentar om rytmen"),
        max_length=200,
        blank=True,
        help_text=_("Till exempel ”inledningsvis, därefter vid behov”."),
    )
    established_on = models.DateField(
        _("startade"),
        null=True,
        blank=True,
        validators=[validate_portal_date],
        help_text=_("Från detta datum räknas rytmen tills gruppen har haft sitt första möte."),
    )
    position = models.PositiveSmallIntegerField(_("ordning"), default=0)
    created_at = models.DateTimeField(_("skapad"), auto_now_add=True)
    updated_at = models.DateTimeField(_("ändrad"), auto_now=True)
    history = HistoricalRecords(excluded_fields=["updated_at"])

    objects = GroupQuerySet.as_manager()

    class Meta:
        verbose_name = _("samverkansgrupp")
        verbose_name_plural = _("samverkansgrupper")
        ordering = ["agreement_id", "position", "pk"]
        constraints = [
            models.CheckConstraint(
                condition=Q(rhythm_count_max__isnull=True)
                | Q(rhythm_count__isnull=True)
                | Q(rhythm_count_max__gte=models.F("rhythm_count")),
                name="group_rhythm_max_not_below_min",
            ),
        ]

    def __str__(self):
        return self.name

    def get_absolute_url(self):
        return reverse("meetings:group_detail", kwargs={"pk": self.pk})

    @property
    def mandate_tasks(self) -> list[str]:
        return [line.strip(" -•\t") for line in self.mandate.splitlines() if line.strip(" -•\t")]

    @property
    def rhythm_display(self) -> str:
        return rhythm_rules.describe(
            self.rhythm_kind, self.rhythm_count, self.rhythm_count_max, self.rhythm_quarter
        )

    def rhythm_status(self, today=None, now=None) -> rhythm_rules.RhythmStatus:
        """Last and next meeting against the rhythm; uses ``with_meeting_dates`` when the
        group came through it, and queries otherwise."""
        now = now or timezone.now()
        if not hasattr(self, "last_meeting_at"):
            annotated = Group.objects.with_meeting_dates(now).get(pk=self.pk)
            self.last_meeting_at = annotated.last_meeting_at
            self.next_meeting_at = annotated.next_meeting_at
        since = self.established_on or timezone.localdate(self.created_at or now)
        return rhythm_rules.rhythm_status(
            kind=self.rhythm_kind,
            count=self.rhythm_count,
            quarter=self.rhythm_quarter,
            last=timezone.localtime(self.last_meeting_at) if self.last_meeting_at else None,
            next_meeting=self.next_meeting_at,
            since=since,
            today=today or timezone.localdate(now),
        )


class GroupMember(models.Model):
    """A seat in a group, by role title and organisation ("Integrationsstrateg i Österåkers
    kommun"); optionally the portal user who holds it."""

    group = models.ForeignKey(Group, on_delete=models.CASCADE, related_name="members")
    role_title = models.CharField(_("roll eller titel"), max_length=200)
    party = models.ForeignKey(
        Party,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("organisation"),
    )
    organisation_name = models.CharField(
        _("annan organisation"),
        max_length=200,
        blank=True,
        help_text=_("Om organisationen inte finns i portalen, till exempel ”Norrtälje Komvux”."),
    )
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="group_seats",
        verbose_name=_("användare"),
    )
    position = models.PositiveSmallIntegerField(_("ordning"), default=0)
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("gruppmedlem")
        verbose_name_plural = _("gruppmedlemmar")
        ordering = ["position", "pk"]

    def __str__(self):
        organisation = self.organisation
        return f"{self.role_title}, {organisation}" if organisation else self.role_title

    @property
    def organisation(self) -> str:
        return self.party.name if self.party_id else self.organisation_name
