"""Celery tasks of the indicators app. Thin: take ids, load, call a service."""

import logging

from celery import shared_task
from django.db.models import Q

from agreements.models import Agreement

from .kolada import kolada_import
from .services import followup_periods_ensure

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


@shared_task(name="indicators.followup_periods_ensure_all")
def followup_periods_ensure_all():
    """Make the half-year periods of every agreement that is not ended, up to today, so the
    reminder planner (which runs after this) finds every deadline; idempotent."""
    agreements = (
        Agreement.objects.exclude(status=Agreement.Status.ENDED)
        .filter(Q(valid_from__isnull=False) | Q(version_in_force__isnull=False))
        .select_related("version_in_force")
    )
    count = 0
    for agreement in agreements.iterator():
        followup_periods_ensure(agreement=agreement)
        count += 1
    return count
