"""Signing in a real browser: the last signatory signs, the signed PDF can be verified by
its code, and a revision is compared with the signed version. axe-core checks each page."""

import pytest

from agreements.models import SignedDocument
from agreements.signing import agreement_sign, agreement_start_revision
from samverkan.seal import make_self_signed_pkcs12
from tests.agreements.factories import Jarfalla
from tests.factories import DEMO_PASSWORD


@pytest.fixture
def sealed(settings, tmp_path):
    path = tmp_path / "seal.p12"
    make_self_signed_pkcs12(path, "browser", "Samverkansportalen testsigill")
    settings.SIGNING_CERT_PATH = str(path)
    settings.SIGNING_CERT_PASSWORD = "browser"


@pytest.mark.django_db(transaction=True)
def test_last_signatory_signs_then_anyone_verifies_and_a_revision_is_compared(
    page, login, assert_accessible, sealed
):
    # GIVEN the Järfälla agreement out for signature, signed by Jan and Carina
    jarfalla = Jarfalla()
    version = jarfalla.send()
    for signatory, user in jarfalla.signatories[:2]:
        agreement_sign(version=version, signatory=signatory, user=user, password=DEMO_PASSWORD)

    # WHEN Jenny opens the agreement, she is asked to sign
    login(page, jarfalla.jenny)
    page.goto(jarfalla.agreement.get_absolute_url())
    page.get_by_role("link", name="Skriv under").click()
    assert page.get_by_role("heading", name="Underskrifter").is_visible()
    assert_accessible(page)
    # AND a wrong password is refused at the field
    page.get_by_label("Ditt lösenord").fill("fel-lösenord")
    page.get_by_label("Jag har läst versionen och skriver under den.").check()
    page.get_by_role("button", name="Skriv under Version 1").click()
    assert page.get_by_text("Lösenordet stämmer inte").is_visible()
    assert_accessible(page)
    # AND with her password she signs
    page.get_by_label("Ditt lösenord").fill(DEMO_PASSWORD)
    page.get_by_label("Jag har läst versionen och skriver under den.").check()
    page.get_by_role("button", name="Skriv under Version 1").click()
    assert page.get_by_text("Tack! Din underskrift är registrerad.").is_visible()

    # THEN the agreement is in force with its signed PDF
    document = SignedDocument.objects.get(version=version)
    assert document.status == SignedDocument.Status.READY

    # AND anyone can verify it by the code in its footer
    page.goto("/verifiera/")
    assert_accessible(page)
    page.get_by_role("textbox", name="Kontrollkod").fill(document.verification_code)
    page.get_by_role("button", name="Kontrollera").click()
    assert page.get_by_role("heading", name="Dokumentet finns i Samverkansportalen").is_visible()
    assert page.get_by_text(document.sha256).is_visible()
    assert_accessible(page)

    # WHEN a revision changes one section, the comparison shows exactly that change
    agreement_start_revision(agreement=jarfalla.agreement, user=jarfalla.official)
    agreement = jarfalla.agreement
    agreement.refresh_from_db()
    agreement.text_followup = "Måluppfyllelse följs upp varje halvår."
    agreement.save()
    page.context.clear_cookies()
    login(page, jarfalla.official)
    page.goto(f"/overenskommelser/{agreement.pk}/versioner/jamfor/")
    assert page.get_by_text("1 avsnitt har ändrats").is_visible()
    assert page.locator("ins.diff-ins").first.inner_text().strip() == "varje halvår"
    assert_accessible(page)
    page.goto(f"/overenskommelser/{agreement.pk}/versioner/")
    assert_accessible(page)

    # AND the public register shows the signed version, not the draft
    page.goto(f"/register/{agreement.pk}/")
    assert page.get_by_text(
        "Måluppfyllelse följs upp i samband med styrgruppens möten."
    ).is_visible()
    assert_accessible(page)
