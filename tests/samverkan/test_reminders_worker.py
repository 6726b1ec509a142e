"""Integration: a real Celery worker on real Redis, sending to a real SMTP server.

The worker runs as ``celery -A samverkan worker`` in a subprocess against this run's test
database (hence ``transaction=True``: the subprocess must see committed rows).
"""

import logging
import time
from datetime import date

import pytest
import redis
from django.urls import reverse

from agreements.models import Appendix
from samverkan.celery import app as celery_app
from samverkan.models import User
from samverkan.queue import publish
from samverkan.reminders.models import Reminder
from samverkan.reminders.tasks import plan_and_enqueue, plan_reminders
from tests.factories import AgreementFactory, AppendixFactory, PartyFactory

from .reminder_worker import (
    Worker,
    flush_redis,
    free_port,
    manage,
    redis_url,
    smtp_sink,
    subprocess_env,
    wait_until,
)

TODAY = "2025-09-01"


def overdue_appendix_for(n: int) -> list[str]:
    """One overdue appendix whose responsible party has n officials: n reminders."""
    party = PartyFactory(name="Vallentuna kommun (test)")
    User.objects.bulk_create(
        [
            User(
                username=f"handlaggare{i}",
                first_name=f"Handläggare {i}",
                email=f"handlaggare{i}@vallentuna.test",
                party=party,
                role=User.Role.OFFICIAL,
            )
            for i in range(n)
        ]
    )
    AppendixFactory(
        agreement=AgreementFactory(parties=[party]),
        responsible_party=party,
        due_date=date(2025, 6, 30),
        state=Appendix.State.PLANNED,
    )
    return [f"handlaggare{i}@vallentuna.test" for i in range(n)]


def sent_count() -> int:
    return Reminder.objects.filter(status=Reminder.Status.SENT).count()


@pytest.mark.worker
@pytest.mark.django_db(transaction=True)
def test_a_worker_killed_mid_batch_and_restarted_sends_every_reminder_exactly_once(tmp_path):
    url = redis_url()
    flush_redis(url)
    recipients = overdue_appendix_for(200)
    # The SMTP server holds every RCPT once 60 messages are in: the pool's processes are then
    # all mid-conversation (claimed, not yet accepted by the server) when the kill lands.
    with smtp_sink(hold_after=60) as (sink, port):
        env = subprocess_env(
            smtp_port=port,
            redis=url,
            REMINDER_SENDING_STALE_SECONDS=2,  # the killed worker's claims go stale quickly
            REMINDER_REQUEUE_AFTER_SECONDS=0,  # the next plan re-enqueues every waiting row
            CELERY_VISIBILITY_TIMEOUT=5,  # Redis hands the killed worker's messages back
            CELERY_UNACKED_RESTORE_INTERVAL=1,
            CELERY_UNACKED_RESTORE_THROTTLE=1,
        )
        first = Worker(env, tmp_path / "worker-1.log")
        second = Worker(env, tmp_path / "worker-2.log")
        try:
            # GIVEN 200 reminders planned and enqueued
            assert "planned=200 enqueued=200" in manage(env, "plan_reminders", "--today", TODAY)
            # WHEN a worker is killed with SIGKILL in the middle of the batch
            first.start()
            assert sink.holding.wait(90), first.log()
            time.sleep(0.5)
            first.kill()
            accepted = sink.count()
            assert 60 <= accepted < 200
            assert sent_count() == accepted, "every accepted mail was marked sent before the kill"
            assert Reminder.objects.filter(status=Reminder.Status.SENDING).exists()
            sink.hold_after = None
            sink.release.set()
            # AND a worker is started again, and the next planning run comes
            second.start()
            time.sleep(2.5)
            manage(env, "plan_reminders", "--today", TODAY)
            wait_until(lambda: sent_count() == 200, 120, f"all sent\n{second.log()}")
            # Let the duplicate messages (re-enqueued, handed back by Redis) drain too.
            broker = redis.Redis.from_url(url)
            wait_until(
                lambda: broker.llen("celery") == 0 and broker.hlen("unacked") == 0,
                60,
                f"queue drained\n{second.log()}",
            )
            time.sleep(1)
        finally:
            first.kill()
            second.kill()
            flush_redis(url)
    # THEN every recipient has exactly one e-mail
    per_recipient = sink.per_recipient()
    assert set(per_recipient) == set(recipients)
    assert set(per_recipient.values()) == {1}, per_recipient.most_common(3)
    assert not Reminder.objects.exclude(status=Reminder.Status.SENT).exists()
    assert Reminder.objects.filter(attempts=2).exists()  # the in-flight ones, sent again


@pytest.mark.worker
@pytest.mark.django_db(transaction=True)
def test_a_mail_server_refusing_the_first_attempts_gets_each_mail_exactly_once(tmp_path):
    url = redis_url()
    flush_redis(url)
    recipients = overdue_appendix_for(20)
    with smtp_sink(refuse_first=2) as (sink, port):
        env = subprocess_env(smtp_port=port, redis=url, REMINDER_RETRY_BACKOFF_SECONDS=0.5)
        worker = Worker(env, tmp_path / "worker.log")
        try:
            manage(env, "plan_reminders", "--today", TODAY)
            worker.start()
            wait_until(lambda: sent_count() == 20, 120, f"all sent\n{worker.log()}")
            time.sleep(1)
        finally:
            worker.kill()
            flush_redis(url)
    assert sink.per_recipient() == dict.fromkeys(recipients, 1)
    assert sink.refused == dict.fromkeys(recipients, 2)
    assert set(Reminder.objects.values_list("attempts", flat=True)) == {3}
    assert all("451" in e for e in Reminder.objects.values_list("last_error", flat=True))


@pytest.fixture
def broker_down():
    """Celery pointed at a port where nothing listens, as when Redis is stopped."""
    saved = {
        "task_always_eager": celery_app.conf.task_always_eager,
        "broker_url": celery_app.conf.broker_url,
    }

    def reset_pools():
        celery_app._pool = None
        celery_app.amqp._producer_pool = None

    def restore():
        celery_app.conf.update(saved)
        reset_pools()

    celery_app.conf.task_always_eager = False
    celery_app.conf.broker_url = f"redis://127.0.0.1:{free_port()}/0"
    reset_pools()
    yield restore
    restore()


@pytest.mark.worker
@pytest.mark.django_db(transaction=True)
def test_with_redis_down_the_web_works_and_reminders_wait_for_the_next_plan(
    client, world, broker_down, caplog, mailoutbox
):
    # GIVEN Redis is down and a reminder is due
    AppendixFactory(
        agreement=world.agreement,
        responsible_party=world.municipality,
        due_date=date(2025, 6, 30),
    )
    # WHEN an official saves an agreement
    client.force_login(world.official)
    url = reverse("agreements:section_edit", kwargs={"pk": world.agreement.pk, "section": 2})
    form = client.get(url).context["form"]
    data = {name: form[name].value() or "" for name in form.fields}
    data["text_purpose"] = "Ny syftestext, sparad medan Redis är nere."
    started = time.monotonic()
    response = client.post(url, data)
    # THEN it is saved
    assert response.status_code == 302
    world.agreement.refresh_from_db()
    assert world.agreement.text_purpose.startswith("Ny syftestext")
    # WHEN the planner runs and cannot reach the broker
    with caplog.at_level(logging.ERROR, logger="samverkan.queue"):
        result = plan_and_enqueue(today=date(2025, 9, 1))
    # THEN nothing raises, the failure is logged, and the reminder waits for the sweep
    assert time.monotonic() - started < 20
    assert result.to_enqueue
    assert "broker unavailable" in caplog.text
    reminder = Reminder.objects.get()
    assert reminder.status == Reminder.Status.WAITING
    assert reminder.enqueued_at is None
    assert mailoutbox == []
    # WHEN Redis is back (here: eager Celery) and the next planning run comes
    broker_down()
    plan_and_enqueue(today=date(2025, 9, 2))
    # THEN the reminder is sent, once
    reminder.refresh_from_db()
    assert reminder.status == Reminder.Status.SENT
    assert len(mailoutbox) == 1


@pytest.mark.worker
def test_publishing_any_task_with_redis_down_is_logged_not_raised(broker_down, caplog):
    with caplog.at_level(logging.ERROR, logger="samverkan.queue"):
        assert publish(plan_reminders, "2025-09-01") is False
    assert "broker unavailable" in caplog.text
