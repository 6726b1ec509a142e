"""Collaboration groups: the list, one group with its rhythm, and editing."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.db.models import BooleanField, Exists, ExpressionWrapper, OuterRef, Prefetch, Q
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _

from agreements.models import Agreement
from samverkan.concurrency import EditConflict, list_fingerprint, list_save_guarded
from samverkan.paging import page_of

from ..access import get_agreement_for_writing, get_editable_group, get_visible_group
from ..forms.groups import GroupForm, GroupMemberFormSet
from ..models import CalendarFeed, Group, GroupMember, Meeting
from .agreement_filter import AgreementFilter

# The columns the list shows: the long texts (description, mandate) stay in the database.
GROUP_LIST_FIELDS = (
    "pk",
    "agreement_id",
    "tier",
    "name",
    "convener__name",
    "rhythm_kind",
    "rhythm_count",
    "rhythm_count_max",
    "rhythm_quarter",
    "established_on",
    "created_at",
)


def group_list_queryset(user):
    return (
        Group.objects.visible_to(user)
        .with_meeting_dates()
        .select_related("convener")
        .only(*GROUP_LIST_FIELDS)
        .order_by("position", "pk")
    )


GROUP_AGREEMENTS_PER_PAGE = 10


@login_required
def group_list(request):
    """Groups by agreement, ten agreements a page: the rhythm of each shown group is computed
    from two annotated dates, so a page costs the same with 15 or 15,000 groups."""
    agreement_filter = AgreementFilter.from_request(request)
    agreements = (
        Agreement.objects.visible_to(request.user)
        .filter(Exists(Group.objects.filter(agreement=OuterRef("pk"))))
        .filter(agreement_filter.condition())
        .only("pk", "title")
        .order_by("title", "pk")
    )
    page, query = page_of(request, agreements, per_page=GROUP_AGREEMENTS_PER_PAGE)
    on_page = list(page)
    groups = group_list_queryset(request.user).filter(agreement__in=[a.pk for a in on_page])
    today = timezone.localdate()
    blocks: dict[int, dict] = {a.pk: {"agreement": a, "rows": []} for a in on_page}
    for group in groups:
        blocks[group.agreement_id]["rows"].append((group, group.rhythm_status(today=today)))
    selected_title = on_page[0].title if agreement_filter.selected and on_page else None
    return render(
        request,
        "meetings/group_list.html",
        {
            "blocks": list(blocks.values()),
            "agreement_filter": agreement_filter.context(selected_title),
            "page": page,
            "query": query,
        },
    )


# The meeting table's columns: the agenda and minutes themselves stay in the database.
MEETING_TABLE_FIELDS = (
    "pk",
    "starts_at",
    "cancelled",
    "location",
    "video_link",
    "minutes_approved_at",
)


@login_required
def group_detail(request, pk):
    queryset = Group.objects.with_meeting_dates().select_related("agreement", "convener")
    queryset = queryset.prefetch_related(
        Prefetch("members", queryset=GroupMember.objects.select_related("party", "user"))
    )
    group = get_visible_group(request.user, pk, queryset)
    meetings = list(
        Meeting.objects.filter(group=group)
        .only(*MEETING_TABLE_FIELDS)
        .annotate(has_minutes=ExpressionWrapper(~Q(minutes=""), output_field=BooleanField()))
        .order_by("-starts_at")
    )
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
            "can_edit": request.user.may_write,
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
    base = request.POST.get("base_fingerprint", "") if request.method == "POST" else None
    conflict = False
    if request.method == "POST" and formset.is_valid():
        try:
            list_save_guarded(parent=group, formset=formset, base_fingerprint=base)
        except EditConflict:
            conflict = True
        else:
            messages.success(request, _("Medlemmarna är sparade."))
            return redirect(group)
    stored = GroupMember.objects.filter(group=group)
    return render(
        request,
        "meetings/group_members.html",
        {
            "group": group,
            "formset": formset,
            "conflict": conflict,
            "current_rows": stored if conflict else None,
            "base_fingerprint": list_fingerprint(stored) if base is None or conflict else base,
        },
    )
