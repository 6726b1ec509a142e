"""/api/v1/agreements/: exactly what the pages show to each user, and the public register
to anonymous visitors."""

import re
from urllib.parse import quote

import pytest
from django.urls import reverse
from django.utils import timezone

from agreements.demo import JARFALLA, demo_agreement
from agreements.models import Agreement
from api.models import ApiToken, token_hash
from api.services import api_token_create, api_token_revoke
from samverkan.models import User
from tests.agreements.factories import signed_agreement_with_fake_pdf
from tests.factories import AgreementFactory

from .conftest import api_client, fetch_all, token_for

pytestmark = pytest.mark.django_db

LIST = "/api/v1/agreements/"


def agreements_in_pages(client, username) -> set[int]:
    """The agreements the list page links to, for ``username`` logged in."""
    client.force_login(User.objects.get(username=username))
    html = client.get(reverse("agreements:list")).content.decode()
    return {int(pk) for pk in re.findall(r'href="/overenskommelser/(\d+)/"', html)}


def test_jarfalla_with_a_token_lists_exactly_the_agreements_of_the_pages(client, demo):
    # GIVEN jarfalla's token
    api = api_client(token_for("jarfalla"))
    # WHEN the agreements are listed through the API
    listed = {item["id"] for item in fetch_all(api, LIST)}
    # THEN they are exactly those the agreement list page shows jarfalla
    in_pages = agreements_in_pages(client, "jarfalla")
    assert listed == in_pages
    assert demo_agreement(JARFALLA).pk in listed
    assert listed == set(
        Agreement.objects.visible_to(User.objects.get(username="jarfalla")).values_list(
            "pk", flat=True
        )
    )


def test_the_agreement_carries_parties_sections_validity_status_and_version_hashes(demo):
    api = api_client(token_for("jarfalla"))
    agreement = demo_agreement(JARFALLA)
    body = api.get(f"{LIST}{agreement.pk}/").json()
    assert body["diarienummer"] == "Af-2022/0116 1568"
    assert {p["organisation_number"] for p in body["parties"]} >= {"212000-0043"}
    assert "0123" in {p["municipality_code"] for p in body["parties"]}
    assert [s["number"] for s in body["sections"]] == list(range(1, 10))
    assert body["status"] == agreement.status
    version = agreement.version_in_force
    assert body["version_in_force"] == version.number
    assert {"number": version.number, "content_hash": version.content_hash} in [
        {"number": v["number"], "content_hash": v["content_hash"]} for v in body["versions"]
    ]
    assert body["validity"]["valid_from"] is not None
    assert body["web_url"] == agreement.get_absolute_url()


def test_taby_gets_404_for_the_jarfalla_agreement(demo):
    api = api_client(token_for("taby"))
    response = api.get(f"{LIST}{demo_agreement(JARFALLA).pk}/")
    assert response.status_code == 404
    assert demo_agreement(JARFALLA).pk not in {item["id"] for item in fetch_all(api, LIST)}


def test_anonymous_visitors_read_only_agreements_in_force_as_signed(demo):
    # GIVEN a draft that nobody has signed, and Järfälla's revision edited after signing
    draft = AgreementFactory(title="Utkast som ingen får se")
    jarfalla = demo_agreement(JARFALLA)
    Agreement.objects.filter(pk=jarfalla.pk).update(title="Ny titel under revidering")
    # WHEN an anonymous visitor lists the agreements
    api = api_client()
    listed = fetch_all(api, LIST)
    # THEN exactly the agreements in force are there, with their signed text
    assert {item["id"] for item in listed} == set(
        Agreement.objects.in_force().values_list("pk", flat=True)
    )
    assert draft.pk not in {item["id"] for item in listed}
    signed = next(item for item in listed if item["id"] == jarfalla.pk)
    assert signed["title"] == jarfalla.version_in_force.snapshot["agreement"]["title"]
    assert signed["title"] != "Ny titel under revidering"
    assert [v["number"] for v in signed["versions"]] == [jarfalla.version_in_force.number]
    assert api.get(f"{LIST}{draft.pk}/").status_code == 404


def test_anonymous_visitors_read_nothing_when_the_register_is_off(demo, settings):
    settings.PUBLIC_REGISTER = False
    assert fetch_all(api_client(), LIST) == []


def test_a_revoked_token_gets_401(demo):
    jarfalla = User.objects.get(username="jarfalla")
    token, raw = api_token_create(user=jarfalla, name="export")
    api = api_client(raw)
    assert api.get(LIST).status_code == 200
    # WHEN the token is revoked
    api_token_revoke(token=token)
    # THEN it is refused with 401 and a Bearer challenge
    response = api.get(LIST)
    assert response.status_code == 401
    assert response["WWW-Authenticate"].startswith("Bearer")


def test_an_unknown_token_gets_401_and_an_inactive_owner_too(demo):
    assert api_client("svp_not-a-real-token").get(LIST).status_code == 401
    raw = token_for("jarfalla")
    User.objects.filter(username="jarfalla").update(is_active=False)
    assert api_client(raw).get(LIST).status_code == 401


def test_only_a_hash_of_the_token_is_stored(db):
    user = User.objects.create_user("someone", password="x" * 16)
    token, raw = api_token_create(user=user, name="x")
    stored = ApiToken.objects.get(pk=token.pk)
    assert stored.key_hash == token_hash(raw)
    assert raw not in {stored.key_hash, stored.key_start, stored.name}
    assert len(raw) > 40


def test_the_browser_session_works_and_writes_are_refused(client, demo):
    client.force_login(User.objects.get(username="jarfalla"))
    assert client.get(LIST).status_code == 200
    assert client.post(LIST, {}).status_code == 405


def test_the_list_costs_the_same_queries_for_many_agreements(demo, django_assert_max_num_queries):
    jarfalla = User.objects.get(username="jarfalla")
    api = api_client(token_for("jarfalla"))
    with django_assert_max_num_queries(8):
        api.get(LIST)
    for _ in range(6):
        signed_agreement_with_fake_pdf([jarfalla.party])
    with django_assert_max_num_queries(8):
        response = api.get(LIST)
    assert len(response.json()["results"]) >= 7


def test_anonymous_filters_tell_nothing_of_a_revision_being_written(demo):
    # GIVEN Järfälla's agreement in force with a revision open, edited just now
    jarfalla = demo_agreement(JARFALLA)
    assert jarfalla.status == Agreement.Status.UNDER_REVISION
    api = api_client()
    # THEN anonymously it is in force, not under revision, and unchanged since it was signed
    assert jarfalla.pk in {i["id"] for i in fetch_all(api, f"{LIST}?status=in_force")}
    assert fetch_all(api, f"{LIST}?status=under_revision") == []
    signed_at = jarfalla.version_in_force.created_at
    later = (signed_at + timezone.timedelta(days=1)).isoformat()
    assert jarfalla.pk not in {
        i["id"] for i in fetch_all(api, f"{LIST}?updated_since={quote(later)}")
    }
