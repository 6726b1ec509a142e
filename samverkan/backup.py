"""Backup and restore of the whole portal: the database and every stored file in one archive.

An archive is a tar file holding ``manifest.json``, ``database.dump`` (``pg_dump`` custom
format, a consistent snapshot) and ``media/`` (uploaded appendices, scans, signed PDFs). The
database is dumped first and the files copied after, so every file the dump refers to is in
the archive (files are never changed once written). The public parts of every seal
certificate live in the database (``SealCertificate``), so a restored portal verifies its
signed PDFs whatever certificate it seals with by then. The seal's private key is not part of
a backup: keep the PKCS#12 file with the other secrets.
"""

import hashlib
import json
import os
import shutil
import subprocess
import tarfile
import tempfile
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

from django.conf import settings
from django.db import connection
from django.utils import timezone

FORMAT = "samverkansportalen-backup/1"


class BackupError(Exception):
    pass


def _pg_env() -> tuple[list[str], dict]:
    db = settings.DATABASES["default"]
    if "postgresql" not in db["ENGINE"]:
        raise BackupError("Backup and restore need PostgreSQL (DATABASE_URL=postgres://…).")
    args = ["--dbname", db["NAME"]]
    if db.get("HOST"):
        args += ["--host", db["HOST"]]
    if db.get("PORT"):
        args += ["--port", str(db["PORT"])]
    if db.get("USER"):
        args += ["--username", db["USER"]]
    env = {**os.environ}
    if db.get("PASSWORD"):
        env["PGPASSWORD"] = db["PASSWORD"]
    return args, env


def _sha256(path: Path) -> str:
    digest = hashlib.sha256()
    with path.open("rb") as handle:
        for chunk in iter(lambda: handle.read(1 << 20), b""):
            digest.update(chunk)
    return digest.hexdigest()


def backup_create(*, output: Path) -> dict:
    """Write the archive to ``output`` (atomically) and return its manifest."""
    args, env = _pg_env()
    media_root = Path(settings.MEDIA_ROOT)
    output = Path(output)
    output.parent.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory(dir=output.parent) as tmp:
        dump = Path(tmp) / "database.dump"
        subprocess.run(
            ["pg_dump", "--format=custom", "--no-owner", "--no-privileges", "--file", str(dump)]
            + args,
            env=env,
            check=True,
        )
        files = {}
        if media_root.is_dir():
            for path in sorted(media_root.rglob("*")):
                if path.is_file():
                    files[path.relative_to(media_root).as_posix()] = _sha256(path)
        manifest = {
            "format": FORMAT,
            "created_at": timezone.now().isoformat(),
            "database_sha256": _sha256(dump),
            "media": files,
        }
        (Path(tmp) / "manifest.json").write_text(json.dumps(manifest, indent=2))
        partial = Path(tmp) / "archive.tar"
        with tarfile.open(partial, "w") as tar:
            tar.add(Path(tmp) / "manifest.json", arcname="manifest.json")
            tar.add(dump, arcname="database.dump")
            for name in files:
                tar.add(media_root / name, arcname=f"media/{name}")
        os.replace(partial, output)
    return manifest


def _database_is_empty() -> bool:
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT count(*) FROM information_schema.tables WHERE table_schema = 'public'"
        )
        return cursor.fetchone()[0] == 0


@dataclass(frozen=True)
class RestoreCheck:
    """A check of what was restored that an app registers (the core knows no domain model):
    ``check()`` returns (problems, how many items it checked); ``label`` ends the summary
    "all <count> <label>"."""

    key: str
    label: str
    check: Callable[[], tuple[list[str], int]]
    # Says what the problems are, before their count: "<count> <failure_label>".
    failure_label: str = "items do not verify after restore"


_restore_checks: dict[str, RestoreCheck] = {}


def register_restore_check(check: RestoreCheck) -> None:
    _restore_checks[check.key] = check


@dataclass
class RestoreReport:
    files: int = 0
    # (check, how many items it checked, its problems), in the order of the checks' keys.
    checks: list[tuple[RestoreCheck, int, list[str]]] = field(default_factory=list)

    @property
    def problems(self) -> list[str]:
        return [problem for _check, _count, problems in self.checks for problem in problems]


def backup_restore(*, archive: Path) -> RestoreReport:
    """Restore ``archive`` into the configured, empty database and MEDIA_ROOT, then check
    every signed PDF against its recorded SHA-256 and seal."""
    args, env = _pg_env()
    media_root = Path(settings.MEDIA_ROOT)
    if not _database_is_empty():
        raise BackupError(
            f"The database {settings.DATABASES['default']['NAME']!r} is not empty: restore "
            "only into a new, empty database."
        )
    if media_root.is_dir() and any(media_root.iterdir()):
        raise BackupError(f"MEDIA_ROOT {media_root} is not empty: restore into an empty one.")
    report = RestoreReport()
    with tempfile.TemporaryDirectory() as tmp, tarfile.open(archive) as tar:
        tar.extractall(tmp, filter="data")
        manifest = json.loads((Path(tmp) / "manifest.json").read_text())
        if manifest.get("format") != FORMAT:
            raise BackupError(f"{archive} is not a portal backup ({manifest.get('format')!r}).")
        dump = Path(tmp) / "database.dump"
        if _sha256(dump) != manifest["database_sha256"]:
            raise BackupError("The database dump in the archive is damaged (SHA-256 differs).")
        for name, digest in manifest["media"].items():
            if _sha256(Path(tmp) / "media" / name) != digest:
                raise BackupError(f"The file {name} in the archive is damaged (SHA-256 differs).")
        connection.close()
        subprocess.run(
            ["pg_restore", "--no-owner", "--no-privileges", "--exit-on-error", str(dump)] + args,
            env=env,
            check=True,
        )
        media_root.mkdir(parents=True, exist_ok=True)
        source = Path(tmp) / "media"
        if source.is_dir():
            shutil.copytree(source, media_root, dirs_exist_ok=True)
        report.files = len(manifest["media"])
    for key in sorted(_restore_checks):
        check = _restore_checks[key]
        problems, count = check.check()
        report.checks.append((check, count, problems))
    return report
