"""The groups' and meetings' kinds of reminder, registered with the core's reminder machinery.

- a group behind its rhythm: to the officials of its convening party, once per missed date;
- action items due tomorrow: to the officials of the owning organisation (the owner itself
  is free text), one reminder per meeting and person listing the items;
- the half-year follow-up, for the groups that carry it (seed 002, section 7): 30 and 7 days
  before the deadline and on the day to the operative group's convener; after the deadline,
  once, to the strategic group's convener (an escalation, which nobody can turn off).

``meetings`` may know ``indicators`` (both are wings over ``agreements``; indicators knows
nothing of meetings). Each ``plan`` makes a constant number of queries.
"""

from collections import defaultdict
from datetime import date, datetime, time, timedelta

from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from agreements.models import Agreement
from indicators.reminders import DUE_OFFSETS as FOLLOWUP_DUE_OFFSETS
from indicators.reminders import (
    OVERDUE_WINDOW_DAYS,
    due_occasion,
    missing_by_period,
    open_periods,
)
from samverkan.models import User
from samverkan.reminders.registry import (
    PlannedReminder,
    ReminderKind,
    Rendered,
    register_kind,
)

from .models import ActionItem, Group

GROUP_BEHIND = "meetings.group_behind"
ACTION_ITEMS_DUE = "meetings.action_items_due"
FOLLOWUP_CONVENER_DUE = "meetings.followup_convener_due"
FOLLOWUP_CONVENER_OVERDUE = "meetings.followup_convener_overdue"

ACTIVE_STATUSES = (Agreement.Status.IN_FORCE, Agreement.Status.UNDER_REVISION)


def _people(party_ids) -> dict[int, list[int]]:
    """Active officials and section chiefs of the parties."""
    people = defaultdict(list)
    for party_id, user_id in (
        User.objects.filter(
            party_id__in={p for p in party_ids if p},
            is_active=True,
            role__in=User.WRITER_ROLES,
        )
        .order_by("pk")
        .values_list("party_id", "pk")
    ):
        people[party_id].append(user_id)
    return people


def _day(value: date) -> str:
    return date_format(value, "j F Y")


def plan_groups_behind(today: date):
    end_of_today = timezone.make_aware(datetime.combine(today, time.max))
    groups = list(
        Group.objects.filter(agreement__status__in=ACTIVE_STATUSES, convener__isnull=False)
        .with_meeting_dates(end_of_today)
        .select_related("agreement")
    )
    behind = []
    for group in groups:
        status = group.rhythm_status(today=today, now=end_of_today)
        if status.is_behind and status.due:
            behind.append((group, status))
    people = _people(group.convener_id for group, _status in behind)
    for group, status in behind:
        yield PlannedReminder(
            target=group,
            occasion=f"{status.due.isoformat()}:behind",
            recipients=people.get(group.convener_id, []),
            context={
                "due": status.due.isoformat(),
                "last": timezone.localdate(status.last).isoformat() if status.last else None,
                "rhythm": str(group.rhythm_display),
            },
        )


def render_group_behind(reminder) -> Rendered:
    group = reminder.target
    context = reminder.context
    values = {
        "group": group.name,
        "agreement": group.agreement.title,
        "due": _day(date.fromisoformat(context["due"])),
        "rhythm": context["rhythm"],
    }
    body = (
        _(
            "%(group)s i ”%(agreement)s” ska träffas %(rhythm)s och borde ha haft ett möte "
            "senast %(due)s."
        )
        % values
    )
    if context.get("last"):
        body += " " + _("Senaste mötet var %(last)s.") % {
            "last": _day(date.fromisoformat(context["last"]))
        }
    return Rendered(
        subject=_("%(group)s ligger efter sin mötesrytm") % values,
        body=body + "\n\n" + _("Planera nästa möte i portalen."),
        link=group.get_absolute_url(),
    )


def plan_action_items_due(today: date):
    tomorrow = today + timedelta(days=1)
    items = list(
        ActionItem.objects.filter(
            done=False,
            due_date=tomorrow,
            meeting__group__agreement__status__in=ACTIVE_STATUSES,
        )
        .select_related("meeting__group")
        .order_by("meeting_id", "pk")
    )
    # Without an owning organisation, the group's convener sees to it.
    owner_party = {i.pk: i.owner_party_id or i.meeting.group.convener_id for i in items}
    people = _people(owner_party.values())
    grouped = defaultdict(list)
    for item in items:
        grouped[(item.meeting_id, owner_party[item.pk])].append(item)
    for (_meeting_id, party_id), meeting_items in grouped.items():
        if not party_id:
            continue
        yield PlannedReminder(
            target=meeting_items[0].meeting,
            occasion=f"{tomorrow.isoformat()}:-1d:{party_id}",
            recipients=people.get(party_id, []),
            context={
                "due": tomorrow.isoformat(),
                "group": meeting_items[0].meeting.group.name,
                "items": [{"description": i.description, "owner": i.owner} for i in meeting_items],
            },
        )


def render_action_items_due(reminder) -> Rendered:
    context = reminder.context
    values = {
        "group": context["group"],
        "due": _day(date.fromisoformat(context["due"])),
        "count": len(context["items"]),
    }
    lines = "\n".join(
        f"– {item['description']} ({_('ansvarig')}: {item['owner']})" for item in context["items"]
    )
    return Rendered(
        subject=_("Åtgärder från %(group)s ska vara klara i morgon") % values,
        body=_("%(count)s åtgärder från mötet i %(group)s ska vara klara %(due)s:") % values
        + "\n\n"
        + lines,
        link=reminder.target.get_absolute_url(),
    )


def _conveners_by_agreement(agreement_ids, tier) -> dict[int, list[Group]]:
    groups = defaultdict(list)
    for group in Group.objects.filter(
        agreement__in=set(agreement_ids), tier=tier, convener__isnull=False
    ):
        groups[group.agreement_id].append(group)
    return groups


def _plan_followup_for_conveners(periods, tier, occasion_for):
    missing = missing_by_period(periods)
    groups = _conveners_by_agreement((p.agreement_id for p in periods), tier)
    people = _people(g.convener_id for gs in groups.values() for g in gs)
    for period in periods:
        occasion = occasion_for(period)
        if occasion is None:
            continue
        for group in groups.get(period.agreement_id, []):
            yield PlannedReminder(
                target=period,
                occasion=occasion,
                recipients=people.get(group.convener_id, []),
                context={
                    "deadline": period.deadline.isoformat(),
                    "period": str(period.label) % {"year": period.year},
                    "agreement": period.agreement.title,
                    "group": group.name,
                    "missing": len(missing[period.pk]),
                },
            )


def plan_followup_convener_due(today: date):
    periods = open_periods(
        deadline__gte=today, deadline__lte=today + timedelta(days=max(FOLLOWUP_DUE_OFFSETS))
    )
    return _plan_followup_for_conveners(
        periods, Group.Tier.OPERATIVE, lambda p: due_occasion(p.deadline, today)
    )


def plan_followup_convener_overdue(today: date):
    periods = open_periods(
        deadline__lt=today, deadline__gte=today - timedelta(days=OVERDUE_WINDOW_DAYS)
    )
    return _plan_followup_for_conveners(
        periods, Group.Tier.STRATEGIC, lambda p: f"{p.deadline.isoformat()}:overdue"
    )


def _followup_values(reminder) -> dict:
    context = reminder.context
    return {
        "period": context["period"],
        "agreement": context["agreement"],
        "group": context["group"],
        "date": _day(date.fromisoformat(context["deadline"])),
        "missing": context["missing"],
    }


def render_followup_convener_due(reminder) -> Rendered:
    values = _followup_values(reminder)
    return Rendered(
        subject=_(
            "”%(agreement)s”, %(group)s: halvårsuppföljningen för %(period)s ska vara klar %(date)s"
        )
        % values,
        body=_(
            "Som sammankallande för %(group)s samordnar ni halvårsuppföljningen av "
            "”%(agreement)s” för %(period)s, som ska rapporteras senast %(date)s. "
            "%(missing)s indikatorer saknar ännu värde."
        )
        % values,
        link=reminder.target.agreement.get_absolute_url(),
    )


def render_followup_convener_overdue(reminder) -> Rendered:
    values = _followup_values(reminder)
    return Rendered(
        subject=_("”%(agreement)s”: halvårsuppföljningen för %(period)s är försenad") % values,
        body=_(
            "Halvårsuppföljningen av ”%(agreement)s” för %(period)s skulle ha rapporterats "
            "senast %(date)s och är inte inskickad; %(missing)s indikatorer saknar värde. Ni får "
            "detta som sammankallande för %(group)s."
        )
        % values,
        link=reminder.target.agreement.get_absolute_url(),
    )


def register():
    register_kind(
        ReminderKind(
            key=GROUP_BEHIND,
            label=gettext_lazy("En grupp som du sammankallar ligger efter sin mötesrytm"),
            optional=True,
            plan=plan_groups_behind,
            render=render_group_behind,
            order=30,
        )
    )
    register_kind(
        ReminderKind(
            key=ACTION_ITEMS_DUE,
            label=gettext_lazy("Åtgärder från möten som ska vara klara i morgon"),
            optional=True,
            plan=plan_action_items_due,
            render=render_action_items_due,
            order=31,
        )
    )
    register_kind(
        ReminderKind(
            key=FOLLOWUP_CONVENER_DUE,
            label=gettext_lazy(
                "Halvårsuppföljningen närmar sig (sammankallande för operativ grupp)"
            ),
            optional=True,
            plan=plan_followup_convener_due,
            render=render_followup_convener_due,
            order=13,
        )
    )
    register_kind(
        ReminderKind(
            key=FOLLOWUP_CONVENER_OVERDUE,
            label=gettext_lazy("Halvårsuppföljningen är försenad (sammankallande för styrgrupp)"),
            optional=False,
            plan=plan_followup_convener_overdue,
            render=render_followup_convener_overdue,
            order=14,
        )
    )
