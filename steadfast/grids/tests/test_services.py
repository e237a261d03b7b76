import base64
import datetime
import xml.etree.ElementTree as ET

import pytest
from django.core.exceptions import ValidationError
from django.utils import timezone

from steadfast.audit.models import AuditEvent
from steadfast.core.errors import StaleEditError
from steadfast.grids import services
from steadfast.grids.models import GridContext, GridScore, GridStatement, GridStatus
from steadfast.grids.rules import GivenScore, scores_over_time
from steadfast.grids.selectors import (
    scores_chart,
    scores_over_time_for,
    statements_by_section,
    steps_from_grids,
)
from steadfast.meetings.models import MeetingStatus
from steadfast.meetings.selectors import plan_of_child
from steadfast.meetings.tests.helpers import an_arranged_meeting

from .helpers import a_contributor, a_grid

pytestmark = pytest.mark.django_db


def test_making_a_grid_adds_its_maker_as_the_first_contributor_and_is_audited(scenario):
    grid = a_grid(scenario)
    contributor = grid.contributors.get()
    assert contributor.user == scenario.users["social_worker"]
    assert contributor.role == "social_worker"
    assert AuditEvent.objects.filter(event_type=services.GRID_MADE, child_id=grid.child_id).exists()


def test_a_grid_in_a_meeting_takes_the_meetings_date_and_must_be_the_childs_meeting(scenario):
    meeting = an_arranged_meeting(scenario)
    grid = services.make_grid(
        actor=scenario.users["social_worker"],
        child=scenario.children["own"],
        context=GridContext.STABILITY_MEETING,
        meeting=meeting,
    )
    assert grid.date == timezone.localdate(meeting.scheduled_at)
    with pytest.raises(ValidationError) as refused:
        services.make_grid(
            actor=scenario.users["social_worker"],
            child=scenario.children["restricted"],
            context=GridContext.STABILITY_MEETING,
            meeting=meeting,
        )
    assert refused.value.message_dict["meeting"] == [services.MEETING_OF_ANOTHER_CHILD]


def test_a_grid_is_made_only_in_a_meeting_that_has_started(scenario):
    meeting = an_arranged_meeting(scenario, when=timezone.now() + datetime.timedelta(days=3))
    with pytest.raises(ValidationError) as refused:
        services.make_grid(
            actor=scenario.users["social_worker"],
            child=scenario.children["own"],
            context=GridContext.STABILITY_MEETING,
            meeting=meeting,
        )
    assert refused.value.message_dict["meeting"] == [services.MEETING_NOT_HELD]


def test_a_grid_elsewhere_needs_a_date_not_in_the_future(scenario):
    for date, message in (
        (None, services.DATE_NEEDED),
        (timezone.localdate() + datetime.timedelta(days=1), services.DATE_IN_FUTURE),
    ):
        with pytest.raises(ValidationError) as refused:
            services.make_grid(
                actor=scenario.users["social_worker"],
                child=scenario.children["own"],
                context="direct_work",
                date=date,
            )
        assert refused.value.message_dict["date"] == [message]


def test_a_worker_outside_the_team_cannot_make_a_grid(scenario):
    with pytest.raises(ValidationError):
        services.make_grid(
            actor=scenario.users["other_social_worker"],
            child=scenario.children["own"],
            context="case_discussion",
            date=timezone.localdate(),
        )


def test_safety_and_strengths_and_harm_risk_and_complicating_factors_are_kept_apart(scenario):
    grid = a_grid(scenario)
    carer = a_contributor(scenario, grid)
    actor = scenario.users["social_worker"]
    for section, marker in (
        ("working_well", "safety"),
        ("working_well", "strength"),
        ("worried", "harm"),
        ("worried", "risk"),
        ("worried", "complicating"),
    ):
        services.add_grid_statement(
            actor=actor,
            grid=grid,
            section=section,
            text=f"A {marker}",
            contributor=carer,
            basis="fact",
            marker=marker,
        )
    sections = statements_by_section(grid)
    assert [s.marker for s in sections["working_well"]] == ["safety", "strength"]
    assert [s.marker for s in sections["worried"]] == ["complicating", "harm", "risk"]
    for section, marker, field in (("worried", "strength", "marker"), ("working_well", "harm", "marker")):
        with pytest.raises(ValidationError) as refused:
            services.add_grid_statement(
                actor=actor,
                grid=grid,
                section=section,
                text="x",
                contributor=carer,
                basis="fact",
                marker=marker,
            )
        assert field in refused.value.message_dict


def test_every_statement_says_who_contributed_it_and_on_what_basis(scenario):
    grid = a_grid(scenario)
    with pytest.raises(ValidationError) as refused:
        services.add_grid_statement(
            actor=scenario.users["social_worker"],
            grid=grid,
            section="good_looks_like",
            text="  ",
            contributor=None,
            basis="rumour",
        )
    assert refused.value.message_dict == {
        "contributor": [services.STATEMENT_SAID_BY],
        "text": [services.STATEMENT_TEXT],
        "basis": [services.STATEMENT_BASIS],
    }


def test_a_contributor_of_another_grid_cannot_be_credited(scenario):
    grid, other = a_grid(scenario), a_grid(scenario, days_ago=3)
    stranger = a_contributor(scenario, other)
    with pytest.raises(ValidationError) as refused:
        services.add_grid_statement(
            actor=scenario.users["social_worker"],
            grid=grid,
            section="good_looks_like",
            text="Sam sleeps through",
            contributor=stranger,
            basis="hypothesis",
        )
    assert refused.value.message_dict["contributor"] == [services.NOT_A_CONTRIBUTOR]


def test_differing_scores_are_each_kept_and_never_averaged(scenario):
    grid = a_grid(scenario)
    actor = scenario.users["social_worker"]
    worker = grid.contributors.get()
    carer = a_contributor(scenario, grid)
    teacher = a_contributor(scenario, grid, name="Ms Reed", role="virtual_school")
    for who, score in ((carer, 7), (worker, 4), (teacher, 5)):
        services.record_grid_score(
            actor=actor, grid=grid, contributor=who, score=score, reason=f"Because {score}"
        )
    assert sorted(GridScore.objects.filter(grid=grid).values_list("score", flat=True)) == [4, 5, 7]
    over_time = scores_over_time_for(grid.child)
    assert over_time.rows() == [(grid.date, (4, 7, 5))]


def test_a_second_score_replaces_the_first_only_when_asked(scenario):
    grid = a_grid(scenario)
    worker = grid.contributors.get()
    actor = scenario.users["social_worker"]
    services.record_grid_score(actor=actor, grid=grid, contributor=worker, score=3, reason="Worried")
    with pytest.raises(ValidationError) as refused:
        services.record_grid_score(actor=actor, grid=grid, contributor=worker, score=6, reason="Better")
    assert "replace" in refused.value.message_dict
    services.record_grid_score(
        actor=actor, grid=grid, contributor=worker, score=6, reason="Better", replace=True
    )
    assert grid.scores.get().score == 6


@pytest.mark.parametrize("score", [-1, 11, None])
def test_a_score_outside_10_to_0_is_refused(scenario, score):
    grid = a_grid(scenario)
    with pytest.raises(ValidationError) as refused:
        services.record_grid_score(
            actor=scenario.users["social_worker"],
            grid=grid,
            contributor=grid.contributors.get(),
            score=score,
            reason="x",
        )
    assert refused.value.message_dict["score"] == [services.SCORE_RANGE]


def test_a_stale_impact_statement_is_refused(scenario):
    grid = a_grid(scenario)
    actor = scenario.users["social_worker"]
    seen = grid.version
    services.save_impact_statement(
        actor=actor, grid=grid, seen_version=seen, impact_statement="Sam is settled.", childs_words=""
    )
    with pytest.raises(StaleEditError):
        services.save_impact_statement(
            actor=actor, grid=grid, seen_version=seen, impact_statement="Sam is worried.", childs_words=""
        )
    grid.refresh_from_db()
    assert grid.impact_statement == "Sam is settled."


def test_a_stale_change_to_a_statement_is_refused(scenario):
    grid = a_grid(scenario)
    actor = scenario.users["social_worker"]
    statement = services.add_grid_statement(
        actor=actor,
        grid=grid,
        section="good_looks_like",
        text="One",
        contributor=grid.contributors.get(),
        basis="fact",
    )
    fields = {"section": "good_looks_like", "contributor": statement.contributor, "basis": "opinion"}
    services.change_grid_statement(actor=actor, statement=statement, seen_version=1, text="Two", **fields)
    with pytest.raises(StaleEditError):
        services.change_grid_statement(
            actor=actor, statement=statement, seen_version=1, text="Three", **fields
        )


def test_a_withdrawn_statement_leaves_the_grid_with_its_reason_kept(scenario):
    grid = a_grid(scenario)
    actor = scenario.users["social_worker"]
    statement = services.add_grid_statement(
        actor=actor,
        grid=grid,
        section="good_looks_like",
        text="One",
        contributor=grid.contributors.get(),
        basis="fact",
    )
    with pytest.raises(ValidationError):
        services.withdraw_grid_statement(actor=actor, statement=statement, reason=" ")
    services.withdraw_grid_statement(actor=actor, statement=statement, reason="Entered twice")
    assert not GridStatement.objects.filter(pk=statement.pk).exists()
    event = AuditEvent.objects.get(event_type=services.STATEMENT_WITHDRAWN)
    assert event.details["reason"] == "Entered twice"


def test_a_finished_grid_is_read_only_until_reopened_with_a_reason(scenario):
    grid = a_grid(scenario)
    actor = scenario.users["social_worker"]
    with pytest.raises(ValidationError) as refused:
        services.finish_grid(actor=actor, grid=grid, seen_version=grid.version)
    assert set(refused.value.messages) == {services.FINISH_NEEDS_IMPACT, services.FINISH_NEEDS_SCORE}
    grid = services.save_impact_statement(
        actor=actor,
        grid=grid,
        seen_version=grid.version,
        impact_statement="Settled.",
        childs_words="I like it here",
    )
    services.record_grid_score(
        actor=actor, grid=grid, contributor=grid.contributors.get(), score=6, reason="Settled"
    )
    grid = services.finish_grid(actor=actor, grid=grid, seen_version=grid.version)
    assert grid.status == GridStatus.FINISHED
    with pytest.raises(ValidationError) as refused:
        a_contributor(scenario, grid)
    assert refused.value.messages == [services.FINISHED_IS_CLOSED]
    with pytest.raises(ValidationError):
        services.reopen_grid(actor=actor, grid=grid, seen_version=grid.version, reason="")
    grid = services.reopen_grid(
        actor=actor, grid=grid, seen_version=grid.version, reason="The teacher's score was wrong"
    )
    assert grid.is_open and grid.reopen_reason == "The teacher's score was wrong"


def _a_step(scenario, grid):
    return services.add_grid_step(
        actor=scenario.users["social_worker"],
        grid=grid,
        what="Weekly call with school",
        owner_kind="worker",
        owner=scenario.users["social_worker"],
        due_date=timezone.localdate() + datetime.timedelta(days=14),
        measure="Attendance above 90%",
    )


def test_a_step_of_a_grid_made_elsewhere_stays_on_the_grid_and_the_childs_record(scenario):
    grid = a_grid(scenario)
    step = _a_step(scenario, grid)
    assert list(steps_from_grids(grid.child)) == [step]
    with pytest.raises(ValidationError) as refused:
        services.add_step_to_meeting(actor=scenario.users["social_worker"], step=step)
    assert refused.value.messages == [services.STEP_NO_MEETING]


def test_a_step_of_a_grid_in_a_meeting_becomes_one_of_its_stability_actions(scenario):
    meeting = an_arranged_meeting(scenario)
    grid = services.make_grid(
        actor=scenario.users["social_worker"],
        child=scenario.children["own"],
        context="stability_meeting",
        meeting=meeting,
    )
    step = services.add_step_to_meeting(actor=scenario.users["social_worker"], step=_a_step(scenario, grid))
    assert step.stability_action.meeting == meeting
    assert list(steps_from_grids(grid.child)) == []
    with pytest.raises(ValidationError):
        services.add_step_to_meeting(actor=scenario.users["social_worker"], step=step)
    with pytest.raises(ValidationError) as refused:
        services.withdraw_grid_step(actor=scenario.users["social_worker"], step=step, reason="No")
    assert refused.value.messages == [services.STEP_JOINED_STAYS]
    # A proposed action of a meeting not yet authorised is not yet in the Child's Plan.
    assert meeting.status != MeetingStatus.AUTHORISED
    assert not plan_of_child(grid.child).filter(pk=step.stability_action_id).exists()


def test_scores_over_time_keep_each_person_on_their_own_line():
    day = datetime.date(2026, 3, 1)
    later = datetime.date(2026, 6, 1)
    over_time = scores_over_time(
        [
            GivenScore(grid_id=2, date=later, person_key="user:1", person="Sam", score=6),
            GivenScore(grid_id=1, date=day, person_key="user:1", person="Sam", score=4),
            GivenScore(grid_id=1, date=day, person_key="carer:pat", person="Pat", score=7),
        ]
    )
    assert over_time.dates == (day, later)
    assert over_time.people == ("Sam", "Pat")
    assert over_time.rows() == [(day, (4, 7)), (later, (6, None))]


def test_the_scores_chart_draws_each_person_as_a_line_of_their_own_and_no_average():
    days = [datetime.date(2026, 1, 5) + datetime.timedelta(days=30 * i) for i in range(3)]
    given = [
        GivenScore(grid_id=i, date=day, person_key=key, person=name, score=score)
        for i, day in enumerate(days)
        for key, name, score in (("c", "Pat (carer)", 6 + i), ("s", "Sam (social worker)", 3 + i))
    ]
    uri, summary = scores_chart(scores_over_time(given), child_name="Kit Example")
    svg = base64.b64decode(uri.removeprefix("data:image/svg+xml;base64,")).decode()
    root = ET.fromstring(svg)
    assert (
        root.find("{http://www.w3.org/2000/svg}title").text == "Safety and well-being scores for Kit Example"
    )
    assert len(root.findall("{http://www.w3.org/2000/svg}path")) == 2
    assert "average" not in summary and "from 2 people on 3 dates" in summary
