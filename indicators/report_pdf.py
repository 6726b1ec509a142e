"""The half-year follow-up report as a PDF: the same rows, statuses and charts as the page."""

import hashlib
import re

from django.db.models import Count, Max
from django.utils.safestring import mark_safe

from samverkan.pdf import render_pdf

from .charts import report_chart_svgs
from .kolada.comparison import comparison_series
from .models import Goal, Indicator, Measurement
from .selectors import group_by_goal, indicator_rows, periods_until, status_counts

XML_DECLARATION = re.compile(rb"^<\?xml[^>]*\?>\s*")
COMMENT = re.compile(rb"<!--.*?-->", re.DOTALL)
CHART_ID = re.compile(rb"chart-[0-9a-f]{8}-[0-9a-f-]{27}")


def _inline(svg: bytes, key: int) -> str:
    """Our own pygal output (scripts already removed), inlined because the PDF renderer
    fetches nothing but static files. pygal's random chart id and dated comment are replaced,
    so the same report renders to the same bytes."""
    svg = COMMENT.sub(b"", XML_DECLARATION.sub(b"", svg))
    svg = CHART_ID.sub(f"chart-{key}".encode(), svg)
    return mark_safe(svg.decode("utf-8"))  # noqa: S308


def followup_report_pdf(report) -> bytes:
    period, agreement = report.period, report.agreement
    rows = indicator_rows(agreement, period)
    charts = {pk: _inline(svg, pk) for pk, svg in report_chart_svgs(rows).items()}
    for row in rows:
        row.chart_svg = charts.get(row.indicator.pk)
    events = list(report.events.select_related("user", "user__party"))
    moment = report.submitted_at or report.updated_at
    return render_pdf(
        "indicators/pdf/report.html",
        {
            "agreement": agreement,
            "period": period,
            "report": report,
            "groups": group_by_goal(rows),
            "counts": status_counts(rows),
            "has_demo": any(row.has_demo for row in rows),
            "events": events,
        },
        created=moment,
        modified=max([moment, *[e.created_at for e in events]]),
    )


# Raised when the PDF's layout changes, so PDFs made by the old template are made again.
LAYOUT_VERSION = 2


def _columns(instance) -> tuple:
    """The row as ``values_list()`` without fields gives it: every concrete column in order."""
    return tuple(getattr(instance, f.attname) for f in instance._meta.concrete_fields)


def report_content_key(report, rows=None) -> str:
    """A fingerprint of everything the report's PDF shows (in a handful of small queries):
    the report and its review steps, the agreement's goals and indicators, the periods up to
    this one and the values entered for them. Equal keys mean an equal PDF.

    ``rows`` (selectors.indicator_rows of the report, as the report page has them) saves
    reading the periods, values, indicators and Kolada's comparison a second time."""
    agreement, period = report.agreement, report.period
    if rows:
        periods = rows[0].periods
        measurements = sorted(
            (_columns(m) for row in rows for m in row.values if m is not None),
            key=lambda columns: columns[0],
        )
        indicators = sorted((_columns(row.indicator) for row in rows), key=lambda c: c[0])
        comparison = {row.indicator.pk: row.comparison for row in rows if row.comparison}
    else:
        periods = periods_until(agreement, period)
        # The values themselves, not only when they changed: an update() bypasses auto_now.
        measurements = list(
            Measurement.objects.filter(
                indicator__goal__agreement=agreement, period__in=[p.pk for p in periods]
            )
            .order_by("pk")
            .values_list()
        )
        indicators = list(
            Indicator.objects.filter(goal__agreement=agreement).order_by("pk").values_list()
        )
        comparison = comparison_series(
            agreement, Indicator.objects.filter(goal__agreement=agreement)
        )
    events = report.events.aggregate(n=Count("pk"), last=Max("created_at"))
    parts = [
        LAYOUT_VERSION,
        agreement.pk,
        agreement.title,
        [(p.pk, p.year, p.half, str(p.deadline)) for p in periods],
        report.status,
        report.analysis,
        report.submitted_at,
        report.updated_at,
        events,
        measurements,
        list(Goal.objects.filter(agreement=agreement).order_by("pk").values_list()),
        indicators,
        # Riket's and the county's values shown beside Kolada indicators.
        [
            (
                pk,
                [
                    (s.code, [(y, v.total, v.women, v.men) for y, v in sorted(s.values.items())])
                    for s in series
                ],
            )
            for pk, series in sorted(comparison.items())
        ],
    ]
    return hashlib.sha256(repr(parts).encode()).hexdigest()
