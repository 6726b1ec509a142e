"""The demo organisations and users that ``manage.py load_demo`` creates from the seeds."""

from io import StringIO

import pytest
from django.apps import apps
from django.core.management import call_command

from fixtures.demo_parties import DEMO_PASSWORD, NORDOST_MUNICIPALITIES, PARTIES, USERS
from samverkan.demo import demo_loaders
from samverkan.models import Party, User
from samverkan.validators import luhn_ok, normalize_organisation_number

pytestmark = pytest.mark.django_db


def load_demo():
    call_command("load_demo", stdout=StringIO())


def row_counts():
    """Rows per model of every project app, history tables included."""
    return {
        model._meta.label: model.objects.count()
        for app in ("samverkan", "agreements", "indicators", "meetings")
        for model in apps.get_app_config(app).get_models()
    }


def test_the_loaders_run_parties_first():
    keys = [loader.key for loader in demo_loaders()]
    assert keys.index("samverkan") < keys.index("agreements")
    assert next(loader for loader in demo_loaders() if loader.key == "samverkan").order == 0


@pytest.mark.parametrize(("name", "number"), [(row[0], row[2]) for row in PARTIES])
def test_every_demo_organisation_number_passes_the_luhn_check(name, number):
    # GIVEN an organisationsnummer of the demo data
    # THEN it is already in normal form and its check digit is right
    assert normalize_organisation_number(number) == number, name
    assert luhn_ok(number.replace("-", "")), name


def test_load_demo_creates_the_organisations_of_the_seeds():
    # WHEN the demo is loaded
    load_demo()
    # THEN the seeds' numbers and kommunkoder are stored, and every number is valid
    parties = {p.name: p for p in Party.objects.all()}
    assert parties["Österåkers kommun"].organisation_number == "212000-2890"
    assert parties["Österåkers kommun"].municipality_code == "0117"
    assert parties["Järfälla kommun"].organisation_number == "212000-0043"
    assert parties["Järfälla kommun"].municipality_code == "0123"
    assert parties["Arbetsförmedlingen Stockholm nordöstra"].organisation_number == "202100-2114"
    assert parties["Arbetsförmedlingen Stockholm Nordväst"].organisation_number == "202100-2114"
    assert parties["Kunskapscentrum Nordost"].kind == Party.Kind.OTHER
    codes = {name: parties[name].municipality_code for name in NORDOST_MUNICIPALITIES}
    assert codes == {
        "Danderyds kommun": "0162",
        "Norrtälje kommun": "0188",
        "Täby kommun": "0160",
        "Vallentuna kommun": "0115",
        "Vaxholms stad": "0187",
        "Österåkers kommun": "0117",
    }
    for party in parties.values():
        party.full_clean()  # the model's own validation, Luhn included
        assert normalize_organisation_number(party.organisation_number)


@pytest.mark.parametrize("username", sorted(USERS))
def test_every_demo_user_logs_in_with_the_demo_password(client, username):
    # GIVEN the demo
    load_demo()
    user = User.objects.get(username=username)
    # THEN the demo password works, and the user has a name and an e-mail address
    assert user.check_password(DEMO_PASSWORD)
    assert user.first_name and user.last_name and user.email.endswith("@example.se")
    assert client.login(username=username, password=DEMO_PASSWORD)


def test_demo_users_have_their_roles_and_organisations():
    load_demo()
    users = {u.username: u for u in User.objects.select_related("party")}
    assert users["admin"].party is None and users["admin"].is_portal_admin
    assert users["admin"].is_staff
    for username, party in [
        ("osteraker", "Österåkers kommun"),
        ("taby", "Täby kommun"),
        ("jarfalla", "Järfälla kommun"),
    ]:
        assert users[username].role == User.Role.OFFICIAL
        assert users[username].party.name == party
    assert users["osteraker-admin"].is_org_admin
    assert users["osteraker-admin"].party.name == "Österåkers kommun"
    assert users["af-nordost"].is_section_chief
    assert users["af-nordost"].party.name == "Arbetsförmedlingen Stockholm nordöstra"
    assert users["af-nordvast"].is_section_chief
    assert users["af-nordvast"].party.name == "Arbetsförmedlingen Stockholm Nordväst"
    assert not any(u.is_portal_admin for name, u in users.items() if name != "admin")


def test_a_second_run_changes_nothing():
    # GIVEN a loaded demo
    load_demo()
    counts = row_counts()
    passwords = dict(User.objects.values_list("username", "password"))
    # WHEN it is loaded again
    load_demo()
    # THEN no row is added anywhere (not even a history row) and no password is re-hashed
    assert row_counts() == counts
    assert dict(User.objects.values_list("username", "password")) == passwords


def test_a_second_run_restores_a_changed_demo_password_and_keeps_other_accounts():
    # GIVEN the demo, a changed password and an account that is not part of the demo
    load_demo()
    user = User.objects.get(username="taby")
    user.set_password("something-else-2026")
    user.save()
    other = User.objects.create_user("someone", password="their-own-password-1")
    # WHEN the demo is loaded again
    load_demo()
    # THEN the demo login works again, and the other account is untouched
    user.refresh_from_db()
    other.refresh_from_db()
    assert user.check_password(DEMO_PASSWORD)
    assert other.check_password("their-own-password-1")
