"""Celery tasks of the portal itself."""

from celery import shared_task

from .queue import queue_sweep


@shared_task(name="queue.sweep", ignore_result=True)
def sweep() -> dict[str, int]:
    """Beat runs this every few minutes (see CELERY_BEAT_SCHEDULE): once-only work left
    waiting or abandoned by a dead worker is handed to a worker again."""
    return queue_sweep()
