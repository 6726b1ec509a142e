"""The production path, outside containers: `make prod-check`.

Runs what the Dockerfile and docker-compose.yml run, read from those files so they cannot
drift apart: collectstatic with DEBUG off, `check --deploy --fail-level WARNING`, migrate,
gunicorn, a Celery worker and beat, all on PostgreSQL and Redis with production settings and
a real SMTP server (aiosmtpd). Then a smoke test through gunicorn, as a TLS-terminating proxy
would talk to it (X-Forwarded-Proto: https): log in, open the main pages, send an agreement
for signature and register its signatures, fetch the sealed PDF the worker made and verify
it, export the ZIP. Last, `manage.py backup` and `manage.py restore` into an empty database
and media directory, which checks every signed PDF's SHA-256 and seal.

Exits non-zero at the first failure, printing the logs of the processes it started.
"""

import argparse
import io
import os
import re
import secrets
import signal
import subprocess
import sys
import tempfile
import time
import zipfile
from datetime import date
from pathlib import Path

from prod_support import (  # ops/ is the script's directory, first on sys.path
    DEMO_PASSWORD,
    JARFALLA,
    ROOT,
    Browser,
    Stack,
    compose_commands,
    csrf_token,
    database_drop,
    database_recreate,
    dockerfile_collectstatic,
    expect,
    free_port,
    hidden,
    localise,
    manage_json,
    redis_flush,
    step,
)


def smoke(stack: Stack, port: int, tmp: Path) -> None:
    browser = Browser(port)
    deadline = time.monotonic() + 90
    while True:
        stack.check_running()
        try:
            response, _ = browser.get("/healthz/", https=False)
            if response.status == 200:
                break
        except OSError:
            pass
        expect(time.monotonic() < deadline, "gunicorn did not answer /healthz/ in 90 s")
        time.sleep(0.5)
    step("gunicorn answers /healthz/")

    response, _ = browser.get("/", https=False)
    expect(
        response.status == 301 and response.getheader("Location", "").startswith("https://"),
        f"plain HTTP is not redirected to HTTPS ({response.status})",
    )
    response, content = browser.get("/konto/logga-in/")
    expect(response.status == 200, f"login page answered {response.status}")
    headers = {k.lower(): v for k, v in response.getheaders()}
    for header in (
        "strict-transport-security",
        "permissions-policy",
        "content-security-policy",
        "x-content-type-options",
    ):
        expect(header in headers, f"the login page has no {header} header")
    html = content.decode()
    stylesheet = re.search(
        r'href="(/static/vendor/bootstrap/bootstrap\.min\.[0-9a-f]+\.css)"', html
    )
    expect(stylesheet, "the login page links no hashed (collected) Bootstrap stylesheet")
    response, _ = browser.get(stylesheet.group(1))
    expect(response.status == 200, f"whitenoise answered {response.status} for the stylesheet")
    response, content = browser.post(
        "/konto/logga-in/",
        {"csrfmiddlewaretoken": csrf_token(html), "username": "admin", "password": DEMO_PASSWORD},
    )
    expect(response.status == 302, f"login answered {response.status}: {content[:500]!r}")
    step("logged in as admin over HTTPS, security headers and static files in place")

    for path in (
        "/",
        "/overenskommelser/",
        "/overenskommelser/export/",
        "/uppfoljning/",
        "/samverkan/grupper/",
        "/jobbspar/",
        "/paminnelser/",
        "/organisationer/",
        "/register/",
        "/verifiera/",
    ):
        browser.page(path)
    response, content = browser.get("/finns-inte/")
    expect(
        response.status == 404 and "Sidan finns inte" in content.decode(),
        "the 404 page is not the portal's",
    )
    step("main pages answer 200; the 404 page is the portal's")

    listing = browser.page("/overenskommelser/")
    match = re.search(r'<a href="/overenskommelser/(\d+)/">' + re.escape(JARFALLA), listing)
    expect(match, "the agreement list does not show the Järfälla agreement")
    pk = int(match.group(1))
    html = browser.page(f"/overenskommelser/{pk}/skicka-for-underskrift/")
    response, content = browser.post(
        f"/overenskommelser/{pk}/skicka-for-underskrift/",
        {"csrfmiddlewaretoken": csrf_token(html)},
    )
    expect(response.status == 302, f"send for signature answered {response.status}")
    signed_on = date.today().isoformat()
    while True:
        html = browser.page(f"/overenskommelser/{pk}/underteckna/papper/")
        options = re.findall(r'<option value="(\d+)"', html)
        if not options:
            break
        response, content = browser.post(
            f"/overenskommelser/{pk}/underteckna/papper/",
            {
                "csrfmiddlewaretoken": csrf_token(html),
                "signatory": options[0],
                "signed_on": signed_on,
                "content_hash": hidden(html, "content_hash"),
            },
        )
        expect(
            response.status == 302,
            f"registering a paper signature answered {response.status}: {content[:800]!r}",
        )
    number = manage_json(
        stack,
        "import json; from agreements.models import Agreement; "
        f"a = Agreement.objects.get(pk={pk}); "
        "print(json.dumps(a.versions.order_by('-number').first().number))",
    )
    step(f"version {number} sent for signature and signed by every signatory")

    deadline = time.monotonic() + 120
    while True:
        stack.check_running()
        response, pdf = browser.get(f"/overenskommelser/{pk}/versioner/{number}/pdf/")
        if response.status == 200 and pdf.startswith(b"%PDF"):
            break
        expect(time.monotonic() < deadline, "the worker made no signed PDF in 120 s")
        time.sleep(1)
    path = tmp / "signed.pdf"
    path.write_bytes(pdf)
    output = stack.run(
        "verify_signed_pdf", [sys.executable, "manage.py", "verify_signed_pdf", str(path)]
    )
    step(f"the worker sealed the PDF ({len(pdf)} bytes); verify_signed_pdf: {output.strip()}")

    response, content = browser.get("/overenskommelser/export/undertecknade.zip")
    expect(response.status == 200, f"the ZIP export answered {response.status}")
    archive = zipfile.ZipFile(io.BytesIO(content))
    contents = [archive.read(name) for name in archive.namelist()]
    expect(pdf in contents, "the ZIP export lacks the signed PDF just made")
    step(f"ZIP export holds {len(contents)} files, the new signed PDF among them")


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--database-url", required=True)
    parser.add_argument("--redis-url", required=True)
    parser.add_argument("--keep", action="store_true", help="keep the databases and files")
    parser.add_argument(
        "--static-root", help="reuse files collected by an earlier run here (development only)"
    )
    options = parser.parse_args()
    # Stopped from outside (CI's timeout): still stop what was started, in `finally`.
    signal.signal(signal.SIGTERM, lambda *_: sys.exit(1))

    compose = compose_commands((ROOT / "docker-compose.yml").read_text())
    for service in ("migrate", "web", "worker", "beat"):
        expect(service in compose, f"docker-compose.yml has no command for {service}")
    static_env, collectstatic = dockerfile_collectstatic((ROOT / "Dockerfile").read_text())

    started = time.monotonic()
    tmp = Path(tempfile.mkdtemp(prefix="prod-check-"))
    logs = tmp / "logs"
    logs.mkdir()
    port = free_port()
    restore_url = options.database_url + "_restore"

    from aiosmtpd.controller import Controller
    from aiosmtpd.handlers import Sink

    smtp = Controller(Sink(), hostname="127.0.0.1", port=free_port())
    smtp.start()

    env = {
        key: value
        for key, value in os.environ.items()
        if not key.startswith(("DJANGO_", "CELERY_", "TEST_")) and key not in {"DEBUG"}
    }
    env.update(
        {
            "DEBUG": "0",
            "SECRET_KEY": secrets.token_urlsafe(50),
            "ALLOWED_HOSTS": "127.0.0.1,localhost",
            "CSRF_TRUSTED_ORIGINS": f"https://127.0.0.1:{port}",
            "SITE_URL": f"https://127.0.0.1:{port}",
            "DATABASE_URL": options.database_url,
            "REDIS_URL": options.redis_url,
            "EMAIL_HOST": "127.0.0.1",
            "EMAIL_PORT": str(smtp.port),
            "EMAIL_USE_TLS": "0",
            "MEDIA_ROOT": str(tmp / "media"),
            "STATIC_ROOT": options.static_root or str(tmp / "static"),
            "SIGNING_CERT_PATH": str(tmp / "secrets" / "seal.p12"),
            "SIGNING_CERT_PASSWORD": secrets.token_urlsafe(16),
            "CELERY_BEAT_SCHEDULE_FILENAME": str(tmp / "celerybeat-schedule"),
        }
    )
    stack = Stack(env, logs)
    try:
        database_recreate(options.database_url)
        database_drop(restore_url)
        redis_flush(options.redis_url)

        # The image: collectstatic as the Dockerfile runs it (its own SECRET_KEY, DEBUG=0).
        if not (options.static_root and Path(options.static_root, "staticfiles.json").exists()):
            stack.run("collectstatic", [sys.executable, *collectstatic], env={**env, **static_env})
        # The compose secret: a PKCS#12 file outside the code (here a self-signed one).
        sys.path.insert(0, str(ROOT))
        from samverkan.seal import make_self_signed_pkcs12

        make_self_signed_pkcs12(
            Path(env["SIGNING_CERT_PATH"]), env["SIGNING_CERT_PASSWORD"], "prod-check"
        )
        stack.run(
            "check --deploy",
            [sys.executable, "manage.py", "check", "--deploy", "--fail-level", "WARNING"],
        )
        local = {
            name: localise(command, port=port, beat_schedule=tmp / "celerybeat-schedule")
            for name, command in compose.items()
        }
        stack.run("migrate", local["migrate"])
        stack.run("load_demo", [sys.executable, "manage.py", "load_demo"])
        stack.start("web", local["web"])
        stack.start("worker", local["worker"])
        stack.start("beat", local["beat"])

        smoke(stack, port, tmp)

        stack.check_running()
        beat_log = (logs / "beat.log").read_text()
        expect("beat: Starting" in beat_log, "beat did not start")
        step("gunicorn, worker and beat ran throughout")

        archive = tmp / "backup.tar"
        stack.run("backup", [sys.executable, "manage.py", "backup", "--output", str(archive)])
        database_recreate(restore_url)
        output = stack.run(
            "restore",
            [sys.executable, "manage.py", "restore", str(archive)],
            env={**env, "DATABASE_URL": restore_url, "MEDIA_ROOT": str(tmp / "restored-media")},
        )
        step(output.strip().splitlines()[-1])
    except Exception as exc:
        stack.stop()
        stack.dump_logs()
        print(f"prod-check: FAILED: {exc}", file=sys.stderr)
        return 1
    finally:
        stack.stop()
        smtp.stop()
        if not options.keep:
            database_drop(restore_url)
            subprocess.run(["rm", "-rf", str(tmp)], check=False)
    step(f"passed in {time.monotonic() - started:.0f} s")
    return 0


if __name__ == "__main__":
    sys.exit(main())
