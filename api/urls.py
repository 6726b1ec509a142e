"""/api/v1/: the read-only JSON API."""

from django.urls import include, path
from rest_framework.routers import APIRootView, DefaultRouter

from .views.agreements import AgreementViewSet

app_name = "api"


class ApiRootView(APIRootView):
    """The list of endpoints: readable by anyone, like the documentation."""

    public = True


router = DefaultRouter(trailing_slash=True, use_regex_path=False)
router.APIRootView = ApiRootView
router.include_format_suffixes = False
router.register("agreements", AgreementViewSet, basename="agreement")

urlpatterns = [
    path("v1/", include(router.urls)),
]
