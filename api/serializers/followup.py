"""Goals, indicators, follow-up periods, measurements and reports with their review state."""

from django.urls import reverse
from drf_spectacular.utils import extend_schema_field
from rest_framework import serializers

from indicators.forms import IndicatorForm
from indicators.models import (
    FollowUpPeriod,
    FollowUpReport,
    Goal,
    Indicator,
    Measurement,
    ReportEvent,
)


def report_url(agreement_id, year, half) -> str:
    return reverse(
        "indicators:report", kwargs={"agreement_pk": agreement_id, "year": year, "half": half}
    )


class GoalSerializer(serializers.ModelSerializer):
    target_group = serializers.CharField(source="target_group.name", allow_null=True)
    web_url = serializers.SerializerMethodField()

    class Meta:
        model = Goal
        fields = [
            "id",
            "agreement",
            "number",
            "title",
            "description",
            "target_group",
            "position",
            "web_url",
        ]

    def get_web_url(self, goal) -> str:
        return reverse("indicators:overview", kwargs={"agreement_pk": goal.agreement_id})


class IndicatorSerializer(serializers.ModelSerializer):
    agreement = serializers.IntegerField(source="goal.agreement_id")
    responsible_party = serializers.CharField(source="responsible_party.name", allow_null=True)
    web_url = serializers.SerializerMethodField()

    class Meta:
        model = Indicator
        # What a person writes of an indicator (its form), with its place and address.
        fields = ["id", "agreement", "goal", *IndicatorForm.Meta.fields, "web_url"]

    def get_web_url(self, indicator) -> str:
        return reverse("indicators:overview", kwargs={"agreement_pk": indicator.goal.agreement_id})


class PeriodSerializer(serializers.ModelSerializer):
    label = serializers.CharField()
    report_status = serializers.SerializerMethodField()
    web_url = serializers.SerializerMethodField()

    class Meta:
        model = FollowUpPeriod
        fields = [
            "id",
            "agreement",
            "year",
            "half",
            "label",
            "starts_on",
            "ends_on",
            "deadline",
            "report_status",
            "web_url",
        ]

    @extend_schema_field(
        serializers.ChoiceField(choices=FollowUpReport.Status.choices, allow_null=True)
    )
    def get_report_status(self, period):
        report = getattr(period, "report", None)
        return report.status if report is not None else None

    def get_web_url(self, period) -> str:
        return report_url(period.agreement_id, period.year, period.half)


class MeasurementSerializer(serializers.ModelSerializer):
    agreement = serializers.IntegerField(source="period.agreement_id")
    year = serializers.IntegerField(source="period.year")
    half = serializers.IntegerField(source="period.half")
    source = serializers.CharField(
        source="indicator.source", help_text="The indicator's data source."
    )
    web_url = serializers.SerializerMethodField()

    class Meta:
        model = Measurement
        fields = [
            "id",
            "agreement",
            "indicator",
            "period",
            "year",
            "half",
            "total",
            "women",
            "men",
            "unknown",
            "comment",
            "source",
            "source_note",
            "origin",
            "updated_at",
            "web_url",
        ]

    def get_web_url(self, measurement) -> str:
        period = measurement.period
        return report_url(period.agreement_id, period.year, period.half)


class ReportEventSerializer(serializers.ModelSerializer):
    by = serializers.SerializerMethodField()

    class Meta:
        model = ReportEvent
        fields = ["action", "by", "comment", "created_at"]

    def get_by(self, event) -> str:
        return str(event.user)


class ReportSerializer(serializers.ModelSerializer):
    year = serializers.IntegerField(source="period.year")
    half = serializers.IntegerField(source="period.half")
    status_label = serializers.CharField(source="get_status_display")
    is_locked = serializers.BooleanField()
    events = ReportEventSerializer(many=True, help_text="The review: submitted, approved…")
    web_url = serializers.SerializerMethodField()

    class Meta:
        model = FollowUpReport
        fields = [
            "id",
            "agreement",
            "period",
            "year",
            "half",
            "status",
            "status_label",
            "is_locked",
            "analysis",
            "submitted_at",
            "events",
            "updated_at",
            "web_url",
        ]

    def get_web_url(self, report) -> str:
        return report_url(report.agreement_id, report.period.year, report.period.half)
