"""Pages anyone may read without logging in: the public register of agreements in force and
the verification of a signed PDF by its code. Drafts are never shown: only versions that
every party has signed, from their frozen snapshot."""

from django.conf import settings
from django.core.paginator import Paginator
from django.db.models import Q
from django.db.models.fields.json import KeyTextTransform, KeyTransform
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone

from samverkan.paging import searched

from ..models import Agreement, Signature, SignedDocument
from ..signing.versions import snapshot_document, version_hash_ok
from .export import signed_pdf_response


def _register_enabled():
    if not settings.PUBLIC_REGISTER:
        raise Http404


def public_agreements():
    """Agreements with a signed version (also while a revision is being written): in force,
    or signed and starting later."""
    return Agreement.objects.public().select_related(
        "version_in_force", "version_in_force__signed_document"
    )


def register(request):
    _register_enabled()
    # The register shows the signed text: title and diarienummer from the version in force,
    # never from a revision being written.
    signed = KeyTransform("agreement", "version_in_force__snapshot")
    agreements = (
        public_agreements()
        .defer("version_in_force__snapshot")
        .annotate(
            signed_title=KeyTextTransform("title", signed),
            signed_diarienummer=KeyTextTransform("diarienummer", signed),
        )
    )
    agreements, query = searched(
        request,
        agreements,
        "title__icontains",
        "diarienummer__icontains",
        "parties__name__icontains",
    )
    if query:
        agreements = agreements.distinct()  # a word in two parties' names
    # Signed but not yet started is not in force: listed apart, with its start date.
    today = timezone.localdate()
    coming = Q(in_force_from__gt=today)
    page = Paginator(
        agreements.exclude(coming).with_parties().order_by("title", "pk"), 25
    ).get_page(request.GET.get("sida"))
    upcoming = agreements.filter(coming).with_parties().order_by("in_force_from", "title", "pk")
    return render(
        request,
        "agreements/public/register.html",
        {"page": page, "upcoming": upcoming[:50], "q": query},
    )


def register_detail(request, pk):
    _register_enabled()
    agreement = get_object_or_404(public_agreements(), pk=pk)
    version = agreement.version_in_force
    signatures = list(
        Signature.objects.filter(version=version).order_by("signed_on", "signed_at", "pk")
    )
    return render(
        request,
        "agreements/public/register_detail.html",
        {
            "agreement": agreement,
            "version": version,
            "doc": snapshot_document(version.snapshot, signatures),
            "document": getattr(version, "signed_document", None),
        },
    )


def register_pdf(request, pk):
    _register_enabled()
    agreement = get_object_or_404(public_agreements(), pk=pk)
    document = get_object_or_404(
        SignedDocument.objects.select_related("version"), version=agreement.version_in_force
    )
    return signed_pdf_response(document)


def verify(request):
    code = (request.GET.get("kod") or "").strip().upper()
    if code:
        if SignedDocument.objects.filter(verification_code=code).exists():
            return redirect("public:verify_code", code=code)
        return render(
            request, "agreements/public/verify.html", {"code": code, "not_found": True}, status=404
        )
    return render(request, "agreements/public/verify.html", {})


def verify_code(request, code):
    document = get_object_or_404(
        SignedDocument.objects.select_related("version__agreement"), verification_code=code
    )
    version = document.version
    signatures = list(
        Signature.objects.filter(version=version).order_by("signed_on", "signed_at", "pk")
    )
    agreement = version.agreement
    return render(
        request,
        "agreements/public/verify.html",
        {
            "code": code,
            "document": document,
            "version": version,
            "snapshot_agreement": version.snapshot.get("agreement", {}),
            "parties": version.snapshot.get("parties", []),
            "signatures": signatures,
            "hash_ok": version_hash_ok(version),
            "in_force": agreement.version_in_force_id == version.pk
            and agreement.status != Agreement.Status.ENDED
            and not agreement.is_signed_not_started,
            "starts_on": agreement.in_force_from
            if agreement.version_in_force_id == version.pk and agreement.is_signed_not_started
            else None,
            "superseded": agreement.version_in_force_id not in (None, version.pk),
            "register_enabled": settings.PUBLIC_REGISTER,
        },
    )
