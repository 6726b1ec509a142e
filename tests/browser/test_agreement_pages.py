"""The foundation in a real browser: log in, read and edit the Österåker agreement."""

import io

import pytest
from django.core.management import call_command

from agreements.demo import OSTERAKER, demo_agreement
from samverkan.models import User


@pytest.fixture
def demo(transactional_db):
    call_command("load_demo", stdout=io.StringIO())


@pytest.mark.django_db(transaction=True)
def test_osteraker_edits_syfte_and_every_page_is_accessible(page, demo, login, assert_accessible):
    agreement = demo_agreement(OSTERAKER)
    osteraker = User.objects.get(username="osteraker")

    # GIVEN the login page, accessible
    page.goto("/konto/logga-in/")
    assert_accessible(page)
    # WHEN osteraker logs in, the dashboard lists the agreement
    login(page, osteraker)
    assert page.get_by_role("link", name=agreement.title).first.is_visible()
    assert_accessible(page)
    # AND the list can be searched
    page.get_by_role("link", name="Överenskommelser", exact=True).first.click()
    page.get_by_label("Sök", exact=True).fill("Österåker")
    page.get_by_role("main").get_by_role("button", name="Sök").click()
    assert_accessible(page)
    page.get_by_role("link", name=agreement.title).click()
    # THEN the agreement is shown as its document, accessible
    assert page.get_by_role("heading", name="2. Syfte").is_visible()
    assert_accessible(page)
    # WHEN the Syfte section is edited
    page.get_by_role("link", name="Redigera Syfte").click()
    assert_accessible(page)
    textarea = page.get_by_label("2. Syfte")
    textarea.fill(
        textarea.input_value() + "\n\nTillägg från portalen: samverkan följs upp varje halvår."
    )
    page.get_by_role("button", name="Spara avsnittet").click()
    # THEN the document shows the change
    assert page.get_by_text("Tillägg från portalen: samverkan följs upp varje halvår.").is_visible()
    assert page.get_by_role("status").first.inner_text().startswith("Avsnitt 2")
