from django.urls import path

from . import views

app_name = "history"

urlpatterns = [
    path("", views.admin_log, name="admin_log"),
    path("overenskommelse/<int:pk>/", views.agreement_history, name="agreement"),
]
