"""Kartläggning: an agreement's municipalities side by side, in a fixed number of queries.

Every share, rate and rank on the page is computed here (through ``statistics.derive``) from
the entered counts; nothing derived is ever typed."""

from dataclasses import dataclass, field

from django.db.models import Prefetch
from django.utils.translation import gettext as _

from samverkan.models import Party

from ..models import (
    LabourDemandRow,
    LabourDemandSnapshot,
    OccupationalArea,
    ProgrammeFigure,
    StatisticsSnapshot,
)
from .computations import Programme, derive


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
