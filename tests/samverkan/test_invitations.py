"""Invitations by e-mail (issue 11, part 1): the e-mail goes through a real SMTP server,
the invited person chooses a password through the one-time link and logs in."""

import re
from datetime import timedelta

import pytest
from django.conf import settings as django_settings
from django.urls import reverse
from django.utils import timezone

from samverkan.accounts import services
from samverkan.accounts.models import AccountEvent, Invitation
from samverkan.accounts.tasks import invitations_sweep
from samverkan.models import Party, User
from tests.factories import organisation_number

from .smtp_server import smtp_server

PASSWORD = "Sjöbris-över-Vaxholm-42"
LINK = re.compile(r"https?://\S+/konto/inbjudan/[A-Za-z0-9_-]+/")


def _link_path(message) -> str:
    body = message.get_content()
    link = LINK.search(body).group(0)
    assert link.startswith(django_settings.SITE_URL)
    return link[len(django_settings.SITE_URL) :]


@pytest.mark.django_db
def test_an_administrator_invites_an_official_of_a_new_municipality(
    client, world, settings, django_capture_on_commit_callbacks
):
    # GIVEN an administrator who registers a new municipality
    client.force_login(world.admin)
    response = client.post(
        reverse("party_create"),
        {
            "kind": "kommun",
            "name": "Sigtuna kommun",
            "organisation_number": organisation_number(4711),
            "municipality_code": "0191",
            "email": "",
        },
    )
    assert response.status_code == 302, response.content.decode()
    sigtuna = Party.objects.get(name="Sigtuna kommun")

    # WHEN they invite an official of it, with a real SMTP server catching the e-mail
    with smtp_server(settings) as server:
        with django_capture_on_commit_callbacks(execute=True):
            response = client.post(
                reverse("accounts:user_invite", kwargs={"party_pk": sigtuna.pk}),
                {
                    "email": "Anna.Berg@Sigtuna.se",
                    "first_name": "Anna",
                    "last_name": "Berg",
                    "title": "Arbetsmarknadsstrateg",
                    "role": User.Role.OFFICIAL,
                },
            )
        assert response.status_code == 302
    # THEN one e-mail went to her, in Swedish, with the link
    assert len(server.messages) == 1
    message = server.messages[0]
    assert message["To"] == "anna.berg@sigtuna.se"
    assert message["Subject"] == "Inbjudan till Samverkansportalen"
    body = message.get_content()
    assert "Ditt användarnamn är anna.berg@sigtuna.se." in body
    assert "Kommunhandläggare för Sigtuna kommun" in body
    invitation = Invitation.objects.get(user__username="anna.berg@sigtuna.se")
    assert invitation.status == Invitation.Status.SENT
    path = _link_path(message)

    # AND she cannot log in before she has chosen a password
    client.logout()
    response = client.post(
        reverse("login"), {"username": "anna.berg@sigtuna.se", "password": PASSWORD}
    )
    assert response.status_code == 200

    # WHEN she follows the link and chooses a password
    response = client.get(path)
    assert response.status_code == 200
    assert "Välj lösenord" in response.content.decode()
    response = client.post(path, {"new_password1": PASSWORD, "new_password2": PASSWORD})
    assert response.status_code == 302
    assert response["Location"] == reverse("login")

    # THEN she logs in with it and sees her municipality's users
    response = client.post(
        reverse("login"), {"username": "anna.berg@sigtuna.se", "password": PASSWORD}
    )
    assert response.status_code == 302
    response = client.get(reverse("accounts:party_users", kwargs={"party_pk": sigtuna.pk}))
    assert response.status_code == 200
    assert "Anna Berg" in response.content.decode()
    anna = User.objects.get(username="anna.berg@sigtuna.se")
    assert anna.party == sigtuna and anna.role == User.Role.OFFICIAL
    assert anna.last_login is not None
    # AND every step is recorded: who, what, when
    actions = list(
        AccountEvent.objects.filter(user=anna).order_by("at").values_list("action", "actor")
    )
    assert actions == [
        (AccountEvent.Action.INVITED, world.admin.pk),
        (AccountEvent.Action.INVITATION_ACCEPTED, anna.pk),
    ]

    # AND the link does not work a second time
    client.logout()
    response = client.get(path)
    assert response.status_code == 410
    assert "Länken har redan använts" in response.content.decode()


def _invite(world, email="per@example.se", role=User.Role.OFFICIAL):
    return services.user_invite(
        by=world.admin,
        email=email,
        first_name="Per",
        last_name="Holm",
        party=world.municipality,
        role=role,
    )


@pytest.mark.django_db
def test_an_expired_link_says_so_in_swedish(client, world):
    invitation = _invite(world)
    Invitation.objects.filter(pk=invitation.pk).update(
        expires_at=timezone.now() - timedelta(minutes=1)
    )
    path = reverse("accounts:invitation_accept", kwargs={"token": invitation.token})
    response = client.get(path)
    assert response.status_code == 410
    assert "Länken har slutat gälla" in response.content.decode()
    response = client.post(path, {"new_password1": PASSWORD, "new_password2": PASSWORD})
    assert response.status_code == 410
    assert not User.objects.get(username="per@example.se").has_usable_password()


@pytest.mark.django_db
def test_the_link_is_valid_for_the_configured_days(world, settings):
    settings.INVITATION_VALID_DAYS = 3
    before = timezone.now()
    invitation = _invite(world)
    assert timedelta(days=3) <= invitation.expires_at - before < timedelta(days=3, minutes=1)


@pytest.mark.django_db
def test_a_new_invitation_replaces_the_old_link(client, world):
    first = _invite(world)
    second = services.invitation_resend(by=world.admin, user=first.user)
    response = client.get(reverse("accounts:invitation_accept", kwargs={"token": first.token}))
    assert response.status_code == 410
    assert "ersatts av en nyare" in response.content.decode()
    response = client.get(reverse("accounts:invitation_accept", kwargs={"token": second.token}))
    assert response.status_code == 200


@pytest.mark.django_db
def test_an_unknown_link_and_a_deactivated_account(client, world):
    response = client.get(reverse("accounts:invitation_accept", kwargs={"token": "x" * 43}))
    assert response.status_code == 404
    assert "Länken finns inte" in response.content.decode()
    invitation = _invite(world)
    services.user_deactivate(by=world.admin, user=invitation.user)
    response = client.get(reverse("accounts:invitation_accept", kwargs={"token": invitation.token}))
    assert response.status_code == 410
    assert "Kontot är inaktiverat" in response.content.decode()


@pytest.mark.django_db
def test_a_weak_password_is_refused_at_the_field_and_the_link_still_works(client, world):
    invitation = _invite(world)
    path = reverse("accounts:invitation_accept", kwargs={"token": invitation.token})
    response = client.post(path, {"new_password1": "abc", "new_password2": "abc"})
    assert response.status_code == 200
    assert response.context["form"].errors["new_password2"]
    invitation.refresh_from_db()
    assert invitation.accepted_at is None


@pytest.mark.django_db
def test_the_same_address_cannot_be_invited_twice(client, world):
    client.force_login(world.admin)
    response = client.post(
        reverse("accounts:user_invite", kwargs={"party_pk": world.municipality.pk}),
        {
            "email": world.official.email.upper(),
            "first_name": "Ny",
            "last_name": "Person",
            "role": User.Role.OFFICIAL,
        },
    )
    assert response.status_code == 200
    assert response.context["form"].errors["email"] == [
        "Det finns redan en användare med den e-postadressen."
    ]
    assert response.context["form"]["first_name"].value() == "Ny"  # what was typed stays


@pytest.mark.django_db
def test_a_refused_e_mail_waits_for_the_sweep(world, settings, django_capture_on_commit_callbacks):
    with smtp_server(settings, refuse_first=1) as server:
        with django_capture_on_commit_callbacks(execute=True):
            invitation = _invite(world)
        invitation.refresh_from_db()
        assert invitation.status == Invitation.Status.WAITING
        assert invitation.attempts == 1 and invitation.enqueued_at is None
        assert "451" in invitation.last_error
        with django_capture_on_commit_callbacks(execute=True):
            assert invitations_sweep() == 1
    invitation.refresh_from_db()
    assert invitation.status == Invitation.Status.SENT
    assert len(server.messages) == 1


@pytest.mark.django_db
def test_an_address_too_long_for_a_user_name_is_refused_at_the_field(client, world):
    client.force_login(world.admin)
    address = "a" * 60 + "@" + "b" * 60 + "." + "c" * 30 + ".se"
    response = client.post(
        reverse("accounts:user_invite", kwargs={"party_pk": world.municipality.pk}),
        {"email": address, "first_name": "Lång", "last_name": "Adress", "role": "official"},
    )
    assert response.status_code == 200
    assert response.context["form"].errors["email"] == [
        "E-postadressen får vara högst 150 tecken lång."
    ]
