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
        failing = [(check, problems) for check, _count, problems in report.checks if problems]
        if failing:
            raise CommandError(
                " ".join(f"{len(problems)} {check.failure_label}." for check, problems in failing)
            )
        summary = "".join(f"; all {count} {check.label}" for check, count, _ in report.checks)
        self.stdout.write(self.style.SUCCESS(f"Restored {report.files} files{summary}."))
