"""The follow-up's long pages against the trivial logged-in view, in one process.

The measurement entry and half-year report (the busiest official) and the review page (the
busiest section chief) of 2025 H2, for the agreement bench_pages.py's probe picks (the one with
most parties) and, for the official, the one with most parties and then most indicators (30 at
scale). Each page is requested ``BENCH_N`` times (default 25) interleaved with the baseline;
it prints the median wall and CPU time of both and their ratio, and the page's queries. With
``BENCH_PROFILE=<page><0|1>`` (``entry1``) it also prints cProfile's top functions for it.

Everything runs in a transaction that is rolled back: the Sweden-scale databases are shared.

    DJANGO_SETTINGS_MODULE=bench.settings_bench SECRET_KEY=... DEBUG=0 SECURE_SSL_REDIRECT=0 \\
      ALLOWED_HOSTS=127.0.0.1 DATABASE_URL=postgres://.../samverkan_bench_x1 \\
      python bench/bench_followup.py
"""

import cProfile
import os
import pstats
import statistics
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def main() -> None:
    import django

    sys.path.insert(0, str(ROOT))
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "bench.settings_bench")
    django.setup()
    from django.db import connection, transaction
    from django.db.models import Count
    from django.test import Client
    from django.test.utils import CaptureQueriesContext
    from django.urls import reverse

    from agreements.models import Agreement
    from samverkan.models import User

    repeat = int(os.environ.get("BENCH_N", "25"))
    profile = os.environ.get("BENCH_PROFILE", "")

    def busiest(role):
        return (
            User.objects.filter(role=role, username__startswith="skala-")
            .annotate(n=Count("party__agreement_memberships"))
            .order_by("-n", "pk")
            .first()
        )

    cases = [
        (User.Role.OFFICIAL, "entry", False),
        (User.Role.OFFICIAL, "entry", True),
        (User.Role.OFFICIAL, "report", False),
        (User.Role.OFFICIAL, "report", True),
        (User.Role.SECTION_CHIEF, "review", False),
    ]
    with transaction.atomic():
        for role, page, most_indicators in cases:
            user = busiest(role)
            client = Client(HTTP_HOST="127.0.0.1")
            client.force_login(user)
            agreements = Agreement.objects.visible_to(user).annotate(
                n=Count("agreement_parties", distinct=True),
                k=Count("goals__indicators", distinct=True),
            )
            order = ("-n", "-k", "pk") if most_indicators else ("-n", "pk")
            agreement = agreements.order_by(*order).first()
            period = {"agreement_pk": agreement.pk, "year": 2025, "half": 2}
            urls = {
                "baseline": reverse("password_change_done"),
                page: reverse(f"indicators:{page}", kwargs=period),
            }
            for url in urls.values():
                assert client.get(url).status_code == 200, url  # warm-up
            wall = {name: [] for name in urls}
            cpu = {name: [] for name in urls}
            for _ in range(repeat):
                for name, url in urls.items():
                    started, started_cpu = time.perf_counter(), time.process_time()
                    client.get(url)
                    wall[name].append(time.perf_counter() - started)
                    cpu[name].append(time.process_time() - started_cpu)
            with CaptureQueriesContext(connection) as queries:
                response = client.get(urls[page])
            b, p = (statistics.median(wall[n]) * 1000 for n in ("baseline", page))
            bc, pc = (statistics.median(cpu[n]) * 1000 for n in ("baseline", page))
            print(
                f"{page:7s} agreement {agreement.pk:<5d} baseline {b:5.1f} ms, page {p:6.1f} ms,"
                f" ratio {p / b:4.1f} | CPU {bc:5.1f} / {pc:6.1f} ms, ratio {pc / bc:4.1f}"
                f" | {len(queries)} queries, {len(response.content)} bytes"
            )
            if profile == f"{page}{int(most_indicators)}":
                profiler = cProfile.Profile()
                profiler.enable()
                for _ in range(5):
                    client.get(urls[page])
                profiler.disable()
                pstats.Stats(profiler).sort_stats("cumulative").print_stats(40)
        transaction.set_rollback(True)


if __name__ == "__main__":
    main()
