import datetime

import pytest
from django.core.exceptions import ValidationError
from django.utils import timezone

from steadfast.accounts.access import children_visible_to, households_visible_to
from steadfast.accounts.models import Allocation, AllocationRole, HouseholdAllocation, Role, User
from steadfast.children.models import Child
from steadfast.concerns.models import ConcernStatus, MeetingKind, StabilityConcern
from steadfast.demo.rules import demo_children
from steadfast.demo.services import ALREADY_SEEDED, seed_demo_authority
from steadfast.demo.staff import DEMO_USERS
from steadfast.households.models import Household
from steadfast.meetings import selectors as meeting_selectors
from steadfast.meetings.models import (
    ActionStatus,
    Column,
    Invitee,
    InviteeRole,
    MeetingStatus,
    MinutesCirculation,
    ReviewOutcome,
    StabilityAction,
    StabilityMeeting,
)
from steadfast.placements.models import Placement
from steadfast.placements.rules import age_on, placements_in_last_twelve_months
from steadfast.supervision import selectors as supervision_selectors
from steadfast.supervision.models import SupervisionSession, SupervisionTopic
from steadfast.supervision.rules import LOW_SCALE, STEEP_FALL
from steadfast.visits import selectors as visit_selectors
from steadfast.visits.models import StatutoryVisit

TODAY = datetime.date(2026, 3, 31)


def test_demo_histories_look_like_englands_published_stability_figures():
    children = demo_children(5000, seed=7, today=TODAY)
    three_or_more = sum(
        placements_in_last_twelve_months([(p.start, p.end) for p in c.placements], today=TODAY) >= 3
        for c in children
    )
    long_standing = [
        c for c in children if age_on(c.date_of_birth, TODAY) < 16 and (TODAY - c.entered_care).days >= 913
    ]
    same_carer = sum((TODAY - c.placements[-1].start).days >= 730 for c in long_standing)
    # England: 10-11% with 3+ placements in a year; 68-69% long-term stability.
    assert 0.08 <= three_or_more / len(children) <= 0.13
    assert 0.62 <= same_carer / len(long_standing) <= 0.74


def test_every_demo_history_is_unbroken_and_ends_in_one_open_placement():
    for child in demo_children(300, seed=3, today=TODAY):
        assert child.placements[0].start == child.entered_care
        assert all(a.end == b.start for a, b in zip(child.placements, child.placements[1:], strict=False))
        assert [p.end for p in child.placements].count(None) == 1


@pytest.mark.django_db
def test_the_demo_authority_has_a_sign_in_for_every_role_and_consistent_placements():
    summary = seed_demo_authority(children=60, password="demo-password-for-tests")
    assert set(User.objects.values_list("username", flat=True)) >= {row[0] for row in DEMO_USERS}
    assert Child.objects.count() == summary.children == 60
    assert all(c.startswith("DEMO") for c in Child.objects.values_list("child_identifier", flat=True))
    # Written in bulk, past `Child.save()`: each child is still found by a search.
    assert all(child.search_text == child.searchable() for child in Child.objects.all())
    assert Placement.objects.filter(end_date__isnull=True).count() == 60
    assert (
        User.objects.get(username="foster.carer")
        .household_membership.household.placements.filter(end_date__isnull=True)
        .exists()
    )
    with pytest.raises(ValidationError) as error:
        seed_demo_authority(children=5, password="again")
    assert ALREADY_SEEDED in error.value.messages


@pytest.mark.django_db
def test_the_demo_has_concerns_in_every_state_including_late_ones():
    from steadfast.concerns.models import ConcernStatus, StabilityConcern
    from steadfast.concerns.selectors import is_late

    seed_demo_authority(children=64, password="demo-password-for-tests")
    concerns = list(StabilityConcern.objects.all())
    assert {c.status for c in concerns} == set(ConcernStatus.values)
    assert any(is_late(c) for c in concerns)
    assert all(c.oversight_notes.exists() for c in concerns if c.status != ConcernStatus.AWAITING_TRIAGE)


@pytest.mark.django_db
def test_the_demo_has_stability_meetings_in_every_state_with_whole_records():
    seed_demo_authority(children=64, password="demo-password-for-tests")
    now = timezone.now()
    meetings = list(StabilityMeeting.with_cancelled.select_related("chair", "authorised_by"))
    assert {m.status for m in meetings} == set(MeetingStatus.values)
    cancelled = next(m for m in meetings if m.status == MeetingStatus.CANCELLED)
    assert cancelled.cancellation_reason and cancelled.cancelled_at <= timezone.now()
    assert cancelled.concern.status == ConcernStatus.MEETING_TO_ARRANGE
    planned = [m for m in meetings if m.status == MeetingStatus.PLANNED]
    assert any(m.scheduled_at > now and not meeting_selectors.is_late(m) for m in planned)
    assert any(meeting_selectors.is_late(m) for m in planned)
    assert not StabilityConcern.objects.filter(
        status=ConcernStatus.MEETING_ARRANGED, meetings__isnull=True
    ).exists()

    review = next(m for m in meetings if m.kind == MeetingKind.REVIEW)
    assert review.reviews.status == MeetingStatus.AUTHORISED
    assert review.outcome
    assert {r.action.meeting_id for r in review.action_reviews.select_related("action")} == {
        review.reviews_id
    }
    assert any(
        m.kind == MeetingKind.DISRUPTION and m.placement.end_date and m.themes and m.lessons for m in meetings
    )
    assert any(
        m.kind == MeetingKind.LEARNING_CIRCLE and m.placement.end_date and m.themes and m.lessons
        for m in meetings
    )

    assert (
        Invitee.objects.filter(role=InviteeRole.CHILD, views_recorded_at__isnull=False)
        .exclude(views_gathered="")
        .exists()
    )
    for meeting in meetings:
        if meeting.looks_back or meeting.status in (
            MeetingStatus.PLANNED,
            MeetingStatus.DRAFT,
            MeetingStatus.CANCELLED,
        ):
            continue
        present = set(meeting.invitees.filter(attended=True).values_list("pk", flat=True))
        scores = list(meeting.scores.all())
        assert {s.invitee_id for s in scores} == present
        assert all(s.reason for s in scores)
        assert len({s.score for s in scores}) > 1
        # As submitting a plan asks: a review that ends the plan needs no actions or review date.
        if meeting.outcome not in (ReviewOutcome.PLANNED_MOVE, ReviewOutcome.PLACEMENT_ENDED):
            assert meeting.actions.exists() and meeting.next_review_date
        assert meeting.summary
        assert meeting.submitted_by and meeting.submitted_at
        assert set(meeting.points.values_list("column", flat=True)) == set(Column.values)
    for meeting in meetings:
        statuses = set(meeting.actions.values_list("status", flat=True))
        if meeting.status == MeetingStatus.AUTHORISED:
            assert meeting.authorised_by.role in (Role.TEAM_MANAGER, Role.FOSTERING_TEAM_MANAGER)
            assert meeting.authorised_by_id not in (meeting.chair_id, meeting.submitted_by_id)
            assert ActionStatus.PROPOSED not in statuses
        else:
            assert statuses <= {ActionStatus.PROPOSED}
        if meeting.status == MeetingStatus.RETURNED:
            assert meeting.return_comments
    assert StabilityAction.objects.filter(
        status__in=meeting_selectors.OPEN_ACTION_STATUSES, due_date__lt=timezone.localdate()
    ).exists()


@pytest.mark.django_db
def test_every_authorised_meeting_circulated_in_the_demo_went_to_its_carers():
    seed_demo_authority(children=64, password="demo-password-for-tests")
    circulated = StabilityMeeting.objects.filter(circulation__isnull=False).distinct()
    assert circulated.exists()
    assert MinutesCirculation.objects.filter(invitee__role=InviteeRole.CARER).exists()
    for meeting in circulated:
        assert meeting.status == MeetingStatus.AUTHORISED
        carers = set(meeting.invitees.filter(role=InviteeRole.CARER).values_list("pk", flat=True))
        assert carers <= set(meeting.circulation.values_list("invitee", flat=True))


@pytest.mark.django_db
def test_the_demo_social_worker_and_their_manager_see_a_meeting_in_every_state():
    seed_demo_authority(children=64, password="demo-password-for-tests")
    worker = User.objects.get(username="social.worker")
    own = meeting_selectors.meetings_visible_to(worker).filter(
        child__allocations__worker=worker,
        child__allocations__role=AllocationRole.SOCIAL_WORKER,
        child__allocations__end_date__isnull=True,
    )
    assert set(own.values_list("status", flat=True)) == set(MeetingStatus.values)
    assert any(meeting_selectors.is_late(m) for m in own.filter(status=MeetingStatus.PLANNED))
    assert {MeetingKind.REVIEW, MeetingKind.DISRUPTION, MeetingKind.LEARNING_CIRCLE} <= set(
        own.values_list("kind", flat=True)
    )
    manager = User.objects.get(username="team.manager")
    theirs = meeting_selectors.meetings_visible_to(manager)
    assert set(own.values_list("pk", flat=True)) <= set(theirs.values_list("pk", flat=True))
    # The manager may authorise what is waiting: they neither chaired nor sent it.
    assert (
        theirs.filter(status=MeetingStatus.AWAITING_AUTHORISATION)
        .exclude(chair=manager)
        .exclude(submitted_by=manager)
        .exists()
    )


@pytest.mark.django_db
def test_every_demo_household_is_supervised_with_a_scale_for_each_child_placed_and_no_other():
    seed_demo_authority(children=64, password="demo-password-for-tests")
    today = timezone.localdate()
    ssw_of = dict(HouseholdAllocation.objects.values_list("household", "worker"))
    sessions = list(SupervisionSession.objects.select_related("household").prefetch_related("scales"))
    # Every household supervised now; the retired carers' (demo.security_records) no longer are.
    supervised = HouseholdAllocation.objects.filter(end_date__isnull=True).values_list("household", flat=True)
    assert {s.household_id for s in sessions} == set(supervised)
    assert any(s.unannounced for s in sessions) and any(s.actions for s in sessions)
    for session in sessions:
        assert session.household.approval_date < session.date <= today
        assert session.present and session.household_managing
        assert session.topics and set(session.topics) <= set(SupervisionTopic.values)
        assert session.created_by_id == session.updated_by_id == ssw_of[session.household_id]
        placed = supervision_selectors.children_placed_on(session.household, session.date)
        scales = list(session.scales.all())
        assert {s.child_id for s in scales} == set(placed.values_list("pk", flat=True))
        assert all(
            0 <= s.score <= 10 and s.reason and s.created_by_id == session.created_by_id for s in scales
        )
    history_users = set(SupervisionSession.history.values_list("history_user", flat=True))
    assert history_users <= set(ssw_of.values())
    # Scales drift over time rather than standing still.
    assert len({s.score for session in sessions for s in session.scales.all()}) >= 6


@pytest.mark.django_db
def test_the_demo_has_supervision_overdue_and_scales_prompting_a_concern_where_the_ssw_sees_them():
    seed_demo_authority(children=64, password="demo-password-for-tests")
    today = timezone.localdate()
    due = {h.pk: supervision_selectors.supervision_due_for(h) for h in Household.objects.all()}
    late = {pk for pk, d in due.items() if d.supervision < today}
    visit_late = {pk for pk, d in due.items() if d.unannounced_visit < today}
    assert late and visit_late
    # Most households are up to date.
    assert len(late | visit_late) < len(due) / 2

    ssw = User.objects.get(username="supervising.social.worker")
    theirs = list(households_visible_to(ssw))
    assert {h.pk for h in theirs} & late
    assert {h.pk for h in theirs} & visit_late
    # As the household record shows them: for the children living there now.
    prompts = [
        scale
        for household in theirs
        for scale in supervision_selectors.latest_scales_in_household(
            household,
            children=children_visible_to(ssw).filter(
                placements__household=household, placements__end_date__isnull=True
            ),
        )
        if scale.suggests_concern
    ]
    assert any(scale.score <= LOW_SCALE for scale in prompts)
    assert any(scale.score > LOW_SCALE and scale.previous - scale.score >= STEEP_FALL for scale in prompts)

    # A stability meeting shows the carer's supervision scale from shortly before it.
    shown = [
        (timezone.localdate(m.scheduled_at), meeting_selectors.supervision_scale_for(m))
        for m in StabilityMeeting.objects.exclude(household=None)
        if not m.looks_back
    ]
    assert any(scale and (day - scale.session.date).days <= 14 for day, scale in shown)


@pytest.mark.django_db
def test_demo_statutory_visits_are_in_the_current_home_and_about_one_child_in_eight_is_overdue():
    seed_demo_authority(children=64, password="demo-password-for-tests")
    today = timezone.localdate()
    current = {p.child_id: p for p in Placement.objects.filter(end_date__isnull=True)}
    sw_of = dict(
        Allocation.objects.filter(role=AllocationRole.SOCIAL_WORKER).values_list("child_id", "worker_id")
    )
    visits = list(StatutoryVisit.objects.all())
    assert visits
    for visit in visits:
        placement = current[visit.child_id]
        assert visit.placement_id == placement.pk
        assert placement.start_date <= visit.date <= today
        assert visit.created_by_id == visit.updated_by_id == sw_of[visit.child_id]
        assert visit.child_said or not visit.child_seen
    history_users = set(StatutoryVisit.history.values_list("history_user", flat=True))
    assert history_users <= set(sw_of.values())
    assert Placement.objects.filter(end_date__isnull=True, agreed_long_term_on__isnull=False).exists()

    due = {
        child.pk: visit_selectors.next_visit_due_for(child, placement=current[child.pk])
        for child in Child.objects.filter(pk__in=current)
    }
    overdue = {pk for pk, day in due.items() if day < today}
    assert 0.05 <= len(overdue) / len(due) <= 0.30

    worker = User.objects.get(username="social.worker")
    theirs = {c.pk for c in children_visible_to(worker)} & set(current)
    assert theirs & overdue
    assert len(theirs - overdue) > len(theirs) / 2


@pytest.mark.django_db
def test_the_demo_has_restricted_households_granted_to_those_who_work_with_them_and_reviewable():
    from steadfast.accounts import access
    from steadfast.accounts.models import AccessGrant
    from steadfast.children.models import Child
    from steadfast.households.models import Household

    seed_demo_authority(children=40, password="demo-password-for-tests")
    restricted = Household.objects.filter(restricted=True)
    assert restricted.exists()
    manager = User.objects.get(username="fostering.team.manager")
    for household in restricted:
        assert AccessGrant.objects.filter(household=household, user=manager, revoked_at__isnull=True).exists()
        assert access.can_review_restriction(manager, household=household)
    for child in Child.objects.filter(restricted=True):
        granted = User.objects.filter(access_grants__child=child, role__in=access.MANAGER_ROLES)
        assert granted.exists(), child
    assert User.objects.filter(role="records_officer").count() >= 2
    from steadfast.restrictions.rules import OVERDUE
    from steadfast.restrictions.selectors import restricted_records_for_review

    due = restricted_records_for_review(manager, today=timezone.localdate())
    assert any(r.kind == "household" and r.schedule.state == OVERDUE for r in due)


@pytest.mark.django_db
def test_the_demo_has_account_changes_and_an_ended_emergency_opening_to_watch():
    from steadfast.emergency_access.selectors import emergency_openings_for
    from steadfast.security.selectors import account_changes_for

    seed_demo_authority(children=40, password="demo-password-for-tests")
    officer = User.objects.get(username="security.officer")
    assert account_changes_for(officer).filter(event_type="ACCOUNT_DETAILS_CHANGED").count() == 3
    manager = User.objects.get(username="team.manager")
    assert account_changes_for(manager).exists()  # the demo social worker is in their line
    (opening,) = emergency_openings_for(manager)
    assert opening.user.username == "other.social.worker" and opening.expires_at < timezone.now()
    assert opening.created_at < timezone.now() - datetime.timedelta(days=7)
    assert opening.child.allocations.filter(worker__username="social.worker", end_date__isnull=True).exists()
    assert list(emergency_openings_for(officer)) == [opening]


@pytest.mark.django_db
def test_the_demo_has_a_record_past_retention_waiting_for_the_second_records_officer():
    from steadfast.retention.models import ProposalStatus
    from steadfast.retention.selectors import households_past_retention, proposals_for

    seed_demo_authority(children=40, password="demo-password-for-tests")
    officer = User.objects.get(username="second.records.officer")
    (past,) = households_past_retention(officer, today=timezone.localdate())
    (waiting,) = proposals_for(officer).filter(status=ProposalStatus.PROPOSED)
    assert waiting.household == past.household and waiting.created_by.username == "records.officer"
    assert not past.household.placements.exists()
