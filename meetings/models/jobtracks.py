"""Jobbspår: employer-linked training tracks and their outcomes, as aggregates only."""

from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Count, F, Q, Sum
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from agreements.models import Agreement
from samverkan.models import Party
from samverkan.validators import validate_portal_date

from .groups import AgreementOwnedQuerySet

# The regional goal (seed 000): "Minst 80 procent av deltagarna ska få ett arbete efter
# avslutat jobbspår".
EMPLOYMENT_GOAL_PERCENT = 80

OUTCOME_STAGES = ("started", "completed", "employed")


class JobTrackQuerySet(AgreementOwnedQuerySet):
    def outcome_totals(self):
        """Sums of the outcomes, the employed share and the employers: one aggregate query.
        It also counts the rows of ``outcomes_by_agreement`` and ``outcomes_by_municipality``
        (tracks without a municipality are one row), so their pages need no COUNT."""
        sums = {
            f"{stage}_{part}": Sum(f"{stage}_{part}")
            for stage in OUTCOME_STAGES
            for part in ("total", "women", "men")
        }
        totals = self.aggregate(
            **sums,
            tracks=Count("pk"),
            employers=Count("employer", distinct=True, filter=~Q(employer="")),
            demo_tracks=Count("pk", filter=Q(outcomes_are_demo=True)),
            agreements=Count("agreement", distinct=True),
            municipalities=Count("workplace_municipality", distinct=True),
            without_municipality=Count("pk", filter=Q(workplace_municipality__isnull=True)),
        )
        totals["municipalities"] += bool(totals["without_municipality"])
        return totals

    def _outcomes_by(self, key: str):
        return (
            self.values(key, label=F(f"{key}__{'title' if key == 'agreement' else 'name'}"))
            .annotate(
                tracks=Count("pk"),
                started=Sum("started_total"),
                completed=Sum("completed_total"),
                employed=Sum("employed_total"),
                employers=Count("employer", distinct=True, filter=~Q(employer="")),
                demo_tracks=Count("pk", filter=Q(outcomes_are_demo=True)),
            )
            .order_by("label")
        )

    def outcomes_by_agreement(self):
        """Outcomes summed per agreement, in one grouped query."""
        return self._outcomes_by("agreement")

    def outcomes_by_municipality(self):
        """The same, per workplace municipality."""
        return self._outcomes_by("workplace_municipality")


def employment_share(employed, completed) -> float | None:
    """Share employed after a completed jobbspår, in percent; None before anyone completed."""
    if not completed:
        return None
    return round(100 * (employed or 0) / completed, 1)


class JobTrack(models.Model):
    """A jobbspår (seed 003): training towards jobs with a named employer, run by a
    kompetensteam, with outcomes counted per track for women and men, never per person."""

    class EmploymentForm(models.TextChoices):
        PERMANENT = "tillsvidare", _("Tillsvidareanställning")
        EXTRA = "extratjanst", _("Extratjänst")
        NEW_START = "nystartsjobb", _("Nystartsjobb")
        SUBSIDISED = "anstallningsstod", _("Anställningsstöd")

    class Status(models.TextChoices):
        PLANNING = "planning", _("Planering")
        ONGOING = "ongoing", _("Pågående")
        FINISHED = "finished", _("Avslutat")
        POSTPONED = "postponed", _("Framskjutet")

    class Basis(models.TextChoices):
        LETTER_OF_INTENT = "avsiktsforklaring", _("Avsiktsförklaring (Af är utbildningsanordnare)")
        SUPPLIER_CONTRACT = "leverantorsavtal", _("Leverantörsavtal (kommunen utbildar)")

    agreement = models.ForeignKey(
        Agreement,
        on_delete=models.CASCADE,
        related_name="job_tracks",
        verbose_name=_("överenskommelse"),
    )
    name = models.CharField(_("namn"), max_length=200, help_text=_("Till exempel ”Bussförare”."))
    employer = models.CharField(_("arbetsgivare"), max_length=200, blank=True)
    occupational_area = models.CharField(_("yrkesområde"), max_length=200, blank=True)
    employment_from = models.CharField(
        _("anställning från"),
        max_length=100,
        blank=True,
        help_text=_("Till exempel ”Efter avslutad utbildning” eller ”Våren 2021”."),
    )
    employment_form = models.CharField(
        _("anställningsform"), max_length=20, choices=EmploymentForm.choices, blank=True
    )
    employment_note = models.CharField(
        _("om anställningen"),
        max_length=200,
        blank=True,
        help_text=_("Till exempel ”6 månaders provanställning”."),
    )
    workplace_municipality = models.ForeignKey(
        Party,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        limit_choices_to={"kind": Party.Kind.MUNICIPALITY},
        verbose_name=_("anställningsort (kommun)"),
    )
    workplace_note = models.CharField(_("om anställningsorten"), max_length=200, blank=True)
    training_provider = models.CharField(_("utbildningsanordnare"), max_length=200, blank=True)
    training = models.CharField(
        _("utbildning"),
        max_length=300,
        blank=True,
        help_text=_("Till exempel ”AUB via Af, 2 v FUB följt av 12 v AUB”."),
    )
    planned_places = models.PositiveSmallIntegerField(_("planerade platser"), null=True, blank=True)
    status = models.CharField(
        _("status"), max_length=20, choices=Status.choices, default=Status.PLANNING
    )
    start_date = models.DateField(
        _("startdatum"), null=True, blank=True, validators=[validate_portal_date]
    )
    end_date = models.DateField(
        _("slutdatum"), null=True, blank=True, validators=[validate_portal_date]
    )
    basis = models.CharField(_("grund"), max_length=20, choices=Basis.choices, blank=True)
    started_total = models.PositiveIntegerField(_("påbörjat, totalt"), default=0)
    started_women = models.PositiveIntegerField(_("påbörjat, kvinnor"), default=0)
    started_men = models.PositiveIntegerField(_("påbörjat, män"), default=0)
    completed_total = models.PositiveIntegerField(_("fullföljt, totalt"), default=0)
    completed_women = models.PositiveIntegerField(_("fullföljt, kvinnor"), default=0)
    completed_men = models.PositiveIntegerField(_("fullföljt, män"), default=0)
    employed_total = models.PositiveIntegerField(_("anställda efteråt, totalt"), default=0)
    employed_women = models.PositiveIntegerField(_("anställda efteråt, kvinnor"), default=0)
    employed_men = models.PositiveIntegerField(_("anställda efteråt, män"), default=0)
    # The demo loader invents outcomes for tracks the seeds only plan; every page that shows
    # them says so. Typing real outcomes (JobTrackForm) clears the mark.
    outcomes_are_demo = models.BooleanField(_("påhittade demovärden"), default=False)
    created_at = models.DateTimeField(_("skapad"), auto_now_add=True)
    updated_at = models.DateTimeField(_("ändrad"), auto_now=True)
    history = HistoricalRecords(excluded_fields=["updated_at"])

    objects = JobTrackQuerySet.as_manager()

    class Meta:
        verbose_name = _("jobbspår")
        verbose_name_plural = _("jobbspår")
        ordering = ["agreement_id", "name", "pk"]
        constraints = [
            models.CheckConstraint(
                condition=Q(completed_total__lte=F("started_total"))
                & Q(employed_total__lte=F("completed_total")),
                name="job_track_outcomes_funnel",
            ),
            models.CheckConstraint(
                condition=Q(end_date__isnull=True)
                | Q(start_date__isnull=True)
                | Q(end_date__gte=F("start_date")),
                name="job_track_end_after_start",
            ),
        ]

    def __str__(self):
        return self.name

    def get_absolute_url(self):
        return reverse("jobbspar:detail", kwargs={"pk": self.pk})

    @property
    def employment_share(self):
        return employment_share(self.employed_total, self.completed_total)

    def clean(self):
        errors = {}
        if self.start_date and self.end_date and self.end_date < self.start_date:
            errors["end_date"] = _("Slutdatumet kan inte vara före startdatumet.")
        labels = {"started": _("påbörjat"), "completed": _("fullföljt"), "employed": _("anställda")}
        for stage in OUTCOME_STAGES:
            total, women, men = (
                getattr(self, f"{stage}_{part}") or 0 for part in ("total", "women", "men")
            )
            if women + men > total:
                errors[f"{stage}_total"] = _(
                    "Kvinnor och män (%(sum)s) kan inte vara fler än totalt %(stage)s (%(total)s)."
                ) % {"sum": women + men, "stage": labels[stage], "total": total}
        for earlier, later in (("started", "completed"), ("completed", "employed")):
            for part in ("total", "women", "men"):
                before = getattr(self, f"{earlier}_{part}") or 0
                after = getattr(self, f"{later}_{part}") or 0
                if after > before and f"{later}_{part}" not in errors:
                    errors[f"{later}_{part}"] = _(
                        "Kan inte vara fler än %(earlier)s (%(before)s)."
                    ) % {"earlier": labels[earlier], "before": before}
        if errors:
            raise ValidationError(errors)


class CompetenceTeamMember(models.Model):
    """A seat in a jobbspår's kompetensteam: municipality, Af, training provider, employer."""

    job_track = models.ForeignKey(JobTrack, on_delete=models.CASCADE, related_name="team_members")
    role = models.CharField(_("roll"), max_length=200)
    organisation = models.CharField(_("organisation"), max_length=200)
    position = models.PositiveSmallIntegerField(_("ordning"), default=0)
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("medlem i kompetensteam")
        verbose_name_plural = _("kompetensteam")
        ordering = ["position", "pk"]

    def __str__(self):
        return f"{self.role}, {self.organisation}"
