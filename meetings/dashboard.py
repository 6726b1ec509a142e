"""The dashboard widget (groups behind their rhythm, next meetings) and menu entries."""

from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from samverkan.dashboard import Widget, register_widget
from samverkan.navigation import NavItem, register_nav

from .models import Group, Meeting


def groups_behind(user, today=None, limit=10):
    """Visible groups behind their rhythm, most behind first: (the first ``limit`` with their
    rhythm status, how many in all). Two queries whatever the number of groups: which groups
    are behind, and by how much, is decided in the database (``Group.behind_rhythm``)."""
    today = today or timezone.localdate()
    # One pass over the groups' meetings: which are behind, most behind first (the count is
    # their number); then the first ``limit`` fetched by key.
    behind = list(
        Group.objects.visible_to(user).behind_rhythm(today=today).values_list("pk", flat=True)
    )
    first = Group.objects.select_related("agreement").with_meeting_dates().in_bulk(behind[:limit])
    rows = [(first[pk], first[pk].rhythm_status(today=today)) for pk in behind[:limit]]
    return rows, len(behind)


def meetings_widget(request):
    behind, behind_count = groups_behind(request.user)
    upcoming = (
        Meeting.objects.visible_to(request.user)
        .filter(starts_at__gt=timezone.now(), cancelled=False)
        .for_calendar()[:5]
    )
    if not behind and not upcoming:
        return None
    return {"behind": behind, "behind_count": behind_count, "upcoming": upcoming}


def register():
    register_widget(
        Widget(
            key="meetings",
            template_name="meetings/widgets/meetings.html",
            context=meetings_widget,
            order=30,
        )
    )
    register_nav(NavItem(label=_("Samverkansgrupper"), url_name="meetings:group_list", order=30))
    register_nav(NavItem(label=_("Kalender"), url_name="meetings:calendar", order=35))
    register_nav(NavItem(label=_("Jobbspår"), url_name="jobbspar:list", order=40))
