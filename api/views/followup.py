"""Goals, indicators, periods, measurements and reports of the agreements a user sees."""

import django_filters
from django.db.models import Prefetch

from agreements.models import Agreement
from indicators.models import (
    FollowUpPeriod,
    FollowUpReport,
    Goal,
    Indicator,
    Measurement,
    ReportEvent,
)

from ..filters import IdFilter, PartyFilter, UpdatedSinceFilter
from ..serializers.followup import (
    GoalSerializer,
    IndicatorSerializer,
    MeasurementSerializer,
    PeriodSerializer,
    ReportSerializer,
)
from .base import ReadOnlyApiViewSet


def visible_agreements(user):
    return Agreement.objects.visible_to(user).values("pk")


class InPeriodFilter(django_filters.FilterSet):
    """Rows of one follow-up period: by its id, or by year and half."""

    period = IdFilter(field_name="period_id", label="Uppföljningsperiodens id.")
    year = django_filters.NumberFilter(field_name="period__year", label="År.")
    half = django_filters.ChoiceFilter(
        field_name="period__half", choices=[(1, "1"), (2, "2")], label="Halvår (1 eller 2)."
    )


class GoalFilter(django_filters.FilterSet):
    agreement = IdFilter(field_name="agreement_id", label="Överenskommelsens id.")
    party = PartyFilter(field_name="agreement")

    class Meta:
        model = Goal
        fields = []


class GoalViewSet(ReadOnlyApiViewSet):
    """Overarching goals of the agreements the user sees."""

    serializer_class = GoalSerializer
    filterset_class = GoalFilter

    def visible_queryset(self, user):
        return Goal.objects.filter(agreement__in=visible_agreements(user)).select_related(
            "target_group"
        )


class IndicatorFilter(django_filters.FilterSet):
    agreement = IdFilter(field_name="goal__agreement_id", label="Överenskommelsens id.")
    goal = IdFilter(field_name="goal_id", label="Målets id.")
    party = PartyFilter(field_name="goal__agreement")

    class Meta:
        model = Indicator
        fields = []


class IndicatorViewSet(ReadOnlyApiViewSet):
    """Indicators of the goals, with unit, direction, baseline, target and source."""

    serializer_class = IndicatorSerializer
    filterset_class = IndicatorFilter

    def visible_queryset(self, user):
        return Indicator.objects.filter(
            goal__agreement__in=visible_agreements(user)
        ).select_related("goal", "responsible_party")


class PeriodFilter(django_filters.FilterSet):
    agreement = IdFilter(field_name="agreement_id", label="Överenskommelsens id.")
    party = PartyFilter(field_name="agreement")
    period = IdFilter(field_name="id", label="Uppföljningsperiodens id.")
    year = django_filters.NumberFilter(label="År.")
    half = django_filters.ChoiceFilter(choices=[(1, "1"), (2, "2")], label="Halvår (1 eller 2).")

    class Meta:
        model = FollowUpPeriod
        fields = []


class PeriodViewSet(ReadOnlyApiViewSet):
    """Half-year follow-up periods with their deadline and the state of their report."""

    serializer_class = PeriodSerializer
    filterset_class = PeriodFilter

    def visible_queryset(self, user):
        return FollowUpPeriod.objects.filter(agreement__in=visible_agreements(user)).select_related(
            "report"
        )


class MeasurementFilter(InPeriodFilter):
    agreement = IdFilter(field_name="period__agreement_id", label="Överenskommelsens id.")
    indicator = IdFilter(field_name="indicator_id", label="Indikatorns id.")
    party = PartyFilter(field_name="period__agreement")
    updated_since = UpdatedSinceFilter()

    class Meta:
        model = Measurement
        fields = []


class MeasurementViewSet(ReadOnlyApiViewSet):
    """Measurements (utfall): total, women, men and unknown, with their source."""

    serializer_class = MeasurementSerializer
    filterset_class = MeasurementFilter

    def visible_queryset(self, user):
        return Measurement.objects.filter(
            period__agreement__in=visible_agreements(user)
        ).select_related("period", "indicator")


class ReportFilter(InPeriodFilter):
    agreement = IdFilter(field_name="agreement_id", label="Överenskommelsens id.")
    party = PartyFilter(field_name="agreement")
    status = django_filters.ChoiceFilter(choices=FollowUpReport.Status.choices)
    updated_since = UpdatedSinceFilter()

    class Meta:
        model = FollowUpReport
        fields = []


class ReportViewSet(ReadOnlyApiViewSet):
    """Half-year reports with their review state and the steps of the review."""

    serializer_class = ReportSerializer
    filterset_class = ReportFilter

    def visible_queryset(self, user):
        return (
            FollowUpReport.objects.filter(agreement__in=visible_agreements(user))
            .select_related("period")
            .prefetch_related(
                Prefetch("events", queryset=ReportEvent.objects.select_related("user"))
            )
        )
