"""The house's rules that the code can check about itself (docs/architecture.md): the rooms'
import contracts hold and catch a wrong arrow, and no module grows past 400 lines."""

import shutil
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
ROOMS = ("samverkan", "agreements", "indicators", "meetings", "search", "history", "api")
LINT_IMPORTS = Path(sys.executable).with_name("lint-imports")

MAX_LINES = 400
# Outside the rule: migrations (generated), the tests, and demo data (seed documents' text).
NOT_MODULES = ("migrations",)
NOT_MODULE_ROOTS = (".venv", "tests", "fixtures", "node_modules", "media", "staticfiles")


def _python_modules():
    for path in sorted(ROOT.rglob("*.py")):
        relative = path.relative_to(ROOT)
        if relative.parts[0] in NOT_MODULE_ROOTS or relative.parts[0].startswith("."):
            continue
        if any(part in NOT_MODULES for part in relative.parts):
            continue
        yield relative


def test_no_module_is_over_400_lines():
    too_long = {
        str(path): lines
        for path in _python_modules()
        if (lines := len((ROOT / path).read_text(encoding="utf-8").splitlines())) > MAX_LINES
    }
    assert too_long == {}, f"split these by feature (STYLE.md, 'The house'): {too_long}"


def test_the_line_rule_sees_the_apps_and_the_scripts():
    # The rule cannot pass by looking at nothing: it reads the rooms, ops/ and bench/.
    modules = {str(path) for path in _python_modules()}
    assert {"agreements/models/agreement.py", "ops/prod_check.py", "bench/bench_pages.py"} <= (
        modules
    )
    assert not any(m.startswith(("tests/", "fixtures/")) or "/migrations/" in m for m in modules)


@pytest.fixture
def rooms_copy(tmp_path):
    """The rooms' Python files and the contracts, copied where a test may break them."""
    for room in ROOMS:
        shutil.copytree(
            ROOT / room,
            tmp_path / room,
            ignore=shutil.ignore_patterns("__pycache__", "*.html", "*.txt", "*.csv", "*.pyc"),
        )
    shutil.copy(ROOT / "pyproject.toml", tmp_path / "pyproject.toml")
    return tmp_path


def _lint_imports(directory: Path) -> subprocess.CompletedProcess:
    return subprocess.run(
        [str(LINT_IMPORTS), "--no-cache"],
        cwd=directory,
        env={"PYTHONPATH": str(directory), "PATH": "/usr/bin:/bin"},
        capture_output=True,
        text=True,
        timeout=120,
    )


def test_the_rooms_keep_their_import_contracts(rooms_copy):
    result = _lint_imports(rooms_copy)
    assert result.returncode == 0, result.stdout + result.stderr
    assert "4 kept, 0 broken" in result.stdout


@pytest.mark.parametrize(
    ("module", "wrong_import", "contract"),
    [
        ("samverkan/wrong.py", "from agreements.models import Agreement", "core knows no"),
        ("samverkan/reminders/wrong.py", "import meetings.models", "core knows no"),
        ("agreements/wrong.py", "from indicators.models import Goal", "neither wing"),
        ("agreements/views/wrong.py", "import meetings.access", "neither wing"),
        ("indicators/wrong.py", "from meetings.models import Group", "never imports meetings"),
        ("meetings/wrong.py", "from search.services import Search", "rooms are layers"),
    ],
)
def test_a_wrong_import_breaks_make_lint(rooms_copy, module, wrong_import, contract):
    # GIVEN a copy of the rooms with one import against the arrows
    (rooms_copy / module).write_text(f"{wrong_import}  # against the arrows\n")
    # WHEN the contracts are checked
    result = _lint_imports(rooms_copy)
    # THEN the check fails and names the broken contract and the import
    assert result.returncode != 0
    assert "BROKEN" in result.stdout
    assert contract in result.stdout
    assert module.removesuffix(".py").replace("/", ".") in result.stdout


def test_meetings_may_import_indicators_the_one_declared_arrow_between_the_wings(rooms_copy):
    (rooms_copy / "meetings" / "allowed.py").write_text("from indicators.models import Goal\n")
    assert _lint_imports(rooms_copy).returncode == 0
