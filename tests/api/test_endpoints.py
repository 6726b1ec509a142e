"""The endpoints beside agreements: what the pages show, with the same access rules, and a
page's queries do not grow with its rows."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from agreements.demo import JARFALLA, NORDOST, demo_agreement
from indicators.models import FollowUpPeriod, Measurement, StatisticsSnapshot
from meetings.models import Group, JobTrack, Meeting
from samverkan.models import User
from tests.meetings.factories import MeetingFactory

from .conftest import api_client, fetch_all, token_for

pytestmark = pytest.mark.django_db

ENDPOINTS = (
    "agreements",
    "goals",
    "indicators",
    "periods",
    "measurements",
    "reports",
    "groups",
    "meetings",
    "jobbspar",
    "kartlaggning",
    "rekryteringsbehov",
)


def test_the_root_lists_every_endpoint(demo):
    body = api_client().get("/api/v1/").json()
    assert set(body) == set(ENDPOINTS)


def test_anonymous_visitors_get_401_beside_the_register(demo):
    for endpoint in ENDPOINTS[1:]:
        response = api_client().get(f"/api/v1/{endpoint}/")
        assert response.status_code == 401, endpoint


def test_every_object_reachable_as_taby_is_visible_to_taby_in_the_pages(client, demo):
    # GIVEN taby's token, and taby logged in to the pages
    api = api_client(token_for("taby"))
    client.force_login(User.objects.get(username="taby"))
    reached = 0
    for endpoint in ENDPOINTS:
        for item in fetch_all(api, f"/api/v1/{endpoint}/"):
            # THEN each object's detail answers, and its page opens for taby
            assert api.get(f"/api/v1/{endpoint}/{item['id']}/").status_code == 200
            page = client.get(item["web_url"])
            assert page.status_code == 200, (endpoint, item["id"], item["web_url"])
            reached += 1
    # (the demo gives taby something of every kind, so the walk is not empty)
    assert reached > 20
    for endpoint in ENDPOINTS:
        assert fetch_all(api, f"/api/v1/{endpoint}/"), endpoint


def test_taby_reaches_nothing_of_jarfalla(demo):
    api = api_client(token_for("taby"))
    jarfalla = demo_agreement(JARFALLA)
    for endpoint in ("goals", "periods", "reports", "groups", "jobbspar"):
        items = fetch_all(api, f"/api/v1/{endpoint}/?agreement={jarfalla.pk}")
        assert items == [], endpoint
    for model, endpoint in (
        (Group, "groups"),
        (JobTrack, "jobbspar"),
        (FollowUpPeriod, "periods"),
    ):
        row = model.objects.filter(agreement=jarfalla).first()
        if row is not None:
            assert api.get(f"/api/v1/{endpoint}/{row.pk}/").status_code == 404, endpoint
    measurement = Measurement.objects.filter(period__agreement=jarfalla).first()
    assert measurement is not None
    assert api.get(f"/api/v1/measurements/{measurement.pk}/").status_code == 404
    snapshot = StatisticsSnapshot.objects.filter(municipality__municipality_code="0123").first()
    if snapshot is not None:
        assert api.get(f"/api/v1/kartlaggning/{snapshot.pk}/").status_code == 404


def test_minutes_and_decisions_only_once_approved(demo):
    group = Group.objects.filter(agreement=demo_agreement(NORDOST)).first()
    draft = MeetingFactory(
        group=group,
        starts_at=timezone.now() - timezone.timedelta(days=2),
        minutes="Utkast till protokoll",
        decisions="Ett beslut",
    )
    approved = MeetingFactory(
        group=group,
        starts_at=timezone.now() - timezone.timedelta(days=1),
        minutes="Justerat protokoll",
        decisions="Beslut ett\nBeslut två",
    )
    Meeting.objects.filter(pk=approved.pk).update(minutes_approved_at=timezone.now())
    api = api_client(token_for("taby"))
    body = api.get(f"/api/v1/meetings/{draft.pk}/").json()
    assert body["minutes"] is None and body["decisions"] is None
    assert "Utkast till protokoll" not in str(body)
    body = api.get(f"/api/v1/meetings/{approved.pk}/").json()
    assert body["minutes"] == "Justerat protokoll"
    assert body["decisions"] == ["Beslut ett", "Beslut två"]


def test_measurements_carry_total_women_men_unknown_and_source(demo):
    api = api_client(token_for("jarfalla"))
    items = fetch_all(api, "/api/v1/measurements/")
    assert items
    stored = Measurement.objects.select_related("indicator").get(pk=items[0]["id"])
    assert {k: items[0][k] for k in ("total", "women", "men", "unknown")} == {
        k: (float(getattr(stored, k)) if getattr(stored, k) is not None else None)
        for k in ("total", "women", "men", "unknown")
    }
    assert items[0]["source"] == stored.indicator.source


def test_jobbspar_carry_their_outcomes(demo):
    api = api_client(token_for("taby"))
    items = fetch_all(api, "/api/v1/jobbspar/")
    track = JobTrack.objects.get(pk=items[0]["id"])
    assert items[0]["outcomes"]["started"]["total"] == track.started_total
    assert items[0]["outcomes"]["employed"]["women"] == track.employed_women


def _queries(api, url) -> int:
    with CaptureQueriesContext(connection) as ctx:
        response = api.get(url)
    assert response.status_code == 200
    return len(ctx.captured_queries)


def test_a_page_costs_the_same_queries_for_one_row_as_for_many(demo):
    api = api_client(token_for("admin"))
    for endpoint in ENDPOINTS:
        rows = len(api.get(f"/api/v1/{endpoint}/?page_size=200").json()["results"])
        assert rows >= 2, endpoint
        one = _queries(api, f"/api/v1/{endpoint}/?page_size=1")
        many = _queries(api, f"/api/v1/{endpoint}/?page_size=200")
        assert many == one, endpoint
        assert many <= 8, endpoint
