"""Server-side SVG charts of an indicator over the periods (pygal), for pages and PDFs.

No script is referenced (``config.js = []``): the page shows the SVG as an <img> from its own
URL, and the PDF renderer embeds the same bytes.
"""

import re

import pygal
from django.utils.text import Truncator
from django.utils.translation import gettext as _
from pygal.style import Style

from .models import Indicator, Measurement

SCRIPT = re.compile(rb"<script\b[^>]*>.*?</script>", re.DOTALL)

STYLE = Style(
    background="#ffffff",
    plot_background="#ffffff",
    foreground="#212529",
    foreground_strong="#212529",
    foreground_subtle="#495057",
    # Total, women, men, unknown gender: distinguishable without colour through the dashes
    # below; the target line last.
    colors=("#1b4f72", "#a93226", "#1e8449", "#6c3483", "#495057", "#7e5109", "#0e6655"),
    font_family="system-ui, sans-serif",
    label_font_size=12,
    major_label_font_size=12,
    legend_font_size=13,
    title_font_size=14,
)


def period_label(period) -> str:
    """As everywhere else in the portal: ``Första halvåret 2023``."""
    return str(period.label)


def _swedish(value):
    if value is None:
        return ""
    return f"{value:g}".replace(".", ",")


def _float(value):
    return float(value) if value is not None else None


def indicator_chart_svg(indicator: Indicator, periods, values, comparison=()) -> bytes:
    """SVG bytes: the total, and women, men and unknown gender where the indicator is split
    by gender; with ``comparison`` (Kolada's Riket and county series) their totals, at the
    second half-year of each year (where the import keeps a yearly value). A count of the
    whole country is on another scale than a municipality's: counts are compared on a second
    axis, shares on the same one.

    ``periods`` oldest first; ``values`` the Measurement (or None) of each period.
    """
    title = Truncator(indicator.name).words(12, truncate=" …")
    # An image travels alone (saved, pasted, printed): it carries its own demo mark.
    if any(m is not None and m.origin == Measurement.Origin.DEMO for m in values):
        title = f"{title}\n{_('Påhittade demovärden')}"
    chart = pygal.Line(
        style=STYLE,
        width=640,
        height=320,
        show_dots=True,
        dots_size=4,
        interpolate=None,
        legend_at_bottom=True,
        # Counts start at zero; shares zoom to their values (4.9 % on a 0–100 axis is a flat line).
        include_x_axis=indicator.unit == Indicator.Unit.COUNT,
        allow_interruptions=True,
        disable_xml_declaration=False,
        explicit_size=True,
        x_label_rotation=0 if len(periods) <= 4 else 30,
        print_values=False,
        # A cut mid-word ("funktionsnedsä") reads as a typo; end on a whole word instead.
        title=title,
    )
    # Swedish decimal comma on the axis, as in the table beside the chart.
    chart.config.value_formatter = _swedish
    chart.config.js = []
    chart.config.css = list(chart.config.css)
    chart.x_labels = [period_label(p) for p in periods]
    chart.add(_("Totalt"), [_float(m.total) if m else None for m in values])
    if indicator.by_gender:
        chart.add(
            _("Kvinnor"),
            [_float(m.women) if m else None for m in values],
            stroke_style={"dasharray": "6,4", "width": 2},
        )
        chart.add(
            _("Män"),
            [_float(m.men) if m else None for m in values],
            stroke_style={"dasharray": "2,3", "width": 2},
        )
        # Shown where a value for unknown gender is recorded; an empty line would be noise.
        if any(m is not None and m.unknown is not None for m in values):
            chart.add(
                _("Okänt kön"),
                [_float(m.unknown) if m else None for m in values],
                stroke_style={"dasharray": "8,3,2,3", "width": 2},
            )
    for number, series in enumerate(comparison):
        points = []
        for p in periods:
            value = series.for_year(p.year) if p.half == 2 else None
            points.append(_float(value.total) if value is not None else None)
        if any(point is not None for point in points):
            chart.add(
                series.name,
                points,
                secondary=indicator.unit == Indicator.Unit.COUNT,
                stroke_style={"dasharray": "1,4" if number else "12,3,1,3", "width": 2},
            )
    if indicator.target_value is not None:
        chart.add(
            _("Målvärde"),
            [_float(indicator.target_value)] * len(periods),
            show_dots=False,
            stroke_style={"dasharray": "10,6", "width": 1},
        )
    # pygal still writes its config as an inline script; nothing needs it without its JS.
    return SCRIPT.sub(b"", chart.render())


def report_chart_svgs(rows) -> dict[int, bytes]:
    """indicator pk -> chart SVG for the rows of a report (selectors.indicator_rows), without
    further queries: what a report PDF embeds beside each table of numbers."""
    return {
        row.indicator.pk: indicator_chart_svg(
            row.indicator, row.periods, row.values, row.comparison
        )
        for row in rows
        if row.history
    }


def chart_height(bars: int) -> int:
    return max(240, 60 + 48 * bars)


def across_chart_svg(result, rows) -> bytes:
    """Horizontal bars: each agreement's latest total, women and men, and its target, for one
    indicator or Kolada KPI across agreements (indicators.across)."""
    title = Truncator(result.title or result.kpi).words(12, truncate=" …")
    if result.has_demo:
        title = f"{title}\n{_('Påhittade demovärden')}"
    chart = pygal.HorizontalBar(
        style=STYLE,
        width=720,
        height=chart_height(len(rows)),
        legend_at_bottom=True,
        disable_xml_declaration=False,
        explicit_size=True,
        print_values=False,
        title=title,
    )
    chart.config.value_formatter = _swedish
    chart.config.js = []
    chart.config.css = list(chart.config.css)
    chart.x_labels = [Truncator(row.agreement.title).chars(40) for row in rows]
    measurement = [row.measurement for row in rows]
    chart.add(_("Totalt"), [_float(m.total) if m else None for m in measurement])
    chart.add(_("Kvinnor"), [_float(m.women) if m else None for m in measurement])
    chart.add(_("Män"), [_float(m.men) if m else None for m in measurement])
    chart.add(_("Målvärde"), [_float(row.indicator.target_value) for row in rows])
    return SCRIPT.sub(b"", chart.render())
