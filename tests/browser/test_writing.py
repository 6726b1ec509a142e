"""Writing an agreement in a real browser: formatted text, the draft for decision."""

import io

import pytest
from django.core.management import call_command
from docx import Document

from agreements.demo import JARFALLA, demo_agreement
from agreements.models import Agreement
from samverkan.models import User


@pytest.fixture
def demo(transactional_db):
    call_command("load_demo", stdout=io.StringIO())


@pytest.mark.django_db(transaction=True)
def test_formatted_text_and_the_draft_for_decision_are_accessible(
    page, demo, login, assert_accessible
):
    agreement = demo_agreement(JARFALLA)
    # GIVEN a section written with bold text, a link and a table
    Agreement.objects.filter(pk=agreement.pk).update(
        text_followup=agreement.text_followup
        + "\n\n**Uppföljning** sker med [Kolada](https://www.kolada.se/).\n\n"
        "| Mått | Värde |\n|---|--:|\n| Deltagare | 12 |"
    )
    login(page, User.objects.get(username="jarfalla"))
    page.goto(agreement.get_absolute_url())
    # THEN the page shows the formatting, and is accessible
    assert page.locator("#avsnitt-7 strong", has_text="Uppföljning").is_visible()
    assert page.locator("#avsnitt-7 table td.text-end", has_text="12").is_visible()
    assert_accessible(page)
    # WHEN the draft is downloaded as a Word file from the page
    with page.expect_download() as download:
        page.get_by_role("link", name="Ladda ner utkastet som Word-fil").click()
    document = Document(download.value.path())
    assert "7. Uppföljning" in [p.text for p in document.paragraphs]
    # AND a frozen version offers its own draft files, on an accessible page
    page.goto(f"{agreement.get_absolute_url()}versioner/1/")
    assert page.get_by_role("link", name="PDF märkt UTKAST").is_visible()
    assert_accessible(page)


@pytest.mark.django_db(transaction=True)
def test_a_new_agreement_shows_the_templates_guidance_accessibly(
    page, demo, login, assert_accessible
):
    from agreements.services import agreement_create
    from samverkan.models import Party

    jarfalla = User.objects.get(username="jarfalla")
    af = Party.objects.get(name="Arbetsförmedlingen Stockholm Nordväst")
    agreement = agreement_create(
        user=jarfalla, data={"title": "Överenskommelse 2027–2030"}, other_parties=[af]
    )
    login(page, jarfalla)
    # GIVEN the new agreement: each section offers the template's guidance
    page.goto(agreement.get_absolute_url())
    page.get_by_text("Mallens vägledning för avsnitt 4").click()
    assert page.get_by_text("Målen ska vara jämställdhetsintegrerade").first.is_visible()
    assert_accessible(page)
    # WHEN section 4 is edited, the guidance with suggested indicators stands beside the editor
    page.goto(f"{agreement.get_absolute_url()}avsnitt/4/")
    guidance = page.get_by_role("complementary", name="Mallens vägledning")
    assert guidance.get_by_text("Kolada N31807").is_visible()
    assert_accessible(page)


@pytest.mark.django_db(transaction=True)
def test_a_new_agreement_from_the_one_in_force_accessibly(page, demo, login, assert_accessible):
    from agreements.demo import OSTERAKER

    source = demo_agreement(OSTERAKER)
    login(page, User.objects.get(username="osteraker"))
    page.goto(source.get_absolute_url())
    # WHEN the official starts a new agreement from the one in force
    page.get_by_role("link", name="Ny överenskommelse från gällande").click()
    assert_accessible(page)
    page.get_by_label("Titel på den nya överenskommelsen").fill("Österåker 2027–2030")
    page.get_by_role("button", name="Skapa utkastet").click()
    # THEN the new draft opens with the goals and the groups of the old one
    assert page.get_by_role("heading", name="Österåker 2027–2030").is_visible()
    assert page.get_by_role("status").first.inner_text().startswith("Ett nytt utkast")
    assert page.locator("#avsnitt-5").get_by_text("Strategisk samverkan").first.is_visible()
    assert_accessible(page)
