import datetime

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from steadfast.accounts import access
from steadfast.accounts.models import Scope
from steadfast.audit.models import AuditEvent
from steadfast.audit.services import HOUSEHOLD_VIEWED
from steadfast.households.models import Household
from tests.factories import (
    AccessGrantFactory,
    HouseholdAllocationFactory,
    HouseholdFactory,
    HouseholdMemberFactory,
)
from tests.scenario import STAFF_USERNAMES

from .helpers import connected_system


def _ids(response) -> set[int]:
    assert response.status_code == 200, response.json()
    return {item["id"] for item in response.json()["items"]}


def test_each_person_lists_the_households_the_pages_show_them(scenario, api_as):
    for username in STAFF_USERNAMES:
        user = scenario.users[username]
        expected = set(access.households_visible_to(user).values_list("pk", flat=True))
        assert _ids(api_as(user).get("/households/")) == expected, username


def test_a_restricted_household_is_listed_only_for_those_granted_it(scenario, api_as):
    restricted = scenario.households["restricted"].pk
    for username in STAFF_USERNAMES:
        api = api_as(scenario.users[username])
        assert restricted not in _ids(api.get("/households/")), username
        assert api.get(f"/households/{restricted}").status_code == 404
    AccessGrantFactory(
        child=None, household=scenario.households["restricted"], user=scenario.users["fostering_team_manager"]
    )
    api = api_as(scenario.users["fostering_team_manager"])
    assert restricted in _ids(api.get("/households/"))
    assert api.get(f"/households/{restricted}").status_code == 200


def test_a_household_carries_its_label_approval_and_supervising_social_worker(scenario, api_as):
    household = scenario.households["own"]
    body = api_as(scenario.users["supervising_social_worker"]).get(f"/households/{household.pk}").json()
    assert body["name"] == household.name
    assert body["reference"] == household.reference
    assert body["label"] == f"{household.name} ({household.reference}; Test Carer)"
    assert body["approval"] == {
        "kind": household.approval_kind,
        "age_from": household.approved_age_from,
        "age_to": household.approved_age_to,
        "places": household.approved_places,
        "approval_date": household.approval_date.isoformat(),
    }
    assert body["supervising_social_worker"]["username"] == "supervising_social_worker"
    assert body["version"] == household.version


def test_the_label_names_the_approved_carers(scenario, api_as):
    household = scenario.households["own"]
    HouseholdMemberFactory(household=household, full_name="Jan Testcarer")
    body = api_as(scenario.users["supervising_social_worker"]).get(f"/households/{household.pk}").json()
    assert body["label"] == Household.objects.get(pk=household.pk).label
    assert "Jan Testcarer" in body["label"]
    assert "Jan Testcarer" in body["carer_names"]


def test_the_children_living_there_are_those_the_caller_may_see(scenario, api_as):
    household = scenario.households["own"].pk
    own, restricted = scenario.children["own"].pk, scenario.children["restricted"].pk
    api = api_as(scenario.users["social_worker"])
    assert api.get(f"/households/{household}").json()["child_ids"] == sorted([own, restricted])
    for username in ("team_manager", "supervising_social_worker", "iro"):
        body = api_as(scenario.users[username]).get(f"/households/{household}").json()
        assert body["child_ids"] == [own], username


def test_the_address_is_given_exactly_where_the_access_policy_shows_it(scenario, api_as):
    shown = 0
    for username in STAFF_USERNAMES:
        user = scenario.users[username]
        for item in api_as(user).get("/households/").json()["items"]:
            household = Household.objects.get(pk=item["id"])
            expected = access.can_see_household_address(user, household)
            assert (item["address"] is not None) == expected, (username, household.name)
            shown += expected
    assert shown >= 2  # the supervising social worker's and the child's social worker's


def test_the_address_is_the_households(scenario, api_as):
    household = scenario.households["own"]
    body = api_as(scenario.users["social_worker"]).get(f"/households/{household.pk}").json()
    assert body["address"] == {
        "address_line_1": household.address_line_1,
        "address_line_2": household.address_line_2,
        "town": household.town,
        "postcode": household.postcode,
    }
    assert api_as(scenario.users["team_manager"]).get(f"/households/{household.pk}").json()["address"] is None


def test_a_household_outside_access_is_404_as_one_that_does_not_exist(scenario, api_as):
    api = api_as(scenario.users["social_worker"])
    hidden = api.get(f"/households/{scenario.households['other'].pk}")
    missing = api.get("/households/987654")
    assert hidden.status_code == missing.status_code == 404
    assert {k: v for k, v in hidden.json().items() if k != "instance"} == {
        k: v for k, v in missing.json().items() if k != "instance"
    }


def test_a_token_without_read_may_not_list_or_read(scenario, api_as):
    api = api_as(scenario.users["supervising_social_worker"], [Scope.WRITE_CHILDREN])
    assert api.get("/households/").status_code == 403
    assert api.get(f"/households/{scenario.households['own'].pk}").status_code == 403


def test_the_filters_find_a_household_by_reference_and_by_child(scenario, api_as):
    api = api_as(scenario.users["social_worker"])
    own = scenario.households["own"]
    assert _ids(api.get("/households/", reference=own.reference.lower())) == {own.pk}
    assert _ids(api.get("/households/", child_id=scenario.children["own"].pk)) == {own.pk}
    assert _ids(api.get("/households/", child_id=scenario.children["other"].pk)) == set()


def test_reading_households_shows_in_who_has_viewed_the_household(scenario, api_as):
    household = scenario.households["own"]
    api_as(scenario.users["supervising_social_worker"]).get("/households/")
    api_as(scenario.users["social_worker"]).get(f"/households/{household.pk}")
    viewers = set(
        AuditEvent.objects.filter(household_id=household.pk, event_type=HOUSEHOLD_VIEWED).values_list(
            "actor__username", flat=True
        )
    )
    assert viewers == {"supervising_social_worker", "social_worker"}


def test_pages_follow_the_cursor_and_changed_since_gives_what_changed(scenario, api_as):
    supervisor = scenario.users["supervising_social_worker"]
    for _ in range(3):
        HouseholdAllocationFactory(household=HouseholdFactory(), worker=supervisor)
    api = api_as(supervisor)
    expected = set(access.households_visible_to(supervisor).values_list("pk", flat=True))
    seen, cursor = [], None
    while True:
        body = api.get("/households/", limit=2, **({"cursor": cursor} if cursor else {})).json()
        seen += [item["id"] for item in body["items"]]
        cursor = body["next_cursor"]
        if cursor is None:
            break
    assert sorted(seen) == sorted(expected) and len(seen) == 4
    later = timezone.now() + datetime.timedelta(seconds=1)
    Household.objects.filter(pk=scenario.households["own"].pk).update(
        updated_at=later + datetime.timedelta(seconds=5)
    )
    assert _ids(api.get("/households/", changed_since=later.isoformat())) == {scenario.households["own"].pk}


@pytest.mark.parametrize("username", ["supervising_social_worker", "team_manager"])
def test_a_page_of_twenty_costs_the_queries_of_a_page_of_two(
    scenario, api_as, django_assert_max_num_queries, username
):
    supervisor = scenario.users["supervising_social_worker"]
    for _ in range(20):
        household = HouseholdFactory()
        HouseholdAllocationFactory(household=household, worker=supervisor)
        HouseholdMemberFactory(household=household)
    api = api_as(scenario.users[username])
    with CaptureQueriesContext(connection) as two:
        api.get("/households/", limit=2)
    with django_assert_max_num_queries(len(two.captured_queries)):
        api.get("/households/", limit=20)


def test_a_connected_system_sees_the_homes_of_its_teams_children_only(scenario):
    system = connected_system(scenario, scopes=[Scope.READ])
    assert _ids(system.get("/households/")) == {scenario.households["own"].pk}
    body = system.get(f"/households/{scenario.households['own'].pk}").json()
    assert body["child_ids"] == [scenario.children["own"].pk]
    assert body["address"] is None
    assert system.get(f"/households/{scenario.households['other'].pk}").status_code == 404
