import pytest

from steadfast.accounts.models import Scope
from steadfast.api import paging
from steadfast.audit.models import AuditEvent
from steadfast.signals import services
from steadfast.signals.tests.helpers import a_scale, ago
from tests.factories import AllocationFactory, ChildFactory, PlacementFactory


def _falling_scale(scenario, child: str = "own") -> None:
    """The child's stability scale fell from 7 to 3 in their carers' supervision."""
    a_scale(scenario.children[child], scenario.households["own"], days_ago=30, score=7)
    a_scale(scenario.children[child], scenario.households["own"], days_ago=3, score=3)


def _signal_ids(api, **query) -> list[str]:
    return [item["id"] for item in api.get("/signals/", **query).json()["items"]]


def test_a_worker_lists_the_signals_of_the_children_they_may_see(scenario, api_as):
    _falling_scale(scenario)
    own = scenario.children["own"]
    body = api_as(scenario.users["team_manager"]).get("/signals/").json()
    [item] = [item for item in body["items"] if item["rule"] == "stability_scale"]
    assert item["id"] == f"{own.pk}/stability_scale"
    assert item["child_id"] == own.pk
    assert item["household_id"] == scenario.households["own"].pk
    assert item["name"] == "Stability scale low or falling"
    assert "It fell from 7" in item["why"]
    assert item["since"] == ago(3).isoformat()
    assert {e["kind"] for e in item["evidence"]} == {"supervision_session"}
    # The child's record names a supervision session to a team manager without linking it.
    assert all(e["id"] is None for e in item["evidence"])
    assert item["considered"] is None
    assert f"{own.pk}/stability_scale" not in _signal_ids(api_as(scenario.users["other_social_worker"]))


def test_a_restricted_childs_signals_are_in_no_list_for_those_not_granted_them(scenario, api_as):
    _falling_scale(scenario, "restricted")
    restricted = scenario.children["restricted"]
    signal = f"{restricted.pk}/stability_scale"
    assert signal in _signal_ids(api_as(scenario.users["social_worker"]))
    for user in ("team_manager", "supervising_social_worker", "iro"):
        api = api_as(scenario.users[user])
        assert signal not in _signal_ids(api), user
        assert api.get(f"/signals/{signal}").status_code == 404


def test_a_signal_a_manager_considered_reads_with_who_when_and_why(scenario, api_as):
    _falling_scale(scenario)
    own = scenario.children["own"]
    services.record_signal_considered(
        actor=scenario.users["team_manager"], child=own, rule="stability_scale", reason="Respite agreed."
    )
    body = api_as(scenario.users["social_worker"]).get(f"/signals/{own.pk}/stability_scale").json()
    assert body["considered"]["reason"] == "Respite agreed."
    assert body["considered"]["considered_by"] == scenario.users["team_manager"].get_full_name()


def test_a_signal_not_showing_or_outside_access_is_404_alike(scenario, api_as):
    _falling_scale(scenario)
    api = api_as(scenario.users["other_social_worker"])
    hidden = api.get(f"/signals/{scenario.children['own'].pk}/stability_scale")
    not_showing = api.get(f"/signals/{scenario.children['other'].pk}/stability_scale")
    missing = api.get("/signals/987654/stability_scale")
    assert hidden.status_code == not_showing.status_code == missing.status_code == 404
    assert hidden.json()["title"] == not_showing.json()["title"] == missing.json()["title"]
    assert api.get(f"/signals/{scenario.children['other'].pk}/no_such_rule").status_code == 422


def test_the_list_filters_by_child_rule_and_since(scenario, api_as):
    _falling_scale(scenario)
    own = scenario.children["own"]
    api = api_as(scenario.users["team_manager"])
    assert f"{own.pk}/stability_scale" in _signal_ids(api, child_id=own.pk)
    assert _signal_ids(api, child_id=scenario.children["other"].pk) == []
    assert _signal_ids(api, rule="stability_scale") == [f"{own.pk}/stability_scale"]
    assert _signal_ids(api, rule="missing_episodes") == []
    assert f"{own.pk}/stability_scale" in _signal_ids(api, changed_since=f"{ago(4)}T00:00:00Z")
    assert f"{own.pk}/stability_scale" not in _signal_ids(api, changed_since=f"{ago(2)}T00:00:00Z")
    assert api.get("/signals/", changed_since=f"{ago(2)}T00:00:00").status_code == 400


def test_pages_follow_the_cursor_to_the_end_without_repeating(scenario, api_as):
    for child in ("own", "restricted"):
        _falling_scale(scenario, child)
    api = api_as(scenario.users["social_worker"])
    everything = _signal_ids(api)
    assert len(everything) >= 2
    seen, cursor = [], None
    while True:
        body = api.get("/signals/", limit=1, **({"cursor": cursor} if cursor else {})).json()
        assert len(body["items"]) <= 1
        seen += [item["id"] for item in body["items"]]
        if (cursor := body["next_cursor"]) is None:
            break
    assert seen == everything
    assert api.get("/signals/", cursor="bm9uc2Vuc2U=").status_code == 400


def test_reading_signals_is_audited_on_the_childs_record(scenario, api_as):
    _falling_scale(scenario)
    api_as(scenario.users["iro"]).get("/signals/")
    event = AuditEvent.objects.filter(
        actor=scenario.users["iro"], child_id=scenario.children["own"].pk
    ).latest("pk")
    assert event.details["what"] == "signals"


def test_a_token_without_read_may_not_list_signals(scenario, api_as):
    assert api_as(scenario.users["team_manager"], [Scope.WRITE_CONCERNS]).get("/signals/").status_code == 403


def test_a_page_of_twenty_costs_the_same_queries_as_a_page_of_two(
    scenario, api_as, django_assert_max_num_queries
):
    api = api_as(scenario.users["social_worker"])
    home = scenario.households["own"]

    def children_with_a_falling_scale(n: int) -> None:
        for _ in range(n):
            child = ChildFactory()
            AllocationFactory(child=child, worker=scenario.users["social_worker"], role="social_worker")
            PlacementFactory(child=child, household=home)
            a_scale(child, home, days_ago=30, score=7)
            a_scale(child, home, days_ago=3, score=3)

    children_with_a_falling_scale(2)
    with django_assert_max_num_queries(200) as two:
        assert len(api.get("/signals/", rule="stability_scale").json()["items"]) == 2
    children_with_a_falling_scale(18)
    with django_assert_max_num_queries(len(two.captured_queries)):
        assert len(api.get("/signals/", rule="stability_scale").json()["items"]) == 20


@pytest.mark.parametrize(
    ("changed_since", "status"),
    [
        ("2020-01-01T00:00:00-23:59", 200),
        ("9999-08-08T00:33:08+22:50", 200),
        # The first seconds of the year 1 in UTC are in the year 0 in London.
        ("0001-01-01T00:01:01.0Z", 400),
        ("0001-01-01T00:00:00+10:00", 400),
    ],
)
def test_changed_since_at_the_ends_of_the_calendar_is_answered_without_a_fault(
    scenario, api_as, changed_since, status
):
    response = api_as(scenario.users["social_worker"]).get("/signals/", changed_since=changed_since)
    assert response.status_code == status, response.json()
    if status == 400:
        assert response.json()["errors"] == [{"field": "changed_since", "message": paging.OUT_OF_RANGE}]


@pytest.mark.parametrize("path", ["/signals/", "/children/"])
@pytest.mark.parametrize("cursor", ["not_changed", "c2lnbmFsfDF8Mg", "c2lnbmFsfG9uZXwy"])
def test_a_cursor_the_api_did_not_give_is_refused_with_its_field(scenario, api_as, path, cursor):
    response = api_as(scenario.users["social_worker"]).get(path, cursor=cursor)
    assert response.status_code == 400, response.json()
    assert response.json()["errors"] == [{"field": "cursor", "message": paging.BAD_CURSOR}]
