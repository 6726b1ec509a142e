from django.urls import path

from . import views

app_name = "reminders"

urlpatterns = [
    path("", views.notices, name="notices"),
    path("<int:pk>/", views.notice_open, name="notice_open"),
    path("lasta/", views.notices_read, name="notices_read"),
    path("installningar/", views.preferences, name="preferences"),
    path("alla/", views.admin_list, name="admin_list"),
    path("alla/<int:pk>/skicka-igen/", views.admin_resend, name="admin_resend"),
    path("alla/skicka-igen/", views.admin_resend_failed, name="admin_resend_failed"),
]
