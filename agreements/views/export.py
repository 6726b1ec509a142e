"""Stored files of an agreement for anyone who may see the agreement (signed PDFs, appendix
files, scanned paper signatures), and all signed PDFs as a ZIP for administrators."""

from django.contrib.auth.decorators import login_required
from django.http import Http404, StreamingHttpResponse
from django.shortcuts import get_object_or_404, render
from django.utils import timezone

from samverkan.files import private_file_response

from ..access import get_visible_agreement
from ..export import archive_name, export_queryset, stream_zip
from ..models import Appendix, Signature, SignedDocument
from ..signing.forms import ExportFilterForm


def signed_pdf_response(document):
    if not document.is_ready:
        raise Http404
    response = private_file_response(document.file, filename=archive_name(document))
    response["X-Content-SHA256"] = document.sha256
    return response


@login_required
def signed_pdf(request, pk, number):
    agreement = get_visible_agreement(request.user, pk)
    document = get_object_or_404(
        SignedDocument.objects.select_related("version"),
        version__agreement=agreement,
        version__number=number,
    )
    return signed_pdf_response(document)


@login_required
def appendix_file(request, pk, appendix_pk):
    """An appendix's file, to those who see the agreement page that lists it."""
    agreement = get_visible_agreement(request.user, pk)
    appendix = get_object_or_404(Appendix, agreement=agreement, pk=appendix_pk)
    if not appendix.file:
        raise Http404
    return private_file_response(
        appendix.file, filename=f"bilaga-{appendix.label}-{agreement.pk}.pdf"
    )


@login_required
def signature_scan(request, pk, signature_pk):
    """The scan of a paper signature, to those who see the agreement's versions."""
    agreement = get_visible_agreement(request.user, pk)
    signature = get_object_or_404(
        Signature.objects.select_related("version"), version__agreement=agreement, pk=signature_pk
    )
    if not signature.scan:
        raise Http404
    return private_file_response(
        signature.scan,
        filename=f"underskrift-{agreement.pk}-v{signature.version.number}-{signature.pk}.pdf",
    )


def _admin_only(request):
    # As for the other administrators' pages: to everyone else it does not exist.
    if not request.user.is_portal_admin:
        raise Http404


@login_required
def export_page(request):
    _admin_only(request)
    form = ExportFilterForm(request.GET or None)
    documents = None
    if form.is_valid():
        documents = export_queryset(**form.cleaned_data)
    else:
        documents = export_queryset() if not form.is_bound else None
    return render(
        request,
        "agreements/export/export.html",
        {
            "form": form,
            "count": documents.count() if documents is not None else None,
            "query": request.GET.urlencode(),
        },
    )


@login_required
def export_zip(request):
    _admin_only(request)
    form = ExportFilterForm(request.GET or None)
    if form.is_bound and not form.is_valid():
        return render(request, "agreements/export/export.html", {"form": form}, status=400)
    filters = form.cleaned_data if form.is_bound else {}
    response = StreamingHttpResponse(
        stream_zip(export_queryset(**filters)), content_type="application/zip"
    )
    stamp = timezone.localtime().strftime("%Y%m%d-%H%M")
    response["Content-Disposition"] = f'attachment; filename="undertecknade-{stamp}.zip"'
    response["Cache-Control"] = "no-store"
    return response
