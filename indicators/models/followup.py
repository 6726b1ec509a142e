"""Goals, gender-split indicators, half-year follow-up periods, measurements and reports."""

from decimal import Decimal

from django.conf import settings
from django.core.exceptions import ObjectDoesNotExist, ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import Q
from django.utils.functional import cached_property
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from agreements.models import Agreement, TargetGroup
from samverkan.models import Party


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
    half = models.PositiveSmallIntegerField(
        _("halvår"), choices=[(1, _("Första halvåret")), (2, _("Andra halvåret"))]
    )
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

    @cached_property
    def label(self):
        # Kept on the instance: a report names its 20 periods for each of its 30 indicators.
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
