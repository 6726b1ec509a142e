"""Minutes only for a meeting that has begun; section 5 names a group's tier once."""

from datetime import timedelta

import pytest
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone

from meetings.models import Group, Meeting

from .factories import GroupFactory, MeetingFactory


def _minutes_data(meeting, **extra):
    return {
        "base_fingerprint": "",
        "present_members": [],
        "other_attendees": "",
        "minutes": "Vi gick igenom nuläget.",
        "decisions": "",
        "atgarder-TOTAL_FORMS": "0",
        "atgarder-INITIAL_FORMS": "0",
        "atgarder-MIN_NUM_FORMS": "0",
        "atgarder-MAX_NUM_FORMS": "1000",
        **extra,
    }


@pytest.mark.django_db
def test_minutes_cannot_be_written_for_a_meeting_still_to_come(client, world):
    # GIVEN a meeting next month
    group = GroupFactory(agreement=world.agreement, convener=world.af)
    meeting = MeetingFactory(group=group, starts_at=timezone.now() + timedelta(days=30))
    client.force_login(world.official)
    page = client.get(reverse("meetings:meeting_minutes", args=[meeting.pk]))
    assert "Mötet har inte hållits ännu" in page.content.decode()
    data = _minutes_data(meeting, base_fingerprint=page.context["form"]["base_fingerprint"].value())
    # WHEN someone writes its minutes
    response = client.post(reverse("meetings:meeting_minutes", args=[meeting.pk]), data)
    # THEN they are refused at the field in Swedish, what was typed is kept, nothing is stored
    assert response.status_code == 200
    error = response.context["form"].errors["minutes"][0]
    assert error.startswith("Mötet har inte hållits ännu (det börjar ")
    assert "Vi gick igenom nuläget." in response.content.decode()
    meeting.refresh_from_db()
    assert meeting.minutes == ""


@pytest.mark.django_db
def test_minutes_are_written_once_the_meeting_has_begun(client, world):
    group = GroupFactory(agreement=world.agreement, convener=world.af)
    meeting = MeetingFactory(group=group, starts_at=timezone.now() - timedelta(hours=1))
    client.force_login(world.official)
    page = client.get(reverse("meetings:meeting_minutes", args=[meeting.pk]))
    data = _minutes_data(meeting, base_fingerprint=page.context["form"]["base_fingerprint"].value())
    response = client.post(reverse("meetings:meeting_minutes", args=[meeting.pk]), data)
    assert response.status_code == 302
    assert Meeting.objects.get(pk=meeting.pk).minutes == "Vi gick igenom nuläget."


@pytest.mark.django_db
def test_section_5_names_the_tier_once(world):
    group = GroupFactory(
        agreement=world.agreement, convener=world.af, name="Styrgrupp", tier=Group.Tier.STRATEGIC
    )
    html = render_to_string(
        "meetings/parts/section5_groups.html",
        {"agreement": world.agreement, "part": {"groups": [group]}},
    )
    assert "Styrgrupp" in html
    assert "(Strategisk samverkan (styrgrupp))" not in html
    other = GroupFactory(
        agreement=world.agreement,
        convener=world.af,
        name="Ledningsgrupp",
        tier=Group.Tier.STRATEGIC,
    )
    html = render_to_string(
        "meetings/parts/section5_groups.html",
        {"agreement": world.agreement, "part": {"groups": [other]}},
    )
    assert "Ledningsgrupp <span" in html and "(Strategisk samverkan (styrgrupp))" in html
