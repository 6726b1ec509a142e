"""Meetings' notices: an invitation with an .ics that Outlook and Google add (read back by
icalendar and by vobject), minutes waiting for approval, an action item that is yours.
E-mails go to a real SMTP server the test starts."""

import email
import email.policy
from datetime import datetime, timedelta
from zoneinfo import ZoneInfo

import pytest
import vobject
from django.urls import reverse
from django.utils import timezone
from icalendar import Calendar

from meetings.forms.groups import MeetingForm, MinutesForm
from meetings.models import Meeting
from meetings.notices import ACTION_ITEM_ASSIGNED, INVITATION, MINUTES_TO_APPROVE
from samverkan.reminders.models import Reminder
from samverkan.reminders.tasks import send_reminder
from tests.meetings.factories import GroupFactory, GroupMemberFactory, MeetingFactory

pytestmark = pytest.mark.django_db
STOCKHOLM = ZoneInfo("Europe/Stockholm")
# A summer morning (CEST, UTC+2) and a winter one (CET, UTC+1), both still to come.
SUMMER = datetime(timezone.localdate().year + 1, 6, 15, 10, 0)
WINTER = datetime(timezone.localdate().year + 1, 1, 20, 13, 30)


@pytest.fixture
def operative(world):
    """The operative group with a seat for the official and one for the section chief."""
    group = GroupFactory(agreement=world.agreement, name="Operativ samverkan", convener=world.af)
    GroupMemberFactory(group=group, party=world.af, organisation_name="", user=world.section_chief)
    GroupMemberFactory(
        group=group, party=world.municipality, organisation_name="", user=world.official
    )
    return group


def _mails(sink) -> dict[str, email.message.EmailMessage]:
    parsed = [email.message_from_bytes(raw, policy=email.policy.default) for raw in sink.messages]
    return {m["To"]: m for m in parsed}


def _ics(mail) -> bytes:
    [attached] = [
        p for p in mail.walk() if p.get_content_type() == "text/calendar" and p.get_filename()
    ]
    assert attached.get_filename().endswith(".ics")
    return attached.get_payload(decode=True)


def _plan(client, group, starts: datetime):
    return client.post(
        reverse("meetings:meeting_create", args=[group.pk]),
        {
            "starts_at": starts.strftime("%Y-%m-%dT%H:%M"),
            "ends_at": (starts + timedelta(hours=2)).strftime("%Y-%m-%dT%H:%M"),
            "location": "Österåkers kommunhus, sal 3",
            "agenda": "Nuläge\nUppföljning",
        },
    )


@pytest.mark.parametrize("local", [SUMMER, WINTER], ids=["summer", "winter"])
def test_planning_a_meeting_invites_each_member_with_an_ics_both_readers_understand(
    smtp, client, world, operative, local, django_capture_on_commit_callbacks
):
    # WHEN the official plans a meeting through the page
    client.force_login(world.official)
    with django_capture_on_commit_callbacks(execute=True):
        assert _plan(client, operative, local).status_code == 302
    meeting = Meeting.objects.get(group=operative)
    # THEN each member with an account has a notice and one e-mail naming the agreement
    notices = Reminder.objects.filter(kind=INVITATION, object_id=meeting.pk)
    assert set(notices.values_list("recipient", flat=True)) == {
        world.official.pk,
        world.section_chief.pk,
    }
    assert smtp.per_recipient() == {world.official.email: 1, world.section_chief.email: 1}
    mail = _mails(smtp)[world.section_chief.email]
    assert mail["Subject"].strip().startswith("Kallelse: Operativ samverkan")
    assert world.agreement.title in mail["Subject"]
    # AND the calendar part is offered as Outlook and Gmail look for it
    parts = [p for p in mail.walk() if p.get_content_type() == "text/calendar"]
    assert {p.get_param("method") for p in parts} == {"REQUEST"}
    content = _ics(mail)
    # AND icalendar reads METHOD:REQUEST, the local time in Europe/Stockholm and who is asked
    calendar = Calendar.from_ical(content)
    assert calendar["METHOD"] == "REQUEST"
    [event] = calendar.walk("VEVENT")
    expected = local.replace(tzinfo=STOCKHOLM)
    assert event.decoded("DTSTART") == expected
    assert event.decoded("DTSTART").utcoffset() == expected.utcoffset()
    assert event["DTSTART"].params["TZID"] == "Europe/Stockholm"
    assert str(event["UID"]) == f"{meeting.uid}@samverkansportalen"
    assert str(event["ATTENDEE"]) == f"mailto:{world.section_chief.email}"
    assert str(event["ORGANIZER"]).startswith("mailto:")
    assert event["LOCATION"] == "Österåkers kommunhus, sal 3"
    # AND vobject, an independent reader, reads the same
    parsed = vobject.readOne(content.decode())
    assert parsed.method.value == "REQUEST"
    vevent = parsed.vevent
    assert vevent.dtstart.value == expected
    assert vevent.dtstart.value.astimezone(STOCKHOLM).hour == local.hour
    assert vevent.dtend.value - vevent.dtstart.value == timedelta(hours=2)
    assert vevent.uid.value == f"{meeting.uid}@samverkansportalen"


def test_an_invitation_is_sent_once_even_if_the_task_runs_twice(
    smtp, world, operative, django_capture_on_commit_callbacks
):
    from meetings.services import meeting_create

    with django_capture_on_commit_callbacks(execute=True):
        meeting = meeting_create(
            group=operative, data={"starts_at": SUMMER.replace(tzinfo=STOCKHOLM)}
        )
    for notice in Reminder.objects.filter(kind=INVITATION, object_id=meeting.pk):
        assert send_reminder(notice.pk) == "skipped"
        assert send_reminder(notice.pk) == "skipped"
    assert smtp.per_recipient() == {world.official.email: 1, world.section_chief.email: 1}


def _edit(meeting, **changes):
    from meetings.services import meeting_update

    meeting = Meeting.objects.get(pk=meeting.pk)  # as stored, as a page would show it
    data = {
        "starts_at": timezone.localtime(meeting.starts_at).strftime("%Y-%m-%dT%H:%M"),
        "ends_at": timezone.localtime(meeting.ends_at).strftime("%Y-%m-%dT%H:%M"),
        "location": meeting.location,
        "video_link": "",
        "agenda": meeting.agenda,
        "base_fingerprint": MeetingForm(instance=meeting).initial["base_fingerprint"],
        **changes,
    }
    form = MeetingForm(data, instance=meeting)
    assert form.is_valid(), form.errors
    assert meeting_update(meeting=meeting, form=form)
    return Meeting.objects.get(pk=meeting.pk)


def test_moving_a_meeting_invites_again_with_a_higher_sequence_and_a_new_agenda_does_not(
    smtp, world, operative, django_capture_on_commit_callbacks
):
    meeting = MeetingFactory(group=operative, starts_at=SUMMER.replace(tzinfo=STOCKHOLM))
    with django_capture_on_commit_callbacks(execute=True):
        meeting = _edit(meeting, agenda="Nuläge\nUppföljning\nÖvrigt")
    assert not Reminder.objects.filter(kind=INVITATION).exists()
    later = SUMMER + timedelta(hours=3)
    with django_capture_on_commit_callbacks(execute=True):
        meeting = _edit(
            meeting,
            starts_at=later.strftime("%Y-%m-%dT%H:%M"),
            ends_at=(later + timedelta(hours=1)).strftime("%Y-%m-%dT%H:%M"),
        )
    ics = Calendar.from_ical(_ics(_mails(smtp)[world.official.email]))
    [event] = ics.walk("VEVENT")
    assert event.decoded("DTSTART") == later.replace(tzinfo=STOCKHOLM)
    assert event["SEQUENCE"] == meeting.sequence == 2
    # WHEN the meeting is cancelled, the calendars are told to remove it
    with django_capture_on_commit_callbacks(execute=True):
        _edit(meeting, cancelled="on")
    cancellations = [
        email.message_from_bytes(raw, policy=email.policy.default) for raw in smtp.messages[2:]
    ]
    assert len(cancellations) == 2
    calendar = vobject.readOne(_ics(cancellations[0]).decode())
    assert calendar.method.value == "CANCEL"
    assert calendar.vevent.status.value == "CANCELLED"
    assert cancellations[0]["Subject"].strip().startswith("Inställt möte")


def test_turning_invitations_off_stops_their_email(
    smtp, client, world, operative, django_capture_on_commit_callbacks
):
    # GIVEN the section chief turns invitations off on the settings page
    client.force_login(world.section_chief)
    page = client.get(reverse("reminders:preferences")).content.decode()
    assert "Kallelse till ett möte (med kalenderfil)" in page
    kept = ["meetings.minutes_to_approve", "meetings.action_item_assigned"]
    assert client.post(reverse("reminders:preferences"), {"kind": kept}).status_code == 302
    # WHEN the official plans a meeting
    client.force_login(world.official)
    with django_capture_on_commit_callbacks(execute=True):
        _plan(client, operative, SUMMER)
    # THEN only the official is e-mailed
    assert smtp.per_recipient() == {world.official.email: 1}


def test_written_minutes_ask_the_other_members_to_approve_them_once(
    smtp, client, world, operative, django_capture_on_commit_callbacks
):
    meeting = MeetingFactory(group=operative, starts_at=timezone.now() - timedelta(hours=3))
    client.force_login(world.official)

    def save_minutes(text):
        meeting.refresh_from_db()
        return client.post(
            reverse("meetings:meeting_minutes", args=[meeting.pk]),
            {
                "minutes": text,
                "base_fingerprint": MinutesForm(instance=meeting).initial["base_fingerprint"],
                "atgarder-TOTAL_FORMS": "1",
                "atgarder-INITIAL_FORMS": "0",
                "atgarder-0-description": "Ta fram statistik över unga 16–24",
                "atgarder-0-owner": "Integrationsstrateg",
                "atgarder-0-owner_party": world.af.pk,
                "atgarder-0-due_date": (timezone.localdate() + timedelta(days=30)).isoformat(),
            }
            if text == "Nuläget gicks igenom."
            else {
                "minutes": text,
                "base_fingerprint": MinutesForm(instance=meeting).initial["base_fingerprint"],
                "atgarder-TOTAL_FORMS": "0",
                "atgarder-INITIAL_FORMS": "0",
            },
        )

    with django_capture_on_commit_callbacks(execute=True):
        assert save_minutes("Nuläget gicks igenom.").status_code == 302
    with django_capture_on_commit_callbacks(execute=True):
        assert save_minutes("Nuläget gicks igenom. Tillägg.").status_code == 302
    # THEN the section chief (not the official who wrote them) is asked to approve, once
    [minutes] = Reminder.objects.filter(kind=MINUTES_TO_APPROVE)
    assert minutes.recipient == world.section_chief
    # AND the action item owned by the Af unit is the section chief's (their seat), once
    [action] = Reminder.objects.filter(kind=ACTION_ITEM_ASSIGNED)
    assert action.recipient == world.section_chief
    assert "Ta fram statistik över unga 16–24" in action.body
    subjects = sorted(
        email.message_from_bytes(raw, policy=email.policy.default)["Subject"].strip()
        for raw in smtp.messages
    )
    assert subjects == sorted(
        [
            f"Protokoll att justera: {minutes.context['group']} {minutes.context['when']} – "
            f"{world.agreement.title}",
            f"Åtgärd för din organisation: {world.agreement.title}",
        ]
    )
    assert smtp.per_recipient() == {world.section_chief.email: 2}


def test_minutes_of_a_meeting_to_come_ask_nobody(world, operative):
    from meetings.notices import minutes_to_approve_notify

    meeting = MeetingFactory(group=operative)
    Meeting.objects.filter(pk=meeting.pk).update(minutes="Skrivet i förväg")
    meeting.refresh_from_db()
    assert minutes_to_approve_notify(meeting=meeting) == []


def test_an_action_item_given_to_another_organisation_is_news_to_it(
    client, world, operative, django_capture_on_commit_callbacks
):
    meeting = MeetingFactory(group=operative, starts_at=timezone.now() - timedelta(hours=3))
    client.force_login(world.section_chief)

    def save(owner_party, initial=0, item_id=""):
        meeting.refresh_from_db()
        data = {
            "minutes": "Nuläget gicks igenom.",
            "base_fingerprint": MinutesForm(instance=meeting).initial["base_fingerprint"],
            "atgarder-TOTAL_FORMS": "1",
            "atgarder-INITIAL_FORMS": str(initial),
            "atgarder-0-description": "Bjud in arbetsgivarna",
            "atgarder-0-owner": "Arbetsmarknadschef",
            "atgarder-0-owner_party": owner_party.pk,
        }
        if item_id:
            data["atgarder-0-id"] = item_id
        with django_capture_on_commit_callbacks(execute=True):
            response = client.post(reverse("meetings:meeting_minutes", args=[meeting.pk]), data)
        assert response.status_code == 302, response.content.decode()[:2000]

    save(world.af)  # the section chief's own organisation: nobody else to tell
    assert not Reminder.objects.filter(kind=ACTION_ITEM_ASSIGNED).exists()
    item = meeting.action_items.get()
    save(world.municipality, initial=1, item_id=item.pk)
    save(world.municipality, initial=1, item_id=item.pk)  # saved again: no news
    [notice] = Reminder.objects.filter(kind=ACTION_ITEM_ASSIGNED)
    assert notice.recipient == world.official
    assert notice.occasion == f"owner:{world.municipality.pk}"
