"""``manage.py kolada_import [--agreement PK]``: fetch Kolada values for one or all agreements."""

from django.core.management.base import BaseCommand, CommandError

from agreements.models import Agreement
from indicators.kolada import kolada_import


class Command(BaseCommand):
    help = "Fetch the values of Kolada-sourced indicators from Kolada (one agreement or all)."

    def add_arguments(self, parser):
        parser.add_argument("--agreement", type=int, help="Only this agreement (its id).")

    def handle(self, *args, agreement=None, **options):
        target = None
        if agreement is not None:
            target = Agreement.objects.filter(pk=agreement).first()
            if target is None:
                raise CommandError(f"No agreement with id {agreement}.")
        run = kolada_import(agreement=target)
        self.stdout.write(
            f"Kolada: {run.created} new, {run.updated} updated, {run.unchanged} unchanged, "
            f"{run.conflicts} conflicts."
        )
        for message in run.messages:
            self.stdout.write(f"  {message}")
        for error in run.errors:
            self.stderr.write(f"  error: {error}")
        if run.errors:
            raise CommandError(f"{len(run.errors)} indicator(s) could not be fetched.")
