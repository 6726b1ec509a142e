"""Logins, failed logins and refused accesses, logged for the administrators. django-axes
counts failed logins for its lockout; this log is the record a person reads."""

from django.contrib.auth.signals import user_logged_in, user_login_failed

from samverkan.security import client_ip

from .models import SecurityEvent

REFUSED_STATUSES = (403, 404)


def _ip(request):
    return (client_ip(request) or None) if request is not None else None


def on_logged_in(sender, request, user, **kwargs):
    SecurityEvent.objects.create(
        kind=SecurityEvent.Kind.LOGIN,
        user=user,
        username=user.get_username(),
        ip_address=_ip(request),
    )


def on_login_failed(sender, credentials, request=None, **kwargs):
    SecurityEvent.objects.create(
        kind=SecurityEvent.Kind.LOGIN_FAILED,
        username=str(credentials.get("username", ""))[:150],
        ip_address=_ip(request),
    )


def connect():
    user_logged_in.connect(on_logged_in, dispatch_uid="history_logged_in")
    user_login_failed.connect(on_login_failed, dispatch_uid="history_login_failed")


class RefusedAccessMiddleware:
    """Logs a 403 or 404 that a logged-in person gets from a page that exists: another
    organisation's object is a 404 (STYLE.md, 'Access'). A mistyped address is not logged."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        user = getattr(request, "user", None)
        if (
            response.status_code in REFUSED_STATUSES
            and getattr(request, "resolver_match", None) is not None
            and user is not None
            and user.is_authenticated
        ):
            SecurityEvent.objects.create(
                kind=SecurityEvent.Kind.REFUSED,
                user=user,
                username=user.get_username(),
                ip_address=_ip(request),
                path=request.get_full_path()[:500],
                status_code=response.status_code,
            )
        return response
