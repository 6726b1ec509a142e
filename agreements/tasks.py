"""Celery tasks of the agreements: thin, by id, quiet when the row is gone."""

from celery import shared_task
from django.db import InterfaceError, OperationalError

from . import signing
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


@shared_task(name="agreements.agreement_states_update")
def agreement_states_update_task() -> int:
    """Daily: signed agreements whose start date has come are in force."""
    return signing.agreement_states_update()
