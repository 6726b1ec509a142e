"""Scale data for the follow-up (``manage.py seed_scale``): per agreement six goals with five
indicators each, twenty half-years 2016–2025 with a report, a value for every indicator and
period split by women, men and unknown gender; and kartläggning for every municipality.
Aggregates only: counts and shares, never a person."""

from datetime import date
from decimal import Decimal

from samverkan.scale import (
    BATCH,
    SCALE_MARK,
    ScaleContext,
    ScaleSeeder,
    copy_rows,
    register_scale_seeder,
)

from .models import (
    FollowUpPeriod,
    FollowUpReport,
    Goal,
    Indicator,
    Measurement,
    ProgrammeFigure,
    StatisticsSnapshot,
)

GOALS = 6
INDICATORS_PER_GOAL = 5
YEARS = range(2016, 2026)
SOURCES = (
    Indicator.Source.LABOUR_MARKET_UNIT,
    Indicator.Source.EMPLOYMENT_SERVICE,
    Indicator.Source.ADULT_EDUCATION,
    Indicator.Source.SCB,
)


def _period_dates(year: int, half: int) -> tuple[date, date, date]:
    if half == 1:
        return date(year, 1, 1), date(year, 6, 30), date(year, 8, 31)
    return date(year, 7, 1), date(year, 12, 31), date(year + 1, 1, 31)


def seed_followup(ctx: ScaleContext) -> None:
    rng = ctx.rng
    goals = []
    for agreement in ctx.agreements:
        for number in range(GOALS):
            goals.append(
                Goal(
                    agreement=agreement,
                    number=str(number + 1),
                    title=f"Påhittat mål {number + 1}: fler i arbete eller studier",
                    position=number,
                )
            )
    goals = Goal.objects.bulk_create(goals, batch_size=BATCH)

    indicators = []
    for goal in goals:
        parties = ctx.agreement_parties[goal.agreement_id]
        for number in range(INDICATORS_PER_GOAL):
            percent = number == 4
            indicators.append(
                Indicator(
                    goal=goal,
                    name=f"Påhittad indikator {goal.number}.{number + 1}",
                    unit=Indicator.Unit.PERCENT if percent else Indicator.Unit.COUNT,
                    direction=Indicator.Direction.AT_LEAST
                    if percent
                    else Indicator.Direction.INCREASE,
                    baseline_value=Decimal(40 if percent else 100),
                    baseline_label="december 2015",
                    target_value=Decimal(60 if percent else 150),
                    target_year=2026,
                    source=SOURCES[number % len(SOURCES)],
                    source_note=f"Påhittad källa ({SCALE_MARK})",
                    responsible_party=parties[number % len(parties)],
                    by_gender=True,
                    position=number,
                )
            )
    indicators = Indicator.objects.bulk_create(indicators, batch_size=BATCH)
    by_agreement: dict[int, list[Indicator]] = {}
    goal_agreement = {goal.pk: goal.agreement_id for goal in goals}
    for indicator in indicators:
        by_agreement.setdefault(goal_agreement[indicator.goal_id], []).append(indicator)

    periods = FollowUpPeriod.objects.bulk_create(
        [
            FollowUpPeriod(
                agreement=agreement,
                year=year,
                half=half,
                starts_on=_period_dates(year, half)[0],
                ends_on=_period_dates(year, half)[1],
                deadline=_period_dates(year, half)[2],
            )
            for agreement in ctx.agreements
            for year in YEARS
            for half in (1, 2)
        ],
        batch_size=BATCH,
    )

    reports = []
    for period in periods:
        latest = period.year == YEARS[-1]
        if latest and period.half == 2:
            status = FollowUpReport.Status.DRAFT
        elif latest:
            status = rng.choice(
                [FollowUpReport.Status.SUBMITTED, FollowUpReport.Status.RETURNED]
                + [FollowUpReport.Status.APPROVED] * 2
            )
        else:
            status = FollowUpReport.Status.APPROVED
        reports.append(
            FollowUpReport(
                agreement_id=period.agreement_id,
                period=period,
                status=status,
                analysis="Påhittad analys för skaldata.",
            )
        )
    FollowUpReport.objects.bulk_create(reports, batch_size=BATCH)

    def values():
        randrange = rng.randrange
        for period in periods:
            for indicator in by_agreement[period.agreement_id]:
                if indicator.unit == Indicator.Unit.PERCENT:
                    women, men, unknown = randrange(20, 50), randrange(20, 50), 0
                    total = (women + men) / 2
                else:
                    women, men, unknown = randrange(200), randrange(200), randrange(5)
                    total = women + men + unknown
                yield indicator.pk, period.pk, total, women, men, unknown

    created = copy_rows(
        Measurement,
        ["indicator", "period", "total", "women", "men", "unknown", "origin", "source_note"],
        (row + (Measurement.Origin.DEMO.value, SCALE_MARK) for row in values()),
    )
    ctx.log(
        f"{len(goals)} mål, {len(indicators)} indikatorer, {len(periods)} halvår, {created} utfall"
    )


def seed_statistics(ctx: ScaleContext) -> None:
    """Kartläggning: one snapshot per municipality and year with a figure per programme."""
    rng = ctx.rng
    # Ten yearly dates at 1× (every August); more factor, more dates (monthly back from 2025).
    count = ctx.scaled(10)
    dates = [
        date(2025 - k // 12, 8 - k % 12 if k % 12 < 8 else 20 - k % 12, 28) for k in range(count)
    ]
    if count <= 10:
        dates = [date(2025 - k, 8, 31) for k in range(count)]
    # The demo's own kartläggning of a municipality stays: one snapshot per place and date.
    taken = set(
        StatisticsSnapshot.objects.filter(
            municipality__in=ctx.municipalities, measured_on__in=dates
        ).values_list("municipality_id", "measured_on")
    )
    snapshots = StatisticsSnapshot.objects.bulk_create(
        [
            StatisticsSnapshot(
                municipality=municipality,
                measured_on=measured_on,
                population=10000 + 97 * index,
                population_on=date(measured_on.year - 1, 12, 31),
                source_note=f"Påhittade siffror ({SCALE_MARK})",
            )
            for index, municipality in enumerate(ctx.municipalities)
            for measured_on in dates
            if (municipality.pk, measured_on) not in taken
        ],
        batch_size=BATCH,
    )
    figures = []
    for snapshot in snapshots:
        for programme in ProgrammeFigure.Programme.values:
            women, men, unknown = rng.randrange(5, 400), rng.randrange(5, 400), rng.randrange(3)
            figures.append(
                (
                    snapshot.pk,
                    programme,
                    women + men + unknown,
                    women,
                    men,
                    unknown,
                    (women + men) // 3,
                )
            )
    copy_rows(
        ProgrammeFigure,
        ["snapshot", "programme", "total", "women", "men", "unknown", "short_educated"],
        figures,
    )
    ctx.log(f"{len(snapshots)} kartläggningar med {len(figures)} programsiffror")


def register() -> None:
    register_scale_seeder(ScaleSeeder(key="indicators", seed=seed_followup, order=20))
    register_scale_seeder(ScaleSeeder(key="indicators.statistics", seed=seed_statistics, order=21))
