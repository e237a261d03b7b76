import datetime

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from steadfast.accounts import access
from steadfast.accounts.models import Scope
from steadfast.api.carer_logs import _readable, _Reader
from steadfast.audit.models import AuditEvent
from steadfast.audit.services import CHILD_VIEWED, HOUSEHOLD_VIEWED
from steadfast.carer_logs import selectors
from steadfast.carer_logs.models import CarerLog
from steadfast.carer_logs.services import CARER_LOG_WRITTEN, reply_to_carers, review_carer_log
from steadfast.carer_logs.tests.helpers import a_log
from tests.factories import ChildFactory, PlacementFactory
from tests.scenario import STAFF_USERNAMES

from .helpers import bodies

CUED = "We are exhausted and at the end of our tether."


def _log_about(household, child, text="A quiet day at home.") -> CarerLog:
    """A log written straight into the database, for a child the carers' service would refuse
    (a restricted child the carer may not name, a child of a restricted household)."""
    return CarerLog.objects.create(
        household=household, child=child, date=timezone.localdate(), category="home_life", what_happened=text
    )


@pytest.fixture
def logs(scenario) -> dict[str, CarerLog]:
    """A log with tone cues about the own child, reviewed and replied to; a log about the
    restricted child, who lives in the own household; a log of the restricted household, about a
    restricted child."""
    own = a_log(scenario, text=CUED)
    review_carer_log(
        actor=scenario.users["supervising_social_worker"],
        log=own,
        comment="Talked about respite (test).",
        discussed_with_carer_on=None,
    )
    reply_to_carers(actor=scenario.users["supervising_social_worker"], log=own, reply="Thank you (test).")
    hidden = ChildFactory(legal_first_name="Hidden", restricted=True)
    PlacementFactory(child=hidden, household=scenario.households["restricted"])
    return {
        "own": CarerLog.objects.get(pk=own.pk),
        "restricted_child": _log_about(scenario.households["own"], scenario.children["restricted"]),
        "restricted_household": _log_about(scenario.households["restricted"], hidden),
    }


def _ids(response) -> set[int]:
    assert response.status_code == 200, response.json()
    return {item["id"] for item in response.json()["items"]}


def test_the_supervising_social_worker_reads_the_households_logs_with_their_tone_cues(scenario, api_as, logs):
    response = api_as(scenario.users["supervising_social_worker"]).get("/carer-logs/")
    assert _ids(response) == {logs["own"].pk}
    item = response.json()["items"][0]
    assert item["household_id"] == scenario.households["own"].pk
    assert item["child_id"] == scenario.children["own"].pk
    assert item["what_happened"] == CUED
    assert item["written_by"]["id"] == scenario.users["foster_carer"].pk
    assert item["reviewed_by"]["id"] == scenario.users["supervising_social_worker"].pk
    assert item["reviewed_at"] is not None
    assert item["review_comment"] == "Talked about respite (test)."
    assert [reply["text"] for reply in item["replies"]] == ["Thank you (test)."]
    assert item["version"] == logs["own"].version
    themes = {cue["theme"] for cue in item["tone_cues"]}
    assert themes == {"exhaustion"}
    for cue in item["tone_cues"]:
        assert CUED[cue["start"] : cue["end"]] == cue["phrase"]
        assert cue["why"]


def test_the_childs_social_worker_reads_the_logs_about_their_children_without_tone_cues(
    scenario, api_as, logs
):
    user = scenario.users["social_worker"]
    assert not access.can_see_tone_signal(user, scenario.households["own"].pk)
    api = api_as(user)
    listed = api.get("/carer-logs/")
    # The restricted child is granted to them by name, so the log about them is theirs to read.
    assert _ids(listed) == {logs["own"].pk, logs["restricted_child"].pk}
    read = api.get(f"/carer-logs/{logs['own'].pk}").json()
    for item in [*listed.json()["items"], read]:
        assert item["tone_cues"] is None
        assert item["review_comment"] is None
    assert read["what_happened"] == CUED
    assert "exhaust" not in str({k: v for k, v in read.items() if k != "what_happened"})


@pytest.mark.parametrize("username", STAFF_USERNAMES)
def test_each_log_is_read_through_the_api_by_exactly_those_who_may_open_it_on_the_pages(
    scenario, api_as, logs, client, username
):
    user = scenario.users[username]
    api = api_as(user)
    client.force_login(user)
    for log in logs.values():
        assert (api.get(f"/carer-logs/{log.pk}").status_code == 200) == (
            client.get(f"/logs/{log.pk}/").status_code == 200
        ), log


@pytest.mark.parametrize("username", STAFF_USERNAMES)
def test_tone_cues_come_only_where_the_policy_shows_the_tone_signal(scenario, api_as, logs, username):
    user = scenario.users[username]
    api = api_as(user)
    shows = access.can_see_tone_signal(user, scenario.households["own"].pk)
    listed = {item["id"]: item for item in api.get("/carer-logs/").json()["items"]}
    read = api.get(f"/carer-logs/{logs['own'].pk}")
    if logs["own"].pk in listed:
        assert (listed[logs["own"].pk]["tone_cues"] is not None) == shows
        assert (read.json()["tone_cues"] is not None) == shows
    else:
        assert read.status_code == 404
        assert not shows


def test_restricted_records_are_never_listed_for_those_not_granted_them(scenario, api_as, logs):
    for username in ("supervising_social_worker", "fostering_team_manager", "team_manager", "iro"):
        api = api_as(scenario.users[username])
        ids = _ids(api.get("/carer-logs/"))
        assert logs["restricted_child"].pk not in ids
        assert logs["restricted_household"].pk not in ids
        assert api.get(f"/carer-logs/{logs['restricted_child'].pk}").status_code == 404
        assert _ids(api.get("/carer-logs/", household_id=scenario.households["restricted"].pk)) == set()


def test_a_log_outside_access_is_404_as_one_that_does_not_exist(scenario, api_as, logs):
    api = api_as(scenario.users["other_supervising_social_worker"])
    hidden = api.get(f"/carer-logs/{logs['own'].pk}")
    missing = api.get("/carer-logs/987654")
    assert hidden.status_code == missing.status_code == 404
    assert hidden["Content-Type"] == "application/problem+json"
    assert {k: v for k, v in hidden.json().items() if k != "instance"} == {
        k: v for k, v in missing.json().items() if k != "instance"
    }


def test_a_token_without_read_may_not_list_or_read(scenario, api_as, logs):
    api = api_as(scenario.users["supervising_social_worker"], [Scope.WRITE_LOGS])
    assert api.get("/carer-logs/").status_code == 403
    assert api.get(f"/carer-logs/{logs['own'].pk}").status_code == 403


def test_the_filters_narrow_the_list(scenario, api_as, logs):
    api = api_as(scenario.users["social_worker"])
    own_child = scenario.children["own"].pk
    assert _ids(api.get("/carer-logs/", child_id=own_child)) == {logs["own"].pk}
    assert _ids(api.get("/carer-logs/", household_id=scenario.households["other"].pk)) == set()
    assert _ids(api.get("/carer-logs/", household_id=scenario.households["own"].pk)) == {
        logs["own"].pk,
        logs["restricted_child"].pk,
    }


def test_pages_follow_the_cursor_and_changed_since_gives_only_what_changed(scenario, api_as, logs):
    more = [a_log(scenario, text=f"Day {n} was calm.") for n in range(3)]
    api = api_as(scenario.users["supervising_social_worker"])
    seen, cursor = [], None
    while True:
        body = api.get("/carer-logs/", limit=2, **({"cursor": cursor} if cursor else {})).json()
        seen += [item["id"] for item in body["items"]]
        cursor = body["next_cursor"]
        if cursor is None:
            break
    assert sorted(seen) == sorted([logs["own"].pk, *(log.pk for log in more)])
    later = timezone.now() + datetime.timedelta(seconds=1)
    CarerLog.objects.filter(pk=more[1].pk).update(updated_at=later + datetime.timedelta(seconds=5))
    assert _ids(api.get("/carer-logs/", changed_since=later.isoformat())) == {more[1].pk}


def test_reading_logs_shows_in_who_has_viewed_the_child_and_the_household(scenario, api_as, logs):
    api_as(scenario.users["supervising_social_worker"]).get("/carer-logs/")
    api_as(scenario.users["social_worker"]).get(f"/carer-logs/{logs['own'].pk}")
    child_viewers = set(
        AuditEvent.objects.filter(child_id=scenario.children["own"].pk, event_type=CHILD_VIEWED).values_list(
            "actor__username", flat=True
        )
    )
    household_viewers = set(
        AuditEvent.objects.filter(
            household_id=scenario.households["own"].pk, event_type=HOUSEHOLD_VIEWED
        ).values_list("actor__username", flat=True)
    )
    assert child_viewers == household_viewers == {"supervising_social_worker", "social_worker"}


def test_a_page_of_twenty_logs_costs_the_same_queries_as_a_page_of_two(
    scenario, api_as, logs, django_assert_max_num_queries
):
    api = api_as(scenario.users["supervising_social_worker"])
    for n in range(20):
        log = a_log(scenario, text=f"We are exhausted, day {n}.")
        reply_to_carers(actor=scenario.users["supervising_social_worker"], log=log, reply=f"Noted {n}.")
    api.get("/carer-logs/", limit=1)  # the token's first use is written down once
    with CaptureQueriesContext(connection) as two:
        assert len(api.get("/carer-logs/", limit=2).json()["items"]) == 2
    with django_assert_max_num_queries(len(two.captured_queries)):
        assert len(api.get("/carer-logs/", limit=20).json()["items"]) == 20


def test_a_carer_would_read_what_their_portal_shows_without_tone_cues_or_the_review_comment(scenario, logs):
    """Carers may not hold tokens today; were they given one, they would read their household's
    logs as their portal lists them, and nothing the fostering service keeps to itself."""
    carer = scenario.users["foster_carer"]
    household = scenario.households["own"]
    readable = list(_readable(carer).prefetch_related("replies"))
    portal = selectors.logs_written_in_household(household, carer=carer)
    assert {log.pk for log in readable} == {log.pk for log in portal} == {logs["own"].pk}
    reader = _Reader.of_page(carer, readable)
    for log in readable:
        log.replies_in_order = list(log.replies.all())
        item = reader.out(log)
        assert item["tone_cues"] is None and item["review_comment"] is None
        assert [reply["text"] for reply in item["replies"]] == ["Thank you (test)."]


# Writing ------------------------------------------------------------------------------------


def _new_log(scenario, **extra) -> dict:
    return {
        "household_id": scenario.households["own"].pk,
        "child_id": scenario.children["own"].pk,
        "date": timezone.localdate().isoformat(),
        "category": "school",
        "what_happened": "Parents' evening went well (test).",
        **extra,
    }


def test_the_supervising_social_worker_writes_a_log_for_the_carers(scenario, api_as):
    response = api_as(scenario.users["supervising_social_worker"]).post(
        "/carer-logs/", _new_log(scenario, significant_event="police")
    )
    assert response.status_code == 201, response.json()
    log = CarerLog.objects.get()
    body = response.json()
    assert body["id"] == log.pk and body["significant_event"] == "police"
    assert body["tone_cues"] == []
    assert body["written_by"]["id"] == scenario.users["supervising_social_worker"].pk
    event = AuditEvent.objects.get(event_type=CARER_LOG_WRITTEN)
    assert (event.actor, event.child_id, event.household_id) == (
        scenario.users["supervising_social_worker"],
        scenario.children["own"].pk,
        scenario.households["own"].pk,
    )


def test_the_same_log_sent_twice_with_the_same_key_is_written_once(scenario, api_as):
    api = api_as(scenario.users["supervising_social_worker"])
    first = api.post("/carer-logs/", _new_log(scenario), key="same")
    again = api.post("/carer-logs/", _new_log(scenario), key="same")
    assert first.status_code == again.status_code == 201
    assert again["Idempotent-Replayed"] == "true"
    assert again.json() == first.json()
    assert CarerLog.objects.count() == 1


@pytest.mark.parametrize(
    "username, status",
    [
        ("fostering_team_manager", 201),
        ("social_worker", 403),  # sees the household only as the child's home
        ("team_manager", 403),
        ("iro", 403),
        ("other_supervising_social_worker", 404),
        ("analyst", 404),
    ],
)
def test_only_those_who_may_write_a_log_on_the_pages_may_write_one(scenario, api_as, username, status):
    response = api_as(scenario.users[username]).post("/carer-logs/", _new_log(scenario))
    assert response.status_code == status, response.json()
    assert CarerLog.objects.count() == (1 if status == 201 else 0)


def test_writing_needs_the_write_logs_scope(scenario, api_as):
    api = api_as(scenario.users["supervising_social_worker"], [Scope.READ])
    assert api.post("/carer-logs/", _new_log(scenario)).status_code == 403
    assert not CarerLog.objects.exists()


@pytest.mark.parametrize(
    "change, field",
    [
        ({"date": "2100-01-01"}, "date"),
        ({"date": "1900-01-01"}, "child_id"),
        ({"child_id": 987654}, "child_id"),
        ({"category": "gossip"}, "category"),
        ({"what_happened": "   "}, "what_happened"),
        ({"what_happened": "Te\x00st"}, "what_happened"),
        ({"significant_event": ""}, "significant_event"),
        ({"household_id": 2**70}, "household_id"),
    ],
)
def test_a_log_that_cannot_be_true_is_refused_with_its_field(scenario, api_as, change, field):
    response = api_as(scenario.users["supervising_social_worker"]).post(
        "/carer-logs/", _new_log(scenario, **change)
    )
    assert response.status_code == 422, response.json()
    assert field in {error["field"] for error in response.json()["errors"]}
    assert not CarerLog.objects.exists()


def test_a_restricted_child_the_writer_may_not_name_is_refused_as_not_placed(scenario, api_as):
    response = api_as(scenario.users["supervising_social_worker"]).post(
        "/carer-logs/", _new_log(scenario, child_id=scenario.children["restricted"].pk)
    )
    unknown = api_as(scenario.users["supervising_social_worker"]).post(
        "/carer-logs/", _new_log(scenario, child_id=987654)
    )
    assert response.status_code == unknown.status_code == 422
    assert response.json()["errors"] == unknown.json()["errors"]


@given(data=st.data())
@settings(
    max_examples=60,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
def test_any_json_is_answered_without_a_fault_and_nothing_half_saved(scenario, api_as, data):
    valid = _new_log(scenario)
    body = data.draw(bodies({name: st.just(value) for name, value in valid.items()}))
    before = CarerLog.objects.count()
    response = api_as(scenario.users["supervising_social_worker"]).post("/carer-logs/", body)
    assert response.status_code < 500, response.content
    assert CarerLog.objects.count() == before + (1 if response.status_code == 201 else 0)
