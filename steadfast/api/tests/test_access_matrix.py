"""The API's access matrix, read from its own OpenAPI document so that every operation is
covered as it is added: for each person in the scenario (one in every role) and a connected
system, every list gives only records of children and households the access policy lets them
see (restricted ones included, and the `changed_since` feed), every record in any list answers
its detail operation exactly for those whose lists hold it, and any other asks 404, the same
answer as for a record that does not exist."""

import re

import pytest
from django.core.cache import cache

from steadfast.accounts.access import children_visible_to, households_visible_to
from steadfast.accounts.models import Scope
from steadfast.accounts.tokens import issue_client_token, register_client
from steadfast.api.main import api
from tests.scenario import STAFF_USERNAMES

from .conftest import Api

PREFIX = "/api/v1"
EPOCH = "2000-01-01T00:00:00Z"


def _operations() -> tuple[list[str], dict[str, str], list[str]]:
    """The lists (paths with no parameter), the details (a list's path and one id, by list), and
    the child's own sub-resources (`/children/{child_id}/...`)."""
    paths = [path[len(PREFIX) :] for path, ops in api.get_openapi_schema()["paths"].items() if "get" in ops]
    lists = [path for path in paths if "{" not in path]
    details = {}
    for path in paths:
        match = re.fullmatch(r"(/[a-z-]+/)\{[a-z_]+\}", path)
        if match and match.group(1) in lists:
            details[match.group(1)] = path
    below_child = [path for path in paths if re.fullmatch(r"/children/\{child_id\}/[a-z-]+", path)]
    return lists, details, below_child


LISTS, DETAILS, BELOW_CHILD = _operations()


def _everything(api_client: Api, path: str, **query) -> list[dict]:
    items, cursor = [], None
    while True:
        body = api_client.get(path, limit=500, **query, **({"cursor": cursor} if cursor else {})).json()
        items += body["items"]
        cursor = body["next_cursor"]
        if cursor is None:
            return items


@pytest.fixture
def callers(scenario, api_as, settings):
    settings.API_CALLS_PER_MINUTE = 1_000_000
    cache.clear()
    people = {
        name: (scenario.users[name], api_as(scenario.users[name], list(Scope.values)))
        for name in STAFF_USERNAMES
    }
    client, secret = register_client(
        actor=scenario.users["administrator"],
        name="Test case system",
        scopes=list(Scope.values),
        teams=[scenario.users["social_worker"].team],
    )
    token = issue_client_token(client_id=client.client_id, secret=secret)
    people["connected_system"] = (client.account, Api(token.raw))
    return people


def test_the_document_has_the_operations_the_matrix_reads():
    assert "/children/" in LISTS and DETAILS["/children/"] == "/children/{child_id}"


def test_every_list_holds_only_what_the_policy_lets_each_caller_see(scenario, callers):
    for name, (user, caller) in callers.items():
        children = set(children_visible_to(user).values_list("pk", flat=True))
        households = set(households_visible_to(user).values_list("pk", flat=True))
        for path in LISTS:
            for query in ({}, {"changed_since": EPOCH}):
                for item in _everything(caller, path, **query):
                    where = f"{name} {path} {query} {item.get('id')}"
                    if path == "/children/":
                        assert item["id"] in children, where
                    elif path == "/households/":
                        assert item["id"] in households, where
                    elif item.get("child_id") is not None:
                        assert item["child_id"] in children, where
                    else:
                        assert item.get("household_id") in households, where


def test_restricted_records_reach_only_those_granted_them(scenario, callers):
    restricted_child = scenario.children["restricted"].pk
    restricted_home = scenario.households["restricted"].pk
    for name, (user, caller) in callers.items():
        granted = user.access_grants.filter(child_id=restricted_child).exists()
        ids = {item["id"] for item in _everything(caller, "/children/")}
        assert (restricted_child in ids) == granted, name
        if "/households/" in LISTS:
            homes = {item["id"] for item in _everything(caller, "/households/")}
            home_granted = user.access_grants.filter(household_id=restricted_home).exists()
            if restricted_home in homes:
                assert home_granted, name


def test_every_detail_answers_exactly_those_whose_lists_hold_it(scenario, callers):
    seen: dict[str, dict[str, set[int]]] = {path: {} for path in DETAILS}
    for name, (_, caller) in callers.items():
        for path in DETAILS:
            seen[path][name] = {item["id"] for item in _everything(caller, path)}
    for path, detail in DETAILS.items():
        every_id = set().union(*seen[path].values()) | {987_654_321}
        for name, (_, caller) in callers.items():
            for pk in every_id:
                answer = caller.get(re.sub(r"\{[a-z_]+\}", str(pk), detail))
                expected = 200 if pk in seen[path][name] else 404
                assert answer.status_code == expected, f"{name} {detail} {pk}: {answer.status_code}"


def test_a_childs_own_records_are_404_to_those_who_may_not_see_the_child(scenario, callers):
    every_child = [child.pk for child in scenario.children.values()] + [987_654_321]
    for name, (user, caller) in callers.items():
        visible = set(children_visible_to(user).values_list("pk", flat=True))
        for path in BELOW_CHILD:
            for pk in every_child:
                answer = caller.get(path.replace("{child_id}", str(pk)))
                if pk in visible:
                    assert answer.status_code in (200, 403), f"{name} {path} {pk}: {answer.status_code}"
                else:
                    assert answer.status_code == 404, f"{name} {path} {pk}: {answer.status_code}"
