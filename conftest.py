"""Fixtures shared by every test: a small authority with people in every role."""

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
