"""A real OpenID Connect provider for the tests: panva/node-oidc-provider run with Node.

``tests/oidc`` holds its package.json and package-lock.json; ``npm ci`` installs it the first
time (node_modules is not committed). ``running_provider`` starts tests/oidc/provider.mjs on a
free port with the given clients and accounts and yields its issuer URL.
"""

import contextlib
import json
import os
import queue
import re
import shutil
import subprocess
import threading
from pathlib import Path
from urllib.parse import urlsplit

import requests

OIDC_DIR = Path(__file__).resolve().parent.parent / "oidc"
CALLBACK_PATH = "/konto/sso/svar/"


def ensure_node_modules() -> None:
    if (OIDC_DIR / "node_modules" / "oidc-provider").is_dir():
        return
    npm = shutil.which("npm")
    if npm is None:
        raise RuntimeError("The SSO tests need Node.js 20 and npm (apt-get install nodejs npm).")
    subprocess.run([npm, "ci", "--no-audit", "--no-fund"], cwd=OIDC_DIR, check=True, timeout=600)


@contextlib.contextmanager
def running_provider(*, clients, accounts, id_token_ttl=600, clock_offset_seconds=0):
    """Start the provider; yield its issuer (``http://127.0.0.1:<port>``)."""
    ensure_node_modules()
    env = {
        **os.environ,
        "OIDC_CLIENTS": json.dumps(clients),
        "OIDC_ACCOUNTS": json.dumps(accounts),
        "ID_TOKEN_TTL": str(id_token_ttl),
        "CLOCK_OFFSET_SECONDS": str(clock_offset_seconds),
        "PORT": "0",
    }
    process = subprocess.Popen(
        [shutil.which("node") or "node", "provider.mjs"],
        cwd=OIDC_DIR,
        env=env,
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        text=True,
    )
    lines: queue.Queue[str] = queue.Queue()

    def pump():
        for line in process.stdout:
            lines.put(line)

    threading.Thread(target=pump, daemon=True).start()
    issuer = None
    output = []
    try:
        while issuer is None:
            try:
                line = lines.get(timeout=30)
            except queue.Empty:
                raise RuntimeError(
                    "The OpenID provider did not start:\n" + "".join(output)
                ) from None
            output.append(line)
            match = re.match(r"listening (\S+)", line)
            if match:
                issuer = match.group(1)
        yield issuer
    finally:
        process.terminate()
        try:
            process.wait(timeout=10)
        except subprocess.TimeoutExpired:
            process.kill()


def discovery(issuer: str) -> dict:
    response = requests.get(f"{issuer}/.well-known/openid-configuration", timeout=10)
    response.raise_for_status()
    return response.json()


def rp_settings(settings, issuer: str, *, client_id: str, client_secret: str) -> None:
    """Configure the portal as the provider's client, from the provider's discovery document."""
    config = discovery(issuer)
    settings.OIDC_RP_CLIENT_ID = client_id
    settings.OIDC_RP_CLIENT_SECRET = client_secret
    settings.OIDC_OP_ISSUER = config["issuer"]
    settings.OIDC_OP_AUTHORIZATION_ENDPOINT = config["authorization_endpoint"]
    settings.OIDC_OP_TOKEN_ENDPOINT = config["token_endpoint"]
    settings.OIDC_OP_USER_ENDPOINT = config["userinfo_endpoint"]
    settings.OIDC_OP_JWKS_ENDPOINT = config["jwks_uri"]
    settings.AUTHENTICATION_BACKENDS = [
        *settings.AUTHENTICATION_BACKENDS,
        "samverkan.sso.PortalOIDCBackend",
    ]


def provider_login(session: requests.Session, response: requests.Response, login: str):
    """At the provider's (devInteractions) login form, sign in as ``login`` and follow the
    redirects back to wherever they lead; returns the last response."""
    action = re.search(r'<form[^>]*action="([^"]+)"', response.text)
    assert action, response.text[:500]
    url = action.group(1)
    if url.startswith("/"):
        parts = urlsplit(response.url)
        url = f"{parts.scheme}://{parts.netloc}{url}"
    return session.post(url, data={"prompt": "login", "login": login, "password": "x"}, timeout=30)
