"""The parts `ops/prod_check.py` runs the production path with: the files it reads the
commands from, a cookie-keeping HTTP client, the databases and the processes it starts."""

import http.client
import http.cookies
import json
import re
import shlex
import signal
import socket
import subprocess
import sys
import time
import urllib.parse
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
BIN = Path(sys.executable).parent
DEMO_PASSWORD = "demo-samverkan-2026"
JARFALLA = "Överenskommelse om samverkan mellan Järfälla kommun"


class CheckFailed(Exception):
    pass


def step(message: str) -> None:
    print(f"prod-check: {message}", flush=True)


def expect(condition, message: str) -> None:
    if not condition:
        raise CheckFailed(message)


# --- What the Dockerfile and docker-compose.yml run ------------------------------------------


def compose_commands(text: str) -> dict[str, list[str]]:
    """The `command:` JSON list of each service in docker-compose.yml."""
    commands, service = {}, None
    for line in text.splitlines():
        match = re.match(r"^  ([a-z][\w-]*):\s*$", line)
        if match:
            service = match.group(1)
            continue
        match = re.match(r"^    command:\s*(\[.*\])\s*$", line)
        if match and service:
            commands[service] = json.loads(match.group(1))
    return commands


def dockerfile_collectstatic(text: str) -> tuple[dict, list[str]]:
    """The environment and arguments of the Dockerfile's collectstatic."""
    match = re.search(r"((?:[A-Z_]+=\S+ )+)python (manage\.py collectstatic[^\\\n&]*)", text)
    expect(match, "the Dockerfile runs no collectstatic")
    env = dict(item.split("=", 1) for item in match.group(1).split())
    return env, shlex.split(match.group(2))


def localise(command: list[str], *, port: int, beat_schedule: Path) -> list[str]:
    """Run a container command here: this virtualenv's programs, a local port and file."""
    program, *args = command
    program = sys.executable if program == "python" else str(BIN / program)
    args = [
        f"127.0.0.1:{port}"
        if arg == "0.0.0.0:8000"
        else f"--schedule={beat_schedule}"
        if arg.startswith("--schedule=")
        else arg
        for arg in args
    ]
    return [program, *args]


# --- An HTTP client that speaks to gunicorn as the TLS proxy would ---------------------------


class Browser:
    def __init__(self, port: int):
        self.port = port
        self.origin = f"https://127.0.0.1:{port}"
        self.cookies: dict[str, str] = {}

    def request(self, method, path, *, data=None, https=True, headers=None):
        conn = http.client.HTTPConnection("127.0.0.1", self.port, timeout=120)
        sent = {"Host": f"127.0.0.1:{self.port}", **(headers or {})}
        if https:
            sent["X-Forwarded-Proto"] = "https"
        if self.cookies:
            sent["Cookie"] = "; ".join(f"{k}={v}" for k, v in self.cookies.items())
        body = None
        if data is not None:
            body = urllib.parse.urlencode(data, doseq=True)
            sent["Content-Type"] = "application/x-www-form-urlencoded"
            sent["Origin"] = self.origin
            sent["Referer"] = self.origin + path
            if "csrftoken" in self.cookies:
                sent["X-CSRFToken"] = self.cookies["csrftoken"]
        conn.request(method, path, body=body, headers=sent)
        response = conn.getresponse()
        content = response.read()
        for header in response.headers.get_all("Set-Cookie") or []:
            cookie = http.cookies.SimpleCookie()
            cookie.load(header)
            for name, morsel in cookie.items():
                if morsel["max-age"] == "0" or morsel.value == "":
                    self.cookies.pop(name, None)
                else:
                    self.cookies[name] = morsel.value
        conn.close()
        return response, content

    def get(self, path, **kwargs):
        return self.request("GET", path, **kwargs)

    def post(self, path, data, **kwargs):
        return self.request("POST", path, data=data, **kwargs)

    def page(self, path) -> str:
        response, content = self.get(path)
        expect(response.status == 200, f"GET {path} answered {response.status}")
        return content.decode()


def csrf_token(html: str) -> str:
    match = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', html)
    expect(match, "no CSRF token in the form")
    return match.group(1)


def hidden(html: str, name: str) -> str:
    match = re.search(rf'name="{name}" value="([^"]*)"', html)
    expect(match, f"no field {name} in the form")
    return match.group(1)


# --- The run ---------------------------------------------------------------------------------


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def database_recreate(url: str) -> None:
    import psycopg2

    parts = urllib.parse.urlsplit(url)
    name = parts.path.lstrip("/")
    admin = urllib.parse.urlunsplit(parts._replace(path="/postgres"))
    conn = psycopg2.connect(admin)
    conn.autocommit = True
    with conn.cursor() as cursor:
        cursor.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
        cursor.execute(f'CREATE DATABASE "{name}"')
    conn.close()


def database_drop(url: str) -> None:
    import psycopg2

    parts = urllib.parse.urlsplit(url)
    conn = psycopg2.connect(urllib.parse.urlunsplit(parts._replace(path="/postgres")))
    conn.autocommit = True
    with conn.cursor() as cursor:
        cursor.execute(f'DROP DATABASE IF EXISTS "{parts.path.lstrip("/")}" WITH (FORCE)')
    conn.close()


def redis_flush(url: str) -> None:
    import redis

    redis.Redis.from_url(url).flushdb()


class Stack:
    def __init__(self, env: dict, logs: Path):
        self.env = env
        self.logs = logs
        self.processes: list[tuple[str, subprocess.Popen]] = []

    def run(self, name: str, command: list[str], env: dict | None = None) -> str:
        step(f"{name}: {' '.join(command[1:])}")
        started = time.monotonic()
        result = subprocess.run(
            command, cwd=ROOT, env=env or self.env, capture_output=True, text=True
        )
        if result.returncode != 0:
            raise CheckFailed(
                f"{name} failed ({result.returncode}):\n{result.stdout}{result.stderr}"
            )
        step(f"{name}: ok in {time.monotonic() - started:.1f} s")
        return result.stdout

    def start(self, name: str, command: list[str]) -> None:
        step(f"start {name}: {' '.join(command)}")
        log = (self.logs / f"{name}.log").open("w")
        process = subprocess.Popen(
            command, cwd=ROOT, env=self.env, stdout=log, stderr=subprocess.STDOUT
        )
        self.processes.append((name, process))

    def check_running(self) -> None:
        for name, process in self.processes:
            expect(process.poll() is None, f"{name} exited with {process.returncode}")

    def stop(self) -> None:
        for _name, process in self.processes:
            if process.poll() is None:
                process.send_signal(signal.SIGTERM)
        for _name, process in self.processes:
            try:
                process.wait(timeout=30)
            except subprocess.TimeoutExpired:
                process.kill()
                process.wait()

    def dump_logs(self) -> None:
        for path in sorted(self.logs.glob("*.log")):
            print(f"----- {path.name} (last 60 lines) -----")
            print("\n".join(path.read_text(errors="replace").splitlines()[-60:]))


def manage_json(stack: Stack, code: str):
    output = stack.run("query", [sys.executable, "manage.py", "shell", "-c", code])
    return json.loads(output.strip().splitlines()[-1])
