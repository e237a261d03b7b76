"""Every list of records that belong to a child is filtered as a case system matches them: by
the child's id, by the case system's identifier, and by the team the child is allocated to.
Read from the OpenAPI document, so that each such list is covered as it is added."""

from steadfast.accounts.models import Allocation
from steadfast.api.main import api

PREFIX = "/api/v1"


def _lists_by_child() -> list[str]:
    lists = []
    for path, operations in api.get_openapi_schema()["paths"].items():
        names = {parameter["name"] for parameter in operations.get("get", {}).get("parameters", [])}
        if "{" not in path and {"child_id", "child_identifier", "team"} <= names:
            lists.append(path[len(PREFIX) :])
    return lists


def _children_in(api_client, path: str, **query) -> set[int]:
    body = api_client.get(path, limit=500, **query).json()
    return {item["child_id"] for item in body["items"]}


def test_the_lists_of_a_childs_records_take_the_three_filters():
    assert {"/placements/", "/allocations/", "/concerns/", "/visits/"} <= set(_lists_by_child())


def test_each_filter_gives_only_the_childs_or_the_teams_records(scenario, api_as):
    caller = api_as(scenario.users["social_worker"])
    own = scenario.children["own"]
    north = scenario.users["social_worker"].team
    south = scenario.users["other_social_worker"].team
    north_children = set(
        Allocation.objects.filter(end_date__isnull=True, worker__team=north).values_list(
            "child_id", flat=True
        )
    )
    for path in _lists_by_child():
        assert _children_in(caller, path, child_identifier=own.child_identifier) <= {own.pk}, path
        assert _children_in(caller, path, child_id=own.pk) <= {own.pk}, path
        assert _children_in(caller, path, team=north.pk) <= north_children, path
        assert _children_in(caller, path, team=south.pk) == set(), path
        assert _children_in(caller, path, child_identifier="NO-SUCH-CHILD") == set(), path


def test_a_placement_is_found_by_the_case_systems_identifier(scenario, api_as):
    own = scenario.children["own"]
    body = (
        api_as(scenario.users["social_worker"])
        .get("/placements/", child_identifier=own.child_identifier)
        .json()
    )
    assert [item["child_id"] for item in body["items"]] == [own.pk]
