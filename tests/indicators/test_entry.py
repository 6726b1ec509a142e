"""The entry page: every indicator as a row; valid rows saved, refused rows kept."""

import pytest
from django.urls import reverse

from indicators.models import FollowUpReport, Indicator, Measurement
from indicators.services import measurement_save

from .factories import FollowUpPeriodFactory, FollowUpReportFactory, IndicatorFactory


def entry_url(agreement, period):
    return reverse("indicators:entry", args=[agreement.pk, period.year, period.half])


def row_data(indicator, base="new", **values):
    data = {f"i{indicator.pk}-base": base}
    for field in ("total", "women", "men", "unknown", "comment"):
        data[f"i{indicator.pk}-{field}"] = values.get(field, "")
    return data


def good_values(indicator):
    if indicator.unit == Indicator.Unit.PERCENT:
        return (
            {"total": "40,5", "women": "42", "men": "39"}
            if indicator.by_gender
            else {"total": "40,5"}
        )
    if indicator.by_gender:
        return {"total": "20", "women": "9", "men": "10", "unknown": "1"}
    return {"total": "3"}


@pytest.mark.django_db
def test_osteraker_h1_2025_on_one_page_saves_valid_rows_and_keeps_refused(
    client, world, osteraker_like
):
    # GIVEN the Österåker-like agreement and an official of the municipality
    agreement, period, indicators = osteraker_like
    client.force_login(world.official)
    page = client.get(entry_url(agreement, period))
    assert page.status_code == 200
    for indicator in indicators:
        assert f"Totalt för {indicator.name}" in page.content.decode()
    # WHEN every indicator is filled in, one count row's parts do not add up and one
    # percentage is 130
    wrong_sum = next(i for i in indicators if i.unit == "count" and i.by_gender)
    wrong_percent = next(i for i in indicators if i.unit == "percent")
    data = {}
    for indicator in indicators:
        values = good_values(indicator)
        if indicator == wrong_sum:
            values = {"total": "20", "women": "9", "men": "9"}
        if indicator == wrong_percent:
            values = {**values, "total": "130"}
        data.update(row_data(indicator, **values))
    response = client.post(entry_url(agreement, period), data)
    # THEN the valid rows are saved …
    assert response.status_code == 200
    assert Measurement.objects.filter(period=period).count() == len(indicators) - 2
    assert not Measurement.objects.filter(indicator__in=[wrong_sum, wrong_percent]).exists()
    saved = Measurement.objects.get(
        indicator=next(i for i in indicators if i.unit == "percent" and i != wrong_percent)
    )
    assert str(saved.total) == "40.50"
    # … and the refused rows come back with their messages and what was typed
    html = response.content.decode()
    assert "ska tillsammans bli totalen" in html
    assert "En andel ligger mellan 0 och 100 procent." in html
    assert f'name="i{wrong_percent.pk}-total" value="130"' in html
    assert f'name="i{wrong_sum.pk}-men" value="9"' in html
    assert 'aria-invalid="true"' in html
    # WHEN the official corrects the two rows and saves again (the others unchanged)
    stored = {m.indicator_id: m for m in Measurement.objects.filter(period=period)}
    data = {}
    for indicator in indicators:
        from indicators.services import measurement_fingerprint

        values = good_values(indicator)
        data.update(
            row_data(indicator, base=measurement_fingerprint(stored.get(indicator.pk)), **values)
        )
    response = client.post(entry_url(agreement, period), data)
    assert response.status_code == 302
    assert Measurement.objects.filter(period=period).count() == len(indicators)


@pytest.mark.django_db
def test_concurrent_save_is_reported_not_overwritten(client, world):
    indicator = IndicatorFactory(goal__agreement=world.agreement, by_gender=False)
    period = FollowUpPeriodFactory(agreement=world.agreement)
    client.force_login(world.official)
    # GIVEN the page was opened while the value was empty, and someone else saved 5 meanwhile
    measurement_save(indicator=indicator, period=period, user=world.section_chief, total="5")
    # WHEN the official saves 7 from the old page
    response = client.post(entry_url(world.agreement, period), row_data(indicator, total="7"))
    # THEN they are told, their 7 is kept in the form, and 5 stays stored
    html = response.content.decode()
    assert "Någon annan sparade ett värde" in html
    assert 'value="7"' in html
    assert Measurement.objects.get().total == 5
    # WHEN they save again after reading it, THEN their value is stored
    base = response.context["groups"][0][1][0].data[f"i{indicator.pk}-base"]
    client.post(entry_url(world.agreement, period), row_data(indicator, base=base, total="7"))
    assert Measurement.objects.get().total == 7


@pytest.mark.django_db
def test_submitted_report_locks_the_values(client, world):
    indicator = IndicatorFactory(goal__agreement=world.agreement, by_gender=False)
    period = FollowUpPeriodFactory(agreement=world.agreement)
    FollowUpReport.objects.create(agreement=world.agreement, period=period, status="submitted")
    client.force_login(world.official)
    response = client.post(entry_url(world.agreement, period), row_data(indicator, total="7"))
    assert response.status_code == 200
    assert not Measurement.objects.exists()


@pytest.mark.django_db
def test_ended_agreement_takes_no_values(client, world):
    period = FollowUpPeriodFactory(agreement=world.agreement)
    world.agreement.status = "ended"
    world.agreement.save()
    client.force_login(world.official)
    assert client.get(entry_url(world.agreement, period)).status_code == 403


@pytest.mark.django_db
def test_a_reviewed_period_offers_viewing_not_entering_or_importing(client, world):
    # GIVEN one period whose report is approved and one still open
    IndicatorFactory(goal__agreement=world.agreement)
    approved = FollowUpPeriodFactory(agreement=world.agreement, year=2024, half=1)
    FollowUpReportFactory(period=approved, status=FollowUpReport.Status.APPROVED)
    open_period = FollowUpPeriodFactory(agreement=world.agreement, year=2025, half=1)
    client.force_login(world.official)
    # WHEN the official opens the follow-up overview
    overview = client.get(reverse("indicators:overview", args=[world.agreement.pk])).content
    # THEN the approved period is offered for viewing and the open one for entering
    assert 'Visa utfall<span class="visually-hidden"> Första halvåret 2024' in overview.decode()
    assert 'Mata in<span class="visually-hidden"> Första halvåret 2025' in overview.decode()
    # AND the locked entry page offers no import, the open one does
    locked_page = client.get(entry_url(world.agreement, approved)).content.decode()
    assert "Importera från Excel eller CSV" not in locked_page
    open_page = client.get(entry_url(world.agreement, open_period)).content.decode()
    assert "Importera från Excel eller CSV" in open_page
