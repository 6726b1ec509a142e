"""``manage.py backup [--output FILE]``: the database and every stored file in one archive."""

from pathlib import Path

from django.core.management.base import BaseCommand, CommandError
from django.utils import timezone

from samverkan.backup import BackupError, backup_create


class Command(BaseCommand):
    help = "Writes a backup (pg_dump custom format and the stored files) to one tar archive."

    def add_arguments(self, parser):
        parser.add_argument("--output", help="The archive; default backups/samverkan-STAMP.tar")

    def handle(self, *args, output=None, **options):
        stamp = timezone.localtime().strftime("%Y%m%d-%H%M%S")
        path = Path(output or f"backups/samverkan-{stamp}.tar")
        try:
            manifest = backup_create(output=path)
        except BackupError as exc:
            raise CommandError(str(exc)) from exc
        self.stdout.write(
            self.style.SUCCESS(f"Backup written: {path} ({len(manifest['media'])} files)")
        )
