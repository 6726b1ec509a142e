"""Single sign-on with OpenID Connect (mozilla-django-oidc), off unless OIDC_RP_CLIENT_ID is set.

A municipality's or Arbetsförmedlingen's identity provider vouches for a person; the portal
lets them in only as an existing, active account with the same verified e-mail address. An
account is created from a login only for an organisation that has asked for it
(``Party.sso_create_accounts``) and owns the address's domain (``Party.sso_email_domains``).

mozilla-django-oidc checks the ID token's signature and nonce but neither its audience nor its
issuer, and lets an expired token escape as a server error; ``PortalOIDCBackend`` checks all
of them (with ``OIDC_CLOCK_LEEWAY``) and turns every refusal into a Swedish message on the
login page.
"""

import logging

import jwt
import requests
from django.conf import settings
from django.contrib import messages
from django.core.exceptions import SuspiciousOperation
from django.http import Http404
from django.urls import reverse
from django.utils.translation import gettext as _
from mozilla_django_oidc.auth import OIDCAuthenticationBackend
from mozilla_django_oidc.views import OIDCAuthenticationCallbackView, OIDCAuthenticationRequestView

from .models import Party, User

logger = logging.getLogger(__name__)

REFUSAL_ATTRIBUTE = "_sso_refusal"


def sso_enabled() -> bool:
    """Single sign-on is on when a client id is configured (see README, Configuration)."""
    return bool(getattr(settings, "OIDC_RP_CLIENT_ID", ""))


def _refuse(request, message: str) -> None:
    """Remember why the login was refused, for the callback view to show."""
    if request is not None:
        setattr(request, REFUSAL_ATTRIBUTE, message)


class SsoRefused(SuspiciousOperation):
    """A login the provider vouched for that the portal refuses; the message is Swedish."""


class PortalOIDCBackend(OIDCAuthenticationBackend):
    """Matches the provider's verified e-mail to an existing, active account."""

    def authenticate(self, request, **kwargs):
        try:
            return super().authenticate(request, **kwargs)
        except SsoRefused as exc:
            _refuse(request, str(exc))
        except (SuspiciousOperation, requests.RequestException) as exc:
            logger.warning("Single sign-on refused: %s", exc)
            _refuse(request, _("Inloggningen kunde inte bekräftas. Försök igen."))
        return None

    def get_or_create_user(self, access_token, id_token, payload):
        # The parent's authenticate turns SuspiciousOperation into None: note the reason first.
        try:
            return super().get_or_create_user(access_token, id_token, payload)
        except SsoRefused as exc:
            _refuse(self.request, str(exc))
            raise

    def _verify_jws(self, payload, key):
        """The signature, and the claims the library leaves unchecked: audience, issuer,
        expiry and issue time."""
        header = jwt.get_unverified_header(payload)
        if header.get("alg") != self.OIDC_RP_SIGN_ALGO:
            raise SuspiciousOperation(f"ID token algorithm {header.get('alg')!r} not allowed")
        try:
            return jwt.decode(
                payload,
                key,
                algorithms=[self.OIDC_RP_SIGN_ALGO],
                audience=self.OIDC_RP_CLIENT_ID,
                issuer=self.get_settings("OIDC_OP_ISSUER"),
                leeway=self.get_settings("OIDC_CLOCK_LEEWAY", 60),
                options={"require": ["exp", "iat", "aud", "iss", "sub"]},
            )
        except jwt.ExpiredSignatureError as exc:
            logger.warning("Single sign-on refused: expired ID token")
            raise SsoRefused(
                _("Inloggningen har gått ut. Logga in med organisationens inloggning igen.")
            ) from exc
        except jwt.InvalidTokenError as exc:
            raise SuspiciousOperation(f"ID token refused: {exc}") from exc

    def verify_claims(self, claims):
        if not claims.get("email"):
            raise SsoRefused(
                _(
                    "Organisationens inloggning lämnade ingen e-postadress. Kontakta din administratör."
                )
            )
        if claims.get("email_verified") is not True:
            raise SsoRefused(
                _(
                    "Din e-postadress %(email)s är inte bekräftad hos organisationens "
                    "inloggning, så den kan inte användas för att logga in."
                )
                % {"email": claims["email"]}
            )
        return True

    def filter_users_by_claims(self, claims):
        email = claims["email"].strip()
        users = list(User.objects.filter(email__iexact=email)[:2])
        if len(users) == 1 and not users[0].is_active:
            raise SsoRefused(
                _(
                    "Kontot för %(email)s är avstängt. Kontakta din organisations "
                    "administratör om du behöver komma åt Samverkansportalen."
                )
                % {"email": email}
            )
        if not users and not self._creating_party(email):
            raise SsoRefused(
                _(
                    "Det finns inget konto i Samverkansportalen för %(email)s. Be din "
                    "organisations administratör om en inbjudan."
                )
                % {"email": email}
            )
        return users

    def get_user(self, user_id):
        """A session started by single sign-on ends when the account is deactivated."""
        user = super().get_user(user_id)
        return user if user is not None and user.is_active else None

    @staticmethod
    def _creating_party(email: str) -> Party | None:
        """The organisation that creates accounts from single sign-on for this address."""
        domain = email.rsplit("@", 1)[-1].lower()
        for party in Party.objects.filter(sso_create_accounts=True).exclude(sso_email_domains=""):
            if domain in party.email_domains:
                return party
        return None

    def create_user(self, claims):
        email = claims["email"].strip()
        party = self._creating_party(email)
        if party is None:  # filter_users_by_claims refused already; never create otherwise
            raise SsoRefused(_("Inloggningen kunde inte bekräftas. Försök igen."))
        role = User.Role.SECTION_CHIEF if party.is_employment_service else User.Role.OFFICIAL
        username = email.lower()[:150]
        user = User(
            username=username,
            email=email,
            first_name=(claims.get("given_name") or "")[:150],
            last_name=(claims.get("family_name") or "")[:150],
            party=party,
            role=role,
        )
        user.set_unusable_password()
        user.save()
        logger.info("Account %s created from single sign-on for %s", user.pk, party)
        return user


def _require_sso():
    if not sso_enabled():
        raise Http404


class SsoLoginView(OIDCAuthenticationRequestView):
    """Sends the visitor to the organisation's identity provider."""

    def dispatch(self, request, *args, **kwargs):
        _require_sso()
        return super().dispatch(request, *args, **kwargs)

    def __init__(self, *args, **kwargs):
        if sso_enabled():
            super().__init__(*args, **kwargs)


class SsoCallbackView(OIDCAuthenticationCallbackView):
    """Where the identity provider sends the visitor back; refusals shown on the login page."""

    def dispatch(self, request, *args, **kwargs):
        _require_sso()
        return super().dispatch(request, *args, **kwargs)

    @property
    def failure_url(self):
        return reverse("login")

    def login_failure(self):
        message = getattr(self.request, REFUSAL_ATTRIBUTE, None) or _(
            "Inloggningen med organisationens inloggning avbröts eller misslyckades. Försök "
            "igen eller logga in med användarnamn och lösenord."
        )
        messages.error(self.request, message)
        return super().login_failure()
