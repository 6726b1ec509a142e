"""The draft for decision: the current draft or any frozen version as a PDF marked "UTKAST"
with the date on every page, and as a Word file for the committee's secretary.

Both are built from one template (``agreements/pdf/draft.html``), the same document body as
the version page and the signed PDF; the Word file is made from that HTML
(``samverkan.docx``), so the two carry the same text.
"""

import datetime
from dataclasses import dataclass

from django.conf import settings
from django.shortcuts import get_object_or_404
from django.template.loader import render_to_string
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from samverkan.docx import html_to_docx
from samverkan.pdf import render_pdf

from .models import Agreement, AgreementVersion, Signature
from .signing.versions import build_snapshot, snapshot_document, snapshot_queryset


@dataclass
class DraftSource:
    """What a draft for decision shows: the living draft (version None) or one version."""

    agreement: Agreement
    label: str
    snapshot: dict
    version: AgreementVersion | None = None
    signatures: tuple = ()

    @property
    def slug(self) -> str:
        return f"v{self.version.number}" if self.version else "utkast"


def draft_source(agreement: Agreement, number: int | None = None) -> DraftSource:
    """The current draft, or version ``number`` of the agreement (404 when there is none)."""
    if number is None:
        live = snapshot_queryset().get(pk=agreement.pk)
        return DraftSource(agreement, _("Nuvarande utkast"), build_snapshot(live))
    version = get_object_or_404(AgreementVersion, agreement=agreement, number=number)
    signatures = tuple(
        Signature.objects.filter(version=version).order_by("signed_on", "signed_at", "pk")
    )
    return DraftSource(agreement, str(version), version.snapshot, version, signatures)


def _context(source: DraftSource, today: datetime.date) -> dict:
    return {
        "doc": snapshot_document(source.snapshot, source.signatures),
        "source": source,
        "today": today,
        "contact_line": settings.PDF_CONTACT_LINE.format(site=settings.SITE_URL),
    }


def draft_filename(source: DraftSource, today: datetime.date, extension: str) -> str:
    return f"overenskommelse-{source.agreement.pk}-{source.slug}-utkast-{today.isoformat()}.{extension}"


def render_draft_pdf(source: DraftSource, today: datetime.date | None = None) -> bytes:
    today = today or timezone.localdate()
    with translation.override("sv"):
        return render_pdf(
            "agreements/pdf/draft.html", _context(source, today), created=timezone.now()
        )


def render_draft_docx(source: DraftSource, today: datetime.date | None = None) -> bytes:
    today = today or timezone.localdate()
    with translation.override("sv"):
        html = render_to_string("agreements/pdf/draft.html", _context(source, today))
        return html_to_docx(
            html,
            header_text=_("UTKAST %(date)s") % {"date": today.isoformat()},
            title=source.snapshot.get("agreement", {}).get("title", ""),
        )
