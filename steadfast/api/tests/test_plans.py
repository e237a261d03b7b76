import datetime

from django.utils import timezone

from steadfast.accounts.models import Scope
from steadfast.audit.models import AuditEvent
from steadfast.meetings.models import StabilityAction
from steadfast.meetings.tests.helpers import a_meeting_ready_to_submit, an_authorised_meeting


def test_the_childs_plan_holds_the_actions_of_authorised_meetings_only(scenario, api_as):
    authorised = an_authorised_meeting(scenario).actions.get()
    a_meeting_ready_to_submit(scenario)  # its action is proposed, not yet in the plan
    own = scenario.children["own"]
    body = api_as(scenario.users["iro"]).get(f"/children/{own.pk}/plan").json()
    assert body["child_id"] == own.pk
    assert [action["id"] for action in body["actions"]] == [authorised.pk]
    assert body["actions"][0]["status"] == "agreed"
    assert (body["still_to_do"], body["overdue"]) == (1, 0)


def test_an_action_past_its_date_is_overdue_in_the_plan(scenario, api_as):
    action = an_authorised_meeting(scenario).actions.get()
    StabilityAction.objects.filter(pk=action.pk).update(due_date=timezone.localdate() - datetime.timedelta(2))
    body = api_as(scenario.users["social_worker"]).get(f"/children/{action.child_id}/plan").json()
    assert (body["still_to_do"], body["overdue"]) == (1, 1)
    assert body["actions"][0]["overdue"] is True


def test_the_plan_of_a_child_outside_access_is_404_as_one_that_does_not_exist(scenario, api_as):
    api = api_as(scenario.users["other_social_worker"])
    hidden = api.get(f"/children/{scenario.children['own'].pk}/plan")
    missing = api.get("/children/987654/plan")
    assert hidden.status_code == missing.status_code == 404
    assert {k: v for k, v in hidden.json().items() if k != "instance"} == {
        k: v for k, v in missing.json().items() if k != "instance"
    }


def test_a_restricted_childs_plan_is_404_for_those_not_granted_them(scenario, api_as):
    restricted = scenario.children["restricted"]
    assert api_as(scenario.users["team_manager"]).get(f"/children/{restricted.pk}/plan").status_code == 404
    assert api_as(scenario.users["social_worker"]).get(f"/children/{restricted.pk}/plan").status_code == 200


def test_reading_the_plan_is_audited_and_needs_the_read_scope(scenario, api_as):
    own = scenario.children["own"]
    api_as(scenario.users["iro"]).get(f"/children/{own.pk}/plan")
    event = AuditEvent.objects.filter(actor=scenario.users["iro"], child_id=own.pk).latest("pk")
    assert event.details["what"] == "plan"
    assert (
        api_as(scenario.users["iro"], [Scope.WRITE_ACTIONS]).get(f"/children/{own.pk}/plan").status_code
        == 403
    )


def test_the_plan_costs_the_same_queries_for_twenty_actions_as_for_two(
    scenario, api_as, django_assert_max_num_queries
):
    api = api_as(scenario.users["social_worker"])
    own = scenario.children["own"]
    first = an_authorised_meeting(scenario).actions.get()

    def copies(n: int) -> None:
        for _ in range(n):
            first.pk = None
            first.save()

    copies(1)
    with django_assert_max_num_queries(100) as two:
        assert len(api.get(f"/children/{own.pk}/plan").json()["actions"]) == 2
    copies(18)
    with django_assert_max_num_queries(len(two.captured_queries)):
        assert len(api.get(f"/children/{own.pk}/plan").json()["actions"]) == 20
