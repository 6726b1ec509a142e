"""Benchmark: stream the ZIP of all signed PDFs for 30 and for 300 agreements.

Prints the time, the bytes streamed and the peak Python memory (tracemalloc) of each run,
and writes them to ``bench/last.json`` (``zip_seconds``, ``zip_peak_mb``, by count).
One real signed PDF (the Järfälla scenario, rendered and sealed) is stored once and the other
rows point at the same file, so the setup stays fast while the export reads every file.
Runs in a throw-away database (``bench_zip_<pid>``), so it never touches real data.

    DATABASE_URL=postgres://... DEBUG=1 python bench/bench_zip_export.py
"""

import os
import sys
import time
import tracemalloc
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "samverkan.settings")
os.environ.setdefault("CELERY_TASK_ALWAYS_EAGER", "true")

import django  # noqa: E402

django.setup()

from bench_report import last_json_merge  # noqa: E402  (bench/ is the script's directory)
from throwaway import signing_database  # noqa: E402

COUNTS = (30, 300)


def measure(documents):
    from agreements.export import stream_zip

    tracemalloc.start()
    started = time.perf_counter()
    total = 0
    for chunk in stream_zip(documents):
        total += len(chunk)
    elapsed = time.perf_counter() - started
    _current, peak = tracemalloc.get_traced_memory()
    tracemalloc.stop()
    return elapsed, total, peak


def main():
    with signing_database("zip"):
        from agreements.export import export_queryset
        from agreements.models import SignedDocument
        from tests.agreements.factories import Jarfalla, signed_agreement_with_fake_pdf

        jarfalla = Jarfalla()
        document = jarfalla.sign_all(jarfalla.send())
        document.refresh_from_db()
        assert document.status == SignedDocument.Status.READY, document.error
        size = document.file.size
        for _ in range(max(COUNTS) - 1):
            clone = signed_agreement_with_fake_pdf([jarfalla.kommun, jarfalla.af])
            SignedDocument.objects.filter(version=clone.version_in_force).update(
                file=document.file.name, sha256=document.sha256
            )
        print(f"ZIP export of signed PDFs ({size / 1024:.0f} KB each), streamed")
        results, seconds = {}, {}
        for count in COUNTS:
            ids = list(export_queryset().values_list("pk", flat=True)[:count])
            elapsed, total, peak = measure(export_queryset().filter(pk__in=ids))
            results[count] = peak
            seconds[count] = elapsed
            print(
                f"  {count:4d} PDFs: {elapsed:6.2f} s, {total / 1048576:7.1f} MB streamed, "
                f"peak memory {peak / 1048576:5.2f} MB"
            )
        small, large = results[COUNTS[0]], results[COUNTS[-1]]
        print(
            f"  {COUNTS[-1] // COUNTS[0]}x the PDFs: peak memory x{large / small:.2f} "
            f"(+{(large - small) / (COUNTS[-1] - COUNTS[0]) / 1024:.1f} KB per file: its entry in the ZIP's "
            "central directory, which the format writes last; never the PDF bytes)"
        )
        last_json_merge(
            {
                "zip_seconds": {str(n): round(seconds[n], 2) for n in COUNTS},
                "zip_peak_mb": {str(n): round(results[n] / 1048576, 2) for n in COUNTS},
            }
        )
        print("Wrote zip_seconds and zip_peak_mb to bench/last.json")


if __name__ == "__main__":
    main()
