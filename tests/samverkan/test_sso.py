"""Single sign-on against a real OpenID provider (node-oidc-provider, tests/oidc) that the
tests start on this machine: the whole authorization-code flow, with PKCE and nonce, from the
portal's button through the provider's login form back to the portal on a live server."""

import base64
import hashlib
import re
import secrets
from urllib.parse import parse_qs, urlsplit

import pytest
import requests
from django.core.exceptions import SuspiciousOperation
from django.urls import reverse

from samverkan.models import Party, User
from samverkan.sso import DISCOVERED, PortalOIDCBackend
from tests.factories import PartyFactory, UserFactory

from .oidc_support import CALLBACK_PATH, provider_login, rp_settings, running_provider

CLIENT = {"client_id": "samverkan", "client_secret": "samverkan-hemlighet-1234567890abcdef"}
OTHER_CLIENT = {"client_id": "annan-tjanst", "client_secret": "annan-hemlighet-1234567890abcdef"}
ACCOUNTS = {
    "anna": {"email": "Anna.Andersson@taby.se", "email_verified": True, "name": "Anna A"},
    "okand": {"email": "okand@taby.se", "email_verified": True},
    "obekraftad": {"email": "obekraftad@taby.se", "email_verified": False},
    "avstangd": {"email": "avstangd@taby.se", "email_verified": True},
    "ny": {"email": "ny.person@taby.se", "email_verified": True, "given_name": "Ny"},
}


def _base(live_server):
    # node-oidc-provider refuses "localhost" in a web client's redirect URI.
    return live_server.url.replace("localhost", "127.0.0.1")


def _clients(live_server):
    redirect = {"redirect_uris": [_base(live_server) + CALLBACK_PATH]}
    return [{**CLIENT, **redirect}, {**OTHER_CLIENT, **redirect}]


@pytest.fixture(scope="module")
def provider(live_server):
    with running_provider(clients=_clients(live_server), accounts=ACCOUNTS) as issuer:
        yield issuer


@pytest.fixture
def sso(settings, provider):
    rp_settings(settings, provider, **CLIENT)
    return provider


@pytest.fixture
def taby(transactional_db):
    return PartyFactory(name="Täby kommun", kind=Party.Kind.MUNICIPALITY, municipality_code="0160")


def sso_login(live_server, login):
    """A visitor presses the button and logs in at the provider; the portal's last page."""
    browser = requests.Session()
    page = browser.get(_base(live_server) + reverse("login"), timeout=30)
    assert "Logga in med organisationens inloggning" in page.text
    at_provider = browser.get(_base(live_server) + reverse("oidc_login"), timeout=30)
    assert at_provider.url.startswith("http://127.0.0.1") and "/interaction/" in at_provider.url
    return browser, provider_login(browser, at_provider, login)


def _messages(response):
    return " ".join(
        re.sub(r"\s+", " ", m) for m in re.findall(r'role="alert">([^<]*)<', response.text)
    )


@pytest.mark.django_db(transaction=True)
def test_invited_user_logs_in_with_verified_email(sso, live_server, taby):
    # GIVEN an invited, active account whose e-mail the provider vouches for (other case)
    anna = UserFactory(username="anna", email="anna.andersson@taby.se", party=taby)
    # WHEN Anna logs in at the provider
    browser, last = sso_login(live_server, "anna")
    # THEN she is back on the portal's start page, logged in as her own account
    assert last.status_code == 200
    assert urlsplit(last.url).path == reverse("dashboard")
    assert "Välkommen" in last.text
    assert browser.get(_base(live_server) + reverse("login"), timeout=30).url.endswith(
        reverse("dashboard")
    )
    assert anna.get_full_name() in last.text
    assert User.objects.count() == 1
    # AND when her account is deactivated, her session ends
    anna.is_active = False
    anna.save()
    after = browser.get(_base(live_server) + reverse("dashboard"), timeout=30)
    assert urlsplit(after.url).path == reverse("login")


@pytest.mark.django_db(transaction=True)
def test_unknown_email_is_refused_in_swedish_and_no_account_is_made(sso, live_server, taby):
    # GIVEN Täby owns taby.se but has not asked for accounts from single sign-on
    taby.sso_email_domains = "taby.se"
    taby.save()
    # WHEN someone without an account logs in at the provider
    _browser, last = sso_login(live_server, "okand")
    # THEN the login page says so, in Swedish, and nobody is logged in or created
    assert urlsplit(last.url).path == reverse("login")
    assert "Det finns inget konto i Samverkansportalen för okand@taby.se" in _messages(last)
    assert not User.objects.filter(email__iexact="okand@taby.se").exists()


@pytest.mark.django_db(transaction=True)
def test_unverified_email_is_refused(sso, live_server, taby):
    UserFactory(username="obekraftad", email="obekraftad@taby.se", party=taby)
    _browser, last = sso_login(live_server, "obekraftad")
    assert urlsplit(last.url).path == reverse("login")
    assert "inte bekräftad hos organisationens inloggning" in _messages(last)


@pytest.mark.django_db(transaction=True)
def test_deactivated_account_is_refused(sso, live_server, taby):
    UserFactory(username="avstangd", email="avstangd@taby.se", party=taby, is_active=False)
    _browser, last = sso_login(live_server, "avstangd")
    assert urlsplit(last.url).path == reverse("login")
    assert "Kontot för avstangd@taby.se är avstängt" in _messages(last)


@pytest.mark.django_db(transaction=True)
def test_two_accounts_with_the_same_email_are_refused(sso, live_server, taby):
    UserFactory(username="anna1", email="anna.andersson@taby.se", party=taby)
    UserFactory(username="anna2", email="Anna.Andersson@taby.se", party=taby)
    _browser, last = sso_login(live_server, "anna")
    assert urlsplit(last.url).path == reverse("login")
    assert "Flera konton i Samverkansportalen har e-postadressen" in _messages(last)


@pytest.mark.django_db(transaction=True)
def test_organisation_that_asks_for_it_gets_accounts_from_single_sign_on(sso, live_server, taby):
    # GIVEN Täby creates accounts from single sign-on for taby.se
    taby.sso_create_accounts = True
    taby.sso_email_domains = "@Taby.se, taby.stockholm.se"
    taby.full_clean()
    taby.save()
    # WHEN a new colleague logs in
    _browser, last = sso_login(live_server, "ny")
    # THEN they have an account at Täby as an official, without a password
    assert urlsplit(last.url).path == reverse("dashboard")
    user = User.objects.get(email="ny.person@taby.se")
    assert (user.party, user.role, user.has_usable_password()) == (taby, User.Role.OFFICIAL, False)


def _id_token_for(issuer, client, redirect_uri, login):
    """The real code flow as another of the provider's clients: its ID token."""
    verifier = secrets.token_urlsafe(48)
    challenge = base64.urlsafe_b64encode(hashlib.sha256(verifier.encode()).digest()).rstrip(b"=")
    browser = requests.Session()
    at_provider = browser.get(
        f"{issuer}/auth",
        params={
            "client_id": client["client_id"],
            "redirect_uri": redirect_uri,
            "response_type": "code",
            "scope": "openid email",
            "nonce": "nonce-1",
            "state": "state-1",
            "code_challenge": challenge.decode(),
            "code_challenge_method": "S256",
        },
        timeout=30,
    )
    back = provider_login(browser, at_provider, login)
    # The provider's redirect to the service (whose own callback then refuses the stranger).
    redirect = next(
        r.headers["Location"]
        for r in back.history
        if r.headers.get("Location", "").startswith(redirect_uri)
    )
    code = parse_qs(urlsplit(redirect).query)["code"][0]
    token = requests.post(
        f"{issuer}/token",
        data={
            "grant_type": "authorization_code",
            "code": code,
            "redirect_uri": redirect_uri,
            "code_verifier": verifier,
            **client,
        },
        timeout=30,
    )
    token.raise_for_status()
    return token.json()["id_token"]


@pytest.mark.django_db(transaction=True)
def test_id_token_for_another_client_is_refused(sso, live_server, taby):
    """mozilla-django-oidc does not check the audience; PortalOIDCBackend does. In the code
    flow the provider only hands the portal its own tokens, so the test plays another service
    of the same provider and offers that service's real token to the portal's verification."""
    UserFactory(username="anna", email="anna.andersson@taby.se", party=taby)
    redirect_uri = _base(live_server) + CALLBACK_PATH
    others = _id_token_for(sso, OTHER_CLIENT, redirect_uri, "anna")
    ours = _id_token_for(sso, CLIENT, redirect_uri, "anna")
    backend = PortalOIDCBackend()
    # The portal's own token passes (so the refusal below is about the audience alone) ...
    assert backend.verify_token(ours, nonce="nonce-1")["aud"] == CLIENT["client_id"]
    # ... the other client's, signed by the same provider, does not.
    with pytest.raises(SuspiciousOperation, match="Audience doesn't match"):
        backend.verify_token(others, nonce="nonce-1")


@pytest.mark.django_db(transaction=True)
def test_expired_id_token_is_refused(settings, live_server, taby):
    """A provider whose clock is 15 minutes behind issues ID tokens (valid 60 s) that expired
    long before they reach the portal; beyond the clock leeway (60 s) they are refused."""
    UserFactory(username="anna", email="anna.andersson@taby.se", party=taby)
    with running_provider(
        clients=_clients(live_server), accounts=ACCOUNTS, id_token_ttl=60, clock_offset_seconds=-900
    ) as issuer:
        rp_settings(settings, issuer, **CLIENT)
        browser, last = sso_login(live_server, "anna")
    assert urlsplit(last.url).path == reverse("login")
    assert "Inloggningen har gått ut" in _messages(last)
    assert "Välkommen" not in browser.get(_base(live_server) + "/", timeout=30).text


@pytest.mark.django_db(transaction=True)
def test_endpoints_from_the_discovery_document(settings, provider, live_server, taby):
    """With OIDC_OP_DISCOVERY_URL the issuer and endpoints need not be configured."""
    settings.OIDC_RP_CLIENT_ID = CLIENT["client_id"]
    settings.OIDC_RP_CLIENT_SECRET = CLIENT["client_secret"]
    settings.OIDC_OP_DISCOVERY_URL = f"{provider}/.well-known/openid-configuration"
    for name in DISCOVERED:
        setattr(settings, name, "")
    settings.AUTHENTICATION_BACKENDS = [
        *settings.AUTHENTICATION_BACKENDS,
        "samverkan.sso.PortalOIDCBackend",
    ]
    UserFactory(username="anna", email="anna.andersson@taby.se", party=taby)
    _browser, last = sso_login(live_server, "anna")
    assert urlsplit(last.url).path == reverse("dashboard")


@pytest.mark.django_db
def test_provider_down_is_said_in_swedish(client, settings):
    """A provider that does not answer (nothing listens on the discovery port)."""
    settings.OIDC_RP_CLIENT_ID = CLIENT["client_id"]
    settings.OIDC_RP_CLIENT_SECRET = CLIENT["client_secret"]
    settings.OIDC_OP_DISCOVERY_URL = "http://127.0.0.1:9/.well-known/openid-configuration"
    for name in DISCOVERED:
        setattr(settings, name, "")
    response = client.get(reverse("oidc_login"), follow=True)
    assert response.redirect_chain[-1][0] == reverse("login")
    assert "Organisationens inloggning svarar inte just nu" in response.content.decode()


@pytest.mark.django_db(transaction=True)
def test_administrator_still_gives_the_second_factor(sso, settings, live_server, taby):
    settings.OTP_REQUIRED_FOR_ADMINS = True
    UserFactory(username="anna", email="anna.andersson@taby.se", party=taby, role=User.Role.ADMIN)
    _browser, last = sso_login(live_server, "anna")
    assert urlsplit(last.url).path == reverse("second_factor_setup")
    assert "Aktivera tvåstegsverifiering" in last.text


@pytest.mark.django_db
def test_without_configuration_there_is_no_button_and_no_sso(client, settings):
    settings.OIDC_RP_CLIENT_ID = ""
    page = client.get(reverse("login"))
    assert "organisationens inloggning" not in page.content.decode()
    assert client.get(reverse("oidc_login")).status_code == 404
    assert client.get(reverse("oidc_callback") + "?code=x&state=y").status_code == 404


@pytest.mark.django_db
def test_password_login_still_works_with_sso_configured(client, settings):
    """Axes stays first in AUTHENTICATION_BACKENDS and the password form is unchanged."""
    settings.OIDC_RP_CLIENT_ID = "samverkan"
    settings.AUTHENTICATION_BACKENDS = [
        *settings.AUTHENTICATION_BACKENDS,
        "samverkan.sso.PortalOIDCBackend",
    ]
    for name in ("OIDC_OP_TOKEN_ENDPOINT", "OIDC_OP_USER_ENDPOINT", "OIDC_OP_JWKS_ENDPOINT"):
        setattr(settings, name, "http://127.0.0.1:9/")
    settings.OIDC_OP_AUTHORIZATION_ENDPOINT = "http://127.0.0.1:9/auth"
    settings.OIDC_OP_ISSUER = "http://127.0.0.1:9"
    assert settings.AUTHENTICATION_BACKENDS[0] == "axes.backends.AxesStandaloneBackend"
    user = UserFactory(username="lisa")
    page = client.get(reverse("login"))
    assert "Logga in med organisationens inloggning" in page.content.decode()
    response = client.post(
        reverse("login"), {"username": "lisa", "password": "demo-samverkan-2026"}
    )
    assert response.status_code == 302 and response["Location"] == reverse("dashboard")
    assert int(client.session["_auth_user_id"]) == user.pk


@pytest.mark.django_db
def test_party_form_asks_for_domains_when_accounts_are_created(client, world):
    client.force_login(world.admin)
    url = reverse("party_edit", kwargs={"party_pk": world.municipality.pk})
    data = {
        "kind": world.municipality.kind,
        "name": world.municipality.name,
        "organisation_number": world.municipality.organisation_number,
        "municipality_code": world.municipality.municipality_code,
        "email": "",
        "sso_create_accounts": "on",
        "sso_email_domains": "",
    }
    refused = client.post(url, data)
    assert refused.status_code == 200
    assert "Ange minst en e-postdomän" in refused.content.decode()
    refused = client.post(url, {**data, "sso_email_domains": "taby.se, inte en domän"})
    assert "inte en domän är ingen e-postdomän" in refused.content.decode()
    assert 'value="taby.se, inte en domän"' in refused.content.decode()
    saved = client.post(url, {**data, "sso_email_domains": "@Taby.se; taby.stockholm.se"})
    assert saved.status_code == 302
    world.municipality.refresh_from_db()
    assert world.municipality.sso_email_domains == "taby.se, taby.stockholm.se"
    assert world.municipality.sso_create_accounts
