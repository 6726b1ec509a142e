"""Browser tests of the follow-up: entry, report and review pages, each checked by axe-core."""

import pytest

from indicators.models import FollowUpReport, Measurement
from indicators.services import followup_report_for, followup_report_submit
from tests.indicators.factories import FollowUpPeriodFactory, IndicatorFactory, MeasurementFactory


@pytest.fixture
def followup(world):
    count = IndicatorFactory(
        goal__agreement=world.agreement,
        goal__title="Samtliga målgrupper",
        name="Antal i ekonomiskt bistånd i arbetsför ålder ska minska",
        baseline_value=310,
    )
    share = IndicatorFactory(
        goal=count.goal,
        name="Andelen nyanlända till studier eller arbete ska öka",
        unit="percent",
        direction="increase",
        baseline_value=38,
    )
    earlier = FollowUpPeriodFactory(agreement=world.agreement, year=2024, half=2)
    period = FollowUpPeriodFactory(agreement=world.agreement, year=2025, half=1)
    MeasurementFactory(indicator=count, period=earlier, total=300, women=140, men=160)
    MeasurementFactory(indicator=share, period=earlier, total=39, women=40, men=38)
    return world.agreement, period, count, share


@pytest.mark.django_db(transaction=True)
def test_entry_page_saves_valid_rows_and_explains_refused_ones(
    page, world, followup, login, assert_accessible
):
    agreement, period, count, share = followup
    login(page, world.official)
    page.goto(f"/uppfoljning/{agreement.pk}/2025/h1/utfall/")
    assert_accessible(page)
    # WHEN the official types by label, as a screen reader user would find the fields
    page.get_by_label(f"Totalt för {count.name}").fill("290")
    page.get_by_label(f"Kvinnor för {count.name}").fill("130")
    page.get_by_label(f"Män för {count.name}").fill("160")
    page.get_by_label(f"Totalt för {share.name}").fill("41,5")
    page.get_by_role("button", name="Spara utfallen").click()
    # THEN the refused row says why and keeps what was typed; the valid row is saved
    assert "ska tillsammans bli totalen" in page.content()
    assert page.get_by_label(f"Män för {count.name}").input_value() == "160"
    assert Measurement.objects.get(indicator=share, period=period).total == 41.5
    assert_accessible(page)


@pytest.mark.django_db(transaction=True)
def test_report_page_is_accessible_and_submits(page, world, followup, login, assert_accessible):
    agreement, period, count, share = followup
    MeasurementFactory(indicator=count, period=period, total=290, women=130, men=160)
    login(page, world.official)
    page.goto(f"/uppfoljning/{agreement.pk}/2025/h1/")
    assert page.get_by_role("img", name=f"Diagram över {count.name}", exact=False).count() == 1
    assert_accessible(page)
    page.get_by_label("Den operativa gruppens analys").fill("Färre i ekonomiskt bistånd.")
    page.get_by_role("button", name="Spara och skicka in för granskning").click()
    # The share has no value for the period: the page names it and asks before sending.
    page.get_by_text("1 indikator saknar värde för perioden").wait_for()
    assert share.name in page.locator("#saknade-varden").inner_text()
    assert FollowUpReport.objects.get(period=period).status == "draft"
    assert_accessible(page)
    page.get_by_role("button", name="Skicka in ändå").click()
    page.get_by_text("Rapporten är inskickad för granskning.").wait_for()
    report = FollowUpReport.objects.get(period=period)
    assert (report.status, report.analysis) == ("submitted", "Färre i ekonomiskt bistånd.")
    assert_accessible(page)
    # The PDF is ordered from the page and made in the background (in-process without Redis);
    # the page then links it.
    page.get_by_role("button", name="Skapa rapporten som PDF").click()
    link = page.get_by_role("link", name="Ladda ned rapporten som PDF")
    link.wait_for()
    assert_accessible(page)
    with page.expect_download() as download:
        link.click()
    assert download.value.suggested_filename.endswith("-2025-h1.pdf")


@pytest.mark.django_db(transaction=True)
def test_review_page_is_accessible_and_sends_back(page, world, followup, login, assert_accessible):
    agreement, period, *_ = followup
    followup_report_submit(
        report=followup_report_for(period), user=world.official, confirm_missing=True
    )
    login(page, world.section_chief)
    page.goto(f"/uppfoljning/{agreement.pk}/2025/h1/granska/")
    assert_accessible(page)
    page.get_by_label("Skicka tillbaka rapporten").check()
    page.get_by_role("button", name="Spara beslutet").click()
    # a send-back without a comment is refused at the field
    page.get_by_text("Skriv vad som ska ändras när du skickar tillbaka rapporten.").first.wait_for()
    assert_accessible(page)
    page.get_by_label("Kommentar").fill("Analysen saknas.")
    page.get_by_role("button", name="Spara beslutet").click()
    page.get_by_text("Rapporten är skickad tillbaka.").wait_for()
    assert FollowUpReport.objects.get(period=period).status == "returned"


@pytest.mark.django_db(transaction=True)
def test_other_followup_pages_are_accessible(page, world, followup, login, assert_accessible):
    agreement, period, count, share = followup
    login(page, world.official)
    for path in (
        "/uppfoljning/",
        f"/uppfoljning/{agreement.pk}/",
        f"/uppfoljning/{agreement.pk}/mal/",
        f"/uppfoljning/{agreement.pk}/indikator/{count.pk}/",
        f"/uppfoljning/{agreement.pk}/2025/h1/import/",
        f"/uppfoljning/{agreement.pk}/tidsfrister/",
        f"/overenskommelser/{agreement.pk}/",
        "/",
    ):
        page.goto(path)
        assert_accessible(page)
