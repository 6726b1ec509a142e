"""The page API-nycklar: create a token (shown once, stored as a hash), revoke it."""

import re

import pytest
from django.test import Client
from django.urls import reverse

from api.models import ApiToken, token_hash
from api.services import api_token_create
from tests.factories import UserFactory

from .conftest import api_client

pytestmark = pytest.mark.django_db

PAGE = reverse("api_tokens:list")


def new_token_on(html: str) -> str | None:
    match = re.search(r'id="new-token"[^>]*value="([^"]+)"', html)
    return match.group(1) if match else None


def test_a_token_is_created_shown_once_and_stored_as_a_hash(official_client, world):
    # WHEN the official creates a token
    page = official_client.post(PAGE, {"name": "Statistikexport"}, follow=True)
    # THEN the page shows it once, and it reads the API as the official
    raw = new_token_on(page.content.decode())
    assert raw and raw.startswith("svp_")
    assert "Kopiera nyckeln nu" in page.content.decode()
    assert api_client(raw).get("/api/v1/agreements/").json()["results"][0]["id"] == (
        world.agreement.pk
    )
    # AND only its hash is stored; the next visit does not show it again
    token = ApiToken.objects.get(user=world.official)
    assert token.key_hash == token_hash(raw) and token.name == "Statistikexport"
    again = official_client.get(PAGE).content.decode()
    assert new_token_on(again) is None and raw not in again
    assert "Statistikexport" in again and token.key_start in again


def test_the_same_form_sent_twice_creates_one_token(official_client, world):
    form = official_client.get(PAGE).content.decode()
    key = re.search(r'name="submission_key" value="([^"]+)"', form).group(1)
    data = {"name": "Skript", "submission_key": key}
    first = official_client.post(PAGE, data, follow=True)
    official_client.post(PAGE, data)
    assert ApiToken.objects.filter(user=world.official).count() == 1
    assert new_token_on(first.content.decode())


def test_a_name_is_required_and_what_was_typed_is_kept(official_client, world):
    response = official_client.post(PAGE, {"name": "   "})
    assert response.status_code == 200
    assert "Detta fält måste fyllas i." in response.content.decode()
    long_name = "Å" * 101
    response = official_client.post(PAGE, {"name": long_name})
    html = response.content.decode()
    assert "som mest 100 tecken" in html
    assert long_name in html
    assert not ApiToken.objects.exists()


def test_revoking_stops_the_token_at_once(official_client, world):
    token, raw = api_token_create(user=world.official, name="Gammal")
    assert api_client(raw).get("/api/v1/goals/").status_code == 200
    response = official_client.post(reverse("api_tokens:revoke", args=[token.pk]), follow=True)
    assert "är återkallad" in response.content.decode()
    assert api_client(raw).get("/api/v1/goals/").status_code == 401
    assert "Återkallad" in official_client.get(PAGE).content.decode()


def test_nobody_revokes_or_sees_anothers_token(client, world):
    token, raw = api_token_create(user=world.official, name="Hemlig")
    client.force_login(world.outsider)
    assert client.post(reverse("api_tokens:revoke", args=[token.pk])).status_code == 404
    assert "Hemlig" not in client.get(PAGE).content.decode()
    token.refresh_from_db()
    assert token.is_active and api_client(raw).get("/api/v1/goals/").status_code == 200


def test_the_session_reads_the_api_and_anything_but_reading_needs_csrf(world):
    client = Client(enforce_csrf_checks=True)
    client.force_login(world.official)
    assert client.get("/api/v1/agreements/").status_code == 200
    response = client.post("/api/v1/agreements/", {}, content_type="application/json")
    assert response.status_code == 403
    assert "CSRF" in response.json()["detail"]


def test_too_many_active_tokens_are_refused_in_swedish(official_client, world):
    for n in range(20):
        api_token_create(user=world.official, name=f"n{n}")
    response = official_client.post(PAGE, {"name": "En till"})
    assert "Återkalla en som inte används" in response.content.decode()
    assert ApiToken.objects.filter(user=world.official).count() == 20


def test_a_user_without_organisation_sees_nothing_through_the_api(db):
    lonely = UserFactory(party=None)
    _token, raw = api_token_create(user=lonely, name="x")
    assert api_client(raw).get("/api/v1/agreements/").json()["results"] == []


def test_an_administrator_revokes_a_token_in_the_admin(client, world):
    token, raw = api_token_create(user=world.official, name="Läckt")
    client.force_login(world.admin)
    changelist = reverse("admin:api_apitoken_changelist")
    assert "Läckt" in client.get(changelist).content.decode()
    assert (
        raw
        not in client.get(reverse("admin:api_apitoken_change", args=[token.pk])).content.decode()
    )
    client.post(changelist, {"action": "revoke", "_selected_action": [token.pk]})
    assert api_client(raw).get("/api/v1/goals/").status_code == 401
    assert client.get(reverse("admin:api_apitoken_add")).status_code == 403
