"""Celery tasks of the agreements: thin, by id, quiet when the row is gone."""

from celery import shared_task
from django.db import InterfaceError, OperationalError

from .signed_pdf import signed_document_make


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
