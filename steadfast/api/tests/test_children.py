import datetime

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from steadfast.accounts.models import Allocation, Scope
from steadfast.audit.models import AuditEvent
from steadfast.audit.services import CHILD_VIEWED
from steadfast.children.models import Child


def _new_child(**extra) -> dict:
    return {
        "child_identifier": "API-0001",
        "legal_first_name": "Testa",
        "legal_last_name": "Apichild",
        "date_of_birth": "2015-03-04",
        "sex": "female",
        "ethnicity": "white_british",
        "social_worker": "social_worker",
        **extra,
    }


def test_a_social_worker_lists_the_children_they_may_see_and_no_others(scenario, api_as):
    response = api_as(scenario.users["social_worker"]).get("/children/")
    assert response.status_code == 200
    ids = {item["id"] for item in response.json()["items"]}
    assert ids == {scenario.children["own"].pk, scenario.children["restricted"].pk}


def test_a_child_carries_their_social_worker_placement_and_count(scenario, api_as):
    child = scenario.children["own"]
    body = api_as(scenario.users["social_worker"]).get(f"/children/{child.pk}").json()
    assert body["child_identifier"] == child.child_identifier
    assert body["social_worker"]["username"] == "social_worker"
    assert body["current_placement"]["household_id"] == scenario.households["own"].pk
    assert body["placements_last_12_months"] == 1
    assert body["version"] == child.version


def test_a_child_outside_access_is_404_as_one_that_does_not_exist(scenario, api_as):
    api = api_as(scenario.users["social_worker"])
    hidden = api.get(f"/children/{scenario.children['other'].pk}")
    missing = api.get("/children/987654")
    assert hidden.status_code == missing.status_code == 404
    assert hidden["Content-Type"] == "application/problem+json"
    assert {k: v for k, v in hidden.json().items() if k != "instance"} == {
        k: v for k, v in missing.json().items() if k != "instance"
    }


def test_reading_a_child_through_the_api_shows_in_who_has_viewed(scenario, api_as):
    child = scenario.children["own"]
    api_as(scenario.users["social_worker"]).get(f"/children/{child.pk}")
    api_as(scenario.users["team_manager"]).get("/children/")
    viewers = set(
        AuditEvent.objects.filter(child_id=child.pk, event_type=CHILD_VIEWED).values_list(
            "actor__username", flat=True
        )
    )
    assert viewers == {"social_worker", "team_manager"}


def test_without_a_token_the_answer_is_401(scenario, client):
    response = client.get("/api/v1/children/")
    assert response.status_code == 401
    assert response["WWW-Authenticate"].startswith("Bearer")
    assert response.json()["status"] == 401


def test_a_wrong_token_is_401(scenario, client):
    response = client.get("/api/v1/children/", HTTP_AUTHORIZATION="Bearer sfp_not-a-token")
    assert response.status_code == 401


def test_a_token_without_read_may_not_list(scenario, api_as):
    response = api_as(scenario.users["social_worker"], [Scope.WRITE_CONCERNS]).get("/children/")
    assert response.status_code == 403
    assert "read" in response.json()["detail"]


def test_pages_follow_the_cursor_to_the_end_without_repeating(scenario, api_as):
    api = api_as(scenario.users["social_worker"])
    seen, cursor = [], None
    while True:
        body = api.get("/children/", limit=1, **({"cursor": cursor} if cursor else {})).json()
        seen += [item["id"] for item in body["items"]]
        cursor = body["next_cursor"]
        if cursor is None:
            break
    assert sorted(seen) == sorted([scenario.children["own"].pk, scenario.children["restricted"].pk])


@pytest.mark.parametrize("cursor", ["nonsense", "bm9uc2Vuc2U=", "MjAyNi0wMS0wMXwx"])
def test_a_cursor_the_api_did_not_give_is_400(scenario, api_as, cursor):
    response = api_as(scenario.users["team_manager"]).get("/children/", cursor=cursor)
    assert response.status_code == 400
    assert response.json()["errors"][0]["field"] == "cursor"


def test_a_limit_above_500_is_refused(scenario, api_as):
    response = api_as(scenario.users["team_manager"]).get("/children/", limit=501)
    assert response.status_code == 422
    assert response.json()["errors"][0]["field"] == "limit"


def test_changed_since_gives_only_children_changed_since(scenario, api_as):
    api = api_as(scenario.users["social_worker"])
    later = timezone.now() + datetime.timedelta(seconds=1)
    Child.objects.filter(pk=scenario.children["own"].pk).update(
        updated_at=later + datetime.timedelta(seconds=5)
    )
    body = api.get("/children/", changed_since=later.isoformat()).json()
    assert [item["id"] for item in body["items"]] == [scenario.children["own"].pk]


def test_a_case_system_matches_on_the_child_identifier(scenario, api_as):
    child = scenario.children["own"]
    body = (
        api_as(scenario.users["social_worker"])
        .get("/children/", child_identifier=child.child_identifier)
        .json()
    )
    assert [item["id"] for item in body["items"]] == [child.pk]


def test_adding_a_child_allocates_their_social_worker(scenario, api_as):
    response = api_as(scenario.users["social_worker"]).post("/children/", _new_child())
    assert response.status_code == 201, response.json()
    child = Child.objects.get(child_identifier="API-0001")
    assert Allocation.objects.filter(child=child, worker__username="social_worker", end_date=None).exists()
    assert response.json()["social_worker"]["username"] == "social_worker"


def test_the_same_post_with_the_same_key_adds_one_child(scenario, api_as):
    api = api_as(scenario.users["social_worker"])
    first = api.post("/children/", _new_child(), key="same")
    again = api.post("/children/", _new_child(), key="same")
    assert first.status_code == again.status_code == 201
    assert again["Idempotent-Replayed"] == "true"
    assert again.json() == first.json()
    assert Child.objects.filter(child_identifier="API-0001").count() == 1


def test_the_same_key_with_another_body_is_refused(scenario, api_as):
    api = api_as(scenario.users["social_worker"])
    api.post("/children/", _new_child(), key="same")
    response = api.post("/children/", _new_child(child_identifier="API-0002"), key="same")
    assert response.status_code == 422
    assert not Child.objects.filter(child_identifier="API-0002").exists()


def test_a_post_without_a_key_is_refused(scenario, api_as):
    api = api_as(scenario.users["social_worker"])
    response = api.client.post("/api/v1/children/", _new_child(), content_type="application/json")
    assert response.status_code == 400
    assert response.json()["type"].endswith("idempotency-key-missing")
    assert not Child.objects.filter(child_identifier="API-0001").exists()


def test_a_refused_post_keeps_nothing_and_its_key_may_be_used_again(scenario, api_as):
    api = api_as(scenario.users["social_worker"])
    refused = api.post("/children/", _new_child(date_of_birth="2099-01-01"), key="retry")
    assert refused.status_code == 422
    assert refused.json()["errors"][0]["field"] == "date_of_birth"
    accepted = api.post("/children/", _new_child(), key="retry")
    assert accepted.status_code == 201


def test_an_identifier_already_recorded_is_409(scenario, api_as):
    taken = scenario.children["other"].child_identifier
    response = api_as(scenario.users["social_worker"]).post("/children/", _new_child(child_identifier=taken))
    assert response.status_code == 409
    assert response.json()["errors"] == [
        {
            "field": "child_identifier",
            "message": "A child with this identifier is already recorded. Check the identifier.",
        }
    ]


def test_a_social_worker_another_team_allocates_is_refused(scenario, api_as):
    response = api_as(scenario.users["social_worker"]).post(
        "/children/", _new_child(social_worker="other_social_worker")
    )
    assert response.status_code == 422
    assert response.json()["errors"][0]["field"] == "social_worker"


def test_a_change_from_the_current_version_is_saved(scenario, api_as):
    child = scenario.children["own"]
    response = api_as(scenario.users["social_worker"]).patch(
        f"/children/{child.pk}", {"version": child.version, "school": "Test Academy"}
    )
    assert response.status_code == 200, response.json()
    assert response.json()["school"] == "Test Academy"
    assert response.json()["version"] == child.version + 1


def test_a_change_from_an_earlier_version_is_409_with_the_version_now(scenario, api_as):
    child = scenario.children["own"]
    api = api_as(scenario.users["social_worker"])
    api.patch(f"/children/{child.pk}", {"version": child.version, "school": "First Academy"})
    response = api.patch(f"/children/{child.pk}", {"version": child.version, "school": "Second Academy"})
    assert response.status_code == 409
    assert response.json()["current_version"] == child.version + 1
    child.refresh_from_db()
    assert child.school == "First Academy"


def test_an_iro_may_see_but_not_change_a_child(scenario, api_as):
    child = scenario.children["own"]
    response = api_as(scenario.users["iro"]).patch(f"/children/{child.pk}", {"version": 1, "school": "X"})
    assert response.status_code == 403


def test_control_characters_are_refused_not_stored(scenario, api_as):
    response = api_as(scenario.users["social_worker"]).post(
        "/children/", _new_child(legal_first_name="Te\x00st")
    )
    assert response.status_code == 422
    assert response.json()["errors"][0]["field"] == "legal_first_name"


def test_a_key_is_kept_for_a_day_then_may_be_used_anew(scenario, api_as):
    from steadfast.api.models import IdempotentRequest

    api = api_as(scenario.users["social_worker"])
    api.post("/children/", _new_child(), key="yesterday")
    IdempotentRequest.objects.update(created_at=timezone.now() - datetime.timedelta(days=1, minutes=1))
    response = api.post("/children/", _new_child(child_identifier="API-0002"), key="yesterday")
    assert response.status_code == 201
    assert not response.has_header("Idempotent-Replayed")
    assert IdempotentRequest.objects.count() == 1


def test_a_page_of_twenty_children_costs_the_same_queries_as_a_page_of_two(
    scenario, api_as, django_assert_max_num_queries
):
    from tests.factories import AllocationFactory, ChildFactory, PlacementFactory

    worker = scenario.users["social_worker"]
    api = api_as(worker)
    with CaptureQueriesContext(connection) as two:
        assert len(api.get("/children/", limit=2).json()["items"]) == 2
    for _ in range(20):
        child = ChildFactory()
        AllocationFactory(child=child, worker=worker, role="social_worker")
        PlacementFactory(child=child, household=scenario.households["own"])
    with django_assert_max_num_queries(len(two.captured_queries)):
        assert len(api.get("/children/", limit=20).json()["items"]) == 20


def test_a_write_sent_with_a_key_looks_its_token_up_once(scenario, api_as):
    api = api_as(scenario.users["social_worker"])
    with CaptureQueriesContext(connection) as sent:
        assert api.post("/children/", _new_child()).status_code == 201
    lookups = [
        q for q in sent.captured_queries if "key_hash" in q["sql"] and 'FROM "accounts_apitoken"' in q["sql"]
    ]
    assert len(lookups) == 1
