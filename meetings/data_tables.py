"""Groups, meetings and jobbspår as data tables for CSV and XLSX (samverkan.tables), each only
for what the user may see. Minutes and decisions are exported once approved, as the pages
show them to the parties."""

from django.db.models import Count
from django.utils.translation import gettext_lazy as _

from agreements.data_tables import agreement_columns
from agreements.models import document_fields
from samverkan.tables import Column, Table, register

from .models import Group, JobTrack, Meeting


def _narrow(rows, agreement, path="agreement"):
    return rows if agreement is None else rows.filter(**{path: agreement})


def _group_rows(user, agreement=None):
    return (
        _narrow(Group.objects.visible_to(user), agreement)
        .select_related("agreement", "convener")
        .defer(*document_fields("agreement__"))
        .annotate(member_count=Count("members", distinct=True))
        .order_by("agreement_id", "position", "pk")
    )


def _meeting_rows(user, agreement=None):
    return (
        _narrow(Meeting.objects.visible_to(user), agreement, "group__agreement")
        .select_related("group__agreement")
        .defer(*document_fields("group__agreement__"))
        .order_by("group__agreement_id", "group_id", "starts_at", "pk")
    )


def _track_rows(user, agreement=None):
    return (
        _narrow(JobTrack.objects.visible_to(user), agreement)
        .select_related("agreement", "workplace_municipality")
        .defer(*document_fields("agreement__"))
        .order_by("agreement_id", "pk")
    )


GROUPS = Table(
    key="grupper",
    title=_("Samverkansgrupper"),
    position=60,
    rows=_group_rows,
    columns=(
        *agreement_columns("agreement"),
        Column(_("Grupp, id"), lambda g: g.pk),
        Column(_("Namn"), lambda g: g.name),
        Column(_("Nivå"), lambda g: g.get_tier_display()),
        Column(_("Sammankallande"), lambda g: g.convener.name if g.convener else ""),
        Column(_("Mötesrytm"), lambda g: g.rhythm_display),
        Column(_("Antal ledamöter"), lambda g: g.member_count),
        Column(_("Inrättad"), lambda g: g.established_on),
        Column(_("Uppdrag"), lambda g: g.mandate),
    ),
)


def _approved(meeting, text):
    return text if meeting.minutes_approved_at else ""


MEETINGS = Table(
    key="moten",
    title=_("Möten"),
    position=70,
    rows=_meeting_rows,
    columns=(
        *agreement_columns("group", "agreement"),
        Column(_("Grupp"), lambda m: m.group.name),
        Column(_("Möte, id"), lambda m: m.pk),
        Column(_("Börjar"), lambda m: m.starts_at),
        Column(_("Slutar"), lambda m: m.ends_at),
        Column(_("Plats"), lambda m: m.location),
        Column(_("Inställt"), lambda m: m.cancelled),
        Column(_("Dagordning"), lambda m: m.agenda),
        Column(_("Protokollet justerat"), lambda m: m.minutes_approved_at),
        Column(_("Protokoll (när justerat)"), lambda m: _approved(m, m.minutes)),
        Column(_("Beslut (när justerat)"), lambda m: _approved(m, m.decisions)),
    ),
)

TRACKS = Table(
    key="jobbspar",
    title=_("Jobbspår"),
    position=80,
    rows=_track_rows,
    columns=(
        *agreement_columns("agreement"),
        Column(_("Jobbspår, id"), lambda t: t.pk),
        Column(_("Namn"), lambda t: t.name),
        Column(_("Arbetsgivare"), lambda t: t.employer),
        Column(_("Yrkesområde"), lambda t: t.occupational_area),
        Column(
            _("Anställningsort"),
            lambda t: t.workplace_municipality.name if t.workplace_municipality else "",
        ),
        Column(_("Utbildningsanordnare"), lambda t: t.training_provider),
        Column(_("Status"), lambda t: t.get_status_display()),
        Column(_("Start"), lambda t: t.start_date),
        Column(_("Slut"), lambda t: t.end_date),
        Column(_("Planerade platser"), lambda t: t.planned_places),
        Column(_("Påbörjat, totalt"), lambda t: t.started_total),
        Column(_("Påbörjat, kvinnor"), lambda t: t.started_women),
        Column(_("Påbörjat, män"), lambda t: t.started_men),
        Column(_("Fullföljt, totalt"), lambda t: t.completed_total),
        Column(_("Fullföljt, kvinnor"), lambda t: t.completed_women),
        Column(_("Fullföljt, män"), lambda t: t.completed_men),
        Column(_("Anställda efteråt, totalt"), lambda t: t.employed_total),
        Column(_("Anställda efteråt, kvinnor"), lambda t: t.employed_women),
        Column(_("Anställda efteråt, män"), lambda t: t.employed_men),
        Column(_("Påhittade demovärden"), lambda t: t.outcomes_are_demo),
    ),
)


def register_tables():
    for table in (GROUPS, MEETINGS, TRACKS):
        register(table)
