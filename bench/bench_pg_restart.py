"""PostgreSQL restarted while the portal serves: gunicorn and the Celery worker recover by
themselves (CONN_HEALTH_CHECKS), without being restarted.

Starts its OWN PostgreSQL cluster (initdb into a temporary directory, another port; the shared
server is never touched), migrates it, starts gunicorn (2 workers, persistent connections as in
production) and a Celery worker (on REDIS_URL, default redis://127.0.0.1:6379/13), then:
requests for a while, `pg_ctl restart -m fast`, requests again, and a task before and after.
Prints the figures and exits non-zero when any request after the restart failed or the
worker's task after the restart did not succeed.

    .venv/bin/python bench/bench_pg_restart.py
"""

import http.client
import os
import secrets
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
BIN = Path(sys.executable).parent
PG_BIN = Path(
    shutil.which("initdb")
    and Path(shutil.which("initdb")).resolve().parent
    or sorted(Path("/usr/lib/postgresql").glob("*/bin"))[-1]
)
PHASE_SECONDS = float(os.environ.get("BENCH_PHASE_SECONDS", "4"))


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def as_postgres(command: list[str], **kwargs):
    """initdb and pg_ctl refuse to run as root."""
    if os.geteuid() == 0:
        command = ["runuser", "-u", "postgres", "--", *command]
    return subprocess.run(command, check=True, capture_output=True, text=True, **kwargs)


def get(port: int, path: str) -> int:
    try:
        conn = http.client.HTTPConnection("127.0.0.1", port, timeout=10)
        conn.request("GET", path, headers={"Host": "127.0.0.1", "X-Forwarded-Proto": "https"})
        status = conn.getresponse().status
        conn.close()
        return status
    except OSError:
        return 0


def hammer(port: int, seconds: float) -> tuple[int, int]:
    ok = failed = 0
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        # /healthz/ runs a query through Django's connection handling like every page
        # (pages themselves would need collected static files under DEBUG=0).
        if get(port, "/healthz/") == 200:
            ok += 1
        else:
            failed += 1
    return ok, failed


def main() -> int:
    tmp = Path(tempfile.mkdtemp(prefix="bench-pg-restart-"))
    # Stopped from outside (CI's timeout): still stop what was started, in `finally`.
    signal.signal(signal.SIGTERM, lambda *_: sys.exit(1))
    data = tmp / "data"
    pg_port, web_port = free_port(), free_port()
    if os.geteuid() == 0:
        shutil.chown(tmp, "postgres")
    processes = []
    pg_started = False
    try:
        as_postgres([str(PG_BIN / "initdb"), "-D", str(data), "-U", "postgres", "-A", "trust"])
        options = f"-p {pg_port} -k {tmp} -c listen_addresses=127.0.0.1 -c fsync=off"
        as_postgres(
            [
                str(PG_BIN / "pg_ctl"),
                "-D",
                str(data),
                "-o",
                options,
                "-l",
                str(tmp / "pg.log"),
                "-w",
                "start",
            ]
        )
        pg_started = True
        as_postgres([str(PG_BIN / "createdb"), "-h", "127.0.0.1", "-p", str(pg_port), "bench"])
        env = {
            **{k: v for k, v in os.environ.items() if not k.startswith(("DJANGO_", "CELERY_"))},
            "DEBUG": "0",
            "SECRET_KEY": secrets.token_urlsafe(50),
            "ALLOWED_HOSTS": "127.0.0.1",
            "DATABASE_URL": f"postgres://postgres@127.0.0.1:{pg_port}/bench",
            "REDIS_URL": os.environ.get("BENCH_REDIS_URL", "redis://127.0.0.1:6379/13"),
            "MEDIA_ROOT": str(tmp / "media"),
            "STATIC_ROOT": str(tmp / "static"),
            "CELERY_BEAT_SCHEDULE_FILENAME": str(tmp / "beat"),
        }
        subprocess.run(
            [sys.executable, "manage.py", "migrate", "--noinput", "-v0"],
            cwd=ROOT,
            env=env,
            check=True,
        )
        web_log = (tmp / "web.log").open("w")
        worker_log_path = tmp / "worker.log"
        processes.append(
            subprocess.Popen(
                [
                    str(BIN / "gunicorn"),
                    "samverkan.wsgi:application",
                    "--bind",
                    f"127.0.0.1:{web_port}",
                    "--workers",
                    "2",
                    "--timeout",
                    "120",
                ],
                cwd=ROOT,
                env=env,
                stdout=web_log,
                stderr=subprocess.STDOUT,
            )
        )
        processes.append(
            subprocess.Popen(
                [
                    str(BIN / "celery"),
                    "-A",
                    "samverkan",
                    "worker",
                    "--loglevel=INFO",
                    "--concurrency=1",
                    "-n",
                    f"bench-{web_port}@%h",
                ],
                cwd=ROOT,
                env=env,
                stdout=worker_log_path.open("w"),
                stderr=subprocess.STDOUT,
            )
        )
        deadline = time.monotonic() + 120
        while get(web_port, "/healthz/") != 200:
            if time.monotonic() > deadline:
                raise RuntimeError("gunicorn did not start")
            time.sleep(0.5)

        def send_task():
            subprocess.run(
                [
                    str(BIN / "celery"),
                    "-A",
                    "samverkan",
                    "call",
                    "indicators.followup_periods_ensure_all",
                ],
                cwd=ROOT,
                env=env,
                check=True,
                capture_output=True,
            )

        def succeeded() -> int:
            return worker_log_path.read_text().count("succeeded in")

        send_task()
        before_ok, before_failed = hammer(web_port, PHASE_SECONDS)
        deadline = time.monotonic() + 60
        while succeeded() < 1 and time.monotonic() < deadline:
            time.sleep(0.5)
        tasks_before = succeeded()

        started = time.monotonic()
        as_postgres(
            # -l: the restarted server must not hold this process's output pipes open.
            [
                str(PG_BIN / "pg_ctl"),
                "-D",
                str(data),
                "-m",
                "fast",
                "-w",
                "restart",
                "-o",
                options,
                "-l",
                str(tmp / "pg.log"),
            ]
        )
        downtime = time.monotonic() - started

        after_ok, after_failed = hammer(web_port, PHASE_SECONDS)
        send_task()
        deadline = time.monotonic() + 60
        while succeeded() < tasks_before + 1 and time.monotonic() < deadline:
            time.sleep(0.5)
        tasks_after = succeeded() - tasks_before
        worker_errors = worker_log_path.read_text().count("raised unexpected")

        alive = all(p.poll() is None for p in processes)
        print(
            f"pg_restart: before restart {before_ok} ok / {before_failed} failed requests, "
            f"restart took {downtime:.1f} s, after restart {after_ok} ok / {after_failed} "
            f"failed; worker tasks ok before {tasks_before}, after {tasks_after}, task errors "
            f"{worker_errors}; gunicorn and worker never restarted: {alive}"
        )
        passed = (
            before_failed == 0
            and after_failed == 0
            and after_ok > 0
            and tasks_before >= 1
            and tasks_after >= 1
            and worker_errors == 0
            and alive
        )
        if not passed:
            print((tmp / "web.log").read_text()[-3000:])
            print(worker_log_path.read_text()[-3000:])
        return 0 if passed else 1
    finally:
        for process in processes:
            process.terminate()
        for process in processes:
            try:
                process.wait(timeout=30)
            except subprocess.TimeoutExpired:
                process.kill()
        if pg_started:
            as_postgres([str(PG_BIN / "pg_ctl"), "-D", str(data), "-m", "immediate", "stop"])
        shutil.rmtree(tmp, ignore_errors=True)


if __name__ == "__main__":
    sys.exit(main())
