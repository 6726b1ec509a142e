"""The national template's guidance: what each of the nine sections must contain, the target
groups it suggests and, per target group, suggested indicators (with a Kolada KPI where one
measures it). Administrators edit it in the admin; the defaults come from a data migration."""

from django.core.validators import MaxValueValidator, MinValueValidator, RegexValidator
from django.db import models
from django.utils.translation import gettext_lazy as _

from .agreement import SECTION_HEADINGS, TargetGroup

validate_kolada_kpi = RegexValidator(
    r"^[NU]\d{5}$",
    _("Ett nyckeltal i Kolada skrivs som N eller U och fem siffror, till exempel N31807."),
)


class SectionGuidance(models.Model):
    """What the template asks of one section, shown beside the section's editor."""

    section = models.PositiveSmallIntegerField(
        _("avsnitt"),
        unique=True,
        choices=[(n, f"{n}. {h}") for n, h in SECTION_HEADINGS.items()],
        validators=[MinValueValidator(1), MaxValueValidator(9)],
    )
    guidance = models.TextField(
        _("vägledning"),
        help_text=_("Vad avsnittet ska innehålla. Enkel formatering går att använda."),
    )
    updated_at = models.DateTimeField(_("ändrad"), auto_now=True)

    class Meta:
        verbose_name = _("vägledning för avsnitt")
        verbose_name_plural = _("vägledning för avsnitten")
        ordering = ["section"]

    def __str__(self):
        return f"{self.section}. {SECTION_HEADINGS.get(self.section, '')}"


class TargetGroupGuidance(models.Model):
    """A target group the template suggests, with what to write about it."""

    target_group = models.OneToOneField(
        TargetGroup, on_delete=models.CASCADE, related_name="guidance", verbose_name=_("målgrupp")
    )
    guidance = models.TextField(_("vägledning"), blank=True)
    position = models.PositiveSmallIntegerField(_("ordning"), default=0)

    class Meta:
        verbose_name = _("föreslagen målgrupp")
        verbose_name_plural = _("föreslagna målgrupper")
        ordering = ["position", "pk"]

    def __str__(self):
        return str(self.target_group)


class IndicatorSuggestion(models.Model):
    """An indicator the template suggests for a target group."""

    target_group_guidance = models.ForeignKey(
        TargetGroupGuidance,
        on_delete=models.CASCADE,
        related_name="indicators",
        verbose_name=_("föreslagen målgrupp"),
    )
    name = models.CharField(_("indikator"), max_length=300)
    kolada_kpi = models.CharField(
        _("Kolada-nyckeltal"),
        max_length=10,
        blank=True,
        validators=[validate_kolada_kpi],
        help_text=_("Nyckeltalets id i Kolada, till exempel N31807."),
    )
    source_note = models.CharField(
        _("källa"),
        max_length=200,
        blank=True,
        help_text=_("Varifrån värdet kommer om det inte är Kolada."),
    )
    position = models.PositiveSmallIntegerField(_("ordning"), default=0)

    class Meta:
        verbose_name = _("föreslagen indikator")
        verbose_name_plural = _("föreslagna indikatorer")
        ordering = ["position", "pk"]

    def __str__(self):
        return self.name
