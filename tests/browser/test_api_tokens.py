"""The page API-nycklar and the API documentation in a real browser, with axe-core."""

import re

import pytest


@pytest.mark.django_db(transaction=True)
def test_tokens_page_creates_shows_once_and_revokes(page, world, login, assert_accessible):
    # GIVEN an official on the page API-nycklar
    login(page, world.official)
    page.goto("/konto/api-nycklar/")
    assert page.get_by_role("heading", level=1).inner_text() == "API-nycklar"
    assert_accessible(page)
    # WHEN they create a token
    page.get_by_label("Namn på nyckeln").fill("Statistikexport")
    page.get_by_role("button", name="Skapa nyckel").click()
    # THEN it is shown once, readable, and reads the API
    token = page.get_by_label("Nyckel", exact=True).input_value()
    assert re.fullmatch(r"svp_[A-Za-z0-9_-]{40,}", token)
    assert_accessible(page)
    response = page.request.get("/api/v1/agreements/", headers={"Authorization": f"Bearer {token}"})
    assert response.status == 200
    assert response.json()["results"][0]["id"] == world.agreement.pk
    # WHEN they revoke it
    page.get_by_role("button", name="Återkalla nyckeln Statistikexport").click()
    # THEN the page says so, and the token is refused
    page.get_by_text("Nyckeln ”Statistikexport” är återkallad").wait_for()
    assert page.get_by_label("Nyckel", exact=True).count() == 0
    assert_accessible(page)
    refused = page.request.get("/api/v1/agreements/", headers={"Authorization": f"Bearer {token}"})
    assert refused.status == 401


@pytest.mark.django_db(transaction=True)
def test_the_api_documentation_runs_under_the_content_security_policy(page, world):
    # The page fixture fails the test on any Content Security Policy error in the console.
    page.goto("/api/v1/dokumentation/")
    page.locator(".swagger-ui .info .title").wait_for()
    assert "Samverkansportalen API" in page.locator(".swagger-ui .info .title").inner_text()
    assert page.locator(".opblock-tag").count() >= 10
