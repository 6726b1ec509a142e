"""Enqueuing Celery tasks so that the web never fails because the broker is down.

Tasks are published after the transaction commits (so they never run before their data
exists), and a publish that fails because Redis is unreachable is logged, not raised: the
work it stood for must be picked up again by something periodic (for reminders, the next
planning run).
"""

import logging

from django.db import transaction
from kombu.exceptions import OperationalError as KombuOperationalError
from redis.exceptions import ConnectionError as RedisConnectionError
from redis.exceptions import TimeoutError as RedisTimeoutError

logger = logging.getLogger(__name__)

# What a publish raises when the broker is down.
BROKER_ERRORS = (KombuOperationalError, RedisConnectionError, RedisTimeoutError, OSError)


def publish(task, *args, **kwargs) -> bool:
    """``task.apply_async``; False (and a log line) if the broker is unreachable."""
    try:
        task.apply_async(args=args, kwargs=kwargs)
    except BROKER_ERRORS as exc:
        if task.app.conf.task_always_eager:
            raise  # eager: the error came from the task itself, not a broker
        logger.error("Could not enqueue %s (broker unavailable: %s).", task.name, exc)
        return False
    return True


def enqueue_on_commit(task, *args, **kwargs) -> None:
    """Publish ``task`` once the current transaction commits; never raises for the broker."""
    transaction.on_commit(lambda: publish(task, *args, **kwargs), robust=True)
