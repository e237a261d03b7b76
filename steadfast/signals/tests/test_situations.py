import datetime
import io

import pytest
from django.core.management import call_command
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from steadfast.carer_logs.models import SignificantEvent
from steadfast.concerns.models import InstabilityFactor
from steadfast.households.models import Household
from steadfast.meetings.models import ActionStatus, MeetingKind
from steadfast.signals import rules
from steadfast.signals.rules import DEFAULT_SETTINGS, Evidence
from steadfast.signals.situations import (
    CARER_LOG,
    HOUSEHOLD,
    PLACEMENT,
    STABILITY_ACTION,
    STABILITY_CONCERN,
    STABILITY_MEETING,
    STATUTORY_VISIT,
    SUPERVISION_SESSION,
    SUPPORT_REQUEST,
    current_situations,
    placement_histories,
)
from tests.factories import ChildFactory, HouseholdFactory, PlacementFactory

from .helpers import (
    a_concern,
    a_log,
    a_meeting,
    a_request,
    a_review,
    a_scale,
    a_session,
    a_visit,
    ago,
    an_action,
)

pytestmark = pytest.mark.django_db

TIRED = "I'm at the end of my tether."


def a_child_at_home(*, started_days_ago: int = 200, household=None):
    household = household or HouseholdFactory()
    child = ChildFactory()
    placement = PlacementFactory(child=child, household=household, start_date=ago(started_days_ago))
    return child, household, placement


def situation_of(child, **options) -> rules.ChildSituation:
    found = current_situations([child.pk], today=timezone.localdate(), settings=DEFAULT_SETTINGS, **options)
    return found[child.pk].situation


def fired(situation: rules.ChildSituation) -> list[str]:
    return [s.rule for s in rules.signals_for(situation, DEFAULT_SETTINGS, timezone.localdate())]


# --- Each kind of evidence -----------------------------------------------------------------------


def test_the_placements_are_the_childs_begun_in_the_last_12_months():
    child, _, home = a_child_at_home(started_days_ago=100)
    PlacementFactory(child=child, start_date=ago(500), end_date=ago(300), ended=True)
    earlier = PlacementFactory(child=child, start_date=ago(300), end_date=ago(100), ended=True)
    situation = situation_of(child)
    assert [p.evidence for p in situation.placements] == [
        Evidence(PLACEMENT, earlier.pk),
        Evidence(PLACEMENT, home.pk),
    ]
    assert "moves_in_year" in fired(situation)


def test_the_scales_are_the_latest_two_in_the_home_the_child_lives_in_now():
    child, household, _ = a_child_at_home(started_days_ago=100)
    before = HouseholdFactory()
    PlacementFactory(child=child, household=before, start_date=ago(300), end_date=ago(100), ended=True)
    a_scale(child, before, days_ago=150, score=1)
    a_scale(child, household, days_ago=60, score=9)
    middle = a_scale(child, household, days_ago=30, score=7)
    latest = a_scale(child, household, days_ago=5, score=3)
    situation = situation_of(child)
    assert [(s.on, s.score, s.evidence) for s in situation.stability_scales] == [
        (ago(30), 7, Evidence(SUPERVISION_SESSION, middle.session_id)),
        (ago(5), 3, Evidence(SUPERVISION_SESSION, latest.session_id)),
    ]
    assert "stability_scale" in fired(situation)


def test_missing_episodes_and_allegations_come_from_logs_and_concerns_counting_an_episode_once():
    child, household, _ = a_child_at_home(started_days_ago=100)
    a_log(child, household, days_ago=120, event=SignificantEvent.MISSING)  # before this home
    logged = a_log(child, household, days_ago=40, event=SignificantEvent.MISSING, reviewed=38)
    a_concern(child, household, days_ago=37, factors=[InstabilityFactor.MISSING])  # the same episode
    again = a_concern(child, household, days_ago=10, factors=[InstabilityFactor.MISSING])
    alleged = a_log(child, household, days_ago=20, event=SignificantEvent.ALLEGATION, reviewed=19)
    concern = a_concern(child, household, days_ago=5, factors=[InstabilityFactor.CONCERN_OR_ALLEGATION])
    situation = situation_of(child)
    assert [(e.on, e.evidence) for e in situation.missing_episodes] == [
        (ago(40), Evidence(CARER_LOG, logged.pk)),
        (ago(10), Evidence(STABILITY_CONCERN, again.pk)),
    ]
    assert [e.evidence for e in situation.allegations] == [
        Evidence(CARER_LOG, alleged.pk),
        Evidence(STABILITY_CONCERN, concern.pk),
    ]
    assert {"missing_episodes", "allegation"} <= set(fired(situation))


def test_a_carer_saying_they_may_not_go_on_comes_from_a_concern_naming_it():
    child, household, _ = a_child_at_home()
    concern = a_concern(child, household, days_ago=3, factors=[InstabilityFactor.CARER_MAY_NOT_GO_ON])
    situation = situation_of(child)
    assert [(e.on, e.evidence) for e in situation.carer_may_not_go_on] == [
        (ago(3), Evidence(STABILITY_CONCERN, concern.pk))
    ]
    assert "carer_may_not_go_on" in fired(situation)


def test_requests_for_help_are_the_childs_and_the_households_still_open():
    child, household, _ = a_child_at_home()
    sibling, _, _ = a_child_at_home(household=household)
    for_child = a_request(household, child=child, days_ago=10, acknowledge_by=9, answer_by=5)
    for_home = a_request(household, days_ago=8, acknowledge_by=7, answer_by=3)
    a_request(household, child=sibling, days_ago=10, acknowledge_by=9, answer_by=5)
    a_request(household, child=child, days_ago=10, acknowledge_by=9, answer_by=5, answered=6)
    situation = situation_of(child)
    assert [(r.asked_on, r.response_due, r.evidence) for r in situation.support_requests] == [
        (ago(10), ago(5), Evidence(SUPPORT_REQUEST, for_child.pk)),
        (ago(8), ago(3), Evidence(SUPPORT_REQUEST, for_home.pk)),
    ]
    assert "request_unanswered" in fired(situation)


def test_logs_carry_tone_cues_only_for_the_households_given_and_old_reviewed_logs_are_not_read():
    child, household, _ = a_child_at_home()
    a_log(child, household, days_ago=90, reviewed=85)
    waiting = a_log(child, household, days_ago=60)
    cued = [a_log(child, household, days_ago=d, text=TIRED, reviewed=d) for d in (10, 3)]
    with_cues = situation_of(child, tone_for=Household.objects.filter(pk=household.pk))
    assert [(log.evidence, log.reviewed_on, log.tone_cues) for log in with_cues.carer_logs] == [
        (Evidence(CARER_LOG, waiting.pk), None, 0),
        (Evidence(CARER_LOG, cued[0].pk), ago(10), 1),
        (Evidence(CARER_LOG, cued[1].pk), ago(3), 1),
    ]
    assert {"logs_unreviewed", "tone_rising"} <= set(fired(with_cues))
    without = situation_of(child, tone_for=Household.objects.none())
    # Without cues to read, reviewed logs tell the rules nothing: only the one waiting is read.
    assert [(log.evidence, log.tone_cues) for log in without.carer_logs] == [
        (Evidence(CARER_LOG, waiting.pk), 0)
    ]
    assert "tone_rising" not in fired(without)


def test_visits_and_supervision_are_due_from_the_last_visit_and_session():
    child, household, _ = a_child_at_home(started_days_ago=200)
    a_visit(child, days_ago=250)  # in an earlier home
    visit = a_visit(child, days_ago=50)
    a_session(household, days_ago=200)
    session = a_session(household, days_ago=100)
    situation = situation_of(child)
    assert situation.visit_due == rules.Deadline(due=ago(8), evidence=Evidence(STATUTORY_VISIT, visit.pk))
    assert situation.supervision_due == rules.Deadline(
        due=ago(9), evidence=Evidence(SUPERVISION_SESSION, session.pk)
    )
    assert {"visit_overdue", "supervision_overdue"} <= set(fired(situation))

    newcomer, other_home, placement = a_child_at_home(started_days_ago=10)
    fresh = situation_of(newcomer)
    assert fresh.visit_due == rules.Deadline(due=ago(3), evidence=Evidence(PLACEMENT, placement.pk))
    assert fresh.supervision_due.evidence == Evidence(HOUSEHOLD, other_home.pk)


def test_open_actions_are_read_with_the_day_of_their_latest_review_meeting():
    child, household, _ = a_child_at_home()
    meeting = a_meeting(child, household, days_ago=60, authorised_days_ago=58)
    drifting = an_action(meeting, due_days_ago=30)
    reviewed = an_action(meeting, due_days_ago=30, status=ActionStatus.PARTLY_DONE)
    an_action(meeting, due_days_ago=30, status=ActionStatus.DONE)
    review = a_meeting(child, household, days_ago=10, kind=MeetingKind.REVIEW)
    a_review(review, reviewed, progress=ActionStatus.PARTLY_DONE)
    situation = situation_of(child)
    assert [(a.evidence, a.status, a.updated_on) for a in situation.stability_actions] == [
        (Evidence(STABILITY_ACTION, drifting.pk), ActionStatus.AGREED, None),
        (Evidence(STABILITY_ACTION, reviewed.pk), ActionStatus.PARTLY_DONE, ago(10)),
    ]
    drift = rules.actions_drifting(situation, DEFAULT_SETTINGS, timezone.localdate())
    assert drift.evidence == (Evidence(STABILITY_ACTION, drifting.pk),)


def test_concerns_and_meetings_are_those_since_the_placement_began():
    child, household, _ = a_child_at_home(started_days_ago=100)
    a_concern(child, household, days_ago=150, factors=[InstabilityFactor.SCHOOL])
    a_meeting(child, household, days_ago=140)
    waiting = a_concern(child, household, days_ago=30, factors=[InstabilityFactor.SCHOOL])
    agreed = a_concern(
        child, household, days_ago=20, factors=[InstabilityFactor.SCHOOL], other_response_days_ago=18
    )
    situation = situation_of(child)
    assert [(c.evidence, c.other_response_agreed) for c in situation.concerns] == [
        (Evidence(STABILITY_CONCERN, waiting.pk), False),
        (Evidence(STABILITY_CONCERN, agreed.pk), True),
    ]
    assert situation.meetings == ()
    assert "no_meeting_since_concern" in fired(situation)

    meeting = a_meeting(child, household, days_ago=-7, arranged_days_ago=1)
    arranged = situation_of(child)
    assert arranged.meetings == (
        rules.StabilityMeeting(on=ago(-7), evidence=Evidence(STABILITY_MEETING, meeting.pk)),
    )
    assert "no_meeting_since_concern" not in fired(arranged)


def test_steadfast_records_no_school_exclusions_or_attendance():
    child, household, _ = a_child_at_home()
    a_concern(child, household, days_ago=3, factors=[InstabilityFactor.SCHOOL])
    situation = situation_of(child)
    assert situation.exclusions == () and situation.attendance == ()


def test_a_child_with_no_current_placement_has_no_situation():
    child = ChildFactory()
    PlacementFactory(child=child, start_date=ago(300), end_date=ago(10), ended=True)
    assert current_situations([child.pk], today=timezone.localdate(), settings=DEFAULT_SETTINGS) == {}


def _busy_child() -> int:
    child, household, _ = a_child_at_home()
    a_scale(child, household, days_ago=30, score=7)
    a_scale(child, household, days_ago=3, score=3)
    a_log(child, household, days_ago=20, text=TIRED, event=SignificantEvent.MISSING)
    a_concern(child, household, days_ago=5, factors=[InstabilityFactor.CARER_MAY_NOT_GO_ON])
    a_request(household, child=child, days_ago=10, acknowledge_by=9, answer_by=5)
    a_visit(child, days_ago=20)
    meeting = a_meeting(child, household, days_ago=40, authorised_days_ago=39)
    action = an_action(meeting, due_days_ago=10)
    a_review(a_meeting(child, household, days_ago=5, kind=MeetingKind.REVIEW), action, progress="partly_done")
    return child.pk


def test_the_queries_do_not_grow_with_the_children_or_their_records():
    def count(ids: list[int]) -> int:
        with CaptureQueriesContext(connection) as queries:
            current_situations(
                ids, today=timezone.localdate(), settings=DEFAULT_SETTINGS, tone_for=Household.objects.all()
            )
        return len(queries)

    one = [_busy_child()]
    few = one + [_busy_child() for _ in range(4)]
    assert count(one) == count(few) == 10


# --- Week by week, for the replay ----------------------------------------------------------------


def test_each_weekly_snapshot_takes_statuses_and_due_dates_as_they_were_on_its_day():
    child = ChildFactory()
    household = HouseholdFactory()
    placement = PlacementFactory(
        child=child,
        household=household,
        start_date=ago(70),
        end_date=ago(6),
        end_reason="other",
        ending_planned=False,
    )
    visit = a_visit(child, days_ago=56)
    meeting = a_meeting(child, household, days_ago=52, authorised_days_ago=50)
    action = an_action(meeting, due_days_ago=42, status=ActionStatus.DONE)
    review = a_meeting(child, household, days_ago=30, authorised_days_ago=22, kind=MeetingKind.REVIEW)
    a_review(review, action, progress=ActionStatus.DONE)
    a_concern(child, household, days_ago=40, factors=[InstabilityFactor.SCHOOL], other_response_days_ago=25)

    (history,) = [
        h for h in placement_histories(today=timezone.localdate()) if h.placement.id == placement.pk
    ]
    assert (history.ended_on, history.ending_planned) == (ago(6), False)
    on = {s.on: s.situation for s in history.snapshots}
    assert sorted(on) == [ago(d) for d in (70, 63, 56, 49, 42, 35, 28, 21, 14, 7)]

    assert on[ago(63)].visit_due.due == ago(63)  # the first visit, due within a week
    assert on[ago(49)].visit_due == rules.Deadline(due=ago(14), evidence=Evidence(STATUTORY_VISIT, visit.pk))
    assert [a.status for a in on[ago(56)].stability_actions] == [ActionStatus.PROPOSED]
    assert [a.status for a in on[ago(49)].stability_actions] == [ActionStatus.AGREED]
    assert [(a.status, a.updated_on) for a in on[ago(28)].stability_actions] == [
        (ActionStatus.AGREED, ago(30))
    ]
    assert [a.status for a in on[ago(21)].stability_actions] == [ActionStatus.DONE]
    assert [c.other_response_agreed for c in on[ago(28)].concerns] == [False]
    assert [c.other_response_agreed for c in on[ago(21)].concerns] == [True]
    assert [m.on for m in on[ago(56)].meetings] == []
    assert [m.on for m in on[ago(49)].meetings] == [ago(52)]


def test_since_leaves_out_placements_ended_before_it_and_starts_the_snapshots_there():
    child = ChildFactory()
    PlacementFactory(child=child, start_date=ago(300), end_date=ago(200), ended=True)
    current = PlacementFactory(child=child, start_date=ago(199))
    histories = placement_histories(today=timezone.localdate(), since=ago(50))
    assert [h.placement.id for h in histories] == [current.pk]
    assert histories[0].snapshots[0].on == ago(45)  # the first weekly snapshot on or after that day
    assert histories[0].snapshots[-1].on == ago(3)


def test_the_replay_command_prints_the_figures_with_and_without_a_window():
    a_child_at_home(started_days_ago=100)
    ended = PlacementFactory(
        child=ChildFactory(), start_date=ago(100), end_date=ago(2), end_reason="other", ending_planned=False
    )
    a_scale(ended.child, ended.household, days_ago=30, score=2)
    out = io.StringIO()
    call_command("replay_signals", stdout=out)
    text = out.getvalue()
    assert "Replayed 2 placements" in text
    assert text.count("Placements that ended unplanned, signalled before the ending: 1 of 1 (100%)") == 2
    assert "Within the 12 weeks before each ending" in text
    assert "Stability scale low or falling" in text


def test_weeks_are_whole_weeks_from_the_day_the_placement_began():
    _, _, placement = a_child_at_home(started_days_ago=15)
    (history,) = placement_histories(today=timezone.localdate())
    assert [s.on for s in history.snapshots] == [ago(15), ago(8), ago(1)]
    assert history.ended_on is None and history.placement == Evidence(PLACEMENT, placement.pk)
    assert all(
        s.on - placement.start_date == datetime.timedelta(weeks=n) for n, s in enumerate(history.snapshots)
    )
