"""The kinds of thing the search finds, each fetched through the same access rules as its
pages (``visible_to``), with the fields it is searched by and how a hit is shown."""

from collections.abc import Callable
from dataclasses import dataclass

from django.db.models import QuerySet
from django.utils.translation import gettext_lazy as _

from agreements.models import Agreement, AgreementTargetGroup, Appendix
from indicators.models import Goal, Indicator
from meetings.models import Group, JobTrack, Meeting


@dataclass(frozen=True)
class RelatedText:
    """Text of rows that belong to a hit and are shown with it (a goal's indicators): the
    hit is found by their words too."""

    model: type
    foreign_key: str
    field: str


@dataclass(frozen=True)
class SearchKind:
    """One kind of result: ``key`` is its name in the address (``?typ=jobbspar``)."""

    key: str
    label: str
    queryset: Callable[[object], QuerySet]
    # The field shown as the hit's heading (highlighted), or None: ``title`` names the hit.
    title_field: str | None
    body_fields: tuple[str, ...]
    url: Callable[[object], str]
    context: Callable[[object], str]
    title: Callable[[object], str] = str
    title_prefix: Callable[[object], str] = lambda obj: ""  # noqa: E731
    related: tuple[RelatedText, ...] = ()

    @property
    def fields(self) -> tuple[str, ...]:
        return ((self.title_field,) if self.title_field else ()) + self.body_fields


def _visible_agreement_ids(user):
    return Agreement.objects.visible_to(user).values("pk")


def _in_agreement(section: int):
    return lambda obj: f"{obj.agreement.get_absolute_url()}#avsnitt-{section}"


KINDS = (
    SearchKind(
        key="overenskommelser",
        label=_("Överenskommelser"),
        queryset=lambda user: Agreement.objects.visible_to(user),
        title_field="title",
        body_fields=(
            "diarienummer",
            "summary",
            "text_parties",
            "text_purpose",
            "text_target_groups",
            "text_goals",
            "text_organisation",
            "text_operations",
            "text_followup",
            "text_duration",
            "text_signatures",
        ),
        # Section 3's text includes each target group as the agreement describes it.
        related=(
            RelatedText(AgreementTargetGroup, "agreement", "heading"),
            RelatedText(AgreementTargetGroup, "agreement", "description"),
        ),
        url=lambda agreement: agreement.get_absolute_url(),
        context=lambda agreement: agreement.status_label,
    ),
    SearchKind(
        key="mal",
        label=_("Mål"),
        queryset=lambda user: Goal.objects.filter(
            agreement__in=_visible_agreement_ids(user)
        ).select_related("agreement"),
        title_field="title",
        body_fields=("description",),
        related=(RelatedText(Indicator, "goal", "name"),),
        url=_in_agreement(4),
        context=lambda goal: goal.agreement.title,
        title_prefix=lambda goal: f"{goal.number} " if goal.number else "",
    ),
    SearchKind(
        key="indikatorer",
        label=_("Indikatorer"),
        queryset=lambda user: Indicator.objects.filter(
            goal__agreement__in=_visible_agreement_ids(user)
        ).select_related("goal__agreement"),
        title_field="name",
        body_fields=("source_note", "baseline_label"),
        url=lambda indicator: f"{indicator.goal.agreement.get_absolute_url()}#avsnitt-4",
        context=lambda indicator: f"{indicator.goal.title} · {indicator.goal.agreement.title}",
    ),
    SearchKind(
        key="grupper",
        label=_("Samverkansgrupper"),
        queryset=lambda user: Group.objects.visible_to(user).select_related("agreement"),
        title_field="name",
        body_fields=("description", "mandate"),
        url=lambda group: group.get_absolute_url(),
        context=lambda group: group.agreement.title,
    ),
    SearchKind(
        key="moten",
        label=_("Möten"),
        queryset=lambda user: Meeting.objects.visible_to(user).select_related("group__agreement"),
        title_field=None,
        body_fields=("location", "agenda", "minutes", "decisions"),
        url=lambda meeting: meeting.get_absolute_url(),
        context=lambda meeting: meeting.group.agreement.title,
    ),
    SearchKind(
        key="jobbspar",
        label=_("Jobbspår"),
        queryset=lambda user: JobTrack.objects.visible_to(user).select_related("agreement"),
        title_field="name",
        body_fields=(
            "employer",
            "occupational_area",
            "training_provider",
            "training",
            "employment_from",
            "employment_note",
            "workplace_note",
        ),
        url=lambda track: track.get_absolute_url(),
        context=lambda track: track.agreement.title,
    ),
    SearchKind(
        key="bilagor",
        label=_("Bilagor"),
        queryset=lambda user: Appendix.objects.filter(
            agreement__in=_visible_agreement_ids(user)
        ).select_related("agreement"),
        title_field="title",
        body_fields=("text", "state_note"),
        url=lambda appendix: f"{appendix.agreement.get_absolute_url()}#bilagor",
        context=lambda appendix: appendix.agreement.title,
        title_prefix=lambda appendix: _("Bilaga %(label)s: ") % {"label": appendix.label},
    ),
)
KINDS_BY_KEY = {kind.key: kind for kind in KINDS}
