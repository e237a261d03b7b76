import datetime

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from steadfast.accounts.models import Scope
from steadfast.audit.models import AuditEvent
from steadfast.audit.services import CHILD_VIEWED, HOUSEHOLD_VIEWED
from steadfast.support_requests import services
from steadfast.support_requests.models import SupportRequest
from steadfast.support_requests.tests.helpers import a_request
from tests.scenario import STAFF_USERNAMES

OWENS_WORKERS = {
    "social_worker",
    "team_colleague",
    "team_manager",
    "assistant_team_manager",
    "senior_practitioner",
    "iro",
}
OWN_FOSTERING = {"supervising_social_worker", "fostering_team_manager"}

# Who reads each request through the API, as on its page; for everyone else it is not there.
READERS = {
    "own_household": OWN_FOSTERING,
    "own_child": OWN_FOSTERING | OWENS_WORKERS,
    "other_household": {"other_supervising_social_worker"},
    "restricted_child": {"social_worker"},  # granted the child by name; the household's SSW is not
    "restricted_household": set(),
}


def _directly(scenario, *, household: str, child: str | None) -> SupportRequest:
    """A request the services would not let these test users make, written as the scene."""
    today = timezone.localdate()
    return SupportRequest.objects.create(
        household=scenario.households[household],
        child=scenario.children[child] if child else None,
        kind="therapy",
        urgency="soon",
        what_is_needed="Therapy (test).",
        asked_at=timezone.now(),
        acknowledgement_due=today,
        response_due=today,
    )


@pytest.fixture
def requests(scenario) -> dict[str, SupportRequest]:
    return {
        "own_household": a_request(scenario, child=None),
        "own_child": a_request(scenario),
        "other_household": a_request(
            scenario,
            actor="other_supervising_social_worker",
            child=None,
            household=scenario.households["other"],
        ),
        "restricted_child": _directly(scenario, household="own", child="restricted"),
        "restricted_household": _directly(scenario, household="restricted", child=None),
    }


def _ids(response) -> set[int]:
    assert response.status_code == 200, response.json()
    return {item["id"] for item in response.json()["items"]}


@pytest.mark.parametrize("username", STAFF_USERNAMES)
def test_each_user_lists_and_reads_exactly_the_requests_they_may_read_on_the_pages(
    scenario, api_as, requests, username
):
    api = api_as(scenario.users[username])
    expected = {name for name, readers in READERS.items() if username in readers}
    assert _ids(api.get("/support-requests/")) == {requests[name].pk for name in expected}
    for name, support_request in requests.items():
        status = api.get(f"/support-requests/{support_request.pk}").status_code
        assert status == (200 if name in expected else 404), (name, status)


def test_a_request_carries_what_was_asked_by_whom_how_soon_and_where_it_has_got_to(
    scenario, api_as, requests
):
    asked = requests["own_child"]
    services.respond_to_support_request(
        actor=scenario.users["supervising_social_worker"],
        support_request=asked,
        response="Respite booked for the weekend (test).",
    )
    asked.refresh_from_db()
    body = api_as(scenario.users["supervising_social_worker"]).get(f"/support-requests/{asked.pk}").json()
    assert body["household_id"] == scenario.households["own"].pk
    assert body["child_id"] == scenario.children["own"].pk
    assert (body["kind"], body["urgency"], body["status"]) == ("respite", "urgent", "responded")
    assert body["what_is_needed"] == asked.what_is_needed
    assert body["asked_by"]["id"] == scenario.users["foster_carer"].pk
    assert body["on_behalf_of_carer"] is False
    assert body["responded_by"]["id"] == scenario.users["supervising_social_worker"].pk
    assert body["response"] == "Respite booked for the weekend (test)."
    assert body["response_due"] == asked.response_due.isoformat()
    assert body["responded_at"] is not None and body["late"] == ""
    assert body["version"] == asked.version


def test_a_late_request_says_why(scenario, api_as, requests):
    late = requests["own_household"]
    SupportRequest.objects.filter(pk=late.pk).update(
        acknowledgement_due=timezone.localdate() - datetime.timedelta(days=3),
        response_due=timezone.localdate() - datetime.timedelta(days=2),
    )
    body = api_as(scenario.users["supervising_social_worker"]).get(f"/support-requests/{late.pk}").json()
    assert body["late"]


def test_a_request_outside_access_is_404_as_one_that_does_not_exist(scenario, api_as, requests):
    api = api_as(scenario.users["supervising_social_worker"])
    hidden = api.get(f"/support-requests/{requests['other_household'].pk}")
    missing = api.get("/support-requests/987654")
    assert hidden.status_code == missing.status_code == 404
    assert {k: v for k, v in hidden.json().items() if k != "instance"} == {
        k: v for k, v in missing.json().items() if k != "instance"
    }


def test_a_token_without_read_may_not_list_or_read(scenario, api_as, requests):
    api = api_as(scenario.users["supervising_social_worker"], [Scope.WRITE_LOGS])
    assert api.get("/support-requests/").status_code == 403
    assert api.get(f"/support-requests/{requests['own_child'].pk}").status_code == 403


def test_the_filters_narrow_the_list(scenario, api_as, requests):
    api = api_as(scenario.users["supervising_social_worker"])
    services.acknowledge_support_request(
        actor=scenario.users["supervising_social_worker"], support_request=requests["own_household"]
    )
    own = scenario.households["own"].pk
    assert _ids(api.get("/support-requests/", household_id=own)) == {
        requests["own_household"].pk,
        requests["own_child"].pk,
    }
    assert _ids(api.get("/support-requests/", child_id=scenario.children["own"].pk)) == {
        requests["own_child"].pk
    }
    assert _ids(api.get("/support-requests/", status="acknowledged")) == {requests["own_household"].pk}
    assert _ids(api.get("/support-requests/", child_id=scenario.children["restricted"].pk)) == set()


def test_an_unknown_status_is_refused_with_its_field(scenario, api_as):
    response = api_as(scenario.users["supervising_social_worker"]).get("/support-requests/", status="lost")
    assert response.status_code == 422
    assert response.json()["errors"][0]["field"] == "status"


def test_pages_follow_the_cursor_and_changed_since_gives_only_what_changed(scenario, api_as, requests):
    api = api_as(scenario.users["social_worker"])
    seen, cursor = [], None
    while True:
        body = api.get("/support-requests/", limit=1, **({"cursor": cursor} if cursor else {})).json()
        seen += [item["id"] for item in body["items"]]
        cursor = body["next_cursor"]
        if cursor is None:
            break
    assert sorted(seen) == sorted([requests["own_child"].pk, requests["restricted_child"].pk])
    later = timezone.now() + datetime.timedelta(seconds=1)
    SupportRequest.objects.filter(pk=requests["own_child"].pk).update(
        updated_at=later + datetime.timedelta(seconds=5)
    )
    assert _ids(api.get("/support-requests/", changed_since=later.isoformat())) == {requests["own_child"].pk}


def test_reading_requests_shows_in_who_has_viewed_the_child_and_the_household(scenario, api_as, requests):
    api_as(scenario.users["supervising_social_worker"]).get("/support-requests/")
    api_as(scenario.users["social_worker"]).get(f"/support-requests/{requests['own_child'].pk}")
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


def test_a_page_of_twenty_requests_costs_the_same_queries_as_a_page_of_two(
    scenario, api_as, requests, django_assert_max_num_queries
):
    for n in range(20):
        asked = a_request(scenario, child=None if n % 2 else "own", what_is_needed=f"Help {n} (test).")
        if n % 3 == 0:
            services.respond_to_support_request(
                actor=scenario.users["supervising_social_worker"], support_request=asked, response="Booked."
            )
    api = api_as(scenario.users["supervising_social_worker"])
    api.get("/support-requests/", limit=1)  # the token's first use is written down once
    with CaptureQueriesContext(connection) as two:
        assert len(api.get("/support-requests/", limit=2).json()["items"]) == 2
    with django_assert_max_num_queries(len(two.captured_queries)):
        assert len(api.get("/support-requests/", limit=20).json()["items"]) == 20


def test_requests_may_not_be_written_through_the_api(scenario, api_as):
    response = api_as(scenario.users["supervising_social_worker"]).post(
        "/support-requests/",
        {"household_id": scenario.households["own"].pk, "kind": "respite", "urgency": "soon"},
    )
    assert response.status_code == 405
    assert not SupportRequest.objects.exists()
