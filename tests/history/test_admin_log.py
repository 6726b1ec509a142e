"""The administrators' log: every change, login, failed login and refused access, filtered
and paged; for anyone else it does not exist."""

import datetime

import pytest
from django.urls import reverse
from django.utils import timezone

from history.models import SecurityEvent
from tests.indicators.factories import IndicatorFactory

pytestmark = pytest.mark.django_db
LOG = reverse("history:admin_log")


def _log(client, world, **params):
    client.force_login(world.admin)
    response = client.get(LOG, params)
    assert response.status_code == 200
    return response


def _edit(agreement, user, title, when=None):
    agreement.title = title
    agreement._history_user = user
    if when:
        agreement._history_date = when
    agreement.save()


@pytest.mark.parametrize("role", ["official", "section_chief", "outsider"])
def test_only_administrators_see_the_log(client, world, role):
    client.force_login(world.users()[role])
    assert client.get(LOG).status_code == 404


def test_the_filters_who_what_agreement_and_dates(client, world):
    # GIVEN changes by two people to two agreements on different days, and an indicator
    long_ago = timezone.make_aware(datetime.datetime(2024, 3, 1, 12))
    _edit(world.agreement, world.official, "Ändrad av handläggaren")
    _edit(world.other_agreement, world.outsider, "Ändrad av Täby", when=long_ago)
    IndicatorFactory(goal__agreement=world.agreement, name="Antal deltagare")

    def titles(**params):
        return [(e.what, e.title) for e in _log(client, world, **params).context["entries"]]

    # THEN "who" keeps one person's changes (by username or name)
    assert titles(who="official") == [("Överenskommelse", "Ändrad av handläggaren")]
    # AND "what" keeps one kind
    assert ("Indikator", "Antal deltagare") in titles(kind="indicator")
    assert {w for w, _t in titles(kind="indicator")} == {"Indikator"}
    # AND "agreement" keeps one agreement's rows, and names it
    other = titles(agreement=world.other_agreement.pk)
    assert ("Överenskommelse", "Ändrad av Täby") in other
    assert ("Överenskommelse", "Ändrad av handläggaren") not in other
    entries = _log(client, world, agreement=world.agreement.pk).context["entries"]
    assert {e.agreement for e in entries} == {(world.agreement.pk, "Ändrad av handläggaren")}
    # AND the date range keeps the days asked for
    assert titles(date_from="2024-02-01", date_to="2024-03-31") == [
        ("Överenskommelse", "Ändrad av Täby")
    ]
    assert ("Överenskommelse", "Ändrad av Täby") not in titles(date_from="2024-03-02")


def test_the_agreement_is_named_by_a_part_of_its_title_or_diarienummer(client, world):
    # GIVEN two agreements edited, one with a diarienummer
    _edit(world.agreement, world.official, "Samverkan Sollentuna och Af")
    world.other_agreement.diarienummer = "KS 2026/77"
    _edit(world.other_agreement, world.outsider, "Samverkan Täby och Af")

    def agreements(text):
        entries = _log(client, world, agreement=text).context["entries"]
        return {e.agreement[1] for e in entries}

    # THEN a word of one title, or a part of the diarienummer, keeps that agreement's rows
    assert agreements("sollentuna") == {"Samverkan Sollentuna och Af"}
    assert agreements("2026/77") == {"Samverkan Täby och Af"}
    # AND a word in both titles is refused at the field, naming them, keeping the text
    html = _log(client, world, agreement="samverkan").content.decode()
    assert "Flera överenskommelser matchar (Samverkan Sollentuna och Af; Samverkan Täby" in html
    assert 'value="samverkan"' in html
    assert 'aria-describedby="id_agreement-hjalp id_agreement-fel"' in html
    # AND a text no agreement has says so
    html = _log(client, world, agreement="finnsinte").content.decode()
    assert "Ingen överenskommelse har det i titeln eller diarienumret." in html


def test_an_end_before_the_start_is_refused_at_the_field(client, world):
    response = _log(client, world, date_from="2025-02-01", date_to="2025-01-01", who="kalle")
    html = response.content.decode()
    assert "Slutdatumet kan inte vara före startdatumet." in html
    assert 'value="kalle"' in html
    assert 'aria-invalid="true"' in html


def response_html(client):
    return client.get(LOG, {"kind": "security:login_failed"}).content.decode()


def test_a_failed_login_shows_in_the_log(client, world):
    # GIVEN someone who types a wrong password on the login page
    response = client.post(reverse("login"), {"username": "official", "password": "fel-lösenord"})
    assert response.status_code == 200
    # WHEN an administrator filters the log on failed logins
    entries = _log(client, world, kind="security:login_failed").context["entries"]
    # THEN the attempt is there, with the name typed
    assert [(e.what, e.title) for e in entries] == [("Misslyckad inloggning", "official")]
    assert "Misslyckad inloggning: official</h2>" in response_html(client)
    assert entries[0].detail == "127.0.0.1"


def test_a_login_and_a_refused_access_show_in_the_log(client, world):
    # GIVEN the outsider who logs in and opens another organisation's agreement
    client.force_login(world.outsider)
    url = world.agreement.get_absolute_url()
    assert client.get(url).status_code == 404
    # AND a mistyped address, which is not a refusal
    assert client.get("/finns-inte/").status_code == 404
    # THEN both the login and the refusal are logged, with the address
    events = SecurityEvent.objects.filter(user=world.outsider)
    assert set(events.values_list("kind", flat=True)) == {"login", "refused"}
    refused = events.get(kind="refused")
    assert (refused.path, refused.status_code) == (url, 404)
    who = _log(client, world, who="outsider").context["entries"]
    assert ("Nekad åtkomst", f"{url} 404 127.0.0.1") in [(e.what, e.detail) for e in who]


def test_the_log_pages_and_costs_the_same_whatever_its_length(
    client, world, django_assert_max_num_queries
):
    for n in range(60):
        _edit(world.agreement, world.official, f"Titel {n}")
    for n in range(20):
        SecurityEvent.objects.create(kind="login_failed", username=f"gissning{n}")
    client.force_login(world.admin)
    with django_assert_max_num_queries(30):
        response = client.get(LOG)
    page = response.context["page"]
    assert len(response.context["entries"]) == 50 and page.paginator.num_pages >= 2
    with django_assert_max_num_queries(30):
        second = client.get(LOG, {"sida": 2, "who": "official"})
    assert all(e.user == world.official for e in second.context["entries"])
