"""Celery tasks of the indicators app. Thin: take ids, load, call a service."""

import logging
from datetime import timedelta

from celery import shared_task
from django.conf import settings
from django.db import transaction
from django.db.models import Q
from django.utils import timezone

from agreements.models import Agreement
from samverkan.queue import enqueue_each_on_commit, enqueue_on_commit

from .kolada import kolada_import
from .models import KoladaImportRun
from .services import followup_periods_ensure

logger = logging.getLogger(__name__)


@transaction.atomic
def kolada_import_order(*, agreement=None) -> KoladaImportRun:
    """Order an import of one agreement (or all): the run is a row first, waiting, and a
    message to the worker second, after commit. With Redis down the order is not lost: the
    sweep (``kolada_runs_sweep``) hands the waiting row over when Redis is back."""
    run = KoladaImportRun.objects.create(
        agreement=agreement, status=KoladaImportRun.Status.WAITING, started_at=timezone.now()
    )
    enqueue_on_commit(kolada_import_task, run_id=run.pk)
    return run


def _stale_claim_before():
    return timezone.now() - timedelta(seconds=settings.CELERY_TASK_TIME_LIMIT + 60)


def kolada_run_claim(*, run_id: int) -> KoladaImportRun | None:
    """Take an ordered run for this worker, once: a waiting run, or one whose worker died
    (claimed longer ago than any task may live). None if another attempt has it or it is done."""
    now = timezone.now()
    claimed = (
        KoladaImportRun.objects.filter(pk=run_id)
        .filter(
            Q(status=KoladaImportRun.Status.WAITING)
            | Q(status=KoladaImportRun.Status.RUNNING, claimed_at__lt=_stale_claim_before())
        )
        .update(status=KoladaImportRun.Status.RUNNING, claimed_at=now, started_at=now)
    )
    if not claimed:
        return None
    return KoladaImportRun.objects.select_related("agreement").get(pk=run_id)


@shared_task
def kolada_import_task(run_id=None, agreement_id=None):
    """Run an ordered Kolada import (``run_id``), once; ``agreement_id`` alone (messages
    published before runs were ordered as rows) orders and runs one.

    HTTP retries happen inside the client (bounded, per request); a KPI that still fails is
    reported in the run's errors rather than failing the task, so no task-level retry."""
    if run_id is None:
        agreement = None
        if agreement_id is not None:
            agreement = Agreement.objects.filter(pk=agreement_id).first()
            if agreement is None:
                return None
        run = kolada_import(agreement=agreement)
    else:
        run = kolada_run_claim(run_id=run_id)
        if run is None:
            return None
        run = kolada_import(agreement=run.agreement, run=run)
    if run.errors:
        logger.warning("Kolada import %s finished with errors: %s", run.pk, run.errors)
    return run.pk


def kolada_runs_sweep() -> int:
    """The sweep's part for Kolada (registered in ``apps.py``): runs ordered and still
    waiting after QUEUE_REQUEUE_AFTER_SECONDS, and runs whose worker died."""
    waiting_before = timezone.now() - timedelta(seconds=settings.QUEUE_REQUEUE_AFTER_SECONDS)
    ids = list(
        KoladaImportRun.objects.filter(
            Q(status=KoladaImportRun.Status.WAITING, started_at__lt=waiting_before)
            | Q(status=KoladaImportRun.Status.RUNNING, claimed_at__lt=_stale_claim_before())
        )
        .order_by("pk")
        .values_list("pk", flat=True)
    )
    enqueue_each_on_commit(kolada_import_task, [((), {"run_id": pk}) for pk in ids])
    return len(ids)


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
