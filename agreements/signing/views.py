"""Sending for signature, signing in the portal, paper signatures and starting a revision."""

from axes.handlers.proxy import AxesProxyHandler
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.contrib.auth.signals import user_login_failed
from django.core.exceptions import PermissionDenied
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from ..access import get_visible_agreement
from ..models import Agreement, Signatory, Signature, SignedDocument
from .forms import PaperSignatureForm, SignForm
from .services import (
    SigningError,
    agreement_send_for_signature,
    agreement_sign,
    agreement_start_revision,
    can_send_for_signature,
    can_start_revision,
    signature_register_paper,
    signed_document_retry,
)


def _error_messages(exc: SigningError) -> list[str]:
    return exc.messages


@login_required
def send_for_signature(request, pk):
    agreement = get_visible_agreement(request.user, pk)
    allowed = can_send_for_signature(request.user, agreement)
    if request.method == "POST":
        if not allowed:
            raise PermissionDenied
        try:
            version = agreement_send_for_signature(agreement=agreement, user=request.user)
        except SigningError as exc:
            for message in _error_messages(exc):
                messages.error(request, message)
        else:
            messages.success(
                request,
                _("%(version)s är fryst och skickad för underskrift.") % {"version": version},
            )
            return redirect("agreements:sign", pk=agreement.pk)
    return render(
        request,
        "agreements/signing/send_for_signature.html",
        {
            "agreement": agreement,
            "allowed": allowed,
            "signatories": agreement.signatories.select_related("party", "user"),
        },
    )


@login_required
def start_revision(request, pk):
    agreement = get_visible_agreement(request.user, pk)
    allowed = can_start_revision(request.user, agreement)
    if request.method == "POST":
        if not allowed:
            raise PermissionDenied
        try:
            agreement_start_revision(agreement=agreement, user=request.user)
        except SigningError as exc:
            for message in _error_messages(exc):
                messages.error(request, message)
        else:
            messages.success(request, _("Överenskommelsen är öppen för ändringar."))
            return redirect(agreement)
    return render(
        request,
        "agreements/signing/start_revision.html",
        {"agreement": agreement, "allowed": allowed},
    )


def _signing_state(agreement):
    """The version out for signature, its signatories and who has signed."""
    version = agreement.pending_version
    if version is None:
        return None, [], {}
    ids = [s["id"] for s in version.snapshot.get("signatories", [])]
    signatories = list(Signatory.objects.filter(pk__in=ids).select_related("party", "user"))
    signatures = {
        s.signatory_id: s for s in Signature.objects.filter(version=version).select_related()
    }
    return version, signatories, signatures


def _credentials(request):
    return {"username": request.user.get_username()}


def _signing_locked(request, form) -> bool:
    """Password re-entry is guessed at no more often than the login form allows: wrong
    passwords here count as failed logins in django-axes and share its lockout."""
    if AxesProxyHandler.is_allowed(request, _credentials(request)):
        return False
    form.add_error(
        "password",
        _(
            "För många felaktiga lösenord. Av säkerhetsskäl kan du inte skriva under just nu; "
            "försök igen om en timme eller kontakta portalens administratör."
        ),
    )
    return True


def _count_failed_password(request) -> None:
    user_login_failed.send(sender=__name__, credentials=_credentials(request), request=request)


@login_required
def sign(request, pk):
    agreement = get_visible_agreement(request.user, pk, queryset=_agreements_with_pending_version())
    version, signatories, signatures = _signing_state(agreement)
    mine = Signatory.objects.filter(
        pk__in=[
            s.pk for s in signatories if s.user_id == request.user.pk and s.pk not in signatures
        ]
    ).select_related("party")
    form = None
    if version is not None and mine:
        form = SignForm(request.POST or None, signatories=mine, version=version)
        if request.method == "POST" and form.is_valid() and not _signing_locked(request, form):
            try:
                agreement_sign(
                    version=version,
                    signatory=form.cleaned_data["signatory"],
                    user=request.user,
                    password=form.cleaned_data["password"],
                )
            except SigningError as exc:
                if hasattr(exc, "error_dict") and "password" in exc.message_dict:
                    _count_failed_password(request)
                if hasattr(exc, "error_dict"):
                    for field, errors in exc.message_dict.items():
                        for error in errors:
                            form.add_error(field if field in form.fields else None, error)
                else:
                    form.add_error(None, exc.messages)
            else:
                messages.success(request, _("Tack! Din underskrift är registrerad."))
                return redirect("agreements:sign", pk=agreement.pk)
    elif request.method == "POST":
        raise PermissionDenied
    return render(
        request,
        "agreements/signing/sign.html",
        {
            "agreement": agreement,
            "version": version,
            "rows": [(s, signatures.get(s.pk)) for s in signatories],
            "form": form,
            "is_admin": request.user.is_portal_admin,
            # Paper signatures wait for an administrator; say so, or the page looks stuck.
            "has_paper_pending": any(
                s.user_id is None and s.pk not in signatures for s in signatories
            ),
        },
    )


def _agreements_with_pending_version():
    return Agreement.objects.select_related("pending_version", "version_in_force")


@login_required
def register_paper(request, pk):
    """Administrators only: a signature made with pen on paper."""
    agreement = get_visible_agreement(request.user, pk, queryset=_agreements_with_pending_version())
    if not request.user.is_portal_admin:
        raise Http404
    version, signatories, signatures = _signing_state(agreement)
    unsigned = Signatory.objects.filter(
        pk__in=[s.pk for s in signatories if s.pk not in signatures]
    ).select_related("party")
    form = PaperSignatureForm(
        request.POST or None, request.FILES or None, signatories=unsigned, version=version
    )
    if version is not None and request.method == "POST" and form.is_valid():
        try:
            signature_register_paper(
                version=version,
                signatory=form.cleaned_data["signatory"],
                user=request.user,
                signed_on=form.cleaned_data["signed_on"],
                scan=form.cleaned_data.get("scan"),
            )
        except SigningError as exc:
            if hasattr(exc, "error_dict"):
                for field, errors in exc.message_dict.items():
                    for error in errors:
                        form.add_error(field if field in form.fields else None, error)
            else:
                form.add_error(None, exc.messages)
        else:
            messages.success(request, _("Pappersunderskriften är registrerad."))
            return redirect("agreements:sign", pk=agreement.pk)
    return render(
        request,
        "agreements/signing/register_paper.html",
        {"agreement": agreement, "version": version, "form": form, "unsigned": unsigned},
    )


@login_required
@require_POST
def retry_signed_document(request, pk, number):
    if not request.user.is_portal_admin:
        raise Http404
    agreement = get_visible_agreement(request.user, pk)
    document = get_object_or_404(
        SignedDocument, version__agreement=agreement, version__number=number
    )
    signed_document_retry(document=document, user=request.user)
    messages.info(request, _("Den undertecknade PDF:en skapas på nytt."))
    return redirect(agreement)
