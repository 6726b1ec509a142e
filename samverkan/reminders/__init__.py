"""Reminders that arrive exactly once: the core's reminder row, planner and sending task.

The wings (agreements, indicators, meetings) register their kinds of reminder with
``samverkan.reminders.registry.register_kind`` from their own ``reminders.py``, called from
their ``AppConfig.ready``. The core knows no domain app. See docs/reminders.md.
"""
