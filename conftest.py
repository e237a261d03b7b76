"""Fixtures shared by every test: a small authority with people in every role."""

import signal
from collections.abc import Iterator

import pytest

from steadfast.core import texts
from tests.scenario import Scenario, build_scenario


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
