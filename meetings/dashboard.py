"""The dashboard widget (groups behind their rhythm, next meetings) and menu entries."""

from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from samverkan.dashboard import Widget, register_widget
from samverkan.navigation import NavItem, register_nav

from .models import Group, Meeting


def groups_behind(user, today=None):
    """Visible groups behind their rhythm, most behind first. One query: the last and next
    meeting come annotated, the rhythm is computed in Python."""
    today = today or timezone.localdate()
    groups = Group.objects.visible_to(user).with_meeting_dates().select_related("agreement")
    rows = [(group, group.rhythm_status(today=today)) for group in groups]
    return sorted(((g, s) for g, s in rows if s.is_behind), key=lambda row: -row[1].behind_days)


def meetings_widget(request):
    behind = groups_behind(request.user)
    upcoming = (
        Meeting.objects.visible_to(request.user)
        .filter(starts_at__gt=timezone.now(), cancelled=False)
        .for_calendar()[:5]
    )
    if not behind and not upcoming:
        return None
    return {"behind": behind[:10], "behind_count": len(behind), "upcoming": upcoming}


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
