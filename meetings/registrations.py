"""What meetings registers with the core and with agreements: section 5 of the agreement's
document and the panel beside it, dashboard widgets, reminder kinds, the scale seeder and the
demo loader. ``MeetingsConfig.ready`` calls ``register()``."""

from django.db.models import Count, Prefetch, Q
from django.utils import timezone

from agreements.registry import (
    AgreementPanel,
    DocumentPart,
    register_agreement_panel,
    register_document_part,
)

from . import copying, dashboard, data_tables, demo, notices, reminders, scale
from .models import Group, GroupMember, JobTrack, Meeting


def _groups(agreement):
    return (
        Group.objects.filter(agreement=agreement)
        .select_related("convener")
        .prefetch_related(Prefetch("members", queryset=GroupMember.objects.select_related("party")))
        .order_by("position", "pk")
    )


def groups_part_context(agreement) -> dict:
    return {"groups": list(_groups(agreement))}


def groups_snapshot(agreement) -> list[dict]:
    """Section 5's groups as plain data, for a frozen version of the agreement."""
    return [
        {
            "tier": group.tier,
            "tier_label": str(group.get_tier_display()),
            "name": group.name,
            "convener": group.convener.name if group.convener_id else None,
            "description": group.description,
            "mandate": group.mandate_tasks,
            "rhythm": {
                "kind": group.rhythm_kind,
                "count": group.rhythm_count,
                "count_max": group.rhythm_count_max,
                "quarter": group.rhythm_quarter,
                "note": group.rhythm_note,
                "text": str(group.rhythm_display),
            },
            "members": [
                {"role_title": member.role_title, "organisation": member.organisation}
                for member in group.members.all()
            ],
        }
        for group in _groups(agreement)
    ]


def agreement_panel_context(request, agreement) -> dict:
    now = timezone.now()
    counts = Group.objects.filter(agreement=agreement).aggregate(groups=Count("pk"))
    tracks = JobTrack.objects.filter(agreement=agreement).aggregate(
        tracks=Count("pk"), ongoing=Count("pk", filter=Q(status=JobTrack.Status.ONGOING))
    )
    next_meeting = (
        Meeting.objects.filter(group__agreement=agreement, starts_at__gt=now, cancelled=False)
        .select_related("group")
        .order_by("starts_at")
        .first()
    )
    return {
        **counts,
        **tracks,
        "next_meeting": next_meeting,
        "can_edit": request.user.may_write,
    }


def register():
    copying.register()
    data_tables.register_tables()
    dashboard.register()
    demo.register()
    reminders.register()
    notices.register()
    scale.register()
    register_document_part(
        DocumentPart(
            key="meetings.groups",
            section=5,
            template_name="meetings/parts/section5_groups.html",
            context=groups_part_context,
            snapshot=groups_snapshot,
            snapshot_template_name="meetings/parts/section5_groups_snapshot.html",
            order=10,
        )
    )
    register_agreement_panel(
        AgreementPanel(
            key="meetings",
            template_name="meetings/parts/agreement_panel.html",
            context=agreement_panel_context,
            order=30,
        )
    )
