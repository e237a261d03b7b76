"""Fixtures shared by every test: a small authority with people in every role."""

import pytest

from tests.scenario import Scenario, build_scenario


@pytest.fixture
def scenario(db) -> Scenario:
    return build_scenario()
