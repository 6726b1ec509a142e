from django.core.management.base import BaseCommand
from django.db import transaction

from samverkan.demo import demo_loaders


class Command(BaseCommand):
    help = "Load the demo agreements from the seed documents (idempotent)."

    def handle(self, *args, **options):
        with transaction.atomic():
            for loader in demo_loaders():
                loader.load(lambda message, key=loader.key: self.stdout.write(f"[{key}] {message}"))
        self.stdout.write(self.style.SUCCESS("Demodata är inläst."))
