"""Benchmark: every list, dashboard and detail page for each role at Sweden scale.

For each factor (``BENCH_FACTORS``, default ``1,10``) it uses a database of its own,
``<DATABASE_URL's name>_bench_x<factor>``, made once by ``manage.py seed_scale`` and kept
(the data is deterministic). A probe in a subprocess logs in one user per role, measures each
page once in the Django test client (queries, bytes, time) and times reminder planning over
all agreements (rolled back). Then gunicorn (two workers, ``DEBUG=0``) serves the database
and a load generator of ``BENCH_USERS`` threads (default 30) requests the pages on
127.0.0.1, each page interleaved with a trivial logged-in view as the baseline, for at most
``BENCH_SECONDS`` seconds and ``BENCH_REQUESTS`` requests. It prints p50, p99 and their ratio
to the baseline, and writes everything to ``bench/last.json``.

    DATABASE_URL=postgres://postgres@127.0.0.1:5432/samverkan python bench/bench_pages.py
"""

import json
import os
import signal
import socket
import statistics
import subprocess
import sys
import time
from pathlib import Path
from urllib.parse import quote, urlsplit, urlunsplit

from bench_load import (  # bench/ is the script's directory
    free_port,
    load,
    percentile,
    service_times,
)
from bench_report import (
    LAST_JSON,
    last_json_merge,
    print_report,
)  # bench/ is the script's directory

ROOT = Path(__file__).resolve().parent.parent
PYTHON = sys.executable
SECRET_KEY = "bench-only-secret-key-not-for-production-0123456789"
# In every scale agreement's purpose (agreements/scale.py), so the search hits all of them.
SEARCH_WORD = "kompetensförsörjning"


def database_url(factor: str) -> str:
    parts = urlsplit(os.environ.get("DATABASE_URL", "postgres://postgres@127.0.0.1:5432/samverkan"))
    name = parts.path.strip("/") or "samverkan"
    return urlunsplit(parts._replace(path=f"/{name}_bench_x{factor}"))


def run_manage(url: str, *args: str) -> None:
    env = {**os.environ, "DATABASE_URL": url, "DEBUG": "1", "SECRET_KEY": SECRET_KEY}
    subprocess.run(
        [PYTHON, "manage.py", *args], cwd=ROOT, env=env, check=True, stdout=subprocess.DEVNULL
    )


def ensure_database(factor: str) -> str:
    url = database_url(factor)
    parts = urlsplit(url)
    created = subprocess.run(
        ["createdb", "-h", parts.hostname, "-p", str(parts.port or 5432), "-U", parts.username,
         parts.path.strip("/")],
        capture_output=True,
    ).returncode == 0  # fmt: skip
    if created:
        print(f"Seeding {parts.path.strip('/')} at factor {factor} (once; kept for later runs)")
        started = time.perf_counter()
        run_manage(url, "migrate", "--noinput", "-v0")
        run_manage(url, "ensure_demo_certificate")
        run_manage(url, "seed_scale", "--factor", factor)
        print(f"  seeded in {time.perf_counter() - started:.0f} s")
    else:  # kept from an earlier run: brought up to the code's migrations (indexes included)
        run_manage(url, "migrate", "--noinput", "-v0")
    return url


# ---------------------------------------------------------------- the probe (in Django)


def body(response) -> bytes:
    return b"".join(response.streaming_content) if response.streaming else response.content


def probe() -> None:
    """Runs inside Django with DATABASE_URL set: prints the pages, sessions and figures.

    With ``--read-only`` everything (the logins' sessions included) happens in one
    transaction that is rolled back, so a shared database is only read; the sessions are then
    of no use to a load phase."""
    import django

    sys.path.insert(0, str(ROOT))
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "bench.settings_bench")
    django.setup()
    from django.db import transaction
    from django.test.utils import setup_test_environment

    setup_test_environment()
    if "--read-only" in sys.argv:
        with transaction.atomic():
            _probe_pages()
            transaction.set_rollback(True)
        return
    _probe_pages()


def _probe_pages() -> None:
    from datetime import date

    from django.db import connection, transaction
    from django.db.models import Count
    from django.test import Client
    from django.test.utils import CaptureQueriesContext
    from django.urls import reverse

    from agreements.models import Agreement
    from indicators.across import choices
    from indicators.models import StatisticsSnapshot
    from meetings.models import Group, JobTrack, Meeting
    from samverkan.models import User
    from samverkan.reminders.models import Reminder
    from samverkan.reminders.planning import reminders_plan
    from samverkan.scale import SCALE_MARK

    # The scale data's own users and agreements (the demo's are smaller and say less).
    def busiest(role):
        return (
            User.objects.filter(
                role=role, username__startswith="skala-", party__name__endswith=f"({SCALE_MARK})"
            )
            .annotate(n=Count("party__agreement_memberships"))
            .order_by("-n", "pk")
            .first()
        )

    users = {
        "admin": User.objects.filter(role=User.Role.ADMIN, username__startswith="skala-").first(),
        "official": busiest(User.Role.OFFICIAL),
        "section_chief": busiest(User.Role.SECTION_CHIEF),
    }
    result = {"pages": [], "sessions": {}}
    for role, user in users.items():
        client = Client(
            HTTP_HOST="127.0.0.1", HTTP_X_FORWARDED_PROTO="https"
        )  # as behind the proxy
        client.force_login(user)
        result["sessions"][role] = client.cookies["sessionid"].value
        visible = Agreement.objects.visible_to(user).filter(title__contains=SCALE_MARK)
        agreement = visible.annotate(n=Count("agreement_parties")).order_by("-n", "pk").first()
        group = Group.objects.filter(agreement=agreement).order_by("pk").first()
        meeting = Meeting.objects.filter(group=group).order_by("-starts_at").first()
        track = JobTrack.objects.filter(agreement=agreement).order_by("pk").first()
        snapshot = StatisticsSnapshot.objects.visible_to(user).order_by("pk").first()
        period = {"agreement_pk": agreement.pk, "year": 2025, "half": 2}
        pages = [
            ("baseline", reverse("password_change_done")),
            ("dashboard", reverse("dashboard")),
            ("agreement list", reverse("agreements:list")),
            ("agreement detail", reverse("agreements:detail", args=[agreement.pk])),
            ("follow-up index", reverse("indicators:index")),
            ("follow-up overview", reverse("indicators:overview", args=[agreement.pk])),
            ("half-year report", reverse("indicators:report", kwargs=period)),
            ("group list", reverse("meetings:group_list")),
            ("group detail", reverse("meetings:group_detail", args=[group.pk])),
            ("meeting detail", reverse("meetings:meeting_detail", args=[meeting.pk])),
            ("calendar", reverse("meetings:calendar") + "?ar=2025&manad=10"),
            ("calendar list", reverse("meetings:calendar_list")),
            ("jobbspår list", reverse("jobbspar:list")),
            ("jobbspår detail", reverse("jobbspar:detail", args=[track.pk])),
            ("kartläggning list", reverse("statistics:snapshot_list")),
            ("kartläggning detail", reverse("statistics:snapshot_detail", args=[snapshot.pk])),
            ("notices", reverse("reminders:notices")),
            # Added since the benchmark was first written (issues 11-13).
            ("search", reverse("search:results") + "?q=" + quote(SEARCH_WORD)),
            ("history", reverse("history:agreement", args=[agreement.pk])),
            ("data page", reverse("agreements:data")),
            ("data table csv", reverse("agreements:data_table", args=["overenskommelser", "csv"])),
            (
                "data table xlsx",
                reverse("agreements:data_table", args=["overenskommelser", "xlsx"]),
            ),
            ("api agreements", reverse("api:agreement-list")),
            ("api measurements", reverse("api:measurement-list")),
        ]
        kpis, names = choices(user)
        if names or kpis:
            compared = f"?namn={quote(names[0])}" if names else f"?kpi={quote(kpis[0][0])}"
            pages.append(("jämför", reverse("indicators:across") + compared))
        if role == "official":
            pages.append(("measurement entry", reverse("indicators:entry", kwargs=period)))
        if role == "section_chief":
            pages.append(("review page", reverse("indicators:review", kwargs=period)))
        if role == "admin":
            pages.append(("organisations", reverse("party_list")))
            pages.append(("export page", reverse("agreements:export")))
            pages.append(("reminder log", reverse("reminders:admin_list")))
            pages.append(("admin log", reverse("history:admin_log")))
        for name, url in pages:
            body(client.get(url))  # warm-up: template loading, first connection
            with CaptureQueriesContext(connection) as queries:
                started = time.perf_counter()
                response = client.get(url)
                size = len(body(response))  # a streamed export queries while it streams
                elapsed = time.perf_counter() - started
            if response.status_code != 200:
                print(f"{name} ({role}): status {response.status_code}", file=sys.stderr)
            result["pages"].append(
                {
                    "name": name,
                    "role": role,
                    "url": url,
                    "status": response.status_code,
                    "queries": len(queries),
                    "bytes": size,
                    "single_ms": round(elapsed * 1000, 1),
                }
            )
    failed = [
        f"{p['role']} {p['name']}: {p['status']}" for p in result["pages"] if p["status"] != 200
    ]
    if failed:
        raise SystemExit("Pages that did not answer 200: " + "; ".join(failed))
    result["agreements"] = Agreement.objects.count()
    if "--read-only" in sys.argv:  # --single: the pages only
        print("PROBE-JSON " + json.dumps(result))
        return
    with transaction.atomic():
        Reminder.objects.all().delete()
        started = time.perf_counter()
        planned = reminders_plan(today=date(2025, 9, 30)).planned
        result["planning_seconds"] = round(time.perf_counter() - started, 2)
        result["planning_reminders"] = planned
        transaction.set_rollback(True)
    print("PROBE-JSON " + json.dumps(result))


def run_probe(url: str, read_only: bool = False) -> dict:
    env = {**os.environ, "DATABASE_URL": url, "DEBUG": "0", "SECRET_KEY": SECRET_KEY,
           "ALLOWED_HOSTS": "127.0.0.1", "DJANGO_SETTINGS_MODULE": "bench.settings_bench"}  # fmt: skip
    env["STATIC_ROOT"] = static_root(url)
    out = subprocess.run(
        [PYTHON, __file__, "--probe", *(["--read-only"] if read_only else [])],
        cwd=ROOT, env=env, check=True, capture_output=True, text=True,
    ).stdout  # fmt: skip
    return json.loads(
        next(line for line in out.splitlines() if line.startswith("PROBE-JSON "))[11:]
    )


def single(factor: str) -> None:
    """Each page once in the test client against an existing (shared) database, rolled back;
    printed, not written to last.json (the load phase is what last.json holds)."""
    url = database_url(factor)
    name = urlsplit(url).path.strip("/")
    listed = subprocess.run(
        ["psql", "-h", urlsplit(url).hostname, "-U", urlsplit(url).username, "-Atc",
         f"select 1 from pg_database where datname = '{name}'"],
        capture_output=True, text=True,
    ).stdout.strip()  # fmt: skip
    if listed != "1":
        print(f"{name}: no such database (--single never seeds one)")
        return
    probed = run_probe(url, read_only=True)
    print(f"{name}: {probed['agreements']} agreements, each page once (test client)")
    print(f"  {'page':20} {'role':14} {'status':>6} {'q':>3} {'kB':>7} {'ms':>8}")
    for page in probed["pages"]:
        print(
            f"  {page['name'][:20]:20} {page['role'][:14]:14} {page['status']:>6} "
            f"{page['queries']:>3} {page['bytes'] / 1024:>7.1f} {page['single_ms']:>8}"
        )


def static_root(url: str) -> str:
    return str(Path("/tmp") / f"samverkan-bench-static-{os.getuid()}")


# ---------------------------------------------------------------- the load (over HTTP)


def start_gunicorn(url: str, port: int, access_log: Path) -> subprocess.Popen:
    env = {**os.environ, "DATABASE_URL": url, "DEBUG": "0", "SECRET_KEY": SECRET_KEY,
           "ALLOWED_HOSTS": "127.0.0.1", "STATIC_ROOT": static_root(url), "LOG_LEVEL": "WARNING",
           "DJANGO_SETTINGS_MODULE": "bench.settings_bench"}  # fmt: skip
    env.pop("REDIS_URL", None)
    process = subprocess.Popen(
        [str(Path(PYTHON).parent / "gunicorn"), "samverkan.wsgi:application", "--bind",
         f"127.0.0.1:{port}", "--workers", "2", "--log-level", "warning",
         "--access-logfile", str(access_log), "--access-logformat", "%(U)s?%(q)s %(s)s %(D)s"],
        cwd=ROOT, env=env,
    )  # fmt: skip
    for _ in range(120):
        try:
            socket.create_connection(("127.0.0.1", port), timeout=1).close()
            return process
        except OSError:
            time.sleep(0.5)
    process.kill()
    raise RuntimeError("gunicorn did not start")


def main() -> int:
    if "--probe" in sys.argv:
        probe()
        return 0
    if "--single" in sys.argv:  # each page once, read-only, in existing databases only
        for factor in os.environ.get("BENCH_FACTORS", "1,10").split(","):
            single(factor)
        return 0
    if "--print" in sys.argv:  # the table and goals of the last run, again
        report = json.loads(LAST_JSON.read_text())
        print_report(report, list(report["factors"]))
        return 0
    factors = os.environ.get("BENCH_FACTORS", "1,10").split(",")
    users = int(os.environ.get("BENCH_USERS", "30"))
    seconds = float(os.environ.get("BENCH_SECONDS", "30"))
    limit = int(os.environ.get("BENCH_REQUESTS", "4000"))
    report: dict = {"users": users, "seconds": seconds, "factors": {}, "pages": []}
    figures: dict[str, dict] = {}
    for factor in factors:
        url = ensure_database(factor)
        probed = run_probe(url)
        port = free_port()
        access_log = Path("/tmp") / f"samverkan-bench-access-{os.getpid()}-x{factor}.log"
        access_log.unlink(missing_ok=True)
        server = start_gunicorn(url, port, access_log)
        try:
            measured = load(port, probed, users, seconds, limit)
        finally:
            server.send_signal(signal.SIGTERM)
            server.wait(timeout=30)
        served = service_times(access_log)
        served_base = [v for (name, _r), vs in served.items() if name == "baseline" for v in vs]
        base = [
            v for (name, _r), vs in measured["samples"].items() if name == "baseline" for v in vs
        ]
        base50, base99 = statistics.median(base), percentile(base, 0.99)
        report["factors"][factor] = {
            "agreements": probed["agreements"],
            "requests": measured["requests"],
            "errors": measured["errors"],
            "baseline_p50_ms": round(base50, 1),
            "baseline_p99_ms": round(base99, 1),
            "baseline_served_p50_ms": round(statistics.median(served_base), 1),
            "planning_seconds": probed["planning_seconds"],
            "planning_reminders": probed["planning_reminders"],
        }
        for page in probed["pages"]:
            values = measured["samples"].get((page["name"], page["role"]), [])
            entry = figures.setdefault(
                (page["name"], page["role"]), {"name": page["name"], "role": page["role"]}
            )
            entry[f"x{factor}"] = {
                "status": page["status"],
                "queries": page["queries"],
                "bytes": page["bytes"],
                "single_ms": page["single_ms"],
                "p50_ms": round(statistics.median(values), 1) if values else None,
                "p99_ms": round(percentile(values, 0.99), 1) if values else None,
                "p50_ratio": round(statistics.median(values) / base50, 1) if values else None,
                "p99_ratio": round(percentile(values, 0.99) / base99, 1) if values else None,
                "samples": len(values),
                # time inside gunicorn (no queue) under the same load, and its ratio
                "served_p50_ms": round(statistics.median(sv), 1)
                if (sv := served.get((page["name"], page["role"])))
                else None,
                "served_p50_ratio": round(statistics.median(sv) / statistics.median(served_base), 1)
                if sv
                else None,
                "served_p99_ratio": round(percentile(sv, 0.99) / percentile(served_base, 0.99), 1)
                if sv
                else None,
            }
    report["pages"] = list(figures.values())
    # Planning over all scale agreements stays per factor (report["factors"]); the top-level
    # planning_seconds, pdf_ratio and zip_* belong to the other scripts and are kept.
    merged = last_json_merge(report)
    print_report(merged, factors)
    last_json_merge({"goals_missed": merged["goals_missed"]})
    print("Wrote bench/last.json")
    return 0


if __name__ == "__main__":
    sys.exit(main())
