"""The agreement's Historik and the administrators' Logg in a real browser, checked by axe."""

import io

import pytest
from django.core.management import call_command

from agreements.demo import JARFALLA, demo_agreement
from samverkan.models import User


@pytest.fixture
def demo(transactional_db):
    call_command("load_demo", stdout=io.StringIO())


@pytest.mark.django_db(transaction=True)
def test_an_edit_shows_in_the_historik_and_in_the_log(page, demo, login, assert_accessible):
    agreement = demo_agreement(JARFALLA)
    # GIVEN Järfälla's official who rewrites section 2 (Syfte)
    login(page, User.objects.get(username="jarfalla"))
    page.goto(agreement.get_absolute_url())
    page.get_by_role("link", name="Redigera Syfte").click()
    textarea = page.get_by_label("2. Syfte")
    textarea.fill(textarea.input_value() + "\n\nEtt tillägg som historiken visar.")
    page.get_by_role("button", name="Spara avsnittet").click()
    # WHEN they follow "Historik" from the agreement
    page.get_by_role("link", name="Historik", exact=True).click()
    # THEN the edit is listed with the field's Swedish name and the words added, accessible
    assert page.get_by_role("heading", level=1).inner_text() == "Historik"
    first = page.locator(".history-entries > li").first
    assert first.get_by_role("rowheader", name="2. Syfte").is_visible()
    assert "Ett tillägg som historiken visar." in first.locator("ins").inner_text()
    first.get_by_text("Visa texten före och efter").click()
    assert_accessible(page)

    # WHEN an administrator filters the log on the agreement
    page.context.clear_cookies()
    login(page, User.objects.get(username="admin"))
    page.get_by_role("link", name="Logg", exact=True).click()
    assert_accessible(page)
    page.get_by_label("Överenskommelse").fill(agreement.title)
    page.get_by_label("Vem").fill("jarfalla")
    page.get_by_role("button", name="Filtrera").click()
    # THEN the edit is there, linked to its agreement, and the filtered page is accessible
    first = page.locator(".history-entries > li").first
    assert first.get_by_role("rowheader", name="2. Syfte").is_visible()
    assert first.get_by_role("link", name=agreement.title).is_visible()
    assert_accessible(page)
    # AND a wrong date range is explained at the field, also accessibly
    page.get_by_label("Från och med").fill("2025-02-01")
    page.get_by_label("Till och med").fill("2025-01-01")
    page.get_by_role("button", name="Filtrera").click()
    assert page.get_by_text("Slutdatumet kan inte vara före startdatumet.").is_visible()
    assert_accessible(page)
