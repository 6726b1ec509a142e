import random
import time

from django.core.management import call_command
from django.core.management.base import BaseCommand, CommandError
from django.db import connection, transaction

from samverkan.scale import ScaleContext, scale_data_exists, scale_seeders


class Command(BaseCommand):
    help = (
        "Add invented Sweden-scale data on top of the demo (290 municipalities, 300 agreements, "
        "about 180,000 measurements at --factor 1) for measuring the portal. Deterministic."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--factor",
            type=float,
            default=1.0,
            help="Volume relative to Sweden (1 = 300 agreements).",
        )
        parser.add_argument("--seed", type=int, default=2026, help="Seed of the random values.")
        parser.add_argument(
            "--no-demo", action="store_true", help="Do not load the demo agreements first."
        )

    def handle(self, *args, factor, seed, no_demo, **options):
        if factor <= 0 or factor > 100:
            raise CommandError("--factor måste vara större än 0 och högst 100.")
        if scale_data_exists():
            raise CommandError(
                "Skaldata finns redan i databasen; använd en tom databas för en ny mätning."
            )
        if not no_demo:
            call_command("load_demo", stdout=self.stdout)
        ctx = ScaleContext(
            factor=factor,
            rng=random.Random(seed),
            log=lambda message: self.stdout.write(f"  {message}"),
        )
        started = time.perf_counter()
        with transaction.atomic():
            for seeder in scale_seeders():
                begun = time.perf_counter()
                self.stdout.write(f"[{seeder.key}]")
                seeder.seed(ctx)
                self.stdout.write(f"  ({time.perf_counter() - begun:.1f} s)")
        if connection.vendor == "postgresql":
            # Fresh statistics, or the planner guesses from the demo's handful of rows; and the
            # visibility map autovacuum keeps in production, for index-only scans.
            with connection.cursor() as cursor:
                # (VACUUM cannot run inside a transaction, as in the test suite)
                cursor.execute("ANALYZE" if connection.in_atomic_block else "VACUUM ANALYZE")
        self.stdout.write(
            self.style.SUCCESS(
                f"Skaldata (faktor {factor:g}) är inläst på {time.perf_counter() - started:.1f} s."
            )
        )
