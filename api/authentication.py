"""API authentication: a personal token in ``Authorization: Bearer …``, or the browser
session (with CSRF for anything but reading, as DRF's SessionAuthentication does)."""

from django.utils.translation import gettext_lazy as _
from rest_framework import authentication, exceptions

from .services import api_token_authenticate


class BearerTokenAuthentication(authentication.BaseAuthentication):
    keyword = "Bearer"

    def authenticate(self, request):
        header = authentication.get_authorization_header(request).split()
        if not header or header[0].lower() not in (b"bearer", b"token"):
            return None
        if len(header) != 2:
            raise exceptions.AuthenticationFailed(_("Ogiltig API-nyckel."))
        try:
            raw = header[1].decode("ascii")
        except UnicodeError:
            raise exceptions.AuthenticationFailed(_("Ogiltig API-nyckel.")) from None
        token = api_token_authenticate(raw)
        if token is None:
            raise exceptions.AuthenticationFailed(_("API-nyckeln är okänd eller återkallad."))
        return token.user, token

    def authenticate_header(self, request):
        # A 401 (not a 403) for a missing or refused token.
        return 'Bearer realm="api"'
