"""The signed PDF made by a real Celery worker on Redis (TEST_REDIS_URL)."""

import os
import time

import pytest
from celery.contrib.testing.worker import start_worker
from kombu import pools

from agreements.models import SignedDocument
from samverkan.celery import app
from tests.agreements.factories import Jarfalla

pytestmark = [pytest.mark.worker, pytest.mark.django_db(transaction=True)]


@pytest.fixture
def redis_worker():
    url = os.environ.get("TEST_REDIS_URL")
    if not url:
        pytest.fail("Set TEST_REDIS_URL (e.g. redis://127.0.0.1:6379/15) for worker tests.")
    previous = {key: app.conf.get(key) for key in ("broker_url", "task_always_eager")}
    app.conf.update(broker_url=url, task_always_eager=False)
    _reset_connections()
    try:
        with start_worker(app, pool="solo", perform_ping_check=False, shutdown_timeout=10):
            yield
    finally:
        app.conf.update(**previous)
        _reset_connections()


def _reset_connections():
    """Drop pooled broker connections so the next ones use the current broker_url."""
    # kombu keeps producer pools in a global registry keyed by connection; a pool closed
    # here would otherwise be handed back to the eager tasks of later tests.
    pools.reset()
    app._pool = None
    app.amqp._producer_pool = None


def test_worker_makes_the_signed_pdf_after_the_last_signature(redis_worker):
    # GIVEN the Järfälla agreement out for signature
    jarfalla = Jarfalla()
    version = jarfalla.send()
    # WHEN all three sign (the last signature's commit enqueues the job on Redis)
    jarfalla.sign_all(version)
    # THEN the worker renders, seals and stores the PDF
    deadline = time.monotonic() + 60
    document = SignedDocument.objects.get(version=version)
    while document.status != SignedDocument.Status.READY and time.monotonic() < deadline:
        time.sleep(0.2)
        document.refresh_from_db()
    assert document.status == SignedDocument.Status.READY, document.error
    with document.file.open("rb") as f:
        assert f.read(5) == b"%PDF-"
