"""The models whose history an agreement's Historik page shows, and how each finds its
agreement.

The history room sits above the other rooms (docs/architecture.md), so it names their models
here; the agreement, indicators and meetings rooms know nothing of it. A source's rows are the
model's django-simple-history rows; ``for_agreement`` selects the rows of one agreement also
after the row or its parent was deleted (it follows the parents' history, not the live rows).
"""

from collections.abc import Callable
from dataclasses import dataclass
from functools import cache

from django.db.models import Q

from agreements.models import (
    Agreement,
    AgreementParty,
    AgreementTargetGroup,
    Appendix,
    Decision,
    Signatory,
)
from indicators.models import Goal, Indicator, Measurement
from meetings.models import CompetenceTeamMember, Group, GroupMember, JobTrack


@dataclass(frozen=True)
class Source:
    key: str
    model: type
    # (agreement pk) -> Q on the model's historical rows.
    for_agreement: Callable[[int], Q]
    # Path from a historical row to its agreement's pk through the live rows (for display).
    agreement_path: str
    # Fields that name a row ("Mål: Fler i arbete"); foreign keys are shown by name.
    title_fields: tuple[str, ...]
    order: int = 0

    @property
    def history_model(self):
        return self.model.history.model

    @property
    def label(self) -> str:
        return str(self.model._meta.verbose_name_plural).capitalize()


def _direct(pk: int) -> Q:
    return Q(agreement_id=pk)


def _goal_ids(pk: int):
    return Goal.history.filter(agreement_id=pk).values("id")


def _indicator_ids(pk: int):
    return Indicator.history.filter(goal_id__in=_goal_ids(pk)).values("id")


def _group_ids(pk: int):
    return Group.history.filter(agreement_id=pk).values("id")


def _job_track_ids(pk: int):
    return JobTrack.history.filter(agreement_id=pk).values("id")


SOURCES: tuple[Source, ...] = (
    Source("agreement", Agreement, lambda pk: Q(id=pk), "id", ("title",), 10),
    Source("party", AgreementParty, _direct, "agreement_id", ("party",), 20),
    Source("target_group", AgreementTargetGroup, _direct, "agreement_id", ("target_group",), 30),
    Source("signatory", Signatory, _direct, "agreement_id", ("name", "party"), 40),
    Source("appendix", Appendix, _direct, "agreement_id", ("title",), 50),
    Source("decision", Decision, _direct, "agreement_id", ("body", "decided_on"), 60),
    Source("goal", Goal, _direct, "agreement_id", ("title",), 70),
    Source(
        "indicator",
        Indicator,
        lambda pk: Q(goal_id__in=_goal_ids(pk)),
        "goal__agreement_id",
        ("name",),
        80,
    ),
    Source(
        "measurement",
        Measurement,
        lambda pk: Q(indicator_id__in=_indicator_ids(pk)),
        "indicator__goal__agreement_id",
        ("indicator", "period"),
        90,
    ),
    Source("group", Group, _direct, "agreement_id", ("name",), 100),
    Source(
        "group_member",
        GroupMember,
        lambda pk: Q(group_id__in=_group_ids(pk)),
        "group__agreement_id",
        ("role_title", "group"),
        110,
    ),
    Source("job_track", JobTrack, _direct, "agreement_id", ("name",), 120),
    Source(
        "job_track_member",
        CompetenceTeamMember,
        lambda pk: Q(job_track_id__in=_job_track_ids(pk)),
        "job_track__agreement_id",
        ("role", "organisation", "job_track"),
        130,
    ),
)


@cache
def sources_by_key() -> dict[str, Source]:
    return {source.key: source for source in SOURCES}
