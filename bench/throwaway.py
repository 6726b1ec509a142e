"""A throw-away signing setup for the bench scripts that sign agreements (bench_pdf.py,
bench_zip_export.py): its own database (never the test suite's test_<name>), a media
directory and a self-signed seal, all removed afterwards. Django must be set up."""

import os
import shutil
import tempfile
from contextlib import contextmanager
from pathlib import Path

from django.conf import settings
from django.db import connection


@contextmanager
def signing_database(name: str):
    workdir = Path(tempfile.mkdtemp(prefix=f"bench-{name}-"))
    settings.MEDIA_ROOT = workdir / "media"
    settings.SIGNING_CERT_PATH = str(workdir / "seal.p12")
    settings.SIGNING_CERT_PASSWORD = "bench"
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
    settings.DEBUG = False  # no query log growing with the work
    settings.EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
    from samverkan.seal import make_self_signed_pkcs12

    make_self_signed_pkcs12(Path(settings.SIGNING_CERT_PATH), "bench", "Bench seal")
    old_name = connection.settings_dict["NAME"]
    connection.settings_dict.setdefault("TEST", {})["NAME"] = f"bench_{name}_{os.getpid()}"
    connection.creation.create_test_db(verbosity=0, autoclobber=True, keepdb=False)
    try:
        yield workdir
    finally:
        connection.creation.destroy_test_db(old_name, verbosity=0)
        shutil.rmtree(workdir, ignore_errors=True)
