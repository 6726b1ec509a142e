"""Optimistic concurrency for edit forms: nobody silently overwrites someone else.

A form remembers a fingerprint of the values it was opened with. On save the view locks the
row, fingerprints the stored values again, and when they differ refuses the save, shows what
changed meanwhile and keeps what the user typed.
"""

import hashlib
import json

from django import forms
from django.db import transaction
from django.utils.translation import gettext_lazy as _


def fingerprint(instance, fields) -> str:
    data = {}
    for name in fields:
        value = getattr(instance, name, None)
        if hasattr(value, "pk"):
            value = value.pk
        data[name] = value
    raw = json.dumps(data, sort_keys=True, default=str, ensure_ascii=False)
    return hashlib.sha256(raw.encode("utf-8")).hexdigest()


class ConflictChange:
    def __init__(self, field, label, theirs, mine):
        self.field, self.label, self.theirs, self.mine = field, label, theirs, mine


class ConcurrencyGuardedForm(forms.ModelForm):
    """A ModelForm that refuses to overwrite changes saved after it was opened.

    The view calls ``save_guarded()``; it returns False (with a form error and
    ``self.conflicts`` filled) when someone else saved the same fields meanwhile.
    """

    base_fingerprint = forms.CharField(widget=forms.HiddenInput, required=False)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.conflicts: list[ConflictChange] = []
        if self.instance.pk and not self.is_bound:
            self.initial["base_fingerprint"] = fingerprint(self.instance, self.guarded_fields())

    def guarded_fields(self):
        return [name for name in self.fields if name != "base_fingerprint"]

    def save_guarded(self, commit_hook=None):
        """Save under a row lock unless someone else changed these fields meanwhile."""
        model = type(self.instance)
        with transaction.atomic():
            if self.instance.pk:
                current = model._default_manager.select_for_update().get(pk=self.instance.pk)
                if fingerprint(current, self.guarded_fields()) != self.cleaned_data.get(
                    "base_fingerprint"
                ):
                    self._record_conflicts(current)
                    return False
            obj = self.save()
            if commit_hook:
                commit_hook(obj)
            return obj

    def _record_conflicts(self, current):
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
        data = self.data.copy()
        data[self.add_prefix("base_fingerprint")] = fingerprint(current, self.guarded_fields())
        self.data = data
        self.add_error(
            None,
            _(
                "Någon annan har sparat ändringar i samma uppgifter medan du skrev. "
                "Din text finns kvar i formuläret. Jämför med den sparade versionen nedan "
                "och spara igen när du har fört in det som ska vara kvar."
            ),
        )
