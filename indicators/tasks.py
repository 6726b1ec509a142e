"""Celery tasks of the indicators app. Thin: take ids, load, call a service."""

import logging
from datetime import timedelta
from functools import partial

from celery import shared_task
from django.conf import settings
from django.core.files.base import ContentFile
from django.db import transaction
from django.db.models import F, Q
from django.utils import timezone

from agreements.models import Agreement
from samverkan.queue import enqueue_each_on_commit, enqueue_on_commit

from .kolada import kolada_import
from .models import KoladaImportRun, ReportDocument
from .report_pdf import followup_report_pdf, report_content_key
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


# --- The report PDF -----------------------------------------------------------------------


@transaction.atomic
def report_document_order(*, report) -> ReportDocument:
    """The PDF of the report as it is now: the existing row for this content, or a new row,
    waiting, and a message to the worker after commit. A failed PDF is ordered again. PDFs of
    the report's earlier content are removed with their files: only the current one is shown."""
    key = report_content_key(report)
    document, created = ReportDocument.objects.get_or_create(report=report, content_key=key)
    if not created and document.status == ReportDocument.Status.FAILED:
        ReportDocument.objects.filter(pk=document.pk, status=ReportDocument.Status.FAILED).update(
            status=ReportDocument.Status.WAITING, error=""
        )
        document.refresh_from_db()
        created = True
    if created:
        for old in ReportDocument.objects.filter(report=report).exclude(pk=document.pk):
            if old.file:
                transaction.on_commit(partial(old.file.storage.delete, old.file.name))
            old.delete()
        enqueue_on_commit(make_report_document, document.pk)
    return document


def report_document_current(*, report, rows=None) -> ReportDocument | None:
    """The PDF row for the report's current content, if one was ordered (no writes); ``rows``
    as report_content_key takes them."""
    key = report_content_key(report, rows)
    return ReportDocument.objects.filter(report=report, content_key=key).first()


def report_document_make(*, document_id: int) -> ReportDocument | None:
    """Render and store one ordered report PDF, once: claimed with a conditional update (a
    waiting row, or one whose worker died), so two messages for the same row render it once;
    a failure is kept on the row and shown on the report page."""
    claimed = (
        ReportDocument.objects.filter(pk=document_id)
        .filter(
            Q(status=ReportDocument.Status.WAITING)
            | Q(status=ReportDocument.Status.WORKING, claimed_at__lt=_stale_claim_before())
        )
        .update(status=ReportDocument.Status.WORKING, claimed_at=timezone.now())
    )
    if not claimed:
        return ReportDocument.objects.filter(pk=document_id).first()
    document = ReportDocument.objects.select_related("report__agreement", "report__period").get(
        pk=document_id
    )
    try:
        data = followup_report_pdf(document.report)
    except Exception as exc:
        logger.exception("Report PDF %s failed", document_id)
        ReportDocument.objects.filter(pk=document_id).update(
            status=ReportDocument.Status.FAILED,
            error=f"{type(exc).__name__}: {exc}"[:2000],
            attempts=F("attempts") + 1,
        )
        return ReportDocument.objects.filter(pk=document_id).first()
    period = document.report.period
    name = f"halvarsuppfoljning-{document.report.agreement_id}-{period.year}-h{period.half}.pdf"
    stored = document.file.storage.save(
        document.file.field.generate_filename(document, name), ContentFile(data)
    )
    finished = ReportDocument.objects.filter(
        pk=document_id, status=ReportDocument.Status.WORKING
    ).update(
        file=stored,
        status=ReportDocument.Status.READY,
        error="",
        attempts=F("attempts") + 1,
        finished_at=timezone.now(),
    )
    if not finished:
        # The report changed while this PDF was made and the row is gone: drop the file.
        document.file.storage.delete(stored)
    return ReportDocument.objects.filter(pk=document_id).first()


@shared_task(name="indicators.make_report_document")
def make_report_document(document_id: int) -> str | None:
    document = report_document_make(document_id=document_id)
    return document.status if document else None


def report_documents_sweep() -> int:
    """The sweep's part for report PDFs: rows waiting longer than QUEUE_REQUEUE_AFTER_SECONDS
    (Redis was down when they were ordered) and rows whose worker died."""
    before = timezone.now() - timedelta(seconds=settings.QUEUE_REQUEUE_AFTER_SECONDS)
    ids = list(
        ReportDocument.objects.filter(
            Q(status=ReportDocument.Status.WAITING, created_at__lt=before)
            | Q(status=ReportDocument.Status.WORKING, claimed_at__lt=_stale_claim_before())
        )
        .order_by("pk")
        .values_list("pk", flat=True)
    )
    enqueue_each_on_commit(make_report_document, [((pk,), {}) for pk in ids])
    return len(ids)
