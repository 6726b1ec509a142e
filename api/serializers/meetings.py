"""Collaboration groups, meetings (minutes only once approved) and jobbspår with outcomes."""

from drf_spectacular.utils import extend_schema_field
from rest_framework import serializers

from meetings.models import ActionItem, Group, GroupMember, JobTrack, Meeting


class GroupMemberSerializer(serializers.ModelSerializer):
    organisation = serializers.CharField()

    class Meta:
        model = GroupMember
        fields = ["role_title", "organisation", "position"]


class GroupSerializer(serializers.ModelSerializer):
    convener = serializers.CharField(source="convener.name", allow_null=True)
    tier_label = serializers.CharField(source="get_tier_display")
    mandate = serializers.ListField(child=serializers.CharField(), source="mandate_tasks")
    rhythm = serializers.CharField(source="rhythm_display")
    members = GroupMemberSerializer(many=True)
    web_url = serializers.CharField(source="get_absolute_url")

    class Meta:
        model = Group
        fields = [
            "id",
            "agreement",
            "tier",
            "tier_label",
            "name",
            "convener",
            "description",
            "mandate",
            "rhythm_kind",
            "rhythm",
            "established_on",
            "members",
            "updated_at",
            "web_url",
        ]


class ActionItemSerializer(serializers.ModelSerializer):
    class Meta:
        model = ActionItem
        fields = ["description", "owner", "due_date", "done"]


class MeetingSerializer(serializers.ModelSerializer):
    agreement = serializers.IntegerField(source="group.agreement_id")
    agenda = serializers.ListField(child=serializers.CharField(), source="agenda_items")
    minutes_approved = serializers.BooleanField(source="is_approved")
    minutes = serializers.SerializerMethodField()
    decisions = serializers.SerializerMethodField()
    action_items = ActionItemSerializer(many=True)
    web_url = serializers.CharField(source="get_absolute_url")

    class Meta:
        model = Meeting
        fields = [
            "id",
            "agreement",
            "group",
            "starts_at",
            "ends_at",
            "location",
            "cancelled",
            "agenda",
            "minutes_approved",
            "minutes_approved_at",
            "minutes",
            "decisions",
            "action_items",
            "updated_at",
            "web_url",
        ]

    # Minutes are a draft until approved (justerade): the API gives only approved ones.
    @extend_schema_field(serializers.CharField(allow_null=True))
    def get_minutes(self, meeting):
        return meeting.minutes if meeting.is_approved else None

    @extend_schema_field(serializers.ListField(child=serializers.CharField(), allow_null=True))
    def get_decisions(self, meeting):
        return meeting.decision_items if meeting.is_approved else None


class OutcomeSerializer(serializers.Serializer):
    total = serializers.IntegerField()
    women = serializers.IntegerField()
    men = serializers.IntegerField()


class OutcomesSerializer(serializers.Serializer):
    started = OutcomeSerializer()
    completed = OutcomeSerializer()
    employed = OutcomeSerializer()
    employment_share = serializers.FloatField(
        allow_null=True, help_text="Percent employed of those who completed."
    )
    invented_demo_values = serializers.BooleanField()


class JobTrackSerializer(serializers.ModelSerializer):
    workplace_municipality = serializers.CharField(
        source="workplace_municipality.name", allow_null=True
    )
    outcomes = serializers.SerializerMethodField()
    web_url = serializers.CharField(source="get_absolute_url")

    class Meta:
        model = JobTrack
        fields = [
            "id",
            "agreement",
            "name",
            "employer",
            "occupational_area",
            "employment_from",
            "employment_form",
            "workplace_municipality",
            "training_provider",
            "training",
            "planned_places",
            "status",
            "start_date",
            "end_date",
            "outcomes",
            "updated_at",
            "web_url",
        ]

    @extend_schema_field(OutcomesSerializer)
    def get_outcomes(self, track):
        stages = {
            stage: {part: getattr(track, f"{stage}_{part}") for part in ("total", "women", "men")}
            for stage in ("started", "completed", "employed")
        }
        return {
            **stages,
            "employment_share": track.employment_share,
            "invented_demo_values": track.outcomes_are_demo,
        }
