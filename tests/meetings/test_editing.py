from datetime import timedelta

import pytest
from django.utils import timezone

from meetings.forms.groups import MeetingForm
from meetings.models import CompetenceTeamMember, GroupMember, Meeting
from tests.meetings.factories import GroupFactory, JobTrackFactory, MeetingFactory

pytestmark = pytest.mark.django_db


def test_members_are_saved_by_role_and_organisation(client, world):
    group = GroupFactory(agreement=world.agreement)
    client.force_login(world.section_chief)
    url = f"/samverkan/grupper/{group.pk}/medlemmar/"
    response = client.post(
        url,
        {
            "base_fingerprint": client.get(url).context["base_fingerprint"],
            "medlemmar-TOTAL_FORMS": "2",
            "medlemmar-INITIAL_FORMS": "0",
            "medlemmar-0-role_title": "Sektionschef",
            "medlemmar-0-party": world.af.pk,
            "medlemmar-0-user": world.section_chief.pk,
            "medlemmar-0-position": "0",
            "medlemmar-1-role_title": "Rektor",
            "medlemmar-1-organisation_name": "Norrtälje Komvux",
            "medlemmar-1-position": "1",
        },
    )
    assert response.status_code == 302
    assert [str(m) for m in GroupMember.objects.filter(group=group)] == [
        f"Sektionschef, {world.af.name}",
        "Rektor, Norrtälje Komvux",
    ]


def test_member_organisation_is_one_of_the_agreements_parties(client, world):
    group = GroupFactory(agreement=world.agreement)
    client.force_login(world.official)
    response = client.post(
        f"/samverkan/grupper/{group.pk}/medlemmar/",
        {
            "medlemmar-TOTAL_FORMS": "1",
            "medlemmar-INITIAL_FORMS": "0",
            "medlemmar-0-role_title": "Chef",
            "medlemmar-0-party": world.other_municipality.pk,
            "medlemmar-0-user": world.outsider.pk,
            "medlemmar-0-position": "0",
        },
    )
    errors = response.context["formset"].forms[0].errors
    assert "party" in errors and "user" in errors
    assert not GroupMember.objects.exists()


def test_members_saved_by_someone_else_meanwhile_are_not_overwritten(client, world):
    # GIVEN an official who opened the group's members, and a colleague who then added one
    group = GroupFactory(agreement=world.agreement)
    client.force_login(world.official)
    url = f"/samverkan/grupper/{group.pk}/medlemmar/"
    base = client.get(url).context["base_fingerprint"]
    GroupMember.objects.create(
        group=group, role_title="Sektionschef", party=world.af, organisation_name="", position=0
    )
    # WHEN the official saves the member they typed
    response = client.post(
        url,
        {
            "base_fingerprint": base,
            "medlemmar-TOTAL_FORMS": "1",
            "medlemmar-INITIAL_FORMS": "0",
            "medlemmar-0-role_title": "Rektor",
            "medlemmar-0-organisation_name": "Norrtälje Komvux",
            "medlemmar-0-position": "1",
        },
    )
    # THEN the save is refused in Swedish, the list as it is now is shown, the typing is kept
    assert response.status_code == 200
    html = response.content.decode()
    assert "Någon annan hann spara först" in html
    assert f"Sektionschef, {world.af.name}" in html
    assert 'value="Norrtälje Komvux"' in html
    assert [m.role_title for m in GroupMember.objects.filter(group=group)] == ["Sektionschef"]


def test_competence_team_is_saved(client, world):
    track = JobTrackFactory(agreement=world.agreement)
    client.force_login(world.official)
    url = f"/jobbspar/{track.pk}/kompetensteam/"
    client.post(
        url,
        {
            "base_fingerprint": client.get(url).context["base_fingerprint"],
            "team-TOTAL_FORMS": "1",
            "team-INITIAL_FORMS": "0",
            "team-0-role": "Utbildningsanordnare",
            "team-0-organisation": "ASTAR",
            "team-0-position": "0",
        },
    )
    assert str(CompetenceTeamMember.objects.get(job_track=track)) == "Utbildningsanordnare, ASTAR"


def test_editing_a_meeting_bumps_its_ical_sequence(client, world):
    meeting = MeetingFactory(group=GroupFactory(agreement=world.agreement))
    client.force_login(world.official)
    starts = timezone.localtime(meeting.starts_at)
    client.post(
        f"/samverkan/moten/{meeting.pk}/andra/",
        {
            "starts_at": starts.strftime("%Y-%m-%dT%H:%M"),
            "location": "Nytt rum",
            "base_fingerprint": MeetingForm(instance=meeting).initial["base_fingerprint"],
        },
    )
    meeting.refresh_from_db()
    assert meeting.location == "Nytt rum" and meeting.sequence == 1


def test_two_people_editing_a_meeting_do_not_overwrite_each_other(client, world):
    meeting = MeetingFactory(group=GroupFactory(agreement=world.agreement))
    opened = MeetingForm(instance=meeting).initial["base_fingerprint"]
    Meeting.objects.filter(pk=meeting.pk).update(location="Ändrat av någon annan")
    client.force_login(world.official)
    starts = timezone.localtime(meeting.starts_at)
    response = client.post(
        f"/samverkan/moten/{meeting.pk}/andra/",
        {
            "starts_at": starts.strftime("%Y-%m-%dT%H:%M"),
            "location": "Mitt rum",
            "base_fingerprint": opened,
        },
    )
    assert response.status_code == 200
    assert response.context["form"].conflicts
    meeting.refresh_from_db()
    assert meeting.location == "Ändrat av någon annan"


def test_admin_pages_for_meetings_app(client, world):
    group = GroupFactory(agreement=world.agreement)
    approved = MeetingFactory(
        group=group,
        starts_at=timezone.now() - timedelta(days=2),
        minutes="Protokoll",
        minutes_approved_at=timezone.now(),
    )
    JobTrackFactory(agreement=world.agreement)
    # The role "admin" carries no Django model permissions (core's concern); a superuser does.
    world.admin.is_superuser = True
    world.admin.save()
    client.force_login(world.admin)
    for url in (
        "/admin/meetings/group/",
        f"/admin/meetings/group/{group.pk}/change/",
        "/admin/meetings/meeting/",
        "/admin/meetings/jobtrack/",
        "/admin/meetings/calendarfeed/",
    ):
        assert client.get(url).status_code == 200, url
    # Approved minutes are read-only in the admin too.
    page = client.get(f"/admin/meetings/meeting/{approved.pk}/change/").content.decode()
    assert 'name="minutes"' not in page
