"""The learning brief on placement breakdowns, replayed: one synthetic story, told in steps, in
which each failure the brief found happens and Steadfast catches it (docs/learning-brief.md).

Kit and Rue Examplefield are brother and sister, placed apart: Kit with the newly approved
Brightwell household, Rue in a children's home. The home comes under strain. Supervision slips
and the placement stability scale falls; an impact and stress assessment rates the carers low;
the social worker's visits fall behind; the carers' logs, tired and frustrated, wait unread, and
how Kit's home was matched is written down three months late; their request for respite is not
acknowledged, and then no respite can be found, so it escalates to the fostering team manager.
The carers raise a stability concern; a meeting is held within five working days and agrees a
SMART plan; the plan drifts and is reviewed; the home ends, Kit joins Rue without an assessment
of the two of them together, and a disruption meeting is arranged.

Every record is made through the service a worker's page calls, by the worker who would make it,
so that the emails, the carers' messages and the audit trail are those the pages would leave.
The services stamp what they do with the moment they run; the story happened over the months
before, so each step then moves those moments back to the story's day (`_on_the_story_day`).
The audit trail keeps the true moment each row was written.

`seed_learning_brief` adds the story to a seeded demo authority (it needs the demo's sign-ins)
and does nothing when it is there already; `upto` stops after a step, so that a test can look at
the story as it stood then. All names and words are fictional.
"""

import datetime
from collections.abc import Callable
from dataclasses import dataclass, field

from django.contrib.auth.hashers import make_password
from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone

from steadfast.accounts.models import AllocationRole, Role, User
from steadfast.accounts.services import allocate_supervising_social_worker, allocate_worker
from steadfast.assessments.models import ImpactDomain, ImpactReason
from steadfast.assessments.services import record_impact_stress_assessment, record_matching
from steadfast.carer_logs.models import LogCategory
from steadfast.carer_logs.services import write_carer_log
from steadfast.children.models import Child, Ethnicity, RelationshipKind, Sex
from steadfast.children.services import add_child, record_relationship
from steadfast.concerns.models import ManagementOversightNote, StabilityConcern
from steadfast.concerns.services import raise_stability_concern, triage_stability_concern
from steadfast.core.working_days import add_working_days, is_working_day
from steadfast.households.models import ApprovalKind, Household, MemberRole, Provider, ProviderKind
from steadfast.households.services import add_household, add_household_member, add_provider
from steadfast.meetings import services as meetings
from steadfast.meetings.models import (
    ActionStatus,
    OwnerKind,
    ReviewOutcome,
    StabilityAction,
    StabilityMeeting,
)
from steadfast.meetings.selectors import proposed_invitees
from steadfast.placements.models import EndReason, Placement, PlacementType
from steadfast.placements.services import end_placement, start_placement
from steadfast.supervision.models import SupervisionTopic
from steadfast.supervision.services import record_supervision_session
from steadfast.support_requests.models import HelpKind, HelpUrgency, SupportRequest, SupportRequestUpdate
from steadfast.support_requests.services import ask_for_help, record_service_not_obtained
from steadfast.visits.services import record_statutory_visit

from .voice import the_childs_voice_heard
from .writing import at_hour

NEEDS_THE_DEMO = "The learning brief's story joins the demo authority: seed the demo first."

KIT_IDENTIFIER = "LB-KIT-0001"
RUE_IDENTIFIER = "LB-RUE-0002"
HOUSEHOLD_REFERENCE = "LB-H-0001"
HOUSEHOLD_NAME = "The Brightwell household"
CARER_USERNAME = "brightwell.carer"
CHILDRENS_HOME = "Examplefield Children's Home (fictional)"

# Each step's words, which the browser test looks for on the pages or writes into them.
SUPERVISION_PRESENT = "Dana and Lee Brightwell (fictional)"
SCALE_FALLS_DAYS_AGO = 110
FALLEN_SCALE = 3
RUNNING_ON_EMPTY = "Kit is up most nights; Dana says she is running on empty (fictional)."
LOW_RATINGS = (
    (ImpactDomain.CARERS_WELLBEING, 2, "Dana and Lee sleep four hours a night at most (fictional)."),
    (ImpactDomain.HEALTH, 3, "Lee's back is worse for the broken nights (fictional)."),
    (ImpactDomain.SUPPORT_NETWORK, 3, "Their family lives two hundred miles away (fictional)."),
)
MATCH_WRITTEN_DAYS_AGO = 88
TIRED_LOG = "Kit was up until two again. I'm at the end of my tether and nobody calls back (fictional)."
RESPITE_NEEDED = "A weekend's respite for Kit; we have had no full night's sleep in weeks (fictional)."
NO_RESPITE = "No respite carer is free in the next six weeks; the agency list has been tried too (fictional)."
CONCERN = "The carers say they cannot go on without a break, and Kit's nights are getting worse (fictional)."
INTERIM_SUPPORT = "A duty visit this week, and daily calls from the supervising social worker (fictional)."
RESPITE_ACTION = "Find a respite carer for one weekend a month, starting within three weeks"
RESPITE_MEASURE = "Kit has had a weekend of respite and the carers say they have slept"
THERAPY_ACTION = "Refer Kit to the therapy service for help with sleep and nightmares"
THERAPY_MEASURE = "Kit has met the therapist and the carers have a bedtime plan from them"


def story_day(days_ago: int) -> datetime.date:
    """The working day on or before `days_ago` days ago: meetings and decisions fall on one."""
    day = timezone.localdate() - datetime.timedelta(days=days_ago)
    while not is_working_day(day):
        day -= datetime.timedelta(days=1)
    return day


def _at(days_ago: int, hour: int = 10) -> datetime.datetime:
    return at_hour(story_day(days_ago), hour)


def _on_the_story_day(instance: object, **fields: object) -> None:
    """Move what a service stamped with the moment it ran back to the story's day."""
    type(instance).objects.filter(pk=instance.pk).update(**fields)
    for name, value in fields.items():
        setattr(instance, name, value)


@dataclass
class Story:
    """Who the story is about and who works with them, and what each step leaves for the next."""

    password_hash: str  # for the carer's sign-in, as the demo's others have
    social_worker: User
    supervising_social_worker: User
    team_manager: User
    chair: User
    iro: User
    carer: User | None = None
    household: Household | None = None
    childrens_home: Provider | None = None
    kit: Child | None = None
    rue: Child | None = None
    home: Placement | None = None
    respite: SupportRequest | None = None
    concern: StabilityConcern | None = None
    meeting: StabilityMeeting | None = None
    review: StabilityMeeting | None = None
    disruption_meeting: StabilityMeeting | None = None
    steps_taken: list[str] = field(default_factory=list)


def siblings_placed_apart(story: Story) -> None:
    """A year and a half ago: the Brightwells are approved; Kit is placed with them, and his
    sister Rue in a children's home across the county."""
    sw = story.social_worker
    story.household = add_household(
        actor=story.supervising_social_worker,
        name=HOUSEHOLD_NAME,
        reference=HOUSEHOLD_REFERENCE,
        address_line_1="1 Example Row (fictional)",
        town="Northbridge",
        postcode="ZZ99 1LB",
        approval_kind=ApprovalKind.SHORT_TERM,
        approval_date=story_day(300),
        approved_age_from=5,
        approved_age_to=15,
        approved_places=1,
    )
    allocate_supervising_social_worker(
        actor=story.supervising_social_worker,
        household=story.household,
        worker=story.supervising_social_worker,
        start_date=story_day(300),
    )
    now = timezone.now()
    story.carer = User.objects.create(
        username=CARER_USERNAME,
        first_name="Dana",
        last_name="Brightwell",
        email=f"{CARER_USERNAME}@example.invalid",
        role=Role.FOSTER_CARER,
        password=story.password_hash,
        activated_at=now,
        confirmed_at=now,
    )
    for name, user in (("Dana Brightwell", story.carer), ("Lee Brightwell", None)):
        add_household_member(
            actor=story.supervising_social_worker,
            household=story.household,
            full_name=name,
            role=MemberRole.APPROVED_CARER,
            user=user,
        )
    story.childrens_home = add_provider(
        actor=sw, name=CHILDRENS_HOME, kind=ProviderKind.CHILDRENS_HOME, town="Northbridge"
    )
    today = timezone.localdate()
    story.kit, story.rue = (
        add_child(
            actor=sw,
            social_worker=sw,
            child_identifier=identifier,
            legal_first_name=first,
            legal_last_name="Examplefield",
            date_of_birth=today.replace(year=today.year - age, day=1),
            sex=sex,
            ethnicity=Ethnicity.WHITE_BRITISH,
            allocated_from=story_day(200),
        )
        for identifier, first, age, sex in (
            (KIT_IDENTIFIER, "Kit", 12, Sex.MALE),
            (RUE_IDENTIFIER, "Rue", 9, Sex.FEMALE),
        )
    )
    for child, sibling in ((story.kit, story.rue), (story.rue, story.kit)):
        allocate_worker(
            actor=sw, child=child, worker=story.iro, role=AllocationRole.IRO, start_date=story_day(200)
        )
        record_relationship(
            actor=sw,
            child=child,
            kind=RelationshipKind.SIBLING,
            related_child=sibling,
            notes="Placed apart when they came into care; they meet every other Saturday (fictional).",
        )
    story.home = start_placement(
        actor=sw,
        child=story.kit,
        placement_type=PlacementType.FOSTER_APPROVED_CARER,
        start_date=story_day(180),
        household=story.household,
    )
    start_placement(
        actor=sw,
        child=story.rue,
        placement_type=PlacementType.RESIDENTIAL,
        start_date=story_day(180),
        provider=story.childrens_home,
    )


def _supervision(story: Story, *, days_ago: int, score: int, managing: str) -> None:
    record_supervision_session(
        actor=story.supervising_social_worker,
        household=story.household,
        date=story_day(days_ago),
        unannounced=False,
        present=SUPERVISION_PRESENT,
        topics=[SupervisionTopic.CHILDREN_PLACED, SupervisionTopic.WELLBEING],
        household_managing=managing,
        actions="",
        scales=[(story.kit, score, managing)],
    )


def supervision_slips(story: Story) -> None:
    """Supervision is monthly at first: the placement stability scale for Kit is 8, then 6."""
    for days_ago, score, managing in (
        (170, 8, "Settling in well; Kit loves the dog (fictional)."),
        (140, 6, "Bedtimes are hard; the carers are tired (fictional)."),
    ):
        _supervision(story, days_ago=days_ago, score=score, managing=managing)


def the_scale_falls(story: Story) -> None:
    """Nearly four months ago the scale falls to 3, a fall of 3: the session's page, where saving
    it lands the supervising social worker, prompts a stability concern, and none is raised.
    Then supervision stops."""
    _supervision(story, days_ago=SCALE_FALLS_DAYS_AGO, score=FALLEN_SCALE, managing=RUNNING_ON_EMPTY)


def the_carers_are_assessed(story: Story) -> None:
    """A week after the scale falls, the supervising social worker assesses the impact and stress
    of fostering on the household: the carers' wellbeing, health and support network rated low."""
    days_ago = 103
    ratings = {domain: (6, "No strain seen here so far (fictional).") for domain in ImpactDomain.values}
    ratings |= {domain: (rating, evidence) for domain, rating, evidence in LOW_RATINGS}
    assessment = record_impact_stress_assessment(
        actor=story.supervising_social_worker,
        household=story.household,
        date=story_day(days_ago),
        reason=ImpactReason.SUPERVISION,
        ratings=ratings,
        overall="The carers are worn down by Kit's nights and have nobody to share them with (fictional).",
        support_plan="Ask for respite; link the carers with a buddy from the carers' group (fictional).",
    )
    _on_the_story_day(assessment, created_at=_at(days_ago, 15))


def visits_fall_behind(story: Story) -> None:
    """The social worker visits Kit in his first week and once after; then not for months."""
    for days_ago, said in ((176, "I like my room."), (130, "I miss Rue. Nobody listens at night.")):
        record_statutory_visit(
            actor=story.social_worker,
            child=story.kit,
            date=story_day(days_ago),
            place="The Brightwell household",
            child_seen=True,
            seen_alone=True,
            child_said=f"{said} (fictional)",
            observations="",
        )


def logs_go_unread(story: Story) -> None:
    """The carers write what is happening, more tired each time; nobody reviews the logs."""
    for days_ago, text in (
        (100, "Kit refused school again and slammed doors all evening. I'm exhausted (fictional)."),
        (
            95,
            "Another night up with Kit. We are so tired; I don't know how long we can go on (fictional).",
        ),
        (90, TIRED_LOG),
    ):
        log = write_carer_log(
            actor=story.carer,
            household=story.household,
            child=story.kit,
            date=story_day(days_ago),
            category=LogCategory.BEHAVIOUR,
            what_happened=text,
        )
        _on_the_story_day(log, created_at=_at(days_ago, 21))


def the_match_is_written_late(story: Story) -> None:
    """Three months after Kit moved in, the social worker writes down how his home with the
    Brightwells was matched, as it was agreed the day he moved in."""
    match = record_matching(
        actor=story.social_worker,
        placement=story.home,
        agreed_on=story.home.start_date,
        childs_needs="A calm home near his school, and every other Saturday with Rue (fictional).",
        household_strengths="Newly approved, patient, and close to Kit's school (fictional).",
        gaps="No experience of a child who does not sleep; no respite carer (fictional).",
        support_planned="Monthly supervision and the new carers' group (fictional).",
    )
    _on_the_story_day(match, created_at=_at(MATCH_WRITTEN_DAYS_AGO, 16))


def respite_goes_unanswered(story: Story) -> None:
    """The carers ask for respite; nobody acknowledges the request in time."""
    story.respite = ask_for_help(
        actor=story.carer,
        household=story.household,
        child=story.kit,
        kind=HelpKind.RESPITE,
        urgency=HelpUrgency.SOON,
        what_is_needed=RESPITE_NEEDED,
    )
    _on_the_story_day(
        story.respite,
        asked_at=_at(85, 20),
        acknowledgement_due=add_working_days(story_day(85), 2),
        response_due=add_working_days(story_day(85), 5),
    )
    SupportRequestUpdate.objects.filter(request=story.respite).update(occurred_at=_at(85, 20))


def respite_cannot_be_found(story: Story) -> None:
    """No respite carer can be found: the request escalates to the fostering team manager."""
    before = set(SupportRequestUpdate.objects.filter(request=story.respite).values_list("pk", flat=True))
    story.respite = record_service_not_obtained(
        actor=story.supervising_social_worker, support_request=story.respite, why=NO_RESPITE
    )
    _on_the_story_day(story.respite, escalated_at=_at(75, 15))
    SupportRequestUpdate.objects.filter(request=story.respite).exclude(pk__in=before).update(
        occurred_at=_at(75, 15)
    )


def a_concern_is_raised(story: Story) -> None:
    """The carers say they cannot go on: a stability concern, breakdown imminent; the team
    manager decides on a placement stability meeting, with interim support meanwhile."""
    story.concern = raise_stability_concern(
        actor=story.carer,
        child=story.kit,
        urgency="breakdown_imminent",
        factors=["carer_wellbeing", "child_distress"],
        what_is_happening=CONCERN,
        raised_by="carer",
        raised_at=_at(60, 9),
    )
    triage_stability_concern(
        actor=story.team_manager,
        concern=story.concern,
        response="meeting",
        meeting_kind="placement_stability",
        reason="Breakdown is imminent: the carers say they cannot go on (fictional).",
        interim_support=INTERIM_SUPPORT,
    )
    story.concern.refresh_from_db()
    _on_the_story_day(story.concern, triaged_at=_at(60, 14))
    ManagementOversightNote.objects.filter(concern=story.concern).update(created_at=_at(60, 14))


def _held_meeting(
    story: Story, *, days_ago: int, summary: str, next_review: datetime.date, **about
) -> StabilityMeeting:
    """A meeting about Kit held `days_ago`, everyone present, each scoring the home."""
    meeting = meetings.arrange_stability_meeting(
        actor=story.social_worker,
        child=story.kit,
        scheduled_at=_at(days_ago),
        venue="Family room, Northbridge Town Hall (fictional)",
        chair=story.chair,
        invitees=proposed_invitees(story.kit, story.household),
        **about,
    )
    meeting = meetings.save_meeting_record(
        actor=story.chair,
        meeting=meeting,
        seen_version=meeting.version,
        changes={"summary": summary, "next_review_date": next_review},
        present=list(meeting.invitees.values_list("pk", flat=True)),
    )
    for n, invitee in enumerate(meeting.invitees.all()):
        meetings.record_stability_score(
            actor=story.chair,
            meeting=meeting,
            invitee=invitee,
            score=3 + n % 3,
            reason="The home can hold only if the carers get a break soon (fictional).",
        )
    return meeting


def _authorised(story: Story, meeting: StabilityMeeting, *, days_ago: int) -> StabilityMeeting:
    the_childs_voice_heard(meeting, actor=story.social_worker)
    meetings.submit_stability_plan(actor=story.chair, meeting=meeting)
    meeting = meetings.authorise_stability_plan(actor=story.team_manager, meeting=meeting)
    _on_the_story_day(meeting, submitted_at=_at(days_ago, 16), authorised_at=_at(days_ago - 1, 11))
    return meeting


def a_stability_meeting_agrees_a_smart_plan(story: Story) -> None:
    """Within the concern's 5 working days, a placement stability meeting agrees two SMART
    actions (what, who, by when, how everyone will know), due three weeks later, and a review."""
    story.meeting = _held_meeting(
        story,
        days_ago=57,
        concern=story.concern,
        kind="placement_stability",
        summary="The home can hold with respite and therapy for Kit's sleep (fictional).",
        next_review=story_day(29),
    )
    for what, owner, measure in (
        (RESPITE_ACTION, story.supervising_social_worker, RESPITE_MEASURE),
        (THERAPY_ACTION, story.social_worker, THERAPY_MEASURE),
    ):
        action = meetings.add_stability_action(
            actor=story.chair,
            meeting=story.meeting,
            what=what,
            owner_kind=OwnerKind.WORKER,
            owner=owner,
            # Agreed as due three weeks after the meeting; the service takes only a day to come.
            due_date=timezone.localdate() + datetime.timedelta(days=1),
            measure=measure,
        )
        _on_the_story_day(action, due_date=story_day(36))
    story.meeting = _authorised(story, story.meeting, days_ago=56)


def the_plan_is_reviewed(story: Story) -> None:
    """The review finds the respite still not found and the therapy only begun; support goes on."""
    story.review = _held_meeting(
        story,
        days_ago=29,
        reviews=story.meeting,
        kind="review",
        summary="Respite is still not found; the therapy has begun. Escalated again (fictional).",
        next_review=story_day(0) + datetime.timedelta(days=28),
    )
    meetings.save_meeting_record(
        actor=story.chair,
        meeting=story.review,
        seen_version=story.review.version,
        changes={"outcome": ReviewOutcome.SUPPORT_CONTINUES},
    )
    for action in StabilityAction.objects.filter(meeting=story.meeting).order_by("pk"):
        done = action.what == THERAPY_ACTION
        meetings.review_stability_action(
            actor=story.chair,
            meeting=story.review,
            action=action,
            progress=ActionStatus.PARTLY_DONE if done else ActionStatus.NOT_DONE,
            evidence=(
                "Kit has met the therapist twice (fictional)."
                if done
                else "No respite carer could be found; the request is with the manager (fictional)."
            ),
        )
    story.review = _authorised(story, story.review, days_ago=29)


def the_home_ends(story: Story) -> None:
    """Ten days ago the carers asked for Kit to move: the home ended, unplanned. Kit joins Rue
    in the children's home, with no assessment of the two of them living together."""
    home = Placement.objects.get(pk=story.home.pk)
    end_placement(
        actor=story.social_worker,
        placement=home,
        end_date=story_day(10),
        end_reason=EndReason.CARER_REQUESTED,
        ending_planned=False,
    )
    start_placement(
        actor=story.social_worker,
        child=story.kit,
        placement_type=PlacementType.RESIDENTIAL,
        start_date=story_day(10),
        provider=story.childrens_home,
    )
    story.home = Placement.objects.get(pk=home.pk)


def a_disruption_meeting_is_arranged(story: Story) -> None:
    """A disruption meeting, to learn from the ending, is arranged for three days' time."""
    story.disruption_meeting = meetings.arrange_stability_meeting(
        actor=story.social_worker,
        child=story.kit,
        kind="disruption",
        placement=story.home,
        scheduled_at=at_hour(timezone.localdate() + datetime.timedelta(days=3), 10),
        venue="Family room, Northbridge Town Hall (fictional)",
        chair=story.chair,
        invitees=proposed_invitees(story.kit, story.household),
    )


# The story's steps, in order; `upto` names one of them.
STEPS: tuple[Callable[[Story], None], ...] = (
    siblings_placed_apart,
    supervision_slips,
    the_scale_falls,
    the_carers_are_assessed,
    visits_fall_behind,
    logs_go_unread,
    the_match_is_written_late,
    respite_goes_unanswered,
    respite_cannot_be_found,
    a_concern_is_raised,
    a_stability_meeting_agrees_a_smart_plan,
    the_plan_is_reviewed,
    the_home_ends,
    a_disruption_meeting_is_arranged,
)
STEP_NAMES = tuple(step.__name__ for step in STEPS)


def learning_brief_seeded() -> bool:
    return Child.objects.filter(child_identifier=KIT_IDENTIFIER).exists()


@transaction.atomic
def seed_learning_brief(*, password: str, upto: str | None = None) -> Story | None:
    """Add the story to the demo authority, step by step up to `upto` (every step when None).
    Returns None, changing nothing, when the story is there already."""
    if learning_brief_seeded():
        return None
    staff = {
        u.username: u
        for u in User.objects.filter(
            username__in=[
                "social.worker",
                "supervising.social.worker",
                "team.manager",
                "senior.practitioner",
                "iro",
            ]
        )
    }
    if len(staff) < 5:
        raise ValidationError(NEEDS_THE_DEMO)
    story = Story(
        password_hash=make_password(password),
        social_worker=staff["social.worker"],
        supervising_social_worker=staff["supervising.social.worker"],
        team_manager=staff["team.manager"],
        chair=staff["senior.practitioner"],
        iro=staff["iro"],
    )
    last = STEP_NAMES.index(upto) if upto else len(STEPS) - 1
    for step in STEPS[: last + 1]:
        step(story)
        story.steps_taken.append(step.__name__)
    return story
