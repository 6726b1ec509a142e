"""The half-year report page, its charts, the review and the dashboard widgets."""

import datetime

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from indicators.charts import indicator_chart_svg, report_chart_svgs
from indicators.models import FollowUpReport
from indicators.selectors import indicator_rows
from indicators.services import followup_report_for, followup_report_submit, half_of
from tests.factories import UserFactory

from .factories import FollowUpPeriodFactory, GoalFactory, IndicatorFactory, MeasurementFactory


def report_url(agreement, period, name="indicators:report"):
    return reverse(name, args=[agreement.pk, period.year, period.half])


def make_indicators(agreement, n, periods):
    goals = [GoalFactory(agreement=agreement) for _ in range(max(1, n // 5))]
    for index in range(n):
        indicator = IndicatorFactory(goal=goals[index % len(goals)], baseline_value=10)
        for k, period in enumerate(periods):
            MeasurementFactory(indicator=indicator, period=period, total=10 + k, women=5, men=5 + k)


def report_queries(client, world, n):
    agreement = world.agreement
    agreement.goals.all().delete()
    periods = [
        FollowUpPeriodFactory(agreement=agreement, year=y, half=h)
        for y in (2024, 2025)
        for h in (1, 2)
    ]
    make_indicators(agreement, n, periods)
    url = report_url(agreement, periods[-1])
    client.get(url)  # the report row is made on first view
    with CaptureQueriesContext(connection) as ctx:
        response = client.get(url)
    assert response.status_code == 200
    return len(ctx.captured_queries), response, url


@pytest.mark.django_db
def test_report_query_count_does_not_grow_with_indicators(
    client, world, django_assert_max_num_queries
):
    client.force_login(world.official)
    small, _response, _url = report_queries(client, world, 5)
    large, response, url = report_queries(client, world, 50)
    assert large == small
    assert response.content.decode().count("indicator-chart") == 50
    with django_assert_max_num_queries(small):
        client.get(url)


@pytest.mark.django_db
def test_report_shows_values_status_trend_and_chart(client, world):
    indicator = IndicatorFactory(
        goal__agreement=world.agreement,
        name="Antal ungdomar i jobb- och utvecklingsgarantin ska minska och målsättningen ska vara noll",
        direction="zero",
        baseline_value=7,
    )
    p1 = FollowUpPeriodFactory(agreement=world.agreement, year=2024, half=2)
    p2 = FollowUpPeriodFactory(agreement=world.agreement, year=2025, half=1)
    MeasurementFactory(indicator=indicator, period=p1, total=6, women=2, men=4, origin="demo")
    MeasurementFactory(indicator=indicator, period=p2, total=4, women=1, men=3)
    client.force_login(world.section_chief)
    html = client.get(report_url(world.agreement, p2)).content.decode()
    assert "På väg mot målet" in html
    assert "bi-check-circle-fill" in html
    assert "−2 mot föregående värde (bättre)" in html
    assert "demovärden" in html
    chart_url = reverse("indicators:chart", args=[world.agreement.pk, 2025, 1, indicator.pk])
    assert chart_url in html
    chart = client.get(chart_url)
    assert chart["Content-Type"] == "image/svg+xml"
    assert chart.content.startswith(b"<?xml")
    assert b"<script" not in chart.content
    assert b"Kvinnor" in chart.content


@pytest.mark.django_db
def test_chart_title_of_a_long_indicator_name_is_not_cut_mid_word(world):
    # GIVEN an indicator whose name is longer than 80 characters
    name = "Antal subventionerade anställningar för personer med dokumenterad funktionsnedsättning"
    indicator = IndicatorFactory(goal__agreement=world.agreement, name=name)
    period = FollowUpPeriodFactory(agreement=world.agreement, year=2025, half=1)
    measurement = MeasurementFactory(indicator=indicator, period=period, total=3)
    # WHEN its chart is drawn
    svg = indicator_chart_svg(indicator, [period], [measurement]).decode()
    # THEN the title keeps its last word whole
    assert "funktionsnedsättning" in svg
    assert "funktionsnedsä<" not in svg


@pytest.mark.django_db
def test_chart_of_another_agreements_indicator_is_404(client, world):
    period = FollowUpPeriodFactory(agreement=world.agreement)
    other = IndicatorFactory(goal__agreement=world.other_agreement)
    client.force_login(world.official)
    url = reverse("indicators:chart", args=[world.agreement.pk, period.year, period.half, other.pk])
    assert client.get(url).status_code == 404


@pytest.mark.django_db
def test_one_report_approved_another_sent_back_and_the_official_sees_the_comment(client, world):
    # GIVEN two submitted reports of the agreement
    # (the two half-years before the current one, so the dashboard lists them)
    today = timezone.localdate()
    y1, h1 = half_of(today - datetime.timedelta(days=366))
    y2, h2 = half_of(today - datetime.timedelta(days=183))
    p1 = FollowUpPeriodFactory(agreement=world.agreement, year=y1, half=h1)
    p2 = FollowUpPeriodFactory(agreement=world.agreement, year=y2, half=h2)
    client.force_login(world.official)
    for period in (p1, p2):
        page = client.get(report_url(world.agreement, period, "indicators:report"))
        response = client.post(
            report_url(world.agreement, period, "indicators:report_save"),
            {
                "analysis": "Utfallen är bättre än väntat.",
                "submit": "1",
                "base_fingerprint": page.context["analysis_form"]["base_fingerprint"].value(),
            },
        )
        assert response.status_code == 302
    assert set(FollowUpReport.objects.values_list("status", flat=True)) == {"submitted"}
    # WHEN the section chief sees them waiting on the dashboard …
    client.force_login(world.section_chief)
    dashboard = client.get(reverse("dashboard")).content.decode()
    assert "Att granska" in dashboard
    assert report_url(world.agreement, p1, "indicators:review") in dashboard
    # … approves one, and sends the other back without a comment first
    client.post(report_url(world.agreement, p1, "indicators:review"), {"decision": "approve"})
    refused = client.post(
        report_url(world.agreement, p2, "indicators:review"), {"decision": "return"}
    )
    assert "Skriv vad som ska ändras" in refused.content.decode()
    client.post(
        report_url(world.agreement, p2, "indicators:review"),
        {"decision": "return", "comment": "Analysen av ungdomarna saknas."},
    )
    # THEN
    assert FollowUpReport.objects.get(period=p1).status == "approved"
    assert FollowUpReport.objects.get(period=p2).status == "returned"
    client.force_login(world.official)
    html = client.get(report_url(world.agreement, p2)).content.decode()
    assert "Rapporten är skickad tillbaka" in html
    assert "Analysen av ungdomarna saknas." in html
    assert "skickad tillbaka" in client.get(reverse("dashboard")).content.decode()


@pytest.mark.django_db
def test_official_and_admin_may_not_review(client, world):
    period = FollowUpPeriodFactory(agreement=world.agreement)
    followup_report_submit(report=followup_report_for(period), user=world.official)
    url = report_url(world.agreement, period, "indicators:review")
    for user in (world.official, world.admin):
        client.force_login(user)
        assert client.post(url, {"decision": "approve"}).status_code == 403
    assert FollowUpReport.objects.get().status == "submitted"


@pytest.mark.django_db
def test_section_4_document_part_and_snapshot(client, world, osteraker_like):
    from agreements.registry import document_parts

    part = next(p for p in document_parts(4) if p.key == "indicators_goals")
    snapshot = part.snapshot(world.agreement)
    import json

    json.dumps(snapshot)
    youth = next(g for g in snapshot if g["number"] == "4.3")
    zero = youth["indicators"][1]
    assert zero["direction"] == "zero" and zero["unit"] == "count" and zero["source"] == "af"
    client.force_login(world.official)
    html = client.get(world.agreement.get_absolute_url()).content.decode()
    assert "Antalet jobbspår ska öka" in html
    assert reverse("indicators:overview", args=[world.agreement.pk]) in html


@pytest.mark.django_db
def test_overview_makes_the_periods_and_counts_missing_values(client, world):
    import datetime

    world.agreement.valid_from = datetime.date(2025, 1, 1)
    world.agreement.save()
    IndicatorFactory(goal__agreement=world.agreement)
    client.force_login(world.official)
    response = client.get(reverse("indicators:overview", args=[world.agreement.pk]))
    assert response.status_code == 200
    assert world.agreement.followup_periods.filter(year=2025, half=1).exists()
    assert "1 saknas" in response.content.decode()
    dashboard = client.get(reverse("dashboard")).content.decode()
    assert "Uppföljning att rapportera" in dashboard


@pytest.mark.django_db
def test_report_charts_for_pdf_need_no_queries_per_indicator(world, django_assert_num_queries):
    period = FollowUpPeriodFactory(agreement=world.agreement)
    for _ in range(3):
        MeasurementFactory(
            indicator=IndicatorFactory(goal__agreement=world.agreement), period=period
        )
    IndicatorFactory(goal__agreement=world.agreement)  # no values: no chart
    rows = indicator_rows(world.agreement, period)
    with django_assert_num_queries(0):
        charts = report_chart_svgs(rows)
    assert len(charts) == 3
    assert all(svg.startswith(b"<?xml") and b"<svg" in svg for svg in charts.values())


@pytest.mark.django_db
def test_chart_may_style_itself_but_run_no_script(client, world):
    indicator = IndicatorFactory(goal__agreement=world.agreement)
    period = FollowUpPeriodFactory(agreement=world.agreement)
    MeasurementFactory(indicator=indicator, period=period)
    client.force_login(world.official)
    response = client.get(
        reverse(
            "indicators:chart", args=[world.agreement.pk, period.year, period.half, indicator.pk]
        )
    )
    policy = response["Content-Security-Policy"]
    assert "style-src 'self' 'unsafe-inline'" in policy
    assert "script-src 'none'" in policy


@pytest.mark.django_db
def test_stale_analysis_is_refused_and_the_text_kept(client, world):
    # GIVEN an official and a colleague who opened the same report's analysis
    period = FollowUpPeriodFactory(agreement=world.agreement, year=2025, half=1)
    client.force_login(world.official)
    page = client.get(report_url(world.agreement, period, "indicators:report"))
    base = page.context["analysis_form"]["base_fingerprint"].value()
    colleague = UserFactory(username="colleague", party=world.municipality)
    client.force_login(colleague)
    save_url = report_url(world.agreement, period, "indicators:report_save")
    response = client.post(save_url, {"analysis": "Kollegans analys.", "base_fingerprint": base})
    assert response.status_code == 302
    # WHEN the official saves the text they wrote on the page they opened before
    client.force_login(world.official)
    response = client.post(save_url, {"analysis": "Min analys.", "base_fingerprint": base})
    # THEN the save is refused in Swedish, what is stored is shown, and their text is kept
    assert response.status_code == 200
    html = response.content.decode()
    assert "Någon annan har sparat ändringar" in html
    assert "Kollegans analys." in html
    assert "Min analys.</textarea>" in html
    report = FollowUpReport.objects.get(period=period)
    assert report.analysis == "Kollegans analys."
    # AND the form now carries what is stored, so saving again (after reading) succeeds
    new_base = response.context["analysis_form"]["base_fingerprint"].value()
    response = client.post(save_url, {"analysis": "Min analys.", "base_fingerprint": new_base})
    assert response.status_code == 302
    report.refresh_from_db()
    assert report.analysis == "Min analys."
