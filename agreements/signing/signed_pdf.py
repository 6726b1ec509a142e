"""Making the signed PDF of a fully signed version: once, by a Celery task, then never again."""

import hashlib
import logging

from django.core.files.base import ContentFile
from django.db import InterfaceError, OperationalError, transaction
from django.utils import timezone

from ..models import SignedDocument
from . import pdf

logger = logging.getLogger(__name__)


def signed_document_make(*, document_id: int) -> SignedDocument | None:
    """Render, seal and store the signed PDF of a fully signed version, once.

    The row lock makes a second worker wait and then find the work done; a failure is recorded
    on the row (status failed, the error) for an administrator to retry.
    """
    claimed = SignedDocument.objects.filter(
        pk=document_id, status__in=(SignedDocument.Status.WAITING, SignedDocument.Status.FAILED)
    ).update(status=SignedDocument.Status.WORKING)
    try:
        with transaction.atomic():
            document = (
                SignedDocument.objects.select_for_update()
                .select_related("version__agreement")
                .filter(pk=document_id)
                .first()
            )
            if document is None or document.status == SignedDocument.Status.READY:
                return document
            if not claimed and document.status != SignedDocument.Status.WORKING:
                return document
            data = pdf.render_signed_pdf(document)
            version = document.version
            name = f"overenskommelse-{version.agreement_id}-v{version.number}.pdf"
            document.file.save(name, ContentFile(data), save=False)
            document.sha256 = hashlib.sha256(data).hexdigest()
            document.status = SignedDocument.Status.READY
            document.error = ""
            document.attempts += 1
            document.finished_at = timezone.now()
            document.save()
            return document
    except (OperationalError, InterfaceError):
        # The database went away: nothing was stored; the task retries with backoff.
        SignedDocument.objects.filter(pk=document_id, status=SignedDocument.Status.WORKING).update(
            status=SignedDocument.Status.WAITING
        )
        raise
    except Exception as exc:
        logger.exception("Signed PDF %s failed", document_id)
        SignedDocument.objects.filter(pk=document_id).exclude(
            status=SignedDocument.Status.READY
        ).update(status=SignedDocument.Status.FAILED, error=f"{type(exc).__name__}: {exc}"[:2000])
        return SignedDocument.objects.filter(pk=document_id).first()
