"""Jobbspår: the list with the employment share against the goal, one track, editing."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.db import transaction
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _

from agreements.models import Agreement
from samverkan.validators import id_param

from ..access import (
    get_agreement_for_writing,
    get_editable_job_track,
    get_visible_job_track,
    may_write,
)
from ..forms.jobtracks import CompetenceTeamFormSet, JobTrackForm
from ..models import EMPLOYMENT_GOAL_PERCENT, JobTrack
from ..models.jobtracks import employment_share


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


def summary_rows(tracks):
    """Per agreement and per municipality: one aggregate query each, whatever the count."""
    result = []
    for rows in (tracks.outcomes_by_agreement(), tracks.outcomes_by_municipality()):
        result.append(
            [{**row, "goal": goal_status(row["employed"], row["completed"])} for row in rows]
        )
    return result


@login_required
def job_track_list(request):
    tracks = JobTrack.objects.visible_to(request.user)
    agreement_id = id_param(request.GET.get("overenskommelse"))
    if agreement_id:
        tracks = tracks.filter(agreement_id=agreement_id)
    per_agreement, per_municipality = summary_rows(tracks)
    totals = tracks.outcome_totals()
    return render(
        request,
        "meetings/jobtrack_list.html",
        {
            "tracks": tracks.select_related("agreement", "workplace_municipality").order_by(
                "agreement__title", "name", "pk"
            ),
            "totals": totals,
            "total_goal": goal_status(totals["employed_total"], totals["completed_total"]),
            "summaries": [
                (_("Per överenskommelse"), per_agreement, _("Överenskommelse")),
                (_("Per anställningskommun"), per_municipality, _("Kommun")),
            ],
            "goal_percent": EMPLOYMENT_GOAL_PERCENT,
            "writable_agreements": Agreement.objects.visible_to(request.user).order_by("title")
            if may_write(request.user)
            else [],
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
            "can_edit": may_write(request.user),
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
    if request.method == "POST" and formset.is_valid():
        with transaction.atomic():
            JobTrack.objects.select_for_update().get(pk=track.pk)
            formset.save()
        messages.success(request, _("Kompetensteamet är sparat."))
        return redirect(track)
    return render(request, "meetings/jobtrack_team.html", {"track": track, "formset": formset})
