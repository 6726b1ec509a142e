"""Jobbspår: the list with the employment share against the goal, one track, editing."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _

from agreements.models import Agreement
from samverkan.concurrency import EditConflict, list_fingerprint, list_save_guarded
from samverkan.paging import page_of

from ..access import (
    get_agreement_for_writing,
    get_editable_job_track,
    get_visible_job_track,
)
from ..forms.jobtracks import CompetenceTeamFormSet, JobTrackForm
from ..models import EMPLOYMENT_GOAL_PERCENT, JobTrack
from ..models.jobtracks import employment_share
from .agreement_filter import AgreementFilter


def goal_status(employed, completed) -> dict:
    """The share employed against the 80 % goal, as text and icon (never colour alone)."""
    share = employment_share(employed, completed)
    if share is None:
        return {"share": None, "met": None, "label": _("Ingen har fullföljt ännu")}
    met = share >= EMPLOYMENT_GOAL_PERCENT
    return {
        "share": share,
        "met": met,
        "label": _("Målet nått") if met else _("Under målet"),
    }


SUMMARY_ROWS_PER_PAGE = 25
TRACKS_PER_PAGE = 25
WRITABLE_LINKS = 10


def summary_rows(request, tracks, totals):
    """Per agreement and per municipality: grouped in the database, a page of each, counted
    by ``outcome_totals`` (a COUNT of the grouped rows would group every track again)."""
    result = []
    for rows, count, param in (
        (tracks.outcomes_by_agreement(), totals["agreements"], "sida_avtal"),
        (tracks.outcomes_by_municipality(), totals["municipalities"], "sida_kommun"),
    ):
        page, query = page_of(
            request, rows, per_page=SUMMARY_ROWS_PER_PAGE, param=param, count=count
        )
        page.object_list = [
            {**row, "goal": goal_status(row["employed"], row["completed"])} for row in page
        ]
        result.append((page, query, param))
    return result


# The columns the list shows: the agreement's long texts stay in the database.
TRACK_LIST_FIELDS = (
    "pk",
    "name",
    "outcomes_are_demo",
    "agreement__title",
    "employer",
    "workplace_municipality__name",
    "workplace_note",
    "status",
    "planned_places",
    "completed_total",
    "employed_total",
)


@login_required
def job_track_list(request):
    agreement_filter = AgreementFilter.from_request(request)
    visible_agreements = Agreement.objects.visible_to(request.user)
    tracks = JobTrack.objects.visible_to(request.user).filter(
        agreement_filter.condition("agreement__")
    )
    totals = tracks.outcome_totals()
    per_agreement, per_municipality = summary_rows(request, tracks, totals)
    page, query = page_of(
        request,
        tracks.select_related("agreement", "workplace_municipality")
        .only(*TRACK_LIST_FIELDS)
        .order_by("agreement__title", "name", "pk"),
        per_page=TRACKS_PER_PAGE,
        count=totals["tracks"],
    )
    writable = (
        visible_agreements.filter(agreement_filter.condition()).order_by("title", "pk")
        if request.user.may_write
        else Agreement.objects.none()
    )
    # Links for at most ten agreements; with more, the filter picks the agreement first.
    writable = list(writable.only("pk", "title")[: WRITABLE_LINKS + 1])
    selected_title = None
    if agreement_filter.selected:
        selected_title = (
            visible_agreements.filter(pk=agreement_filter.selected)
            .values_list("title", flat=True)
            .first()
        )
    return render(
        request,
        "meetings/jobtrack_list.html",
        {
            "tracks": page,
            "page": page,
            "query": query,
            "totals": totals,
            "total_goal": goal_status(totals["employed_total"], totals["completed_total"]),
            "summaries": [
                (_("Per överenskommelse"), *per_agreement, _("Överenskommelse")),
                (_("Per anställningskommun"), *per_municipality, _("Kommun")),
            ],
            "goal_percent": EMPLOYMENT_GOAL_PERCENT,
            "writable_agreements": writable[:WRITABLE_LINKS],
            "more_writable": len(writable) > WRITABLE_LINKS,
            "agreement_filter": agreement_filter.context(selected_title),
        },
    )


@login_required
def job_track_detail(request, pk):
    track = get_visible_job_track(
        request.user,
        pk,
        JobTrack.objects.select_related("agreement", "workplace_municipality").prefetch_related(
            "team_members"
        ),
    )
    return render(
        request,
        "meetings/jobtrack_detail.html",
        {
            "track": track,
            "goal": goal_status(track.employed_total, track.completed_total),
            "goal_percent": EMPLOYMENT_GOAL_PERCENT,
            "can_edit": request.user.may_write,
        },
    )


@login_required
def job_track_create(request, agreement_pk):
    agreement = get_agreement_for_writing(request.user, agreement_pk)
    form = JobTrackForm(
        request.POST or None, agreement=agreement, instance=JobTrack(agreement=agreement)
    )
    if request.method == "POST" and form.is_valid() and form.save_guarded():
        messages.success(request, _("Jobbspåret är skapat."))
        return redirect(form.instance)
    return render(request, "meetings/jobtrack_form.html", {"form": form, "agreement": agreement})


@login_required
def job_track_edit(request, pk):
    track = get_editable_job_track(request.user, pk, JobTrack.objects.select_related("agreement"))
    form = JobTrackForm(request.POST or None, agreement=track.agreement, instance=track)
    if request.method == "POST" and form.is_valid() and form.save_guarded():
        messages.success(request, _("Jobbspåret är sparat."))
        return redirect(track)
    return render(
        request,
        "meetings/jobtrack_form.html",
        {"form": form, "agreement": track.agreement, "track": track},
    )


@login_required
def job_track_team(request, pk):
    track = get_editable_job_track(request.user, pk, JobTrack.objects.select_related("agreement"))
    formset = CompetenceTeamFormSet(request.POST or None, instance=track, prefix="team")
    base = request.POST.get("base_fingerprint", "") if request.method == "POST" else None
    conflict = False
    if request.method == "POST" and formset.is_valid():
        try:
            list_save_guarded(parent=track, formset=formset, base_fingerprint=base)
        except EditConflict:
            conflict = True
        else:
            messages.success(request, _("Kompetensteamet är sparat."))
            return redirect(track)
    stored = formset.model.objects.filter(job_track=track)
    return render(
        request,
        "meetings/jobtrack_team.html",
        {
            "track": track,
            "formset": formset,
            "conflict": conflict,
            "current_rows": stored if conflict else None,
            "base_fingerprint": list_fingerprint(stored) if base is None or conflict else base,
        },
    )
