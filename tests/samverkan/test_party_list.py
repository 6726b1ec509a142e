"""The administrators' list of organisations: 290 municipalities and the Af units, a page at
a time, searchable."""

import pytest
from django.urls import reverse

from samverkan.models import Party
from samverkan.views_parties import PARTIES_PER_PAGE
from tests.factories import EmploymentServiceFactory, PartyFactory, UserFactory

pytestmark = pytest.mark.django_db


def rows(response):
    return [party.name for party in response.context["page"]]


def test_the_list_pages_and_counts_each_organisations_users(client, world):
    # GIVEN more municipalities than a page holds, one with two users
    PartyFactory.create_batch(PARTIES_PER_PAGE + 5)
    busy = PartyFactory(name="Aaa-kommun med användare")
    UserFactory.create_batch(2, party=busy)
    client.force_login(world.admin)
    # WHEN the first page is read
    first = client.get(reverse("party_list"))
    # THEN it holds one page, says how many there are, and links to the next
    assert len(rows(first)) == PARTIES_PER_PAGE
    total = Party.objects.count()
    assert f"{total} organisationer" in first.content.decode()
    assert "sida=2" in first.content.decode()
    # and the users are counted per organisation
    counted = {party.name: party.user_count for party in first.context["page"]}
    assert counted["Aaa-kommun med användare"] == 2
    second = client.get(reverse("party_list"), {"sida": 2})
    assert len(rows(second)) == total - PARTIES_PER_PAGE


def test_search_by_name_number_or_code_and_filter_by_kind(client, world):
    PartyFactory(name="Sigtuna kommun", municipality_code="0191")
    unit = EmploymentServiceFactory(name="Arbetsförmedlingen Märsta")
    client.force_login(world.admin)
    assert rows(client.get(reverse("party_list"), {"q": "sigtuna"})) == ["Sigtuna kommun"]
    assert rows(client.get(reverse("party_list"), {"q": "0191"})) == ["Sigtuna kommun"]
    by_number = client.get(reverse("party_list"), {"q": unit.organisation_number[:8]})
    assert "Arbetsförmedlingen Märsta" in rows(by_number)
    kind = client.get(reverse("party_list"), {"typ": Party.Kind.EMPLOYMENT_SERVICE})
    assert "Arbetsförmedlingen Märsta" in rows(kind)
    assert "Sigtuna kommun" not in rows(kind)
    nothing = client.get(reverse("party_list"), {"q": "finnsinte"})
    assert "Inga organisationer matchar sökningen." in nothing.content.decode()


def test_the_list_costs_the_same_queries_for_many_organisations(
    client, world, django_assert_max_num_queries
):
    client.force_login(world.admin)
    client.get(reverse("party_list"))
    PartyFactory.create_batch(60)
    with django_assert_max_num_queries(8):
        assert client.get(reverse("party_list")).status_code == 200


def test_every_word_must_be_found_in_one_of_the_fields(client, world):
    PartyFactory(name="Sigtuna kommun", municipality_code="0191")
    client.force_login(world.admin)
    # "sigtuna" is in the name and "0191" is the code: both found
    assert rows(client.get(reverse("party_list"), {"q": "Sigtuna 0191"})) == ["Sigtuna kommun"]
    # a second word found nowhere leaves nothing
    assert rows(client.get(reverse("party_list"), {"q": "sigtuna 0123"})) == []
