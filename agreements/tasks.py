"""Celery tasks of the agreements: thin, by id, quiet when the row is gone."""

from celery import shared_task


@shared_task(name="agreements.make_signed_document")
def make_signed_document(document_id: int) -> str | None:
    from .signing import signed_document_make

    document = signed_document_make(document_id=document_id)
    return document.status if document else None
