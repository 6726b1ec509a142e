"""Production settings for the benchmark, with plain static file storage: the pages are
measured, not the static files (``collectstatic`` with the manifest storage currently fails on
bootstrap-icons' missing font files, a separate issue)."""

from samverkan.settings import *  # noqa: F403

STORAGES = {
    **STORAGES,  # noqa: F405
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
}
