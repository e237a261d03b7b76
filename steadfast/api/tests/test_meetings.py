import datetime

from django.utils import timezone

from steadfast.accounts.models import Scope
from steadfast.audit.models import AuditEvent
from steadfast.meetings import services
from steadfast.meetings.models import StabilityMeeting
from steadfast.meetings.tests.helpers import (
    a_concern_needing_a_meeting,
    a_meeting_ready_to_submit,
    an_arranged_meeting,
)


def _meeting_about(scenario, child: str) -> StabilityMeeting:
    return services.arrange_stability_meeting(
        actor=scenario.users["team_manager"],
        child=scenario.children[child],
        kind="placement_stability",
        scheduled_at=timezone.now() + datetime.timedelta(days=3),
        venue="Family room, Town Hall",
        chair=scenario.users["team_manager"],
    )


def test_a_worker_lists_the_meetings_about_children_they_may_see_and_no_others(scenario, api_as):
    own, restricted, other = (_meeting_about(scenario, c) for c in ("own", "restricted", "other"))
    ids = {item["id"] for item in api_as(scenario.users["social_worker"]).get("/meetings/").json()["items"]}
    assert ids == {own.pk, restricted.pk}
    assert other.pk not in ids


def test_a_restricted_childs_meeting_is_in_no_list_for_those_not_granted_them(scenario, api_as):
    restricted = _meeting_about(scenario, "restricted")
    for user in ("team_manager", "iro", "supervising_social_worker"):
        api = api_as(scenario.users[user])
        assert restricted.pk not in {item["id"] for item in api.get("/meetings/").json()["items"]}, user
        assert api.get(f"/meetings/{restricted.pk}").status_code == 404


def test_a_meeting_reads_with_its_chair_concern_actions_and_every_members_score(scenario, api_as):
    concern = a_concern_needing_a_meeting(scenario)
    meeting = a_meeting_ready_to_submit(scenario, concern=concern)
    body = api_as(scenario.users["iro"]).get(f"/meetings/{meeting.pk}").json()
    assert body["concern_id"] == concern.pk
    assert body["kind"] == "placement_stability"
    assert body["status"] == "draft"
    assert body["chair"] == {
        "id": scenario.users["senior_practitioner"].pk,
        "name": scenario.users["senior_practitioner"].get_full_name(),
        "role": "senior_practitioner",
    }
    assert body["household_id"] == scenario.households["own"].pk
    assert body["cancellation"] is None
    [action] = body["actions"]
    assert action["what"] == "Arrange two weekends of respite"
    assert action["owner"]["id"] == scenario.users["supervising_social_worker"].pk
    assert action["status"] == "proposed"
    invitees = meeting.invitees.count()
    assert len(body["scores"]) == invitees
    assert sorted(row["score"] for row in body["scores"]) == [3 + n for n in range(invitees)]
    assert all(row["reason"].startswith("Reason") and row["name"] for row in body["scores"])
    assert {"carer", "social_worker", "iro"} <= {row["role"] for row in body["scores"]}


def test_a_cancelled_meeting_is_listed_as_cancelled_with_who_and_why(scenario, api_as):
    meeting = an_arranged_meeting(scenario, when=timezone.now() + datetime.timedelta(days=2))
    services.cancel_stability_meeting(
        actor=scenario.users["team_manager"], meeting=meeting, reason="The carer is in hospital."
    )
    api = api_as(scenario.users["social_worker"])
    [listed] = [item for item in api.get("/meetings/").json()["items"] if item["id"] == meeting.pk]
    assert listed["status"] == "cancelled"
    assert listed["late"] is False
    assert listed["cancellation"]["reason"] == "The carer is in hospital."
    assert listed["cancellation"]["cancelled_by"] == scenario.users["team_manager"].get_full_name()
    assert api.get(f"/meetings/{meeting.pk}").json()["status"] == "cancelled"


def test_a_meeting_outside_access_is_404_as_one_that_does_not_exist(scenario, api_as):
    hidden = _meeting_about(scenario, "other")
    api = api_as(scenario.users["social_worker"])
    refused, missing = api.get(f"/meetings/{hidden.pk}"), api.get("/meetings/987654")
    assert refused.status_code == missing.status_code == 404
    assert {k: v for k, v in refused.json().items() if k != "instance"} == {
        k: v for k, v in missing.json().items() if k != "instance"
    }


def test_the_list_filters_by_child_and_household(scenario, api_as):
    own, restricted = _meeting_about(scenario, "own"), _meeting_about(scenario, "restricted")
    api = api_as(scenario.users["social_worker"])

    def ids(**query) -> set[int]:
        return {item["id"] for item in api.get("/meetings/", **query).json()["items"]}

    assert ids(child_id=scenario.children["own"].pk) == {own.pk}
    assert ids(household_id=scenario.households["own"].pk) == {own.pk, restricted.pk}
    assert ids(household_id=scenario.households["other"].pk) == set()


def test_reading_a_meeting_is_audited(scenario, api_as):
    meeting = _meeting_about(scenario, "own")
    api_as(scenario.users["iro"]).get(f"/meetings/{meeting.pk}")
    event = AuditEvent.objects.filter(actor=scenario.users["iro"], child_id=meeting.child_id).latest("pk")
    assert event.details["what"] == "meeting"


def test_a_token_without_read_may_not_list_meetings(scenario, api_as):
    assert api_as(scenario.users["social_worker"], [Scope.WRITE_ACTIONS]).get("/meetings/").status_code == 403


def test_pages_follow_the_cursor_and_changed_since_gives_only_what_changed(scenario, api_as):
    made = [_meeting_about(scenario, "own") for _ in range(3)]
    api = api_as(scenario.users["social_worker"])
    seen, cursor = [], None
    while True:
        body = api.get("/meetings/", limit=2, **({"cursor": cursor} if cursor else {})).json()
        seen += [item["id"] for item in body["items"]]
        if (cursor := body["next_cursor"]) is None:
            break
    assert sorted(seen) == sorted(m.pk for m in made)
    later = timezone.now() + datetime.timedelta(seconds=1)
    StabilityMeeting.objects.filter(pk=made[1].pk).update(updated_at=later + datetime.timedelta(seconds=5))
    body = api.get("/meetings/", changed_since=later.isoformat()).json()
    assert [item["id"] for item in body["items"]] == [made[1].pk]


def test_a_page_of_twenty_costs_the_same_queries_as_a_page_of_two(
    scenario, api_as, django_assert_max_num_queries
):
    api = api_as(scenario.users["social_worker"])
    a_meeting_ready_to_submit(scenario)
    _meeting_about(scenario, "own")
    with django_assert_max_num_queries(100) as two:
        api.get("/meetings/")
    for _ in range(17):
        _meeting_about(scenario, "own")
    a_meeting_ready_to_submit(scenario)
    with django_assert_max_num_queries(len(two.captured_queries)):
        assert len(api.get("/meetings/").json()["items"]) == 20
