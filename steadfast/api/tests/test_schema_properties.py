"""Schemathesis against the API's own OpenAPI document: generated calls to every operation,
valid and not, as a caller holding every scope. No call may fail with a server error, and every
answer must match what the document says: its status, its content type, its headers and its
body. At least 1,000 calls are made in each run."""

import math

import pytest
from django.core.cache import cache
from django.core.signals import request_finished, request_started
from django.db import close_old_connections
from hypothesis import HealthCheck, given, settings
from schemathesis import GenerationMode
from schemathesis.checks import not_a_server_error
from schemathesis.openapi import from_dict
from schemathesis.specs.openapi.checks import (
    content_type_conformance,
    response_headers_conformance,
    response_schema_conformance,
    status_code_conformance,
)

from config.wsgi import application
from steadfast.api.main import api

# Once, on PostgreSQL, in `make test`: each operation's own tests run on both databases.
pytestmark = pytest.mark.postgresql_half

CHECKS = [
    not_a_server_error,
    status_code_conformance,
    content_type_conformance,
    response_headers_conformance,
    response_schema_conformance,
]
# At least this many calls in all, shared among the operations and the two modes, and no fewer
# than EXAMPLES for any of them. Hypothesis makes fewer where an operation's inputs run out.
AT_LEAST = 1_000
EXAMPLES = 15
TOKEN_ENDPOINT = "/api/v1/oauth/token"


@pytest.fixture
def schema():
    loaded = from_dict(api.get_openapi_schema())
    loaded.app = application
    # Called straight through the WSGI application, each request would close the database
    # connection when it ends, as outside a test: on PostgreSQL that ends the test's transaction
    # and every later call fails. Django's test client holds the connection open the same way.
    request_started.disconnect(close_old_connections)
    request_finished.disconnect(close_old_connections)
    yield loaded
    request_started.connect(close_old_connections)
    request_finished.connect(close_old_connections)


@pytest.fixture
def many_calls(settings):
    # So many calls in so little time would be throttled; the throttle has tests of its own.
    settings.API_CALLS_PER_MINUTE = 1_000_000
    cache.clear()


def _calls(operation, mode, *, headers: dict, examples: int) -> int:
    made = 0

    @given(case=operation.as_strategy(generation_mode=mode))
    @settings(max_examples=examples, deadline=None, database=None, suppress_health_check=list(HealthCheck))
    def call(case) -> None:
        nonlocal made
        made += 1
        case.call_and_validate(headers=headers, checks=CHECKS)

    call()
    return made


def test_generated_calls_never_fail_and_always_match_the_document(scenario, api_as, schema, many_calls):
    token = api_as(scenario.users["team_manager"]).token
    operations = [result.ok() for result in schema.get_all_operations()]
    examples = max(EXAMPLES, math.ceil(AT_LEAST * 1.2 / (2 * len(operations))))
    calls = 0
    for operation in operations:
        headers = {} if operation.path == TOKEN_ENDPOINT else {"Authorization": f"Bearer {token}"}
        for mode in (GenerationMode.POSITIVE, GenerationMode.NEGATIVE):
            calls += _calls(operation, mode, headers=headers, examples=examples)
    assert calls >= AT_LEAST, f"{calls} calls across {len(operations)} operations"
