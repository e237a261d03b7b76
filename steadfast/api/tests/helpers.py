"""What the tests of several resources share: a connected system registered for one team, and
bodies of arbitrary JSON to send to write endpoints."""

from typing import Any

from hypothesis import strategies as st

from steadfast.accounts.models import Scope
from steadfast.accounts.tokens import issue_client_token, register_client

from .conftest import Api


def connected_system(scenario: object, *, scopes: list[str] | None = None) -> Api:
    """A client of the API acting as a system the scenario's administrator registered for the
    North team (the social worker's), with a token of its own."""
    client, secret = register_client(
        actor=scenario.users["administrator"],
        name="Test case system",
        scopes=scopes or [Scope.READ, Scope.WRITE_CHILDREN],
        teams=[scenario.users["social_worker"].team],
    )
    token = issue_client_token(client_id=client.client_id, secret=secret)
    return Api(token.raw)


def _json_values() -> st.SearchStrategy[Any]:
    scalars = st.one_of(
        st.none(),
        st.booleans(),
        st.integers(min_value=-(2**70), max_value=2**70),
        st.floats(allow_nan=False, allow_infinity=False),
        st.text(max_size=30),
        st.sampled_from(["", "\x00", " ", "2026-02-30", "9999-12-31", "0001-01-01", "2020-01-01"]),
    )
    return st.recursive(
        scalars,
        lambda inner: st.lists(inner, max_size=3) | st.dictionaries(st.text(max_size=8), inner, max_size=3),
        max_leaves=6,
    )


def bodies(fields: dict[str, st.SearchStrategy[Any]]) -> st.SearchStrategy[Any]:
    """JSON bodies for a write endpoint: some with the endpoint's own fields (sensible or wild
    values, any of them missing), some anything at all."""
    wild = _json_values()
    shaped = st.fixed_dictionaries({}, optional={name: s | wild for name, s in fields.items()})
    return st.one_of(shaped, wild)
