"""What the Kolada import keeps: published values, conflicts and runs."""

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from agreements.models import Agreement

from .followup import FollowUpPeriod, Indicator, Measurement


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


class KoladaLateValue(models.Model):
    """Kolada's value for a period whose report was already locked and had no value. The
    locked period never changes; the value is shown on the next period's report for a person
    to take up there. It goes away once the period has a value of its own."""

    indicator = models.ForeignKey(
        Indicator, on_delete=models.CASCADE, related_name="kolada_late_values"
    )
    period = models.ForeignKey(
        FollowUpPeriod, on_delete=models.CASCADE, related_name="kolada_late_values"
    )
    total = models.DecimalField(_("totalt"), max_digits=14, decimal_places=2, null=True)
    women = models.DecimalField(_("kvinnor"), max_digits=14, decimal_places=2, null=True)
    men = models.DecimalField(_("män"), max_digits=14, decimal_places=2, null=True)
    fetched_at = models.DateTimeField(_("hämtad"))

    class Meta:
        verbose_name = _("sent värde från Kolada")
        verbose_name_plural = _("sena värden från Kolada")
        ordering = ["period__year", "period__half", "indicator__position", "indicator__pk"]
        constraints = [
            models.UniqueConstraint(fields=["indicator", "period"], name="kolada_late_value_once")
        ]

    def __str__(self):
        return f"{self.indicator} {self.period}: {self.total}"


class KoladaKpi(models.Model):
    """What Kolada says about a KPI (its metadata), fetched with the import: the Swedish title
    and whether Kolada divides it by gender."""

    kpi = models.CharField(_("nyckeltal"), max_length=10, unique=True)
    title = models.CharField(_("titel i Kolada"), max_length=300)
    by_gender = models.BooleanField(_("könsuppdelat i Kolada"), default=False)
    fetched_at = models.DateTimeField(_("hämtad"))

    class Meta:
        verbose_name = _("nyckeltal i Kolada")
        verbose_name_plural = _("nyckeltal i Kolada")
        ordering = ["kpi"]

    def __str__(self):
        return f"{self.kpi} {self.title}"
