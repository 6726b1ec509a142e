"""The page API-nycklar under /konto/ (namespace ``api_tokens``)."""

from django.urls import path

from .views import tokens

app_name = "api_tokens"

urlpatterns = [
    path("", tokens.token_list, name="list"),
    path("<int:token_pk>/aterkalla/", tokens.token_revoke, name="revoke"),
]
