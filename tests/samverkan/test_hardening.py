"""Production hardening (issue 10): passwords, sessions, lockout behind a proxy, throttled
password reset, security headers and the Swedish error pages."""

import os
import subprocess
import sys
import time
from pathlib import Path

import pytest
from django.conf import settings as django_settings
from django.contrib.auth.password_validation import validate_password
from django.core import mail
from django.core.cache import cache
from django.core.exceptions import ValidationError
from django.test import Client, RequestFactory
from django.urls import reverse

from samverkan import security
from samverkan.seal import make_self_signed_pkcs12
from tests.factories import DEMO_PASSWORD, UserFactory

BASE_DIR = Path(django_settings.BASE_DIR)


# --- Passwords ------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "password",
    ["lösenord", "Lösenord1", "sommar2026", "lösenord12345", "Sommar2026!!!", "Qwertyuiop123"],
)
def test_common_and_short_passwords_are_refused_in_swedish(password):
    with pytest.raises(ValidationError) as excinfo:
        validate_password(password)
    text = " ".join(excinfo.value.messages)
    assert "för kort" in text or "för vanligt" in text, text


def test_a_long_uncommon_password_is_accepted():
    validate_password("tåg-kanel-fjäril-79")


def test_swedish_list_is_checked_even_for_long_passwords():
    with pytest.raises(ValidationError) as excinfo:
        security.SwedishCommonPasswordValidator().validate("Midsommar-2026")
    assert excinfo.value.messages == [
        "Lösenordet är för vanligt. Välj ett som inte bygger på ett vanligt ord."
    ]


def test_password_change_form_shows_the_swedish_message(client, db):
    user = UserFactory()
    client.force_login(user)
    response = client.post(
        reverse("password_change"),
        {
            "old_password": DEMO_PASSWORD,
            "new_password1": "sommar2026",
            "new_password2": "sommar2026",
        },
    )
    assert response.status_code == 200
    assert "minst 12 tecken" in response.content.decode()
    user.refresh_from_db()
    assert user.check_password(DEMO_PASSWORD)


# --- Sessions -------------------------------------------------------------------------------


def _set_session(client, **values):
    session = client.session
    session.update(values)
    session.save()


def test_session_ends_after_30_idle_minutes(client, db):
    client.force_login(UserFactory())
    assert client.get(reverse("dashboard")).status_code == 200
    _set_session(client, _portal_seen=int(time.time()) - 31 * 60)
    response = client.get(reverse("dashboard"))
    assert response.status_code == 302 and reverse("login") in response["Location"]


def test_session_ends_after_12_hours_even_when_active(client, db):
    client.force_login(UserFactory())
    now = int(time.time())
    _set_session(client, _portal_started=now - 12 * 3600 - 1, _portal_seen=now - 5)
    response = client.get(reverse("dashboard"))
    assert response.status_code == 302


def test_activity_keeps_the_session_alive(client, db):
    client.force_login(UserFactory())
    _set_session(client, _portal_seen=int(time.time()) - 29 * 60)
    assert client.get(reverse("dashboard")).status_code == 200
    assert client.session["_portal_seen"] >= int(time.time()) - 5
    assert client.get(reverse("dashboard")).status_code == 200


def test_session_cookie_lasts_at_most_12_hours():
    assert django_settings.SESSION_COOKIE_AGE <= 12 * 3600
    assert django_settings.SESSION_IDLE_TIMEOUT == 30 * 60


# --- Client address and lockout -------------------------------------------------------------


def _request(remote, forwarded=None):
    meta = {"REMOTE_ADDR": remote}
    if forwarded:
        meta["HTTP_X_FORWARDED_FOR"] = forwarded
    return RequestFactory().get("/", **meta)


def test_client_ip_believes_forwarded_for_only_from_trusted_proxies(settings):
    settings.TRUSTED_PROXIES = ["10.0.0.0/8"]
    assert security.client_ip(_request("10.0.0.2", "203.0.113.9")) == "203.0.113.9"
    # The client wrote its own X-Forwarded-For: the proxy appended the real address.
    assert security.client_ip(_request("10.0.0.2", "198.51.100.1, 203.0.113.9")) == "203.0.113.9"
    # Two trusted proxies in a row.
    assert security.client_ip(_request("10.0.0.2", "203.0.113.9, 10.0.0.3")) == "203.0.113.9"
    # Not from a trusted proxy: the header is anyone's to write.
    assert security.client_ip(_request("203.0.113.7", "198.51.100.1")) == "203.0.113.7"
    settings.TRUSTED_PROXIES = []
    assert security.client_ip(_request("10.0.0.2", "203.0.113.9")) == "10.0.0.2"


def _login(client, username, password, **meta):
    return client.post(reverse("login"), {"username": username, "password": password}, **meta)


@pytest.fixture
def axes_on(settings, db):
    settings.AXES_ENABLED = True
    settings.AXES_FAILURE_LIMIT = 3
    settings.TRUSTED_PROXIES = ["10.0.0.0/8"]
    from axes.models import AccessAttempt

    AccessAttempt.objects.all().delete()
    cache.clear()
    return settings


def test_failed_logins_elsewhere_do_not_lock_out_the_owner(axes_on):
    user = UserFactory(username="kommunen")
    attacker = Client()
    for _ in range(5):
        _login(
            attacker,
            "kommunen",
            "fel-lösenord",
            REMOTE_ADDR="10.0.0.2",
            HTTP_X_FORWARDED_FOR="203.0.113.66",
        )
    locked = _login(
        attacker,
        "kommunen",
        DEMO_PASSWORD,
        REMOTE_ADDR="10.0.0.2",
        HTTP_X_FORWARDED_FOR="203.0.113.66",
    )
    assert locked.status_code == 429
    # The owner comes through the same proxy from their own address and logs in.
    owner = Client()
    response = _login(
        owner,
        "kommunen",
        DEMO_PASSWORD,
        REMOTE_ADDR="10.0.0.2",
        HTTP_X_FORWARDED_FOR="198.51.100.20",
    )
    assert response.status_code == 302
    assert owner.session["_auth_user_id"] == str(user.pk)


def test_a_forged_forwarded_for_does_not_move_the_lock(axes_on):
    UserFactory(username="kommunen")
    attacker = Client()
    for number in range(5):
        # Directly connected (not via the proxy), pretending to be many addresses.
        _login(
            attacker,
            "kommunen",
            "fel",
            REMOTE_ADDR="203.0.113.66",
            HTTP_X_FORWARDED_FOR=f"198.51.100.{number}",
        )
    assert (
        _login(attacker, "kommunen", DEMO_PASSWORD, REMOTE_ADDR="203.0.113.66").status_code == 429
    )


# --- Password reset -------------------------------------------------------------------------


def test_password_reset_is_throttled(client, db):
    cache.clear()
    UserFactory(username="kommunen", email="kommunen@example.se")
    statuses = []
    for _ in range(8):
        response = client.post(reverse("password_reset"), {"email": "kommunen@example.se"})
        statuses.append(response.status_code)
    assert len(mail.outbox) == django_settings.PASSWORD_RESET_LIMIT_PER_EMAIL == 3
    assert statuses[:5] == [302] * 5
    assert statuses[5:] == [429] * 3
    assert "för många återställningar" in response.content.decode()
    cache.clear()


def test_password_reset_limit_per_address_counts_other_mailboxes(client, db):
    cache.clear()
    for number in range(6):
        UserFactory(username=f"u{number}", email=f"u{number}@example.se")
    for number in range(6):
        client.post(reverse("password_reset"), {"email": f"u{number}@example.se"})
    assert len(mail.outbox) == django_settings.PASSWORD_RESET_LIMIT_PER_IP == 5
    cache.clear()


# --- Headers and error pages ----------------------------------------------------------------


def test_permissions_policy_header(client, db):
    response = client.get(reverse("login"))
    policy = response["Permissions-Policy"]
    for feature in ("camera=()", "microphone=()", "geolocation=()"):
        assert feature in policy


def test_500_page_is_swedish_and_needs_no_database():
    # No db fixture: any query would fail the test.
    response = security.server_error(RequestFactory().get("/"))
    text = response.content.decode()
    assert response.status_code == 500
    assert "Något gick fel" in text and 'lang="sv"' in text and "Samverkansportalen" in text


def test_400_page_is_swedish(client, settings, db):
    settings.DEBUG = False
    response = client.get("/", HTTP_HOST="inte-var-vard.example")
    assert response.status_code == 400
    assert "Felaktig begäran" in response.content.decode()


def test_404_page_is_swedish(client, settings, db):
    settings.DEBUG = False
    response = client.get("/finns-inte/")
    assert response.status_code == 404
    assert "Sidan finns inte" in response.content.decode()


def test_csrf_failure_page_is_swedish(db):
    response = Client(enforce_csrf_checks=True).post(reverse("login"), {"username": "x"})
    assert response.status_code == 403
    assert "Formuläret kunde inte skickas" in response.content.decode()


# --- Production settings --------------------------------------------------------------------


def _production_env(tmp_path) -> dict:
    cert = tmp_path / "seal.p12"
    make_self_signed_pkcs12(cert, "p", "Samverkansportalen test")
    env = {
        **{k: v for k, v in os.environ.items() if k != "DJANGO_ALLOW_ASYNC_UNSAFE"},
        "DEBUG": "0",
        "SECRET_KEY": "x" * 20 + "-production-check-" + "y" * 30,
        "ALLOWED_HOSTS": "samverkan.example.se",
        "SIGNING_CERT_PATH": str(cert),
        "SIGNING_CERT_PASSWORD": "p",
        "STATIC_ROOT": str(tmp_path / "static"),
    }
    return env


def test_check_deploy_passes_with_production_settings(tmp_path):
    result = subprocess.run(
        [sys.executable, "manage.py", "check", "--deploy", "--fail-level", "WARNING"],
        cwd=BASE_DIR,
        env=_production_env(tmp_path),
        capture_output=True,
        text=True,
    )
    assert result.returncode == 0, result.stdout + result.stderr
