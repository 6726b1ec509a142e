"""Bad input never gives an error 500: a NUL anywhere, dates outside 2000–2100."""

import pytest
from django.urls import Resolver404, resolve, reverse

from agreements.models import Agreement
from indicators.models import FollowUpPeriod
from meetings.services import calendar_feed_get_or_create
from samverkan.concurrency import fingerprint

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize(
    "url",
    [
        "/register/?q=%00",
        "/register/?sida=%00",
        "/verifiera/?kod=%00",
        "/verifiera/?kod=AB%00CD",
        "/verifiera/%00/",
        "/overenskommelser/?q=%00",
        "/?x%00=1",
    ],
)
def test_nul_in_a_query_or_path_is_a_swedish_400(client, world, url):
    client.force_login(world.official)
    response = client.get(url)
    assert response.status_code == 400
    assert "otillåtet tecken" in response.content.decode()


def test_nul_in_the_ical_address_is_refused(client, world):
    token = calendar_feed_get_or_create(user=world.official).token
    assert client.get(f"/samverkan/kalender/ical/{token}%00.ics").status_code == 400
    assert client.get(reverse("meetings:ical_feed", args=[token])).status_code == 200


def test_path_converters_do_not_match_a_nul(world):
    with pytest.raises(Resolver404):
        resolve("/verifiera/AB\x00CD/")
    with pytest.raises(Resolver404):
        resolve("/samverkan/kalender/ical/ab\x00cd.ics")
    assert resolve("/verifiera/ABCD-EFGH-JKLM/").url_name == "verify_code"


def test_nul_in_a_form_field_changes_nothing(client, world):
    client.force_login(world.official)
    agreement = world.agreement
    response = client.post(
        reverse("agreements:edit", args=[agreement.pk]),
        {"title": "Ny\x00titel", "diarienummer": agreement.diarienummer},
    )
    assert response.status_code == 400
    assert "otillåtet tecken" in response.content.decode()
    agreement.refresh_from_db()
    assert "\x00" not in agreement.title


def particulars(agreement, **changes):
    fields = [
        "title",
        "diarienummer",
        "document_date",
        "summary",
        "valid_from",
        "valid_until",
        "review_rule",
        "next_review_date",
    ]
    data = dict.fromkeys(fields, "")
    data.update(title=agreement.title, diarienummer=agreement.diarienummer)
    data["base_fingerprint"] = fingerprint(agreement, fields)
    data.update(changes)
    return data


@pytest.mark.parametrize("value", ["0001-01-01", "1999-12-31", "2101-01-01", "9999-12-31"])
def test_valid_from_outside_2000_2100_is_refused_at_the_field(client, world, value):
    # GIVEN an official editing their agreement WHEN valid_from is far in the past or future
    client.force_login(world.official)
    url = reverse("agreements:edit", args=[world.agreement.pk])
    response = client.post(url, particulars(world.agreement, valid_from=value))
    # THEN the field says so in Swedish, the typed value stays, nothing is saved
    assert response.status_code == 200
    assert response.context["form"].errors["valid_from"] == [
        "Ange ett datum mellan år 2000 och 2100."
    ]
    assert f'value="{value}"' in response.content.decode()
    assert Agreement.objects.get(pk=world.agreement.pk).valid_from is None
    # … and the next page view plans no periods from year 1
    client.get(reverse("agreements:detail", args=[world.agreement.pk]))
    assert FollowUpPeriod.objects.filter(agreement=world.agreement, year__lt=2000).count() == 0


def test_boundary_dates_are_accepted(client, world):
    client.force_login(world.official)
    url = reverse("agreements:edit", args=[world.agreement.pk])
    response = client.post(
        url, particulars(world.agreement, valid_from="2000-01-01", valid_until="2100-12-31")
    )
    assert response.status_code == 302
    world.agreement.refresh_from_db()
    assert str(world.agreement.valid_from) == "2000-01-01"
