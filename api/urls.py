"""/api/v1/: the read-only JSON API."""

from django.urls import include, path, register_converter
from drf_spectacular.views import SpectacularJSONAPIView, SpectacularSwaggerSplitView
from rest_framework.routers import APIRootView, DefaultRouter

from .converters import ApiIdConverter
from .views.agreements import AgreementViewSet
from .views.followup import (
    GoalViewSet,
    IndicatorViewSet,
    MeasurementViewSet,
    PeriodViewSet,
    ReportViewSet,
)
from .views.meetings import GroupViewSet, JobTrackViewSet, MeetingViewSet
from .views.statistics import LabourDemandViewSet, StatisticsSnapshotViewSet

app_name = "api"
register_converter(ApiIdConverter, "api_id")


class ApiRootView(APIRootView):
    """The list of endpoints: readable by anyone, like the documentation."""

    public = True


router = DefaultRouter(trailing_slash=True, use_regex_path=False)
router.APIRootView = ApiRootView
router.include_format_suffixes = False
router.register("agreements", AgreementViewSet, basename="agreement")
router.register("goals", GoalViewSet, basename="goal")
router.register("indicators", IndicatorViewSet, basename="indicator")
router.register("periods", PeriodViewSet, basename="period")
router.register("measurements", MeasurementViewSet, basename="measurement")
router.register("reports", ReportViewSet, basename="report")
router.register("groups", GroupViewSet, basename="group")
router.register("meetings", MeetingViewSet, basename="meeting")
router.register("jobbspar", JobTrackViewSet, basename="jobtrack")
router.register("kartlaggning", StatisticsSnapshotViewSet, basename="statistics-snapshot")
router.register("rekryteringsbehov", LabourDemandViewSet, basename="labour-demand")

urlpatterns = [
    path("v1/openapi.json", SpectacularJSONAPIView.as_view(), name="openapi"),
    path(
        "v1/dokumentation/",
        SpectacularSwaggerSplitView.as_view(
            url_name="api:openapi", template_name="api/swagger_ui.html"
        ),
        name="docs",
    ),
    path("v1/", include(router.urls)),
]
