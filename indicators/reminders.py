"""The follow-up's kinds of reminder, registered with the core's reminder machinery.

- the half-year follow-up is coming (30 and 7 days before the deadline, and on the day): to
  the officials of each indicator's responsible party, one reminder per person and period
  listing the indicators still without a value;
- the deadline has passed without a submitted report (an escalation, which nobody can turn
  off): once, to the section chiefs of the agreement's parties, naming what is missing;
- a report has waited more than 7 days for review: to the section chiefs.

The operative group's convener (before the deadline) and the strategic group's convener
(after it) are meetings' to remind: groups live there.

Each ``plan`` makes a constant number of queries however many agreements there are.
"""

from collections import defaultdict
from datetime import date, datetime, time, timedelta

from django.urls import reverse
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from agreements.models import Agreement, AgreementParty
from samverkan.models import User
from samverkan.reminders.registry import (
    PlannedReminder,
    ReminderKind,
    Rendered,
    register_kind,
)

from .models import FollowUpPeriod, FollowUpReport, Indicator, Measurement

FOLLOWUP_DUE = "indicators.followup_due"
FOLLOWUP_OVERDUE = "indicators.followup_overdue"
REPORT_WAITING = "indicators.report_waiting"

DUE_OFFSETS = (30, 7, 0)  # days before the deadline
# An escalation is sent the day after the deadline; a run that comes later than this (a new
# portal with old periods) does not escalate old history.
OVERDUE_WINDOW_DAYS = 30
REVIEW_WAIT_DAYS = 7

ACTIVE_STATUSES = (Agreement.Status.IN_FORCE, Agreement.Status.UNDER_REVISION)
DONE_REPORT_STATUSES = FollowUpReport.LOCKED_STATUSES


def due_occasion(deadline: date, today: date) -> str | None:
    """The one occasion current today: the nearest offset already reached, up to the day."""
    if today > deadline:
        return None
    for days in sorted(DUE_OFFSETS):
        if today >= deadline - timedelta(days=days):
            return f"{deadline.isoformat()}:-{days}d" if days else f"{deadline.isoformat()}:0d"
    return None


def open_periods(**deadline_filter) -> list[FollowUpPeriod]:
    """Periods of active agreements whose report is not yet submitted or approved."""
    return list(
        FollowUpPeriod.objects.filter(agreement__status__in=ACTIVE_STATUSES, **deadline_filter)
        .exclude(report__status__in=DONE_REPORT_STATUSES)
        .select_related("agreement")
        .order_by("deadline", "pk")
    )


def missing_by_period(periods) -> dict[int, list[Indicator]]:
    """period id -> the agreement's indicators without a value for that period."""
    agreement_ids = {p.agreement_id for p in periods}
    indicators = defaultdict(list)
    for indicator in Indicator.objects.filter(goal__agreement__in=agreement_ids).select_related(
        "goal"
    ):
        indicators[indicator.goal.agreement_id].append(indicator)
    valued = set(
        Measurement.objects.filter(period__in=periods, total__isnull=False).values_list(
            "period_id", "indicator_id"
        )
    )
    return {
        p.pk: [i for i in indicators[p.agreement_id] if (p.pk, i.pk) not in valued] for p in periods
    }


def _people(party_ids, roles) -> dict[int, list[int]]:
    people = defaultdict(list)
    for party_id, user_id in (
        User.objects.filter(party_id__in=set(party_ids), is_active=True, role__in=roles)
        .order_by("pk")
        .values_list("party_id", "pk")
    ):
        people[party_id].append(user_id)
    return people


def _section_chiefs_by_agreement(agreement_ids) -> dict[int, list[int]]:
    parties = defaultdict(list)
    for agreement_id, party_id in AgreementParty.objects.filter(
        agreement__in=set(agreement_ids)
    ).values_list("agreement_id", "party_id"):
        parties[agreement_id].append(party_id)
    chiefs = _people((p for ps in parties.values() for p in ps), (User.Role.SECTION_CHIEF,))
    return {a: [u for p in ps for u in chiefs.get(p, [])] for a, ps in parties.items()}


def _period_context(period, indicators) -> dict:
    return {
        "deadline": period.deadline.isoformat(),
        "period": str(period.label) % {"year": period.year},
        "agreement": period.agreement.title,
        "indicators": [i.name for i in indicators],
    }


def plan_followup_due(today: date):
    periods = open_periods(
        deadline__gte=today, deadline__lte=today + timedelta(days=max(DUE_OFFSETS))
    )
    missing = missing_by_period(periods)
    officials = _people(
        (i.responsible_party_id for ind in missing.values() for i in ind if i.responsible_party_id),
        User.WRITER_ROLES,
    )
    for period in periods:
        occasion = due_occasion(period.deadline, today)
        if occasion is None:
            continue
        by_person = defaultdict(list)
        for indicator in missing[period.pk]:
            for user_id in officials.get(indicator.responsible_party_id, []):
                by_person[user_id].append(indicator)
        for user_id, indicators in by_person.items():
            yield PlannedReminder(
                target=period,
                occasion=occasion,
                recipients=[user_id],
                context=_period_context(period, indicators),
            )


def _period_link(name: str, period) -> str:
    """The follow-up page of the period: entry before the deadline, the report after it."""
    return reverse(name, args=[period.agreement_id, period.year, period.half])


def _indicator_lines(context) -> str:
    return "\n".join(f"– {name}" for name in context["indicators"])


def render_followup_due(reminder) -> Rendered:
    context = reminder.context
    values = {
        "period": context["period"],
        "agreement": context["agreement"],
        "date": date_format(date.fromisoformat(context["deadline"]), "j F Y"),
        "count": len(context["indicators"]),
    }
    return Rendered(
        subject=_("”%(agreement)s”: halvårsuppföljningen för %(period)s ska vara klar %(date)s")
        % values,
        body=_(
            "Halvårsuppföljningen av ”%(agreement)s” för %(period)s ska rapporteras senast "
            "%(date)s. Du ansvarar för %(count)s indikatorer som ännu saknar värde:"
        )
        % values
        + "\n\n"
        + _indicator_lines(context),
        link=_period_link("indicators:entry", reminder.target),
    )


def plan_followup_overdue(today: date):
    periods = open_periods(
        deadline__lt=today, deadline__gte=today - timedelta(days=OVERDUE_WINDOW_DAYS)
    )
    missing = missing_by_period(periods)
    chiefs = _section_chiefs_by_agreement(p.agreement_id for p in periods)
    for period in periods:
        yield PlannedReminder(
            target=period,
            occasion=f"{period.deadline.isoformat()}:overdue",
            recipients=chiefs.get(period.agreement_id, []),
            context=_period_context(period, missing[period.pk]),
        )


def render_followup_overdue(reminder) -> Rendered:
    context = reminder.context
    values = {
        "period": context["period"],
        "agreement": context["agreement"],
        "date": date_format(date.fromisoformat(context["deadline"]), "j F Y"),
    }
    body = (
        _(
            "Halvårsuppföljningen av ”%(agreement)s” för %(period)s skulle ha rapporterats "
            "senast %(date)s och är inte inskickad."
        )
        % values
    )
    if context["indicators"]:
        body += "\n\n" + _("Indikatorer som saknar värde:") + "\n" + _indicator_lines(context)
    return Rendered(
        subject=_("”%(agreement)s”: halvårsuppföljningen för %(period)s är försenad") % values,
        body=body,
        link=_period_link("indicators:report", reminder.target),
    )


def plan_reports_waiting(today: date):
    # Submitted before the start of the day REVIEW_WAIT_DAYS ago: more than 7 days waiting.
    cutoff = timezone.make_aware(
        datetime.combine(today - timedelta(days=REVIEW_WAIT_DAYS), time.min)
    )
    reports = list(
        FollowUpReport.objects.filter(
            status=FollowUpReport.Status.SUBMITTED,
            submitted_at__lt=cutoff,
            agreement__status__in=ACTIVE_STATUSES,
        ).select_related("agreement", "period")
    )
    chiefs = _section_chiefs_by_agreement(r.agreement_id for r in reports)
    for report in reports:
        submitted = timezone.localdate(report.submitted_at)
        yield PlannedReminder(
            target=report,
            # A report sent back and submitted again waits anew.
            occasion=f"{submitted.isoformat()}:+{REVIEW_WAIT_DAYS}d",
            recipients=chiefs.get(report.agreement_id, []),
            context={
                "submitted": submitted.isoformat(),
                "period": str(report.period.label) % {"year": report.period.year},
                "agreement": report.agreement.title,
            },
        )


def render_report_waiting(reminder) -> Rendered:
    context = reminder.context
    values = {
        "period": context["period"],
        "agreement": context["agreement"],
        "date": date_format(date.fromisoformat(context["submitted"]), "j F Y"),
    }
    return Rendered(
        subject=_(
            "”%(agreement)s”: halvårsuppföljningen för %(period)s väntar på granskning sedan %(date)s"
        )
        % values,
        body=_(
            "Halvårsuppföljningen av ”%(agreement)s” för %(period)s skickades in %(date)s och "
            "väntar på att en sektionschef granskar den."
        )
        % values,
        link=_period_link("indicators:review", reminder.target.period),
    )


def register():
    register_kind(
        ReminderKind(
            key=FOLLOWUP_DUE,
            label=gettext_lazy("Halvårsuppföljningen närmar sig och indikatorer saknar värde"),
            optional=True,
            plan=plan_followup_due,
            render=render_followup_due,
            order=10,
        )
    )
    register_kind(
        ReminderKind(
            key=FOLLOWUP_OVERDUE,
            label=gettext_lazy("Halvårsuppföljningen är försenad (eskalering)"),
            optional=False,
            plan=plan_followup_overdue,
            render=render_followup_overdue,
            order=11,
        )
    )
    register_kind(
        ReminderKind(
            key=REPORT_WAITING,
            label=gettext_lazy("En halvårsuppföljning har väntat mer än 7 dagar på granskning"),
            optional=True,
            plan=plan_reports_waiting,
            render=render_report_waiting,
            order=12,
        )
    )
