from datetime import UTC, datetime
from zoneinfo import ZoneInfo

import pytest
import vobject
from icalendar import Calendar

from meetings.models import CalendarFeed
from meetings.services import calendar_feed_get_or_create, calendar_feed_renew
from tests.meetings.factories import GroupFactory, MeetingFactory

pytestmark = pytest.mark.django_db
STOCKHOLM = ZoneInfo("Europe/Stockholm")


def parse(response) -> Calendar:
    assert response.status_code == 200
    assert response["Content-Type"].startswith("text/calendar")
    return Calendar.from_ical(response.content)


@pytest.fixture
def dst_meetings(world, settings):
    """Two meetings at 09:00 local time on either side of the change to summer time
    (29 March 2026): 08:00 UTC before, 07:00 UTC after."""
    group = GroupFactory(agreement=world.agreement, name="Operativ samverkan")
    before = MeetingFactory(
        group=group, starts_at=datetime(2026, 3, 26, 9, 0, tzinfo=STOCKHOLM), ends_at=None
    )
    after = MeetingFactory(
        group=group,
        starts_at=datetime(2026, 3, 30, 9, 0, tzinfo=STOCKHOLM),
        ends_at=datetime(2026, 3, 30, 11, 30, tzinfo=STOCKHOLM),
    )
    return group, before, after


def test_group_feed_parses_with_local_times_across_dst(client, world, dst_meetings):
    group, before, after = dst_meetings
    feed = calendar_feed_get_or_create(user=world.official, group=group)
    # GIVEN no session: calendar programs do not log in
    calendar = parse(client.get(feed.get_absolute_url()))
    # THEN the feed is RFC 5545 with a Europe/Stockholm VTIMEZONE
    assert calendar["VERSION"] == "2.0" and calendar["PRODID"]
    timezones = calendar.walk("VTIMEZONE")
    assert [str(tz["TZID"]) for tz in timezones] == ["Europe/Stockholm"]
    events = {str(e["UID"]): e for e in calendar.walk("VEVENT")}
    first = events[f"{before.uid}@samverkansportalen"]
    second = events[f"{after.uid}@samverkansportalen"]
    # AND the times are 09:00 local on both sides of the change, 08:00 and 07:00 UTC
    assert first["DTSTART"].params["TZID"] == "Europe/Stockholm"
    assert first.decoded("DTSTART").replace(tzinfo=None) == datetime(2026, 3, 26, 9, 0)
    assert second.decoded("DTSTART").replace(tzinfo=None) == datetime(2026, 3, 30, 9, 0)
    assert first.decoded("DTSTART").astimezone(ZoneInfo("UTC")).hour == 8
    assert second.decoded("DTSTART").astimezone(ZoneInfo("UTC")).hour == 7
    assert second.decoded("DTEND").replace(tzinfo=None) == datetime(2026, 3, 30, 11, 30)
    assert first.decoded("DTEND").replace(tzinfo=None) == datetime(2026, 3, 26, 10, 0)
    assert str(first["SUMMARY"]) == "Operativ samverkan"
    assert b"TZID:Europe/Stockholm" in client.get(feed.get_absolute_url()).content
    for line in client.get(feed.get_absolute_url()).content.split(b"\r\n"):
        assert len(line) <= 75, line  # folded as RFC 5545 3.1 asks


def test_user_feed_has_all_their_groups_and_nothing_else(client, world, dst_meetings):
    group, before, after = dst_meetings
    other = MeetingFactory(group=GroupFactory(agreement=world.other_agreement))
    feed = calendar_feed_get_or_create(user=world.official)
    uids = {str(e["UID"]) for e in parse(client.get(feed.get_absolute_url())).walk("VEVENT")}
    assert f"{before.uid}@samverkansportalen" in uids
    assert f"{other.uid}@samverkansportalen" not in uids


def test_renewed_or_unknown_token_is_404(client, world, dst_meetings):
    feed = calendar_feed_get_or_create(user=world.official)
    old_url = feed.get_absolute_url()
    assert client.get(old_url).status_code == 200
    renewed = calendar_feed_renew(user=world.official)
    assert client.get(old_url).status_code == 404
    assert client.get(renewed.get_absolute_url()).status_code == 200
    assert client.get("/samverkan/kalender/ical/okand-token.ics").status_code == 404


def test_user_renews_from_the_page(client, world):
    client.force_login(world.official)
    # GIVEN no address yet: opening the page creates none, the button does
    client.get("/samverkan/kalender/prenumerera/")
    assert not CalendarFeed.objects.exists()
    client.post("/samverkan/kalender/prenumerera/adress/")
    page = client.get("/samverkan/kalender/prenumerera/")
    token = CalendarFeed.objects.get(user=world.official, group=None).token
    assert token in page.content.decode()
    client.post("/samverkan/kalender/prenumerera/adress/", {"action": "renew"})
    assert CalendarFeed.objects.get(user=world.official, group=None).token != token


def test_group_feed_stops_when_the_user_loses_access(client, world):
    group = GroupFactory(agreement=world.agreement)
    feed = calendar_feed_get_or_create(user=world.official, group=group)
    world.official.party = world.other_municipality
    world.official.save()
    assert client.get(feed.get_absolute_url()).status_code == 404


def test_outsider_cannot_create_a_feed_for_a_group_they_cannot_see(client, world):
    group = GroupFactory(agreement=world.agreement)
    client.force_login(world.outsider)
    response = client.post("/samverkan/kalender/prenumerera/adress/", {"grupp": group.pk})
    assert response.status_code == 404
    assert not CalendarFeed.objects.filter(group=group).exists()


def test_empty_feed_still_defines_the_zone(client, world):
    feed = calendar_feed_get_or_create(user=world.outsider)
    calendar = parse(client.get(feed.get_absolute_url()))
    assert [str(tz["TZID"]) for tz in calendar.walk("VTIMEZONE")] == ["Europe/Stockholm"]
    assert calendar.walk("VEVENT") == []


# 10:00 local time on either side of each change of 2026 and 2027: summer time starts on
# 29 March 2026 and 28 March 2027, ends on 25 October 2026 and 31 October 2027.
DST_SIDES = [
    datetime(2026, 3, 27, 10, 0),
    datetime(2026, 3, 30, 10, 0),
    datetime(2026, 10, 23, 10, 0),
    datetime(2026, 10, 26, 10, 0),
    datetime(2027, 3, 26, 10, 0),
    datetime(2027, 3, 29, 10, 0),
    datetime(2027, 10, 29, 10, 0),
    datetime(2027, 11, 1, 10, 0),
]


def test_vobject_and_icalendar_read_the_same_local_times_across_dst(client, world):
    # GIVEN meetings at 10:00 on both sides of both daylight-saving changes of 2026 and 2027
    group = GroupFactory(agreement=world.agreement, name="Operativ samverkan")
    meetings = {
        f"{MeetingFactory(group=group, starts_at=local.replace(tzinfo=STOCKHOLM)).uid}"
        "@samverkansportalen": local
        for local in DST_SIDES
    }
    feed = calendar_feed_get_or_create(user=world.official, group=group)
    content = client.get(feed.get_absolute_url()).content
    # THEN the zone is described by yearly rules, not a list of dates
    zone = Calendar.from_ical(content).walk("VTIMEZONE")[0]
    assert "RDATE" not in content.decode()
    rules = {
        sub.name: (dict(sub["RRULE"]), sub.decoded("DTSTART").hour) for sub in zone.subcomponents
    }
    assert rules == {
        "DAYLIGHT": ({"FREQ": ["YEARLY"], "BYMONTH": [3], "BYDAY": ["-1SU"]}, 2),
        "STANDARD": ({"FREQ": ["YEARLY"], "BYMONTH": [10], "BYDAY": ["-1SU"]}, 3),
    }
    # AND both parsers read every meeting at 10:00 Stockholm time, at the same instant
    by_icalendar = {
        str(e["UID"]): e.decoded("DTSTART") for e in Calendar.from_ical(content).walk("VEVENT")
    }
    by_vobject = {
        e.uid.value: e.dtstart.value for e in vobject.readOne(content.decode()).vevent_list
    }
    assert set(by_icalendar) == set(by_vobject) == set(meetings)
    for uid, local in meetings.items():
        real = local.replace(tzinfo=STOCKHOLM)
        for parsed in (by_icalendar[uid], by_vobject[uid]):
            assert parsed.replace(tzinfo=None) == local, (uid, parsed)
            assert parsed.utcoffset() == real.utcoffset(), (uid, parsed)
            assert parsed.astimezone(UTC) == real.astimezone(UTC)
