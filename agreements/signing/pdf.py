"""The signed agreement as a PDF: rendered from the frozen version, sealed, deterministic.

Everything on the page comes from the version's snapshot and its signatures, never from the
living agreement, so a revision cannot change a signed PDF. Dates in the metadata and the
seal's signing time are the moment the portal had every signature; "undertecknad av
samtliga" is the date of the last signature (a paper signature keeps its date on paper).
"""

from django.conf import settings
from django.urls import reverse
from django.utils import translation

from samverkan.pdf import render_pdf
from samverkan.seal import seal_pdf

from .versions import snapshot_document


def verify_url(code: str | None = None) -> str:
    if code:
        return settings.SITE_URL + reverse("public:verify_code", kwargs={"code": code})
    return settings.SITE_URL + reverse("public:verify")


def signed_pdf_context(document) -> dict:
    version = document.version
    signatures = list(version.signatures.all())
    snapshot = version.snapshot
    agreement = snapshot.get("agreement", {})
    return {
        "doc": snapshot_document(snapshot, signatures),
        "version": version,
        "signatures": signatures,
        "signed_on": document.signed_on,
        # The seed documents carry the date of the agreement; without one, the signing date.
        "document_date": agreement.get("document_date") or document.signed_on.isoformat(),
        "verification_code": document.verification_code,
        "verify_url": verify_url(),
        "contact_line": settings.PDF_CONTACT_LINE.format(site=settings.SITE_URL),
    }


def render_unsealed_pdf(document, url_fetcher=None) -> bytes:
    with translation.override("sv"):
        return render_pdf(
            "agreements/pdf/agreement.html",
            signed_pdf_context(document),
            created=document.signed_at,
            # PDF/A-3a: tagged, so a screen reader can read the archived agreement.
            pdf_variant="pdf/a-3a",
            url_fetcher=url_fetcher,
        )


def render_signed_pdf(document, url_fetcher=None) -> bytes:
    """The PDF with the portal's seal; the same document row always gives the same bytes."""
    version = document.version
    pdf = render_unsealed_pdf(document, url_fetcher=url_fetcher)
    return seal_pdf(
        pdf,
        signing_time=document.signed_at,
        reason=f"Undertecknad version {version.number} (kontrollkod {document.verification_code})",
        location="Samverkansportalen",
    )
