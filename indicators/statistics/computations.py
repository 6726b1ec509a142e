"""Kartläggning: the rules for a snapshot's figures, the figures derived from them, and the
service that saves a snapshot (the side-by-side comparison is in ``compare``).

Derived figures (shares, rates per 1 000 inhabitants) are always computed here from the
entered counts, never typed: seed 003's own table of "andel arbetslösa som uppbär
försörjningsstöd" has Vaxholm at 13 persons where its statistics say 65.
"""

from dataclasses import dataclass, field
from decimal import ROUND_HALF_UP, Decimal

from django.db import transaction
from django.utils.translation import gettext as _

from samverkan.concurrency import EditConflict, fingerprint, row_lock, rows_fingerprint

from ..models import LabourDemandSnapshot, ProgrammeFigure, StatisticsSnapshot

Programme = ProgrammeFigure.Programme

GENDER_FIELDS = ("women", "men", "unknown")
# Which counts seed 003 reports for which programme; the form offers only these.
PROGRAMME_FIELDS = {
    Programme.ESTABLISHMENT: (
        "total",
        "women",
        "men",
        "unknown",
        "short_educated",
        "education_duty",
        "disability_total",
        "disability_women",
        "disability_men",
    ),
    Programme.JOB_GUARANTEE: (
        "total",
        "women",
        "men",
        "unknown",
        "short_educated",
        "disability_total",
        "disability_women",
        "disability_men",
    ),
    Programme.YOUTH_GUARANTEE: (
        "total",
        "women",
        "men",
        "unknown",
        "short_educated",
        "disability_total",
        "disability_women",
        "disability_men",
    ),
    Programme.OPEN_UNEMPLOYED: (
        "total",
        "women",
        "men",
        "unknown",
        "short_educated",
        "no_insurance_info",
        "disability_total",
        "disability_women",
        "disability_men",
    ),
    Programme.INCOME_SUPPORT: ("total", "women", "men", "unknown"),
}
FIGURE_FIELDS = (
    "total",
    "women",
    "men",
    "unknown",
    "short_educated",
    "education_duty",
    "no_insurance_info",
    "disability_total",
    "disability_women",
    "disability_men",
)


def figure_errors(values: dict) -> dict[str, list[str]]:
    """The Swedish messages for one programme's counts, keyed by the field they belong to."""
    errors: dict[str, list[str]] = {}

    def add(name, message):
        errors.setdefault(name, []).append(message)

    for name in FIGURE_FIELDS:
        value = values.get(name)
        if value is not None and value < 0:
            add(name, _("Ett antal kan inte vara negativt."))
    if errors:
        return errors
    total = values.get("total")
    parts = [values.get(name) for name in GENDER_FIELDS]
    given = [p for p in parts if p is not None]
    if given and total is None:
        add("total", _("Ange totalt när kvinnor, män eller okänt kön är ifyllt."))
    elif given and all(p is not None for p in parts) and sum(given) != total:
        add(
            "total",
            _("Kvinnor, män och okänd könstillhörighet är tillsammans %(sum)s, inte %(total)s.")
            % {"sum": sum(given), "total": total},
        )
    elif given and sum(given) > total:
        add(
            "total",
            _("Kvinnor och män är tillsammans %(sum)s, fler än totalt %(total)s.")
            % {"sum": sum(given), "total": total},
        )
    for name, label in (
        ("short_educated", _("kortutbildade")),
        ("no_insurance_info", _("utan uppgift om a-kassa")),
        ("disability_total", _("med funktionsnedsättning")),
    ):
        value = values.get(name)
        if value is not None and total is not None and value > total:
            add(
                name,
                _("Det kan inte vara fler %(what)s (%(value)s) än totalt (%(total)s).")
                % {"what": label, "value": value, "total": total},
            )
    duty = values.get("education_duty")
    short = values.get("short_educated")
    if duty is not None:
        if short is not None and duty > short:
            add(
                "education_duty",
                _(
                    "Utbildningsplikten gäller kortutbildade: %(duty)s kan inte vara fler än "
                    "%(short)s kortutbildade."
                )
                % {"duty": duty, "short": short},
            )
        elif total is not None and duty > total:
            add(
                "education_duty",
                _("Det kan inte vara fler med utbildningsplikt (%(value)s) än totalt (%(total)s).")
                % {"value": duty, "total": total},
            )
    d_total, d_women, d_men = (
        values.get("disability_total"),
        values.get("disability_women"),
        values.get("disability_men"),
    )
    d_parts = [p for p in (d_women, d_men) if p is not None]
    if d_parts and d_total is None:
        add("disability_total", _("Ange totalt antal med funktionsnedsättning."))
    elif d_women is not None and d_men is not None and d_women + d_men != d_total:
        add(
            "disability_total",
            _("Kvinnor och män med funktionsnedsättning är tillsammans %(sum)s, inte %(total)s.")
            % {"sum": d_women + d_men, "total": d_total},
        )
    elif d_parts and sum(d_parts) > d_total:
        add(
            "disability_total",
            _("Kvinnor och män med funktionsnedsättning är fler än totalt %(total)s.")
            % {"total": d_total},
        )
    return errors


def percent(part, whole) -> Decimal | None:
    if part is None or not whole:
        return None
    return (Decimal(part) * 100 / Decimal(whole)).quantize(Decimal("0.1"), ROUND_HALF_UP)


def per_thousand(part, population) -> Decimal | None:
    if part is None or not population:
        return None
    return (Decimal(part) * 1000 / Decimal(population)).quantize(Decimal("0.1"), ROUND_HALF_UP)


def _sum_all(values):
    values = list(values)
    return None if not values or any(v is None for v in values) else sum(values)


@dataclass
class DerivedFigures:
    """What seed 003's reflections read from the counts, computed for one snapshot."""

    unemployed: int | None = None
    unemployed_women: int | None = None
    unemployed_men: int | None = None
    income_support: int | None = None
    income_support_share: Decimal | None = None
    unemployed_per_thousand: Decimal | None = None
    income_support_per_thousand: Decimal | None = None
    women_share: Decimal | None = None
    short_educated: int | None = None
    short_educated_share: Decimal | None = None
    education_duty_share: Decimal | None = None
    no_insurance_share: Decimal | None = None
    disability: int | None = None
    disability_share: Decimal | None = None
    programme_short_share: dict = field(default_factory=dict)


def derive(snapshot: StatisticsSnapshot) -> DerivedFigures:
    """Derived figures from a snapshot whose ``figures`` are prefetched (no queries)."""
    figures = {f.programme: f for f in snapshot.figures.all()}
    unemployment = [figures.get(p) for p in ProgrammeFigure.UNEMPLOYMENT]
    present = [f for f in unemployment if f is not None]
    complete = len(present) == len(unemployment)
    d = DerivedFigures()
    if complete:
        d.unemployed = _sum_all(f.total for f in present)
        d.unemployed_women = _sum_all(f.women for f in present)
        d.unemployed_men = _sum_all(f.men for f in present)
        d.short_educated = _sum_all(f.short_educated for f in present)
        d.disability = _sum_all(f.disability_total for f in present)
    income = figures.get(Programme.INCOME_SUPPORT)
    d.income_support = income.total if income else None
    d.income_support_share = percent(d.income_support, d.unemployed)
    d.unemployed_per_thousand = per_thousand(d.unemployed, snapshot.population)
    d.income_support_per_thousand = per_thousand(d.income_support, snapshot.population)
    d.women_share = percent(d.unemployed_women, d.unemployed)
    d.short_educated_share = percent(d.short_educated, d.unemployed)
    d.disability_share = percent(d.disability, d.unemployed)
    establishment = figures.get(Programme.ESTABLISHMENT)
    if establishment:
        d.education_duty_share = percent(establishment.education_duty, establishment.short_educated)
    open_unemployed = figures.get(Programme.OPEN_UNEMPLOYED)
    if open_unemployed:
        d.no_insurance_share = percent(open_unemployed.no_insurance_info, open_unemployed.total)
    for programme, figure in figures.items():
        d.programme_short_share[programme] = percent(figure.short_educated, figure.total)
    return d


def figure_warnings(snapshot: StatisticsSnapshot) -> list[str]:
    """Where stored figures break the rules (e.g. a source that does not add up)."""
    warnings = []
    for figure in snapshot.figures.all():
        values = {name: getattr(figure, name) for name in FIGURE_FIELDS}
        for messages in figure_errors(values).values():
            for message in messages:
                warnings.append(f"{figure.get_programme_display()}: {message}")
    return warnings


# ---------------------------------------------------------------------------------------------
# Services
# ---------------------------------------------------------------------------------------------


def statistics_snapshot_save(
    *, snapshot: StatisticsSnapshot, figures: dict, user, base_fingerprint: str | None = None
):
    """Save a snapshot and its programmes' figures; unchanged rows are not written again.

    ``figures`` maps a programme to its counts (fields of ``PROGRAMME_FIELDS``); a programme
    with every count empty is removed. With ``base_fingerprint`` (``figures_fingerprint`` when
    the form was opened) raises ``EditConflict`` if someone saved the snapshot meanwhile."""
    with transaction.atomic():
        if snapshot.pk is not None:
            locked = row_lock(snapshot)
            if base_fingerprint is not None and figures_fingerprint(locked) != base_fingerprint:
                raise EditConflict(locked)
        if snapshot.pk is None or _snapshot_changed(snapshot):
            if user is not None and user.is_authenticated:
                snapshot.entered_by = user
            snapshot.save()
        existing = {f.programme: f for f in snapshot.figures.all()}
        for programme, values in figures.items():
            figure = existing.get(programme)
            if all(v is None for v in values.values()):
                if figure is not None:
                    figure.delete()
                continue
            if figure is None:
                ProgrammeFigure.objects.create(snapshot=snapshot, programme=programme, **values)
            elif any(getattr(figure, k) != v for k, v in values.items()):
                for key, value in values.items():
                    setattr(figure, key, value)
                figure.save()
    return snapshot


SNAPSHOT_FIELDS = (
    "measured_on",
    "population",
    "population_on",
    "population_note",
    "source_note",
    "comment",
)


def _snapshot_changed(snapshot: StatisticsSnapshot) -> bool:
    stored = StatisticsSnapshot.objects.filter(pk=snapshot.pk).values(*SNAPSHOT_FIELDS).first()
    return stored is None or any(stored[k] != getattr(snapshot, k) for k in SNAPSHOT_FIELDS)


def figures_fingerprint(snapshot: StatisticsSnapshot | None) -> str:
    """A fingerprint of a snapshot's stored figures, for optimistic locking of the form."""
    if snapshot is None or snapshot.pk is None:
        return ""
    rows = sorted(
        ProgrammeFigure.objects.filter(snapshot=snapshot).values_list("programme", *FIGURE_FIELDS)
    )
    return rows_fingerprint([fingerprint(snapshot, SNAPSHOT_FIELDS), *rows])


DEMAND_FIELDS = ("measured_on", "source_note")


def demand_fingerprint(snapshot: LabourDemandSnapshot | None) -> str:
    """A fingerprint of a labour-demand snapshot and its rows, for optimistic locking."""
    if snapshot is None or snapshot.pk is None:
        return ""
    rows = sorted(snapshot.rows.values_list("area", "jobs", "ads"))
    return rows_fingerprint([fingerprint(snapshot, DEMAND_FIELDS), *rows])


def labour_demand_snapshot_save(
    *, snapshot: LabourDemandSnapshot, rows, user, base_fingerprint: str | None = None
) -> LabourDemandSnapshot:
    """Save a labour-demand snapshot and its rows (a bound, valid formset of
    ``LabourDemandRow``) under the snapshot's row lock.

    With ``base_fingerprint`` (``demand_fingerprint`` when the form was opened) raises
    ``EditConflict`` if someone saved the snapshot or its rows meanwhile."""
    with transaction.atomic():
        if snapshot.pk is not None:
            locked = row_lock(snapshot)
            if base_fingerprint is not None and demand_fingerprint(locked) != base_fingerprint:
                raise EditConflict(locked)
        if user is not None and user.is_authenticated:
            snapshot.entered_by = user
        snapshot.save()
        rows.instance = snapshot
        rows.save()
    return snapshot
