"""The one way to hand work to Celery, and the sweep that hands it over again.

Every piece of once-only work is a row first and a message second: the row (a reminder, a
signed PDF, a Kolada run) says what is still to do, the message only says "look at row n".
So:

- Tasks are published after the transaction commits (never before their row exists), through
  ``enqueue_on_commit`` / ``enqueue_each_on_commit`` only; ``tests/samverkan/test_queue.py``
  fails if any other module calls ``.delay`` or ``.apply_async``.
- A publish that fails because Redis is unreachable is logged, never raised to the user; the
  row stays waiting.
- Every few minutes beat runs ``queue.sweep`` (``samverkan/tasks.py``), which asks every
  registered sweeper to enqueue the rows left waiting, or claimed by a worker that died, for
  too long. Enqueuing a row twice is harmless: each task claims its row under a lock and does
  only what is still missing.
"""

import logging
from collections.abc import Callable, Iterable
from dataclasses import dataclass

from django.db import transaction
from kombu.exceptions import OperationalError as KombuOperationalError
from redis.exceptions import ConnectionError as RedisConnectionError
from redis.exceptions import TimeoutError as RedisTimeoutError

logger = logging.getLogger(__name__)

# What a publish raises when the broker is down.
BROKER_ERRORS = (KombuOperationalError, RedisConnectionError, RedisTimeoutError, OSError)


def _eager(task) -> bool:
    return bool(task.app.conf.task_always_eager)


def publish_each(
    task,
    calls: Iterable[tuple[tuple, dict]],
    *,
    countdown: float | None = None,
    on_broker_down: Callable[[list[tuple[tuple, dict]]], None] | None = None,
) -> int:
    """Publish one message per ``(args, kwargs)``; returns how many were handed over.

    Stops at the first broker failure (a dead broker would make each further try wait for
    its timeout), logs it and passes the calls not handed over to ``on_broker_down``.
    With eager Celery (no Redis) each task runs here, and an error in one is logged so the
    others still run; a delayed publish (``countdown``) cannot be honoured in-process and is
    treated like a broker that is down: the rows wait for the sweep.
    """
    calls = list(calls)
    eager = _eager(task)
    if eager and countdown:
        if on_broker_down:
            on_broker_down(calls)
        return 0
    handed_over = 0
    for index, (args, kwargs) in enumerate(calls):
        if eager:
            try:
                task.apply_async(args=args, kwargs=kwargs)
            except Exception:
                logger.exception("%s%r failed when run in-process.", task.name, args)
            handed_over += 1
            continue
        try:
            task.apply_async(args=args, kwargs=kwargs, countdown=countdown)
        except BROKER_ERRORS as exc:
            left = calls[index:]
            logger.error(
                "Could not enqueue %d × %s (broker unavailable: %s); the sweep will retry.",
                len(left),
                task.name,
                exc,
            )
            if on_broker_down:
                on_broker_down(left)
            break
        handed_over += 1
    return handed_over


def publish(task, *args, countdown: float | None = None, **kwargs) -> bool:
    """Publish one message now; False (and a log line) if the broker is unreachable."""
    return publish_each(task, [(args, kwargs)], countdown=countdown) == 1


def enqueue_each_on_commit(
    task,
    calls: Iterable[tuple[tuple, dict]],
    *,
    countdown: float | None = None,
    on_broker_down: Callable[[list[tuple[tuple, dict]]], None] | None = None,
) -> None:
    """``publish_each`` once the current transaction commits (at once outside one)."""
    calls = list(calls)
    if calls:
        transaction.on_commit(
            lambda: publish_each(task, calls, countdown=countdown, on_broker_down=on_broker_down),
            robust=True,
        )


def enqueue_on_commit(task, *args, countdown: float | None = None, **kwargs) -> None:
    """Publish ``task`` once the current transaction commits; never raises for the broker."""
    enqueue_each_on_commit(task, [(args, kwargs)], countdown=countdown)


# --- The sweep ----------------------------------------------------------------------------


@dataclass(frozen=True)
class Sweeper:
    """One kind of once-only work: ``sweep()`` enqueues what is left waiting or abandoned
    and returns how many rows it handed over."""

    key: str
    sweep: Callable[[], int]


_sweepers: dict[str, Sweeper] = {}


def sweeper_register(*, key: str, sweep: Callable[[], int]) -> None:
    """Called from an app's ``ready()``; registering a key again replaces it."""
    _sweepers[key] = Sweeper(key=key, sweep=sweep)


def sweepers() -> list[Sweeper]:
    return sorted(_sweepers.values(), key=lambda s: s.key)


def queue_sweep() -> dict[str, int]:
    """Run every sweeper; one that fails is logged and does not stop the others."""
    result = {}
    for sweeper in sweepers():
        try:
            result[sweeper.key] = sweeper.sweep()
        except Exception:
            logger.exception("Sweeper %s failed.", sweeper.key)
            result[sweeper.key] = -1
    return result
