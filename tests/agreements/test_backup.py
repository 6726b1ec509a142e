"""`manage.py backup` and `restore`: one archive, restored into an empty database, every signed
PDF still matching its SHA-256 and seal (with another seal certificate configured by then)."""

import io
import os
import subprocess
import sys
import tarfile
from pathlib import Path

import psycopg2
import pytest
from django.conf import settings as django_settings

from agreements.models import SignedDocument
from samverkan.backup import _restore_checks, backup_create
from samverkan.seal import make_self_signed_pkcs12

pytestmark = pytest.mark.django_db(transaction=True)


@pytest.fixture
def signed(jarfalla):
    version = jarfalla.send()
    document = jarfalla.sign_all(version)
    document.refresh_from_db()
    assert document.status == SignedDocument.Status.READY, document.error
    return document


@pytest.fixture
def restore_database():
    db = django_settings.DATABASES["default"]
    name = f"{db['NAME']}_restore"
    params = {
        k: v
        for k, v in {
            "host": db["HOST"],
            "port": db["PORT"],
            "user": db["USER"],
            "password": db["PASSWORD"],
        }.items()
        if v
    }
    conn = psycopg2.connect(dbname="postgres", **params)
    conn.autocommit = True
    with conn.cursor() as cursor:
        cursor.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
        cursor.execute(f'CREATE DATABASE "{name}"')
    auth = db["USER"] + (f":{db['PASSWORD']}" if db["PASSWORD"] else "")
    yield f"postgres://{auth}@{db['HOST']}:{db['PORT'] or 5432}/{name}"
    with conn.cursor() as cursor:
        cursor.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
    conn.close()


def _restore(archive, *, database_url, media_root, cert):
    env = {
        **os.environ,
        "DEBUG": "1",
        "DATABASE_URL": database_url,
        "MEDIA_ROOT": str(media_root),
        "SIGNING_CERT_PATH": str(cert),
        "SIGNING_CERT_PASSWORD": "b",
    }
    return subprocess.run(
        [sys.executable, "manage.py", "restore", str(archive)],
        cwd=django_settings.BASE_DIR,
        env=env,
        capture_output=True,
        text=True,
    )


def test_backup_and_restore_round_trip(signed, tmp_path, restore_database):
    archive = tmp_path / "backup.tar"
    manifest = backup_create(output=archive)
    name = Path(signed.file.name).as_posix()
    assert name in manifest["media"]
    with tarfile.open(archive) as tar:
        names = tar.getnames()
    assert {"manifest.json", "database.dump", f"media/{name}"} <= set(names)

    # The portal has a new seal certificate by the time it is restored.
    cert_b = tmp_path / "seal-b.p12"
    make_self_signed_pkcs12(cert_b, "b", "Samverkansportalen nytt sigill")
    restored = tmp_path / "restored-media"
    result = _restore(archive, database_url=restore_database, media_root=restored, cert=cert_b)
    assert result.returncode == 0, result.stdout + result.stderr
    assert "all 1 signed PDFs match" in result.stdout
    assert (restored / name).read_bytes() == signed.file.open("rb").read()

    # Restore refuses a database that is not empty.
    again = _restore(archive, database_url=restore_database, media_root=tmp_path / "x", cert=cert_b)
    assert again.returncode != 0 and "not empty" in again.stderr


def test_restore_refuses_a_damaged_archive(signed, tmp_path, restore_database):
    archive = tmp_path / "backup.tar"
    backup_create(output=archive)
    damaged = tmp_path / "damaged.tar"
    with tarfile.open(archive) as source, tarfile.open(damaged, "w") as target:
        for member in source.getmembers():
            data = source.extractfile(member).read()
            if member.name.endswith(".pdf"):
                data = data.replace(b"/Type", b"/Typf", 1)
            member.size = len(data)
            target.addfile(member, io.BytesIO(data))
    cert = tmp_path / "seal.p12"
    make_self_signed_pkcs12(cert, "b", "x")
    result = _restore(damaged, database_url=restore_database, media_root=tmp_path / "m", cert=cert)
    assert result.returncode != 0 and "damaged" in result.stderr


def test_after_a_restore_a_changed_or_missing_signed_pdf_is_named(signed):
    # The core runs the checks the rooms registered; agreements registers the signed PDFs'.
    check = _restore_checks["agreements.signed_documents"].check
    # GIVEN one sealed PDF as the portal made it THEN the check counts it and finds nothing
    assert check() == ([], 1)
    # WHEN one byte of the stored file changes THEN the check names the document
    data = bytearray(signed.file.read())
    signed.file.close()
    data[len(data) // 2] ^= 0x01
    with open(signed.file.path, "wb") as handle:
        handle.write(bytes(data))
    problems, count = check()
    assert count == 1
    assert problems == [f"{signed.verification_code}: SHA-256 differs from the record"]
    # WHEN the file is gone THEN the check says so
    os.remove(signed.file.path)
    problems, _count = check()
    assert problems[0].startswith(f"{signed.verification_code}: the file is missing")
