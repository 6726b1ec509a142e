"""Fixtures of the API tests: the demo data (``load_demo``) and tokens for its users."""

import pytest
from rest_framework.test import APIClient

from api.services import api_token_create
from samverkan.models import User
from tests.samverkan.test_demo import load_demo


@pytest.fixture
def demo(db):
    load_demo()


def token_for(username: str) -> str:
    _token, raw = api_token_create(user=User.objects.get(username=username), name="test")
    return raw


def api_client(raw_token: str | None = None) -> APIClient:
    client = APIClient()
    if raw_token:
        client.credentials(HTTP_AUTHORIZATION=f"Bearer {raw_token}")
    return client


def fetch_all(client, url: str) -> list[dict]:
    """Every object of a list endpoint, following the cursor pages."""
    objects = []
    while url:
        response = client.get(url)
        assert response.status_code == 200, (url, response.content[:300])
        body = response.json()
        objects.extend(body["results"])
        url = body["next"]
    return objects
