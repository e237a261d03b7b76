"""Counting the queries a page costs, for tests that it stays flat as rows grow."""

from django.db import connection
from django.test.utils import CaptureQueriesContext


def queries_for(client, path: str) -> int:
    """How many queries one GET of `path` makes, once an earlier GET has kept what the user may
    see (`access.remember_visibility`), so that counts before and after a change compare alike;
    the page must answer 200."""
    assert client.get(path).status_code == 200
    with CaptureQueriesContext(connection) as queries:
        assert client.get(path).status_code == 200
    return len(queries)
