"""Support for the integration tests: a real SMTP server, a real Celery worker on real Redis.

Everything here is bounded in time, and the tests stop what they start in ``finally``.
"""

import asyncio
import contextlib
import email
import os
import shutil
import signal
import socket
import subprocess
import sys
import threading
import time
from collections import Counter
from pathlib import Path
from urllib.parse import quote

import pytest
import redis
from aiosmtpd.controller import Controller
from django.db import connection

BASE_DIR = Path(__file__).resolve().parents[2]


def redis_url() -> str:
    url = os.environ.get("TEST_REDIS_URL", "")
    if not url:
        if os.environ.get("CI"):
            pytest.fail("CI runs the worker tests: set TEST_REDIS_URL.")
        pytest.skip("TEST_REDIS_URL is not set")
    client = redis.Redis.from_url(url, socket_connect_timeout=2)
    try:
        client.ping()
    except redis.exceptions.ConnectionError:
        pytest.fail(f"Redis is not running at {url} (make services)")
    return url


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def database_url_for_subprocesses() -> str:
    """The database pytest-django made for this run, for the subprocesses."""
    db = connection.settings_dict
    if "postgresql" not in db["ENGINE"]:
        pytest.skip("The worker tests share the test database with subprocesses: PostgreSQL only")
    user = quote(db["USER"] or "")
    password = f":{quote(db['PASSWORD'])}" if db["PASSWORD"] else ""
    return (
        f"postgres://{user}{password}@{db['HOST'] or '127.0.0.1'}:{db['PORT'] or 5432}/{db['NAME']}"
    )


class SinkHandler:
    """Accepts mail and records each recipient's messages. Can refuse each recipient's first
    attempts with 451, or hold every RCPT after a number of accepted messages (so a test can
    kill the worker while its attempts are in flight, before the server accepted them)."""

    def __init__(
        self,
        refuse_first: int = 0,
        hold_after: int | None = None,
        refusal: str = "451 4.3.0 Try again later",
        refuse_until: float | None = None,
        on_quit=None,
        keep_messages: bool = False,
    ):
        self.lock = threading.Lock()
        # The whole messages as received (for tests that read them back), if asked.
        self.keep_messages = keep_messages
        self.messages: list[bytes] = []
        self.received: list[tuple[str, str]] = []  # (recipient, Message-ID)
        self.accepted_at: dict[str, float] = {}  # Message-ID -> time.time() of the 250
        self.refused = Counter()
        self.refuse_first = refuse_first
        self.refusal = refusal
        # Greylisting: refuse every recipient until this time.time(), then accept.
        self.refuse_until = refuse_until
        self.on_quit = on_quit  # called with the session's Message-IDs when the client QUITs
        self.hold_after = hold_after
        self.holding = threading.Event()
        self.release = threading.Event()

    async def handle_RCPT(self, server, session, envelope, address, rcpt_options):  # noqa: N802
        if self.hold_after is not None and self.count() >= self.hold_after:
            self.holding.set()
            deadline = time.monotonic() + 30
            while not self.release.is_set() and time.monotonic() < deadline:
                await asyncio.sleep(0.01)
            return "451 4.3.0 Held by the test"
        with self.lock:
            if self.refuse_until is not None and time.time() < self.refuse_until:
                self.refused[address] += 1
                return self.refusal
            if self.refused[address] < self.refuse_first:
                self.refused[address] += 1
                return self.refusal
        envelope.rcpt_tos.append(address)
        return "250 OK"

    async def handle_DATA(self, server, session, envelope):  # noqa: N802
        message = email.message_from_bytes(envelope.content)
        with self.lock:
            for rcpt in envelope.rcpt_tos:
                self.received.append((rcpt, message["Message-ID"]))
            self.accepted_at[message["Message-ID"]] = time.time()
            if self.keep_messages:
                self.messages.extend(envelope.content for _rcpt in envelope.rcpt_tos)
        session.message_ids = [*getattr(session, "message_ids", []), message["Message-ID"]]
        return "250 Message accepted for delivery"

    async def handle_QUIT(self, server, session, envelope):  # noqa: N802
        if self.on_quit is not None:
            self.on_quit(getattr(session, "message_ids", []))
        return "221 Bye"

    def count(self) -> int:
        with self.lock:
            return len(self.received)

    def per_recipient(self) -> Counter:
        with self.lock:
            return Counter(rcpt for rcpt, _ in self.received)


@contextlib.contextmanager
def smtp_sink(**kwargs):
    handler = SinkHandler(**kwargs)
    port = free_port()
    controller = Controller(handler, hostname="127.0.0.1", port=port, ready_timeout=10)
    controller.start()
    try:
        yield handler, port
    finally:
        handler.release.set()
        controller.stop()


def subprocess_env(*, smtp_port: int, redis: str, **extra) -> dict:
    env = {
        **os.environ,
        "DATABASE_URL": database_url_for_subprocesses(),
        "REDIS_URL": redis,
        "CELERY_TASK_ALWAYS_EAGER": "0",
        "DEBUG": "1",
        "EMAIL_BACKEND": "django.core.mail.backends.smtp.EmailBackend",
        "EMAIL_HOST": "127.0.0.1",
        "EMAIL_PORT": str(smtp_port),
        "EMAIL_TIMEOUT": "40",
        "SITE_URL": "https://samverkan.test",
        "PYTHONUNBUFFERED": "1",
    }
    env.pop("TEST_REDIS_URL", None)
    env.update({k: str(v) for k, v in extra.items()})
    return env


def flush_redis(url: str) -> None:
    redis.Redis.from_url(url, socket_connect_timeout=2).flushdb()


def manage(env: dict, *args: str, timeout: float = 60) -> str:
    result = subprocess.run(
        [sys.executable, "manage.py", *args],
        cwd=BASE_DIR,
        env=env,
        capture_output=True,
        text=True,
        timeout=timeout,
        check=False,
    )
    assert result.returncode == 0, result.stdout + result.stderr
    return result.stdout


class Worker:
    """``celery -A samverkan worker`` as a subprocess in its own process group, so SIGKILL
    takes the pool's children with it, as when a container is killed."""

    def __init__(self, env: dict, log_path: Path, concurrency: int = 2, beat: bool = False):
        self.env = env
        self.log_path = log_path
        self.concurrency = concurrency
        # With beat embedded (-B): the periodic sweep runs with no one pressing anything.
        self.beat = beat
        self.proc: subprocess.Popen | None = None

    def start(self):
        log = open(self.log_path, "ab")  # noqa: SIM115 - closed with the process
        self.proc = subprocess.Popen(
            [
                sys.executable,
                "-m",
                "celery",
                "-A",
                "samverkan",
                "worker",
                "--loglevel=INFO",
                f"--concurrency={self.concurrency}",
                "--pool=prefork",
                "--without-gossip",
                "--without-mingle",
                "--without-heartbeat",
                f"--hostname=test-{os.getpid()}-{time.monotonic_ns()}@%h",
                *(["-B", f"--schedule={self.log_path.with_suffix('.beat')}"] if self.beat else []),
            ],
            cwd=BASE_DIR,
            env=self.env,
            stdout=log,
            stderr=subprocess.STDOUT,
            start_new_session=True,
        )
        log.close()
        return self

    def wait_ready(self, timeout: float = 90):
        wait_until(lambda: " ready." in self.log(), timeout, f"worker ready\n{self.log()}")
        return self

    def kill(self):
        """SIGKILL the worker and its pool; no warm shutdown, nothing handed back."""
        if self.proc and self.proc.poll() is None:
            with contextlib.suppress(ProcessLookupError):
                os.killpg(self.proc.pid, signal.SIGKILL)
            self.proc.wait(timeout=10)
        # Orphaned pool children, if any, are in the same group.
        if self.proc:
            with contextlib.suppress(ProcessLookupError):
                os.killpg(self.proc.pid, signal.SIGKILL)

    def log(self) -> str:
        return self.log_path.read_text(errors="replace")[-5000:]


def wait_until(predicate, timeout: float, message: str, interval: float = 0.1):
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if predicate():
            return
        time.sleep(interval)
    raise AssertionError(f"Timed out after {timeout}s: {message}")


class PrivateRedis:
    """A redis-server of the test's own on a free port, without persistence, that the test
    can stop (Redis down: what was queued is lost) and start again on the same port."""

    def __init__(self, workdir: Path):
        self.port = free_port()
        self.workdir = workdir
        self.proc: subprocess.Popen | None = None

    @property
    def url(self) -> str:
        return f"redis://127.0.0.1:{self.port}/0"

    def start(self):
        self.proc = subprocess.Popen(
            [
                "redis-server",
                "--port",
                str(self.port),
                "--bind",
                "127.0.0.1",
                "--save",
                "",
                "--appendonly",
                "no",
                "--dir",
                str(self.workdir),
            ],
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
        )
        client = redis.Redis.from_url(self.url, socket_connect_timeout=1)
        wait_until(lambda: _pings(client), 20, f"redis-server on port {self.port} started")
        return self

    def stop(self):
        if self.proc and self.proc.poll() is None:
            self.proc.terminate()
            self.proc.wait(timeout=10)
        self.proc = None


def _pings(client) -> bool:
    try:
        return client.ping()
    except redis.exceptions.ConnectionError:
        return False


@contextlib.contextmanager
def private_redis(workdir: Path, *, running: bool = True):
    if not shutil.which("redis-server"):
        pytest.fail("redis-server is not installed (make services installs it)")
    server = PrivateRedis(workdir)
    if running:
        server.start()
    try:
        yield server
    finally:
        server.stop()


@contextlib.contextmanager
def celery_publishing_to(url: str):
    """This process's Celery publishes to ``url`` (not eagerly), as the web does in
    production; restored afterwards."""
    from kombu import pools

    from samverkan.celery import app

    saved = {"broker_url": app.conf.broker_url, "task_always_eager": app.conf.task_always_eager}

    def reset():
        pools.reset()
        app._pool = None
        app.amqp._producer_pool = None

    app.conf.update(broker_url=url, task_always_eager=False)
    reset()
    try:
        yield
    finally:
        app.conf.update(saved)
        reset()
