"""Celery tasks of the agreements: thin, by id, quiet when the row is gone."""

from datetime import timedelta

from celery import shared_task
from django.conf import settings
from django.db import InterfaceError, OperationalError, transaction
from django.utils import timezone

from samverkan.queue import enqueue_each_on_commit

from . import signing
from .models import SignedDocument
from .signing.signed_pdf import signed_document_make


@shared_task(
    name="agreements.make_signed_document",
    autoretry_for=(OperationalError, InterfaceError),
    retry_backoff=5,
    retry_backoff_max=300,
    retry_jitter=True,
    max_retries=8,
)
def make_signed_document(document_id: int) -> str | None:
    document = signed_document_make(document_id=document_id)
    return document.status if document else None


def signed_documents_sweep() -> int:
    """The sweep's part for signed PDFs (registered in ``apps.py``): documents waiting longer
    than QUEUE_REQUEUE_AFTER_SECONDS (Redis was down when the last signature came), and
    documents left "working" by a worker that died. A worker making a document holds its
    row lock for the whole job, so a working row that is not locked has been abandoned;
    ``skip_locked`` leaves the live ones alone."""
    before = timezone.now() - timedelta(seconds=settings.QUEUE_REQUEUE_AFTER_SECONDS)
    with transaction.atomic():
        ids = list(
            SignedDocument.objects.select_for_update(skip_locked=True)
            .filter(
                status__in=(SignedDocument.Status.WAITING, SignedDocument.Status.WORKING),
                created_at__lt=before,
            )
            .order_by("pk")
            .values_list("pk", flat=True)
        )
        enqueue_each_on_commit(make_signed_document, [((pk,), {}) for pk in ids])
    return len(ids)


@shared_task(name="agreements.agreement_states_update")
def agreement_states_update_task() -> int:
    """Daily: signed agreements whose start date has come are in force."""
    return signing.agreement_states_update()
