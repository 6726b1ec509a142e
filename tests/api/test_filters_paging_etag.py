"""Filters (agreement, party, period, updated-since), cursor pages and ETags."""

import datetime

import pytest
from django.utils import timezone

from agreements.demo import JARFALLA, NORDOST, OSTERAKER, demo_agreement
from agreements.models import Agreement
from indicators.models import FollowUpPeriod, Measurement

from .conftest import api_client, fetch_all, token_for

pytestmark = pytest.mark.django_db


def ids(api, url) -> set[int]:
    return {item["id"] for item in fetch_all(api, url)}


def test_party_filter_takes_a_kommunkod_or_an_organisationsnummer(demo):
    api = api_client(token_for("admin"))
    jarfalla, nordost = demo_agreement(JARFALLA), demo_agreement(NORDOST)
    assert ids(api, "/api/v1/agreements/?party=0123") == {jarfalla.pk}
    assert ids(api, "/api/v1/agreements/?party=212000-0043") == {jarfalla.pk}
    assert ids(api, "/api/v1/agreements/?party=2120000043") == {jarfalla.pk}
    assert ids(api, "/api/v1/agreements/?party=0160") == {nordost.pk}
    assert ids(api, "/api/v1/agreements/?party=9999") == set()
    # (the same filter on the rows that belong to agreements)
    groups = ids(api, "/api/v1/groups/?party=0160")
    assert groups and groups <= set(
        demo_agreement(NORDOST).collaboration_groups.values_list("pk", flat=True)
    )


def test_agreement_and_period_filters(demo):
    api = api_client(token_for("admin"))
    osteraker = demo_agreement(OSTERAKER)
    measurements = fetch_all(api, f"/api/v1/measurements/?agreement={osteraker.pk}")
    assert measurements and {m["agreement"] for m in measurements} == {osteraker.pk}
    period = FollowUpPeriod.objects.filter(measurements__isnull=False).first()
    by_id = ids(api, f"/api/v1/measurements/?period={period.pk}")
    assert by_id == set(Measurement.objects.filter(period=period).values_list("pk", flat=True))
    by_half = fetch_all(
        api,
        f"/api/v1/measurements/?agreement={period.agreement_id}"
        f"&year={period.year}&half={period.half}",
    )
    assert {m["id"] for m in by_half} == by_id
    periods = fetch_all(api, f"/api/v1/periods/?year={period.year}&half={period.half}")
    assert period.pk in {p["id"] for p in periods}
    assert {(p["year"], p["half"]) for p in periods} == {(period.year, period.half)}


def test_updated_since(demo):
    api = api_client(token_for("admin"))
    everything = ids(api, "/api/v1/agreements/?updated_since=2000-01-01")
    assert everything == set(Agreement.objects.values_list("pk", flat=True))
    # GIVEN one agreement changed after a moment
    moment = timezone.now() + datetime.timedelta(seconds=1)
    later = moment + datetime.timedelta(minutes=1)
    Agreement.objects.filter(pk=demo_agreement(JARFALLA).pk).update(updated_at=later)
    # THEN only it has changed since then
    since = moment.isoformat().replace("+00:00", "Z")
    assert ids(api, f"/api/v1/agreements/?updated_since={since}") == {demo_agreement(JARFALLA).pk}


def test_a_bad_filter_is_a_400_with_a_swedish_message(demo):
    api = api_client(token_for("admin"))
    response = api.get("/api/v1/agreements/?updated_since=igår")
    assert response.status_code == 400
    assert "ÅÅÅÅ-MM-DD" in response.json()["updated_since"][0]
    assert api.get("/api/v1/measurements/?half=3").status_code == 400
    assert api.get("/api/v1/goals/?agreement=abc").status_code == 400


def test_cursor_pages_give_every_row_once(demo):
    api = api_client(token_for("admin"))
    first = api.get("/api/v1/measurements/?page_size=3").json()
    assert len(first["results"]) == 3 and first["next"] and first["previous"] is None
    walked = [item["id"] for item in fetch_all(api, "/api/v1/measurements/?page_size=3")]
    assert len(walked) == len(set(walked)) == Measurement.objects.count()
    assert api.get("/api/v1/measurements/?cursor=not-ours").status_code == 404


def test_etag_answers_304_until_something_changes(demo):
    api = api_client(token_for("jarfalla"))
    url = f"/api/v1/agreements/{demo_agreement(JARFALLA).pk}/"
    response = api.get(url)
    etag = response["ETag"]
    assert etag.startswith('"') and "Authorization" in response["Vary"]
    # WHEN the same is asked again with the ETag
    unchanged = api.get(url, HTTP_IF_NONE_MATCH=etag)
    # THEN the answer is 304 without a body
    assert unchanged.status_code == 304 and unchanged.content == b""
    assert unchanged["ETag"] == etag
    # WHEN the agreement changes
    Agreement.objects.filter(pk=demo_agreement(JARFALLA).pk).update(review_rule="Varje år")
    changed = api.get(url, HTTP_IF_NONE_MATCH=etag)
    assert changed.status_code == 200 and changed["ETag"] != etag
    # (lists carry ETags as well)
    listing = api.get("/api/v1/measurements/")
    assert api.get("/api/v1/measurements/", HTTP_IF_NONE_MATCH=listing["ETag"]).status_code == 304
