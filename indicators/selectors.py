"""Reads of the follow-up, with their joins in one place so the query count stays flat."""

import datetime
from dataclasses import dataclass, field

from django.db.models import Count, Exists, OuterRef, Prefetch, Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from .kolada.comparison import comparison_series
from .models import (
    FollowUpPeriod,
    FollowUpReport,
    Goal,
    Indicator,
    KoladaLateValue,
    Measurement,
    ReportEvent,
)
from .status import Status, Trend, compute_status, compute_trend


def agreement_indicators(agreement):
    return (
        Indicator.objects.filter(goal__agreement=agreement)
        .select_related("goal", "goal__target_group", "responsible_party")
        .order_by("goal__position", "goal__pk", "position", "pk")
    )


def agreement_goals(agreement):
    return (
        Goal.objects.filter(agreement=agreement)
        .select_related("target_group")
        .prefetch_related(
            Prefetch("indicators", queryset=Indicator.objects.select_related("responsible_party"))
        )
    )


def periods_until(agreement, period):
    return list(
        FollowUpPeriod.objects.filter(agreement=agreement)
        .filter(Q(year__lt=period.year) | Q(year=period.year, half__lte=period.half))
        .order_by("year", "half")
    )


@dataclass
class IndicatorRow:
    """One indicator in a report: its values per period, status and trends."""

    indicator: Indicator
    periods: list
    values: list  # Measurement | None per period, oldest first
    current: Measurement | None
    status: Status | None = None
    trend_previous: Trend | None = None
    trend_baseline: Trend | None = None
    has_demo: bool = False
    history: list = field(default_factory=list)  # [(period, measurement)] with values
    # Kolada's values for Riket and the county (kolada.comparison.ComparisonSeries), and the
    # years the report shows them for (at most the last three up to the report's year).
    comparison: list = field(default_factory=list)
    comparison_years: list = field(default_factory=list)

    @property
    def missing(self) -> bool:
        """No total for the report's own period (older values do not stand in for it)."""
        return self.current is None or self.current.total is None


def indicator_rows(agreement, period) -> list[IndicatorRow]:
    """Every indicator of the agreement with its values up to ``period``: three queries, and
    two more for Riket's and the county's values where an indicator comes from Kolada."""
    periods = periods_until(agreement, period)
    indicators = list(agreement_indicators(agreement))
    by_key = {}
    for m in Measurement.objects.filter(
        indicator__goal__agreement=agreement, period__in=[p.pk for p in periods]
    ):
        by_key[(m.indicator_id, m.period_id)] = m
    rows = []
    for indicator in indicators:
        values = [by_key.get((indicator.pk, p.pk)) for p in periods]
        totals = [m.total if m else None for m in values]
        current = values[-1] if values else None
        earlier = [t for t in totals[:-1] if t is not None]
        latest = current.total if current else None
        row = IndicatorRow(
            indicator=indicator,
            periods=periods,
            values=values,
            current=current,
            status=compute_status(indicator, totals),
            trend_previous=compute_trend(
                indicator, latest, earlier[-1] if earlier else None, _("föregående värde")
            ),
            trend_baseline=compute_trend(
                indicator, latest, indicator.baseline_value, _("utgångsvärdet")
            ),
            has_demo=any(m and m.origin == Measurement.Origin.DEMO for m in values),
            history=[(p, m) for p, m in zip(periods, values, strict=True) if m],
        )
        rows.append(row)
    comparison = comparison_series(agreement, indicators)
    for row in rows:
        row.comparison = comparison.get(row.indicator.pk, [])
        if row.comparison:
            years = sorted({y for s in row.comparison for y in s.values if y <= period.year})
            row.comparison_years = years[-3:]
    return rows


def group_by_goal(rows):
    """[(goal, [rows])] in goal order."""
    groups = []
    for row in rows:
        if not groups or groups[-1][0].pk != row.indicator.goal_id:
            groups.append((row.indicator.goal, []))
        groups[-1][1].append(row)
    return groups


def status_counts(rows):
    counts = {"on_track": 0, "off_track": 0, "too_little_data": 0}
    for row in rows:
        counts[row.status.key] += 1
    return counts


def latest_periods(agreements, today=None):
    """agreement pk -> the half-year to act on, with ``report``, ``entered`` (values entered)
    and ``overdue`` loaded: the oldest one past its deadline without a submitted report
    within the last year (older gaps live on the follow-up page, as on the dashboard), else the latest that has ended (the one due for reporting), else the current one. Two
    queries (three when an agreement's half-years all lie over a year back). The agreement's panel, the dashboards and the follow-up list all show this one,
    so they never disagree."""
    today = today or timezone.localdate()
    year_ago = today - datetime.timedelta(days=365)
    chosen = {}

    def choose(periods):
        for period in periods.select_related("report").order_by("agreement_id", "year", "half"):
            report = getattr(period, "report", None)
            period.overdue = year_ago <= period.deadline < today and (
                report is None or report.status not in FollowUpReport.LOCKED_STATUSES
            )
            current = chosen.get(period.agreement_id)
            if current is not None and current.overdue:
                continue  # the oldest overdue half-year stays the one to act on
            if (
                current is None
                or period.overdue
                or period.ends_on < today
                or current.ends_on >= today
            ):
                chosen[period.agreement_id] = period

    started = FollowUpPeriod.objects.filter(starts_on__lte=today)
    pks = [a.pk for a in agreements]
    # Only a half-year whose deadline is within the last year can be overdue, and an agreement
    # that has one has its latest half-year among them: ten years of history stay unread.
    choose(started.filter(agreement__in=pks, deadline__gte=year_ago))
    if missing := [pk for pk in pks if pk not in chosen]:
        choose(started.filter(agreement__in=missing))  # long past: the last half-year
    entered = dict(
        FollowUpPeriod.objects.filter(pk__in=[p.pk for p in chosen.values()])
        .annotate(n=Count("measurements", filter=Q(measurements__total__isnull=False)))
        .values_list("pk", "n")
    )
    for period in chosen.values():
        period.entered = entered.get(period.pk, 0)
    return chosen


def kolada_late_values(agreement, period) -> list:
    """Kolada's values for the period before ``period`` that arrived after its report was
    locked and that it still has no value for: the report of ``period`` takes them up."""
    year, half = (period.year, 1) if period.half == 2 else (period.year - 1, 2)
    return list(
        KoladaLateValue.objects.filter(
            period__agreement=agreement, period__year=year, period__half=half
        )
        .exclude(
            Exists(
                Measurement.objects.filter(
                    indicator=OuterRef("indicator"), period=OuterRef("period")
                )
            )
        )
        .select_related("indicator", "period")
    )


def report_returned_event(report: FollowUpReport) -> ReportEvent | None:
    """The section chief's sending back that the official must act on, while it stands."""
    if report.status != FollowUpReport.Status.RETURNED:
        return None
    return (
        ReportEvent.objects.filter(report=report, action=ReportEvent.Action.RETURNED)
        .select_related("user")
        .order_by("-created_at", "-pk")
        .first()
    )
