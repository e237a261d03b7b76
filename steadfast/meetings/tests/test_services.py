import datetime

import pytest
from django.core import mail
from django.core.exceptions import ValidationError
from django.utils import timezone

from steadfast.audit.models import AuditEvent
from steadfast.concerns.models import ConcernStatus
from steadfast.core.errors import StaleEditError
from steadfast.meetings import notifications, services
from steadfast.meetings.models import (
    ActionStatus,
    Column,
    Invitee,
    InviteeGroup,
    InviteeRole,
    MeetingPoint,
    MeetingStatus,
    MinutesCirculation,
    OwnerKind,
    ReviewOutcome,
    StabilityAction,
    StabilityMeeting,
    StabilityScore,
)
from steadfast.meetings.selectors import (
    ProposedInvitee,
    invitees_of,
    is_late,
    plan_of_child,
    proposed_invitees,
    score_table_for,
)
from steadfast.placements.services import end_placement
from steadfast.voice.tests.helpers import the_childs_voice_recorded
from tests.factories import PlacementFactory, days_ago

from .helpers import (
    a_concern_needing_a_meeting,
    a_meeting_ready_to_submit,
    an_arranged_meeting,
    an_authorised_meeting,
)

pytestmark = pytest.mark.django_db


def test_invitees_are_proposed_from_the_allocations_with_the_carer_in_the_core_group(scenario):
    proposed = proposed_invitees(scenario.children["own"], scenario.households["own"])
    by_role = {p.role: p for p in proposed}
    assert by_role[InviteeRole.CARER].name == "Test Carer"
    assert by_role[InviteeRole.SOCIAL_WORKER].user == scenario.users["social_worker"]
    assert by_role[InviteeRole.SUPERVISING_SOCIAL_WORKER].user == scenario.users["supervising_social_worker"]
    assert by_role[InviteeRole.TEAM_MANAGER].user == scenario.users["team_manager"]
    assert by_role[InviteeRole.IRO].group == InviteeGroup.VIEWS_SOUGHT
    assert by_role[InviteeRole.CHILD].group == InviteeGroup.CORE


def test_arranging_a_meeting_for_a_concern_takes_its_due_date_and_marks_it_arranged(scenario):
    concern = a_concern_needing_a_meeting(scenario)
    meeting = an_arranged_meeting(scenario, concern=concern)
    concern.refresh_from_db()
    assert concern.status == ConcernStatus.MEETING_ARRANGED
    assert meeting.due_date == concern.due_date
    assert meeting.household == scenario.households["own"]
    assert AuditEvent.objects.filter(event_type=services.MEETING_ARRANGED, child_id=meeting.child_id).exists()


def test_the_carer_is_always_invited_and_told_even_when_left_off_the_list(scenario):
    meeting = an_arranged_meeting(scenario, invitees=[])
    carer = meeting.invitees.get(role=InviteeRole.CARER)
    assert carer.told_at is not None
    assert carer.user == scenario.users["foster_carer"]


def test_a_meeting_dated_before_its_concern_is_refused_and_nothing_is_saved(scenario):
    concern = a_concern_needing_a_meeting(scenario, raised_days_ago=2)
    with pytest.raises(ValidationError) as error:
        an_arranged_meeting(scenario, concern=concern, when=timezone.now() - datetime.timedelta(days=5))
    assert services.MEETING_BEFORE_CONCERN in str(error.value)
    assert not StabilityMeeting.objects.exists()
    concern.refresh_from_db()
    assert concern.status == ConcernStatus.MEETING_TO_ARRANGE


def test_an_analyst_cannot_arrange_a_meeting(scenario):
    with pytest.raises(ValidationError):
        services.arrange_stability_meeting(
            actor=scenario.users["analyst"],
            child=scenario.children["own"],
            kind="strengthening_stability",
            scheduled_at=timezone.now(),
            venue="Call",
            chair=scenario.users["team_manager"],
        )


def test_the_chair_must_hold_a_chairing_role_or_be_a_named_independent_chair(scenario):
    with pytest.raises(ValidationError) as error:
        an_arranged_meeting(scenario, chair=scenario.users["social_worker"])
    assert services.CHAIR_NOT_A_CHAIR in str(error.value)
    meeting = an_arranged_meeting(scenario, chair=None, chair_name="Pat Example")
    assert meeting.chair_label == "Pat Example (independent chair)"


def test_invitees_with_an_address_are_emailed_and_people_outside_get_a_link_of_their_own(
    scenario, django_capture_on_commit_callbacks
):
    scenario.users["social_worker"].email = "sw@example.test"
    scenario.users["social_worker"].save()
    scenario.users["foster_carer"].email = "carer@example.test"
    scenario.users["foster_carer"].save()
    child = scenario.children["own"]
    with django_capture_on_commit_callbacks(execute=True):
        meeting = services.arrange_stability_meeting(
            actor=scenario.users["social_worker"],
            child=child,
            kind="placement_stability",
            scheduled_at=timezone.now() + datetime.timedelta(days=2),
            venue="Call",
            chair=scenario.users["team_manager"],
            invitees=[
                *proposed_invitees(child, scenario.households["own"]),
                ProposedInvitee(
                    name="Val Teacher",
                    role=InviteeRole.VIRTUAL_SCHOOL,
                    group=InviteeGroup.VIEWS_SOUGHT,
                    email="vs@example.test",
                ),
            ],
        )
    sent = {m.to[0]: m.body for m in mail.outbox}
    assert f"/meetings/{meeting.pk}/" in sent["sw@example.test"]
    assert "/meetings/views/" in sent["carer@example.test"]  # carers answer through their own link
    assert "/meetings/views/" in sent["vs@example.test"]
    assert child.legal_first_name not in "".join(sent.values())
    assert meeting.invitees.get(role=InviteeRole.VIRTUAL_SCHOOL).views_link_hash
    assert meeting.invitees.get(role=InviteeRole.VIRTUAL_SCHOOL).told_at is not None
    assert meeting.invitees.get(role=InviteeRole.IRO).told_at is None  # no address, so not told


def test_the_childs_views_must_say_how_they_were_gathered(scenario):
    meeting = an_arranged_meeting(scenario)
    child = meeting.invitees.get(role=InviteeRole.CHILD)
    fields = {"worries": "", "working_well": "I like my room", "needs_to_happen": "", "support_offered": ""}
    with pytest.raises(ValidationError) as error:
        services.record_views(
            actor=scenario.users["social_worker"], invitee=child, seen_version=child.version, **fields
        )
    assert services.CHILDS_VIEWS_HOW in str(error.value)
    services.record_views(
        actor=scenario.users["social_worker"],
        invitee=child,
        views_gathered="direct",
        seen_version=child.version,
        **fields,
    )
    child.refresh_from_db()
    assert child.has_views and child.views_recorded_by == scenario.users["social_worker"]


def test_a_carer_records_their_own_views_but_not_anyone_elses(scenario):
    meeting = an_arranged_meeting(scenario)
    carer = scenario.users["foster_carer"]
    fields = {"worries": "Nights are hard", "working_well": "", "needs_to_happen": "", "support_offered": ""}
    own = meeting.invitees.get(role=InviteeRole.CARER)
    services.record_views(actor=carer, invitee=own, seen_version=own.version, **fields)
    iro = meeting.invitees.get(role=InviteeRole.IRO)
    with pytest.raises(ValidationError):
        services.record_views(actor=carer, invitee=iro, seen_version=iro.version, **fields)


def test_a_save_based_on_an_older_version_is_refused_and_the_newer_one_kept(scenario):
    meeting = an_arranged_meeting(scenario)
    opened = meeting.version
    services.save_meeting_record(
        actor=scenario.users["senior_practitioner"],
        meeting=meeting,
        seen_version=opened,
        changes={"opening": "Who we are"},
    )
    with pytest.raises(StaleEditError):
        services.save_meeting_record(
            actor=scenario.users["social_worker"],
            meeting=meeting,
            seen_version=opened,
            changes={"opening": "Something else"},
        )
    meeting.refresh_from_db()
    assert meeting.opening == "Who we are"
    assert meeting.status == MeetingStatus.DRAFT


@pytest.mark.parametrize(("score", "reason"), [(11, "Too high"), (-1, "Too low"), (None, "None"), (5, "  ")])
def test_a_score_outside_0_to_10_or_without_a_reason_is_refused(scenario, score, reason):
    meeting = an_arranged_meeting(scenario)
    services.save_meeting_record(
        actor=scenario.users["senior_practitioner"],
        meeting=meeting,
        seen_version=meeting.version,
        changes={},
        present=meeting.invitees.values_list("pk", flat=True),
    )
    with pytest.raises(ValidationError):
        services.record_stability_score(
            actor=scenario.users["senior_practitioner"],
            meeting=meeting,
            invitee=meeting.invitees.first(),
            score=score,
            reason=reason,
        )
    assert not StabilityScore.objects.exists()


def test_only_members_present_give_a_score(scenario):
    meeting = an_arranged_meeting(scenario)
    with pytest.raises(ValidationError) as error:
        services.record_stability_score(
            actor=scenario.users["senior_practitioner"],
            meeting=meeting,
            invitee=meeting.invitees.first(),
            score=5,
            reason="Steady",
        )
    assert services.NOT_PRESENT in str(error.value)


@pytest.mark.parametrize(
    ("change", "field"),
    [
        ({"what": " "}, "what"),
        ({"owner": None}, "owner"),
        ({"due_date": None}, "due_date"),
        ({"measure": ""}, "measure"),
        ({"owner_kind": OwnerKind.CARER, "owner": None, "owner_name": ""}, "owner"),
    ],
)
def test_an_action_without_owner_date_or_measure_cannot_be_agreed(scenario, change, field):
    meeting = an_arranged_meeting(scenario)
    fields = {
        "what": "Respite",
        "owner_kind": OwnerKind.WORKER,
        "owner": scenario.users["supervising_social_worker"],
        "due_date": timezone.localdate() + datetime.timedelta(days=7),
        "measure": "Carer rested",
    }
    with pytest.raises(ValidationError) as error:
        services.add_stability_action(
            actor=scenario.users["senior_practitioner"], meeting=meeting, **fields | change
        )
    assert field in error.value.message_dict
    assert not StabilityAction.objects.exists()


def test_points_are_attributed_and_a_worry_must_be_marked_harm_risk_or_complicating(scenario):
    meeting = an_arranged_meeting(scenario)
    carer = meeting.invitees.get(role=InviteeRole.CARER)
    chair = scenario.users["senior_practitioner"]
    with pytest.raises(ValidationError):
        services.add_meeting_point(
            actor=chair,
            meeting=meeting,
            column=Column.WORRIED,
            text="Missing at night",
            said_by=carer,
            basis="fact",
        )
    point = services.add_meeting_point(
        actor=chair,
        meeting=meeting,
        column=Column.WORRIED,
        text="Missing at night",
        said_by=carer,
        basis="fact",
        marker="risk",
    )
    assert point.said_by == carer
    assert MeetingPoint.objects.count() == 1


def test_a_plan_cannot_be_sent_until_everyone_present_has_scored(scenario):
    meeting = an_arranged_meeting(scenario)
    services.save_meeting_record(
        actor=scenario.users["senior_practitioner"],
        meeting=meeting,
        seen_version=meeting.version,
        changes={"summary": "Summary"},
        present=meeting.invitees.values_list("pk", flat=True),
    )
    with pytest.raises(ValidationError) as error:
        services.submit_stability_plan(actor=scenario.users["senior_practitioner"], meeting=meeting)
    assert "Still to score" in str(error.value)
    assert services.SUBMIT_NO_ACTIONS in str(error.value)


def test_the_chair_cannot_authorise_their_own_plan(scenario):
    meeting = a_meeting_ready_to_submit(scenario, chair=scenario.users["team_manager"])
    services.submit_stability_plan(actor=scenario.users["social_worker"], meeting=meeting)
    with pytest.raises(ValidationError) as error:
        services.authorise_stability_plan(actor=scenario.users["team_manager"], meeting=meeting)
    assert services.OWN_PLAN in str(error.value)
    meeting.refresh_from_db()
    assert meeting.status == MeetingStatus.AWAITING_AUTHORISATION


def test_authorising_puts_the_actions_into_the_childs_plan(scenario):
    meeting = a_meeting_ready_to_submit(scenario)
    assert not plan_of_child(meeting.child).exists()
    services.submit_stability_plan(actor=scenario.users["senior_practitioner"], meeting=meeting)
    services.authorise_stability_plan(actor=scenario.users["team_manager"], meeting=meeting)
    plan = list(plan_of_child(meeting.child))
    assert [a.what for a in plan] == ["Arrange two weekends of respite"]
    assert plan[0].status == ActionStatus.AGREED
    assert AuditEvent.objects.filter(event_type=services.PLAN_AUTHORISED, child_id=meeting.child_id).exists()


def test_a_returned_plan_carries_the_comments_and_can_be_changed_and_sent_again(scenario):
    meeting = a_meeting_ready_to_submit(scenario)
    services.submit_stability_plan(actor=scenario.users["senior_practitioner"], meeting=meeting)
    with pytest.raises(ValidationError):
        services.return_stability_plan(actor=scenario.users["team_manager"], meeting=meeting, comments=" ")
    services.return_stability_plan(
        actor=scenario.users["team_manager"], meeting=meeting, comments="Add a date"
    )
    meeting.refresh_from_db()
    assert (meeting.status, meeting.return_comments) == (MeetingStatus.RETURNED, "Add a date")
    services.save_meeting_record(
        actor=scenario.users["senior_practitioner"],
        meeting=meeting,
        seen_version=meeting.version,
        changes={"summary": "With a date"},
    )
    assert services.submit_stability_plan(
        actor=scenario.users["senior_practitioner"], meeting=meeting
    ).status == (MeetingStatus.AWAITING_AUTHORISATION)


def test_a_returned_plan_emails_the_chair_and_who_sent_it_naming_no_child(
    scenario, django_capture_on_commit_callbacks
):
    chair, sender = scenario.users["senior_practitioner"], scenario.users["social_worker"]
    for person in (chair, sender):
        person.email = f"{person.username}@example.test"
        person.save()
    meeting = a_meeting_ready_to_submit(scenario)
    services.submit_stability_plan(actor=sender, meeting=meeting)
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        services.return_stability_plan(
            actor=scenario.users["team_manager"], meeting=meeting, comments=f"Say more about {meeting.child}"
        )
    assert sorted(m.to[0] for m in mail.outbox) == sorted([chair.email, sender.email])
    for message in mail.outbox:
        assert message.subject == notifications.PLAN_RETURNED_SUBJECT
        assert f"/meetings/{meeting.pk}/" in message.body
        assert scenario.users["team_manager"].get_full_name() in message.body
        assert meeting.child.legal_first_name not in message.body + message.subject


def test_an_authorised_record_cannot_be_edited_until_a_manager_reopens_it(scenario):
    meeting = an_authorised_meeting(scenario)
    with pytest.raises(ValidationError) as error:
        services.save_meeting_record(
            actor=scenario.users["senior_practitioner"],
            meeting=meeting,
            seen_version=meeting.version,
            changes={"summary": "Changed"},
        )
    assert services.AUTHORISED_IS_CLOSED in str(error.value)
    meeting = services.reopen_stability_meeting(
        actor=scenario.users["team_manager"], meeting=meeting, reason="The date was wrong"
    )
    services.save_meeting_record(
        actor=scenario.users["senior_practitioner"],
        meeting=meeting,
        seen_version=meeting.version,
        changes={"summary": "Changed"},
    )
    assert plan_of_child(meeting.child).count() == 1


def test_the_carer_always_receives_the_minutes(scenario):
    meeting = an_authorised_meeting(scenario)
    sw = meeting.invitees.get(role=InviteeRole.SOCIAL_WORKER)
    carer = meeting.invitees.get(role=InviteeRole.CARER)
    chair = scenario.users["senior_practitioner"]
    with pytest.raises(ValidationError) as error:
        services.record_minutes_circulation(
            actor=chair, meeting=meeting, recipients=[sw], sent_on=timezone.localdate(), sent_by="email"
        )
    assert "Test Carer" in str(error.value)
    services.record_minutes_circulation(
        actor=chair, meeting=meeting, recipients=[sw, carer], sent_on=timezone.localdate(), sent_by="email"
    )
    assert MinutesCirculation.objects.filter(meeting=meeting).count() == 2


def test_minutes_cannot_be_circulated_before_authorisation(scenario):
    meeting = a_meeting_ready_to_submit(scenario)
    with pytest.raises(ValidationError):
        services.record_minutes_circulation(
            actor=scenario.users["senior_practitioner"],
            meeting=meeting,
            recipients=list(meeting.invitees.all()),
            sent_on=timezone.localdate(),
            sent_by="email",
        )


def test_the_checklist_ticks_itself_as_the_record_fills_and_refuses_with_the_same_list(scenario):
    meeting = an_arranged_meeting(scenario)
    chair = scenario.users["senior_practitioner"]

    def unmet() -> list[str]:
        return [
            r.needs
            for r in services.sending_checklist(StabilityMeeting.objects.get(pk=meeting.pk))
            if not r.met
        ]

    assert unmet() == [
        "Who was present is recorded",
        "Everyone present has given a score with a reason",
        "At least one Stability Action is agreed",
        "The date of the next review is set",
        "The chair's summary is written",
        "The child's voice is recorded, or why their views were not sought",
    ]
    ready = a_meeting_ready_to_submit(scenario)
    assert all(r.met for r in services.sending_checklist(ready))
    later = an_arranged_meeting(scenario, when=timezone.now() + datetime.timedelta(days=2))
    assert [(r.needs, r.met) for r in services.sending_checklist(later)] == [
        ("The meeting has been held", False)
    ]
    with pytest.raises(ValidationError) as error:
        services.submit_stability_plan(actor=chair, meeting=meeting)
    assert error.value.messages == [r.refusal for r in services.sending_checklist(meeting) if not r.met]


def _a_review_an_hour_ago(scenario):
    """An authorised meeting of a month ago, its chair, and the review of it held an hour ago."""
    first = an_authorised_meeting(scenario, when=timezone.now() - datetime.timedelta(days=30))
    chair = scenario.users["senior_practitioner"]
    review = services.arrange_stability_meeting(
        actor=chair,
        child=first.child,
        kind="placement_stability",
        reviews=first,
        scheduled_at=timezone.now() - datetime.timedelta(hours=1),
        venue="Call",
        chair=chair,
        invitees=proposed_invitees(first.child, first.household),
    )
    the_childs_voice_recorded(review, actor=chair)
    return first, chair, review


def test_a_review_in_which_support_simply_continues_needs_no_new_action(scenario):
    first, chair, review = _a_review_an_hour_ago(scenario)
    services.save_meeting_record(
        actor=chair,
        meeting=review,
        seen_version=review.version,
        changes={
            "outcome": ReviewOutcome.SUPPORT_CONTINUES,
            "summary": "The respite goes on as agreed",
            "next_review_date": timezone.localdate() + datetime.timedelta(days=90),
        },
        present=review.invitees.values_list("pk", flat=True),
    )
    for invitee in review.invitees.all():
        services.record_stability_score(
            actor=chair, meeting=review, invitee=invitee, score=7, reason="Holding"
        )
    services.review_stability_action(
        actor=chair,
        meeting=review,
        action=first.actions.get(),
        progress="partly_done",
        evidence="One weekend so far",
    )
    assert not review.actions.exists()
    assert (
        services.submit_stability_plan(actor=chair, meeting=review).status
        == MeetingStatus.AWAITING_AUTHORISATION
    )


def test_a_review_records_how_each_action_went_and_authorising_it_updates_the_plan(scenario):
    first, chair, review = _a_review_an_hour_ago(scenario)
    assert review.kind == "review"
    assert review.due_date == first.next_review_date
    services.save_meeting_record(
        actor=chair,
        meeting=review,
        seen_version=review.version,
        changes={"outcome": ReviewOutcome.HOME_STABLE, "summary": "Settled"},
        present=review.invitees.values_list("pk", flat=True),
    )
    for invitee in review.invitees.all():
        services.record_stability_score(
            actor=chair, meeting=review, invitee=invitee, score=8, reason="Better"
        )
    with pytest.raises(ValidationError) as error:
        services.submit_stability_plan(actor=chair, meeting=review)
    assert services.SUBMIT_ACTIONS_UNREVIEWED in str(error.value)
    action = first.actions.get()
    services.review_stability_action(
        actor=chair, meeting=review, action=action, progress="done", evidence="Two weekends taken"
    )
    services.add_stability_action(
        actor=chair,
        meeting=review,
        what="Keep monthly respite",
        owner_kind=OwnerKind.AGENCY,
        owner_name="Short Breaks Service",
        due_date=timezone.localdate() + datetime.timedelta(days=60),
        measure="Respite happens monthly",
    )
    services.save_meeting_record(
        actor=chair,
        meeting=review,
        seen_version=StabilityMeeting.objects.get(pk=review.pk).version,
        changes={"next_review_date": timezone.localdate() + datetime.timedelta(days=90)},
    )
    services.submit_stability_plan(actor=chair, meeting=review)
    services.authorise_stability_plan(actor=scenario.users["team_manager"], meeting=review)
    action.refresh_from_db()
    assert action.status == ActionStatus.DONE
    table = score_table_for(review)
    assert {row.previous for row in table} != {None}


def test_scores_are_shown_side_by_side_with_the_same_peoples_last_scores(scenario):
    first = an_authorised_meeting(scenario, when=timezone.now() - datetime.timedelta(days=30))
    second = a_meeting_ready_to_submit(scenario)
    rows = score_table_for(second)
    assert len(rows) == first.scores.count()
    assert all(row.previous is not None and row.change == row.score - row.previous for row in rows)
    assert sorted(r.score for r in rows) == [r.score for r in rows]


def test_a_disruption_meeting_is_due_within_the_local_timescale_of_the_ending(scenario):
    child = scenario.children["own"]
    placement = child.placements.get(end_date__isnull=True)
    end_placement(
        actor=scenario.users["social_worker"],
        placement=placement,
        end_date=datetime.date(2026, 11, 2),
        end_reason="carer_requested",
        ending_planned=False,
    )
    placement.refresh_from_db()
    meeting = services.arrange_stability_meeting(
        actor=scenario.users["social_worker"],
        child=child,
        kind="disruption",
        placement=placement,
        scheduled_at=timezone.now(),
        venue="Call",
        chair=scenario.users["team_manager"],
    )
    assert meeting.due_date == datetime.date(2026, 11, 30)
    assert meeting.household == scenario.households["own"]


def test_a_planned_meeting_past_its_due_date_is_late(scenario):
    concern = a_concern_needing_a_meeting(scenario, raised_days_ago=20)
    meeting = an_arranged_meeting(scenario, concern=concern, when=timezone.now() + datetime.timedelta(days=1))
    assert is_late(meeting)


def test_an_invitee_can_be_added_by_name_later(scenario, django_capture_on_commit_callbacks):
    meeting = an_arranged_meeting(scenario)
    with django_capture_on_commit_callbacks(execute=True):
        services.add_invitee(
            actor=scenario.users["social_worker"],
            meeting=meeting,
            invitee=ProposedInvitee(
                name="Cam Worker",
                role=InviteeRole.CAMHS,
                group=InviteeGroup.VIEWS_SOUGHT,
                email="c@example.test",
            ),
        )
    assert invitees_of(meeting).filter(name="Cam Worker").exists()
    assert len(mail.outbox) == 1


def test_an_invitee_of_another_meeting_cannot_be_scored_here(scenario):
    meeting = an_arranged_meeting(scenario)
    other = an_arranged_meeting(scenario)
    stranger = Invitee.objects.filter(meeting=other).first()
    with pytest.raises(ValidationError):
        services.record_stability_score(
            actor=scenario.users["senior_practitioner"],
            meeting=meeting,
            invitee=stranger,
            score=5,
            reason="x",
        )


def test_a_learning_circle_records_lessons_and_themes(scenario):
    placement = PlacementFactory(
        child=scenario.children["other"], ended=True, start_date=days_ago(400), end_date=days_ago(300)
    )
    meeting = services.arrange_stability_meeting(
        actor=scenario.users["other_social_worker"],
        child=scenario.children["other"],
        kind="learning_circle",
        placement=placement,
        scheduled_at=timezone.now() - datetime.timedelta(hours=1),
        venue="Call",
        chair=scenario.users["other_team_manager"],
    )
    with pytest.raises(ValidationError):
        services.save_meeting_record(
            actor=scenario.users["other_social_worker"],
            meeting=meeting,
            seen_version=meeting.version,
            changes={"themes": ["not-a-theme"]},
        )
    services.save_meeting_record(
        actor=scenario.users["other_social_worker"],
        meeting=meeting,
        seen_version=meeting.version,
        changes={
            "what_happened": "A move at night",
            "lessons": "Plan earlier",
            "themes": ["planning", "support"],
        },
        present=meeting.invitees.values_list("pk", flat=True),
    )
    meeting.refresh_from_db()
    assert meeting.theme_labels() == ["Planning", "Support"]


def test_a_disruption_meeting_cannot_follow_a_planned_move(scenario):
    placement = PlacementFactory(
        child=scenario.children["other"], ended=True, start_date=days_ago(400), end_date=days_ago(300)
    )
    with pytest.raises(ValidationError) as error:
        services.arrange_stability_meeting(
            actor=scenario.users["other_social_worker"],
            child=scenario.children["other"],
            kind="disruption",
            placement=placement,
            scheduled_at=timezone.now(),
            venue="Call",
            chair=scenario.users["other_team_manager"],
        )
    assert services.DISRUPTION_AFTER_PLANNED in str(error.value)


def test_a_save_after_ones_own_draft_was_saved_as_they_typed_is_no_conflict(scenario):
    meeting = an_arranged_meeting(scenario)
    chair = scenario.users["senior_practitioner"]
    opened = meeting.version
    services.save_meeting_record(
        actor=chair,
        meeting=meeting,
        seen_version=opened,
        editor="tab one",
        changes={"opening": "Draft"},
    )
    saved = services.save_meeting_record(
        actor=chair,
        meeting=meeting,
        seen_version=opened,
        editor="tab one",
        changes={"opening": "Final"},
    )
    assert saved.opening == "Final"


def test_a_save_from_ones_other_tab_opened_before_is_refused_and_loses_nothing(scenario):
    meeting = an_arranged_meeting(scenario)
    chair = scenario.users["senior_practitioner"]
    opened = meeting.version
    services.save_meeting_record(
        actor=chair,
        meeting=meeting,
        seen_version=opened,
        editor="tab one",
        changes={"opening": "From tab one"},
    )
    with pytest.raises(StaleEditError):
        services.save_meeting_record(
            actor=chair,
            meeting=meeting,
            seen_version=opened,
            editor="tab two",
            changes={"opening": "From tab two"},
        )
    meeting.refresh_from_db()
    assert meeting.opening == "From tab one"


def test_ones_own_tab_is_refused_once_someone_else_saved_in_between(scenario):
    meeting = an_arranged_meeting(scenario)
    chair = scenario.users["senior_practitioner"]
    services.save_meeting_record(
        actor=chair,
        meeting=meeting,
        seen_version=meeting.version,
        editor="tab one",
        changes={"opening": "Mine"},
    )
    meeting.refresh_from_db()
    opened = meeting.version
    services.save_meeting_record(
        actor=scenario.users["team_manager"],
        meeting=meeting,
        seen_version=opened,
        editor="their tab",
        changes={"opening": "Theirs"},
    )
    with pytest.raises(StaleEditError):
        services.save_meeting_record(
            actor=chair,
            meeting=meeting,
            seen_version=opened,
            editor="tab one",
            changes={"opening": "Mine again"},
        )
    meeting.refresh_from_db()
    assert meeting.opening == "Theirs"
