"""Kartläggning: statistics snapshots, programme figures and labour demand."""

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from agreements.models import AgreementParty
from samverkan.models import Party
from samverkan.validators import validate_portal_date


class StatisticsSnapshotQuerySet(models.QuerySet):
    def visible_to(self, user):
        """A snapshot is seen by its own municipality and by every party of an agreement the
        municipality is party to (the same organisations that see the agreement)."""
        return self.filter(municipality__in=visible_municipalities(user))

    def editable_by(self, user):
        """Officials of the municipality itself, and administrators."""
        if not (user.is_authenticated and user.is_active):
            return self.none()
        if user.is_portal_admin:
            return self.all()
        if user.role != user.Role.OFFICIAL or not user.party_id:
            return self.none()
        return self.filter(municipality=user.party_id)


def visible_municipalities(user):
    """Municipalities whose figures ``user`` may read (see StatisticsSnapshotQuerySet)."""
    municipalities = Party.objects.filter(kind=Party.Kind.MUNICIPALITY)
    if not (user.is_authenticated and user.is_active):
        return municipalities.none()
    if user.is_portal_admin:
        return municipalities
    if not user.party_id:
        return municipalities.none()
    shared = AgreementParty.objects.filter(
        agreement__agreement_parties__party=user.party_id
    ).values("party")
    return municipalities.filter(Q(pk=user.party_id) | Q(pk__in=shared))


def editable_municipalities(user):
    municipalities = Party.objects.filter(kind=Party.Kind.MUNICIPALITY)
    if not (user.is_authenticated and user.is_active):
        return municipalities.none()
    if user.is_portal_admin:
        return municipalities
    if user.role != user.Role.OFFICIAL or not user.party_id:
        return municipalities.none()
    return municipalities.filter(pk=user.party_id)


class StatisticsSnapshot(models.Model):
    """Kartläggning: the size of the target group in one municipality on one date, from
    Arbetsförmedlingen's and the municipality's statistics (seed 003, "Statistik")."""

    municipality = models.ForeignKey(
        Party,
        on_delete=models.CASCADE,
        related_name="statistics_snapshots",
        limit_choices_to={"kind": Party.Kind.MUNICIPALITY},
        verbose_name=_("kommun"),
    )
    measured_on = models.DateField(
        _("uppgifterna avser"),
        help_text=_("Datum som siffrorna gäller, till exempel 2020-08-31."),
        validators=[validate_portal_date],
    )
    population = models.PositiveIntegerField(_("antal invånare"), null=True, blank=True)
    population_on = models.DateField(
        _("invånarantalet avser"),
        null=True,
        blank=True,
        validators=[validate_portal_date],
        help_text=_("SCB:s uppgift kan vara äldre än övriga siffror, till exempel 2019-12-31."),
    )
    population_note = models.CharField(
        _("invånarantalet som det anges i texten"),
        max_length=100,
        blank=True,
        help_text=_("Till exempel ”ca 32 900” eller ”drygt 12 000”."),
    )
    source_note = models.CharField(
        _("källor"),
        max_length=500,
        blank=True,
        help_text=_("Till exempel ”Arbetsförmedlingen, augusti 2020; SCB, december 2019”."),
    )
    comment = models.TextField(_("kommentar"), blank=True)
    entered_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("inmatat av"),
    )
    updated_at = models.DateTimeField(_("ändrad"), auto_now=True)
    history = HistoricalRecords(excluded_fields=["updated_at"])

    objects = StatisticsSnapshotQuerySet.as_manager()

    class Meta:
        verbose_name = _("kartläggning")
        verbose_name_plural = _("kartläggningar")
        ordering = ["-measured_on", "municipality__name"]
        constraints = [
            models.UniqueConstraint(
                fields=["municipality", "measured_on"], name="statistics_snapshot_once"
            ),
        ]

    def __str__(self):
        return f"{self.municipality} {self.measured_on:%Y-%m-%d}"

    def get_absolute_url(self):
        return reverse("statistics:snapshot_detail", kwargs={"snapshot_pk": self.pk})


class ProgrammeFigure(models.Model):
    """One programme's (or försörjningsstöd's) counts in a snapshot, with the women, men and
    unknown gender that seed 003 reports, and the short-educated and disability counts."""

    class Programme(models.TextChoices):
        ESTABLISHMENT = "establishment", _("Etableringsprogrammet")
        JOB_GUARANTEE = "job_guarantee", _("Jobb- och utvecklingsgarantin")
        YOUTH_GUARANTEE = "youth_guarantee", _("Jobbgarantin för ungdomar")
        OPEN_UNEMPLOYED = "open_unemployed", _("Öppet arbetslösa")
        INCOME_SUPPORT = "income_support", _("Försörjningsstöd")

    # Arbetsförmedlingen's categories; together they are "the unemployed" of seed 003's
    # reflections (Täby: 74 + 190 + 53 + 1412 = 1729 arbetslösa).
    UNEMPLOYMENT = (
        Programme.ESTABLISHMENT,
        Programme.JOB_GUARANTEE,
        Programme.YOUTH_GUARANTEE,
        Programme.OPEN_UNEMPLOYED,
    )

    snapshot = models.ForeignKey(
        StatisticsSnapshot, on_delete=models.CASCADE, related_name="figures"
    )
    programme = models.CharField(_("program"), max_length=20, choices=Programme.choices)
    total = models.PositiveIntegerField(_("totalt"), null=True, blank=True)
    women = models.PositiveIntegerField(_("kvinnor"), null=True, blank=True)
    men = models.PositiveIntegerField(_("män"), null=True, blank=True)
    unknown = models.PositiveIntegerField(_("okänd könstillhörighet"), null=True, blank=True)
    short_educated = models.PositiveIntegerField(_("kortutbildade"), null=True, blank=True)
    education_duty = models.PositiveIntegerField(
        _("omfattas av utbildningsplikt"), null=True, blank=True
    )
    no_insurance_info = models.PositiveIntegerField(
        _("inga uppgifter om a-kassa"), null=True, blank=True
    )
    disability_total = models.PositiveIntegerField(
        _("med registrerad funktionsnedsättning"), null=True, blank=True
    )
    disability_women = models.PositiveIntegerField(
        _("funktionsnedsättning, kvinnor"), null=True, blank=True
    )
    disability_men = models.PositiveIntegerField(
        _("funktionsnedsättning, män"), null=True, blank=True
    )
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("siffror för ett program")
        verbose_name_plural = _("siffror för program")
        constraints = [
            models.UniqueConstraint(fields=["snapshot", "programme"], name="programme_figure_once")
        ]

    def __str__(self):
        return f"{self.get_programme_display()}: {self.total}"


class OccupationalArea(models.TextChoices):
    """Arbetsförmedlingen's occupational areas (yrkesområden)."""

    ADMINISTRATION = "administration", _("Administration, ekonomi, juridik")
    CONSTRUCTION = "construction", _("Bygg och anläggning")
    MANAGEMENT = "management", _("Chefer och verksamhetsledare")
    IT = "it", _("Data/IT")
    SALES = "sales", _("Försäljning, inköp, marknadsföring")
    CRAFTS = "crafts", _("Hantverksyrken")
    HOSPITALITY = "hospitality", _("Hotell, restaurang, storhushåll")
    HEALTH = "health", _("Hälso- och sjukvård")
    MANUFACTURING = "manufacturing", _("Industriell tillverkning")
    INSTALLATION = "installation", _("Installation, drift, underhåll")
    BEAUTY = "beauty", _("Kropps- och skönhetsvård")
    CULTURE = "culture", _("Kultur, media, design")
    MILITARY = "military", _("Militärt arbete")
    NATURAL_RESOURCES = "natural_resources", _("Naturbruk")
    SCIENCE = "science", _("Naturvetenskapligt arbete")
    EDUCATION = "education", _("Pedagogiskt arbete")
    CLEANING = "cleaning", _("Sanering och renhållning")
    SOCIAL = "social", _("Socialt arbete")
    SECURITY = "security", _("Säkerhetsarbete")
    TECHNICAL = "technical", _("Tekniskt arbete")
    TRANSPORT = "transport", _("Transport")


class LabourDemandSnapshot(models.Model):
    """Labour demand (rekryteringsbehov) in one municipality on one date: jobs and ads per
    occupational area in Arbetsförmedlingen's job ads (seed 003, "Regionalt rekryteringsbehov")."""

    municipality = models.ForeignKey(
        Party,
        on_delete=models.CASCADE,
        related_name="labour_demand_snapshots",
        limit_choices_to={"kind": Party.Kind.MUNICIPALITY},
        verbose_name=_("kommun"),
    )
    measured_on = models.DateField(_("uppgifterna avser"), validators=[validate_portal_date])
    source_note = models.CharField(_("källa"), max_length=500, blank=True)
    entered_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("inmatat av"),
    )
    updated_at = models.DateTimeField(_("ändrad"), auto_now=True)
    history = HistoricalRecords(excluded_fields=["updated_at"])

    objects = StatisticsSnapshotQuerySet.as_manager()

    class Meta:
        verbose_name = _("rekryteringsbehov")
        verbose_name_plural = _("rekryteringsbehov")
        ordering = ["-measured_on", "municipality__name"]
        constraints = [
            models.UniqueConstraint(
                fields=["municipality", "measured_on"], name="labour_demand_once"
            )
        ]

    def __str__(self):
        return f"{self.municipality} {self.measured_on:%Y-%m-%d}"


class LabourDemandRow(models.Model):
    """Jobs and ads in one occupational area; the ranking is computed from the jobs."""

    snapshot = models.ForeignKey(
        LabourDemandSnapshot, on_delete=models.CASCADE, related_name="rows"
    )
    area = models.CharField(_("yrkesområde"), max_length=20, choices=OccupationalArea.choices)
    jobs = models.PositiveIntegerField(_("antal jobb"))
    ads = models.PositiveIntegerField(_("antal annonser"))
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("yrkesområde i rekryteringsbehovet")
        verbose_name_plural = _("yrkesområden i rekryteringsbehovet")
        ordering = ["snapshot", "-jobs", "-ads", "area"]
        constraints = [
            models.UniqueConstraint(fields=["snapshot", "area"], name="labour_demand_row_once"),
            # One ad can offer several jobs, never fewer than one (seed 003).
            models.CheckConstraint(
                condition=Q(jobs__gte=models.F("ads")), name="jobs_at_least_ads"
            ),
        ]

    def __str__(self):
        return f"{self.get_area_display()}: {self.jobs}/{self.ads}"
