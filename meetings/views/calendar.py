"""The calendar: a month and a list of the meetings a user can see, and iCal feeds."""

import calendar as pycalendar
from datetime import date, datetime, time, timedelta

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.db.models import Count, Window
from django.db.models.functions import RowNumber, TruncDate
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import formats, timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_POST

from samverkan.paging import page_of
from samverkan.validators import EARLIEST_YEAR, LATEST_YEAR, id_param

from ..access import get_visible_group
from ..ical import meetings_calendar
from ..models import CalendarFeed, Group, Meeting
from ..services import calendar_feed_get_or_create, calendar_feed_renew

WEEKDAYS = [
    gettext_lazy(day)
    for day in ("måndag", "tisdag", "onsdag", "torsdag", "fredag", "lördag", "söndag")
]


def _month_from(request) -> date:
    today = timezone.localdate()
    try:
        year = int(request.GET.get("ar", today.year))
        month = int(request.GET.get("manad", today.month))
        # The portal's years: the month before and after must exist too.
        if not EARLIEST_YEAR <= year <= LATEST_YEAR:
            raise ValueError(year)
        return date(year, month, 1)
    except (TypeError, ValueError):
        return today.replace(day=1)


def _aware(day: date) -> datetime:
    return timezone.make_aware(datetime.combine(day, time.min))


MEETINGS_PER_DAY = 3
MEETINGS_PER_PAGE = 50


@login_required
def calendar_month(request):
    """A month, at most three meetings a day with the count of the rest linked to the day's
    list: an administrator sees thousands of meetings a month. One query for any count."""
    first = _month_from(request)
    weeks = pycalendar.Calendar(firstweekday=0).monthdatescalendar(first.year, first.month)
    start, end = weeks[0][0], weeks[-1][-1] + timedelta(days=1)
    in_range = Meeting.objects.visible_to(request.user).filter(
        starts_at__gte=_aware(start), starts_at__lt=_aware(end)
    )
    local_day = TruncDate("starts_at", tzinfo=timezone.get_current_timezone())
    # One pass over the month's meetings: each row carries its rank in the day and the day's
    # count, so the first three of each day also give the number of the rest.
    shown = (
        in_range.for_calendar()
        .annotate(
            day=local_day,
            rank=Window(RowNumber(), partition_by=[local_day], order_by=["starts_at", "pk"]),
            day_count=Window(Count("pk"), partition_by=[local_day]),
        )
        .filter(rank__lte=MEETINGS_PER_DAY)
    )
    by_day: dict[date, list] = {}
    counts: dict[date, int] = {}
    for meeting in shown:
        by_day.setdefault(meeting.day, []).append(meeting)
        counts[meeting.day] = meeting.day_count
    previous = (first - timedelta(days=1)).replace(day=1)
    following = (first + timedelta(days=32)).replace(day=1)
    return render(
        request,
        "meetings/calendar_month.html",
        {
            "month": first,
            "month_label": formats.date_format(first, "F Y"),
            "weekdays": WEEKDAYS,
            "weeks": [
                [
                    (
                        day,
                        day.month == first.month,
                        by_day.get(day, []),
                        counts.get(day, 0) - len(by_day.get(day, [])),
                    )
                    for day in week
                ]
                for week in weeks
            ],
            "today": timezone.localdate(),
            "has_meetings": any(day.month == first.month for day in counts),
            "previous": previous,
            "following": following,
        },
    )


def _day_from(request) -> date | None:
    try:
        return date.fromisoformat(request.GET.get("dag", ""))
    except ValueError:
        return None


@login_required
def calendar_list(request):
    """Coming (or earlier) meetings, or one day's, fifty a page."""
    past = request.GET.get("visa") == "tidigare"
    day = _day_from(request)
    now = timezone.now()
    meetings = Meeting.objects.visible_to(request.user).for_calendar()
    if day:
        meetings = meetings.filter(
            starts_at__gte=_aware(day), starts_at__lt=_aware(day + timedelta(days=1))
        )
    elif past:
        meetings = meetings.filter(starts_at__lte=now).order_by("-starts_at", "-pk")
    else:
        meetings = meetings.filter(starts_at__gt=now)
    page, query = page_of(request, meetings, per_page=MEETINGS_PER_PAGE)
    return render(
        request,
        "meetings/calendar_list.html",
        {"meetings": page, "page": page, "query": query, "past": past, "day": day},
    )


@login_required
def calendar_feeds(request):
    """The user's secret calendar addresses: all their groups, and each group on its own."""
    feed = CalendarFeed.objects.filter(user=request.user, group=None).first()
    groups = Group.objects.visible_to(request.user).select_related("agreement")
    group_feeds = {
        f.group_id: f for f in CalendarFeed.objects.filter(user=request.user, group__isnull=False)
    }
    return render(
        request,
        "meetings/calendar_feeds.html",
        {
            "feed": feed,
            "feed_url": request.build_absolute_uri(feed.get_absolute_url()) if feed else None,
            "groups": [
                (
                    group,
                    request.build_absolute_uri(group_feeds[group.pk].get_absolute_url())
                    if group.pk in group_feeds
                    else None,
                )
                for group in groups.order_by("agreement__title", "position", "pk")
            ],
        },
    )


@login_required
@require_POST
def calendar_feed_renew_view(request):
    """Create or renew an address; ``grupp`` names a group feed, none the user's own."""
    group = None
    if request.POST.get("grupp"):
        group_id = id_param(request.POST["grupp"])
        if group_id is None:
            raise Http404
        group = get_visible_group(request.user, group_id)
    existing = CalendarFeed.objects.filter(user=request.user, group=group).exists()
    if existing and request.POST.get("action") == "renew":
        calendar_feed_renew(user=request.user, group=group)
        messages.success(
            request, _("Adressen är förnyad. Den gamla adressen fungerar inte längre.")
        )
    else:
        calendar_feed_get_or_create(user=request.user, group=group)
        messages.success(request, _("Adressen är skapad."))
    return redirect("meetings:calendar_feeds")


def ical_feed(request, feed_token):
    """Public by its secret token: calendar programs cannot log in. The owner's access is
    checked on every fetch, so a user who leaves an organisation stops seeing its meetings."""
    feed = get_object_or_404(CalendarFeed.objects.select_related("user", "group"), token=feed_token)
    user = feed.user
    if not user.is_active:
        raise Http404
    groups = Group.objects.visible_to(user)
    if feed.group_id:
        if not groups.filter(pk=feed.group_id).exists():
            raise Http404
        meetings = Meeting.objects.filter(group_id=feed.group_id)
        name = feed.group.name
    else:
        meetings = Meeting.objects.filter(group__in=groups)
        name = _("Samverkansmöten")
    since = timezone.now() - timedelta(days=400)
    body = meetings_calendar(
        name=name,
        meetings=meetings.filter(starts_at__gte=since).select_related("group", "group__agreement"),
        base_url=request.build_absolute_uri("/"),
    )
    response = HttpResponse(body, content_type="text/calendar; charset=utf-8")
    response["Content-Disposition"] = 'inline; filename="samverkan.ics"'
    response["Cache-Control"] = "private, max-age=900"
    return response
