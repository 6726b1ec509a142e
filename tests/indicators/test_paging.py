"""The follow-up index and the kartläggning list page, with constant query counts."""

from datetime import date

import pytest

from indicators.models import StatisticsSnapshot
from tests.factories import AgreementFactory, PartyFactory

pytestmark = pytest.mark.django_db


def test_followup_index_pages_agreements(client, world, django_assert_max_num_queries):
    client.force_login(world.admin)
    with django_assert_max_num_queries(10) as small:
        client.get("/uppfoljning/")
    AgreementFactory.create_batch(30, parties=[world.municipality, world.af])
    with django_assert_max_num_queries(len(small.captured_queries)):
        response = client.get("/uppfoljning/")
    assert len(response.context["rows"]) == 25
    assert "Sida 1 av 2" in response.content.decode()


def test_snapshot_list_pages_with_constant_queries(client, world, django_assert_max_num_queries):
    client.force_login(world.admin)
    StatisticsSnapshot.objects.create(
        municipality=world.municipality, measured_on=date(2020, 1, 31)
    )
    with django_assert_max_num_queries(14) as small:
        client.get("/kartlaggning/")
    for index in range(30):
        StatisticsSnapshot.objects.create(
            municipality=PartyFactory(), measured_on=date(2020, 1 + index % 12, 28)
        )
    with django_assert_max_num_queries(len(small.captured_queries)):
        response = client.get("/kartlaggning/")
    page = response.content.decode()
    assert response.context["snapshots"].paginator.count == 31
    assert len(response.context["snapshots"]) == 25
    assert 'aria-label="Sidor med kartläggningar"' in page
