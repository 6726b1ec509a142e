from django.contrib import admin
from django.contrib.auth import views as auth_views
from django.urls import include, path, register_converter

from . import second_factor, sso, views, views_parties
from .converters import TokenConverter

register_converter(TokenConverter, "token")

handler400 = "samverkan.security.bad_request"
handler500 = "samverkan.security.server_error"

urlpatterns = [
    path("", views.dashboard, name="dashboard"),
    path("konto/logga-in/", views.PortalLoginView.as_view(), name="login"),
    # Single sign-on (samverkan/sso.py): 404 unless OIDC_RP_CLIENT_ID is set.
    path("konto/sso/logga-in/", sso.SsoLoginView.as_view(), name="oidc_login"),
    path("konto/sso/svar/", sso.SsoCallbackView.as_view(), name="oidc_callback"),
    path("konto/tvastegs/aktivera/", second_factor.setup, name="second_factor_setup"),
    path("konto/tvastegs/verifiera/", second_factor.verify, name="second_factor_verify"),
    path("konto/logga-ut/", auth_views.LogoutView.as_view(), name="logout"),
    path(
        "konto/losenord/aterstall/",
        views.ThrottledPasswordResetView.as_view(),
        name="password_reset",
    ),
    path(
        "konto/losenord/aterstall/skickat/",
        auth_views.PasswordResetDoneView.as_view(),
        name="password_reset_done",
    ),
    path(
        "konto/losenord/aterstall/<uidb64>/<token>/",
        auth_views.PasswordResetConfirmView.as_view(),
        name="password_reset_confirm",
    ),
    path(
        "konto/losenord/aterstall/klart/",
        auth_views.PasswordResetCompleteView.as_view(),
        name="password_reset_complete",
    ),
    path(
        "konto/losenord/byt/",
        auth_views.PasswordChangeView.as_view(),
        name="password_change",
    ),
    path(
        "konto/losenord/byt/klart/",
        auth_views.PasswordChangeDoneView.as_view(),
        name="password_change_done",
    ),
    path("organisationer/", views_parties.party_list, name="party_list"),
    path("organisationer/ny/", views_parties.party_edit, name="party_create"),
    path("organisationer/<int:party_pk>/", views_parties.party_edit, name="party_edit"),
    path("overenskommelser/", include("agreements.urls")),
    path("uppfoljning/", include("indicators.urls")),
    path("", include("agreements.urls_public")),
    path("samverkan/", include("meetings.urls")),
    path("jobbspar/", include("meetings.urls_jobbspar")),
    path("paminnelser/", include("samverkan.reminders.urls")),
    path("historik/", include("history.urls")),
    path("", include("samverkan.about.urls")),
    path("", include("samverkan.accounts.urls")),
    path("", include("indicators.statistics.urls")),
    path("sok/", include("search.urls")),
    path("api/", include("api.urls")),
    path("konto/api-nycklar/", include("api.urls_account")),
    path("admin/", admin.site.urls),
]
