"""Kartläggning: statistics snapshots with their programme figures, and labour demand."""

from django.urls import reverse
from rest_framework import serializers

from indicators.models import (
    LabourDemandRow,
    LabourDemandSnapshot,
    ProgrammeFigure,
    StatisticsSnapshot,
)
from indicators.statistics.computations import FIGURE_FIELDS


class MunicipalitySerializer(serializers.Serializer):
    id = serializers.IntegerField(source="pk")
    name = serializers.CharField()
    municipality_code = serializers.CharField()
    organisation_number = serializers.CharField()


class ProgrammeFigureSerializer(serializers.ModelSerializer):
    class Meta:
        model = ProgrammeFigure
        fields = ["programme", *FIGURE_FIELDS]


class StatisticsSnapshotSerializer(serializers.ModelSerializer):
    municipality = MunicipalitySerializer()
    figures = ProgrammeFigureSerializer(many=True)
    web_url = serializers.CharField(source="get_absolute_url")

    class Meta:
        model = StatisticsSnapshot
        fields = [
            "id",
            "municipality",
            "measured_on",
            "population",
            "population_on",
            "population_note",
            "source_note",
            "comment",
            "figures",
            "updated_at",
            "web_url",
        ]


class LabourDemandRowSerializer(serializers.ModelSerializer):
    class Meta:
        model = LabourDemandRow
        fields = ["area", "jobs", "ads"]


class LabourDemandSerializer(serializers.ModelSerializer):
    municipality = MunicipalitySerializer()
    rows = LabourDemandRowSerializer(many=True)
    web_url = serializers.SerializerMethodField()

    class Meta:
        model = LabourDemandSnapshot
        fields = [
            "id",
            "municipality",
            "measured_on",
            "source_note",
            "rows",
            "updated_at",
            "web_url",
        ]

    def get_web_url(self, snapshot) -> str:
        return reverse("statistics:demand_detail", kwargs={"demand_pk": snapshot.pk})
