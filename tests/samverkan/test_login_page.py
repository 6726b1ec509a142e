"""The login page, the first page a visitor without an account sees."""

import pytest

pytestmark = pytest.mark.django_db


def test_login_page_points_visitors_to_the_public_register(client):
    # GIVEN the public register is on (the default)
    # WHEN a visitor without an account opens the portal
    page = client.get("/", follow=True).content.decode()
    # THEN the login page links to the register
    assert 'href="/register/"' in page


def test_login_page_has_no_register_link_when_the_register_is_off(client, settings):
    settings.PUBLIC_REGISTER = False
    page = client.get("/konto/logga-in/").content.decode()
    assert 'href="/register/"' not in page
