"""What an agreement carries besides its text: appendices, signatories and decisions."""

from django.conf import settings
from django.db import models
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from samverkan.files import GeneratedName, PrivateFileField
from samverkan.models import Party
from samverkan.validators import validate_pdf_upload, validate_portal_date

from .agreement import Agreement


class Appendix(models.Model):
    """A bilaga: a numbered appendix with a responsible party and a state."""

    class State(models.TextChoices):
        PLANNED = "planned", _("Planerad")
        ESTABLISHED = "established", _("Upprättad")
        TO_REVISE = "to_revise", _("Ska revideras")

    agreement = models.ForeignKey(Agreement, on_delete=models.CASCADE, related_name="appendices")
    number = models.PositiveSmallIntegerField(_("nummer"))
    suffix = models.CharField(
        _("tillägg till numret"),
        max_length=3,
        blank=True,
        help_text=_("En bokstav efter numret, till exempel a för bilaga 2a."),
    )
    title = models.CharField(_("titel"), max_length=300)
    responsible_party = models.ForeignKey(
        Party,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("ansvarig part"),
    )
    state = models.CharField(_("läge"), max_length=20, choices=State.choices, default=State.PLANNED)
    state_note = models.CharField(
        _("kommentar om läget"),
        max_length=200,
        blank=True,
        help_text=_("Till exempel ”Upprättas Q1 2023”."),
    )
    due_date = models.DateField(
        _("planerat klart"),
        null=True,
        blank=True,
        validators=[validate_portal_date],
        help_text=_("Datum då bilagan ska vara upprättad; används för påminnelser."),
    )
    # The appendix's own words, when the agreement carries them as text (nordost's Bilaga 1):
    # part of what is signed, so frozen with the version like the nine sections.
    text = models.TextField(_("text"), blank=True)
    file = PrivateFileField(
        _("fil (PDF)"),
        upload_to=GeneratedName("appendices"),
        blank=True,
        validators=[validate_pdf_upload],
    )
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("bilaga")
        verbose_name_plural = _("bilagor")
        ordering = ["number", "suffix"]
        constraints = [
            models.UniqueConstraint(
                fields=["agreement", "number", "suffix"], name="appendix_number_once"
            )
        ]

    def __str__(self):
        return _("Bilaga %(number)s: %(title)s") % {"number": self.label, "title": self.title}

    @property
    def label(self) -> str:
        """The appendix's number as the agreement writes it: 2, or 2a."""
        return f"{self.number}{self.suffix}"

    def private_file_url(self, field_name):
        return reverse(
            "agreements:appendix_file", kwargs={"pk": self.agreement_id, "appendix_pk": self.pk}
        )


class Signatory(models.Model):
    """A person who signs the agreement for a party (e.g. kommunstyrelsens ordförande)."""

    agreement = models.ForeignKey(Agreement, on_delete=models.CASCADE, related_name="signatories")
    party = models.ForeignKey(
        Party, on_delete=models.PROTECT, related_name="+", verbose_name=_("part")
    )
    name = models.CharField(_("namn"), max_length=200)
    title = models.CharField(_("titel"), max_length=200)
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="signatory_roles",
        verbose_name=_("användare"),
        help_text=_("Om undertecknaren har ett konto kan hen skriva under i portalen."),
    )
    position = models.PositiveSmallIntegerField(_("ordning"), default=0)
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("undertecknare")
        verbose_name_plural = _("undertecknare")
        ordering = ["position", "pk"]

    def __str__(self):
        if not self.name:
            # The seeds do not always name who signed for a party.
            return _("Namn saknas i underlaget (%(party)s)") % {"party": self.party.name}
        return f"{self.name}, {self.title}" if self.title else self.name


class Decision(models.Model):
    """A decision behind the agreement, e.g. 'Kommunstyrelsen beslutar …' (seed 000)."""

    agreement = models.ForeignKey(Agreement, on_delete=models.CASCADE, related_name="decisions")
    party = models.ForeignKey(
        Party,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("part"),
    )
    body = models.CharField(_("beslutande organ"), max_length=200)
    decided_on = models.DateField(
        _("beslutsdatum"), null=True, blank=True, validators=[validate_portal_date]
    )
    reference = models.CharField(_("diarienummer"), max_length=100, blank=True)
    paragraph = models.CharField(
        _("paragraf"),
        max_length=30,
        blank=True,
        help_text=_("Protokollets paragraf, till exempel ”§ 45”."),
    )
    text = models.TextField(_("beslut"), blank=True)
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("beslut")
        verbose_name_plural = _("beslut")
        ordering = ["decided_on", "pk"]

    def __str__(self):
        return " ".join(str(x) for x in (self.body, self.decided_on or "", self.paragraph) if x)
