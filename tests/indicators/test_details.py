"""Small things a user trips on in the follow-up: counts, wording, the half-year to act on,
decimal comma on the indicator form."""

import datetime

import pytest
from django.contrib.messages import get_messages
from django.urls import reverse

from indicators.forms import IndicatorForm
from indicators.models import FollowUpReport, Indicator, Measurement, ReportEvent
from indicators.selectors import latest_periods

from .factories import (
    FollowUpPeriodFactory,
    FollowUpReportFactory,
    IndicatorFactory,
    MeasurementFactory,
)
from .test_excel import filled_template, url


@pytest.mark.django_db
def test_import_counts_only_the_rows_that_change(client, world):
    # GIVEN two indicators, one already holding the value the file brings
    count = IndicatorFactory(goal__agreement=world.agreement, name="Antal i jobbspår")
    other = IndicatorFactory(goal=count.goal, name="Antal i arbete")
    period = FollowUpPeriodFactory(agreement=world.agreement)
    MeasurementFactory(indicator=count, period=period, total=10, women=4, men=6, unknown=0)
    client.force_login(world.official)
    upload = filled_template(
        client, world.agreement, period, {count.pk: [10, 4, 6, 0], other.pk: [7]}
    )
    client.post(url("indicators:import", world.agreement, period), {"file": upload})
    # WHEN the import is confirmed
    response = client.post(url("indicators:import", world.agreement, period), {"confirm": "1"})
    # THEN one value counts as imported, and the unchanged one is left as it was entered
    assert [str(m) for m in get_messages(response.wsgi_request)] == ["1 värde importerades."]
    assert Measurement.objects.get(indicator=count).origin != "import"
    assert Measurement.objects.get(indicator=other).origin == "import"


@pytest.mark.django_db
def test_entry_page_says_one_row_not_one_rows(client, world):
    good = IndicatorFactory(goal__agreement=world.agreement, name="Antal")
    bad = IndicatorFactory(goal=good.goal, name="Andel", unit="percent")
    period = FollowUpPeriodFactory(agreement=world.agreement)
    client.force_login(world.official)
    page = client.get(url("indicators:entry", world.agreement, period))
    data = {}
    for form in page.context["groups"][0][1]:
        for name in form.fields:
            data[form.add_prefix(name)] = form[name].value() or ""
    data[f"i{good.pk}-total"] = "5"
    data[f"i{bad.pk}-total"] = "130"
    response = client.post(url("indicators:entry", world.agreement, period), data)
    messages = [str(m) for m in get_messages(response.wsgi_request)]
    assert "1 rad sparades. 1 rad behöver rättas; se meddelandet nedan." in messages, messages


@pytest.mark.django_db
def test_wording_of_targets_events_and_half_years(world):
    indicator = IndicatorFactory(
        goal__agreement=world.agreement, direction="increase", target_value=30
    )
    assert indicator.target_lead == "Ska öka till"
    indicator.direction, indicator.target_value = Indicator.Direction.DECREASE, 5
    assert indicator.target_lead == "Ska minska till"
    indicator.direction = Indicator.Direction.AT_LEAST
    assert indicator.target_lead == "Minst"
    period = FollowUpPeriodFactory(agreement=world.agreement, year=2023, half=1)
    assert str(period) == period.label == "Första halvåret 2023"
    from indicators.charts import period_label

    assert period_label(period) == "Första halvåret 2023"
    report = FollowUpReportFactory(agreement=world.agreement, period=period)
    labels = {
        action: ReportEvent(report=report, action=action, user=world.official).by_label
        for action in ReportEvent.Action.values
    }
    assert labels == {
        "submitted": "Inskickad av",
        "approved": "Godkänd av",
        "returned": "Återremitterad av",
        "reopened": "Öppnad för ändring av",
    }


@pytest.mark.django_db
def test_indicator_form_takes_a_decimal_comma_like_the_entry_page(world):
    indicator = IndicatorFactory(goal__agreement=world.agreement, unit="percent")
    data = {
        "name": "Andel i arbete",
        "unit": "percent",
        "direction": "at_least",
        "baseline_value": "10,25",
        "baseline_label": "2022",
        "target_value": "12,5",
        "target_year": "2026",
        "source": "municipality",
        "kolada_kpi": "",
        "source_note": "",
        "frequency": indicator.frequency,
        "responsible_party": "",
        "by_gender": "",
        "position": "1",
    }
    form = IndicatorForm(data=data, instance=indicator, agreement=world.agreement)
    assert form.is_valid(), form.errors
    assert str(form.cleaned_data["target_value"]) == "12.5"
    assert form.cleaned_data["baseline_value"] == pytest.approx(10.25)
    bad = IndicatorForm(
        data={**form.data, "target_value": "tolv"}, instance=indicator, agreement=world.agreement
    )
    assert not bad.is_valid()
    assert bad.errors["target_value"] == ["Skriv ett tal, till exempel 12 eller 12,5."]


@pytest.mark.django_db
def test_the_half_year_to_act_on_is_the_oldest_overdue_then_the_latest_ended(world):
    agreement = world.agreement
    today = datetime.date(2026, 11, 28)
    h1_25 = FollowUpPeriodFactory(agreement=agreement, year=2025, half=1)
    h2_25 = FollowUpPeriodFactory(agreement=agreement, year=2025, half=2)
    FollowUpPeriodFactory(agreement=agreement, year=2026, half=1)
    FollowUpPeriodFactory(agreement=agreement, year=2026, half=2)  # under way
    FollowUpReportFactory(agreement=agreement, period=h1_25, status=FollowUpReport.Status.SUBMITTED)
    MeasurementFactory(indicator__goal__agreement=agreement, period=h2_25, total=3)
    # GIVEN H2 2025 overdue (not submitted), H1 2026 overdue too, H2 2026 under way
    chosen = latest_periods([agreement], today=today)[agreement.pk]
    # THEN the oldest overdue one is the one to act on, with its values counted
    assert (chosen.year, chosen.half, chosen.overdue, chosen.entered) == (2025, 2, True, 1)
    # WHEN both are submitted, the latest ended half-year is shown, not the one under way
    for period in (h2_25, agreement.followup_periods.get(year=2026, half=1)):
        FollowUpReportFactory(
            agreement=agreement, period=period, status=FollowUpReport.Status.SUBMITTED
        )
    chosen = latest_periods([agreement], today=today)[agreement.pk]
    assert (chosen.year, chosen.half, chosen.overdue) == (2026, 1, False)


@pytest.mark.django_db
def test_panel_and_follow_up_list_tell_the_same_state(client, world):
    agreement = world.agreement
    today = datetime.date.today()
    year = today.year - 1
    FollowUpPeriodFactory(agreement=agreement, year=year, half=2)
    client.force_login(world.official)
    panel = client.get(agreement.get_absolute_url()).content.decode()
    index = client.get(reverse("indicators:index")).content.decode()
    for html in (panel, index):
        assert f"Andra halvåret {year}" in html
        assert "Inte påbörjad" in html
