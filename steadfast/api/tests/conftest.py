import datetime
from collections.abc import Callable

import pytest
from django.core.cache import cache
from django.test import Client
from django.utils import timezone

from steadfast.accounts.models import Scope, User
from steadfast.accounts.tokens import issue_personal_token

EVERY_SCOPE = list(Scope.values)


class Api:
    """A client of the API holding one bearer token."""

    def __init__(self, token: str) -> None:
        self.client = Client(HTTP_AUTHORIZATION=f"Bearer {token}")
        self.token = token
        self.keys = 0

    def get(self, path: str, **query):
        return self.client.get(f"/api/v1{path}", query)

    def post(self, path: str, body: dict, *, key: str | None = None):
        self.keys += 1
        return self.client.post(
            f"/api/v1{path}",
            body,
            content_type="application/json",
            headers={"Idempotency-Key": key or f"test-key-{self.keys}-{id(self)}"},
        )

    def patch(self, path: str, body: dict, **headers):
        return self.client.patch(f"/api/v1{path}", body, content_type="application/json", headers=headers)


@pytest.fixture(autouse=True)
def _no_calls_counted() -> None:
    """Each test starts with no calls counted against any token or address: the throttles count
    in the cache by token id, and on SQLite a later test's token may have an earlier one's id."""
    cache.clear()


@pytest.fixture
def api_as(db) -> Callable[..., Api]:
    """`api_as(user, scopes=[...])`: a client with a new personal access token of `user`'s."""

    def make(user: User, scopes: list[str] | None = None) -> Api:
        _, raw = issue_personal_token(
            actor=user,
            name="Test token",
            scopes=scopes or EVERY_SCOPE,
            expires_on=timezone.localdate() + datetime.timedelta(days=30),
        )
        return Api(raw)

    return make
