"""The bell, the notices of events and the notice settings, in a real browser with axe."""

import pytest

from indicators.services import followup_report_for, followup_report_review, followup_report_submit
from tests.indicators.factories import FollowUpPeriodFactory

COMMENT = "Analysen av ungdomarna saknas."


@pytest.mark.django_db(transaction=True)
def test_a_report_sent_back_leads_from_the_bell_to_the_comment_on_the_entry_page(
    page, world, login, assert_accessible
):
    # GIVEN the official's report, sent back by the section chief with a comment
    period = FollowUpPeriodFactory(agreement=world.agreement, year=2025, half=1)
    report = followup_report_submit(
        report=followup_report_for(period), user=world.official, confirm_missing=True
    )
    followup_report_review(
        report=report, reviewer=world.section_chief, approved=False, comment=COMMENT
    )
    login(page, world.official)
    # WHEN they follow the bell
    page.get_by_role("link", name="Notiser, 1 oläst").click()
    assert_accessible(page)
    assert page.get_by_text("Din halvårsuppföljning har skickats tillbaka").count() == 1
    # AND open the notice
    page.get_by_role(
        "link", name=f"Halvårsuppföljningen skickades tillbaka: {world.agreement.title}"
    ).click()
    # THEN they are where the values are entered, with the comment, and the notice is read
    assert page.get_by_role("heading", level=1).inner_text().startswith("Utfall för")
    assert page.locator("#aterremiss").get_by_text(COMMENT).count() == 1
    assert_accessible(page)
    assert page.get_by_role("link", name="Notiser", exact=True).count() == 1


@pytest.mark.django_db(transaction=True)
def test_the_settings_page_chooses_the_daily_digest_and_is_accessible(
    page, world, login, assert_accessible
):
    login(page, world.official)
    page.goto("/paminnelser/installningar/")
    assert_accessible(page)
    assert page.get_by_label("Direkt, ett e-postmeddelande för varje notis").is_checked()
    page.get_by_label("En sammanfattning om dagen").check()
    page.get_by_label("Kallelse till ett möte (med kalenderfil)").uncheck()
    page.get_by_role("button", name="Spara").click()
    assert page.get_by_label("En sammanfattning om dagen").is_checked()
    assert not page.get_by_label("Kallelse till ett möte (med kalenderfil)").is_checked()
    assert_accessible(page)
