import datetime
import json

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from steadfast.accounts.models import Allocation, AllocationRole, Scope
from steadfast.accounts.services import ALLOCATION_ENDED, WORKER_ALLOCATED
from steadfast.audit.models import AuditEvent
from tests.factories import AllocationFactory, ChildFactory, days_ago

from .helpers import bodies, connected_system


def _ids(response) -> set[int]:
    assert response.status_code == 200, response.json()
    return {item["id"] for item in response.json()["items"]}


def _allocations(scenario, key: str) -> set[int]:
    return set(Allocation.objects.filter(child=scenario.children[key]).values_list("pk", flat=True))


def _of(scenario, key: str, role: str = AllocationRole.SOCIAL_WORKER) -> Allocation:
    return Allocation.objects.get(child=scenario.children[key], role=role)


def _allocate(child, **extra) -> dict:
    return {
        "child_id": child.pk,
        "worker": "team_colleague",
        "role": AllocationRole.SOCIAL_WORKER,
        "start_date": timezone.localdate().isoformat(),
        **extra,
    }


def _end(allocation: Allocation, **extra) -> dict:
    return {"version": allocation.version, "end_date": timezone.localdate().isoformat(), **extra}


# Reading ---------------------------------------------------------------------------------------


def test_a_social_worker_lists_the_allocations_of_the_children_they_may_see(scenario, api_as):
    ids = _ids(api_as(scenario.users["social_worker"]).get("/allocations/"))
    assert ids == _allocations(scenario, "own") | _allocations(scenario, "restricted")


def test_a_restricted_childs_allocations_are_in_no_list_for_those_not_granted_them(scenario, api_as):
    hidden = _allocations(scenario, "restricted")
    for username in ("team_manager", "team_colleague", "iro", "supervising_social_worker"):
        api = api_as(scenario.users[username])
        assert not hidden & _ids(api.get("/allocations/")), username
        assert not hidden & _ids(api.get("/allocations/", worker="social_worker")), username
        assert api.get(f"/allocations/{min(hidden)}").status_code == 404


def test_an_allocation_carries_its_worker_role_and_dates(scenario, api_as):
    allocation = _of(scenario, "own", AllocationRole.IRO)
    body = api_as(scenario.users["social_worker"]).get(f"/allocations/{allocation.pk}").json()
    assert body["child_id"] == scenario.children["own"].pk
    assert body["worker"] == {
        "id": scenario.users["iro"].pk,
        "username": "iro",
        "name": scenario.users["iro"].get_full_name(),
    }
    assert body["role"] == AllocationRole.IRO
    assert body["start_date"] == allocation.start_date.isoformat()
    assert body["end_date"] is None
    assert body["version"] == allocation.version


def test_an_allocation_outside_access_is_404_as_one_that_does_not_exist(scenario, api_as):
    api = api_as(scenario.users["social_worker"])
    hidden = api.get(f"/allocations/{_of(scenario, 'other').pk}")
    missing = api.get("/allocations/987654")
    assert hidden.status_code == missing.status_code == 404
    assert {k: v for k, v in hidden.json().items() if k != "instance"} == {
        k: v for k, v in missing.json().items() if k != "instance"
    }


def test_a_token_without_read_may_not_list_or_read(scenario, api_as):
    api = api_as(scenario.users["team_manager"], [Scope.WRITE_CHILDREN])
    assert api.get("/allocations/").status_code == 403
    assert api.get(f"/allocations/{_of(scenario, 'own').pk}").status_code == 403


def test_the_filters_narrow_the_list(scenario, api_as):
    api = api_as(scenario.users["social_worker"])
    ended = AllocationFactory(
        child=scenario.children["own"],
        worker=scenario.users["team_colleague"],
        start_date=days_ago(300),
        end_date=days_ago(200),
    )
    future = AllocationFactory(
        child=scenario.children["own"],
        worker=scenario.users["placement_support_worker"],
        role=AllocationRole.PLACEMENT_SUPPORT,
        start_date=timezone.localdate() + datetime.timedelta(days=7),
    )
    own = _allocations(scenario, "own")
    assert _ids(api.get("/allocations/", child_id=scenario.children["own"].pk)) == own
    assert _ids(api.get("/allocations/", worker="iro")) == {_of(scenario, "own", AllocationRole.IRO).pk}
    assert _ids(api.get("/allocations/", current="false")) == {ended.pk, future.pk}
    assert _ids(api.get("/allocations/", current="true", child_id=scenario.children["own"].pk)) == own - {
        ended.pk,
        future.pk,
    }
    assert _ids(api.get("/allocations/", worker="other_social_worker")) == set()


def test_pages_follow_the_cursor_and_changed_since_gives_what_changed(scenario, api_as):
    api = api_as(scenario.users["social_worker"])
    seen, cursor = [], None
    while True:
        body = api.get("/allocations/", limit=1, **({"cursor": cursor} if cursor else {})).json()
        seen += [item["id"] for item in body["items"]]
        cursor = body["next_cursor"]
        if cursor is None:
            break
    assert sorted(seen) == sorted(_allocations(scenario, "own") | _allocations(scenario, "restricted"))
    later = timezone.now() + datetime.timedelta(seconds=1)
    changed = _of(scenario, "own").pk
    Allocation.objects.filter(pk=changed).update(updated_at=later + datetime.timedelta(seconds=5))
    assert _ids(api.get("/allocations/", changed_since=later.isoformat())) == {changed}


def test_reading_allocations_is_audited_for_each_child(scenario, api_as):
    api_as(scenario.users["team_manager"]).get("/allocations/")
    read = AuditEvent.objects.filter(actor=scenario.users["team_manager"], details__what="allocations")
    assert set(read.values_list("child_id", flat=True)) == {scenario.children["own"].pk}


def test_a_page_of_twenty_costs_the_queries_of_a_page_of_two(scenario, api_as, django_assert_max_num_queries):
    for _ in range(20):
        AllocationFactory(child=ChildFactory(), worker=scenario.users["team_colleague"])
    api = api_as(scenario.users["team_manager"])
    with CaptureQueriesContext(connection) as two:
        assert len(api.get("/allocations/", limit=2).json()["items"]) == 2
    with django_assert_max_num_queries(len(two.captured_queries)):
        assert len(api.get("/allocations/", limit=20).json()["items"]) == 20


# Allocating ------------------------------------------------------------------------------------


def test_a_manager_allocates_a_new_social_worker_and_the_one_before_ends(scenario, api_as):
    before = _of(scenario, "own")
    api = api_as(scenario.users["team_manager"])
    response = api.post("/allocations/", _allocate(scenario.children["own"]))
    assert response.status_code == 201, response.json()
    assert response.json()["worker"]["username"] == "team_colleague"
    before.refresh_from_db()
    assert before.end_date == max(before.start_date, timezone.localdate() - datetime.timedelta(days=1))
    assert AuditEvent.objects.filter(
        event_type=WORKER_ALLOCATED, child_id=scenario.children["own"].pk
    ).exists()


def test_allocating_a_worker_who_already_holds_it_answers_their_allocation(scenario, api_as):
    held = _of(scenario, "own", AllocationRole.IRO)
    response = api_as(scenario.users["team_manager"]).post(
        "/allocations/", _allocate(scenario.children["own"], worker="iro", role=AllocationRole.IRO)
    )
    assert response.status_code == 200, response.json()
    assert response.json()["id"] == held.pk


def test_the_same_allocation_with_the_same_key_is_made_once(scenario, api_as):
    api = api_as(scenario.users["team_manager"])
    body = _allocate(scenario.children["own"], worker="placement_support_worker", role="placement_support")
    first = api.post("/allocations/", body, key="same")
    again = api.post("/allocations/", body, key="same")
    assert first.status_code == again.status_code == 201
    assert again["Idempotent-Replayed"] == "true"
    assert Allocation.objects.filter(child=scenario.children["own"], role="placement_support").count() == 1


def test_a_social_worker_may_see_but_not_allocate(scenario, api_as):
    api = api_as(scenario.users["social_worker"])
    response = api.post("/allocations/", _allocate(scenario.children["own"]))
    assert response.status_code == 403


def test_allocating_to_a_child_outside_access_is_404(scenario, api_as):
    api = api_as(scenario.users["team_manager"])
    response = api.post("/allocations/", _allocate(scenario.children["other"]))
    assert response.status_code == 404
    assert not Allocation.objects.filter(child=scenario.children["other"], worker__username="team_colleague")


def test_a_token_without_write_children_may_not_allocate(scenario, api_as):
    api = api_as(scenario.users["team_manager"], [Scope.READ])
    assert api.post("/allocations/", _allocate(scenario.children["own"])).status_code == 403


@pytest.mark.parametrize(
    ("extra", "field"),
    [
        ({"worker": "other_social_worker"}, "worker"),  # another team's
        ({"worker": "nobody"}, "worker"),
        ({"worker": "team_colleague", "role": AllocationRole.IRO}, "worker"),  # not an IRO
        ({"role": "friend"}, "role"),
        ({"start_date": "2200-01-01"}, "start_date"),
        ({"worker": "   "}, "worker"),
    ],
)
def test_a_bad_allocation_is_422_naming_the_field(scenario, api_as, extra, field):
    count = Allocation.objects.count()
    response = api_as(scenario.users["team_manager"]).post(
        "/allocations/", _allocate(scenario.children["own"], **extra)
    )
    assert response.status_code == 422, response.json()
    assert field in {error["field"] for error in response.json()["errors"]}
    assert Allocation.objects.count() == count


# Ending ----------------------------------------------------------------------------------------


def test_a_manager_ends_an_allocation_and_it_is_audited(scenario, api_as):
    allocation = _of(scenario, "own", AllocationRole.IRO)
    api = api_as(scenario.users["team_manager"])
    response = api.post(f"/allocations/{allocation.pk}/end", _end(allocation))
    assert response.status_code == 200, response.json()
    assert response.json()["end_date"] == timezone.localdate().isoformat()
    assert response.json()["version"] == allocation.version + 1
    assert AuditEvent.objects.filter(event_type=ALLOCATION_ENDED, child_id=allocation.child_id).exists()


def test_ending_from_an_earlier_version_is_409_with_the_version_now(scenario, api_as):
    allocation = _of(scenario, "own", AllocationRole.IRO)
    Allocation.objects.filter(pk=allocation.pk).update(version=allocation.version + 1)
    api = api_as(scenario.users["team_manager"])
    response = api.post(f"/allocations/{allocation.pk}/end", _end(allocation))
    assert response.status_code == 409
    assert response.json()["current_version"] == allocation.version + 1
    assert Allocation.objects.get(pk=allocation.pk).end_date is None


def test_ending_twice_with_the_same_key_ends_it_once(scenario, api_as):
    allocation = _of(scenario, "own", AllocationRole.IRO)
    api = api_as(scenario.users["team_manager"])
    first = api.post(f"/allocations/{allocation.pk}/end", _end(allocation), key="end")
    again = api.post(f"/allocations/{allocation.pk}/end", _end(allocation), key="end")
    assert first.status_code == again.status_code == 200
    assert AuditEvent.objects.filter(event_type=ALLOCATION_ENDED, child_id=allocation.child_id).count() == 1


def test_ending_an_allocation_already_ended_is_refused(scenario, api_as):
    allocation = _of(scenario, "own", AllocationRole.IRO)
    api = api_as(scenario.users["team_manager"])
    api.post(f"/allocations/{allocation.pk}/end", _end(allocation))
    allocation.refresh_from_db()
    response = api.post(f"/allocations/{allocation.pk}/end", _end(allocation))
    assert response.status_code == 422
    assert "already ended" in response.json()["detail"]


def test_an_end_before_the_start_is_422_naming_the_field(scenario, api_as):
    allocation = _of(scenario, "own", AllocationRole.IRO)
    body = _end(allocation, end_date=(allocation.start_date - datetime.timedelta(days=1)).isoformat())
    response = api_as(scenario.users["team_manager"]).post(f"/allocations/{allocation.pk}/end", body)
    assert response.status_code == 422
    assert response.json()["errors"][0]["field"] == "end_date"


def test_ending_outside_access_is_404_and_without_the_role_403(scenario, api_as):
    other = _of(scenario, "other")
    api = api_as(scenario.users["team_manager"])
    assert api.post(f"/allocations/{other.pk}/end", _end(other)).status_code == 404
    own = _of(scenario, "own")
    api = api_as(scenario.users["social_worker"])
    assert api.post(f"/allocations/{own.pk}/end", _end(own)).status_code == 403
    assert Allocation.objects.filter(pk__in=[other.pk, own.pk], end_date__isnull=False).count() == 0


# A connected system ----------------------------------------------------------------------------


def test_a_connected_system_sees_its_teams_allocations_and_allocates(scenario):
    system = connected_system(scenario)
    assert _ids(system.get("/allocations/")) == _allocations(scenario, "own")
    assert system.get(f"/allocations/{_of(scenario, 'other').pk}").status_code == 404
    response = system.post("/allocations/", _allocate(scenario.children["own"]))
    assert response.status_code == 201, response.json()
    refused = system.post("/allocations/", _allocate(scenario.children["other"]))
    assert refused.status_code == 404


# Anything at all -------------------------------------------------------------------------------

ALLOCATE_FIELDS = {
    "child_id": st.integers(min_value=-5, max_value=2**64),
    "worker": st.sampled_from(["team_colleague", "iro", "placement_support_worker", ""])
    | st.text(max_size=10),
    "role": st.sampled_from([*AllocationRole.values, "nonsense"]),
    "start_date": st.dates().map(str),
}
END_FIELDS = {
    "version": st.integers(min_value=-5, max_value=2**64),
    "end_date": st.dates().map(str),
}


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(body=bodies(ALLOCATE_FIELDS))
def test_any_json_sent_to_allocate_is_answered_without_a_fault(scenario, api_as, body):
    api = api_as(scenario.users["team_manager"])
    before = Allocation.objects.count()
    response = api.post("/allocations/", json.dumps(body))
    assert response.status_code < 500, response.content
    if response.status_code not in (200, 201):
        assert Allocation.objects.count() == before


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(body=bodies(END_FIELDS))
def test_any_json_sent_to_end_is_answered_without_a_fault_or_half_an_ending(scenario, api_as, body):
    allocation = _of(scenario, "own", AllocationRole.IRO)
    api = api_as(scenario.users["team_manager"])
    response = api.post(f"/allocations/{allocation.pk}/end", json.dumps(body))
    assert response.status_code < 500, response.content
    allocation.refresh_from_db()
    assert (allocation.end_date is not None) == (response.status_code == 200)
    if allocation.end_date is not None:
        Allocation.objects.filter(pk=allocation.pk).update(end_date=None)
