"""Fixtures shared by every test: a small authority with people in every role."""

import signal
from collections.abc import Iterator
from pathlib import Path

import pytest

from steadfast.core import texts
from tests.scenario import Scenario, build_scenario

_DEPLOYMENT = Path(__file__).parent / "tests" / "deployment"
_DATABASE_FIXTURES = frozenset({"db", "transactional_db", "django_db_reset_sequences", "live_server"})


def pytest_addoption(parser: pytest.Parser) -> None:
    parser.addoption(
        "--half",
        choices=("sqlite", "postgresql"),
        help='run only the tests of one half of `make test` (docs/performance.md, "The tests\' own time")',
    )


def _runs_in(item: pytest.Item, half: str) -> bool:
    """Whether `item` runs in the SQLite or the PostgreSQL half of `make test`. A test that reads or
    writes the database runs in both; a test that does not (a pure rule, a parser) gains nothing
    from a second database and runs on SQLite only; the browser tests, which check what a person
    sees, run once, on SQLite; the deployment, served as the authority serves it, and the long
    runs of many calls through the API (marked `postgresql_half`), whose every call the resources'
    own tests make on both databases, run on PostgreSQL only."""
    if Path(item.path).is_relative_to(_DEPLOYMENT) or item.get_closest_marker("postgresql_half") is not None:
        return half == "postgresql"
    if half == "sqlite":
        return True
    uses_database = item.get_closest_marker("django_db") is not None or not _DATABASE_FIXTURES.isdisjoint(
        getattr(item, "fixturenames", ())
    )
    return uses_database and item.get_closest_marker("browser") is None


def pytest_collection_modifyitems(config: pytest.Config, items: list[pytest.Item]) -> None:
    half = config.getoption("half")
    if half is None:
        return
    kept = [item for item in items if _runs_in(item, half)]
    if len(kept) != len(items):
        config.hook.pytest_deselected(items=[item for item in items if not _runs_in(item, half)])
        items[:] = kept


@pytest.fixture
def scenario(db) -> Scenario:
    return build_scenario()


@pytest.fixture(autouse=True)
def _empty_text_outbox() -> None:
    """Each test starts with no text messages sent, as pytest-django empties the mail outbox."""
    texts.outbox.clear()


@pytest.fixture
def signal_handlers() -> Iterator[None]:
    """The background worker sets its own handlers for stopping; put the test process's back
    after it (tests/worker.py)."""
    kept = {s: signal.getsignal(s) for s in (signal.SIGINT, signal.SIGTERM, signal.SIGQUIT)}
    yield
    for number, handler in kept.items():
        signal.signal(number, handler)
