"""Kartläggning: the rules for a snapshot's figures, the figures derived from them, and the
comparison of an agreement's municipalities side by side.

Derived figures (shares, rates per 1 000 inhabitants) are always computed here from the
entered counts, never typed: seed 003's own table of "andel arbetslösa som uppbär
försörjningsstöd" has Vaxholm at 13 persons where its statistics say 65.
"""

import hashlib
from dataclasses import dataclass, field
from decimal import ROUND_HALF_UP, Decimal

from django.db import transaction
from django.db.models import Prefetch
from django.utils.translation import gettext as _

from samverkan.models import Party

from .models import (
    LabourDemandRow,
    LabourDemandSnapshot,
    OccupationalArea,
    ProgrammeFigure,
    StatisticsSnapshot,
)

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
# Comparison of an agreement's municipalities
# ---------------------------------------------------------------------------------------------


@dataclass
class Comparison:
    municipalities: list[Party]
    dates: list
    date: object
    columns: list  # [(municipality, snapshot | None, DerivedFigures | None)]
    demand_dates: list
    demand_date: object
    demand_rows: list  # [(area label, [(jobs, ads, rank) | None per municipality])]
    demand_columns: list  # [(municipality, LabourDemandSnapshot | None)]
    table: list = field(default_factory=list)  # see comparison_table


def agreement_municipalities(agreement) -> list[Party]:
    """From ``agreement_parties`` prefetched by ``Agreement.objects.with_parties()``."""
    parties = [ap.party for ap in agreement.agreement_parties.all()]
    return sorted((p for p in parties if p.is_municipality), key=lambda p: p.name)


def _pick(dates, wanted):
    if wanted in dates:
        return wanted
    return dates[0] if dates else None


def compare(agreement, *, date=None, demand_date=None) -> Comparison:
    """The agreement's municipalities side by side, in a fixed number of queries."""
    municipalities = agreement_municipalities(agreement)
    ids = [m.pk for m in municipalities]
    dates = list(
        StatisticsSnapshot.objects.filter(municipality__in=ids)
        .order_by("-measured_on")
        .values_list("measured_on", flat=True)
        .distinct()
    )
    chosen = _pick(dates, date)
    snapshots = {}
    if chosen:
        snapshots = {
            s.municipality_id: s
            for s in StatisticsSnapshot.objects.filter(
                municipality__in=ids, measured_on=chosen
            ).prefetch_related(Prefetch("figures", queryset=ProgrammeFigure.objects.all()))
        }
    columns = []
    for municipality in municipalities:
        snapshot = snapshots.get(municipality.pk)
        columns.append((municipality, snapshot, derive(snapshot) if snapshot else None))

    demand_dates = list(
        LabourDemandSnapshot.objects.filter(municipality__in=ids)
        .order_by("-measured_on")
        .values_list("measured_on", flat=True)
        .distinct()
    )
    chosen_demand = _pick(demand_dates, demand_date)
    demand = {}
    if chosen_demand:
        demand = {
            s.municipality_id: s
            for s in LabourDemandSnapshot.objects.filter(
                municipality__in=ids, measured_on=chosen_demand
            ).prefetch_related("rows")
        }
    ranks: dict[int, dict[str, tuple]] = {}
    areas_total: dict[str, int] = {}
    for municipality_id, snapshot in demand.items():
        ranks[municipality_id] = {}
        for rank, row in ranked(snapshot):
            ranks[municipality_id][row.area] = (row.jobs, row.ads, rank)
            areas_total[row.area] = areas_total.get(row.area, 0) + row.jobs
    labels = dict(OccupationalArea.choices)
    demand_rows = [
        (labels[area], [ranks.get(m.pk, {}).get(area) for m in municipalities])
        for area in sorted(areas_total, key=lambda a: (-areas_total[a], str(labels[a])))
    ]
    return Comparison(
        municipalities=municipalities,
        dates=dates,
        date=chosen,
        columns=columns,
        demand_dates=demand_dates,
        demand_date=chosen_demand,
        demand_rows=demand_rows,
        demand_columns=[(m, demand.get(m.pk)) for m in municipalities],
        table=comparison_table(columns),
    )


def ranked_rows(snapshot: LabourDemandSnapshot) -> list[LabourDemandRow]:
    """Most jobs first, then most ads: the rank is computed, never typed."""
    return sorted(snapshot.rows.all(), key=lambda r: (-r.jobs, -r.ads, r.area))


def ranked(snapshot: LabourDemandSnapshot) -> list[tuple[int, LabourDemandRow]]:
    """(rank, row) with equal jobs and ads sharing a rank (1, 2, 2, 4)."""
    result = []
    for index, row in enumerate(ranked_rows(snapshot), start=1):
        previous = result[-1] if result else None
        if previous and (previous[1].jobs, previous[1].ads) == (row.jobs, row.ads):
            result.append((previous[0], row))
        else:
            result.append((index, row))
    return result


# ---------------------------------------------------------------------------------------------
# Services
# ---------------------------------------------------------------------------------------------


def statistics_snapshot_save(*, snapshot: StatisticsSnapshot, figures: dict, user):
    """Save a snapshot and its programmes' figures; unchanged rows are not written again.

    ``figures`` maps a programme to its counts (fields of ``PROGRAMME_FIELDS``); a programme
    with every count empty is removed."""
    with transaction.atomic():
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
    head = tuple(getattr(snapshot, name) for name in SNAPSHOT_FIELDS)
    return hashlib.sha256(repr((head, rows)).encode()).hexdigest()


def comparison_table(columns) -> list[tuple[str, list[tuple[str, str, list]]]]:
    """The comparison page's table: [(section, [(row label, format, [value per column])])].

    Formats: ``count`` (a whole number), ``parts`` (women / men / unknown), ``percent`` and
    ``rate`` (computed, one decimal)."""
    snapshots = [snapshot for _m, snapshot, _d in columns]
    derived = [d for _m, _s, d in columns]

    def figure(snapshot, programme):
        if snapshot is None:
            return None
        return next((f for f in snapshot.figures.all() if f.programme == programme), None)

    def attr(obj, name):
        return getattr(obj, name, None) if obj is not None else None

    sections = [
        (
            _("Befolkning"),
            [
                (_("Invånare"), "count", [attr(s, "population") for s in snapshots]),
                (
                    _("Som det anges i texten"),
                    "text",
                    [attr(s, "population_note") or None for s in snapshots],
                ),
            ],
        )
    ]
    for programme in ProgrammeFigure.Programme:
        figures = [figure(s, programme) for s in snapshots]
        rows = [
            (_("Totalt"), "count", [attr(f, "total") for f in figures]),
            (
                _("Kvinnor / män / okänt kön"),
                "parts",
                [
                    (attr(f, "women"), attr(f, "men"), attr(f, "unknown")) if f else None
                    for f in figures
                ],
            ),
        ]
        if programme != Programme.INCOME_SUPPORT:
            rows.append((_("Kortutbildade"), "count", [attr(f, "short_educated") for f in figures]))
            rows.append(
                (
                    _("Andel kortutbildade (beräknad)"),
                    "percent",
                    [
                        attr(d, "programme_short_share").get(programme) if d else None
                        for d in derived
                    ],
                )
            )
            rows.append(
                (
                    _("Med registrerad funktionsnedsättning"),
                    "count",
                    [attr(f, "disability_total") for f in figures],
                )
            )
        if programme == Programme.ESTABLISHMENT:
            rows.append(
                (
                    _("Omfattas av utbildningsplikt"),
                    "count",
                    [attr(f, "education_duty") for f in figures],
                )
            )
        if programme == Programme.OPEN_UNEMPLOYED:
            rows.append(
                (
                    _("Inga uppgifter om a-kassa"),
                    "count",
                    [attr(f, "no_insurance_info") for f in figures],
                )
            )
        sections.append((programme.label, rows))
    sections.append(
        (
            _("Beräknat"),
            [
                (
                    _("Arbetslösa (de tre programmen och öppet arbetslösa)"),
                    "count",
                    [attr(d, "unemployed") for d in derived],
                ),
                (
                    _("Andel av de arbetslösa som uppbär försörjningsstöd"),
                    "percent",
                    [attr(d, "income_support_share") for d in derived],
                ),
                (
                    _("Arbetslösa per 1 000 invånare"),
                    "rate",
                    [attr(d, "unemployed_per_thousand") for d in derived],
                ),
                (
                    _("Med försörjningsstöd per 1 000 invånare"),
                    "rate",
                    [attr(d, "income_support_per_thousand") for d in derived],
                ),
                (
                    _("Andel kvinnor bland de arbetslösa"),
                    "percent",
                    [attr(d, "women_share") for d in derived],
                ),
                (
                    _("Andel kortutbildade bland de arbetslösa"),
                    "percent",
                    [attr(d, "short_educated_share") for d in derived],
                ),
                (
                    _("Andel med registrerad funktionsnedsättning bland de arbetslösa"),
                    "percent",
                    [attr(d, "disability_share") for d in derived],
                ),
            ],
        )
    )
    return sections
