from django.urls import path

from .views import jobtracks

app_name = "jobbspar"

urlpatterns = [
    path("", jobtracks.job_track_list, name="list"),
    path("overenskommelse/<int:agreement_pk>/nytt/", jobtracks.job_track_create, name="create"),
    path("<int:pk>/", jobtracks.job_track_detail, name="detail"),
    path("<int:pk>/andra/", jobtracks.job_track_edit, name="edit"),
    path("<int:pk>/kompetensteam/", jobtracks.job_track_team, name="team"),
]
