"""Collaboration groups: the list, one group with its rhythm, and editing."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.db import transaction
from django.db.models import Prefetch
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _

from agreements.models import Agreement
from samverkan.validators import id_param

from ..access import get_agreement_for_writing, get_editable_group, get_visible_group, may_write
from ..forms.groups import GroupForm, GroupMemberFormSet
from ..models import CalendarFeed, Group, GroupMember, Meeting


def group_list_queryset(user):
    return (
        Group.objects.visible_to(user)
        .with_meeting_dates()
        .select_related("agreement", "convener")
        .order_by("agreement__title", "position", "pk")
    )


@login_required
def group_list(request):
    groups = group_list_queryset(request.user)
    agreement_id = id_param(request.GET.get("overenskommelse"))
    agreements = (
        Agreement.objects.visible_to(request.user)
        .filter(collaboration_groups__isnull=False)
        .distinct()
        .order_by("title")
    )
    selected = None
    if agreement_id:
        groups = groups.filter(agreement_id=agreement_id)
        selected = agreement_id
    today = timezone.localdate()
    blocks: dict[int, dict] = {}
    for group in groups:
        block = blocks.setdefault(group.agreement_id, {"agreement": group.agreement, "rows": []})
        block["rows"].append((group, group.rhythm_status(today=today)))
    return render(
        request,
        "meetings/group_list.html",
        {"blocks": list(blocks.values()), "agreements": agreements, "selected": selected},
    )


@login_required
def group_detail(request, pk):
    queryset = Group.objects.with_meeting_dates().select_related("agreement", "convener")
    queryset = queryset.prefetch_related(
        Prefetch("members", queryset=GroupMember.objects.select_related("party", "user"))
    )
    group = get_visible_group(request.user, pk, queryset)
    meetings = list(Meeting.objects.filter(group=group).order_by("-starts_at"))
    now = timezone.now()
    feed = CalendarFeed.objects.filter(user=request.user, group=group).first()
    return render(
        request,
        "meetings/group_detail.html",
        {
            "group": group,
            "status": group.rhythm_status(),
            "upcoming": sorted(
                (m for m in meetings if m.starts_at > now), key=lambda m: m.starts_at
            ),
            "past": [m for m in meetings if m.starts_at <= now],
            "can_edit": may_write(request.user),
            "feed": feed,
        },
    )


@login_required
def group_create(request, agreement_pk):
    agreement = get_agreement_for_writing(request.user, agreement_pk)
    form = GroupForm(request.POST or None, agreement=agreement, instance=Group(agreement=agreement))
    if request.method == "POST" and form.is_valid() and form.save_guarded():
        messages.success(request, _("Gruppen är skapad. Lägg till medlemmarna."))
        return redirect("meetings:group_members", pk=form.instance.pk)
    return render(
        request, "meetings/group_form.html", {"form": form, "agreement": agreement, "group": None}
    )


@login_required
def group_edit(request, pk):
    group = get_editable_group(request.user, pk, Group.objects.select_related("agreement"))
    form = GroupForm(request.POST or None, agreement=group.agreement, instance=group)
    if request.method == "POST" and form.is_valid() and form.save_guarded():
        messages.success(request, _("Gruppen är sparad."))
        return redirect(group)
    return render(
        request,
        "meetings/group_form.html",
        {"form": form, "agreement": group.agreement, "group": group},
    )


@login_required
def group_members(request, pk):
    group = get_editable_group(request.user, pk, Group.objects.select_related("agreement"))
    formset = GroupMemberFormSet(
        request.POST or None,
        instance=group,
        prefix="medlemmar",
        form_kwargs={"agreement": group.agreement},
    )
    if request.method == "POST" and formset.is_valid():
        with transaction.atomic():
            Group.objects.select_for_update().get(pk=group.pk)
            formset.save()
        messages.success(request, _("Medlemmarna är sparade."))
        return redirect(group)
    return render(request, "meetings/group_members.html", {"group": group, "formset": formset})
