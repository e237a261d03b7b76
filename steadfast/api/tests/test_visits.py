import datetime

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from steadfast.accounts import access
from steadfast.accounts.models import Scope
from steadfast.audit.models import AuditEvent
from steadfast.audit.services import CHILD_VIEWED
from steadfast.visits import services
from steadfast.visits.models import StatutoryVisit
from tests.scenario import STAFF_USERNAMES

from .helpers import bodies


def _record(scenario, actor="social_worker", child="own", **overrides) -> StatutoryVisit:
    fields = {
        "actor": scenario.users[actor],
        "child": scenario.children[child],
        "date": timezone.localdate(),
        "place": "At the carers' home",
        "child_seen": True,
        "seen_alone": True,
        "child_said": "I like it here but I miss my brother.",
        "observations": "Relaxed with the carers (test).",
    }
    return services.record_statutory_visit(**fields | overrides)


@pytest.fixture
def visits(scenario) -> dict[str, StatutoryVisit]:
    return {
        "own": _record(scenario),
        "other": _record(scenario, actor="other_social_worker", child="other"),
        "restricted": _record(scenario, child="restricted"),
    }


def _ids(response) -> set[int]:
    assert response.status_code == 200, response.json()
    return {item["id"] for item in response.json()["items"]}


@pytest.mark.parametrize("username", STAFF_USERNAMES)
def test_each_user_reads_the_visits_they_may_open_on_the_pages_and_no_others(
    scenario, api_as, visits, client, username
):
    user = scenario.users[username]
    api = api_as(user)
    client.force_login(user)
    listed = _ids(api.get("/visits/"))
    for name, visit in visits.items():
        on_page = client.get(f"/visits/{visit.pk}/").status_code == 200
        assert on_page == (
            access.children_visible_to(user).filter(pk=visit.child_id).exists()
            and access.can_see_statutory_visits(user, visit.child)
        ), name
        assert (visit.pk in listed) == on_page, name
        assert api.get(f"/visits/{visit.pk}").status_code == (200 if on_page else 404), name


def test_a_visit_carries_where_it_was_whether_the_child_was_seen_and_what_they_said(scenario, api_as, visits):
    visit = visits["own"]
    body = api_as(scenario.users["social_worker"]).get(f"/visits/{visit.pk}").json()
    assert body["child_id"] == scenario.children["own"].pk
    assert body["household_id"] == scenario.households["own"].pk
    assert body["placement_id"] == visit.placement_id
    assert body["date"] == timezone.localdate().isoformat()
    assert (body["place"], body["child_seen"], body["seen_alone"]) == ("At the carers' home", True, True)
    assert body["child_said"] == "I like it here but I miss my brother."
    assert body["recorded_by"]["id"] == scenario.users["social_worker"].pk
    assert body["version"] == visit.version


def test_restricted_visits_are_never_listed_for_those_not_granted_the_child(scenario, api_as, visits):
    for username in ("team_manager", "iro", "supervising_social_worker", "fostering_team_manager"):
        api = api_as(scenario.users[username])
        assert visits["restricted"].pk not in _ids(api.get("/visits/"))
        assert _ids(api.get("/visits/", child_id=scenario.children["restricted"].pk)) == set()


def test_a_visit_outside_access_is_404_as_one_that_does_not_exist(scenario, api_as, visits):
    api = api_as(scenario.users["social_worker"])
    hidden = api.get(f"/visits/{visits['other'].pk}")
    missing = api.get("/visits/987654")
    assert hidden.status_code == missing.status_code == 404
    assert {k: v for k, v in hidden.json().items() if k != "instance"} == {
        k: v for k, v in missing.json().items() if k != "instance"
    }


def test_a_token_without_read_may_not_list_or_read(scenario, api_as, visits):
    api = api_as(scenario.users["social_worker"], [Scope.WRITE_VISITS])
    assert api.get("/visits/").status_code == 403
    assert api.get(f"/visits/{visits['own'].pk}").status_code == 403


def test_pages_follow_the_cursor_and_changed_since_gives_only_what_changed(scenario, api_as, visits):
    more = [_record(scenario, date=timezone.localdate() - datetime.timedelta(days=n)) for n in range(1, 4)]
    api = api_as(scenario.users["social_worker"])
    seen, cursor = [], None
    while True:
        body = api.get("/visits/", limit=2, **({"cursor": cursor} if cursor else {})).json()
        seen += [item["id"] for item in body["items"]]
        cursor = body["next_cursor"]
        if cursor is None:
            break
    assert sorted(seen) == sorted([visits["own"].pk, visits["restricted"].pk, *(v.pk for v in more)])
    assert _ids(api.get("/visits/", child_id=scenario.children["own"].pk)) == {
        visits["own"].pk,
        *(v.pk for v in more),
    }
    later = timezone.now() + datetime.timedelta(seconds=1)
    StatutoryVisit.objects.filter(pk=more[0].pk).update(updated_at=later + datetime.timedelta(seconds=5))
    assert _ids(api.get("/visits/", changed_since=later.isoformat())) == {more[0].pk}


def test_reading_visits_shows_in_who_has_viewed_the_child(scenario, api_as, visits):
    api_as(scenario.users["iro"]).get("/visits/")
    api_as(scenario.users["team_manager"]).get(f"/visits/{visits['own'].pk}")
    viewers = set(
        AuditEvent.objects.filter(child_id=scenario.children["own"].pk, event_type=CHILD_VIEWED).values_list(
            "actor__username", flat=True
        )
    )
    assert viewers == {"iro", "team_manager"}


def test_a_page_of_twenty_visits_costs_the_same_queries_as_a_page_of_two(
    scenario, api_as, django_assert_max_num_queries
):
    for n in range(20):
        _record(scenario, child="own" if n % 2 else "restricted", date=timezone.localdate())
    api = api_as(scenario.users["social_worker"])
    api.get("/visits/", limit=1)  # the token's first use is written down once
    with CaptureQueriesContext(connection) as two:
        assert len(api.get("/visits/", limit=2).json()["items"]) == 2
    with django_assert_max_num_queries(len(two.captured_queries)):
        assert len(api.get("/visits/", limit=20).json()["items"]) == 20


# Recording -----------------------------------------------------------------------------------


def _new_visit(scenario, **extra) -> dict:
    return {
        "child_id": scenario.children["own"].pk,
        "date": timezone.localdate().isoformat(),
        "place": "At school",
        "child_seen": True,
        "seen_alone": False,
        "child_said": "School is fine (test).",
        "observations": "Chatty.",
        **extra,
    }


def test_the_childs_social_worker_records_a_visit_with_its_audit_event(scenario, api_as):
    response = api_as(scenario.users["social_worker"]).post("/visits/", _new_visit(scenario))
    assert response.status_code == 201, response.json()
    visit = StatutoryVisit.objects.get()
    assert response.json()["id"] == visit.pk
    assert response.json()["household_id"] == scenario.households["own"].pk
    assert (visit.place, visit.child_seen, visit.seen_alone) == ("At school", True, False)
    event = AuditEvent.objects.get(event_type=services.STATUTORY_VISIT_RECORDED)
    assert (event.actor, event.child_id) == (scenario.users["social_worker"], scenario.children["own"].pk)


def test_the_same_visit_sent_twice_with_the_same_key_is_recorded_once(scenario, api_as):
    api = api_as(scenario.users["social_worker"])
    first = api.post("/visits/", _new_visit(scenario), key="same")
    again = api.post("/visits/", _new_visit(scenario), key="same")
    assert first.status_code == again.status_code == 201
    assert again["Idempotent-Replayed"] == "true"
    assert again.json() == first.json()
    assert StatutoryVisit.objects.count() == 1


@pytest.mark.parametrize(
    "username, child, status",
    [
        ("team_manager", "own", 201),
        ("iro", "own", 403),  # sees the child but may not change the record
        ("supervising_social_worker", "own", 403),
        ("social_worker", "other", 404),
        ("team_manager", "restricted", 404),
        ("analyst", "own", 404),
    ],
)
def test_only_those_who_may_record_a_visit_on_the_page_may_record_one(
    scenario, api_as, username, child, status
):
    response = api_as(scenario.users[username]).post(
        "/visits/", _new_visit(scenario, child_id=scenario.children[child].pk)
    )
    assert response.status_code == status, response.json()
    assert StatutoryVisit.objects.count() == (1 if status == 201 else 0)


def test_recording_needs_the_write_visits_scope(scenario, api_as):
    api = api_as(scenario.users["social_worker"], [Scope.READ, Scope.WRITE_LOGS])
    assert api.post("/visits/", _new_visit(scenario)).status_code == 403
    assert not StatutoryVisit.objects.exists()


@pytest.mark.parametrize(
    "change, field",
    [
        ({"date": "2100-01-01"}, "date"),
        ({"date": "1900-01-01"}, "date"),
        ({"date": "2026-02-30"}, "date"),
        ({"place": "  "}, "place"),
        ({"place": "x" * 201}, "place"),
        ({"child_seen": True, "seen_alone": None}, "seen_alone"),
        ({"child_seen": False, "seen_alone": True, "child_said": ""}, "seen_alone"),
        ({"child_seen": True, "child_said": ""}, "child_said"),
        ({"observations": "a\x00b"}, "observations"),
        ({"child_id": 0}, "child_id"),
    ],
)
def test_a_visit_that_cannot_be_true_is_refused_with_its_field(scenario, api_as, change, field):
    response = api_as(scenario.users["social_worker"]).post("/visits/", _new_visit(scenario, **change))
    assert response.status_code == 422, response.json()
    assert field in {error["field"] for error in response.json()["errors"]}
    assert not StatutoryVisit.objects.exists()


def test_a_child_not_seen_needs_no_words_from_them(scenario, api_as):
    response = api_as(scenario.users["social_worker"]).post(
        "/visits/", _new_visit(scenario, child_seen=False, child_said="", seen_alone=None)
    )
    assert response.status_code == 201, response.json()
    assert response.json()["seen_alone"] is False


@given(data=st.data())
@settings(
    max_examples=60,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
def test_any_json_is_answered_without_a_fault_and_nothing_half_saved(scenario, api_as, data):
    valid = _new_visit(scenario)
    body = data.draw(bodies({name: st.just(value) for name, value in valid.items()}))
    before = StatutoryVisit.objects.count()
    response = api_as(scenario.users["social_worker"]).post("/visits/", body)
    assert response.status_code < 500, response.content
    assert StatutoryVisit.objects.count() == before + (1 if response.status_code == 201 else 0)
