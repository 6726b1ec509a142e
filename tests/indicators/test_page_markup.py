"""The follow-up's long pages build their inputs and value tables in Python: the same markup
as Django's widget templates and the includes they replace, and the report's PDF key the same
whether the page hands over the rows it has read or the key reads them itself."""

import datetime
import re
from decimal import Decimal

import pytest
from django import forms
from django.template import Context, Template
from django.utils import timezone

from indicators.forms import MeasurementRowForm, mark_invalid
from indicators.models import Indicator, KoladaValue, Measurement
from indicators.report_pdf import report_content_key
from indicators.selectors import indicator_rows
from indicators.services import followup_report_for
from indicators.templatetags.indicator_tags import entry_field, history_rows

from .factories import FollowUpPeriodFactory, IndicatorFactory, MeasurementFactory

# templates/indicators/includes/field.html, which entry_field replaced.
FIELD_INCLUDE = (
    '{% load i18n %}<label class="visually-hidden" for="{{ field.auto_id }}">{{ field.label }}'
    '</label>{{ field }}{% if field.errors %}<div id="{{ field.auto_id }}-fel" '
    'class="invalid-feedback d-block">{% for e in field.errors %}{{ e }}{% if not forloop.last %}'
    " {% endif %}{% endfor %}</div>{% endif %}"
)
# The loop of templates/indicators/includes/report_body.html that history_rows replaced.
HISTORY_LOOP = (
    "{% load i18n indicator_tags %}{% for p, m in row.history %}"
    '<tr><th scope="row" class="fw-normal">{{ p.label }}{% if m.origin == "demo" %} '
    '<span class="badge text-bg-warning">{% translate "demo" %}</span>{% elif m.origin == '
    '"kolada" %} <span class="badge text-bg-light border">{% translate "Kolada" %}</span>'
    '{% endif %}</th><td>{{ m.total|number|default:"–" }}</td>{% if row.indicator.by_gender %}'
    '<td>{{ m.women|number|default:"–" }}</td><td>{{ m.men|number|default:"–" }}</td>'
    '<td>{{ m.unknown|number|default:"–" }}</td>{% endif %}</tr>{% endfor %}'
)


def django_widget_html(bound_field):
    """What Django's own template-rendered widget makes of the same field."""
    widget = bound_field.field.widget
    attrs = bound_field.build_widget_attrs({"id": bound_field.auto_id})
    return forms.Widget.render(
        widget, bound_field.html_name, bound_field.value(), attrs=attrs
    ).strip()


@pytest.mark.django_db
def test_entry_inputs_and_messages_match_the_widget_templates_they_replace(world):
    indicator = IndicatorFactory(
        goal__agreement=world.agreement,
        name='Unga "16–24" & <nyanlända>',
        unit=Indicator.Unit.PERCENT,
        source_note='SCB & "AF"',
    )
    form = MeasurementRowForm(
        {
            f"i{indicator.pk}-total": "130",
            f"i{indicator.pk}-women": 'x"<y>',
            f"i{indicator.pk}-comment": "ok & klart",
            f"i{indicator.pk}-base": "new",
        },
        indicator=indicator,
        measurement=None,
    )
    form.is_valid()
    form.add_error("total", "En andel ligger mellan 0 och 100 procent.")
    form.add_error("total", "Kontrollera <summan>.")
    form.add_error("women", "Skriv ett tal.")
    mark_invalid(form)
    for name in ("total", "women", "men", "unknown", "comment", "source_note", "base"):
        field = form[name]
        assert str(field) == django_widget_html(field), name
        assert entry_field(field) == Template(FIELD_INCLUDE).render(Context({"field": field}))
    total = entry_field(form["total"])
    # The typed value kept, escaped; the message tied to the input; the label names the row.
    assert f'name="i{indicator.pk}-total" value="130"' in total
    assert 'aria-invalid="true"' in total
    assert f'aria-describedby="id_i{indicator.pk}-total-fel"' in total
    assert f'<div id="id_i{indicator.pk}-total-fel" class="invalid-feedback d-block">' in total
    assert "0 och 100 procent. Kontrollera &lt;summan&gt;.</div>" in total
    assert 'inputmode="decimal"' in total
    assert "Totalt för Unga &quot;16–24&quot; &amp; &lt;nyanlända&gt;</label>" in total
    assert 'value="x&quot;&lt;y&gt;"' in entry_field(form["women"])
    assert 'placeholder="SCB &amp; &quot;AF&quot;"' in entry_field(form["source_note"])
    assert "aria-invalid" not in entry_field(form["comment"])


@pytest.mark.django_db
def test_an_unbound_row_shows_the_stored_values_as_the_widget_templates_do(world):
    indicator = IndicatorFactory(goal__agreement=world.agreement, by_gender=False)
    period = FollowUpPeriodFactory(agreement=world.agreement)
    measurement = MeasurementFactory(indicator=indicator, period=period, total=Decimal("12.5"))
    form = MeasurementRowForm(indicator=indicator, measurement=measurement)
    assert set(form.fields) == {"total", "comment", "source_note", "base"}
    for name in form.fields:
        assert str(form[name]) == django_widget_html(form[name]), name
    assert 'value="12,5"' in str(form["total"])
    assert str(form["base"]).startswith(f'<input type="hidden" name="i{indicator.pk}-base" value="')


def whitespace_free(html):
    return re.sub(r">\s+<", "><", html).strip()


@pytest.mark.django_db
def test_history_rows_match_the_template_loop_they_replace(world):
    split = IndicatorFactory(goal__agreement=world.agreement, by_gender=True)
    whole = IndicatorFactory(goal__agreement=world.agreement, by_gender=False, position=99)
    periods = [
        FollowUpPeriodFactory(agreement=world.agreement, year=year, half=half)
        for year in (2024, 2025)
        for half in (1, 2)
    ]
    MeasurementFactory(indicator=split, period=periods[0], total=10, women=4, men=6)
    MeasurementFactory(
        indicator=split, period=periods[1], total=Decimal("9.5"), origin=Measurement.Origin.DEMO
    )
    MeasurementFactory(
        indicator=split, period=periods[3], total=0, unknown=0, origin=Measurement.Origin.KOLADA
    )
    MeasurementFactory(indicator=whole, period=periods[2], total=3)
    rows = indicator_rows(world.agreement, periods[-1])
    assert [len(row.history) for row in rows] == [3, 1]
    for row in rows:
        expected = Template(HISTORY_LOOP).render(Context({"row": row}))
        assert whitespace_free(history_rows(row)) == whitespace_free(expected)
    html = history_rows(rows[0])
    assert '<span class="badge text-bg-warning">demo</span></th><td>9,5</td><td>–</td>' in html
    assert "Kolada</span></th><td>0</td><td>–</td><td>–</td><td>0</td></tr>" in html


@pytest.mark.django_db
def test_the_pdf_key_from_the_pages_rows_equals_the_key_read_afresh(world):
    kolada = IndicatorFactory(
        goal__agreement=world.agreement,
        source=Indicator.Source.KOLADA,
        kolada_kpi="N00914",
        unit=Indicator.Unit.PERCENT,
        baseline_value=Decimal("4.25"),
    )
    other = IndicatorFactory(goal__agreement=world.agreement, position=99)
    earlier = FollowUpPeriodFactory(agreement=world.agreement, year=2024, half=2)
    period = FollowUpPeriodFactory(agreement=world.agreement, year=2025, half=1)
    MeasurementFactory(indicator=kolada, period=earlier, total=Decimal("5.5"), women=3, men=2)
    MeasurementFactory(indicator=other, period=period, total=7, comment="Bra")
    KoladaValue.objects.create(
        kpi="N00914",
        municipality_code="0000",
        year=2024,
        total=Decimal("6.1"),
        women=Decimal("5.9"),
        men=Decimal("6.3"),
        fetched_at=timezone.make_aware(datetime.datetime(2025, 3, 1)),
    )
    report = followup_report_for(period)
    rows = indicator_rows(world.agreement, period)
    assert rows[0].comparison, "the key must cover Kolada's comparison too"
    assert report_content_key(report, rows) == report_content_key(report)
    # And both follow a changed value.
    before = report_content_key(report)
    Measurement.objects.filter(indicator=other).update(total=8)
    assert report_content_key(report) != before
    assert report_content_key(report, indicator_rows(world.agreement, period)) == (
        report_content_key(report)
    )
