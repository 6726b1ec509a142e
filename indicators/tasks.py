"""Celery tasks of the indicators app. Thin: take ids, load, call a service."""

import logging

from celery import shared_task

from agreements.models import Agreement

from .kolada import kolada_import

logger = logging.getLogger(__name__)


@shared_task
def kolada_import_task(agreement_id=None):
    """Import Kolada's values for one agreement, or for every agreement when None.

    HTTP retries happen inside the client (bounded, per request); a KPI that still fails is
    reported in the run's errors rather than failing the task, so no task-level retry."""
    agreement = None
    if agreement_id is not None:
        agreement = Agreement.objects.filter(pk=agreement_id).first()
        if agreement is None:
            return None
    run = kolada_import(agreement=agreement)
    if run.errors:
        logger.warning("Kolada import %s finished with errors: %s", run.pk, run.errors)
    return run.pk
