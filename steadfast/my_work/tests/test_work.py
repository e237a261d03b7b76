"""Due work: each kind with hand-made records, who owns it, who may see it, the bulk reads
agreeing with the per-record selectors, and a flat query count."""

import datetime

import pytest
from django.conf import settings
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from steadfast.accounts.models import AllocationRole
from steadfast.carer_logs.models import CarerLog, LogReviewPolicy
from steadfast.core.working_days import add_working_days
from steadfast.households.models import Household
from steadfast.meetings import selectors as meeting_selectors
from steadfast.meetings import services as meeting_services
from steadfast.meetings.models import MeetingStatus, MeetingTimescale, OwnerKind, StabilityMeeting
from steadfast.meetings.tests.helpers import (
    a_concern_needing_a_meeting,
    a_meeting_ready_to_submit,
    an_arranged_meeting,
    an_authorised_meeting,
)
from steadfast.my_work import work
from steadfast.placements.models import Placement
from steadfast.placements.selectors import current_placement_for
from steadfast.signals.tests.helpers import raise_concern
from steadfast.supervision.models import SupervisionPolicy, SupervisionSession
from steadfast.supervision.selectors import supervision_due_for
from steadfast.support_requests import services as help_services
from steadfast.support_requests.models import SupportRequest
from steadfast.support_requests.tests.helpers import a_request
from steadfast.visits.models import StatutoryVisit
from steadfast.visits.selectors import next_visit_due_for
from tests.factories import (
    AllocationFactory,
    ChildFactory,
    HouseholdAllocationFactory,
    HouseholdFactory,
    PlacementFactory,
    WordsAndPicturesStoryFactory,
    days_ago,
    years_ago,
)

pytestmark = pytest.mark.django_db

DAY = datetime.timedelta(days=1)


def today() -> datetime.date:
    return timezone.localdate()


def mine(scenario, username: str, *, on: datetime.date | None = None, kind: str | None = None) -> list:
    items = work.work_for(scenario.users[username], today=on or today())
    return [i for i in items if kind is None or i.kind == kind]


def about(items, *, child=None, household=None) -> list:
    return [
        i
        for i in items
        if (child is None or i.child_id == child.pk) and (household is None or i.household_id == household.pk)
    ]


def visit(child, on: datetime.date) -> StatutoryVisit:
    return StatutoryVisit.objects.create(
        child=child, date=on, place="Home", child_seen=True, child_said="Fine (test)."
    )


def session(household, on: datetime.date, *, unannounced: bool = False) -> SupervisionSession:
    return SupervisionSession.objects.create(
        household=household, date=on, unannounced=unannounced, present="Carers", household_managing="Well"
    )


def log(scenario, *, days_ago_: int, child="own", reviewed: bool = False) -> CarerLog:
    return CarerLog.objects.create(
        household=scenario.households["own"],
        child=scenario.children[child],
        date=today() - datetime.timedelta(days=days_ago_),
        category="home_life",
        what_happened="A calm evening (test).",
        reviewed_at=timezone.now() if reviewed else None,
        reviewed_by=scenario.users["supervising_social_worker"] if reviewed else None,
    )


# --- Each kind --------------------------------------------------------------------------------


def test_a_concern_awaiting_a_decision_is_the_childs_social_workers_team_managers(scenario):
    concern = raise_concern(scenario)
    [item] = mine(scenario, "team_manager", kind="concern_triage")
    assert item.due == concern.due_date and not item.overdue
    assert item.url == f"/concerns/{concern.pk}/triage/"
    assert item.owner_id == scenario.users["team_manager"].pk
    assert item.team_id == scenario.users["team_manager"].team_id
    assert "Owen" in item.detail
    for username in (
        "social_worker",
        "assistant_team_manager",
        "other_team_manager",
        "fostering_team_manager",
    ):
        assert not mine(scenario, username, kind="concern_triage"), username


def test_a_concern_is_overdue_once_its_due_date_has_passed(scenario):
    concern = raise_concern(scenario)
    assert not mine(scenario, "team_manager", on=concern.due_date, kind="concern_triage")[0].overdue
    assert mine(scenario, "team_manager", on=concern.due_date + DAY, kind="concern_triage")[0].overdue


def test_a_meeting_agreed_on_a_concern_is_the_social_workers_to_arrange_and_late_after_its_due_date(scenario):
    concern = a_concern_needing_a_meeting(scenario, raised_days_ago=0)
    [item] = mine(scenario, "social_worker", kind="meeting_due")
    assert item.due == concern.due_date and not item.overdue
    assert item.url == f"/children/{concern.child_id}/meetings/arrange/?concern={concern.pk}"
    assert not mine(scenario, "team_manager", kind="concern_triage")
    [late] = mine(scenario, "social_worker", on=concern.due_date + DAY, kind="meeting_late")
    assert late.overdue


def test_a_meeting_arranged_after_its_concerns_due_date_is_late(scenario):
    concern = a_concern_needing_a_meeting(scenario, raised_days_ago=0)
    when = timezone.now() + datetime.timedelta(days=30)
    meeting = an_arranged_meeting(scenario, when=when, concern=concern)
    [item] = mine(scenario, "social_worker", kind="meeting_late")
    assert item.url == f"/meetings/{meeting.pk}/" and item.overdue and item.due == concern.due_date
    assert not mine(scenario, "social_worker", kind="meeting_due")


def test_a_meeting_arranged_in_time_is_no_work_until_it_is_late(scenario):
    concern = a_concern_needing_a_meeting(scenario, raised_days_ago=0)
    an_arranged_meeting(scenario, when=timezone.now() + DAY, concern=concern)
    assert not mine(scenario, "social_worker", kind="meeting_late")
    # Still not held, and its due date passed.
    assert mine(scenario, "social_worker", on=concern.due_date + DAY, kind="meeting_late")


def test_late_meetings_agree_with_the_meetings_own_rule(scenario):
    concern = a_concern_needing_a_meeting(scenario, raised_days_ago=10)
    an_arranged_meeting(scenario, when=timezone.now() - datetime.timedelta(days=9), concern=concern)
    later = an_arranged_meeting(scenario, when=timezone.now() + datetime.timedelta(days=30))
    StabilityMeeting.objects.filter(pk=later.pk).update(due_date=today() + DAY)
    past = an_arranged_meeting(scenario, when=timezone.now() - datetime.timedelta(days=3))
    StabilityMeeting.objects.filter(pk=past.pk).update(due_date=today() - DAY)
    for meeting in StabilityMeeting.objects.all():
        assert work.meeting_is_late(
            status=meeting.status,
            scheduled_on=timezone.localdate(meeting.scheduled_at),
            due=meeting.due_date,
            today=today(),
        ) == meeting_selectors.is_late(meeting), meeting


def test_a_plan_awaiting_authorisation_is_the_team_managers_who_neither_chaired_nor_sent_it(scenario):
    meeting = a_meeting_ready_to_submit(scenario)
    meeting_services.submit_stability_plan(actor=scenario.users["senior_practitioner"], meeting=meeting)
    [item] = mine(scenario, "team_manager", kind="plan_authorisation")
    assert item.url == f"/meetings/{meeting.pk}/authorise/"
    assert (
        item.due == add_working_days(today(), settings.PLAN_AUTHORISATION_WORKING_DAYS) and not item.overdue
    )
    assert not mine(scenario, "senior_practitioner", kind="plan_authorisation")
    assert mine(scenario, "team_manager", on=item.due + DAY, kind="plan_authorisation")[0].overdue


def test_a_returned_plan_is_the_chairs_to_correct_with_the_comments_until_sent_again(scenario):
    meeting = a_meeting_ready_to_submit(scenario)
    chair = scenario.users["senior_practitioner"]
    meeting_services.submit_stability_plan(actor=scenario.users["social_worker"], meeting=meeting)
    meeting_services.return_stability_plan(
        actor=scenario.users["team_manager"], meeting=meeting, comments="Say who arranges the respite."
    )
    [item] = mine(scenario, "senior_practitioner", kind="plan_returned")
    assert item.url == f"/meetings/{meeting.pk}/" and item.owner_id == chair.pk
    assert "\u201cSay who arranges the respite.\u201d" in item.detail
    assert (
        item.due == add_working_days(today(), settings.PLAN_AUTHORISATION_WORKING_DAYS) and not item.overdue
    )
    assert mine(scenario, "senior_practitioner", on=item.due + DAY, kind="plan_returned")[0].overdue
    assert not mine(scenario, "social_worker", kind="plan_returned")
    meeting.refresh_from_db()
    meeting_services.submit_stability_plan(actor=chair, meeting=meeting)
    assert not mine(scenario, "senior_practitioner", kind="plan_returned")


def test_a_long_comment_on_a_returned_plan_is_shortened_in_my_work(scenario):
    meeting = a_meeting_ready_to_submit(scenario)
    meeting_services.submit_stability_plan(actor=scenario.users["social_worker"], meeting=meeting)
    meeting_services.return_stability_plan(
        actor=scenario.users["team_manager"], meeting=meeting, comments="x" * 500
    )
    [item] = mine(scenario, "senior_practitioner", kind="plan_returned")
    assert "x" * work.RETURN_COMMENTS_SHOWN + "\u2026" in item.detail and "x" * 201 not in item.detail


def test_a_plan_links_to_its_authorisation_for_those_who_may_authorise_and_to_the_meeting_for_others(
    scenario,
):
    meeting = a_meeting_ready_to_submit(scenario)
    meeting_services.submit_stability_plan(actor=scenario.users["senior_practitioner"], meeting=meeting)
    [item] = mine(scenario, "team_manager", kind="plan_authorisation")
    assert work.link_for(scenario.users["team_manager"], item) == f"/meetings/{meeting.pk}/authorise/"
    for key in ("assistant_team_manager", "senior_practitioner"):
        assert work.link_for(scenario.users[key], item) == f"/meetings/{meeting.pk}/"


def test_a_plan_the_team_manager_chaired_goes_to_the_fostering_team_manager(scenario):
    meeting = a_meeting_ready_to_submit(scenario, chair=scenario.users["team_manager"])
    meeting_services.submit_stability_plan(actor=scenario.users["senior_practitioner"], meeting=meeting)
    assert not mine(scenario, "team_manager", kind="plan_authorisation")
    [item] = mine(scenario, "fostering_team_manager", kind="plan_authorisation")
    assert item.owner_id == scenario.users["fostering_team_manager"].pk


def test_a_review_shows_four_weeks_before_its_date_and_goes_once_arranged(scenario):
    meeting = an_authorised_meeting(scenario)
    review_on = meeting.next_review_date
    assert not mine(scenario, "social_worker", kind="review_due")
    notice = review_on - datetime.timedelta(days=work.REVIEW_NOTICE_DAYS)
    [item] = mine(scenario, "social_worker", on=notice, kind="review_due")
    assert item.due == review_on and not item.overdue
    assert item.url == f"/children/{meeting.child_id}/meetings/arrange/?reviews={meeting.pk}"
    assert mine(scenario, "social_worker", on=review_on + DAY, kind="review_due")[0].overdue
    an_arranged_meeting(scenario, when=timezone.now() + DAY, reviews=meeting)
    assert not mine(scenario, "social_worker", on=review_on + DAY, kind="review_due")


def test_a_plan_sent_again_after_two_reviews_is_still_one_item(scenario):
    meeting = an_authorised_meeting(scenario)
    for days in (1, 2):
        an_arranged_meeting(scenario, when=timezone.now() + datetime.timedelta(days=days), reviews=meeting)
    StabilityMeeting.objects.filter(pk=meeting.pk).update(status=MeetingStatus.AWAITING_AUTHORISATION)
    items = [i for i in work.all_open_work(today=today()) if i.kind == "plan_authorisation"]
    assert len(items) == 1


def test_a_stability_action_is_its_workers_from_a_week_before_and_overdue_after_its_date(scenario):
    meeting = an_authorised_meeting(scenario)
    action = meeting.actions.get()
    ssw = "supervising_social_worker"
    assert not mine(scenario, ssw, kind="action_due")
    [due] = mine(
        scenario, ssw, on=action.due_date - datetime.timedelta(days=work.DUE_SOON_DAYS), kind="action_due"
    )
    assert due.url == f"/children/{action.child_id}/plan/" and not due.overdue
    [overdue] = mine(scenario, ssw, on=action.due_date + DAY, kind="action_overdue")
    assert overdue.overdue and "with no update since" in overdue.detail
    assert not mine(scenario, "social_worker", on=action.due_date + DAY, kind="action_overdue")


def test_an_action_the_carer_owns_is_followed_up_by_the_childs_social_worker(scenario):
    meeting = a_meeting_ready_to_submit(scenario)
    meeting_services.add_stability_action(
        actor=scenario.users["senior_practitioner"],
        meeting=meeting,
        what="Keep a note of bedtimes",
        owner_kind=OwnerKind.CARER,
        owner_name="Test Carer",
        due_date=today() + datetime.timedelta(days=3),
        measure="Bedtimes settle",
    )
    meeting_services.submit_stability_plan(actor=scenario.users["senior_practitioner"], meeting=meeting)
    assert not mine(scenario, "social_worker", kind="action_due"), "proposed actions are not in the plan yet"
    meeting_services.authorise_stability_plan(actor=scenario.users["team_manager"], meeting=meeting)
    [item] = mine(scenario, "social_worker", kind="action_due")
    assert "Keep a note of bedtimes" in item.detail


def _ended(scenario, *, planned: bool, ended_days_ago: int) -> Placement:
    return PlacementFactory(
        child=scenario.children["own"],
        household=scenario.households["other"],
        start_date=days_ago(ended_days_ago + 100),
        end_date=days_ago(ended_days_ago),
        ended=True,
        ending_planned=planned,
    )


def test_an_unplanned_ending_asks_the_social_worker_for_a_disruption_meeting(scenario):
    ending = _ended(scenario, planned=False, ended_days_ago=201)
    [item] = mine(scenario, "social_worker", kind="disruption_meeting_due")
    days = meeting_services.DEFAULT_WORKING_DAYS_AFTER_ENDING["disruption"]
    assert item.due == add_working_days(ending.end_date, days) and item.overdue
    assert item.url == f"/children/{ending.child_id}/meetings/arrange/?placement={ending.pk}&kind=disruption"
    assert not mine(scenario, "social_worker", kind="learning_circle_due")


def test_a_planned_ending_asks_for_a_learning_circle_within_the_authoritys_timescale(scenario):
    MeetingTimescale.objects.create(kind="learning_circle", working_days=300)
    ending = _ended(scenario, planned=True, ended_days_ago=201)
    [item] = mine(scenario, "social_worker", kind="learning_circle_due")
    assert item.due == add_working_days(ending.end_date, 300) and not item.overdue


def test_an_ending_is_no_work_once_a_meeting_is_arranged_or_after_a_year(scenario):
    _ended(scenario, planned=True, ended_days_ago=400)
    assert not mine(scenario, "social_worker", kind="learning_circle_due")
    ending = _ended(scenario, planned=False, ended_days_ago=201)
    an_arranged_meeting(scenario, kind="disruption", placement=ending)
    assert not mine(scenario, "social_worker", kind="disruption_meeting_due")


def test_endings_awaiting_a_meeting_agree_with_the_meetings_own_selector(scenario):
    _ended(scenario, planned=True, ended_days_ago=400)
    awaiting = _ended(scenario, planned=False, ended_days_ago=201)
    met = _ended(scenario, planned=True, ended_days_ago=300)
    an_arranged_meeting(scenario, kind="learning_circle", placement=met)
    child = scenario.children["own"]
    bulk = set(work.endings_awaiting_a_meeting(today=today()).filter(child=child))
    assert bulk == set(meeting_selectors.endings_awaiting_a_meeting(child)) == {awaiting}


def test_a_statutory_visit_is_the_childs_social_workers_due_a_week_before_and_overdue_after(scenario):
    owen = scenario.children["own"]
    [overdue] = about(mine(scenario, "social_worker", kind="visit_overdue"), child=owen)
    placement = current_placement_for(owen)
    assert overdue.due == placement.start_date + datetime.timedelta(days=7)
    assert overdue.url == f"/children/{owen.pk}/visits/record/"
    assert overdue.household_id == scenario.households["own"].pk
    visit(owen, today() - datetime.timedelta(days=40))
    assert not about(mine(scenario, "social_worker", kind="visit_overdue"), child=owen)
    [due] = about(mine(scenario, "social_worker", kind="visit_due"), child=owen)
    assert due.due == today() + datetime.timedelta(days=2) and not due.overdue
    visit(owen, today())
    assert not about(mine(scenario, "social_worker"), child=owen)


def test_visits_due_agree_with_the_visits_own_selector(scenario):
    owen, rhea, otto = (scenario.children[k] for k in ("own", "restricted", "other"))
    visit(owen, days_ago(30))
    visit(rhea, days_ago(500))  # before the placement: does not count
    long_term = PlacementFactory(start_date=years_ago(2), agreed_long_term_on=years_ago(1))
    visit(long_term.child, days_ago(10))
    # Seen from far enough ahead, every child's next visit is on the sweep's list, with its date.
    items = work.all_open_work(today=today() + datetime.timedelta(days=800))
    due = {i.child_id: i.due for i in items if i.kind.startswith("visit")}
    for child in (owen, rhea, otto, long_term.child):
        assert due[child.pk] == next_visit_due_for(child, placement=current_placement_for(child)), child


def test_supervision_and_the_unannounced_visit_are_the_supervising_social_workers(scenario):
    home = scenario.households["own"]
    items = about(mine(scenario, "supervising_social_worker"), household=home)
    assert {i.title for i in items if i.kind == "supervision_overdue"} == {
        "Supervision overdue",
        "Unannounced visit overdue",
    }
    assert all(
        i.url == f"/households/{home.pk}/supervision/record/" for i in items if "supervision" in i.kind
    )
    session(home, today() - datetime.timedelta(days=88), unannounced=True)
    [due] = about(mine(scenario, "supervising_social_worker", kind="supervision_due"), household=home)
    assert due.due == today() + datetime.timedelta(days=3)
    assert not about(mine(scenario, "supervising_social_worker", kind="supervision_overdue"), household=home)
    assert not [i for i in mine(scenario, "social_worker") if i.kind.startswith("supervision")]


def test_supervision_due_agrees_with_the_supervisions_own_selector(scenario):
    SupervisionPolicy.objects.create(
        first_year_interval_days=20, later_interval_days=60, unannounced_interval_days=200
    )
    new = HouseholdFactory(approval_date=days_ago(100))
    session(new, days_ago(50))
    session(new, days_ago(20))
    old = scenario.households["own"]
    session(old, days_ago(300), unannounced=True)
    session(old, days_ago(30))
    # Seen from far enough ahead, every household's next sessions are on the sweep's list.
    items = work.all_open_work(today=today() + datetime.timedelta(days=800))
    for household in Household.objects.all():
        due = {i.title: i.due for i in items if i.household_id == household.pk and "supervision" in i.kind}
        expected = supervision_due_for(household)
        assert due == {
            "Supervision overdue": expected.supervision,
            "Unannounced visit overdue": expected.unannounced_visit,
        }, household


def test_carers_logs_waiting_past_the_policy_are_the_supervising_social_workers(scenario):
    LogReviewPolicy.objects.create(review_within_days=5)
    oldest = log(scenario, days_ago_=9)
    log(scenario, days_ago_=6)
    log(scenario, days_ago_=5)  # not yet overdue
    log(scenario, days_ago_=20, reviewed=True)
    [item] = mine(scenario, "supervising_social_worker", kind="logs_unreviewed")
    assert item.due == oldest.date + datetime.timedelta(days=5) and item.overdue
    assert "2 carers' logs" in item.detail
    assert item.url == f"/households/{scenario.households['own'].pk}/logs/"
    assert not mine(scenario, "social_worker", kind="logs_unreviewed")


def test_a_restricted_childs_logs_count_only_for_those_who_see_the_child(scenario):
    log(scenario, days_ago_=30, child="restricted")
    assert not mine(scenario, "supervising_social_worker", kind="logs_unreviewed")
    # Nor for the sweep, which would remind the supervising social worker of logs they may not see.
    assert not [i for i in work.all_open_work(today=today()) if i.kind == "logs_unreviewed"]


def test_a_request_for_help_is_the_supervising_social_workers_and_late_once_its_day_has_passed(scenario):
    request = a_request(scenario, urgency="routine")
    [item] = mine(scenario, "supervising_social_worker", kind="request_open")
    assert item.due == request.acknowledgement_due and not item.overdue
    assert item.url == f"/help/{request.pk}/"
    [late] = mine(
        scenario, "supervising_social_worker", on=request.acknowledgement_due + DAY, kind="request_late"
    )
    assert late.overdue and "It was not acknowledged by" in late.detail
    help_services.acknowledge_support_request(
        actor=scenario.users["supervising_social_worker"], support_request=request
    )
    [item] = mine(scenario, "supervising_social_worker", kind="request_open")
    assert item.due == request.response_due


def test_an_escalated_request_is_also_the_managers_it_went_to(scenario):
    request = a_request(scenario)
    help_services.record_service_not_obtained(
        actor=scenario.users["supervising_social_worker"],
        support_request=request,
        why="No respite carers free",
    )
    [manager] = mine(scenario, "fostering_team_manager", kind="request_open")
    assert manager.title == "Request for help escalated"
    assert "No respite carers free" in manager.detail
    assert mine(scenario, "supervising_social_worker", kind="request_open")
    help_services.respond_to_support_request(
        actor=scenario.users["fostering_team_manager"], support_request=request, response="Found one (test)"
    )
    assert not mine(scenario, "fostering_team_manager", kind="request_open")
    assert not mine(scenario, "supervising_social_worker", kind="request_open")


# --- Access -------------------------------------------------------------------------------------


def test_a_worker_sees_only_their_own_work(scenario):
    raise_concern(scenario)
    raise_concern(scenario, child="other", actor="other_social_worker")
    for username in ("social_worker", "other_social_worker", "supervising_social_worker", "team_manager"):
        user = scenario.users[username]
        items = work.work_for(user, today=today())
        assert items, username
        assert {i.owner_id for i in items} == {user.pk}, username
    otto = scenario.children["other"]
    assert not about(mine(scenario, "social_worker"), child=otto)
    assert about(mine(scenario, "other_social_worker"), child=otto)
    assert mine(scenario, "other_team_manager", kind="concern_triage")


@pytest.mark.parametrize(
    "username", ["foster_carer", "analyst", "administrator", "iro", "placement_support_worker"]
)
def test_people_who_own_no_casework_have_nothing_due(scenario, username):
    assert mine(scenario, username) == []


def test_an_inactive_user_has_nothing_due(scenario):
    user = scenario.users["social_worker"]
    user.is_active = False
    user.save(update_fields=["is_active"])
    assert work.work_for(user, today=today()) == []


def test_work_about_a_restricted_child_reaches_only_those_granted_the_child(scenario):
    rhea = scenario.children["restricted"]
    assert about(mine(scenario, "social_worker"), child=rhea)  # allocated and granted
    raise_concern(scenario, child="restricted")
    assert not mine(scenario, "team_manager", kind="concern_triage")
    assert not about(work.team_work(scenario.users["team_manager"], today=today()), child=rhea)
    sweep = about(work.all_open_work(today=today()), child=rhea)
    assert {i.kind for i in sweep} >= {"visit_overdue", "concern_triage"}


def test_a_manager_oversees_their_teams_work_and_not_another_teams(scenario):
    manager = scenario.users["team_manager"]
    colleague = scenario.users["team_colleague"]
    child = ChildFactory()
    AllocationFactory(child=child, worker=colleague, role=AllocationRole.SOCIAL_WORKER)
    PlacementFactory(child=child, household=scenario.households["other"])
    items = work.team_work(manager, today=today())
    owners = {i.owner_id for i in items}
    assert {scenario.users["social_worker"].pk, colleague.pk} <= owners
    assert scenario.users["other_social_worker"].pk not in owners
    assert not about(items, child=scenario.children["other"])
    only_colleague = work.team_work(manager, today=today(), worker_id=colleague.pk)
    assert only_colleague and {i.owner_id for i in only_colleague} == {colleague.pk}
    visits = work.team_work(manager, today=today(), kinds=["visit_overdue"])
    assert visits and {i.kind for i in visits} == {"visit_overdue"}
    assert work.team_work(manager, today=today(), team_id=scenario.users["other_social_worker"].team_id) == []
    north = work.team_work(manager, today=today(), team_id=manager.team_id)
    assert north and {i.team_id for i in north} == {manager.team_id}


def test_the_fostering_team_manager_oversees_the_supervising_social_workers_work(scenario):
    items = work.team_work(scenario.users["fostering_team_manager"], today=today())
    ssw = scenario.users["supervising_social_worker"]
    assert {i.owner_id for i in items if i.kind == "supervision_overdue"} == {ssw.pk}
    assert not about(items, household=scenario.households["other"])


def test_the_fostering_team_manager_sees_their_teams_overdue_supervision_on_my_work(scenario):
    own, other = scenario.households["own"], scenario.households["other"]
    items = mine(scenario, "fostering_team_manager", kind="supervision_overdue")
    assert {i.title for i in about(items, household=own)} == {
        "Supervision overdue",
        "Unannounced visit overdue",
    }
    assert {i.owner_id for i in items} == {scenario.users["supervising_social_worker"].pk}
    # Another fostering team's household is not theirs to watch, and nothing due soon is.
    assert not about(items, household=other)
    assert not mine(scenario, "fostering_team_manager", kind="supervision_due")
    session(own, today() - datetime.timedelta(days=10), unannounced=True)
    assert not about(mine(scenario, "fostering_team_manager", kind="supervision_overdue"), household=own)


def test_supervision_names_the_household_by_its_reference_and_carers(scenario):
    home = scenario.households["own"]
    [item, *_] = about(
        mine(scenario, "supervising_social_worker", kind="supervision_overdue"), household=home
    )
    assert item.detail.startswith(f"The Own household ({home.reference}; Test Carer): the next ")


def test_a_team_manager_of_childrens_social_work_is_shown_no_supervision(scenario):
    assert not [i for i in mine(scenario, "team_manager") if i.kind.startswith("supervision")]


def test_anyone_else_sees_only_their_own_work_as_team_work(scenario):
    user = scenario.users["social_worker"]
    assert work.team_work(user, today=today()) == work.work_for(user, today=today())
    assert work.team_work(scenario.users["analyst"], today=today()) == []


def test_the_sweep_reads_every_item_whoever_owns_it(scenario):
    raise_concern(scenario)
    items = work.all_open_work(today=today())
    owners = {i.owner_id for i in items}
    for username in ("social_worker", "other_social_worker", "supervising_social_worker", "team_manager"):
        assert scenario.users[username].pk in owners, username
    assert about(items, household=scenario.households["restricted"])


def test_work_nobody_owns_shows_in_the_sweep_and_to_a_manager_who_sees_it(scenario):
    unallocated = PlacementFactory(household=scenario.households["own"]).child
    WordsAndPicturesStoryFactory(child=unallocated)
    [item] = about(work.all_open_work(today=today()), child=unallocated)
    assert item.owner_id is None and item.team_id is None
    fostering_manager = scenario.users["fostering_team_manager"]
    assert about(work.team_work(fostering_manager, today=today()), child=unallocated)
    assert not about(
        work.team_work(fostering_manager, today=today(), worker_id=fostering_manager.pk), child=unallocated
    )


# --- Order and cost -----------------------------------------------------------------------------


def test_work_is_sorted_overdue_first_then_by_urgency_then_by_date(scenario):
    raise_concern(scenario)
    a_request(scenario)
    items = work.all_open_work(today=today())
    order = list(work.WORK_KINDS)
    keys = [(not i.overdue, order.index(i.kind), i.due) for i in items]
    assert keys == sorted(keys)
    assert items[0].overdue
    assert not items[-1].overdue


def test_every_item_has_a_kind_a_title_a_link_and_a_unique_key(scenario):
    raise_concern(scenario)
    a_concern_needing_a_meeting(scenario)
    a_request(scenario)
    an_authorised_meeting(scenario)
    items = work.all_open_work(today=today() + datetime.timedelta(days=60))
    assert {i.kind for i in items} <= set(work.WORK_KINDS)
    assert all(i.title and i.detail and i.url.startswith("/") for i in items)
    assert len({i.key for i in items}) == len(items)


def _more_of_everything(scenario, n: int) -> None:
    sw = scenario.users["social_worker"]
    ssw = scenario.users["supervising_social_worker"]
    for _ in range(n):
        home = HouseholdFactory()
        HouseholdAllocationFactory(household=home, worker=ssw)
        child = ChildFactory()
        AllocationFactory(child=child, worker=sw, role=AllocationRole.SOCIAL_WORKER)
        PlacementFactory(
            child=child,
            household=scenario.households["other"],
            start_date=days_ago(300),
            end_date=days_ago(150),
            ended=True,
            ending_planned=False,
        )
        PlacementFactory(child=child, household=home, start_date=days_ago(149))
        CarerLog.objects.create(
            household=home, child=child, date=days_ago(30), category="home_life", what_happened="Test"
        )
        raise_concern(scenario, child="own")
        SupportRequest.objects.create(
            household=home,
            kind="therapy",
            urgency="soon",
            what_is_needed="Therapy (test).",
            asked_at=timezone.now() - datetime.timedelta(days=20),
            acknowledgement_due=days_ago(19),
            response_due=days_ago(15),
        )


@pytest.mark.parametrize("username", ["social_worker", "supervising_social_worker", "team_manager"])
def test_the_query_count_stays_flat_as_the_work_grows(scenario, username):
    an_authorised_meeting(scenario)
    user = scenario.users[username]

    def count() -> tuple[int, int]:
        fresh = type(user).objects.get(pk=user.pk)
        with CaptureQueriesContext(connection) as queries:
            items = work.work_for(fresh, today=today() + datetime.timedelta(days=20))
        return len(queries), len(items)

    before, few = count()
    _more_of_everything(scenario, 5)
    after, many = count()
    assert many > few
    assert after == before


def test_the_sweeps_query_count_stays_flat_as_the_work_grows(scenario):
    def count() -> int:
        with CaptureQueriesContext(connection) as queries:
            work.all_open_work(today=today())
        return len(queries)

    before = count()
    _more_of_everything(scenario, 5)
    assert count() == before
