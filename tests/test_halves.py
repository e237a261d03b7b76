"""`make test` runs a test that touches the database on both databases, and every other test once:
the pure tests and the browser tests on SQLite, the deployment on PostgreSQL."""

from dataclasses import dataclass, field
from pathlib import Path

import pytest

from conftest import _runs_in

ROOT = Path(__file__).resolve().parents[1]


@dataclass
class _Test:
    """What `_runs_in` reads of a collected test."""

    path: Path
    marks: set[str] = field(default_factory=set)
    fixturenames: tuple[str, ...] = ()

    def get_closest_marker(self, name: str) -> object | None:
        return name if name in self.marks else None


PURE = _Test(ROOT / "steadfast/core/tests/test_readability.py")
MARKED_DATABASE = _Test(ROOT / "steadfast/children/tests/test_search.py", marks={"django_db"})
DATABASE_BY_FIXTURE = _Test(ROOT / "steadfast/grids/tests/test_forms.py", fixturenames=("scenario", "db"))
BROWSER = _Test(ROOT / "tests/browser/test_grids.py", marks={"browser"}, fixturenames=("live_server",))
DEPLOYMENT = _Test(ROOT / "tests/deployment/test_pages.py", fixturenames=("deployment",))
LONG_API_RUN = _Test(
    ROOT / "steadfast/api/tests/test_sync.py", marks={"postgresql_half"}, fixturenames=("scenario", "db")
)


@pytest.mark.parametrize(
    ("test", "halves"),
    [
        (PURE, {"sqlite"}),
        (MARKED_DATABASE, {"sqlite", "postgresql"}),
        (DATABASE_BY_FIXTURE, {"sqlite", "postgresql"}),
        (BROWSER, {"sqlite"}),
        (DEPLOYMENT, {"postgresql"}),
        (LONG_API_RUN, {"postgresql"}),
    ],
)
def test_each_test_runs_in_the_halves_it_should(test, halves):
    assert {half for half in ("sqlite", "postgresql") if _runs_in(test, half)} == halves
