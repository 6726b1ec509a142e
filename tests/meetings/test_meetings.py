from datetime import timedelta

import pytest
from django.utils import timezone

from meetings.forms.groups import MinutesForm
from meetings.models import Meeting, MinutesNote
from meetings.services import MinutesLockedError, meeting_minutes_approve, meeting_update
from tests.meetings.factories import (
    ActionItemFactory,
    GroupFactory,
    GroupMemberFactory,
    MeetingFactory,
)

pytestmark = pytest.mark.django_db


@pytest.fixture
def operative(world):
    group = GroupFactory(agreement=world.agreement, name="Operativ samverkan", convener=world.af)
    GroupMemberFactory(group=group, role_title="Sektionschef", party=world.af, organisation_name="")
    GroupMemberFactory(
        group=group, role_title="Motsvarande chef", party=world.municipality, organisation_name=""
    )
    return group


def test_official_plans_records_and_approves_and_approved_minutes_are_locked(
    client, world, operative
):
    client.force_login(world.official)
    # GIVEN the operative group; WHEN the official plans the next meeting
    starts = (timezone.localtime() - timedelta(hours=3)).replace(second=0, microsecond=0)
    response = client.post(
        f"/samverkan/grupper/{operative.pk}/nytt-mote/",
        {
            "starts_at": starts.strftime("%Y-%m-%dT%H:%M"),
            "ends_at": (starts + timedelta(hours=2)).strftime("%Y-%m-%dT%H:%M"),
            "location": "Österåkers kommunhus",
            "agenda": "Nuläge\nUppföljning av lokal samverkan",
        },
    )
    meeting = Meeting.objects.get(group=operative)
    assert response.status_code == 302 and response["Location"] == meeting.get_absolute_url()
    assert meeting.starts_at == starts
    # AND records attendance, minutes and an action item
    members = list(operative.members.all())
    response = client.post(
        f"/samverkan/moten/{meeting.pk}/protokoll/",
        {
            "present_members": [m.pk for m in members],
            "other_attendees": "Integrationsstrateg (adjungerad)",
            "minutes": "Nuläget gicks igenom.",
            "decisions": "Rutinen för trepartssamtal revideras.",
            "base_fingerprint": MinutesForm(instance=meeting).initial["base_fingerprint"],
            "atgarder-TOTAL_FORMS": "1",
            "atgarder-INITIAL_FORMS": "0",
            "atgarder-0-description": "Revidera rutinen",
            "atgarder-0-owner": "Sektionschef",
            "atgarder-0-due_date": "2026-12-15",
        },
    )
    assert response.status_code == 302, response.content.decode()[:3000]
    meeting.refresh_from_db()
    assert set(meeting.present_members.all()) == set(members)
    assert meeting.action_items.get().description == "Revidera rutinen"
    # AND approves them
    response = client.post(f"/samverkan/moten/{meeting.pk}/justera/")
    meeting.refresh_from_db()
    assert meeting.is_approved and meeting.minutes_approved_by == world.official
    # THEN editing the approved minutes is refused, and nothing changes
    page = client.get(f"/samverkan/moten/{meeting.pk}/protokoll/", follow=True)
    assert "Protokollet är justerat och kan inte ändras" in page.content.decode()
    client.post(
        f"/samverkan/moten/{meeting.pk}/protokoll/",
        {
            "minutes": "Ändrat i efterhand",
            "atgarder-TOTAL_FORMS": "0",
            "atgarder-INITIAL_FORMS": "0",
        },
    )
    client.post(f"/samverkan/moten/{meeting.pk}/andra/", {"location": "Någon annanstans"})
    meeting.refresh_from_db()
    assert meeting.minutes == "Nuläget gicks igenom."
    assert meeting.location == "Österåkers kommunhus"
    # AND a correction is appended as a note instead
    client.post(f"/samverkan/moten/{meeting.pk}/rattelse/", {"text": "Rättelse: två deltog."})
    assert MinutesNote.objects.get(meeting=meeting).text == "Rättelse: två deltog."
    assert "Rättelse: två deltog." in client.get(meeting.get_absolute_url()).content.decode()


def test_service_refuses_to_update_approved_minutes(world, operative):
    meeting = MeetingFactory(
        group=operative, starts_at=timezone.now() - timedelta(days=1), minutes="Protokoll"
    )
    meeting_minutes_approve(meeting=meeting, user=world.official)
    form = MinutesForm(
        {"minutes": "Nytt", "base_fingerprint": "x"}, instance=Meeting.objects.get(pk=meeting.pk)
    )
    assert form.is_valid(), form.errors
    with pytest.raises(MinutesLockedError):
        meeting_update(meeting=meeting, form=form)
    meeting.refresh_from_db()
    assert meeting.minutes == "Protokoll"
    with pytest.raises(MinutesLockedError):
        meeting_minutes_approve(meeting=meeting, user=world.official)


def test_minutes_cannot_be_approved_before_the_meeting_or_empty(client, world, operative):
    client.force_login(world.official)
    future = MeetingFactory(group=operative, minutes="Förberett")
    response = client.post(f"/samverkan/moten/{future.pk}/justera/", follow=True)
    assert "har inte hållits ännu" in response.content.decode()
    empty = MeetingFactory(group=operative, starts_at=timezone.now() - timedelta(days=1))
    response = client.post(f"/samverkan/moten/{empty.pk}/justera/", follow=True)
    assert "Skriv protokollet innan det justeras" in response.content.decode()
    assert not Meeting.objects.filter(minutes_approved_at__isnull=False).exists()


def test_meeting_ending_before_it_starts_is_refused_at_the_field(client, world, operative):
    client.force_login(world.official)
    response = client.post(
        f"/samverkan/grupper/{operative.pk}/nytt-mote/",
        {
            "starts_at": "2026-12-10T10:00",
            "ends_at": "2026-12-10T09:00",
            "location": "Kommunhuset",
            "video_link": "inte en länk",
        },
    )
    assert response.status_code == 200
    form = response.context["form"]
    assert form.errors["ends_at"] == ["Mötet kan inte sluta innan det har börjat."]
    assert "https://" in form.errors["video_link"][0]
    assert form["location"].value() == "Kommunhuset"
    assert not Meeting.objects.exists()


def test_group_rhythm_form_messages(client, world, operative):
    client.force_login(world.official)
    response = client.post(
        f"/samverkan/grupper/{operative.pk}/andra/",
        {
            "tier": "strategic",
            "name": "Strategisk samverkan",
            "rhythm_kind": "times_per_year",
            "rhythm_count": "4",
            "rhythm_count_max": "2",
            "position": "0",
        },
    )
    assert response.context["form"].errors["rhythm_count_max"] == [
        "Det högsta antalet kan inte vara lägre än det lägsta (4)."
    ]
    response = client.post(
        f"/samverkan/grupper/{operative.pk}/andra/",
        {
            "tier": "conference",
            "name": "Konferens",
            "rhythm_kind": "yearly_in_quarter",
            "position": "0",
        },
    )
    assert "Välj vilket kvartal" in response.context["form"].errors["rhythm_quarter"][0]


def test_action_items_can_be_marked_done_after_approval(client, world, operative):
    meeting = MeetingFactory(
        group=operative,
        starts_at=timezone.now() - timedelta(days=1),
        minutes="Protokoll",
        minutes_approved_at=timezone.now(),
    )
    item = ActionItemFactory(meeting=meeting)
    client.force_login(world.section_chief)
    client.post(f"/samverkan/atgarder/{item.pk}/klar/", {"done": "1"})
    item.refresh_from_db()
    assert item.done


def test_outsider_cannot_reach_the_meeting_or_write(client, world, operative):
    meeting = MeetingFactory(group=operative)
    client.force_login(world.outsider)
    assert client.get(meeting.get_absolute_url()).status_code == 404
    assert client.post(f"/samverkan/moten/{meeting.pk}/justera/").status_code == 404
    assert client.post(f"/samverkan/grupper/{operative.pk}/nytt-mote/", {}).status_code == 404


def test_meetings_are_planned_whatever_the_agreement_status(client, world, operative):
    # Meetings happen while an agreement is in force, when its text is locked.
    world.agreement.status = "in_force"
    world.agreement.save()
    client.force_login(world.official)
    response = client.get(f"/samverkan/grupper/{operative.pk}/nytt-mote/")
    assert response.status_code == 200


def test_group_page_shows_each_meetings_minutes_state_without_loading_them(
    client, world, operative, django_assert_max_num_queries
):
    now = timezone.now()
    MeetingFactory(group=operative, starts_at=now - timedelta(days=30), minutes="")
    MeetingFactory(group=operative, starts_at=now - timedelta(days=20), minutes="Utkast")
    MeetingFactory(
        group=operative,
        starts_at=now - timedelta(days=10),
        minutes="Justerat",
        minutes_approved_at=now,
    )
    client.force_login(world.official)
    with django_assert_max_num_queries(12):
        response = client.get(operative.get_absolute_url())
    past = response.context["past"]
    assert [m.has_minutes for m in past] == [True, True, False]
    assert all("minutes" in m.get_deferred_fields() for m in past)
    page = response.content.decode()
    assert "Ej justerat" in page and "Justerat" in page
