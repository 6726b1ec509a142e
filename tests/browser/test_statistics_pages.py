"""Kartläggning and Kolada pages in Chromium, checked with axe-core (WCAG 2.1 AA)."""

import pytest

from indicators.statistics.demo import load_statistics_demo
from tests.factories import AgreementFactory, EmploymentServiceFactory, PartyFactory, UserFactory
from tests.indicators.kolada_support import make_conflict, make_snapshot

NORDOST = {
    "0162": "Danderyds kommun",
    "0188": "Norrtälje kommun",
    "0160": "Täby kommun",
    "0115": "Vallentuna kommun",
    "0187": "Vaxholms stad",
    "0117": "Österåkers kommun",
}


@pytest.mark.django_db(transaction=True)
def test_comparison_page_is_accessible(page, login, assert_accessible):
    # GIVEN the six nordost municipalities with seed 003's figures
    parties = [PartyFactory(name=name, municipality_code=code) for code, name in NORDOST.items()]
    agreement = AgreementFactory(parties=[*parties, EmploymentServiceFactory()])
    load_statistics_demo(lambda message: None)
    user = UserFactory(party=parties[5])
    # WHEN an Österåker official opens the comparison
    login(page, user)
    page.goto(f"/overenskommelser/{agreement.pk}/kartlaggning/")
    # THEN the municipalities stand side by side with computed shares
    assert page.get_by_role("columnheader", name="Täby kommun").first.is_visible()
    assert page.get_by_text("Andel av de arbetslösa som uppbär försörjningsstöd").is_visible()
    assert_accessible(page)


@pytest.mark.django_db(transaction=True)
def test_snapshot_form_with_errors_is_accessible(page, world, login, assert_accessible):
    snapshot = make_snapshot(world.municipality)
    login(page, world.official)
    page.goto(f"/kartlaggning/{snapshot.pk}/andra/")
    assert_accessible(page)
    page.get_by_label("Försörjningsstöd, kvinnor").fill("90")
    page.get_by_role("button", name="Spara").click()
    assert page.get_by_text("Kvinnor och män är tillsammans 149, fler än totalt 112.").is_visible()
    assert_accessible(page)


@pytest.mark.django_db(transaction=True)
def test_conflicts_page_is_accessible_and_settles(page, world, login, assert_accessible):
    make_conflict(world.agreement)
    login(page, world.official)
    page.goto("/kolada/konflikter/")
    assert_accessible(page)
    page.get_by_role("button", name="Ta Koladas värde").click()
    assert page.get_by_text("Koladas värde är infört.").is_visible()
    assert_accessible(page)


@pytest.mark.django_db(transaction=True)
def test_kolada_pages_are_accessible(page, world, login, assert_accessible):
    make_conflict(world.agreement)
    login(page, world.admin)
    page.goto("/kolada/")
    assert page.get_by_role(
        "button", name="Hämta från Kolada för alla överenskommelser"
    ).is_visible()
    assert_accessible(page)
    page.goto(f"/overenskommelser/{world.agreement.pk}/kolada/")
    assert_accessible(page)
    page.goto("/kartlaggning/")
    assert_accessible(page)
