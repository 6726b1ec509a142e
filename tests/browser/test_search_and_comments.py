"""The search page and the parties' comments on a draft in a real browser, with axe-core."""

from io import StringIO

import pytest
from django.core.management import call_command
from playwright.sync_api import expect

from agreements.demo import JARFALLA, demo_agreement
from samverkan.models import User


@pytest.fixture
def demo(transactional_db):
    call_command("load_demo", stdout=StringIO())


def user(username):
    return User.objects.get(username=username)


@pytest.mark.django_db(transaction=True)
def test_taby_searches_from_the_menu_and_reads_the_hits(page, demo, login, assert_accessible):
    login(page, user("taby"))
    # WHEN Täby searches from the menu's box on the dashboard
    page.get_by_role("searchbox", name="Sök i portalen").fill("etableringsprogram")
    page.get_by_role("searchbox", name="Sök i portalen").press("Enter")
    # THEN the hits are grouped by kind, the words marked
    expect(page.get_by_role("heading", name="Sök", level=1)).to_be_visible()
    expect(page.get_by_role("heading", name="Överenskommelser", level=2)).to_be_visible()
    expect(page.get_by_role("heading", name="Indikatorer", level=2)).to_be_visible()
    expect(page.locator("mark").first).to_be_visible()
    expect(page.get_by_text("Järfälla kommun och Arbetsförmedlingen")).to_have_count(0)
    assert_accessible(page)
    # WHEN only one kind is shown
    page.get_by_label("Visa").select_option(label="Jobbspår")
    page.get_by_label("Sökord").fill("serviceassistent")
    page.get_by_role("main").get_by_role("button", name="Sök").click()
    expect(page.get_by_role("heading", name="Jobbspår", level=2)).to_be_visible()
    expect(page.get_by_role("link", name="Serviceassistent")).to_be_visible()
    assert_accessible(page)
    # AND a search with nothing to find says so
    page.get_by_label("Sökord").fill("zxqvy")
    page.get_by_label("Visa").select_option(label="Allt")
    page.get_by_role("main").get_by_role("button", name="Sök").click()
    expect(page.get_by_text("Inga träffar för ”zxqvy”.")).to_be_visible()
    assert_accessible(page)
    expect(page.get_by_role("link", name="Serviceassistent")).to_have_count(0)


@pytest.mark.django_db(transaction=True)
def test_jarfalla_and_af_comment_answer_and_resolve_on_the_draft(
    page, demo, login, assert_accessible
):
    agreement = demo_agreement(JARFALLA)
    login(page, user("jarfalla"))
    page.goto(agreement.get_absolute_url())
    expect(page.get_by_role("heading", name="Kommentarer", level=2)).to_be_visible()
    page.get_by_role("link", name="Kommentera och svara").click()
    expect(page.get_by_role("heading", name="Kommentarer mellan parterna")).to_be_visible()
    assert_accessible(page)
    # WHEN a comment is sent without text, THEN it is refused at the field, section kept
    page.get_by_label("Avsnitt").select_option(label="2. Syfte")
    page.get_by_role("button", name="Skicka kommentaren").click()
    expect(page.get_by_text("Detta fält måste fyllas i.")).to_be_visible()
    assert page.get_by_label("Avsnitt").input_value() == "2"
    assert_accessible(page)
    # WHEN it is written
    page.get_by_role("textbox", name="Kommentar").fill("Bör syftet nämna kompetensförsörjningen?")
    page.get_by_role("button", name="Skicka kommentaren").click()
    expect(page.get_by_role("status").first).to_have_text("Kommentaren är skickad till parterna.")
    expect(page.get_by_text("Bör syftet nämna kompetensförsörjningen?")).to_be_visible()
    assert_accessible(page)
    # THEN the agreement page lists it as open
    page.goto(agreement.get_absolute_url())
    expect(page.get_by_text("1 öppen kommentar mellan parterna:")).to_be_visible()
    assert_accessible(page)

    # WHEN Af Stockholm Nordväst answers and resolves it
    page.context.clear_cookies()
    login(page, user("af-nordvast"))
    page.goto(agreement.get_absolute_url())
    page.get_by_role("link", name="2. Syfte").click()
    page.get_by_role("textbox", name="Svar").fill("Ja, vi lägger till en mening.")
    page.get_by_role("button", name="Svara").click()
    expect(page.get_by_role("status").first).to_have_text("Svaret är skickat.")
    expect(page.get_by_text("Ja, vi lägger till en mening.")).to_be_visible()
    assert_accessible(page)
    page.get_by_role("button", name="Markera som löst").click()
    expect(page.get_by_role("status").first).to_have_text("Kommentaren är markerad som löst.")
    expect(page.get_by_text("Inga öppna kommentarer.")).to_be_visible()
    page.get_by_role("link", name="Lösta").click()
    expect(page.get_by_text("Löst av")).to_be_visible()
    assert_accessible(page)
