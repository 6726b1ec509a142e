import pytest


@pytest.mark.django_db(transaction=True)
def test_login_page_is_accessible_and_logs_in(page, world, login, assert_accessible):
    # GIVEN the login page
    page.goto("/konto/logga-in/")
    assert_accessible(page)
    # WHEN an official logs in
    login(page, world.official)
    # THEN the dashboard greets them and is accessible too
    assert page.get_by_role("heading", level=1).inner_text().startswith("Välkommen")
    assert_accessible(page)
