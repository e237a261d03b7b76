import datetime
import json

import pytest
from django.utils import timezone
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from steadfast.accounts.models import Scope
from steadfast.audit.models import AuditEvent
from steadfast.placements.models import EndReason, Placement, PlacementType
from steadfast.placements.services import PLACEMENT_ENDED, PLACEMENT_STARTED
from tests.factories import AllocationFactory, ChildFactory, HouseholdFactory, PlacementFactory, days_ago

from .helpers import bodies, connected_system


def _ids(response) -> set[int]:
    assert response.status_code == 200, response.json()
    return {item["id"] for item in response.json()["items"]}


def _placement_of(scenario, key: str) -> Placement:
    return Placement.objects.get(child=scenario.children[key])


def _placed_child(scenario, **extra):
    """A child of the social worker's with their placement ended, ready for a new one."""
    child = ChildFactory(**extra)
    AllocationFactory(child=child, worker=scenario.users["social_worker"])
    return child


def _start(child, **extra) -> dict:
    return {
        "child_id": child.pk,
        "placement_type": PlacementType.FOSTER_APPROVED_CARER,
        "start_date": days_ago(1).isoformat(),
        "household_id": HouseholdFactory().pk,
        **extra,
    }


def _end(placement: Placement, **extra) -> dict:
    return {
        "version": placement.version,
        "end_date": timezone.localdate().isoformat(),
        "end_reason": EndReason.CARE_PLAN_CHANGED,
        "ending_planned": True,
        **extra,
    }


# Reading ---------------------------------------------------------------------------------------


def test_a_social_worker_lists_the_placements_of_the_children_they_may_see(scenario, api_as):
    ids = _ids(api_as(scenario.users["social_worker"]).get("/placements/"))
    assert ids == {_placement_of(scenario, "own").pk, _placement_of(scenario, "restricted").pk}


def test_a_restricted_childs_placement_is_in_no_list_for_those_not_granted_it(scenario, api_as):
    hidden = _placement_of(scenario, "restricted").pk
    for username in ("team_manager", "supervising_social_worker", "iro", "team_colleague"):
        api = api_as(scenario.users[username])
        assert hidden not in _ids(api.get("/placements/"))
        assert hidden not in _ids(api.get("/placements/", household_id=scenario.households["own"].pk))
        assert api.get(f"/placements/{hidden}").status_code == 404


def test_a_placement_carries_its_home_dates_and_version(scenario, api_as):
    placement = _placement_of(scenario, "own")
    body = api_as(scenario.users["social_worker"]).get(f"/placements/{placement.pk}").json()
    assert body["child_id"] == scenario.children["own"].pk
    assert body["household_id"] == scenario.households["own"].pk
    assert body["provider_id"] is None
    assert body["placement_type"] == placement.placement_type
    assert body["start_date"] == placement.start_date.isoformat()
    assert body["end_date"] is None and body["end_reason"] == "" and body["ending_planned"] is None
    assert body["version"] == placement.version


def test_a_placement_outside_access_is_404_as_one_that_does_not_exist(scenario, api_as):
    api = api_as(scenario.users["social_worker"])
    hidden = api.get(f"/placements/{_placement_of(scenario, 'other').pk}")
    missing = api.get("/placements/987654")
    assert hidden.status_code == missing.status_code == 404
    assert hidden["Content-Type"] == "application/problem+json"
    assert {k: v for k, v in hidden.json().items() if k != "instance"} == {
        k: v for k, v in missing.json().items() if k != "instance"
    }


def test_a_token_without_read_may_not_list_or_read(scenario, api_as):
    api = api_as(scenario.users["social_worker"], [Scope.WRITE_CHILDREN])
    assert api.get("/placements/").status_code == 403
    assert api.get(f"/placements/{_placement_of(scenario, 'own').pk}").status_code == 403


def test_the_filters_narrow_the_list(scenario, api_as):
    api = api_as(scenario.users["social_worker"])
    own, restricted = _placement_of(scenario, "own"), _placement_of(scenario, "restricted")
    earlier = PlacementFactory(
        child=scenario.children["own"],
        household=scenario.households["other"],
        start_date=days_ago(400),
        end_date=days_ago(300),
        ended=True,
    )
    assert _ids(api.get("/placements/", child_id=scenario.children["own"].pk)) == {own.pk, earlier.pk}
    assert _ids(api.get("/placements/", household_id=scenario.households["own"].pk)) == {
        own.pk,
        restricted.pk,
    }
    assert _ids(api.get("/placements/", current="true")) == {own.pk, restricted.pk}
    assert _ids(api.get("/placements/", current="false")) == {earlier.pk}
    assert _ids(api.get("/placements/", child_id=scenario.children["other"].pk)) == set()


def test_pages_follow_the_cursor_and_changed_since_gives_what_changed(scenario, api_as):
    api = api_as(scenario.users["social_worker"])
    seen, cursor = [], None
    while True:
        body = api.get("/placements/", limit=1, **({"cursor": cursor} if cursor else {})).json()
        seen += [item["id"] for item in body["items"]]
        cursor = body["next_cursor"]
        if cursor is None:
            break
    assert sorted(seen) == sorted(
        [_placement_of(scenario, "own").pk, _placement_of(scenario, "restricted").pk]
    )
    later = timezone.now() + datetime.timedelta(seconds=1)
    Placement.objects.filter(pk=_placement_of(scenario, "own").pk).update(
        updated_at=later + datetime.timedelta(seconds=5)
    )
    assert _ids(api.get("/placements/", changed_since=later.isoformat())) == {
        _placement_of(scenario, "own").pk
    }


def test_reading_placements_is_audited_for_each_child(scenario, api_as):
    api_as(scenario.users["social_worker"]).get("/placements/")
    read = AuditEvent.objects.filter(actor=scenario.users["social_worker"], details__what="placements")
    assert set(read.values_list("child_id", flat=True)) == {
        scenario.children["own"].pk,
        scenario.children["restricted"].pk,
    }


def test_a_page_of_twenty_costs_the_queries_of_a_page_of_two(scenario, api_as, django_assert_max_num_queries):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    api = api_as(scenario.users["team_manager"])
    for _ in range(20):
        child = _placed_child(scenario)
        PlacementFactory(child=child)
    with CaptureQueriesContext(connection) as two:
        assert len(api.get("/placements/", limit=2).json()["items"]) == 2
    with django_assert_max_num_queries(len(two.captured_queries)):
        assert len(api.get("/placements/", limit=20).json()["items"]) == 20


# Starting --------------------------------------------------------------------------------------


def test_a_social_worker_starts_a_placement_and_it_is_audited(scenario, api_as):
    child = _placed_child(scenario)
    response = api_as(scenario.users["social_worker"]).post("/placements/", _start(child))
    assert response.status_code == 201, response.json()
    placement = Placement.objects.get(child=child)
    assert response.json()["id"] == placement.pk
    assert response.json()["end_date"] is None
    assert AuditEvent.objects.filter(event_type=PLACEMENT_STARTED, child_id=child.pk).count() == 1


def test_a_placement_with_a_provider(scenario, api_as):
    child = _placed_child(scenario)
    provider_id = Placement.objects.get(child=scenario.children["other"]).provider_id
    body = _start(child, household_id=None, provider_id=provider_id, placement_type=PlacementType.RESIDENTIAL)
    response = api_as(scenario.users["social_worker"]).post("/placements/", body)
    assert response.status_code == 201, response.json()
    assert response.json()["provider_id"] == provider_id


def test_the_same_start_with_the_same_key_starts_one_placement(scenario, api_as):
    child = _placed_child(scenario)
    api = api_as(scenario.users["social_worker"])
    body = _start(child)
    first = api.post("/placements/", body, key="same")
    again = api.post("/placements/", body, key="same")
    assert first.status_code == again.status_code == 201
    assert again["Idempotent-Replayed"] == "true"
    assert again.json() == first.json()
    assert Placement.objects.filter(child=child).count() == 1


def test_a_start_for_a_child_outside_access_is_404_and_starts_nothing(scenario, api_as):
    other = scenario.children["other"]
    Placement.objects.filter(child=other).update(
        end_date=timezone.localdate(), end_reason=EndReason.OTHER, ending_planned=True
    )
    response = api_as(scenario.users["social_worker"]).post("/placements/", _start(other))
    assert response.status_code == 404
    assert Placement.objects.filter(child=other).count() == 1


def test_an_iro_may_see_but_not_start_a_placement(scenario, api_as):
    child = scenario.children["own"]
    response = api_as(scenario.users["iro"]).post("/placements/", _start(child))
    assert response.status_code == 403


def test_a_token_without_write_children_may_not_start(scenario, api_as):
    child = _placed_child(scenario)
    response = api_as(scenario.users["social_worker"], [Scope.READ]).post("/placements/", _start(child))
    assert response.status_code == 403
    assert not Placement.objects.filter(child=child).exists()


def test_a_child_still_placed_is_refused_with_the_services_message(scenario, api_as):
    response = api_as(scenario.users["social_worker"]).post("/placements/", _start(scenario.children["own"]))
    assert response.status_code == 422
    assert "still living in their current placement" in response.json()["detail"]


@pytest.mark.parametrize(
    ("extra", "field"),
    [
        ({"start_date": (timezone.localdate() + datetime.timedelta(days=3)).isoformat()}, "start_date"),
        ({"start_date": "1899-12-31"}, "start_date"),
        ({"placement_type": "sofa"}, "placement_type"),
        ({"household_id": 987654}, "household_id"),
        ({"provider_id": 987654, "household_id": None}, "provider_id"),
        ({"approval_exception_authorised_by": "social_worker"}, "approval_exception_authorised_by"),
        ({"approval_exception_reason": "Te\x00st"}, "approval_exception_reason"),
    ],
)
def test_a_bad_start_is_422_naming_the_field(scenario, api_as, extra, field):
    child = _placed_child(scenario)
    response = api_as(scenario.users["social_worker"]).post("/placements/", _start(child, **extra))
    assert response.status_code == 422, response.json()
    assert field in {error["field"] for error in response.json()["errors"]}
    assert not Placement.objects.filter(child=child).exists()


def test_a_restricted_household_answers_as_one_that_does_not_exist(scenario, api_as):
    child = _placed_child(scenario)
    api = api_as(scenario.users["social_worker"])
    restricted = api.post("/placements/", _start(child, household_id=scenario.households["restricted"].pk))
    missing = api.post("/placements/", _start(child, household_id=987654))
    assert restricted.status_code == missing.status_code == 422
    assert restricted.json()["errors"] == missing.json()["errors"]


def test_a_placement_beyond_approval_needs_a_managers_agreement(scenario, api_as):
    full = scenario.households["own"]  # approved for two, and two live there
    child = _placed_child(scenario)
    api = api_as(scenario.users["social_worker"])
    refused = api.post("/placements/", _start(child, household_id=full.pk))
    assert refused.status_code == 422
    assert refused.json()["errors"][0]["field"] == "approval_exception_reason"
    agreed = api.post(
        "/placements/",
        _start(
            child,
            household_id=full.pk,
            approval_exception_reason="Brothers kept together",
            approval_exception_authorised_by="team_manager",
        ),
    )
    assert agreed.status_code == 201, agreed.json()
    placement = Placement.objects.get(child=child)
    assert placement.approval_exception_authorised_by == scenario.users["team_manager"]


def test_both_a_household_and_a_provider_is_refused(scenario, api_as):
    child = _placed_child(scenario)
    provider_id = Placement.objects.get(child=scenario.children["other"]).provider_id
    api = api_as(scenario.users["social_worker"])
    response = api.post("/placements/", _start(child, provider_id=provider_id))
    assert response.status_code == 422
    assert not Placement.objects.filter(child=child).exists()


# Ending ----------------------------------------------------------------------------------------


def test_ending_a_placement_records_why_and_is_audited(scenario, api_as):
    placement = _placement_of(scenario, "own")
    api = api_as(scenario.users["social_worker"])
    response = api.post(f"/placements/{placement.pk}/end", _end(placement))
    assert response.status_code == 200, response.json()
    body = response.json()
    assert body["end_date"] == timezone.localdate().isoformat()
    assert body["end_reason"] == EndReason.CARE_PLAN_CHANGED
    assert body["ending_planned"] is True
    assert body["version"] == placement.version + 1
    assert AuditEvent.objects.filter(event_type=PLACEMENT_ENDED, child_id=placement.child_id).exists()


def test_ending_from_an_earlier_version_is_409_with_the_version_now(scenario, api_as):
    placement = _placement_of(scenario, "own")
    Placement.objects.filter(pk=placement.pk).update(version=placement.version + 1)
    api = api_as(scenario.users["social_worker"])
    response = api.post(f"/placements/{placement.pk}/end", _end(placement))
    assert response.status_code == 409
    assert response.json()["current_version"] == placement.version + 1
    assert Placement.objects.get(pk=placement.pk).end_date is None


def test_ending_twice_with_the_same_key_ends_it_once(scenario, api_as):
    placement = _placement_of(scenario, "own")
    api = api_as(scenario.users["social_worker"])
    first = api.post(f"/placements/{placement.pk}/end", _end(placement), key="end")
    again = api.post(f"/placements/{placement.pk}/end", _end(placement), key="end")
    assert first.status_code == again.status_code == 200
    assert again.json() == first.json()
    assert AuditEvent.objects.filter(event_type=PLACEMENT_ENDED, child_id=placement.child_id).count() == 1


def test_ending_a_placement_outside_access_is_404(scenario, api_as):
    placement = _placement_of(scenario, "other")
    api = api_as(scenario.users["social_worker"])
    response = api.post(f"/placements/{placement.pk}/end", _end(placement))
    assert response.status_code == 404
    assert Placement.objects.get(pk=placement.pk).end_date is None


def test_an_iro_may_not_end_a_placement(scenario, api_as):
    placement = _placement_of(scenario, "own")
    response = api_as(scenario.users["iro"]).post(f"/placements/{placement.pk}/end", _end(placement))
    assert response.status_code == 403


@pytest.mark.parametrize(
    ("extra", "field"),
    [
        ({"end_date": (timezone.localdate() + datetime.timedelta(days=1)).isoformat()}, "end_date"),
        ({"end_date": "2000-01-01"}, "end_date"),
        ({"end_reason": "bored"}, "end_reason"),
        ({"ending_planned": "perhaps"}, "ending_planned"),
        ({"version": 0}, "version"),
    ],
)
def test_a_bad_ending_is_422_naming_the_field(scenario, api_as, extra, field):
    placement = _placement_of(scenario, "own")
    response = api_as(scenario.users["social_worker"]).post(
        f"/placements/{placement.pk}/end", _end(placement, **extra)
    )
    assert response.status_code == 422, response.json()
    assert field in {error["field"] for error in response.json()["errors"]}
    assert Placement.objects.get(pk=placement.pk).end_date is None


# A connected system ----------------------------------------------------------------------------


def test_a_connected_system_sees_its_teams_placements_and_starts_one(scenario):
    system = connected_system(scenario)
    assert _ids(system.get("/placements/")) == {_placement_of(scenario, "own").pk}
    assert system.get(f"/placements/{_placement_of(scenario, 'other').pk}").status_code == 404
    assert system.get(f"/placements/{_placement_of(scenario, 'restricted').pk}").status_code == 404
    current = _placement_of(scenario, "own")
    ended = system.post(f"/placements/{current.pk}/end", _end(current))
    assert ended.status_code == 200, ended.json()
    started = system.post(
        "/placements/",
        _start(scenario.children["own"], start_date=timezone.localdate().isoformat()),
    )
    assert started.status_code == 201, started.json()
    assert Placement.objects.filter(child=scenario.children["own"], end_date__isnull=True).count() == 1


# Anything at all -------------------------------------------------------------------------------

START_FIELDS = {
    "child_id": st.integers(min_value=-5, max_value=2**64),
    "placement_type": st.sampled_from([*PlacementType.values, "nonsense"]),
    "start_date": st.dates().map(str),
    "household_id": st.integers(min_value=-5, max_value=2**64) | st.none(),
    "provider_id": st.integers(min_value=-5, max_value=2**64) | st.none(),
    "approval_exception_reason": st.text(max_size=50),
    "approval_exception_authorised_by": st.text(max_size=20) | st.just("team_manager"),
}
END_FIELDS = {
    "version": st.integers(min_value=-5, max_value=2**64),
    "end_date": st.dates().map(str),
    "end_reason": st.sampled_from([*EndReason.values, "nonsense"]),
    "ending_planned": st.booleans() | st.text(max_size=5),
}


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(body=bodies(START_FIELDS))
def test_any_json_sent_to_start_is_answered_without_a_fault_or_half_a_placement(scenario, api_as, body):
    api = api_as(scenario.users["social_worker"])
    before = Placement.objects.count()
    response = api.post("/placements/", json.dumps(body))
    assert response.status_code < 500, response.content
    if response.status_code == 201:
        assert Placement.objects.count() == before + 1
        Placement.objects.filter(pk=response.json()["id"]).delete()
    else:
        assert Placement.objects.count() == before


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(body=bodies(END_FIELDS))
def test_any_json_sent_to_end_is_answered_without_a_fault_or_half_an_ending(scenario, api_as, body):
    placement = _placement_of(scenario, "own")
    api = api_as(scenario.users["social_worker"])
    response = api.post(f"/placements/{placement.pk}/end", json.dumps(body))
    assert response.status_code < 500, response.content
    placement.refresh_from_db()
    assert (placement.end_date is not None) == (response.status_code == 200)
    if placement.end_date is not None:
        Placement.objects.filter(pk=placement.pk).update(end_date=None, end_reason="", ending_planned=None)


@pytest.mark.parametrize(
    ("changed_since", "status"),
    [
        ("9999-08-08T00:33:08+22:50", 200),
        ("2020-01-01T00:00:00-23:59", 200),
        ("0001-01-01T00:00:00+10:00", 400),
    ],
)
def test_changed_since_with_any_offset_is_answered_without_a_fault(scenario, api_as, changed_since, status):
    response = api_as(scenario.users["social_worker"]).get("/placements/", changed_since=changed_since)
    assert response.status_code == status, response.json()
