"""The account pages and the pages about the portal in a real browser, checked by axe-core
(issue 11): the invitation link, the user list, a user's page and the invitation form; the
accessibility statement, personal data and contact."""

import pytest
from django.urls import reverse

from samverkan.accounts import services
from samverkan.models import User
from tests.factories import UserFactory

PASSWORD = "Sjöbris-över-Vaxholm-42"


@pytest.mark.django_db(transaction=True)
def test_the_pages_about_the_portal_are_accessible_and_in_every_footer(
    page, world, assert_accessible
):
    page.goto("/konto/logga-in/")
    footer = page.get_by_role("navigation", name="Om webbplatsen")
    footer.get_by_role("link", name="Tillgänglighetsredogörelse").click()
    page.wait_for_url("**/tillganglighet/")
    assert (
        page.get_by_role("heading", level=1).inner_text().startswith("Tillgänglighetsredogörelse")
    )
    assert page.get_by_role("heading", name="Tillsyn").is_visible()
    assert_accessible(page)
    for path in ("/personuppgifter/", "/kontakt/"):
        page.goto(path)
        assert_accessible(page)


@pytest.mark.django_db(transaction=True)
def test_an_invited_official_chooses_a_password_and_logs_in(page, world, assert_accessible):
    invitation = services.user_invite(
        by=world.admin,
        email="anna.berg@example.se",
        first_name="Anna",
        last_name="Berg",
        party=world.municipality,
        role=User.Role.OFFICIAL,
    )
    page.goto(reverse("accounts:invitation_accept", kwargs={"token": invitation.token}))
    assert_accessible(page)
    page.locator("#id_new_password1").fill("kort")
    page.locator("#id_new_password2").fill("kort")
    page.get_by_role("button", name="Spara lösenordet").click()
    assert page.locator(".invalid-feedback").first.is_visible()
    assert_accessible(page)  # with the errors at the fields
    page.locator("#id_new_password1").fill(PASSWORD)
    page.locator("#id_new_password2").fill(PASSWORD)
    page.get_by_role("button", name="Spara lösenordet").click()
    page.wait_for_url("**/konto/logga-in/")
    assert "Ditt lösenord är sparat" in page.get_by_role("status").inner_text()
    page.get_by_label("Användarnamn").fill("anna.berg@example.se")
    page.get_by_label("Lösenord").fill(PASSWORD)
    page.get_by_role("button", name="Logga in").click()
    page.wait_for_url("**/")
    page.get_by_role("navigation", name="Huvudmeny").get_by_role("link", name="Användare").click()
    assert page.get_by_role("heading", level=1).inner_text() == f"Användare i {world.municipality}"
    # The used link says so.
    page.goto(reverse("accounts:invitation_accept", kwargs={"token": invitation.token}))
    assert "Länken har redan använts" in page.locator("main").inner_text()
    assert_accessible(page)


@pytest.mark.django_db(transaction=True)
def test_an_org_admin_invites_and_deactivates(page, world, login, assert_accessible):
    org_admin = UserFactory(username="orgadmin", party=world.municipality, role="org_admin")
    login(page, org_admin)
    page.goto(reverse("accounts:party_users", kwargs={"party_pk": world.municipality.pk}))
    assert_accessible(page)
    page.get_by_role("link", name="Bjud in användare").click()
    assert_accessible(page)
    page.get_by_role("button", name="Skicka inbjudan").click()  # empty: errors at the fields
    assert page.get_by_text("Ange en e-postadress.").is_visible()
    assert_accessible(page)
    page.get_by_label("E-postadress").fill("per.holm@example.se")
    page.get_by_label("Förnamn").fill("Per")
    page.get_by_label("Efternamn").fill("Holm")
    page.get_by_label("Roll").select_option("official")
    page.get_by_role("button", name="Skicka inbjudan").click()
    assert (
        "En inbjudan har skickats till per.holm@example.se."
        in page.get_by_role("status").inner_text()
    )
    assert_accessible(page)
    page.get_by_role("link", name="Per Holm").click()
    assert_accessible(page)
    page.get_by_role("button", name="Inaktivera kontot").click()
    assert "Kontot är inaktiverat." in page.get_by_role("status").inner_text()
    assert page.get_by_role("cell", name="Inaktiverad").first.is_visible()
    assert_accessible(page)


@pytest.mark.django_db(transaction=True)
def test_an_administrator_goes_from_the_organisations_to_their_users(
    page, world, login, assert_accessible
):
    login(page, world.admin)
    page.goto(reverse("party_list"))
    assert_accessible(page)
    page.get_by_role("link", name=f"användare i {world.municipality.name}").click()
    assert page.get_by_role("heading", level=1).inner_text() == f"Användare i {world.municipality}"
    page.get_by_role("link", name=str(world.official)).click()
    page.get_by_label("Roll").select_option("org_admin")
    page.get_by_role("button", name="Spara rollen").click()
    assert "Rollen är sparad." in page.get_by_role("status").inner_text()
    assert page.get_by_role("cell", name="Roll ändrad").first.is_visible()
    assert_accessible(page)
