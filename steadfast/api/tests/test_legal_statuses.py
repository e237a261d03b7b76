import datetime
import json

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from steadfast.accounts.models import Scope
from steadfast.audit.models import AuditEvent
from steadfast.children.models import LegalStatus, LegalStatusKind
from steadfast.children.services import LEGAL_STATUS_ENDED, LEGAL_STATUS_RECORDED, record_legal_status
from tests.factories import days_ago

from .helpers import bodies, connected_system


def _path(child) -> str:
    return f"/children/{child.pk}/legal-statuses"


def _ids(response) -> set[int]:
    assert response.status_code == 200, response.json()
    return {item["id"] for item in response.json()["items"]}


def _status(child, *, days: int = 90, kind: str = LegalStatusKind.INTERIM_CARE_ORDER) -> LegalStatus:
    return record_legal_status(actor=None, child=child, status=kind, start_date=days_ago(days))


def _new(**extra) -> dict:
    return {"status": LegalStatusKind.FULL_CARE_ORDER, "start_date": days_ago(10).isoformat(), **extra}


# Reading ---------------------------------------------------------------------------------------


def test_a_childs_legal_statuses_are_listed_for_those_who_may_see_the_child(scenario, api_as):
    child = scenario.children["own"]
    first = _status(child, days=200, kind=LegalStatusKind.EMERGENCY_PROTECTION)
    second = _status(child, days=100)
    _status(scenario.children["other"])
    response = api_as(scenario.users["social_worker"]).get(_path(child))
    assert _ids(response) == {first.pk, second.pk}
    by_id = {item["id"]: item for item in response.json()["items"]}
    first.refresh_from_db()
    assert by_id[first.pk] == {
        "id": first.pk,
        "child_id": child.pk,
        "status": LegalStatusKind.EMERGENCY_PROTECTION,
        "start_date": first.start_date.isoformat(),
        "end_date": (second.start_date - datetime.timedelta(days=1)).isoformat(),
        "version": first.version,
        "updated_at": by_id[first.pk]["updated_at"],
    }


def test_the_current_filter_gives_the_open_status(scenario, api_as):
    child = scenario.children["own"]
    _status(child, days=200)
    now = _status(child, days=100, kind=LegalStatusKind.FULL_CARE_ORDER)
    api = api_as(scenario.users["social_worker"])
    assert _ids(api.get(_path(child), current="true")) == {now.pk}
    assert now.pk not in _ids(api.get(_path(child), current="false"))


def test_a_child_outside_access_is_404_as_one_that_does_not_exist(scenario, api_as):
    _status(scenario.children["other"])
    api = api_as(scenario.users["social_worker"])
    hidden = api.get(_path(scenario.children["other"]))
    missing = api.get("/children/987654/legal-statuses")
    assert hidden.status_code == missing.status_code == 404
    assert {k: v for k, v in hidden.json().items() if k != "instance"} == {
        k: v for k, v in missing.json().items() if k != "instance"
    }


def test_a_restricted_childs_statuses_are_404_for_those_not_granted_them(scenario, api_as):
    child = scenario.children["restricted"]
    _status(child)
    assert api_as(scenario.users["social_worker"]).get(_path(child)).status_code == 200
    for username in ("team_manager", "iro", "team_colleague"):
        assert api_as(scenario.users[username]).get(_path(child)).status_code == 404


def test_a_token_without_read_may_not_list(scenario, api_as):
    api = api_as(scenario.users["social_worker"], [Scope.WRITE_CHILDREN])
    assert api.get(_path(scenario.children["own"])).status_code == 403


def test_pages_follow_the_cursor_and_changed_since_gives_what_changed(scenario, api_as):
    child = scenario.children["own"]
    made = [_status(child, days=days) for days in (300, 200, 100)]
    api = api_as(scenario.users["social_worker"])
    seen, cursor = [], None
    while True:
        body = api.get(_path(child), limit=2, **({"cursor": cursor} if cursor else {})).json()
        seen += [item["id"] for item in body["items"]]
        cursor = body["next_cursor"]
        if cursor is None:
            break
    assert sorted(seen) == sorted(s.pk for s in made)
    later = timezone.now() + datetime.timedelta(seconds=1)
    LegalStatus.objects.filter(pk=made[0].pk).update(updated_at=later + datetime.timedelta(seconds=5))
    assert _ids(api.get(_path(child), changed_since=later.isoformat())) == {made[0].pk}


def test_reading_legal_statuses_is_audited_for_the_child(scenario, api_as):
    child = scenario.children["own"]
    api_as(scenario.users["iro"]).get(_path(child))
    assert AuditEvent.objects.filter(
        actor=scenario.users["iro"], child_id=child.pk, details__what="legal statuses"
    ).exists()


def test_a_page_of_twenty_costs_the_queries_of_a_page_of_two(scenario, api_as, django_assert_max_num_queries):
    child = scenario.children["own"]
    for days in range(400, 380, -1):
        _status(child, days=days)
    api = api_as(scenario.users["social_worker"])
    with CaptureQueriesContext(connection) as two:
        assert len(api.get(_path(child), limit=2).json()["items"]) == 2
    with django_assert_max_num_queries(len(two.captured_queries)):
        assert len(api.get(_path(child), limit=20).json()["items"]) == 20


# Recording -------------------------------------------------------------------------------------


def test_recording_a_status_ends_the_one_before_and_is_audited(scenario, api_as):
    child = scenario.children["own"]
    before = _status(child, days=100)
    response = api_as(scenario.users["social_worker"]).post(_path(child), _new())
    assert response.status_code == 201, response.json()
    assert response.json()["status"] == LegalStatusKind.FULL_CARE_ORDER
    assert response.json()["end_date"] is None
    before.refresh_from_db()
    assert before.end_date == days_ago(11)
    assert AuditEvent.objects.filter(event_type=LEGAL_STATUS_RECORDED, child_id=child.pk).count() == 2
    assert AuditEvent.objects.filter(event_type=LEGAL_STATUS_ENDED, child_id=child.pk).count() == 1


def test_a_status_already_ended_may_be_recorded_with_its_end(scenario, api_as):
    child = scenario.children["own"]
    body = _new(start_date=days_ago(300).isoformat(), end_date=days_ago(200).isoformat())
    response = api_as(scenario.users["social_worker"]).post(_path(child), body)
    assert response.status_code == 201, response.json()
    assert response.json()["end_date"] == days_ago(200).isoformat()


def test_the_same_status_with_the_same_key_is_recorded_once(scenario, api_as):
    child = scenario.children["own"]
    api = api_as(scenario.users["social_worker"])
    first = api.post(_path(child), _new(), key="same")
    again = api.post(_path(child), _new(), key="same")
    assert first.status_code == again.status_code == 201
    assert again["Idempotent-Replayed"] == "true"
    assert LegalStatus.objects.filter(child=child).count() == 1


def test_recording_for_a_child_outside_access_is_404(scenario, api_as):
    response = api_as(scenario.users["social_worker"]).post(_path(scenario.children["other"]), _new())
    assert response.status_code == 404
    assert not LegalStatus.objects.exists()


def test_an_iro_may_see_but_not_record(scenario, api_as):
    response = api_as(scenario.users["iro"]).post(_path(scenario.children["own"]), _new())
    assert response.status_code == 403
    assert not LegalStatus.objects.exists()


def test_a_token_without_write_children_may_not_record(scenario, api_as):
    api = api_as(scenario.users["social_worker"], [Scope.READ])
    response = api.post(_path(scenario.children["own"]), _new())
    assert response.status_code == 403


@pytest.mark.parametrize(
    ("extra", "field"),
    [
        ({"status": "grounded"}, "status"),
        ({"start_date": "1800-01-01"}, "start_date"),
        ({"start_date": "2026-02-30"}, "start_date"),
        ({"end_date": days_ago(20).isoformat()}, "end_date"),  # before its start
    ],
)
def test_a_bad_status_is_422_naming_the_field(scenario, api_as, extra, field):
    response = api_as(scenario.users["social_worker"]).post(_path(scenario.children["own"]), _new(**extra))
    assert response.status_code == 422, response.json()
    assert field in {error["field"] for error in response.json()["errors"]}
    assert not LegalStatus.objects.exists()


def test_a_connected_system_reads_and_records_for_its_teams_children_only(scenario):
    system = connected_system(scenario)
    assert system.post(_path(scenario.children["own"]), _new()).status_code == 201
    assert system.get(_path(scenario.children["own"])).status_code == 200
    assert system.get(_path(scenario.children["other"])).status_code == 404
    assert system.get(_path(scenario.children["restricted"])).status_code == 404
    assert system.post(_path(scenario.children["other"]), _new()).status_code == 404


STATUS_FIELDS = {
    "status": st.sampled_from([*LegalStatusKind.values, "nonsense"]),
    "start_date": st.dates().map(str),
    "end_date": st.dates().map(str) | st.none(),
}


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(body=bodies(STATUS_FIELDS))
def test_any_json_sent_is_answered_without_a_fault_or_half_a_status(scenario, api_as, body):
    child = scenario.children["own"]
    before = LegalStatus.objects.count()
    response = api_as(scenario.users["social_worker"]).post(_path(child), json.dumps(body))
    assert response.status_code < 500, response.content
    assert LegalStatus.objects.count() == before + (1 if response.status_code == 201 else 0)
