"""Production hardening shared by every request: the real client address behind trusted
proxies, the Permissions-Policy header, a cache-based rate limit, the Swedish list of common
passwords and the error pages (which must render without the database).
"""

import gzip
import ipaddress
import re
import time
from functools import cache
from pathlib import Path

from django.conf import settings
from django.contrib.auth import logout
from django.contrib.auth.signals import user_logged_in
from django.core.cache import cache as django_cache
from django.core.exceptions import ValidationError
from django.db import connection
from django.dispatch import receiver
from django.http import (
    HttpResponse,
    HttpResponseBadRequest,
    HttpResponseForbidden,
    HttpResponseServerError,
)
from django.template import loader
from django.utils.translation import gettext as _

SWEDISH_PASSWORD_LIST = Path(__file__).resolve().parent / "data" / "common-passwords-sv.txt"


# --- The client's address -------------------------------------------------------------------


@cache
def _trusted_networks(spec: tuple[str, ...]):
    return tuple(ipaddress.ip_network(item, strict=False) for item in spec)


def _is_trusted(address: str) -> bool:
    try:
        ip = ipaddress.ip_address(address)
    except ValueError:
        return False
    return any(ip in net for net in _trusted_networks(tuple(settings.TRUSTED_PROXIES)))


def client_ip(request) -> str:
    """The address of the client itself, not of a reverse proxy in front of the portal.

    X-Forwarded-For is believed only when the connection comes from a proxy listed in
    TRUSTED_PROXIES, and only as far back as the chain stays inside trusted proxies: the first
    address from the right that is not a trusted proxy is the client. Anyone can write that
    header, so without trusted proxies it is ignored and the connecting address counts.
    """
    remote = request.META.get("REMOTE_ADDR", "") or ""
    if not settings.TRUSTED_PROXIES or not _is_trusted(remote):
        return remote
    forwarded = request.META.get("HTTP_X_FORWARDED_FOR", "")
    hops = [hop.strip() for hop in forwarded.split(",") if hop.strip()]
    for hop in reversed(hops):
        try:
            ipaddress.ip_address(hop)
        except ValueError:
            return remote  # a malformed chain: do not guess
        if not _is_trusted(hop):
            return hop
    return hops[0] if hops else remote


# --- Rate limits ----------------------------------------------------------------------------


def rate_limit_hit(*, key: str, limit: int, period: int) -> bool:
    """Count one attempt under ``key``; True when more than ``limit`` fell within ``period`` s.

    A fixed window in the shared cache (Redis in production, so every gunicorn worker counts
    together): ``add`` starts the window atomically, ``incr`` counts inside it.
    """
    cache_key = f"ratelimit:{key}"
    if django_cache.add(cache_key, 1, timeout=period):
        return limit < 1
    try:
        count = django_cache.incr(cache_key)
    except ValueError:  # the window expired between add and incr
        django_cache.add(cache_key, 1, timeout=period)
        count = 1
    return count > limit


# --- Health and sessions --------------------------------------------------------------------


class HealthCheckMiddleware:
    """``/healthz/`` answers before host, HTTPS and session handling, so the container's health
    check can ask over plain HTTP on localhost: 200 when the database answers, else 503.
    """

    path = "/healthz/"

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if request.path != self.path:
            return self.get_response(request)
        try:
            with connection.cursor() as cursor:
                cursor.execute("SELECT 1")
        except Exception:
            return HttpResponse("database unavailable\n", status=503, content_type="text/plain")
        return HttpResponse("ok\n", content_type="text/plain")


class SessionTimeoutMiddleware:
    """End a session after SESSION_IDLE_TIMEOUT seconds without a request and after
    SESSION_MAX_AGE seconds in all.

    The times are kept in the session; the last-seen time is written at most once a minute, so
    a page view does not write the session each time.
    """

    TOUCH_EVERY = 60

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        user = getattr(request, "user", None)
        if user is not None and user.is_authenticated:
            now = int(time.time())
            started = request.session.get(SESSION_STARTED_KEY)
            seen = request.session.get(SESSION_SEEN_KEY)
            if started is None or seen is None:
                session_times_start(session=request.session)
            elif (
                now - started > settings.SESSION_MAX_AGE
                or now - seen > settings.SESSION_IDLE_TIMEOUT
            ):
                logout(request)
            elif now - seen >= self.TOUCH_EVERY:
                request.session[SESSION_SEEN_KEY] = now
        return self.get_response(request)


SESSION_STARTED_KEY = "_portal_started"
SESSION_SEEN_KEY = "_portal_seen"


def session_times_start(*, session) -> None:
    """Start the idle and absolute clocks of a session (at login)."""
    now = int(time.time())
    session[SESSION_STARTED_KEY] = now
    session[SESSION_SEEN_KEY] = now


@receiver(user_logged_in)
def _start_session_clock(sender, request, user, **kwargs):
    if request is not None and hasattr(request, "session"):
        session_times_start(session=request.session)


# --- Permissions-Policy ---------------------------------------------------------------------


class PermissionsPolicyMiddleware:
    """Deny the browser features the portal never uses (camera, microphone, location, …)."""

    def __init__(self, get_response):
        self.get_response = get_response
        self.value = ", ".join(
            f"{feature}=()" for feature in settings.PERMISSIONS_POLICY_DENIED_FEATURES
        )

    def __call__(self, request):
        response = self.get_response(request)
        if self.value:
            response.headers.setdefault("Permissions-Policy", self.value)
        return response


# --- Common passwords -----------------------------------------------------------------------


@cache
def _swedish_common_passwords() -> frozenset[str]:
    path = SWEDISH_PASSWORD_LIST
    opener = gzip.open if path.suffix == ".gz" else open
    with opener(path, "rt", encoding="utf-8") as handle:
        return frozenset(
            line.strip().lower() for line in handle if line.strip() and not line.startswith("#")
        )


_DECORATION = re.compile(r"^[\W\d_]+|[\W\d_]+$")


class SwedishCommonPasswordValidator:
    """Refuse passwords that are a common Swedish password, also with a year, digits or
    punctuation around it ("Lösenord1", "sommar2026", "!Hemligt123"), case ignored.

    Django's own CommonPasswordValidator (English list) runs as well.
    """

    def _candidates(self, password: str) -> set[str]:
        lowered = password.strip().lower()
        return {lowered, _DECORATION.sub("", lowered)}

    def validate(self, password, user=None):
        words = _swedish_common_passwords()
        if any(candidate in words for candidate in self._candidates(password)):
            raise ValidationError(
                _("Lösenordet är för vanligt. Välj ett som inte bygger på ett vanligt ord."),
                code="password_too_common",
            )

    def get_help_text(self):
        return _("Lösenordet får inte vara ett vanligt lösenord, inte heller med siffror efter.")


# --- Error pages ----------------------------------------------------------------------------
# Django renders 400, 500 and the CSRF failure without a request context; these templates
# extend error_base.html, which needs neither the database nor a logged-in user.


def _render(template_name: str, context: dict | None = None) -> str:
    return loader.get_template(template_name).render(context or {})


def bad_request(request, exception=None, template_name="400.html"):
    return HttpResponseBadRequest(_render(template_name))


def server_error(request, template_name="500.html"):
    return HttpResponseServerError(_render(template_name))


def csrf_failure(request, reason="", template_name="403_csrf.html"):
    return HttpResponseForbidden(_render(template_name))
