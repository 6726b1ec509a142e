"""Goals and indicators travel to a new draft made from an agreement in force
(``agreements.copying``); their measurements, periods and reports stay with the old one."""

from agreements.registry import CopyStep, register_copy_step

from .models import Goal, Indicator

INDICATOR_FIELDS = (
    "name",
    "unit",
    "direction",
    "baseline_value",
    "baseline_label",
    "target_value",
    "target_year",
    "source",
    "kolada_kpi",
    "source_note",
    "frequency",
    "responsible_party_id",
    "by_gender",
    "position",
)


def goals_copy(*, source, target) -> None:
    for goal in Goal.objects.filter(agreement=source).prefetch_related("indicators"):
        copy = Goal.objects.create(
            agreement=target,
            target_group_id=goal.target_group_id,
            number=goal.number,
            title=goal.title,
            description=goal.description,
            position=goal.position,
        )
        for indicator in goal.indicators.all():
            Indicator.objects.create(
                goal=copy, **{field: getattr(indicator, field) for field in INDICATOR_FIELDS}
            )


def register():
    register_copy_step(CopyStep(key="indicators.goals", copy=goals_copy, order=10))
