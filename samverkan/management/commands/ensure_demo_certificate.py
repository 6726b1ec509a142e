"""Create the self-signed demo seal certificate when none exists (``make run`` calls it)."""

from pathlib import Path

from django.conf import settings
from django.core.management.base import BaseCommand

from samverkan.seal import make_self_signed_pkcs12


class Command(BaseCommand):
    help = "Skapar ett självsignerat democertifikat för portalens sigill om det saknas."

    def add_arguments(self, parser):
        parser.add_argument("--force", action="store_true", help="Ersätt ett befintligt.")

    def handle(self, *args, force=False, **options):
        path = Path(settings.SIGNING_CERT_PATH)
        if path.exists() and not force:
            self.stdout.write(f"Certifikatet finns redan: {path}")
            return
        make_self_signed_pkcs12(
            path, settings.SIGNING_CERT_PASSWORD, "Samverkansportalen demosigill"
        )
        self.stdout.write(self.style.SUCCESS(f"Skapade democertifikat: {path}"))
