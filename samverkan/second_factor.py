"""A second factor for administrators: a TOTP app (django-otp), required when
OTP_REQUIRED_FOR_ADMINS is on (README, Configuration).

After any login (password or single sign-on) an administrator whose session is not yet
verified reaches only the set-up page (no app registered yet), the verify page and logout;
everything else, the Django admin included, sends them there first. django-otp throttles
wrong codes and refuses a code used before.
"""

import base64
from urllib.parse import urlencode

import qrcode
import qrcode.image.svg
from django import forms
from django.conf import settings
from django.contrib.auth.decorators import login_required
from django.http import Http404
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.safestring import mark_safe
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django_otp import login as otp_login
from django_otp.plugins.otp_totp.models import TOTPDevice

DEVICE_NAME = "Autentiseringsapp"


def _confirmed_device(user) -> TOTPDevice | None:
    return TOTPDevice.objects.filter(user=user, confirmed=True).first()


def second_factor_missing(request) -> bool:
    """Is this an administrator who must, and has not yet, confirmed a second factor?"""
    user = request.user
    return (
        settings.OTP_REQUIRED_FOR_ADMINS
        and user.is_authenticated
        and user.is_portal_admin
        and not user.is_verified()
    )


class AdminSecondFactorMiddleware:
    """Holds an administrator at the second-factor pages until the session is verified.
    After django_otp.middleware.OTPMiddleware."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if second_factor_missing(request) and not self._exempt(request.path):
            target = (
                "second_factor_verify" if _confirmed_device(request.user) else "second_factor_setup"
            )
            return redirect(f"{reverse(target)}?{urlencode({'next': request.get_full_path()})}")
        return self.get_response(request)

    @staticmethod
    def _exempt(path: str) -> bool:
        exempt = [
            reverse("second_factor_setup"),
            reverse("second_factor_verify"),
            reverse("logout"),
            "/" + settings.STATIC_URL.lstrip("/"),
        ]
        return any(path.startswith(prefix) for prefix in exempt)


class TokenForm(forms.Form):
    token = forms.CharField(
        label=gettext_lazy("Kod från appen"),
        max_length=12,
        error_messages={"required": gettext_lazy("Skriv koden som appen visar.")},
        widget=forms.TextInput(
            attrs={"autocomplete": "one-time-code", "inputmode": "numeric", "pattern": "[0-9 ]*"}
        ),
    )

    def __init__(self, *args, device: TOTPDevice, **kwargs):
        super().__init__(*args, **kwargs)
        self.device = device

    def clean_token(self):
        token = self.cleaned_data["token"].replace(" ", "")
        allowed, _details = self.device.verify_is_allowed()
        if not allowed:
            raise forms.ValidationError(
                _("För många felaktiga koder. Vänta en stund och försök sedan igen.")
            )
        if not token.isdigit() or not self.device.verify_token(token):
            raise forms.ValidationError(
                _("Koden stämmer inte. Skriv de sex siffror som appen visar just nu.")
            )
        return token


def _admin_only(request):
    if not request.user.is_portal_admin:
        raise Http404


def _next_url(request) -> str:
    target = request.POST.get("next") or request.GET.get("next") or ""
    if url_has_allowed_host_and_scheme(
        target, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    ):
        return target
    return reverse("dashboard")


def _qr_svg(url: str) -> str:
    image = qrcode.make(url, image_factory=qrcode.image.svg.SvgPathImage, box_size=8, border=2)
    return image.to_string(encoding="unicode")


@login_required
def setup(request):
    """Registers the administrator's authenticator app: a QR code and the secret as text."""
    _admin_only(request)
    if _confirmed_device(request.user):
        if not request.user.is_verified():
            return redirect(
                f"{reverse('second_factor_verify')}?{urlencode({'next': _next_url(request)})}"
            )
        return render(request, "registration/second_factor_done.html")
    device, _created = TOTPDevice.objects.get_or_create(
        user=request.user, confirmed=False, defaults={"name": DEVICE_NAME}
    )
    form = TokenForm(request.POST or None, device=device)
    if request.method == "POST" and form.is_valid():
        device.confirmed = True
        device.save(update_fields=["confirmed"])
        otp_login(request, device)
        return redirect(_next_url(request))
    secret = base64.b32encode(device.bin_key).decode()
    return render(
        request,
        "registration/second_factor_setup.html",
        {
            "form": form,
            "qr_svg": mark_safe(_qr_svg(device.config_url)),  # noqa: S308 - made by qrcode
            "secret": " ".join(secret[i : i + 4] for i in range(0, len(secret), 4)),
            "next": _next_url(request),
        },
    )


@login_required
def verify(request):
    """The second step after logging in: the code from the administrator's app."""
    _admin_only(request)
    device = _confirmed_device(request.user)
    if device is None:
        return redirect(
            f"{reverse('second_factor_setup')}?{urlencode({'next': _next_url(request)})}"
        )
    if request.user.is_verified():
        return redirect(_next_url(request))
    form = TokenForm(request.POST or None, device=device)
    if request.method == "POST" and form.is_valid():
        otp_login(request, device)
        return redirect(_next_url(request))
    return render(
        request,
        "registration/second_factor_verify.html",
        {"form": form, "next": _next_url(request)},
    )
