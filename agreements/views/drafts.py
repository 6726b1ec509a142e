"""The draft for decision as PDF and Word, for anyone who sees the agreement."""

from django.contrib.auth.decorators import login_required
from django.http import HttpResponse
from django.utils import timezone

from ..access import get_visible_agreement
from ..drafts import draft_filename, draft_source, render_draft_docx, render_draft_pdf

DOCX = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"


def _attachment(data: bytes, content_type: str, filename: str) -> HttpResponse:
    response = HttpResponse(data, content_type=content_type)
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    response["Cache-Control"] = "no-store"
    response["X-Content-Type-Options"] = "nosniff"
    return response


@login_required
def draft_pdf(request, pk, number=None):
    source = draft_source(get_visible_agreement(request.user, pk), number)
    today = timezone.localdate()
    return _attachment(
        render_draft_pdf(source, today), "application/pdf", draft_filename(source, today, "pdf")
    )


@login_required
def draft_docx(request, pk, number=None):
    source = draft_source(get_visible_agreement(request.user, pk), number)
    today = timezone.localdate()
    return _attachment(
        render_draft_docx(source, today), DOCX, draft_filename(source, today, "docx")
    )
