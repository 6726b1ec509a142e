"""Demo goals, indicators and values (2023–2025) for the three demo agreements; idempotent.

Values carry origin=demo and the pages say so. A value someone typed is never replaced.
"""

import datetime
from decimal import ROUND_HALF_UP, Decimal

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from agreements.demo import demo_agreement
from agreements.models import Agreement, TargetGroup
from samverkan.demo import DemoLoader, register_demo_loader, upsert
from samverkan.models import Party, User

from .demo_data import GOALS
from .models import FollowUpReport, Goal, Indicator, Measurement, MeasurementLocked, ReportEvent
from .services import (
    followup_period_get_or_create,
    followup_periods_ensure,
    measurement_delete,
    measurement_store,
)

DEMO_HALVES = [(year, half) for year in (2023, 2024, 2025) for half in (1, 2)]
WOMEN_SHARE = Decimal("0.47")


def _quantize(value: Decimal, unit: str) -> Decimal:
    step = Decimal("0.1") if unit == "percent" else Decimal(1)
    return value.quantize(step, rounding=ROUND_HALF_UP)


def demo_values(unit, by_gender, start, step, index):
    """A plausible value for the index-th demo half-year, with a small regular wobble."""
    wobble = Decimal((-1, 1, 0)[index % 3]) * abs(Decimal(str(step))) / 2
    total = max(_quantize(Decimal(str(start)) + Decimal(str(step)) * index + wobble, unit), 0)
    if unit == "percent":
        total = min(total, Decimal(100))
    values = {"total": total, "women": None, "men": None, "unknown": None}
    if by_gender:
        if unit == "percent":
            values["women"] = min(max(total + Decimal("0.8"), 0), Decimal(100))
            values["men"] = min(max(total - Decimal("0.8"), 0), Decimal(100))
        else:
            women = _quantize(total * WOMEN_SHARE, unit)
            values.update(women=women, men=total - women, unknown=Decimal(0))
    return values


def _responsible(agreement, kind, municipality=None):
    if kind is None:
        return None
    wanted = Party.Kind.EMPLOYMENT_SERVICE if kind == "af" else Party.Kind.MUNICIPALITY
    parties = agreement.parties.filter(kind=wanted).order_by("name")
    if kind != "af" and municipality:
        return parties.filter(name=municipality).first() or parties.first()
    return parties.first()


def load_goals(agreement: Agreement, goals, log, municipality=None) -> list[Indicator]:
    indicators = []
    for g_pos, (number, title, target_group, rows) in enumerate(goals):
        group = TargetGroup.objects.filter(name=target_group).first() if target_group else None
        goal, created, _changed = upsert(
            Goal,
            {"agreement": agreement, "title": title},
            number=number,
            position=g_pos,
            target_group=group,
        )
        if created:
            log(f"Mål skapat: {title[:60]}")
        for i_pos, row in enumerate(rows):
            (name, unit, direction, baseline, baseline_label, target, target_year, source, kpi,
             note, frequency, by_gender, responsible, start, step) = row  # fmt: skip
            indicator, _created, _changed = upsert(
                Indicator,
                {"goal": goal, "name": name},
                unit=unit,
                direction=direction,
                baseline_value=None if baseline is None else Decimal(str(baseline)),
                baseline_label=baseline_label,
                target_value=None if target is None else Decimal(str(target)),
                target_year=target_year,
                source=source,
                kolada_kpi=kpi,
                source_note=note,
                frequency=frequency,
                by_gender=by_gender,
                responsible_party=_responsible(agreement, responsible, municipality),
                position=i_pos,
            )
            indicator.demo_series = (start, step)
            indicators.append(indicator)
    return indicators


def load_values(agreement, indicators, log, open_from=None):
    """Demo values for 2023–2025. From ``open_from`` on, every third indicator has no value
    yet: the follow-up an official still has to finish (and be reminded of)."""
    periods = [
        followup_period_get_or_create(agreement=agreement, year=y, half=h) for y, h in DEMO_HALVES
    ]
    typed = set(
        Measurement.objects.filter(period__in=periods)
        .exclude(origin=Measurement.Origin.DEMO)
        .values_list("indicator_id", "period_id")
    )
    demo = {
        (m.indicator_id, m.period_id): m
        for m in Measurement.objects.filter(period__in=periods, origin=Measurement.Origin.DEMO)
    }
    count = locked = 0
    for indicator in indicators:
        start, step = indicator.demo_series
        for index, period in enumerate(periods):
            if (indicator.pk, period.pk) in typed:
                continue
            # A submitted or approved half-year is the record: a reload leaves it as it is.
            try:
                if (
                    open_from
                    and (period.year, period.half) >= open_from
                    and indicator.position % 3 == 2
                ):
                    if (indicator.pk, period.pk) in demo:
                        measurement_delete(measurement=demo[(indicator.pk, period.pk)])
                    continue
                values = demo_values(indicator.unit, indicator.by_gender, start, step, index)
                _m, changed = measurement_store(
                    indicator=indicator,
                    period=period,
                    values=values,
                    origin=Measurement.Origin.DEMO,
                )
            except MeasurementLocked:
                locked += 1
                continue
            count += changed
    log(f"Demovärden: {count} för {agreement.title[:50]}")
    if locked:
        log(f"Demovärden: {locked} i inskickade eller granskade halvår lämnades orörda")
    return periods


def load_reports(agreement, periods, official_username, chief_username):
    """Earlier half-years approved, the latest demo half-year waiting for review."""
    official = User.objects.filter(username=official_username).first()
    chief = User.objects.filter(username=chief_username).first()
    if not (official and chief):
        return
    for period in periods:
        report, _created = FollowUpReport.objects.get_or_create(
            period=period, defaults={"agreement": agreement}
        )
        if report.events.exists():
            continue
        final = period is periods[-1]
        report.analysis = str(
            _("Demoanalys: utfallen följer i stort planen; se kommentarerna per indikator.")
        )
        report.status = FollowUpReport.Status.SUBMITTED if final else FollowUpReport.Status.APPROVED
        report.submitted_at = timezone.make_aware(
            datetime.datetime.combine(
                period.deadline - datetime.timedelta(days=5), datetime.time(10)
            )
        )
        report.save()
        # The history tells the same dates as the report (created_at is set on insert).
        submitted = ReportEvent.objects.create(
            report=report, action=ReportEvent.Action.SUBMITTED, user=official
        )
        ReportEvent.objects.filter(pk=submitted.pk).update(created_at=report.submitted_at)
        if not final:
            approved = ReportEvent.objects.create(
                report=report, action=ReportEvent.Action.APPROVED, user=chief
            )
            ReportEvent.objects.filter(pk=approved.pk).update(
                created_at=report.submitted_at + datetime.timedelta(days=3)
            )


# The nordost agreement's jobbspår goals are followed by Täby's project leader (seed 003),
# and its first half of 2025 is not finished yet.
DEMO_MUNICIPALITY = {"nordost": "Täby kommun"}
DEMO_OPEN_FROM = {"nordost": (2025, 1)}

DEMO_USERS = {
    "osteraker": ("osteraker", "af-nordost"),
    "jarfalla": ("jarfalla", "af-nordvast"),
    "nordost": ("taby", "af-nordost"),
}


def load(log):
    for key, goals in GOALS.items():
        try:
            agreement = demo_agreement(key)
        except Agreement.DoesNotExist:
            log(f"Överenskommelsen {key} saknas; hoppar över dess mål.")
            continue
        with transaction.atomic():
            indicators = load_goals(agreement, goals, log, DEMO_MUNICIPALITY.get(key))
            open_from = DEMO_OPEN_FROM.get(key)
            periods = load_values(agreement, indicators, log, open_from)
            reported = [p for p in periods[:-1] if not open_from or (p.year, p.half) < open_from]
            load_reports(agreement, reported, *DEMO_USERS[key])
            followup_periods_ensure(agreement=agreement)


def register():
    register_demo_loader(DemoLoader(key="indicators", load=load, order=20))
