"""Production settings for the benchmark, with plain static file storage: the pages are
measured, not the static files (``collectstatic`` with the manifest storage currently fails on
bootstrap-icons' missing font files, a separate issue)."""

from samverkan.settings import *  # noqa: F403

STORAGES = {
    **STORAGES,  # noqa: F405
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
}
# The benchmark speaks plain HTTP on 127.0.0.1 (as behind a TLS-terminating proxy): a redirect
# to https would measure a 301 instead of the page.
SECURE_SSL_REDIRECT = False
