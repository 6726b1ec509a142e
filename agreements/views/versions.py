"""Frozen versions of an agreement: the list, one version as a document, and comparisons."""

from django.contrib.auth.decorators import login_required
from django.http import Http404
from django.shortcuts import get_object_or_404, render
from django.utils.translation import gettext as _

from ..access import get_visible_agreement
from ..models import AgreementVersion, Signature
from ..signing.compare import compare_snapshots
from ..signing.versions import build_snapshot, snapshot_document, snapshot_queryset

DRAFT = "utkast"


def _versions(agreement):
    return (
        AgreementVersion.objects.filter(agreement=agreement)
        .select_related("created_by", "signed_document")
        .order_by("-number")
    )


@login_required
def version_list(request, pk):
    agreement = get_visible_agreement(request.user, pk)
    versions = list(_versions(agreement).defer("snapshot"))
    return render(
        request,
        "agreements/versions/version_list.html",
        {"agreement": agreement, "versions": versions},
    )


@login_required
def version_detail(request, pk, number):
    agreement = get_visible_agreement(request.user, pk)
    version = get_object_or_404(_versions(agreement), number=number)
    signatures = list(
        Signature.objects.filter(version=version).order_by("signed_on", "signed_at", "pk")
    )
    return render(
        request,
        "agreements/versions/version_detail.html",
        {
            "agreement": agreement,
            "version": version,
            "doc": snapshot_document(version.snapshot, signatures),
            "signatures": signatures,
            "document": getattr(version, "signed_document", None),
        },
    )


def _side(agreement, value, versions_by_number):
    """A version number or 'utkast' (the living draft) -> (label, snapshot)."""
    if value == DRAFT:
        live = snapshot_queryset().get(pk=agreement.pk)
        return _("Nuvarande utkast"), build_snapshot(live)
    try:
        version = versions_by_number[int(value)]
    except (KeyError, TypeError, ValueError):
        raise Http404 from None
    return str(version), version.snapshot


@login_required
def version_compare(request, pk):
    """Compare any two versions, or a version with the current draft, section by section.
    Without parameters: the newest version against the draft, or the two newest versions."""
    agreement = get_visible_agreement(request.user, pk)
    versions = list(_versions(agreement))
    by_number = {v.number: v for v in versions}
    old = request.GET.get("fran")
    new = request.GET.get("till")
    if not old or not new:
        if len(versions) >= 2 and not agreement.is_editable_status:
            old, new = str(versions[1].number), str(versions[0].number)
        elif versions:
            old, new = str(versions[0].number), DRAFT
    choices = [(str(v.number), str(v)) for v in versions] + [(DRAFT, _("Nuvarande utkast"))]
    context = {"agreement": agreement, "versions": versions, "choices": choices}
    if old and new:
        old_label, old_snapshot = _side(agreement, old, by_number)
        new_label, new_snapshot = _side(agreement, new, by_number)
        diffs = compare_snapshots(old_snapshot, new_snapshot)
        context.update(
            old=old,
            new=new,
            old_label=old_label,
            new_label=new_label,
            diffs=diffs,
            changed=[d for d in diffs if d.has_changes],
        )
    return render(request, "agreements/versions/version_compare.html", context)
