"""Values as a person reads them in the history: Swedish field names, choices by their label,
foreign keys by name, long text as a word-by-word diff."""

import datetime
import difflib
import re
from dataclasses import dataclass, field
from decimal import Decimal

from django.db import models
from django.utils import timezone
from django.utils.formats import date_format, number_format
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

# Foreign keys whose model field has no Swedish verbose_name of its own.
FALLBACK_NAMES = {
    "agreement": gettext_lazy("överenskommelse"),
    "goal": gettext_lazy("mål"),
    "indicator": gettext_lazy("indikator"),
    "period": gettext_lazy("period"),
    "group": gettext_lazy("grupp"),
    "job_track": gettext_lazy("jobbspår"),
    "meeting": gettext_lazy("möte"),
}

LONG_TEXT = 120
_WORDS = re.compile(r"\s+|[^\s]+")


def field_label(model_field) -> str:
    name = model_field.verbose_name
    if str(name) == model_field.name.replace("_", " ") and model_field.name in FALLBACK_NAMES:
        name = FALLBACK_NAMES[model_field.name]
    text = str(name)
    return text[:1].upper() + text[1:]


def tracked_fields(model, history_model) -> list:
    """The model's fields that its history keeps, in the model's order (not the pk)."""
    kept = {f.name for f in history_model._meta.fields}
    return [f for f in model._meta.fields if f.name in kept and not f.primary_key]


@dataclass
class Segment:
    kind: str  # "same", "removed" or "added"
    text: str


@dataclass
class Change:
    label: str
    before: str
    after: str
    segments: list[Segment] = field(default_factory=list)

    @property
    def is_text(self) -> bool:
        return bool(self.segments)


def is_long_text(model_field, *values) -> bool:
    return isinstance(model_field, models.TextField) or any(
        isinstance(v, str) and len(v) > LONG_TEXT for v in values
    )


def _lines(text) -> str:
    # A browser sends a textarea's lines ending in CRLF; the reader sees no difference.
    return (text or "").replace("\r\n", "\n")


def text_diff(before: str, after: str) -> list[Segment]:
    """Word by word: what stayed, what was removed, what was added."""
    old, new = _WORDS.findall(_lines(before)), _WORDS.findall(_lines(after))
    segments: list[Segment] = []

    def add(kind, words):
        text = "".join(words)
        if not text:
            return
        if segments and segments[-1].kind == kind:
            segments[-1].text += text
        else:
            segments.append(Segment(kind, text))

    for op, a1, a2, b1, b2 in difflib.SequenceMatcher(None, old, new, autojunk=False).get_opcodes():
        if op == "equal":
            add("same", old[a1:a2])
        else:
            add("removed", old[a1:a2])
            add("added", new[b1:b2])
    return segments


def display(model_field, value, names: dict) -> str:
    """One value as text. ``names`` maps (related model, pk) to a name."""
    if value is None or value == "":
        return "–"
    if model_field.is_relation:
        return names.get((model_field.related_model, value)) or _("#%(pk)s (borttagen)") % {
            "pk": value
        }
    if model_field.flatchoices:
        return str(dict(model_field.flatchoices).get(value, value))
    if isinstance(value, bool):
        return _("Ja") if value else _("Nej")
    if isinstance(value, datetime.datetime):
        return date_format(timezone.localtime(value), "Y-m-d H:i")
    if isinstance(value, datetime.date):
        return date_format(value, "j F Y")
    if isinstance(value, Decimal | float):
        return number_format(value, use_l10n=True)
    return str(value)


def values_set(fields, new, names: dict, *, skip: tuple[str, ...] = ()) -> list[Change]:
    """A new row's values, as changes from nothing: every short field that is filled in (a
    long text would fill the page; its later edits show as diffs)."""
    result = []
    for model_field in fields:
        value = getattr(new, model_field.attname)
        if model_field.name in skip or value in (None, "") or is_long_text(model_field, value):
            continue
        result.append(Change(field_label(model_field), "–", display(model_field, value, names)))
    return result


def changes_between(fields, old, new, names: dict) -> list[Change]:
    """The fields that differ between two historical rows of one object."""
    result = []
    for model_field in fields:
        before, after = getattr(old, model_field.attname), getattr(new, model_field.attname)
        if before == after or (isinstance(before, str) and _lines(before) == _lines(after)):
            continue
        change = Change(
            field_label(model_field),
            display(model_field, before, names),
            display(model_field, after, names),
        )
        if not model_field.is_relation and is_long_text(model_field, before, after):
            change.segments = text_diff(before or "", after or "")
        result.append(change)
    return result
