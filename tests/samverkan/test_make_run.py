"""`make run PORT=8101` writes the address it serves into e-mails and PDFs (SITE_URL)."""

import shutil
import subprocess
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]


@pytest.mark.skipif(shutil.which("make") is None, reason="make is not installed")
def test_make_run_passes_the_served_address_as_site_url():
    # WHEN `make run` is asked (dry run) to serve on port 8101
    result = subprocess.run(
        ["make", "-n", "run", "PORT=8101"],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=120,
        env={"PATH": "/usr/bin:/bin", "HOME": str(ROOT)},
    )
    lines = result.stdout.splitlines()
    serve = [line for line in lines if "runserver" in line]
    demo = [line for line in lines if "load_demo" in line]
    # THEN the server and the demo loader (which renders the signed PDF) get that address
    assert serve and "SITE_URL=http://127.0.0.1:8101 " in serve[0], result.stdout
    assert serve[0].rstrip().endswith("runserver 127.0.0.1:8101")
    assert demo and "SITE_URL=http://127.0.0.1:8101 " in demo[0]
