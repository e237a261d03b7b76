import datetime

from django.utils import timezone
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from steadfast.accounts.models import Scope
from steadfast.audit.models import AuditEvent
from steadfast.meetings import services
from steadfast.meetings.models import ActionReview, StabilityAction, StabilityMeeting
from steadfast.meetings.selectors import proposed_invitees
from steadfast.meetings.tests.helpers import a_meeting_ready_to_submit, an_authorised_meeting

from .test_concerns import JSON


def _a_review_an_hour_ago(scenario) -> tuple[StabilityAction, StabilityMeeting]:
    """The action of an authorised meeting of a month ago, and the review of it held an hour ago."""
    first = an_authorised_meeting(scenario, when=timezone.now() - datetime.timedelta(days=30))
    review = services.arrange_stability_meeting(
        actor=scenario.users["senior_practitioner"],
        child=first.child,
        kind="review",
        reviews=first,
        scheduled_at=timezone.now() - datetime.timedelta(hours=1),
        venue="Call",
        chair=scenario.users["senior_practitioner"],
        invitees=proposed_invitees(first.child, first.household),
    )
    return first.actions.get(), review


def _progress(action: StabilityAction, **extra) -> dict:
    return {
        "version": action.version,
        "progress": "done",
        "evidence": "Both weekends happened (test).",
        **extra,
    }


def test_a_worker_lists_the_actions_for_children_they_may_see_and_no_others(scenario, api_as):
    meeting = a_meeting_ready_to_submit(scenario)
    action = meeting.actions.get()
    response = api_as(scenario.users["social_worker"]).get("/actions/")
    assert [item["id"] for item in response.json()["items"]] == [action.pk]
    assert api_as(scenario.users["other_social_worker"]).get("/actions/").json()["items"] == []
    assert api_as(scenario.users["other_social_worker"]).get(f"/actions/{action.pk}").status_code == 404


def test_a_restricted_childs_actions_are_in_no_list_for_those_not_granted_them(scenario, api_as):
    own = a_meeting_ready_to_submit(scenario).actions.get()
    restricted = StabilityAction.objects.filter(pk=own.pk)
    restricted.update(child=scenario.children["restricted"])
    for user in ("team_manager", "iro"):
        api = api_as(scenario.users[user])
        assert own.pk not in {item["id"] for item in api.get("/actions/").json()["items"]}, user
        assert api.get(f"/actions/{own.pk}").status_code == 404
    assert api_as(scenario.users["social_worker"]).get(f"/actions/{own.pk}").status_code == 200


def test_an_action_reads_with_its_owner_date_measure_and_status(scenario, api_as):
    meeting = an_authorised_meeting(scenario)
    action = meeting.actions.get()
    body = api_as(scenario.users["iro"]).get(f"/actions/{action.pk}").json()
    assert body["meeting_id"] == meeting.pk
    assert body["child_id"] == scenario.children["own"].pk
    assert body["household_id"] == scenario.households["own"].pk
    assert body["owner"] == {
        "kind": "worker",
        "id": scenario.users["supervising_social_worker"].pk,
        "name": scenario.users["supervising_social_worker"].get_full_name(),
    }
    assert body["measure"] == "The carer says she feels rested"
    assert body["status"] == "agreed"
    assert body["overdue"] is False
    assert body["version"] == action.version


def test_an_action_past_its_date_still_to_do_is_overdue(scenario, api_as):
    action = an_authorised_meeting(scenario).actions.get()
    StabilityAction.objects.filter(pk=action.pk).update(due_date=timezone.localdate() - datetime.timedelta(1))
    assert api_as(scenario.users["social_worker"]).get(f"/actions/{action.pk}").json()["overdue"] is True


def test_an_action_outside_access_is_404_as_one_that_does_not_exist(scenario, api_as):
    action = a_meeting_ready_to_submit(scenario).actions.get()
    api = api_as(scenario.users["other_social_worker"])
    refused, missing = api.get(f"/actions/{action.pk}"), api.get("/actions/987654")
    assert refused.status_code == missing.status_code == 404
    assert {k: v for k, v in refused.json().items() if k != "instance"} == {
        k: v for k, v in missing.json().items() if k != "instance"
    }


def test_the_list_filters_by_child_meeting_and_status(scenario, api_as):
    action, review = _a_review_an_hour_ago(scenario)
    api = api_as(scenario.users["social_worker"])

    def ids(**query) -> list[int]:
        return [item["id"] for item in api.get("/actions/", **query).json()["items"]]

    assert ids(child_id=scenario.children["own"].pk) == [action.pk]
    assert ids(child_id=scenario.children["restricted"].pk) == []
    assert ids(meeting_id=action.meeting_id) == [action.pk]
    assert ids(meeting_id=review.pk) == []
    assert ids(status="agreed") == [action.pk]
    assert ids(status="done") == []
    assert api.get("/actions/", status="finished").status_code == 422


def test_a_page_of_twenty_costs_the_same_queries_as_a_page_of_two(
    scenario, api_as, django_assert_max_num_queries
):
    api = api_as(scenario.users["social_worker"])
    meeting = a_meeting_ready_to_submit(scenario)
    chair = scenario.users["senior_practitioner"]

    def add(n: int) -> None:
        for _ in range(n):
            services.add_stability_action(
                actor=chair,
                meeting=meeting,
                what="Another action (test)",
                owner_kind="carer",
                owner_name="Test Carer",
                due_date=timezone.localdate() + datetime.timedelta(days=7),
                measure="It is done",
            )

    add(1)
    with django_assert_max_num_queries(100) as two:
        assert len(api.get("/actions/").json()["items"]) == 2
    add(18)
    with django_assert_max_num_queries(len(two.captured_queries)):
        assert len(api.get("/actions/").json()["items"]) == 20


def test_recording_how_an_action_went_records_it_at_the_review_meeting(scenario, api_as):
    action, review = _a_review_an_hour_ago(scenario)
    response = api_as(scenario.users["social_worker"]).patch(f"/actions/{action.pk}", _progress(action))
    assert response.status_code == 200, response.json()
    body = response.json()
    assert body["status"] == "agreed"  # until a manager authorises the review
    assert body["reviews"] == [
        {
            "meeting_id": review.pk,
            "progress": "done",
            "evidence": "Both weekends happened (test).",
            "authorised": False,
            "version": 1,
        }
    ]
    assert ActionReview.objects.get(action=action, meeting=review).progress == "done"
    event = AuditEvent.objects.filter(event_type=services.ACTION_REVIEWED).latest("pk")
    assert (event.actor, event.child_id) == (scenario.users["social_worker"], action.child_id)


def test_recording_it_again_from_the_reviews_version_changes_it(scenario, api_as):
    action, review = _a_review_an_hour_ago(scenario)
    api = api_as(scenario.users["social_worker"])
    api.patch(f"/actions/{action.pk}", _progress(action))
    response = api.patch(f"/actions/{action.pk}", _progress(action, progress="partly_done", review_version=1))
    assert response.status_code == 200, response.json()
    assert ActionReview.objects.get(action=action, meeting=review).progress == "partly_done"


def test_a_change_from_an_earlier_version_of_the_review_is_409(scenario, api_as):
    action, review = _a_review_an_hour_ago(scenario)
    api = api_as(scenario.users["social_worker"])
    api.patch(f"/actions/{action.pk}", _progress(action))
    response = api.patch(f"/actions/{action.pk}", _progress(action, progress="not_done"))
    assert response.status_code == 409
    assert response.json()["current_version"] == 1
    assert response.json()["errors"][0]["field"] == "review_version"
    assert ActionReview.objects.get(action=action, meeting=review).progress == "done"


def test_a_change_from_an_earlier_version_of_the_action_is_409_with_its_version_now(scenario, api_as):
    action, _review = _a_review_an_hour_ago(scenario)
    response = api_as(scenario.users["social_worker"]).patch(
        f"/actions/{action.pk}", _progress(action, version=action.version - 1 or 99)
    )
    assert response.status_code == 409
    assert response.json()["current_version"] == action.version
    assert not ActionReview.objects.exists()


def test_without_a_review_meeting_being_written_up_nothing_is_recorded(scenario, api_as):
    action = an_authorised_meeting(scenario).actions.get()
    response = api_as(scenario.users["social_worker"]).patch(f"/actions/{action.pk}", _progress(action))
    assert response.status_code == 422
    assert response.json()["errors"][0]["field"] == "review_meeting_id"
    assert not ActionReview.objects.exists()


def test_the_same_change_with_the_same_key_is_done_once(scenario, api_as):
    action, _review = _a_review_an_hour_ago(scenario)
    api = api_as(scenario.users["social_worker"])
    first = api.patch(f"/actions/{action.pk}", _progress(action), **{"Idempotency-Key": "once"})
    again = api.patch(f"/actions/{action.pk}", _progress(action), **{"Idempotency-Key": "once"})
    assert first.status_code == again.status_code == 200
    assert again["Idempotent-Replayed"] == "true"
    assert ActionReview.objects.get().version == 1


def test_without_the_scope_or_the_role_nothing_is_recorded(scenario, api_as):
    action, _ = _a_review_an_hour_ago(scenario)
    reader = api_as(scenario.users["social_worker"], [Scope.READ])
    assert reader.patch(f"/actions/{action.pk}", _progress(action)).status_code == 403
    iro = api_as(scenario.users["iro"])  # sees the child, does not write up meetings
    response = iro.patch(f"/actions/{action.pk}", _progress(action))
    assert response.status_code == 403
    assert response.json()["type"].endswith("not-permitted")
    outsider = api_as(scenario.users["other_social_worker"])
    assert outsider.patch(f"/actions/{action.pk}", _progress(action)).status_code == 404
    assert not ActionReview.objects.exists()


def test_bad_input_is_422_with_the_field_named(scenario, api_as):
    action, _ = _a_review_an_hour_ago(scenario)
    api = api_as(scenario.users["social_worker"])
    for change, field in (
        ({"progress": "agreed"}, "progress"),
        ({"evidence": " "}, "evidence"),
        ({"evidence": "x\x00"}, "evidence"),
        ({"version": 0}, "version"),
        ({"review_version": -1}, "review_version"),
        ({"review_meeting_id": 2**70}, "review_meeting_id"),
    ):
        response = api.patch(f"/actions/{action.pk}", _progress(action, **change))
        assert response.status_code == 422, change
        assert response.json()["errors"][0]["field"] == field
    assert not ActionReview.objects.exists()


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(
    body=st.fixed_dictionaries(
        {},
        optional={
            "version": st.integers() | JSON,
            "progress": st.sampled_from(["done", "not_done", "agreed"]) | JSON,
            "evidence": st.text(max_size=30) | JSON,
            "review_meeting_id": st.integers() | JSON,
            "review_version": st.integers(min_value=-2, max_value=3) | JSON,
        },
    )
)
def test_any_json_records_a_whole_review_or_nothing_and_never_fails(scenario, api_as, body):
    if not StabilityAction.objects.exists():
        _a_review_an_hour_ago(scenario)
    action = StabilityAction.objects.get()
    api = api_as(scenario.users["social_worker"], [Scope.WRITE_ACTIONS])
    before = list(ActionReview.objects.values_list("version", "progress", "evidence"))
    response = api.patch(f"/actions/{action.pk}", body)
    assert response.status_code < 500
    if response.status_code != 200:
        assert list(ActionReview.objects.values_list("version", "progress", "evidence")) == before
