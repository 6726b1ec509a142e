"""The login page with single sign-on configured, the whole code flow in Chromium against the
real OpenID provider (tests/oidc), and the administrators' second-factor pages, each checked
with axe-core."""

import re
import time

import pytest
from django_otp.oath import TOTP
from django_otp.plugins.otp_totp.models import TOTPDevice

from tests.factories import DEMO_PASSWORD, UserFactory
from tests.samverkan.oidc_support import CALLBACK_PATH, rp_settings, running_provider

CLIENT = {"client_id": "samverkan", "client_secret": "samverkan-hemlighet-1234567890abcdef"}
ACCOUNTS = {
    "anna": {"email": "anna@taby.se", "email_verified": True},
    "okand": {"email": "okand@taby.se", "email_verified": True},
}


def _base(live_server):
    return live_server.url.replace("localhost", "127.0.0.1")  # see tests/samverkan/test_sso.py


@pytest.fixture(scope="module")
def provider(live_server):
    client = {**CLIENT, "redirect_uris": [_base(live_server) + CALLBACK_PATH]}
    with running_provider(clients=[client], accounts=ACCOUNTS) as issuer:
        yield issuer


def _login_at_provider(page, login):
    page.locator('input[name="login"]').fill(login)
    page.locator('input[name="password"]').fill("x")
    page.locator('button[type="submit"]').click()


@pytest.mark.django_db(transaction=True)
def test_login_page_with_sso_and_the_flow(
    page, live_server, world, settings, provider, assert_accessible
):
    rp_settings(settings, provider, **CLIENT)
    UserFactory(username="anna", email="anna@taby.se", party=world.municipality)
    base = _base(live_server)
    # GIVEN the login page with the organisation's login configured
    page.goto(base + "/konto/logga-in/")
    button = page.get_by_role("link", name="Logga in med organisationens inloggning")
    assert button.is_visible()
    assert_accessible(page)
    # WHEN someone without an account logs in at the provider
    button.click()
    page.wait_for_url(re.compile(r".*/interaction/.*"))
    _login_at_provider(page, "okand")
    # THEN the login page refuses in Swedish, and is still accessible
    page.wait_for_url(base + "/konto/logga-in/")
    alert = page.get_by_role("alert")
    assert "Det finns inget konto i Samverkansportalen för okand@taby.se" in alert.inner_text()
    assert_accessible(page)
    # AND an invited user (another browser: the provider remembers "okand") is let in
    page.context.clear_cookies()
    page.goto(base + "/konto/logga-in/")
    page.get_by_role("link", name="Logga in med organisationens inloggning").click()
    page.wait_for_url(re.compile(r".*/interaction/.*"))
    _login_at_provider(page, "anna")
    page.wait_for_url(base + "/")
    assert page.get_by_role("heading", level=1).inner_text().startswith("Välkommen")


def _code(device):
    totp = TOTP(device.bin_key, device.step, device.t0, device.digits)
    totp.time = time.time()
    return f"{totp.token():06d}"


@pytest.mark.django_db(transaction=True)
def test_second_factor_pages(page, world, settings, assert_accessible):
    settings.OTP_REQUIRED_FOR_ADMINS = True
    # GIVEN an administrator without an app logs in with the password
    page.goto("/konto/logga-in/")
    page.get_by_label("Användarnamn").fill(world.admin.username)
    page.get_by_label("Lösenord").fill(DEMO_PASSWORD)
    page.get_by_role("button", name="Logga in").click()
    # THEN the set-up page comes first: QR code and key, accessible
    page.wait_for_url(re.compile(r".*/konto/tvastegs/aktivera/.*"))
    assert page.get_by_role("img", name="QR-kod för autentiseringsappen").is_visible()
    assert_accessible(page)
    # A wrong code is refused at the field (still accessible)
    page.get_by_label("Kod från appen").fill("12")
    page.get_by_role("button", name="Aktivera").click()
    assert "Koden stämmer inte" in page.locator(".invalid-feedback").inner_text()
    assert_accessible(page)
    time.sleep(1.1)  # django-otp's wait after a wrong code
    device = TOTPDevice.objects.get(user=world.admin)
    page.get_by_label("Kod från appen").fill(_code(device))
    page.get_by_role("button", name="Aktivera").click()
    page.wait_for_url("**/")
    assert page.get_by_role("heading", level=1).inner_text().startswith("Välkommen")
    # WHEN they log in again, the verify step asks for the code
    page.context.clear_cookies()
    page.goto("/konto/logga-in/")
    page.get_by_label("Användarnamn").fill(world.admin.username)
    page.get_by_label("Lösenord").fill(DEMO_PASSWORD)
    page.get_by_role("button", name="Logga in").click()
    page.wait_for_url(re.compile(r".*/konto/tvastegs/verifiera/.*"))
    assert_accessible(page)
