"""The history as one list: every source's historical rows (and the security events) in one
UNION query ordered by time, paged in the database; then the rows of one page are read with
a bounded number of queries (per source and per related model, never per row)."""

from collections import defaultdict
from dataclasses import dataclass, field
from datetime import date, datetime

from django.contrib.auth import get_user_model
from django.db.models import CharField, F, OuterRef, Q, Subquery, Value
from django.utils.translation import gettext as _

from agreements.models import Agreement

from .models import SecurityEvent
from .sources import SOURCES, Source, sources_by_key
from .values import Change, changes_between, display, tracked_fields, values_set

SECURITY_PREFIX = "security:"


def action_label(history_type: str) -> str:
    return {"+": _("Skapades"), "~": _("Ändrades"), "-": _("Togs bort")}[history_type]


@dataclass
class Entry:
    at: datetime
    action: str
    what: str
    title: str
    user: object = None
    changes: list[Change] = field(default_factory=list)
    agreement: tuple[int, str] | None = None
    history_type: str = ""
    detail: str = ""
    # Saved, compared with the row before, and no field differs.
    unchanged: bool = False


def kind_choices() -> list[tuple[str, str]]:
    """The "what kind" filter: every source, then the security events."""
    choices = [(s.key, s.label) for s in sorted(SOURCES, key=lambda s: s.order)]
    return choices + [(SECURITY_PREFIX + v, str(label)) for v, label in SecurityEvent.Kind.choices]


def log_rows(
    *,
    agreement_pk: int | None = None,
    kinds: set[str] | None = None,
    who: str = "",
    date_from: date | None = None,
    date_to: date | None = None,
):
    """(key, ref, at) of every matching history row and security event, newest first, as one
    queryset (a UNION). ``who`` matches a user's username or name (and what a failed login
    typed). With ``agreement_pk`` there are no security events."""
    users = None
    if who:
        users = (
            get_user_model()
            .objects.filter(
                Q(username__icontains=who)
                | Q(first_name__icontains=who)
                | Q(last_name__icontains=who)
            )
            .values("pk")
        )
    parts = []
    for source in SOURCES:
        if kinds is not None and source.key not in kinds:
            continue
        rows = source.history_model.objects.order_by()
        if agreement_pk is not None:
            rows = rows.filter(source.for_agreement(agreement_pk))
        if users is not None:
            rows = rows.filter(history_user_id__in=users)
        if date_from:
            rows = rows.filter(history_date__date__gte=date_from)
        if date_to:
            rows = rows.filter(history_date__date__lte=date_to)
        parts.append(_columns(rows, source.key, "history_id", "history_date"))
    if agreement_pk is None:
        for kind in SecurityEvent.Kind.values:
            key = SECURITY_PREFIX + kind
            if kinds is not None and key not in kinds:
                continue
            events = SecurityEvent.objects.order_by().filter(kind=kind)
            if users is not None:
                events = events.filter(Q(user_id__in=users) | Q(username__icontains=who))
            if date_from:
                events = events.filter(created_at__date__gte=date_from)
            if date_to:
                events = events.filter(created_at__date__lte=date_to)
            parts.append(_columns(events, key, "pk", "created_at"))
    if not parts:
        return []
    return parts[0].union(*parts[1:], all=True).order_by("-at", "-ref")


def _columns(rows, key, ref, at):
    return rows.annotate(k=Value(key, output_field=CharField()), ref=F(ref), at=F(at)).values_list(
        "k", "ref", "at"
    )


def entries_for(rows, *, with_agreement: bool = False) -> list[Entry]:
    """The entries of one page of ``log_rows``, in the same order."""
    refs = defaultdict(list)
    for key, ref, _at in rows:
        refs[key].append(ref)
    sources = sources_by_key()
    loaded = {}  # (key, ref) -> (source or None, row, previous row)
    names_wanted = defaultdict(set)
    user_ids = set()
    for key, key_refs in refs.items():
        if key.startswith(SECURITY_PREFIX):
            for event in SecurityEvent.objects.filter(pk__in=key_refs):
                loaded[key, event.pk] = (None, event, None)
                user_ids.add(event.user_id)
            continue
        source = sources[key]
        history_rows, previous = _history_rows(source, key_refs, with_agreement)
        fields = tracked_fields(source.model, source.history_model)
        for row in history_rows:
            loaded[key, row.history_id] = (source, row, previous.get(row.prev_ref))
            user_ids.add(row.history_user_id)
            for model_field in fields:
                if model_field.is_relation:
                    for version in (row, previous.get(row.prev_ref)):
                        value = version and getattr(version, model_field.attname)
                        if value is not None:
                            names_wanted[model_field.related_model].add(value)
    names = _names(names_wanted)
    users = _users(user_ids)
    agreements = {}
    if with_agreement:
        ids = {row.agreement_ref for s, row, _p in loaded.values() if s is not None}
        agreements = dict(Agreement.objects.filter(pk__in=ids - {None}).values_list("pk", "title"))
    entries = []
    for key, ref, _at in rows:
        source, row, previous = loaded[key, ref]
        if source is None:
            entries.append(_security_entry(row, users))
            continue
        entry = _history_entry(source, row, previous, names)
        entry.user = users.get(row.history_user_id)
        if with_agreement and row.agreement_ref in agreements:
            entry.agreement = (row.agreement_ref, agreements[row.agreement_ref])
        entries.append(entry)
    return entries


def _history_rows(source: Source, refs, with_agreement):
    model = source.history_model
    earlier = model.objects.filter(
        id=OuterRef("id"), history_id__lt=OuterRef("history_id")
    ).order_by("-history_id")
    rows = model.objects.filter(history_id__in=refs).annotate(
        prev_ref=Subquery(earlier.values("history_id")[:1])
    )
    if with_agreement:
        rows = rows.annotate(agreement_ref=F(source.agreement_path))
    rows = list(rows)
    prev_refs = {row.prev_ref for row in rows if row.history_type == "~" and row.prev_ref}
    previous = {p.history_id: p for p in model.objects.filter(history_id__in=prev_refs)}
    return rows, previous


def _names(wanted: dict) -> dict:
    """(model, pk) -> name, one query per related model; a deleted row is named from its
    history where the model keeps one."""
    names = {}
    for model, pks in wanted.items():
        found = {obj.pk: str(obj) for obj in model._base_manager.filter(pk__in=pks)}
        missing = pks - found.keys()
        if missing and hasattr(model, "history"):
            for old in model.history.filter(id__in=missing).order_by("history_date"):
                title = getattr(old, "name", None) or getattr(old, "title", None)
                if title:
                    found[old.id] = _("%(name)s (borttagen)") % {"name": title}
        names.update({(model, pk): name for pk, name in found.items()})
    return names


def _users(ids) -> dict:
    ids = ids - {None}
    if not ids:
        return {}
    return {u.pk: u for u in get_user_model().objects.select_related("party").filter(pk__in=ids)}


def _history_entry(source: Source, row, previous, names) -> Entry:
    model_meta = source.model._meta
    title_parts = []
    for name in source.title_fields:
        model_field = model_meta.get_field(name)
        value = getattr(row, model_field.attname)
        if value not in (None, ""):
            title_parts.append(display(model_field, value, names))
    fields = tracked_fields(source.model, source.history_model)
    changes, compared = [], False
    if row.history_type == "~" and previous is not None:
        changes, compared = changes_between(fields, previous, row, names), True
    elif row.history_type == "+":
        # The agreement a row belongs to is the page it is on: not repeated as a value.
        changes = values_set(fields, row, names, skip=("agreement",))
    return Entry(
        at=row.history_date,
        action=action_label(row.history_type),
        what=str(model_meta.verbose_name).capitalize(),
        title=", ".join(title_parts),
        changes=changes,
        history_type=row.history_type,
        unchanged=compared and not changes,
    )


def _security_entry(event: SecurityEvent, users) -> Entry:
    return Entry(
        at=event.created_at,
        action="",
        what=event.get_kind_display(),
        title=event.username,
        user=users.get(event.user_id),
        detail=" ".join(
            part
            for part in (event.path, str(event.status_code or ""), event.ip_address or "")
            if part
        ),
        history_type="security",
    )
