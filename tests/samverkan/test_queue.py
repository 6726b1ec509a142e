"""samverkan.queue: the one way tasks are published, and the sweep."""

import ast
from datetime import timedelta
from pathlib import Path

import pytest
from django.conf import settings
from django.utils import timezone

from agreements.models import SignedDocument
from agreements.tasks import signed_documents_sweep
from indicators.models import KoladaImportRun
from indicators.tasks import kolada_import_order, kolada_runs_sweep
from samverkan.queue import sweepers
from samverkan.reminders.models import Reminder
from samverkan.reminders.tasks import reminders_sweep
from tests.agreements.factories import signed_agreement_with_fake_pdf
from tests.factories import PartyFactory
from tests.samverkan.factories import ReminderFactory

BASE_DIR = Path(__file__).resolve().parents[2]
HELPER = BASE_DIR / "samverkan" / "queue.py"
# Calls that publish a message to the broker.
PUBLISHING = {"delay", "apply_async", "send_task"}


def _project_modules():
    for path in sorted(BASE_DIR.rglob("*.py")):
        parts = path.relative_to(BASE_DIR).parts
        if parts[0] in {".venv", "tests", "node_modules"} or parts[0].startswith("."):
            continue
        yield path


def test_tasks_are_published_only_through_the_helper():
    """Every enqueue goes through samverkan.queue (after commit, broker-safe): a bare
    ``.delay`` raised to the signer when Redis was down (issue 9 item 7)."""
    offenders = []
    scanned = 0
    for path in _project_modules():
        scanned += 1
        if path == HELPER:
            continue
        for node in ast.walk(ast.parse(path.read_text(), filename=str(path))):
            if (
                isinstance(node, ast.Call)
                and isinstance(node.func, ast.Attribute)
                and node.func.attr in PUBLISHING
            ):
                offenders.append(f"{path.relative_to(BASE_DIR)}:{node.lineno} .{node.func.attr}(")
    assert scanned > 50  # the scan sees the project
    assert offenders == [], "Publish through samverkan.queue.enqueue_on_commit: " + ", ".join(
        offenders
    )


def test_the_helper_is_what_the_scan_would_catch():
    """The scan is not vacuous: the helper itself calls apply_async."""
    tree = ast.parse(HELPER.read_text())
    calls = [
        node.func.attr
        for node in ast.walk(tree)
        if isinstance(node, ast.Call) and isinstance(node.func, ast.Attribute)
    ]
    assert "apply_async" in calls


def test_every_kind_of_once_only_work_is_swept_every_few_minutes():
    assert {s.key for s in sweepers()} == {
        "reminders",
        "agreements.signed_documents",
        "indicators.kolada_runs",
        "indicators.report_documents",
        "accounts.invitations",
    }
    entry = settings.CELERY_BEAT_SCHEDULE["queue-sweep"]
    assert entry["task"] == "queue.sweep"
    assert entry["schedule"] <= 5 * 60


@pytest.mark.django_db
def test_the_sweep_hands_over_what_waits_and_leaves_the_rest(
    world, settings, django_capture_on_commit_callbacks, mailoutbox
):
    settings.QUEUE_REQUEUE_AFTER_SECONDS = 60
    # Reminders: one never handed over (Redis was down), one sent.
    waiting = ReminderFactory(status=Reminder.Status.WAITING, enqueued_at=None)
    ReminderFactory(status=Reminder.Status.SENT, sent_at=timezone.now())
    # Signed PDFs: one waiting for long, one fresh.
    old = signed_agreement_with_fake_pdf([PartyFactory()]).version_in_force.signed_document
    fresh = signed_agreement_with_fake_pdf([PartyFactory()]).version_in_force.signed_document
    SignedDocument.objects.filter(pk__in=[old.pk, fresh.pk]).update(
        status=SignedDocument.Status.WAITING
    )
    SignedDocument.objects.filter(pk=old.pk).update(
        created_at=timezone.now() - timedelta(minutes=5)
    )
    # Kolada: an order waiting for long, one fresh, one finished.
    with django_capture_on_commit_callbacks(execute=False):
        stale_run = kolada_import_order(agreement=world.agreement)
        fresh_run = kolada_import_order(agreement=world.agreement)
    KoladaImportRun.objects.filter(pk=stale_run.pk).update(
        started_at=timezone.now() - timedelta(minutes=5)
    )
    KoladaImportRun.objects.create(
        status=KoladaImportRun.Status.FINISHED, started_at=timezone.now() - timedelta(days=1)
    )

    with django_capture_on_commit_callbacks(execute=False) as callbacks:
        assert reminders_sweep() == 1
        assert signed_documents_sweep() == 1
        assert kolada_runs_sweep() == 1
    assert len(callbacks) == 3
    waiting.refresh_from_db()
    assert waiting.enqueued_at is not None
    assert fresh_run.pk != stale_run.pk


@pytest.mark.django_db
def test_a_kolada_run_abandoned_by_a_dead_worker_is_swept_and_claimed_once(world):
    from indicators.tasks import kolada_run_claim

    run = KoladaImportRun.objects.create(
        agreement=world.agreement,
        status=KoladaImportRun.Status.RUNNING,
        started_at=timezone.now() - timedelta(hours=1),
        claimed_at=timezone.now() - timedelta(hours=1),
    )
    live = KoladaImportRun.objects.create(
        agreement=world.agreement,
        status=KoladaImportRun.Status.RUNNING,
        started_at=timezone.now(),
        claimed_at=timezone.now(),
    )
    assert kolada_runs_sweep() == 1
    assert kolada_run_claim(run_id=run.pk) is not None
    assert kolada_run_claim(run_id=run.pk) is None  # now freshly claimed: once
    assert kolada_run_claim(run_id=live.pk) is None
