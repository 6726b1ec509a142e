"""Organisations: the organisationsnummer is checked and stored in one form."""

import pytest
from django.core.exceptions import ValidationError

from samverkan.forms import PartyForm
from samverkan.models import Party
from samverkan.validators import luhn_ok, normalize_organisation_number
from tests.factories import organisation_number


@pytest.mark.parametrize(
    ("typed", "stored"),
    [
        ("212000-0043", "212000-0043"),
        ("212000\u20130043", "212000-0043"),  # en dash, as in seed 004
        ("2120000043", "212000-0043"),
        (" 202100-2114 ", "202100-2114"),
    ],
)
def test_organisation_number_accepts_the_usual_forms(typed, stored):
    assert normalize_organisation_number(typed) == stored


@pytest.mark.parametrize("typed", ["212000-0042", "202100-2115", "12345", "abcdef-ghij"])
def test_organisation_number_refuses_wrong_numbers(typed):
    with pytest.raises(ValidationError) as excinfo:
        normalize_organisation_number(typed)
    assert (
        "Organisationsnumret" in excinfo.value.messages[0]
        or "tio siffror" in (excinfo.value.messages[0])
    )


def test_factory_numbers_pass_luhn():
    for n in range(50):
        assert luhn_ok(organisation_number(n).replace("-", ""))


@pytest.mark.django_db
def test_wrong_check_digit_is_refused_at_the_field_and_typing_is_kept(client, world):
    # GIVEN an administrator creating an organisation
    client.force_login(world.admin)
    data = {
        "kind": "kommun",
        "name": "Vaxholms stad",
        "organisation_number": "212000-2883",
        "municipality_code": "0187",
        "email": "",
    }
    # WHEN the organisationsnummer has a wrong check digit
    response = client.post("/organisationer/ny/", data)
    # THEN the form is shown again with a Swedish message at that field and what was typed
    assert response.status_code == 200
    form = response.context["form"]
    assert "kontrollsiffran stämmer inte" in form.errors["organisation_number"][0]
    html = response.content.decode()
    assert 'value="Vaxholms stad"' in html
    assert 'value="212000-2883"' in html
    assert not Party.objects.filter(name="Vaxholms stad").exists()


@pytest.mark.django_db
def test_organisation_is_stored_in_normal_form():
    form = PartyForm(
        data={
            "kind": "kommun",
            "name": "Järfälla kommun",
            "organisation_number": "2120000043",
            "municipality_code": "0123",
        }
    )
    assert form.is_valid(), form.errors
    assert form.save().organisation_number == "212000-0043"


@pytest.mark.django_db
def test_municipality_needs_its_code():
    form = PartyForm(
        data={"kind": "kommun", "name": "Kommun utan kod", "organisation_number": "212000-0043"}
    )
    assert not form.is_valid()
    assert form.errors["municipality_code"] == ["En kommun måste ha en kommunkod."]


@pytest.mark.django_db
def test_admin_role_opens_the_django_admin_and_losing_it_closes_it(client, world):
    client.force_login(world.admin)
    assert client.get("/admin/meetings/").status_code in (200, 404)
    assert client.get("/admin/agreements/agreement/").status_code == 200
    world.admin.role = world.admin.Role.OFFICIAL
    world.admin.save()
    world.admin.refresh_from_db()
    assert not world.admin.is_staff and not world.admin.is_superuser
    assert client.get("/admin/agreements/agreement/").status_code == 302


@pytest.mark.django_db
def test_createsuperuser_makes_an_administrator():
    from samverkan.models import User

    user = User.objects.create_superuser("root", "root@example.se", "x-secret-123")
    assert user.role == User.Role.ADMIN and user.is_portal_admin and user.is_staff


@pytest.mark.django_db
def test_login_lockout_is_explained_in_swedish(client, world, settings):
    settings.AXES_ENABLED = True
    settings.AXES_FAILURE_LIMIT = 2
    for _ in range(2):
        response = client.post(
            "/konto/logga-in/", {"username": world.official.username, "password": "fel"}
        )
    assert response.status_code == 429
    assert "För många misslyckade försök" in response.content.decode()
