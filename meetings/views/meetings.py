"""Meetings: planning, the page of one meeting, minutes, approval and corrections."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.db.models import Prefetch
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from samverkan.concurrency import form_submission_create_once

from ..access import get_editable_group, get_editable_meeting, get_visible_meeting
from ..forms.groups import ActionItemFormSet, MeetingCreateForm, MeetingForm, MinutesForm, NoteForm
from ..models import ActionItem, Group, GroupMember, Meeting, MinutesNote
from ..services import (
    MinutesLockedError,
    action_item_set_done,
    action_items_save,
    meeting_create,
    meeting_minutes_approve,
    meeting_note_add,
    meeting_update,
)


def _meeting_queryset():
    return Meeting.objects.select_related(
        "group", "group__agreement", "minutes_approved_by"
    ).prefetch_related(
        Prefetch("present_members", queryset=GroupMember.objects.select_related("party")),
        Prefetch("action_items", queryset=ActionItem.objects.select_related("owner_party")),
        Prefetch("notes", queryset=MinutesNote.objects.select_related("author")),
    )


@login_required
def meeting_create_view(request, group_pk):
    group = get_editable_group(request.user, group_pk, Group.objects.select_related("agreement"))
    form = MeetingCreateForm(request.POST or None, instance=Meeting(group=group))
    if request.method == "POST" and form.is_valid():
        data = {
            k: v
            for k, v in form.cleaned_data.items()
            if k not in ("base_fingerprint", "submission_key")
        }
        meeting, created = form_submission_create_once(
            key=form.cleaned_data["submission_key"],
            user=request.user,
            create=lambda: meeting_create(group=group, data=data),
        )
        if not created:
            messages.info(request, _("Formuläret var redan skickat; mötet finns här."))
            return redirect(meeting or group)
        messages.success(request, _("Mötet är planerat."))
        return redirect(meeting)
    return render(request, "meetings/meeting_form.html", {"form": form, "group": group})


@login_required
def meeting_detail(request, pk):
    meeting = get_visible_meeting(request.user, pk, _meeting_queryset())
    return render(
        request,
        "meetings/meeting_detail.html",
        {
            "meeting": meeting,
            "group": meeting.group,
            "can_edit": request.user.may_write,
            "note_form": NoteForm(),
        },
    )


def _refuse_locked(request, meeting):
    messages.error(request, MinutesLockedError().messages[0])
    return redirect(meeting)


@login_required
def meeting_edit(request, pk):
    meeting = get_editable_meeting(request.user, pk)
    if meeting.is_approved:
        return _refuse_locked(request, meeting)
    form = MeetingForm(request.POST or None, instance=meeting)
    if request.method == "POST" and form.is_valid():
        try:
            saved = meeting_update(meeting=meeting, form=form, user=request.user)
        except MinutesLockedError:
            return _refuse_locked(request, meeting)
        if saved:
            messages.success(request, _("Mötet är sparat."))
            return redirect(meeting)
    return render(
        request,
        "meetings/meeting_form.html",
        {"form": form, "group": meeting.group, "meeting": meeting},
    )


@login_required
def meeting_minutes(request, pk):
    """Attendance, minutes, decisions and action items, until the minutes are approved."""
    meeting = get_editable_meeting(
        request.user, pk, Meeting.objects.select_related("group", "group__agreement")
    )
    if meeting.is_approved:
        return _refuse_locked(request, meeting)
    form = MinutesForm(request.POST or None, instance=meeting)
    formset = ActionItemFormSet(
        request.POST or None,
        instance=meeting,
        prefix="atgarder",
        form_kwargs={"agreement": meeting.group.agreement},
    )
    if request.method == "POST" and form.is_valid() and formset.is_valid():
        try:
            saved = meeting_update(meeting=meeting, form=form, user=request.user)
            if saved:
                action_items_save(meeting=meeting, formset=formset, user=request.user)
        except MinutesLockedError:
            return _refuse_locked(request, meeting)
        if saved:
            messages.success(request, _("Närvaro och protokoll är sparade."))
            return redirect(meeting)
    return render(
        request,
        "meetings/meeting_minutes.html",
        {"form": form, "formset": formset, "meeting": meeting, "group": meeting.group},
    )


@login_required
@require_POST
def meeting_approve(request, pk):
    meeting = get_editable_meeting(request.user, pk)
    try:
        meeting_minutes_approve(meeting=meeting, user=request.user)
    except ValidationError as exc:
        messages.error(request, exc.messages[0])
    else:
        messages.success(request, _("Protokollet är justerat och låst."))
    return redirect(meeting)


@login_required
@require_POST
def meeting_note(request, pk):
    meeting = get_editable_meeting(request.user, pk, _meeting_queryset())
    form = NoteForm(request.POST)
    if form.is_valid():
        meeting_note_add(meeting=meeting, user=request.user, text=form.cleaned_data["text"])
        messages.success(request, _("Anteckningen är tillagd."))
        return redirect(f"{meeting.get_absolute_url()}#rattelser")
    return render(
        request,
        "meetings/meeting_detail.html",
        {"meeting": meeting, "group": meeting.group, "can_edit": True, "note_form": form},
    )


@login_required
@require_POST
def action_item_done(request, pk):
    item = get_object_or_404(
        ActionItem.objects.filter(meeting__in=Meeting.objects.editable_by(request.user)), pk=pk
    )
    action_item_set_done(item=item, done=request.POST.get("done") == "1")
    return redirect(f"{item.meeting.get_absolute_url()}#atgarder")
