"""``manage.py restore FILE``: restore a backup into an empty database and MEDIA_ROOT."""

from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from samverkan.backup import BackupError, backup_restore


class Command(BaseCommand):
    help = (
        "Restores a backup into the configured empty database and MEDIA_ROOT, then checks "
        "every signed PDF's SHA-256 and seal."
    )

    def add_arguments(self, parser):
        parser.add_argument("archive")

    def handle(self, *args, archive, **options):
        try:
            report = backup_restore(archive=Path(archive))
        except BackupError as exc:
            raise CommandError(str(exc)) from exc
        for problem in report.problems:
            self.stderr.write(problem)
        if report.problems:
            raise CommandError(f"{len(report.problems)} signed PDFs do not verify after restore.")
        self.stdout.write(
            self.style.SUCCESS(
                f"Restored {report.files} files; all {report.signed_pdfs} signed PDFs match "
                "their SHA-256 and seal."
            )
        )
