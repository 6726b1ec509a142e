"""iCalendar (RFC 5545) feeds of meetings, in Europe/Stockholm time with its VTIMEZONE."""

from datetime import timedelta
from zoneinfo import ZoneInfo

from django.conf import settings
from django.utils import timezone
from icalendar import Calendar, Event, Timezone

STOCKHOLM = ZoneInfo("Europe/Stockholm")
DEFAULT_LENGTH = timedelta(hours=1)


def _description(meeting) -> str:
    lines = []
    if meeting.agenda_items:
        lines.append("Dagordning:")
        lines.extend(f"- {item}" for item in meeting.agenda_items)
    if meeting.video_link:
        lines.append(f"Videomöte: {meeting.video_link}")
    lines.append(f"Överenskommelse: {meeting.group.agreement.title}")
    return "\n".join(lines)


def meetings_calendar(*, name: str, meetings, base_url: str) -> bytes:
    """One VEVENT per meeting; times carry TZID=Europe/Stockholm so calendar programs keep
    the local time across daylight-saving changes."""
    calendar = Calendar()
    calendar.add("prodid", "-//Samverkansportalen//Möten//SV")
    calendar.add("version", "2.0")
    calendar.add("calscale", "GREGORIAN")
    calendar.add("method", "PUBLISH")
    calendar.add("x-wr-calname", name)
    calendar.add("x-wr-timezone", settings.TIME_ZONE)
    stamp = timezone.now()
    for meeting in meetings:
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
        calendar.add_component(event)
    calendar.add_missing_timezones()
    # Without events nothing refers to the zone, but X-WR-TIMEZONE names it: keep it defined.
    if not any(isinstance(c, Timezone) for c in calendar.subcomponents):
        calendar.add_component(Timezone.from_tzinfo(STOCKHOLM, tzid=settings.TIME_ZONE))
    calendar.subcomponents.sort(key=lambda c: not isinstance(c, Timezone))
    return calendar.to_ical()
