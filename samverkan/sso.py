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
import time

import jwt
import requests
from django.conf import settings
from django.contrib import messages
from django.core.exceptions import SuspiciousOperation
from django.http import Http404
from django.shortcuts import redirect
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_noop
from mozilla_django_oidc.auth import OIDCAuthenticationBackend
from mozilla_django_oidc.utils import import_from_settings
from mozilla_django_oidc.views import OIDCAuthenticationCallbackView, OIDCAuthenticationRequestView

from .models import Party, User

logger = logging.getLogger(__name__)

REFUSAL_ATTRIBUTE = "_sso_refusal"


def sso_enabled() -> bool:
    """Single sign-on is on when a client id is configured (see README, Configuration)."""
    return bool(getattr(settings, "OIDC_RP_CLIENT_ID", ""))


# Setting -> the discovery document's key, for the provider settings left empty.
DISCOVERED = {
    "OIDC_OP_ISSUER": "issuer",
    "OIDC_OP_AUTHORIZATION_ENDPOINT": "authorization_endpoint",
    "OIDC_OP_TOKEN_ENDPOINT": "token_endpoint",
    "OIDC_OP_USER_ENDPOINT": "userinfo_endpoint",
    "OIDC_OP_JWKS_ENDPOINT": "jwks_uri",
}
DISCOVERY_CACHE_SECONDS = 3600
_discovery_cache: dict[str, tuple[float, dict]] = {}


def _discovery(url: str) -> dict:
    """The provider's discovery document, fetched at most once an hour per process."""
    cached = _discovery_cache.get(url)
    if cached and time.monotonic() - cached[0] < DISCOVERY_CACHE_SECONDS:
        return cached[1]
    response = requests.get(url, timeout=settings.OIDC_TIMEOUT)
    response.raise_for_status()
    document = response.json()
    issuer = str(document.get("issuer", "")).rstrip("/")
    # OpenID Connect Discovery 1.0, section 4.3: the issuer must be where the document is.
    if url.rstrip("/") != f"{issuer}/.well-known/openid-configuration":
        raise SuspiciousOperation(f"Discovery document at {url} names issuer {issuer!r}")
    _discovery_cache[url] = (time.monotonic(), document)
    return document


def oidc_setting(name: str, *default):
    """A mozilla-django-oidc setting; the provider's endpoints from discovery when unset."""
    value = getattr(settings, name, None)
    discovery_url = getattr(settings, "OIDC_OP_DISCOVERY_URL", "")
    if not value and name in DISCOVERED and discovery_url:
        return _discovery(discovery_url)[DISCOVERED[name]]
    return import_from_settings(name, *default)


def _refuse(request, message: str) -> None:
    """Remember why the login was refused, for the callback view to show."""
    if request is not None:
        setattr(request, REFUSAL_ATTRIBUTE, message)


class SsoRefused(SuspiciousOperation):
    """A login the provider vouched for that the portal refuses; the message is Swedish."""


UNAVAILABLE = gettext_noop(
    "Organisationens inloggning svarar inte just nu. Försök igen om en stund eller logga in "
    "med användarnamn och lösenord."
)
NOT_CONFIRMED = gettext_noop("Inloggningen kunde inte bekräftas. Försök igen.")


class PortalOIDCBackend(OIDCAuthenticationBackend):
    """Matches the provider's verified e-mail to an existing, active account."""

    get_settings = staticmethod(oidc_setting)

    def __init__(self, *args, **kwargs):
        # Unlike the parent, nothing is asked of the provider here: Django makes this backend
        # for failed password logins and for every request of a session it started. The
        # provider's endpoints are looked up (perhaps discovered) when a login needs them.
        self.OIDC_RP_CLIENT_ID = self.get_settings("OIDC_RP_CLIENT_ID")
        self.OIDC_RP_CLIENT_SECRET = self.get_settings("OIDC_RP_CLIENT_SECRET")
        self.OIDC_RP_SIGN_ALGO = self.get_settings("OIDC_RP_SIGN_ALGO", "RS256")
        self.OIDC_RP_IDP_SIGN_KEY = self.get_settings("OIDC_RP_IDP_SIGN_KEY", None)
        self.UserModel = User

    @property
    def OIDC_OP_TOKEN_ENDPOINT(self):  # noqa: N802 - the parent's attribute name
        return self.get_settings("OIDC_OP_TOKEN_ENDPOINT")

    @property
    def OIDC_OP_USER_ENDPOINT(self):  # noqa: N802
        return self.get_settings("OIDC_OP_USER_ENDPOINT")

    @property
    def OIDC_OP_JWKS_ENDPOINT(self):  # noqa: N802
        return self.get_settings("OIDC_OP_JWKS_ENDPOINT")

    def authenticate(self, request, **kwargs):
        try:
            return super().authenticate(request, **kwargs)
        except SsoRefused as exc:
            _refuse(request, str(exc))
        except requests.RequestException as exc:
            logger.warning("Single sign-on failed at the provider: %s", exc)
            status = getattr(exc.response, "status_code", None) or 500
            # A 4xx (the code refused, say) is not the provider being down.
            _refuse(request, _(NOT_CONFIRMED if status < 500 else UNAVAILABLE))
        except SuspiciousOperation as exc:
            logger.warning("Single sign-on refused: %s", exc)
            _refuse(request, _(NOT_CONFIRMED))
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
        if len(users) > 1:
            raise SsoRefused(
                _(
                    "Flera konton i Samverkansportalen har e-postadressen %(email)s, så "
                    "inloggningen kan inte avgöra vilket som är ditt. Kontakta din "
                    "organisations administratör."
                )
                % {"email": email}
            )
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
            raise SsoRefused(_(NOT_CONFIRMED))
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

    get_settings = staticmethod(oidc_setting)

    def __init__(self, *args, **kwargs):
        self._unavailable = None
        if sso_enabled():
            try:  # the authorization endpoint, perhaps from the discovery document
                super().__init__(*args, **kwargs)
            except (requests.RequestException, ValueError, SuspiciousOperation) as exc:
                logger.warning("Single sign-on provider unavailable: %s", exc)
                self._unavailable = exc

    def dispatch(self, request, *args, **kwargs):
        _require_sso()
        if self._unavailable is not None:
            messages.error(request, _(UNAVAILABLE))
            return redirect("login")
        return super().dispatch(request, *args, **kwargs)


class SsoCallbackView(OIDCAuthenticationCallbackView):
    """Where the identity provider sends the visitor back; refusals shown on the login page."""

    get_settings = staticmethod(oidc_setting)

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
