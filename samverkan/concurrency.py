"""Optimistic concurrency: nobody silently overwrites someone else, and a save writes only what
its form changed.

This is the portal's one locking mechanism for everything a person edits (agreement particulars
and sections, the report's analysis, goals, groups, meetings and minutes, jobbspår, kartläggning,
the agreement's lists):

1. A form is opened with a *fingerprint* of the stored values it shows (``fingerprint`` for the
   fields of one row, ``rows_fingerprint`` for a list of rows).
2. On save, in one transaction, the row is locked (``select_for_update``) and read again. When
   the fingerprint of the stored values differs from the one the form was opened with, the save
   is refused with ``EditConflict``: the person is told in Swedish and keeps what they typed.
3. Otherwise only the fields whose values differ from the freshly read row are written
   (``update_fields``). An instance loaded before the lock is never written back whole, so two
   people saving different sections of one agreement at the same moment both keep their text.
"""

import hashlib
import json
import uuid
from collections.abc import Callable, Iterable

from django import forms
from django.core.validators import MaxLengthValidator
from django.db import IntegrityError, models, transaction
from django.forms.models import model_to_dict
from django.utils.translation import gettext_lazy as _

from .models import FormSubmission

CONFLICT_MESSAGE = _(
    "Någon annan har sparat ändringar i samma uppgifter medan du skrev. "
    "Din text finns kvar i formuläret. Jämför med den sparade versionen nedan "
    "och spara igen när du har fört in det som ska vara kvar."
)

# The longest text one field takes: about 40 pages, far beyond any agreement section, and well
# inside DATA_UPLOAD_MAX_MEMORY_SIZE, so a too-long text is refused at its field and kept.
TEXT_MAX_LENGTH = 100_000


class EditConflict(Exception):
    """Someone saved the same data after this person opened it; ``current`` is what is stored."""

    def __init__(self, current=None):
        super().__init__("edit conflict")
        self.current = current


def _digest(data) -> str:
    raw = json.dumps(data, sort_keys=True, default=str, ensure_ascii=False)
    return hashlib.sha256(raw.encode("utf-8")).hexdigest()


def _plain(value):
    return value.pk if hasattr(value, "pk") else value


def fingerprint(instance, fields) -> str:
    """The fingerprint of one row's stored values for ``fields``."""
    return _digest({name: _plain(getattr(instance, name, None)) for name in fields})


def rows_fingerprint(rows: Iterable) -> str:
    """The fingerprint of a list of rows (dicts or tuples of plain values), order included."""
    return _digest([r if isinstance(r, dict | list | tuple) else _plain(r) for r in rows])


def list_fingerprint(queryset) -> str:
    """The fingerprint of a stored list of rows (an agreement's parties, a group's members)."""
    return rows_fingerprint(model_to_dict(obj) for obj in queryset.order_by("pk"))


def row_lock(instance):
    """The row of ``instance`` locked for this transaction and read again from the database."""
    return type(instance)._default_manager.select_for_update().get(pk=instance.pk)


def _auto_now_fields(model) -> list[str]:
    return [
        f.name
        for f in model._meta.concrete_fields
        if isinstance(f, models.DateField) and getattr(f, "auto_now", False)
    ]


def row_update(
    *,
    instance,
    values: dict,
    base_fingerprint: str | None = None,
    guarded_fields: Iterable[str] | None = None,
    check: Callable | None = None,
):
    """Write ``values`` to the row of ``instance``, under its lock, touching no other field.

    With ``base_fingerprint`` the guarded fields (by default the keys of ``values``) must still
    hold what the person saw, or ``EditConflict`` is raised and nothing is written. ``check``
    is called with the locked row before writing, for rules that must hold under the lock
    (raise ``ValidationError`` to refuse). Returns the locked, updated row.
    """
    guarded = list(guarded_fields) if guarded_fields is not None else list(values)
    with transaction.atomic():
        current = row_lock(instance)
        if check is not None:
            check(current)
        if base_fingerprint is not None and fingerprint(current, guarded) != base_fingerprint:
            raise EditConflict(current)
        changed = [name for name, value in values.items() if getattr(current, name) != value]
        if changed:
            for name in changed:
                setattr(current, name, values[name])
            if getattr(instance, "_history_user", None) is not None:
                current._history_user = instance._history_user
            current.save(update_fields=changed + _auto_now_fields(type(current)))
        return current


def list_save_guarded(*, parent, formset, base_fingerprint: str | None):
    """Save an inline formset (a list that belongs to ``parent``) under the parent's row lock.

    With ``base_fingerprint`` (``list_fingerprint`` when the page was opened) raises
    ``EditConflict`` when someone changed the list meanwhile; nothing is written then.
    """
    with transaction.atomic():
        row_lock(parent)
        current = formset.model._default_manager.filter(**{formset.fk.name: parent})
        if base_fingerprint is not None and list_fingerprint(current) != base_fingerprint:
            raise EditConflict(current)
        return formset.save()


class ConflictChange:
    def __init__(self, field, label, theirs, mine):
        self.field, self.label, self.theirs, self.mine = field, label, theirs, mine


class ConcurrencyGuardedForm(forms.ModelForm):
    """A ModelForm that writes only its own changed fields and refuses to overwrite changes
    saved after it was opened.

    The view calls ``save_guarded()`` (or a service that calls ``row_update`` and the view
    passes its ``EditConflict`` to ``show_conflict``); on a conflict it returns False, with a
    form error and ``self.conflicts`` filled, and the form still holds what the person typed.
    """

    base_fingerprint = forms.CharField(widget=forms.HiddenInput, required=False)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.conflicts: list[ConflictChange] = []
        for field in self.fields.values():
            # Model text fields have no length limit; without one a pasted 3 MB text would be
            # refused by the request size limit in English and lost.
            if (
                isinstance(field, forms.CharField)
                and not isinstance(field, forms.UUIDField)
                and field.max_length is None
            ):
                field.validators.append(
                    MaxLengthValidator(
                        TEXT_MAX_LENGTH,
                        message=_(
                            "Texten är för lång: högst %(limit_value)s tecken får plats, "
                            "och den här har %(show_value)s. Din text finns kvar; korta den "
                            "eller lägg det som inte får plats i en bilaga."
                        ),
                    )
                )
        if self.instance.pk and not self.is_bound:
            self.initial["base_fingerprint"] = fingerprint(self.instance, self.guarded_fields())

    def guarded_fields(self):
        return [name for name in self.fields if name != "base_fingerprint"]

    def row_values(self) -> dict:
        """The cleaned values of the form's own columns of the row (many-to-many aside)."""
        return {
            f.name: self.cleaned_data[f.name]
            for f in self._meta.model._meta.concrete_fields
            if f.name in self.fields
            and f.name in self.cleaned_data
            and not f.primary_key
            and not isinstance(f, models.FileField)
        }

    def save_guarded(self, commit_hook=None):
        """Save the fields this form changed under a row lock, unless someone else changed the
        guarded fields meanwhile. Returns the saved object, or False on a conflict."""
        with transaction.atomic():
            if not self.instance.pk:
                obj = self.save()
            else:
                try:
                    obj = row_update(
                        instance=self.instance,
                        values=self.row_values(),
                        base_fingerprint=self.cleaned_data.get("base_fingerprint") or "",
                        guarded_fields=self.guarded_fields(),
                    )
                except EditConflict as conflict:
                    self.show_conflict(conflict.current)
                    return False
                self.instance = obj
                self._save_m2m()
            if commit_hook:
                commit_hook(obj)
            return obj

    def show_conflict(self, current):
        """Tell the person someone saved first, list what is stored now, keep their text."""
        for name in self.guarded_fields():
            theirs = getattr(current, name, None)
            mine = self.cleaned_data.get(name)
            if hasattr(theirs, "pk"):
                theirs = str(theirs)
            if hasattr(mine, "pk"):
                mine = str(mine)
            if theirs == mine:
                continue
            self.conflicts.append(ConflictChange(name, self.fields[name].label, theirs, mine))
        # The next submit, after reading the changes, compares with what is stored now.
        self.rebase(current)
        self.add_error(None, CONFLICT_MESSAGE)

    def rebase(self, current):
        """Carry the fingerprint of what is stored now, for a form shown again after a save
        that succeeded (e.g. the analysis saved before a question about the submit)."""
        data = self.data.copy()
        data[self.add_prefix("base_fingerprint")] = fingerprint(current, self.guarded_fields())
        self.data = data


class CreateOnceFormMixin(forms.Form):
    """A create form carrying a one-time key, so sending it twice creates once
    (see ``form_submission_create_once``)."""

    submission_key = forms.UUIDField(widget=forms.HiddenInput, required=False)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if not self.is_bound:
            self.initial["submission_key"] = uuid.uuid4()


def form_submission_create_once(*, key, user, create: Callable):
    """Call ``create()`` once per form key and return ``(obj, created)``.

    A second sending of the same form gets ``(what the first created, False)``; when both
    arrive at the same moment the unique key makes the second wait for the first to commit.
    ``obj`` is None when the key is someone else's or what it created is gone. Without a key
    (a client that sends no hidden fields) every sending creates.
    """
    if key is None:
        return create(), True
    with transaction.atomic():
        try:
            with transaction.atomic():
                submission = FormSubmission.objects.create(key=key, user=user)
        except IntegrityError:
            submission = FormSubmission.objects.get(key=key)
            if submission.user_id != user.pk:
                return None, False
            return submission.target, False
        obj = create()
        submission.target = obj
        submission.save(update_fields=["content_type", "object_id"])
        return obj, True
