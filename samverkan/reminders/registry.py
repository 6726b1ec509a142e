"""Kinds of reminder that the wings register, as Django's admin autodiscovers.

A wing writes a ``reminders.py`` with its kinds and calls ``register_kind`` for each from its
``AppConfig.ready``::

    register_kind(ReminderKind(
        key="agreements.appendix_overdue",
        label=_("Bilaga som inte är upprättad i tid"),
        optional=True,
        plan=plan_overdue_appendices,      # (today: date) -> iterable of PlannedReminder
        render=render_overdue_appendix,    # (Reminder) -> Rendered
    ))

``plan`` must make a constant number of queries however many agreements there are (load in
bulk, ``select_related``/``prefetch_related``, group in Python): the planner's query count is
the sum of the kinds'. ``render`` is called once per planned reminder, on an unsaved
``Reminder`` whose ``target`` is the planned object and whose ``context`` is the planned
context, and must not query: what it returns is stored on the row.
"""

from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from datetime import date
from typing import Any


@dataclass(frozen=True)
class PlannedReminder:
    """What a kind's ``plan`` yields: one object and occasion, to some people."""

    target: Any  # a saved model instance
    occasion: str  # e.g. "2025-08-31:-30d"; the unique key's time part
    recipients: Iterable[int]  # user ids
    context: dict = field(default_factory=dict)  # JSON-serialisable; kept on the row


@dataclass(frozen=True)
class Rendered:
    """A reminder as people read it, in Swedish."""

    subject: str
    body: str  # plain text; paragraphs separated by blank lines
    link: str = ""  # a path in the portal (made absolute with SITE_URL) or a full URL


@dataclass(frozen=True)
class Attachment:
    """A file sent with a reminder's e-mail, e.g. a meeting's invitation (.ics)."""

    filename: str
    content: bytes
    # May carry parameters, e.g. "text/calendar; method=REQUEST"; not the charset, which the
    # sender sets (UTF-8) for text.
    mimetype: str
    # Also offered as an alternative body part (how Outlook and Gmail find an invitation).
    inline_alternative: bool = False


@dataclass(frozen=True)
class ReminderKind:
    key: str
    label: str
    # Optional kinds can be turned off by each person; escalations (optional=False) cannot.
    optional: bool
    render: Callable[[Any], Rendered]
    # None for a kind of event (see the module's docstring): the planner skips it.
    plan: Callable[[date], Iterable[PlannedReminder]] | None = None
    order: int = 100
    attachments: Callable[[Any], list[Attachment]] | None = None
    # Whether a person who chose the daily digest gets this kind in it rather than at once.
    digest: bool = True


_kinds: dict[str, ReminderKind] = {}


def register_kind(kind: ReminderKind) -> None:
    _kinds[kind.key] = kind


def unregister_kind(key: str) -> None:
    """For tests that register a kind of their own."""
    _kinds.pop(key, None)


def kinds() -> list[ReminderKind]:
    return sorted(_kinds.values(), key=lambda k: (k.order, k.key))


def get_kind(key: str) -> ReminderKind | None:
    return _kinds.get(key)


def kind_label(key: str) -> str:
    kind = _kinds.get(key)
    return str(kind.label) if kind else key
