"""Accounts without the Django admin (issue 11, part 1): each organisation's list of who
has access, role changes, deactivation and reactivation, each recorded; an
organisationsadministratör manages only their own organisation and makes no administrators."""

import pytest
from django.urls import reverse

from samverkan.accounts.models import AccountEvent
from samverkan.models import User
from tests.factories import AdminFactory, UserFactory


@pytest.fixture
def org_admin(world):
    return UserFactory(username="orgadmin", party=world.municipality, role=User.Role.ORG_ADMIN)


def _detail(user):
    return reverse("accounts:user_detail", kwargs={"user_pk": user.pk})


def _action(user, action):
    return reverse("accounts:user_action", kwargs={"user_pk": user.pk, "action": action})


def _users(party):
    return reverse("accounts:party_users", kwargs={"party_pk": party.pk})


@pytest.mark.django_db
def test_an_official_sees_who_in_their_organisation_has_access(client, world):
    UserFactory(username="gone", party=world.municipality, is_active=False)
    client.force_login(world.official)
    response = client.get(reverse("accounts:my_users"))
    assert response["Location"] == _users(world.municipality)
    html = client.get(_users(world.municipality)).content.decode()
    assert "official" in html and "gone" in html and "Inaktiverad" in html
    assert "outsider" not in html  # another municipality's
    assert _detail(world.official) not in html  # sees, does not manage
    assert "Bjud in användare" not in html
    assert client.get(_users(world.other_municipality)).status_code == 404
    assert client.get(_detail(world.outsider)).status_code == 404
    assert client.post(_action(world.outsider, "deactivate")).status_code == 404


@pytest.mark.django_db
def test_the_list_shows_the_last_login_and_its_queries_do_not_grow(
    client, world, django_assert_max_num_queries
):
    from django.utils import timezone

    world.official.last_login = timezone.make_aware(timezone.datetime(2026, 11, 3, 9, 15))
    world.official.save(update_fields=["last_login"])
    client.force_login(world.admin)
    html = client.get(_users(world.municipality)).content.decode()
    assert "3 november 2026 09:15" in html
    for index in range(30):
        UserFactory(username=f"many{index}", party=world.municipality)
    with django_assert_max_num_queries(12):
        response = client.get(_users(world.municipality))
    assert response.content.decode().count("many") == 30


@pytest.mark.django_db
def test_an_org_admin_manages_their_own_organisation_and_everything_is_recorded(
    client, world, org_admin
):
    client.force_login(org_admin)
    html = client.get(_users(world.municipality)).content.decode()
    assert _detail(world.official) in html
    # Role change, recorded.
    response = client.post(_detail(world.official), {"role": User.Role.ORG_ADMIN})
    assert response.status_code == 302
    world.official.refresh_from_db()
    assert world.official.role == User.Role.ORG_ADMIN
    # Deactivate: the person's open session ends.
    other = UserFactory(username="colleague", party=world.municipality)
    their_client = client.__class__()
    their_client.force_login(other)
    assert their_client.get(reverse("dashboard")).status_code == 200
    assert client.post(_action(other, "deactivate")).status_code == 302
    other.refresh_from_db()
    assert not other.is_active
    assert their_client.get(reverse("dashboard")).status_code == 302  # to the login page
    assert client.post(_action(other, "reactivate")).status_code == 302
    other.refresh_from_db()
    assert other.is_active
    events = AccountEvent.objects.order_by("at", "pk")
    assert [(e.user.username, e.action, e.actor, e.detail) for e in events] == [
        (
            "official",
            AccountEvent.Action.ROLE_CHANGED,
            org_admin,
            "Kommunhandläggare → Organisationsadministratör",
        ),
        ("colleague", AccountEvent.Action.DEACTIVATED, org_admin, ""),
        ("colleague", AccountEvent.Action.REACTIVATED, org_admin, ""),
    ]
    html = client.get(_detail(other)).content.decode()
    assert "Inaktiverad" in html and "Aktiverad igen" in html and str(org_admin) in html


@pytest.mark.django_db
def test_an_org_admin_makes_no_administrator(client, world, org_admin):
    client.force_login(org_admin)
    response = client.post(_detail(world.official), {"role": User.Role.ADMIN})
    assert response.status_code == 200
    assert response.context["form"].errors["role"]
    world.official.refresh_from_db()
    assert world.official.role == User.Role.OFFICIAL
    form = client.get(
        reverse("accounts:user_invite", kwargs={"party_pk": world.municipality.pk})
    ).context["form"]
    assert User.Role.ADMIN not in dict(form.fields["role"].choices)
    response = client.post(
        reverse("accounts:user_invite", kwargs={"party_pk": world.municipality.pk}),
        {"email": "ny@example.se", "first_name": "Ny", "last_name": "Admin", "role": "admin"},
    )
    assert response.status_code == 200
    assert response.context["form"].errors["role"]
    assert not User.objects.filter(username="ny@example.se").exists()
    assert not AccountEvent.objects.exists()


@pytest.mark.django_db
def test_an_org_admin_cannot_reach_other_organisations_or_administrators(client, world, org_admin):
    admin_here = AdminFactory(username="admin-here", party=world.municipality)
    client.force_login(org_admin)
    assert client.get(_users(world.other_municipality)).status_code == 404
    assert (
        client.get(
            reverse("accounts:user_invite", kwargs={"party_pk": world.other_municipality.pk})
        ).status_code
        == 404
    )
    for person in (world.outsider, world.section_chief, admin_here):
        assert client.get(_detail(person)).status_code == 404
        assert client.post(_action(person, "deactivate")).status_code == 404
        assert client.post(_detail(person), {"role": "official"}).status_code == 404
        person.refresh_from_db()
        assert person.is_active
    # Nor themself: they would lock themselves out.
    response = client.post(_action(org_admin, "deactivate"), follow=True)
    assert "Du kan inte inaktivera ditt eget konto." in response.content.decode()
    org_admin.refresh_from_db()
    assert org_admin.is_active


@pytest.mark.django_db
def test_an_official_and_a_section_chief_manage_nobody(client, world):
    colleague = UserFactory(username="colleague", party=world.municipality)
    for user in (world.official, world.section_chief):
        client.force_login(user)
        assert client.get(_detail(colleague)).status_code == 404
        assert client.post(_action(colleague, "deactivate")).status_code == 404
        url = reverse("accounts:user_invite", kwargs={"party_pk": user.party_id})
        assert client.get(url).status_code == 404
    colleague.refresh_from_db()
    assert colleague.is_active


@pytest.mark.django_db
def test_a_section_chief_belongs_to_arbetsformedlingen(client, world):
    client.force_login(world.admin)
    response = client.post(_detail(world.official), {"role": User.Role.SECTION_CHIEF})
    assert response.status_code == 200
    assert "role" in response.context["form"].errors
    response = client.post(_detail(world.section_chief), {"role": User.Role.ORG_ADMIN})
    assert response.status_code == 302


@pytest.mark.django_db
def test_changes_in_the_django_admin_are_recorded_too(client, world):
    client.force_login(world.admin)
    url = reverse("admin:samverkan_user_change", args=[world.official.pk])
    form = client.get(url).context["adminform"].form
    data = {
        name: value
        for name, value in form.initial.items()
        if name not in ("password", "groups", "user_permissions", "last_login", "date_joined")
        and value is not None
    }
    data.update(
        party=world.municipality.pk,
        role=User.Role.ORG_ADMIN,
        is_active="",
        date_joined_0="2026-01-01",
        date_joined_1="08:00:00",
    )
    response = client.post(url, data)
    assert response.status_code == 302, response.context["adminform"].form.errors
    events = AccountEvent.objects.filter(user=world.official).order_by("pk")
    assert [(e.action, e.actor, e.detail) for e in events] == [
        (
            AccountEvent.Action.ROLE_CHANGED,
            world.admin,
            "Kommunhandläggare → Organisationsadministratör",
        ),
        (AccountEvent.Action.DEACTIVATED, world.admin, ""),
    ]


@pytest.mark.django_db
def test_a_user_created_in_the_django_admin_is_recorded(client, world):
    client.force_login(world.admin)
    response = client.post(
        reverse("admin:samverkan_user_add"),
        {
            "username": "direct",
            "usable_password": "false",
            "party": world.municipality.pk,
            "role": User.Role.OFFICIAL,
            "title": "",
            "email": "direct@example.se",
        },
    )
    assert response.status_code == 302, response.context["adminform"].form.errors
    event = AccountEvent.objects.get(user__username="direct")
    assert event.action == AccountEvent.Action.CREATED
    assert event.actor == world.admin
    assert event.detail == f"Kommunhandläggare, {world.municipality}"


@pytest.mark.django_db
def test_the_organisations_list_leads_to_each_organisations_users(client, world):
    client.force_login(world.admin)
    html = client.get(reverse("party_list")).content.decode()
    assert _users(world.municipality) in html
