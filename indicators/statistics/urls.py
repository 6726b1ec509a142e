"""Kartläggning and Kolada pages (namespace ``statistics``)."""

from django.urls import path

from ..views import kolada
from . import views as statistics

app_name = "statistics"

urlpatterns = [
    path("kartlaggning/", statistics.snapshot_list, name="snapshot_list"),
    path("kartlaggning/ny/", statistics.snapshot_create, name="snapshot_create"),
    path("kartlaggning/<int:snapshot_pk>/", statistics.snapshot_detail, name="snapshot_detail"),
    path("kartlaggning/<int:snapshot_pk>/andra/", statistics.snapshot_edit, name="snapshot_edit"),
    path("kartlaggning/rekrytering/ny/", statistics.demand_create, name="demand_create"),
    path(
        "kartlaggning/rekrytering/<int:demand_pk>/",
        statistics.demand_detail,
        name="demand_detail",
    ),
    path(
        "kartlaggning/rekrytering/<int:demand_pk>/andra/",
        statistics.demand_edit,
        name="demand_edit",
    ),
    path(
        "overenskommelser/<int:agreement_pk>/kartlaggning/",
        statistics.agreement_comparison,
        name="comparison",
    ),
    path("kolada/", kolada.kolada_overview, name="kolada"),
    path("kolada/hamta/", kolada.kolada_import_start, name="kolada_import"),
    path("kolada/konflikter/", kolada.conflict_list, name="kolada_conflicts"),
    path(
        "kolada/konflikter/<int:conflict_pk>/avgor/",
        kolada.conflict_resolve,
        name="kolada_conflict_resolve",
    ),
    path(
        "overenskommelser/<int:agreement_pk>/kolada/",
        kolada.kolada_agreement,
        name="kolada_agreement",
    ),
]
