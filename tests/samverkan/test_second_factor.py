"""Administrators' second factor (TOTP, django-otp) when OTP_REQUIRED_FOR_ADMINS is on: codes
computed from the device's key with django-otp's own TOTP, as an authenticator app would."""

import base64
import re
import time

import pytest
from django.urls import reverse
from django_otp.oath import TOTP
from django_otp.plugins.otp_totp.models import TOTPDevice

from tests.factories import DEMO_PASSWORD


def code_for(device, offset_steps=0):
    totp = TOTP(device.bin_key, device.step, device.t0, device.digits)
    totp.time = time.time() + offset_steps * device.step
    return f"{totp.token():06d}"


def password_login(client, user):
    """The real login form (axes makes client.login unusable)."""
    response = client.post(reverse("login"), {"username": user.username, "password": DEMO_PASSWORD})
    assert response.status_code == 302, response.content[:500]
    return response


@pytest.fixture
def required(settings):
    settings.OTP_REQUIRED_FOR_ADMINS = True


@pytest.mark.django_db
def test_admin_sets_up_the_app_then_reaches_the_portal(client, world, required):
    # GIVEN an administrator without an app, logged in with the password
    password_login(client, world.admin)
    # WHEN they open the start page they are sent to set up the app first
    response = client.get(reverse("dashboard"))
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("second_factor_setup"))
    assert client.get("/admin/").status_code == 302
    page = client.get(response["Location"])
    html = page.content.decode()
    assert "<svg" in html and 'role="img"' in html
    device = TOTPDevice.objects.get(user=world.admin, confirmed=False)
    secret = re.search(r'id="totp-secret">([A-Z2-7 ]+)<', html).group(1).replace(" ", "")
    assert base64.b32decode(secret) == device.bin_key
    # A wrong code is refused at the field, in Swedish
    wrong = client.post(reverse("second_factor_setup"), {"token": code_for(device, 10)})
    assert "Koden stämmer inte" in wrong.content.decode()
    assert client.get(reverse("dashboard")).status_code == 302
    # THEN (after django-otp's one-second wait for a wrong code) the app's current code
    # confirms the device and lets them in
    time.sleep(1.1)
    response = client.post(
        reverse("second_factor_setup"), {"token": code_for(device), "next": "/admin/"}
    )
    assert response.status_code == 302 and response["Location"] == "/admin/"
    device.refresh_from_db()
    assert device.confirmed
    assert client.get(reverse("dashboard")).status_code == 200
    assert client.get("/admin/").status_code == 200


@pytest.mark.django_db
def test_admin_with_an_app_verifies_after_the_password(client, world, required):
    device = TOTPDevice.objects.create(user=world.admin, name="app", confirmed=True)
    response = password_login(client, world.admin)
    response = client.get(response["Location"])
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("second_factor_verify"))
    assert client.get(reverse("second_factor_verify")).status_code == 200
    assert (
        "Skriv koden"
        in client.post(reverse("second_factor_verify"), {"token": ""}).content.decode()
    )
    response = client.post(reverse("second_factor_verify"), {"token": code_for(device)})
    assert response.status_code == 302 and response["Location"] == reverse("dashboard")
    assert client.get(reverse("dashboard")).status_code == 200
    # The same code cannot be used again, in a new session
    client.post(reverse("logout"))
    password_login(client, world.admin)
    again = client.post(reverse("second_factor_verify"), {"token": code_for(device)})
    assert again.status_code == 200 and "Koden stämmer inte" in again.content.decode()
    assert client.get(reverse("dashboard")).status_code == 302


@pytest.mark.django_db
def test_wrong_codes_are_throttled(client, world, required):
    device = TOTPDevice.objects.create(user=world.admin, name="app", confirmed=True)
    password_login(client, world.admin)
    for _ in range(3):
        client.post(reverse("second_factor_verify"), {"token": "000000"})
    # Even the right code waits now
    response = client.post(reverse("second_factor_verify"), {"token": code_for(device)})
    assert "För många felaktiga koder" in response.content.decode()
    assert client.get(reverse("dashboard")).status_code == 302


@pytest.mark.django_db
def test_others_and_admins_when_off_are_not_asked(client, world, settings):
    settings.OTP_REQUIRED_FOR_ADMINS = True
    password_login(client, world.official)
    assert client.get(reverse("dashboard")).status_code == 200
    assert client.get(reverse("second_factor_setup")).status_code == 404
    client.post(reverse("logout"))
    settings.OTP_REQUIRED_FOR_ADMINS = False
    password_login(client, world.admin)
    assert client.get(reverse("dashboard")).status_code == 200


@pytest.mark.django_db
def test_next_must_stay_on_the_portal(client, world, required):
    device = TOTPDevice.objects.create(user=world.admin, name="app", confirmed=True)
    password_login(client, world.admin)
    response = client.post(
        reverse("second_factor_verify"),
        {"token": code_for(device), "next": "https://elsewhere.example/"},
    )
    assert response["Location"] == reverse("dashboard")
