"""The layers of docs/architecture.md hold: `lint-imports` keeps every contract in pyproject.toml,
and breaks one when an app imports a layer above it, when two apps import each other in a circle,
or when a model the access policy reads imports accounts. The contracts are checked here, as part
of the tests, so that a wrong-way import fails the tests wherever they run, not only `make lint`."""

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
LINT_IMPORTS = Path(sys.executable).with_name("lint-imports")


def _lint_imports(where: Path) -> subprocess.CompletedProcess:
    # A wide console, so that no import is split over two lines of the report.
    env = {**os.environ, "COLUMNS": "250"}
    env.pop("PYTHONPATH", None)
    return subprocess.run(
        [str(LINT_IMPORTS), "--no-cache", "--no-logo"],
        cwd=where,
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
    )


def _copy_of_the_code(tmp_path: Path) -> Path:
    """The package's Python modules and pyproject.toml, to break without touching the real ones."""

    def not_python(folder: str, names: list[str]) -> list[str]:
        return [name for name in names if not name.endswith(".py") and not (Path(folder) / name).is_dir()]

    shutil.copytree(ROOT / "steadfast", tmp_path / "steadfast", ignore=not_python)
    shutil.copy(ROOT / "pyproject.toml", tmp_path / "pyproject.toml")
    return tmp_path


def test_the_code_keeps_every_contract():
    result = _lint_imports(ROOT)
    assert result.returncode == 0, result.stdout + result.stderr
    assert "0 broken" in result.stdout


@pytest.mark.parametrize(
    ("module", "code", "broken", "named"),
    [
        # A record importing the practice built on it.
        (
            "placements/upward.py",
            "from steadfast.concerns.models import StabilityConcern\n",
            "Each app imports only its own layer and the layers below BROKEN",
            "steadfast.placements.upward -> steadfast.concerns.models",
        ),
        # The bottom of the stack importing the top, from inside a function.
        (
            "core/upward.py",
            "def demo_children():\n    from steadfast.demo import rules\n\n    return rules\n",
            "Each app imports only its own layer and the layers below BROKEN",
            "steadfast.core.upward -> steadfast.demo.rules",
        ),
        # Two practice apps, which may import each other one way: meetings imports concerns
        # already, so concerns importing meetings closes a circle.
        (
            "concerns/circle.py",
            "from steadfast.meetings.models import StabilityMeeting\n",
            "No two apps import each other in a circle BROKEN",
            ".concerns -> .meetings",
        ),
        # A model the access policy reads, importing accounts.
        (
            "children/models.py",
            "\nfrom steadfast.accounts import selectors\n",
            "The records' models import neither accounts nor each other BROKEN",
            "steadfast.children.models -> steadfast.accounts.selectors",
        ),
    ],
    ids=["upward", "upward-inside-a-function", "circle", "records-models"],
)
def test_a_wrong_way_import_breaks_a_contract(tmp_path, module, code, broken, named):
    copy = _copy_of_the_code(tmp_path)
    assert _lint_imports(copy).returncode == 0
    with open(copy / "steadfast" / module, "a") as source:
        source.write(code)
    result = _lint_imports(copy)
    assert result.returncode == 1, result.stdout + result.stderr
    assert broken in result.stdout
    assert named in result.stdout


def test_an_apps_own_tests_may_import_any_app(tmp_path):
    copy = _copy_of_the_code(tmp_path)
    with open(copy / "steadfast" / "core" / "tests" / "test_upward.py", "w") as source:
        source.write("from steadfast.demo import rules\n")
    result = _lint_imports(copy)
    assert result.returncode == 0, result.stdout + result.stderr


def test_a_new_app_breaks_the_layers_until_it_is_given_its_place(tmp_path):
    copy = _copy_of_the_code(tmp_path)
    (copy / "steadfast" / "reports").mkdir()
    (copy / "steadfast" / "reports" / "__init__.py").write_text("")
    result = _lint_imports(copy)
    assert result.returncode == 1, result.stdout + result.stderr
    assert "The following modules are not listed as layers:\n\n- steadfast.reports" in result.stdout
