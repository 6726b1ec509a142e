"""Goals, gender-split indicators, half-year follow-up periods, measurements and reports."""

from decimal import Decimal

from django.conf import settings
from django.core.exceptions import ObjectDoesNotExist, ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from agreements.models import Agreement, TargetGroup
from samverkan.models import Party
from samverkan.validators import validate_portal_date


class Goal(models.Model):
    """An overarching goal (övergripande mål) of an agreement, optionally for one target group."""

    agreement = models.ForeignKey(Agreement, on_delete=models.CASCADE, related_name="goals")
    target_group = models.ForeignKey(
        TargetGroup,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("målgrupp"),
    )
    number = models.CharField(
        _("nummer"), max_length=10, blank=True, help_text=_("Till exempel 4.2.")
    )
    title = models.CharField(_("mål"), max_length=500)
    description = models.TextField(_("beskrivning"), blank=True)
    position = models.PositiveSmallIntegerField(_("ordning"), default=0)
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("mål")
        verbose_name_plural = _("mål")
        ordering = ["agreement", "position", "pk"]

    def __str__(self):
        return self.title


class Indicator(models.Model):
    """What a goal is followed up by: a quantity with a direction, a source and a rhythm."""

    class Unit(models.TextChoices):
        COUNT = "count", _("Antal")
        PERCENT = "percent", _("Procent")

    class Direction(models.TextChoices):
        INCREASE = "increase", _("Ska öka")
        DECREASE = "decrease", _("Ska minska")
        AT_LEAST = "at_least", _("Minst")
        AT_MOST = "at_most", _("Högst")
        ZERO = "zero", _("Noll")

    class Source(models.TextChoices):
        KOLADA = "kolada", _("Kolada")
        EMPLOYMENT_SERVICE = "af", _("Arbetsförmedlingen")
        LABOUR_MARKET_UNIT = "municipality", _("Kommunens arbetsmarknadsenhet")
        ADULT_EDUCATION = "adult_education", _("Vuxenutbildningen")
        SCB = "scb", _("SCB")
        SURVEY = "survey", _("Enkät")
        OTHER = "other", _("Annan källa")

    class Frequency(models.TextChoices):
        YEARLY = "yearly", _("Årligen")
        HALF_YEARLY = "half_yearly", _("Varje halvår")
        BEFORE_STEERING_MEETING = "steering", _("Inför varje styrgruppsmöte")

    goal = models.ForeignKey(Goal, on_delete=models.CASCADE, related_name="indicators")
    name = models.CharField(_("indikator"), max_length=500)
    unit = models.CharField(_("enhet"), max_length=10, choices=Unit.choices, default=Unit.COUNT)
    direction = models.CharField(_("riktning"), max_length=10, choices=Direction.choices)
    baseline_value = models.DecimalField(
        _("utgångsvärde"), max_digits=12, decimal_places=2, null=True, blank=True
    )
    baseline_label = models.CharField(
        _("utgångsvärdets period"),
        max_length=50,
        blank=True,
        help_text=_("Till exempel ”december 2022”."),
    )
    target_value = models.DecimalField(
        _("målvärde"), max_digits=12, decimal_places=2, null=True, blank=True
    )
    target_year = models.PositiveSmallIntegerField(_("målår"), null=True, blank=True)
    source = models.CharField(_("datakälla"), max_length=20, choices=Source.choices)
    kolada_kpi = models.CharField(
        _("Kolada-nyckeltal"),
        max_length=10,
        blank=True,
        help_text=_("Nyckeltalets id i Kolada, till exempel N00930."),
    )
    source_note = models.CharField(
        _("om källan"),
        max_length=300,
        blank=True,
        help_text=_("Till exempel ”Mäts årligen via Kolada”."),
    )
    frequency = models.CharField(
        _("frekvens"), max_length=12, choices=Frequency.choices, default=Frequency.HALF_YEARLY
    )
    responsible_party = models.ForeignKey(
        Party,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("ansvarig part"),
    )
    by_gender = models.BooleanField(_("redovisas för kvinnor och män"), default=True)
    position = models.PositiveSmallIntegerField(_("ordning"), default=0)
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("indikator")
        verbose_name_plural = _("indikatorer")
        ordering = ["goal", "position", "pk"]
        constraints = [
            models.CheckConstraint(
                condition=~Q(source="kolada") | ~Q(kolada_kpi=""),
                name="indicator_kolada_has_kpi",
            )
        ]

    def __str__(self):
        return self.name

    @property
    def target_lead(self) -> str:
        """The direction as it reads before the target value: ``Ska öka till`` 30."""
        if self.target_value is not None:
            if self.direction == self.Direction.INCREASE:
                return str(_("Ska öka till"))
            if self.direction == self.Direction.DECREASE:
                return str(_("Ska minska till"))
        return str(self.get_direction_display())


class FollowUpPeriod(models.Model):
    """A half-year of an agreement's follow-up: H1 is reported by the end of August, H2 by
    the end of January (seed 002, section 7); each agreement can move its deadlines."""

    agreement = models.ForeignKey(
        Agreement, on_delete=models.CASCADE, related_name="followup_periods"
    )
    year = models.PositiveSmallIntegerField(_("år"))
    half = models.PositiveSmallIntegerField(_("halvår"), choices=[(1, _("H1")), (2, _("H2"))])
    starts_on = models.DateField(_("från"))
    ends_on = models.DateField(_("till"))
    deadline = models.DateField(_("rapporteras senast"))

    class Meta:
        verbose_name = _("uppföljningsperiod")
        verbose_name_plural = _("uppföljningsperioder")
        ordering = ["agreement", "year", "half"]
        constraints = [
            models.UniqueConstraint(
                fields=["agreement", "year", "half"], name="followup_period_once"
            )
        ]

    def __str__(self):
        return str(self.label)

    @property
    def label(self):
        text = _("Första halvåret %(year)s") if self.half == 1 else _("Andra halvåret %(year)s")
        return text % {"year": self.year}

    @property
    def is_locked(self) -> bool:
        """Whether the period's report is submitted or approved (FollowUpReport.is_locked)."""
        try:
            report = self.report
        except ObjectDoesNotExist:
            return False
        return report.is_locked


class MeasurementLocked(ValidationError):
    """A write to the values of a period whose report is submitted or approved: those values
    are the record a section chief reviews, so nothing may change them until it is sent back."""

    def __init__(self, period: "FollowUpPeriod | None" = None):
        if period is None:
            message = _(
                "Värdet kan inte ändras: halvårsrapporten är inskickad eller granskad och "
                "värdena är låsta."
            )
        else:
            message = _(
                "Värdena för %(period)s kan inte ändras: halvårsrapporten är inskickad eller "
                "granskad och värdena är låsta."
            ) % {"period": period.label}
        super().__init__(message, code="period_locked")


class Measurement(models.Model):
    """An indicator's value for one period: aggregates only, never data on a person."""

    class Origin(models.TextChoices):
        MANUAL = "manual", _("Inmatat")
        IMPORT = "import", _("Importerat från fil")
        KOLADA = "kolada", _("Hämtat från Kolada")
        DEMO = "demo", _("Demovärde")

    indicator = models.ForeignKey(Indicator, on_delete=models.CASCADE, related_name="measurements")
    period = models.ForeignKey(
        FollowUpPeriod, on_delete=models.CASCADE, related_name="measurements"
    )
    total = models.DecimalField(_("totalt"), max_digits=12, decimal_places=2, null=True, blank=True)
    women = models.DecimalField(
        _("kvinnor"), max_digits=12, decimal_places=2, null=True, blank=True
    )
    men = models.DecimalField(_("män"), max_digits=12, decimal_places=2, null=True, blank=True)
    unknown = models.DecimalField(
        _("okänt kön"), max_digits=12, decimal_places=2, null=True, blank=True
    )
    comment = models.TextField(_("kommentar"), blank=True)
    source_note = models.CharField(_("källa"), max_length=300, blank=True)
    origin = models.CharField(
        _("ursprung"), max_length=10, choices=Origin.choices, default=Origin.MANUAL
    )
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

    class Meta:
        verbose_name = _("utfall")
        verbose_name_plural = _("utfall")
        constraints = [
            models.UniqueConstraint(fields=["indicator", "period"], name="measurement_once"),
            models.CheckConstraint(
                condition=(Q(total__gte=0) | Q(total__isnull=True))
                & (Q(women__gte=0) | Q(women__isnull=True))
                & (Q(men__gte=0) | Q(men__isnull=True))
                & (Q(unknown__gte=0) | Q(unknown__isnull=True)),
                name="measurement_not_negative",
            ),
        ]

    def __str__(self):
        return f"{self.indicator} {self.period}: {self.total}"

    # Every write goes through indicators.services (measurement_save, measurement_store,
    # measurement_delete), which take the period's row lock first. These guards are the last
    # line: a path written later that forgets the service still cannot change a locked period.
    def save(self, *args, **kwargs):
        if FollowUpReport.period_locked(self.period_id):
            raise MeasurementLocked(self.period)
        super().save(*args, **kwargs)

    def delete(self, *args, **kwargs):
        if FollowUpReport.period_locked(self.period_id):
            raise MeasurementLocked(self.period)
        return super().delete(*args, **kwargs)

    @property
    def parts_sum(self) -> Decimal | None:
        parts = [p for p in (self.women, self.men, self.unknown) if p is not None]
        return sum(parts, Decimal(0)) if parts else None


class FollowUpReport(models.Model):
    """The operative group's half-year report (halvårsuppföljning) for one agreement and period.

    utkast → inskickad (by an official of a party) → granskad (approved by a section chief of a
    party's Arbetsförmedlingen unit) or återremitterad (sent back with a comment)."""

    class Status(models.TextChoices):
        DRAFT = "draft", _("Utkast")
        SUBMITTED = "submitted", _("Inskickad")
        APPROVED = "approved", _("Granskad")
        RETURNED = "returned", _("Återremitterad")

    # The one definition of "the report is locked": submitted for review or approved. Its
    # period's values, and its analysis, are then the record and refuse every write.
    LOCKED_STATUSES = (Status.SUBMITTED, Status.APPROVED)

    agreement = models.ForeignKey(
        Agreement, on_delete=models.CASCADE, related_name="followup_reports"
    )
    period = models.OneToOneField(FollowUpPeriod, on_delete=models.CASCADE, related_name="report")
    status = models.CharField(
        _("status"), max_length=10, choices=Status.choices, default=Status.DRAFT, db_index=True
    )
    analysis = models.TextField(_("analys"), blank=True)
    submitted_at = models.DateTimeField(_("inskickad"), null=True, blank=True)
    updated_at = models.DateTimeField(_("ändrad"), auto_now=True)
    history = HistoricalRecords(excluded_fields=["updated_at"])

    class Meta:
        verbose_name = _("halvårsuppföljning")
        verbose_name_plural = _("halvårsuppföljningar")
        ordering = ["agreement", "period__year", "period__half"]

    def __str__(self):
        return f"{self.agreement} – {self.period}"

    @property
    def is_locked(self) -> bool:
        """Submitted or approved: the period's values and the analysis refuse every write."""
        return self.status in self.LOCKED_STATUSES

    @classmethod
    def period_locked(cls, period_id) -> bool:
        """Whether the report of the period ``period_id`` is locked (one query)."""
        return cls.objects.filter(period_id=period_id, status__in=cls.LOCKED_STATUSES).exists()


class ReportEvent(models.Model):
    """One step of a report's review: who did what, when, with which comment."""

    class Action(models.TextChoices):
        SUBMITTED = "submitted", _("Skickade in")
        APPROVED = "approved", _("Godkände")
        RETURNED = "returned", _("Återremitterade")
        REOPENED = "reopened", _("Öppnade för ändring")

    report = models.ForeignKey(FollowUpReport, on_delete=models.CASCADE, related_name="events")
    action = models.CharField(_("händelse"), max_length=10, choices=Action.choices)
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+", verbose_name=_("av")
    )
    comment = models.TextField(_("kommentar"), blank=True)
    created_at = models.DateTimeField(_("tidpunkt"), auto_now_add=True)

    class Meta:
        verbose_name = _("händelse i granskningen")
        verbose_name_plural = _("händelser i granskningen")
        ordering = ["created_at", "pk"]

    def __str__(self):
        return f"{self.get_action_display()} {self.created_at:%Y-%m-%d}"

    @property
    def by_label(self) -> str:
        """The step as the report's history reads it: ``Inskickad av``, ``Godkänd av``."""
        labels = {
            self.Action.SUBMITTED: _("Inskickad av"),
            self.Action.APPROVED: _("Godkänd av"),
            self.Action.RETURNED: _("Återremitterad av"),
            self.Action.REOPENED: _("Öppnad för ändring av"),
        }
        return str(labels.get(self.action, self.get_action_display()))


# ---------------------------------------------------------------------------------------------
# Kartläggning (statistics snapshots and labour demand) and the Kolada import.
# Owned by the statistics/Kolada feature: indicators/statistics.py, indicators/kolada.py.
# ---------------------------------------------------------------------------------------------


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
    from agreements.models import AgreementParty

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
        from django.urls import reverse

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


class KoladaValue(models.Model):
    """A value as Kolada published it, per KPI, municipality and year (T, K and M).

    Kept so an import can tell "unchanged" from "changed" without touching measurements, and
    so agreements with several municipalities can show each municipality's value."""

    kpi = models.CharField(_("nyckeltal"), max_length=10)
    municipality_code = models.CharField(_("kommunkod"), max_length=4)
    year = models.PositiveSmallIntegerField(_("år"))
    total = models.DecimalField(_("totalt"), max_digits=14, decimal_places=2, null=True)
    women = models.DecimalField(_("kvinnor"), max_digits=14, decimal_places=2, null=True)
    men = models.DecimalField(_("män"), max_digits=14, decimal_places=2, null=True)
    fetched_at = models.DateTimeField(_("hämtad"))

    class Meta:
        verbose_name = _("värde från Kolada")
        verbose_name_plural = _("värden från Kolada")
        ordering = ["kpi", "municipality_code", "year"]
        constraints = [
            models.UniqueConstraint(
                fields=["kpi", "municipality_code", "year"], name="kolada_value_once"
            )
        ]

    def __str__(self):
        return f"{self.kpi} {self.municipality_code} {self.year}: {self.total}"


class KoladaConflict(models.Model):
    """Kolada disagrees with a value a person entered. The import never overwrites it: a
    person settles the conflict by keeping their own value or taking Kolada's."""

    class Resolution(models.TextChoices):
        KEEP = "keep", _("Behöll eget värde")
        TAKE = "take", _("Tog Koladas värde")

    measurement = models.ForeignKey(
        Measurement, on_delete=models.CASCADE, related_name="kolada_conflicts"
    )
    kolada_total = models.DecimalField(
        _("Kolada, totalt"), max_digits=14, decimal_places=2, null=True
    )
    kolada_women = models.DecimalField(
        _("Kolada, kvinnor"), max_digits=14, decimal_places=2, null=True
    )
    kolada_men = models.DecimalField(_("Kolada, män"), max_digits=14, decimal_places=2, null=True)
    created_at = models.DateTimeField(_("upptäckt"), auto_now_add=True)
    resolved_at = models.DateTimeField(_("avgjord"), null=True, blank=True)
    resolved_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("avgjord av"),
    )
    resolution = models.CharField(_("beslut"), max_length=4, choices=Resolution.choices, blank=True)

    class Meta:
        verbose_name = _("konflikt med Kolada")
        verbose_name_plural = _("konflikter med Kolada")
        ordering = ["-created_at", "pk"]
        constraints = [
            # At most one open conflict per measurement: a newer Kolada value updates it.
            models.UniqueConstraint(
                fields=["measurement"],
                condition=Q(resolved_at__isnull=True),
                name="kolada_conflict_one_open",
            ),
            models.CheckConstraint(
                condition=Q(resolved_at__isnull=True, resolution="")
                | (Q(resolved_at__isnull=False) & ~Q(resolution="")),
                name="kolada_conflict_resolution_complete",
            ),
        ]

    def __str__(self):
        return f"{self.measurement}: Kolada {self.kolada_total}"

    @property
    def is_open(self) -> bool:
        return self.resolved_at is None


class KoladaImportRun(models.Model):
    """One run of the Kolada import, for one agreement or all: what it did and what failed.

    Ordered from the portal, the row comes first (waiting) and the message second, so an
    order made while Redis is down is run by the sweep when it returns."""

    class Status(models.TextChoices):
        WAITING = "waiting", _("Beställd")
        RUNNING = "running", _("Pågår")
        FINISHED = "finished", _("Klar")

    agreement = models.ForeignKey(
        Agreement,
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="kolada_runs",
        verbose_name=_("överenskommelse"),
    )
    status = models.CharField(
        _("status"), max_length=10, choices=Status.choices, default=Status.WAITING
    )
    # Ordered, then when a worker took it (a run claimed long ago and not finished was
    # abandoned by a dead worker: the sweep hands it over again).
    started_at = models.DateTimeField(_("startad"))
    claimed_at = models.DateTimeField(_("påbörjad"), null=True, blank=True)
    finished_at = models.DateTimeField(_("klar"), null=True, blank=True)
    created = models.PositiveIntegerField(_("nya utfall"), default=0)
    updated = models.PositiveIntegerField(_("ändrade utfall"), default=0)
    unchanged = models.PositiveIntegerField(_("oförändrade utfall"), default=0)
    conflicts = models.PositiveIntegerField(_("nya konflikter"), default=0)
    messages = models.JSONField(_("meddelanden"), default=list, blank=True)
    errors = models.JSONField(_("fel"), default=list, blank=True)

    class Meta:
        verbose_name = _("hämtning från Kolada")
        verbose_name_plural = _("hämtningar från Kolada")
        ordering = ["-started_at", "-pk"]

    def __str__(self):
        return f"Kolada {self.started_at:%Y-%m-%d %H:%M}"


class FollowUpSettings(models.Model):
    """An agreement's own deadlines for the half-year follow-up, where they differ from the
    defaults (H1 by 31 August, H2 by 31 January the year after)."""

    agreement = models.OneToOneField(
        Agreement, on_delete=models.CASCADE, related_name="followup_settings"
    )
    h1_deadline_month = models.PositiveSmallIntegerField(
        _("första halvåret: månad"),
        default=8,
        validators=[MinValueValidator(7), MaxValueValidator(12)],
        help_text=_("Månad (7–12) då första halvåret ska vara rapporterat."),
    )
    h1_deadline_day = models.PositiveSmallIntegerField(
        _("första halvåret: dag"),
        default=31,
        validators=[MinValueValidator(1), MaxValueValidator(31)],
    )
    h2_deadline_month = models.PositiveSmallIntegerField(
        _("andra halvåret: månad"),
        default=1,
        validators=[MinValueValidator(1), MaxValueValidator(12)],
        help_text=_("Månad då andra halvåret ska vara rapporterat; januari–juni avser året efter."),
    )
    h2_deadline_day = models.PositiveSmallIntegerField(
        _("andra halvåret: dag"),
        default=31,
        validators=[MinValueValidator(1), MaxValueValidator(31)],
    )
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("inställning för uppföljning")
        verbose_name_plural = _("inställningar för uppföljning")

    def __str__(self):
        return str(self.agreement)
