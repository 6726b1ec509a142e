from django.urls import path

from . import views

app_name = "accounts"

urlpatterns = [
    path("anvandare/", views.my_organisation_users, name="my_users"),
    path("organisationer/<int:party_pk>/anvandare/", views.party_users, name="party_users"),
    path(
        "organisationer/<int:party_pk>/anvandare/bjud-in/",
        views.user_invite,
        name="user_invite",
    ),
    path("anvandare/<int:user_pk>/", views.user_detail, name="user_detail"),
    path(
        "anvandare/<int:user_pk>/<slug:action>/",
        views.user_action,
        name="user_action",
    ),
    path("konto/inbjudan/<token:token>/", views.invitation_accept, name="invitation_accept"),
]
