"""Collaboration groups and their seats travel to a new draft made from an agreement in force
(``agreements.copying``); their meetings and minutes stay with the old agreement."""

from agreements.registry import CopyStep, register_copy_step

from .models import Group, GroupMember

GROUP_FIELDS = (
    "tier",
    "name",
    "convener_id",
    "description",
    "mandate",
    "rhythm_kind",
    "rhythm_count",
    "rhythm_count_max",
    "rhythm_quarter",
    "rhythm_note",
    "position",
)
MEMBER_FIELDS = ("role_title", "party_id", "organisation_name", "user_id", "position")


def groups_copy(*, source, target) -> None:
    # The new groups' rhythm counts from when they are created: established_on is not copied.
    for group in Group.objects.filter(agreement=source).prefetch_related("members"):
        copy = Group.objects.create(
            agreement=target, **{field: getattr(group, field) for field in GROUP_FIELDS}
        )
        for member in group.members.all():
            GroupMember.objects.create(
                group=copy, **{field: getattr(member, field) for field in MEMBER_FIELDS}
            )


def register():
    register_copy_step(CopyStep(key="meetings.groups", copy=groups_copy, order=20))
