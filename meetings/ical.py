"""iCalendar (RFC 5545) feeds of meetings, in Europe/Stockholm time with its VTIMEZONE."""

from datetime import datetime, timedelta
from email.utils import parseaddr
from zoneinfo import ZoneInfo

from django.conf import settings
from django.utils import timezone
from icalendar import (
    Calendar,
    Event,
    Timezone,
    TimezoneDaylight,
    TimezoneStandard,
    vCalAddress,
    vText,
)

STOCKHOLM = ZoneInfo("Europe/Stockholm")
DEFAULT_LENGTH = timedelta(hours=1)


def stockholm_vtimezone() -> Timezone:
    """Europe/Stockholm as RFC 5545 describes a zone: two yearly rules, not a list of dates.

    Summer time (CEST, +02:00) from the last Sunday of March at 02:00, winter time (CET,
    +01:00) from the last Sunday of October at 03:00: the EU rule in force since 1996. A list
    of transitions (RDATEs), as ``add_missing_timezones`` writes it, ends somewhere and is read
    differently by other programs (vobject read a 10:00 meeting in October 2026 as 11:00).
    """
    zone = Timezone()
    zone.add("tzid", settings.TIME_ZONE)
    daylight = TimezoneDaylight()
    daylight.add("tzname", "CEST")
    daylight.add("dtstart", datetime(1996, 3, 31, 2, 0))
    daylight.add("tzoffsetfrom", timedelta(hours=1))
    daylight.add("tzoffsetto", timedelta(hours=2))
    daylight.add("rrule", {"freq": "yearly", "bymonth": 3, "byday": "-1su"})
    standard = TimezoneStandard()
    standard.add("tzname", "CET")
    standard.add("dtstart", datetime(1996, 10, 27, 3, 0))
    standard.add("tzoffsetfrom", timedelta(hours=2))
    standard.add("tzoffsetto", timedelta(hours=1))
    standard.add("rrule", {"freq": "yearly", "bymonth": 10, "byday": "-1su"})
    zone.add_component(daylight)
    zone.add_component(standard)
    return zone


def _description(meeting) -> str:
    lines = []
    if meeting.agenda_items:
        lines.append("Dagordning:")
        lines.extend(f"- {item}" for item in meeting.agenda_items)
    if meeting.video_link:
        lines.append(f"Videomöte: {meeting.video_link}")
    lines.append(f"Överenskommelse: {meeting.group.agreement.title}")
    return "\n".join(lines)


def _event(meeting, *, stamp, base_url: str) -> Event:
    starts = meeting.starts_at.astimezone(STOCKHOLM)
    ends = (meeting.ends_at or meeting.starts_at + DEFAULT_LENGTH).astimezone(STOCKHOLM)
    event = Event()
    event.add("uid", f"{meeting.uid}@samverkansportalen")
    event.add("dtstamp", stamp)
    event.add("dtstart", starts)
    event.add("dtend", ends)
    event.add("sequence", meeting.sequence)
    event.add("last-modified", meeting.updated_at)
    event.add("summary", meeting.group.name)
    if meeting.location:
        event.add("location", meeting.location)
    elif meeting.video_link:
        event.add("location", meeting.video_link)
    event.add("description", _description(meeting))
    event.add("url", f"{base_url.rstrip('/')}{meeting.get_absolute_url()}")
    event.add("status", "CANCELLED" if meeting.cancelled else "CONFIRMED")
    return event


def _calendar(method: str) -> Calendar:
    calendar = Calendar()
    calendar.add("prodid", "-//Samverkansportalen//Möten//SV")
    calendar.add("version", "2.0")
    calendar.add("calscale", "GREGORIAN")
    calendar.add("method", method)
    return calendar


def meetings_calendar(*, name: str, meetings, base_url: str) -> bytes:
    """One VEVENT per meeting; times carry TZID=Europe/Stockholm so calendar programs keep
    the local time across daylight-saving changes."""
    calendar = _calendar("PUBLISH")
    calendar.add("x-wr-calname", name)
    calendar.add("x-wr-timezone", settings.TIME_ZONE)
    stamp = timezone.now()
    for meeting in meetings:
        calendar.add_component(_event(meeting, stamp=stamp, base_url=base_url))
    # Every time is in Stockholm time (and X-WR-TIMEZONE names it even without events), so
    # the zone is always defined, before the events that refer to it.
    calendar.subcomponents.insert(0, stockholm_vtimezone())
    return calendar.to_ical()


def meeting_invitation(*, meeting, attendee_email: str, attendee_name: str, base_url: str) -> bytes:
    """An invitation (iTIP, RFC 5546) to one person: METHOD:REQUEST, or CANCEL for a
    cancelled meeting, so Outlook and Google Calendar add, move or remove the event.

    The UID is the feeds' own, so a subscribed calendar and the invitation are one event;
    SEQUENCE grows with each change (``meeting_update``), so the newer invitation wins. The
    organizer is the portal's sender address, and no reply is asked for: the portal does not
    read answers.
    """
    method = "CANCEL" if meeting.cancelled else "REQUEST"
    calendar = _calendar(method)
    event = _event(meeting, stamp=timezone.now(), base_url=base_url)
    organizer_name, organizer_email = parseaddr(settings.DEFAULT_FROM_EMAIL)
    organizer = vCalAddress(f"mailto:{organizer_email}")
    organizer.params["cn"] = vText(organizer_name or "Samverkansportalen")
    event.add("organizer", organizer)
    attendee = vCalAddress(f"mailto:{attendee_email}")
    if attendee_name:
        attendee.params["cn"] = vText(attendee_name)
    attendee.params["role"] = vText("REQ-PARTICIPANT")
    attendee.params["partstat"] = vText("NEEDS-ACTION")
    attendee.params["rsvp"] = vText("FALSE")
    event.add("attendee", attendee)
    calendar.add_component(event)
    calendar.subcomponents.insert(0, stockholm_vtimezone())
    return calendar.to_ical()
