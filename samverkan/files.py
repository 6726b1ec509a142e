"""Stored files: kept under generated names and handed out only by views that check access.

Nothing under MEDIA_ROOT is served by a URL of its own. A model's file field is a
``PrivateFileField``: its ``.url`` is the address of the view that applies the same access
rule as the page that links the file (the model says which, in ``private_file_url``), so admin
widgets and templates never point at ``/media/``.
"""

import os
import secrets

from django.core.files.storage import default_storage
from django.db import models
from django.http import FileResponse, Http404
from django.utils import timezone
from django.utils.deconstruct import deconstructible


@deconstructible
class GeneratedName:
    """``upload_to`` that drops the uploaded name: ``<folder>/<year>/<random>.<ext>``.

    The random part (128 bits) makes a stored name unguessable even if a storage path ever
    leaks; the name people download under is chosen by the view, not taken from storage.
    """

    def __init__(self, folder: str):
        self.folder = folder

    def __call__(self, instance, filename: str) -> str:
        extension = os.path.splitext(filename)[1].lower()
        if not extension or len(extension) > 6 or not extension[1:].isalnum():
            extension = ".bin"
        return f"{self.folder}/{timezone.now():%Y}/{secrets.token_urlsafe(16)}{extension}"

    def __eq__(self, other):
        return isinstance(other, GeneratedName) and other.folder == self.folder


def is_generated_name(name: str) -> bool:
    """True for a stored name made by GeneratedName (22 URL-safe characters and a suffix)."""
    stem = os.path.splitext(os.path.basename(name or ""))[0]
    return len(stem) == 22 and all(c.isalnum() or c in "-_" for c in stem)


class PrivateFieldFile(models.fields.files.FieldFile):
    @property
    def url(self):
        self._require_file()
        return self.instance.private_file_url(self.field.name)


class PrivateFileField(models.FileField):
    """A file field whose ``.url`` is the model's access-checked download view."""

    attr_class = PrivateFieldFile


def private_file_response(fieldfile, *, filename: str, content_type: str = "application/pdf"):
    """Send a stored file as an attachment that no cache keeps (the caller has checked access)."""
    if not fieldfile or not fieldfile.storage.exists(fieldfile.name):
        raise Http404
    response = FileResponse(
        fieldfile.open("rb"), as_attachment=True, filename=filename, content_type=content_type
    )
    response["Cache-Control"] = "no-store"
    response["X-Content-Type-Options"] = "nosniff"
    return response


def rename_to_generated(model, field_name: str, folder: str, storage=None) -> dict[str, str]:
    """Move every stored file of ``model.field_name`` to a generated name.

    Used by the data migration for files uploaded before names were generated; returns
    {old name: new name}. Rows are updated with ``update()`` so models that refuse to be saved
    again (a ready signed PDF) are moved too; the bytes, and so the SHA-256, are unchanged.
    """
    storage = storage or default_storage
    make_name = GeneratedName(folder)
    moved = {}
    for pk, name in model.objects.exclude(**{field_name: ""}).values_list("pk", field_name):
        if not name or is_generated_name(name) or not storage.exists(name):
            continue
        if name not in moved:
            with storage.open(name, "rb") as source:
                moved[name] = storage.save(make_name(None, name), source)
        model.objects.filter(pk=pk).update(**{field_name: moved[name]})
    for name in moved:
        storage.delete(name)
    return moved
