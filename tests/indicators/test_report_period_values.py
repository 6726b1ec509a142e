"""A report speaks of its own period: status, trend and PDF use only that period's values,
a missing value says so, submitting with missing values asks first, and unknown gender is
shown wherever women and men are (issue 9, item 6)."""

import io

import pytest
from django.urls import reverse
from pypdf import PdfReader

from indicators.charts import indicator_chart_svg
from indicators.models import FollowUpReport
from indicators.report_pdf import followup_report_pdf
from indicators.services import ReportIncomplete, followup_report_for, followup_report_submit

from .factories import FollowUpPeriodFactory, GoalFactory, IndicatorFactory, MeasurementFactory


def url(agreement, period, name="indicators:report"):
    return reverse(name, args=[agreement.pk, period.year, period.half])


def pdf_text(report):
    reader = PdfReader(io.BytesIO(followup_report_pdf(report)))
    return " ".join(" ".join(page.extract_text() for page in reader.pages).split())


@pytest.fixture
def five_on_track(world):
    """Five indicators on track in 2024 H2 and no value at all in 2025 H1."""
    goal = GoalFactory(agreement=world.agreement, title="Fler i arbete")
    earlier = FollowUpPeriodFactory(agreement=world.agreement, year=2024, half=2)
    empty = FollowUpPeriodFactory(agreement=world.agreement, year=2025, half=1)
    indicators = [
        IndicatorFactory(goal=goal, direction="at_most", target_value=100) for _ in range(5)
    ]
    for indicator in indicators:
        MeasurementFactory(indicator=indicator, period=earlier, total=10, women=4, men=6)
    return earlier, empty, indicators


def analysis_fingerprint(client, agreement, period):
    """What the report page's analysis form carries, as a browser would send it back."""
    page = client.get(url(agreement, period))
    return page.context["analysis_form"]["base_fingerprint"].value()


@pytest.mark.django_db
def test_a_period_without_values_is_not_on_track_from_older_values(client, world, five_on_track):
    earlier, empty, _indicators = five_on_track
    client.force_login(world.official)
    # The earlier period, with its own values, is on track …
    assert "5 på väg mot målet" in client.get(url(world.agreement, earlier)).content.decode()
    # … the empty one says each value is missing, on the page and in the PDF.
    html = client.get(url(world.agreement, empty)).content.decode()
    assert "0 på väg mot målet" in html
    assert "5 med för lite underlag" in html
    assert html.count("Värde saknas för Första halvåret 2025.") == 5
    assert "Värde saknas för perioden." in html
    text = pdf_text(followup_report_for(empty))
    assert "0 på väg mot målet" in text and "5 med för lite underlag" in text
    assert "Värde saknas för Första halvåret 2025" in text


@pytest.mark.django_db
def test_submit_with_missing_values_lists_them_and_asks_to_confirm(client, world, five_on_track):
    _earlier, empty, indicators = five_on_track
    MeasurementFactory(indicator=indicators[0], period=empty, total=8, women=3, men=5)
    client.force_login(world.official)
    save = url(world.agreement, empty, "indicators:report_save")
    base = analysis_fingerprint(client, world.agreement, empty)

    # WHEN the official submits with 4 of 5 values missing
    response = client.post(
        save, {"analysis": "Halvåret i korthet.", "submit": "1", "base_fingerprint": base}
    )

    # THEN nothing is submitted; the page names the four and offers to send anyway
    assert response.status_code == 200
    html = response.content.decode()
    assert "4 indikatorer saknar värde för perioden" in html
    for indicator in indicators[1:]:
        assert indicator.name in html
    assert indicators[0].name in html  # on the page anyway, but not in the list below
    missing_list = html.split('id="saknade-varden"')[1].split("</ul>")[0]
    assert indicators[0].name not in missing_list
    assert "Skicka in ändå" in html
    report = FollowUpReport.objects.get(period=empty)
    assert report.status == FollowUpReport.Status.DRAFT
    assert report.analysis == "Halvåret i korthet."
    with pytest.raises(ReportIncomplete) as refused:
        followup_report_submit(report=report, user=world.official)
    assert len(refused.value.missing) == 4

    # WHEN they confirm, THEN it is submitted
    confirmed = client.post(
        save,
        {
            "analysis": "Halvåret i korthet.",
            "submit": "1",
            "confirm_missing": "1",
            # what the page's "Skicka in ändå" form carries: the analysis just saved
            "base_fingerprint": response.context["analysis_form"]["base_fingerprint"].value(),
        },
    )
    assert confirmed.status_code == 302
    report.refresh_from_db()
    assert report.status == FollowUpReport.Status.SUBMITTED


@pytest.mark.django_db
def test_a_complete_report_is_submitted_without_a_question(client, world, five_on_track):
    _earlier, empty, indicators = five_on_track
    for indicator in indicators:
        MeasurementFactory(indicator=indicator, period=empty, total=9, women=4, men=5)
    client.force_login(world.official)
    response = client.post(
        url(world.agreement, empty, "indicators:report_save"),
        {
            "analysis": "",
            "submit": "1",
            "base_fingerprint": analysis_fingerprint(client, world.agreement, empty),
        },
    )
    assert response.status_code == 302
    assert FollowUpReport.objects.get(period=empty).status == FollowUpReport.Status.SUBMITTED


@pytest.mark.django_db
def test_unknown_gender_is_shown_with_women_and_men(client, world):
    indicator = IndicatorFactory(goal__agreement=world.agreement, name="Antal i jobbspår")
    period = FollowUpPeriodFactory(agreement=world.agreement, year=2025, half=1)
    measurement = MeasurementFactory(
        indicator=indicator, period=period, total=17, women=7, men=6, unknown=4
    )
    client.force_login(world.official)
    html = client.get(url(world.agreement, period)).content.decode()
    assert "Okänt kön" in html
    assert "<td>7</td><td>6</td><td>4</td>" in html
    text = pdf_text(followup_report_for(period))
    assert "Okänt kön" in text
    svg = indicator_chart_svg(indicator, [period], [measurement])
    assert "Okänt kön".encode() in svg
    chart = client.get(
        reverse("indicators:chart", args=[world.agreement.pk, 2025, 1, indicator.pk])
    )
    assert "Okänt kön".encode() in chart.content
