"""Queues that heal themselves, with a real worker (and beat) on a private Redis that the
test stops and starts, a real SMTP server and a real local Kolada server.

The worker runs as ``celery -A samverkan worker -B`` in a subprocess against this run's test
database (hence ``transaction=True``).
"""

import time
from datetime import date

import pytest
from django.urls import reverse

from agreements.models import Agreement, SignedDocument
from agreements.notices import SIGNATURE_REQUESTED
from agreements.signing import agreement_sign
from indicators.models import KoladaImportRun
from samverkan.reminders.models import Reminder
from samverkan.reminders.tasks import plan_and_enqueue
from samverkan.seal import make_self_signed_pkcs12
from tests.agreements.factories import DEMO_PASSWORD, Jarfalla
from tests.factories import AgreementFactory, EmploymentServiceFactory, PartyFactory
from tests.indicators.kolada_support import GoalFactory, KoladaIndicatorFactory, serve_kolada

from .reminder_worker import (
    Worker,
    celery_publishing_to,
    private_redis,
    smtp_sink,
    subprocess_env,
    wait_until,
)
from .test_reminders_worker import overdue_appendix_for

pytestmark = [pytest.mark.worker, pytest.mark.django_db(transaction=True)]


def _osteraker_with_a_kolada_indicator():
    osteraker = PartyFactory(name="Österåkers kommun", municipality_code="0117")
    agreement = AgreementFactory(parties=[osteraker, EmploymentServiceFactory()])
    Agreement.objects.filter(pk=agreement.pk).update(
        valid_from=date(2023, 1, 1), valid_until=date(2024, 12, 31)
    )
    KoladaIndicatorFactory(goal=GoalFactory(agreement=agreement), kolada_kpi="N00914")
    return agreement


def test_work_ordered_while_redis_is_down_is_done_when_it_returns(client, tmp_path, world):
    """Issue 9 item 7 and issue 10 item 6: the last signature, a Kolada import and the
    morning's reminders, all while Redis is down; nobody presses anything afterwards."""
    jarfalla = Jarfalla()
    version = jarfalla.send()
    osteraker = _osteraker_with_a_kolada_indicator()
    recipients = overdue_appendix_for(3)
    seal = tmp_path / "seal.p12"
    make_self_signed_pkcs12(seal, "test-seal", "Samverkansportalen testsigill")

    with (
        private_redis(tmp_path, running=False) as redis_server,
        smtp_sink() as (sink, smtp_port),
        serve_kolada() as kolada,
        celery_publishing_to(redis_server.url),
    ):
        # GIVEN Redis is down
        # WHEN the first two sign, and the last signs through the page
        for signatory, user in jarfalla.signatories[:2]:
            agreement_sign(version=version, signatory=signatory, user=user, password=DEMO_PASSWORD)
        client.force_login(jarfalla.jenny)
        started = time.monotonic()
        response = client.post(
            f"/overenskommelser/{jarfalla.agreement.pk}/underteckna/",
            {
                "signatory": jarfalla.sign_jenny.pk,
                "password": DEMO_PASSWORD,
                "confirm": "on",
                "content_hash": version.content_hash,
            },
        )
        # THEN the signer gets no error, quickly, and the agreement is in force
        assert response.status_code == 302, response.content[:500]
        assert time.monotonic() - started < 20
        jarfalla.agreement.refresh_from_db()
        assert jarfalla.agreement.status == Agreement.Status.IN_FORCE
        document = SignedDocument.objects.get(version=version)
        assert document.status == SignedDocument.Status.WAITING

        # WHEN an administrator orders a Kolada import
        client.force_login(world.admin)
        response = client.post(reverse("statistics:kolada_import"), {"agreement": osteraker.pk})
        # THEN it answers "beställd" and the order is a row, waiting
        assert response.status_code == 302
        run = KoladaImportRun.objects.get()
        assert run.status == KoladaImportRun.Status.WAITING
        page = client.get(response["Location"]).content.decode()
        assert "Beställd, väntar på att starta." in page

        # WHEN the morning's planning runs
        result = plan_and_enqueue(today=date(2025, 9, 1))
        assert len(result.to_enqueue) >= 3
        # (the signatories' notices of the version were sent before Redis went down)
        planned = Reminder.objects.exclude(kind=SIGNATURE_REQUESTED)
        assert not planned.exclude(status=Reminder.Status.WAITING).exists()

        # WHEN Redis comes back and a worker with beat runs; nobody presses anything
        redis_server.start()
        env = subprocess_env(
            smtp_port=smtp_port,
            redis=redis_server.url,
            SIGNING_CERT_PATH=seal,
            SIGNING_CERT_PASSWORD="test-seal",
            MEDIA_ROOT=tmp_path / "media",
            KOLADA_BASE_URL=kolada.base_url,
            KOLADA_TIMEOUT=5,
            QUEUE_SWEEP_INTERVAL_SECONDS=1,
            QUEUE_REQUEUE_AFTER_SECONDS=0,
            REMINDER_REQUEUE_AFTER_SECONDS=0,
        )
        worker = Worker(env, tmp_path / "worker.log", beat=True)
        try:
            worker.start()
            # THEN the signed PDF is made, the import runs and the reminders are sent
            wait_until(
                lambda: SignedDocument.objects.filter(
                    pk=document.pk, status=SignedDocument.Status.READY
                ).exists(),
                180,
                f"signed PDF made\n{worker.log()}",
                interval=0.5,
            )
            wait_until(
                lambda: KoladaImportRun.objects.filter(
                    pk=run.pk, status=KoladaImportRun.Status.FINISHED
                ).exists(),
                60,
                f"Kolada run finished\n{worker.log()}",
                interval=0.5,
            )
            wait_until(
                lambda: not Reminder.objects.exclude(status=Reminder.Status.SENT).exists(),
                60,
                f"reminders sent\n{worker.log()}",
                interval=0.5,
            )
            time.sleep(3)  # a few more sweeps: nothing is done twice
        finally:
            worker.kill()
    document.refresh_from_db()
    with document.file.open("rb") as f:
        assert f.read(5) == b"%PDF-"
    run.refresh_from_db()
    assert run.created == 2 and run.finished_at is not None
    assert KoladaImportRun.objects.count() == 1
    per_recipient = sink.per_recipient()
    assert set(recipients) <= set(per_recipient)
    assert set(per_recipient.values()) == {1}


def test_greylisting_is_waited_out_and_a_day_of_refusals_fails_then_resend_all(
    client, tmp_path, world
):
    """Issue 10 item 6: a server answering 451 for a while gets every mail once; one that
    refuses for longer than the retries last fails them, and the administrators' button
    sends all of them again."""
    recipients = overdue_appendix_for(10)
    with (
        private_redis(tmp_path) as redis_server,
        smtp_sink() as (sink, smtp_port),
        celery_publishing_to(redis_server.url),
    ):
        env = subprocess_env(
            smtp_port=smtp_port,
            redis=redis_server.url,
            REMINDER_RETRY_BACKOFF_SECONDS=0.5,
            REMINDER_RETRY_BACKOFF_MAX_SECONDS=2,
        )
        worker = Worker(env, tmp_path / "worker.log")
        try:
            # GIVEN a mail server that greylists every message for 6 seconds
            worker.start().wait_ready()
            sink.refuse_until = time.time() + 6
            plan_and_enqueue(today=date(2025, 9, 1))
            planned = Reminder.objects.count()
            assert planned >= 10
            # THEN every reminder is sent once, after several tries
            wait_until(
                lambda: Reminder.objects.filter(status=Reminder.Status.SENT).count() == planned,
                90,
                f"all sent\n{worker.log()}",
                interval=0.3,
            )
        finally:
            worker.kill()
        assert set(recipients) <= set(sink.per_recipient())
        assert set(sink.per_recipient().values()) == {1}
        assert set(sink.refused) == set(sink.per_recipient())
        assert min(sink.refused.values()) >= 2, sink.refused
        assert min(Reminder.objects.values_list("attempts", flat=True)) >= 3

        # GIVEN the server refuses for longer than the retries last (here 3 s, in production
        # a day)
        Reminder.objects.all().delete()
        sink.received.clear()
        sink.refused.clear()
        sink.refuse_until = time.time() + 3600
        env["REMINDER_RETRY_FOR_SECONDS"] = "3"
        worker = Worker(env, tmp_path / "worker-2.log")
        try:
            worker.start().wait_ready()
            plan_and_enqueue(today=date(2025, 9, 1))
            assert Reminder.objects.count() == planned
            # THEN the reminders fail, after retrying for those 3 seconds
            wait_until(
                lambda: Reminder.objects.filter(status=Reminder.Status.FAILED).count() == planned,
                90,
                f"all failed\n{worker.log()}",
                interval=0.3,
            )
            for reminder in Reminder.objects.all():
                assert reminder.attempts >= 3
                assert "451" in reminder.last_error and "försökt sedan" in reminder.last_error
            # WHEN the server accepts again and an administrator resends all failed ones
            sink.refuse_until = None
            client.force_login(world.admin)
            response = client.post(reverse("reminders:admin_resend_failed"))
            assert response.status_code == 302
            # THEN every one is sent, once
            wait_until(
                lambda: Reminder.objects.filter(status=Reminder.Status.SENT).count() == planned,
                60,
                f"all resent\n{worker.log()}",
                interval=0.3,
            )
        finally:
            worker.kill()
    assert set(recipients) <= set(sink.per_recipient())
    assert set(sink.per_recipient().values()) == {1}
