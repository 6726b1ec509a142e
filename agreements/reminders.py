"""The agreements' kinds of reminder, registered with the core's reminder machinery.

- appendices whose planned date has passed and that are not yet established: to the
  officials of the responsible party, one reminder per agreement, party and date;
- an agreement due for review, by its next review date or, for the rule "minst en gång per
  mandatperiod", by the end of the municipal term of office: to the officials of every party.

Each ``plan`` makes three queries however many agreements there are.
"""

from collections import defaultdict
from datetime import date, timedelta

from django.db.models import Q
from django.utils.formats import date_format
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from samverkan.models import User
from samverkan.reminders.registry import (
    PlannedReminder,
    ReminderKind,
    Rendered,
    register_kind,
)

from .models import Agreement, AgreementParty, Appendix

APPENDIX_OVERDUE = "agreements.appendix_overdue"
REVIEW_DUE = "agreements.review_due"

# Days before the review date at which to remind; 0 is the day itself (and after it).
REVIEW_OFFSETS = (30, 0)
# A term of office is long and a revision takes political decisions: start earlier.
TERM_REVIEW_OFFSETS = (180, 30, 0)

# Swedish general elections are held in September every four years (2022, 2026, 2030, …);
# the new municipal councils' term of office starts on 15 October of the election year.
ELECTION_YEAR_BASE = 2022
TERM_START_MONTH_DAY = (10, 15)


def term_of_office(day: date) -> tuple[date, date]:
    """(first day, last day) of the municipal term of office that ``day`` falls in."""
    year = day.year - (day.year - ELECTION_YEAR_BASE) % 4
    start = date(year, *TERM_START_MONTH_DAY)
    if day < start:
        start = date(year - 4, *TERM_START_MONTH_DAY)
    return start, date(start.year + 4, *TERM_START_MONTH_DAY) - timedelta(days=1)


def is_per_term(rule: str) -> bool:
    return "mandatperiod" in (rule or "").lower()


def review_due_date(agreement: Agreement, today: date) -> tuple[date | None, tuple[int, ...]]:
    """The date the agreement must be reviewed by, and the reminder offsets for it.

    An explicit ``next_review_date`` wins. For "once per term of office", a term is covered
    by the agreement's adoption in it (``document_date`` or ``valid_from``, the later one), so
    the review is due by the end of the first term after that one; without any date, by the
    end of the current term.
    """
    return review_due(
        agreement.next_review_date,
        agreement.review_rule,
        agreement.document_date,
        agreement.valid_from,
        today,
    )


def review_due(
    next_review_date, review_rule, document_date, valid_from, today: date
) -> tuple[date | None, tuple[int, ...]]:
    """``review_due_date`` from the four columns it reads (a list computes it for thousands
    of rows without making an agreement of each)."""
    if next_review_date:
        return next_review_date, REVIEW_OFFSETS
    if not is_per_term(review_rule):
        return None, ()
    adopted = max((d for d in (document_date, valid_from) if d), default=None)
    if adopted is None:
        return term_of_office(today)[1], TERM_REVIEW_OFFSETS
    adopted_term_end = term_of_office(adopted)[1]
    return term_of_office(adopted_term_end + timedelta(days=1))[1], TERM_REVIEW_OFFSETS


def review_occasion(due: date, offsets: tuple[int, ...], today: date) -> str | None:
    """The one occasion that is current today: the nearest offset already reached."""
    for days in sorted(offsets):
        if today >= due - timedelta(days=days):
            return f"{due.isoformat()}:-{days}d" if days else f"{due.isoformat()}:0d"
    return None


def _people_by_party(party_ids) -> dict[int, list[int]]:
    """Active officials and section chiefs of the parties (administrators are not party)."""
    people = defaultdict(list)
    rows = User.objects.filter(
        party_id__in=set(party_ids),
        is_active=True,
        role__in=User.WRITER_ROLES,
    ).values_list("party_id", "pk")
    for party_id, user_id in rows.order_by("pk"):
        people[party_id].append(user_id)
    return people


def plan_overdue_appendices(today: date):
    """One reminder per agreement, responsible party and planned date, listing the appendices
    (the seeds plan several appendices for the same quarter: one mail, not seven)."""
    appendices = list(
        Appendix.objects.filter(
            due_date__lt=today,
            state__in=(Appendix.State.PLANNED, Appendix.State.TO_REVISE),
            responsible_party__isnull=False,
        )
        .exclude(agreement__status=Agreement.Status.ENDED)
        .select_related("agreement", "responsible_party")
        .order_by("agreement_id", "due_date", "number", "suffix")
    )
    people = _people_by_party(a.responsible_party_id for a in appendices)
    groups = defaultdict(list)
    for appendix in appendices:
        groups[(appendix.agreement_id, appendix.responsible_party_id, appendix.due_date)].append(
            appendix
        )
    for (_agreement_id, party_id, due), items in groups.items():
        yield PlannedReminder(
            target=items[0].agreement,
            occasion=f"{due.isoformat()}:appendices:{party_id}",
            recipients=people.get(party_id, []),
            context={
                "due_date": due.isoformat(),
                "party": items[0].responsible_party.name,
                "appendices": [
                    {"number": a.label, "title": a.title, "state": str(a.get_state_display())}
                    for a in items
                ],
            },
        )


def render_overdue_appendices(reminder) -> Rendered:
    agreement = reminder.target
    context = reminder.context
    items = context["appendices"]
    values = {
        "agreement": agreement.title,
        "date": date_format(date.fromisoformat(context["due_date"]), "j F Y"),
        "party": context["party"],
        "count": len(items),
    }
    if len(items) == 1:
        values.update(number=items[0]["number"], title=items[0]["title"])
        subject = (
            _("”%(agreement)s”: bilaga %(number)s ”%(title)s” skulle ha varit klar %(date)s")
            % values
        )
        intro = (
            _(
                "Bilaga %(number)s ”%(title)s” till ”%(agreement)s” planerades vara upprättad "
                "senast %(date)s men är inte markerad som upprättad. %(party)s är ansvarig part."
            )
            % values
        )
    else:
        subject = _("”%(agreement)s”: %(count)s bilagor skulle ha varit klara %(date)s") % values
        intro = (
            _(
                "%(count)s bilagor till ”%(agreement)s” planerades vara upprättade senast "
                "%(date)s men är inte markerade som upprättade. %(party)s är ansvarig part:"
            )
            % values
            + "\n\n"
            + "\n".join(
                f"– {_('Bilaga')} {a['number']} ”{a['title']}” ({a['state'].lower()})"
                for a in items
            )
        )
    return Rendered(
        subject=subject,
        body=intro + "\n\n" + _("Lägg in bilagorna eller nya planerade datum i portalen."),
        link=f"{agreement.get_absolute_url()}#bilagor",
    )


def plan_reviews(today: date):
    horizon = today + timedelta(days=max(TERM_REVIEW_OFFSETS))
    agreements = list(
        Agreement.objects.filter(status=Agreement.Status.IN_FORCE).filter(
            Q(next_review_date__lte=horizon)
            | Q(next_review_date__isnull=True, review_rule__icontains="mandatperiod")
        )
    )
    party_ids = defaultdict(list)
    for agreement_id, party_id in AgreementParty.objects.filter(
        agreement__in=[a.pk for a in agreements]
    ).values_list("agreement_id", "party_id"):
        party_ids[agreement_id].append(party_id)
    people = _people_by_party(p for ids in party_ids.values() for p in ids)
    for agreement in agreements:
        due, offsets = review_due_date(agreement, today)
        occasion = review_occasion(due, offsets, today) if due else None
        if occasion is None:
            continue
        recipients = [u for p in party_ids.get(agreement.pk, []) for u in people.get(p, [])]
        yield PlannedReminder(
            target=agreement,
            occasion=occasion,
            recipients=recipients,
            context={"due_date": due.isoformat(), "per_term": not agreement.next_review_date},
        )


def render_review(reminder) -> Rendered:
    agreement = reminder.target
    due = date.fromisoformat(reminder.context["due_date"])
    values = {"title": agreement.title, "date": date_format(due, "j F Y")}
    if reminder.context.get("per_term"):
        start, end = term_of_office(due)
        values["term"] = f"{start.year}–{end.year}"
        reason = (
            _(
                "Överenskommelsen ska revideras minst en gång per mandatperiod, och "
                "mandatperioden %(term)s slutar %(date)s."
            )
            % values
        )
    else:
        reason = _("Nästa revidering är planerad till %(date)s.") % values
    overdue = reminder.occasion.endswith(":0d")
    subject = (
        _("Dags att revidera ”%(title)s”")
        if overdue
        else _("”%(title)s” ska revideras senast %(date)s")
    ) % values
    return Rendered(
        subject=subject,
        body=reason
        + "\n\n"
        + _("Börja revideringen i portalen tillsammans med de andra parterna."),
        link=agreement.get_absolute_url(),
    )


def register():
    register_kind(
        ReminderKind(
            key=APPENDIX_OVERDUE,
            label=gettext_lazy("En bilaga är inte upprättad till sitt planerade datum"),
            optional=True,
            plan=plan_overdue_appendices,
            render=render_overdue_appendices,
            order=20,
        )
    )
    register_kind(
        ReminderKind(
            key=REVIEW_DUE,
            label=gettext_lazy("En överenskommelse ska revideras"),
            optional=True,
            plan=plan_reviews,
            render=render_review,
            order=21,
        )
    )
