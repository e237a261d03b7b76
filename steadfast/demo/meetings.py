"""The demo authority's stability meetings: one in each state of its record for concerns whose
meeting is arranged (`DEMO_MEETING_STATES`), with a review of some; disruption meetings and
learning circles looking back at endings; each with its invitees, who was told and gave views
before it and who came, and the chair's record as far as its status has gone. The points,
scores, actions and minutes sent are added once the rows have ids; the past stability work adds
its meetings too. All are written in bulk, each kind at once."""

import datetime
from dataclasses import dataclass, field

from django.utils import timezone

from steadfast.accounts.models import Team, User
from steadfast.children.models import Child
from steadfast.concerns.models import MeetingKind, StabilityConcern, Urgency
from steadfast.core.working_days import add_working_days
from steadfast.households.models import Household
from steadfast.meetings.models import (
    ActionReview,
    ActionStatus,
    ChairRole,
    Invitee,
    InviteeGroup,
    InviteeRole,
    LearningTheme,
    MeetingPoint,
    MeetingStatus,
    MinutesCirculation,
    ReviewOutcome,
    StabilityAction,
    StabilityMeeting,
    StabilityScore,
    ViewsGathered,
)
from steadfast.meetings.services import DEFAULT_WORKING_DAYS_AFTER_ENDING
from steadfast.placements.models import Placement
from steadfast.placements.rules import age_on

from .builder import Builder
from .rules import working_day_on_or_after, working_day_on_or_before
from .writing import at_hour, write_in_bulk

# The meetings arranged for concerns, in turn, one in each state of its record: planned in
# time, planned after its due date, written up in draft, sent for authorisation, returned with
# comments, authorised, and authorised and since reviewed. The concern was raised `days_ago`;
# the meeting is (or was) held `held_in` days from today, moved to a working day.
DEMO_MEETING_STATES = (
    {
        "status": MeetingStatus.PLANNED,
        "meeting_kind": MeetingKind.PLACEMENT_STABILITY,
        "urgency": Urgency.BREAKDOWN_IMMINENT,
        "days_ago": 1,
        "held_in": 3,
        "reviewed": False,
    },
    {
        "status": MeetingStatus.PLANNED,
        "meeting_kind": MeetingKind.FOSTERING_STABILITY,
        "urgency": Urgency.UNDER_PRESSURE,
        "days_ago": 30,
        "held_in": 2,
        "reviewed": False,
    },
    {
        "status": MeetingStatus.DRAFT,
        "meeting_kind": MeetingKind.STRENGTHENING_STABILITY,
        "urgency": Urgency.BREAKDOWN_IMMINENT,
        "days_ago": 8,
        "held_in": -2,
        "reviewed": False,
    },
    {
        "status": MeetingStatus.AWAITING_AUTHORISATION,
        "meeting_kind": MeetingKind.PLACEMENT_STABILITY,
        "urgency": Urgency.UNDER_PRESSURE,
        "days_ago": 12,
        "held_in": -5,
        "reviewed": False,
    },
    {
        "status": MeetingStatus.RETURNED,
        "meeting_kind": MeetingKind.FOSTERING_STABILITY,
        "urgency": Urgency.UNDER_PRESSURE,
        "days_ago": 16,
        "held_in": -9,
        "reviewed": False,
    },
    {
        "status": MeetingStatus.AUTHORISED,
        "meeting_kind": MeetingKind.STRENGTHENING_STABILITY,
        "urgency": Urgency.PREVENTIVE,
        "days_ago": 45,
        "held_in": -30,
        "reviewed": False,
    },
    {
        "status": MeetingStatus.AUTHORISED,
        "meeting_kind": MeetingKind.PLACEMENT_STABILITY,
        "urgency": Urgency.UNDER_PRESSURE,
        "days_ago": 130,
        "held_in": -120,
        "reviewed": True,
    },
)
# The demo social worker also has a meeting that was cancelled, its concern waiting for a
# meeting to be arranged again.
CANCELLED_MEETING_STATE = {
    "status": MeetingStatus.CANCELLED,
    "meeting_kind": MeetingKind.PLACEMENT_STABILITY,
    "urgency": Urgency.UNDER_PRESSURE,
    "days_ago": 6,
    "held_in": 4,
    "reviewed": False,
}
CANCELLATION_REASON = "The carer is unwell this week. To be arranged again once she is better (fictional)."
# How many record saves each state has seen, as the meeting's version.
MEETING_VERSIONS = {
    MeetingStatus.CANCELLED: 2,
    MeetingStatus.PLANNED: 1,
    MeetingStatus.DRAFT: 3,
    MeetingStatus.AWAITING_AUTHORISATION: 4,
    MeetingStatus.RETURNED: 5,
    MeetingStatus.AUTHORISED: 5,
}
# A reviewed meeting is reviewed this many days before today.
REVIEWED_DAYS_AGO = 28
# A disruption meeting or learning circle is held this many working days after the ending.
LOOKING_BACK_AFTER_WORKING_DAYS = 10
# Minutes of a disruption meeting or learning circle go out three weeks after authorisation.
LOOKING_BACK_MINUTES_AFTER_DAYS = 21
INDEPENDENT_CHAIRS = ("Rowan Ellery", "Dana Whitlock", "Kit Fairbairn")
VENUES = (
    "Family room, Northbridge Town Hall",
    "The carers' home",
    "Video call (the link is in the invitation)",
    "Meeting room 2, Northbridge Children's Centre",
)

# Views sent before the meeting: worries, what is working well, what needs to happen, support.
VIEWS = {
    InviteeRole.CHILD: (
        "Bedtimes after contact are hard and I don't want to talk about it.",
        "I like my room, the dog and Sunday dinners.",
        "I want to stay at my school and keep going to football.",
        "",
    ),
    "observed": (
        "Cries at handover after contact and takes a long time to settle (observed).",
        "Reaches for the carer when upset and is comforted quickly (observed).",
        "Keep bedtime the same every night.",
        "",
    ),
    InviteeRole.CARER: (
        "I am not sleeping; the nights out have worn me down.",
        "We are close, and they talk to me after school.",
        "A break, and someone to help with school.",
        "I can do every school run and come to the school meeting.",
    ),
    InviteeRole.IRO: (
        "The care plan does not yet say how contact will work.",
        "The child's views are well recorded and listened to.",
        "A date and an owner for every action before the next review.",
        "I will look at the plan again at the child's next review.",
    ),
}

RECORD = {
    "opening": "The chair explained that the meeting is to support the home, not to judge it (fictional).",
    "perspective": "Everyone said what has been happening from where they stand; the child's went first.",
    "impact": "The missing nights frighten the carer and are beginning to tell on her health.",
    "solutions": "Respite, help with school and a contact plan that holds.",
}
SUMMARY = "The home can hold with respite, steadier contact and help with school (fictional)."
REVIEW_SUMMARY = "Respite helped and the missing nights have stopped; contact still needs work (fictional)."
RETURN_COMMENTS = "Please give the CAMHS action a date the service has agreed, and say who tells school."

ACTION_REVIEWS = (
    (ActionStatus.DONE, "Both respite weekends happened; the carer says she feels rested."),
    (ActionStatus.PARTLY_DONE, "The notes were kept for two weeks out of four."),
    (ActionStatus.NOT_DONE, "The appointment is still on the waiting list."),
)

LOOKING_BACK = {
    MeetingKind.DISRUPTION: {
        "what_happened": (
            "After two missing nights in a week the carers asked for a move; it happened the same "
            "day, with no planning meeting (fictional)."
        ),
        "lessons": "The carers had asked for respite twice. Requests for respite now go to a manager.",
        "repair_and_relationships": "The child said goodbye to the carers and keeps in touch with their son.",
        "themes": [LearningTheme.SUPPORT, LearningTheme.ESCALATION, LearningTheme.SUPERVISION],
    },
    MeetingKind.LEARNING_CIRCLE: {
        "what_happened": "A planned move to long-term carers after introductions over six weeks (fictional).",
        "lessons": "Words and pictures work before the move helped; the new school was told too late.",
        "repair_and_relationships": "The child visits the short-term carers once a month.",
        "themes": [LearningTheme.WORDS_AND_PICTURES, LearningTheme.PLANNING, LearningTheme.JOINT_WORKING],
    },
}


@dataclass
class DemoMeeting:
    """A meeting to be written, with what goes on its record once its rows have ids."""

    meeting: StabilityMeeting
    invitees: list[Invitee]
    social_worker: User
    supervising_social_worker: User | None
    recorder: User
    authoriser: User
    circulate: bool = False
    reviewed: "DemoMeeting | None" = None
    actions: list[StabilityAction] = field(default_factory=list)
    # What the review of this meeting's plan found, for a review; the past is all done with.
    action_reviews: tuple = ACTION_REVIEWS
    past: bool = False

    @property
    def held(self) -> bool:
        """Written up: neither still to happen nor cancelled."""
        return self.meeting.status not in (MeetingStatus.PLANNED, MeetingStatus.CANCELLED)


class MeetingsBuilder(Builder):
    """The stability meetings, their invitees and the chair's record."""

    def _meetings(
        self,
        children: list[Child],
        workers: list[User],
        homes: dict[int, list[Placement]],
        arranged: list[tuple[int, StabilityConcern, dict]],
    ) -> list[DemoMeeting]:
        """A stability meeting for every concern whose meeting is arranged, in the state its
        entry in DEMO_MEETING_STATES gives, and a review of those since reviewed; and disruption
        meetings and learning circles looking back at endings. Rows are written in bulk, each
        kind at once, in the order their keys need. Returns the meetings written."""
        self.team_manager_of = dict(Team.objects.values_list("pk", "manager_id"))
        wanted = set(self.team_manager_of.values()) | {w.line_manager_id for w in self.ssws}
        self.users = User.objects.in_bulk([pk for pk in wanted if pk is not None])
        meetings: list[DemoMeeting] = []
        for i, concern, state in arranged:
            meetings += self._concern_meeting(len(meetings), i, children[i], workers[i], concern, state)
        looking_back = self._endings_to_look_back_on(children, workers, homes)
        for i, placement, kind in looking_back:
            meetings.append(
                self._looking_back_meeting(len(meetings), i, children[i], workers[i], placement, kind)
            )
        meetings += self._past_stability_work(
            children, workers, homes, taken={id(p) for _, p, _ in looking_back}, first=len(meetings)
        )
        write_in_bulk([m.meeting for m in meetings if m.reviewed is None], StabilityMeeting)
        write_in_bulk([m.meeting for m in meetings if m.reviewed is not None], StabilityMeeting)
        write_in_bulk([invitee for m in meetings for invitee in m.invitees], Invitee)
        points, scores, circulation = [], [], []
        for m in meetings:
            points += self._points(m)
            scores += self._scores(m)
            m.actions = self._actions(m)
            if m.past:
                # Past actions are done with, unless their review says otherwise.
                for action in m.actions:
                    if action.due_date < self.today:
                        action.status = ActionStatus.DONE
            circulation += self._circulation(m)
            if m.reviewed is not None:
                # Authorising the review put what it found into the Child's Plan.
                for action, (progress, _) in zip(m.reviewed.actions, m.action_reviews, strict=False):
                    action.status, action.updated_by = progress, m.authoriser
        write_in_bulk(points, MeetingPoint)
        write_in_bulk(scores, StabilityScore)
        write_in_bulk([action for m in meetings for action in m.actions], StabilityAction)
        write_in_bulk(circulation, MinutesCirculation)
        write_in_bulk(
            [
                ActionReview(
                    meeting=m.meeting,
                    action=action,
                    progress=progress,
                    evidence=evidence,
                    created_by=m.recorder,
                    updated_by=m.recorder,
                )
                for m in meetings
                if m.reviewed is not None
                for action, (progress, evidence) in zip(m.reviewed.actions, m.action_reviews, strict=False)
            ],
            ActionReview,
        )
        return meetings

    def _team_manager(self, worker: User) -> User | None:
        return self.users.get(self.team_manager_of.get(worker.team_id))

    def _chair(self, n: int, social_worker: User, ssw: User | None) -> tuple[dict, User]:
        """Who chairs the n-th meeting, and the team manager, never the chair, who authorises
        it. The demo team manager authorises their team's, so signing in as them shows plans
        they may authorise."""
        manager = self._team_manager(social_worker)
        if manager is not None and manager.pk == self.named["team.manager"].pk:
            chair = self.named["senior.practitioner" if n % 2 == 0 else "assistant.team.manager"]
            return {"chair": chair, "chair_name": "", "chair_role": chair.role}, manager
        if n % 2 == 0 or manager is None:
            independent = {
                "chair": None,
                "chair_name": INDEPENDENT_CHAIRS[n % len(INDEPENDENT_CHAIRS)],
                "chair_role": ChairRole.INDEPENDENT_CHAIR,
            }
            return independent, manager or self.named["team.manager"]
        fostering_manager = self.users.get(ssw.line_manager_id) if ssw is not None else None
        fostering_manager = fostering_manager or self.named["fostering.team.manager"]
        return {"chair": manager, "chair_name": "", "chair_role": ChairRole.TEAM_MANAGER}, fostering_manager

    def _invitees(
        self, *, child: Child, household: Household | None, social_worker: User, iro: User, ssw: User | None
    ) -> list[Invitee]:
        """The people `proposed_invitees` proposes, as unsaved rows: the child, the household's
        approved carers, the child's social worker, the supervising social worker and the
        social worker's team manager, with the independent reviewing officer's views sought."""
        people = [(str(child), InviteeRole.CHILD, InviteeGroup.CORE, None, "")]
        carers = self.carers.get(household.pk, []) if household is not None else []
        for carer in sorted(carers, key=lambda c: c.full_name):
            email = carer.user.email if carer.user else ""
            people.append((carer.full_name, InviteeRole.CARER, InviteeGroup.CORE, carer.user, email))
        workers = [
            (iro, InviteeRole.IRO, InviteeGroup.VIEWS_SOUGHT),
            (social_worker, InviteeRole.SOCIAL_WORKER, InviteeGroup.CORE),
        ]
        if ssw is not None:
            workers.append((ssw, InviteeRole.SUPERVISING_SOCIAL_WORKER, InviteeGroup.CORE))
        manager = self._team_manager(social_worker)
        if manager is not None and manager.pk != social_worker.pk:
            workers.append((manager, InviteeRole.TEAM_MANAGER, InviteeGroup.CORE))
        people += [(str(w), role, group, w, w.email) for w, role, group in workers]
        seen, invitees = set(), []
        for name, role, group, user, email in people:
            key = f"user:{user.pk}" if user else f"{role}:{name.lower()}"
            if key not in seen:
                seen.add(key)
                invitees.append(Invitee(name=name, role=role, group=group, user=user, email=email))
        return invitees

    def _demo_meeting(
        self,
        *,
        n: int,
        i: int,
        child: Child,
        social_worker: User,
        kind: str,
        status: str,
        scheduled_at: datetime.datetime,
        arranged_at: datetime.datetime,
        household: Household | None,
        due_date: datetime.date | None,
        **about,
    ) -> DemoMeeting:
        """The n-th meeting about the child (`about` holds its concern, the meeting it reviews
        or the placement it looks back on), its invitees, who was told and gave views before it
        and who came, and its record as far as its status has gone."""
        now = timezone.now()
        ssw = self.supervising_social_worker.get(household.pk) if household is not None else None
        chair, authoriser = self._chair(n, social_worker, ssw)
        recorder = chair["chair"] or social_worker
        held = status not in (MeetingStatus.PLANNED, MeetingStatus.CANCELLED)
        day = timezone.localdate(scheduled_at)
        if status in (MeetingStatus.AUTHORISED, MeetingStatus.RETURNED):
            last_by = authoriser
        else:
            last_by = recorder if held else social_worker
        meeting = StabilityMeeting(
            child=child,
            household=household,
            kind=kind,
            status=status,
            due_date=due_date,
            scheduled_at=scheduled_at,
            venue=VENUES[n % len(VENUES)],
            version=MEETING_VERSIONS[MeetingStatus(status)],
            created_by=social_worker,
            updated_by=last_by,
            **chair,
            **about,
        )
        invitees = self._invitees(
            child=child,
            household=household,
            social_worker=social_worker,
            iro=self.iros[i % len(self.iros)],
            ssw=ssw,
        )
        told_at = min(arranged_at, now)
        views_at = max(told_at, min(told_at + datetime.timedelta(days=1), scheduled_at, now))
        # A meeting held after its due date is still waiting for most people's views.
        late = due_date is not None and day > due_date
        wanted = (
            {InviteeRole.IRO}
            if late and not held
            else {InviteeRole.CHILD, InviteeRole.CARER, InviteeRole.IRO}
        )
        age = age_on(child.date_of_birth, day)
        for invitee in invitees:
            invitee.meeting = meeting
            invitee.created_by = social_worker
            invitee.updated_by = recorder if held else social_worker
            # As when a meeting is arranged: the carers are told there and then, the rest by email.
            invitee.told_at = told_at if invitee.role == InviteeRole.CARER else None
            if held:
                invitee.attended = {
                    InviteeRole.CHILD: age >= 8,
                    InviteeRole.IRO: False,
                }.get(invitee.role, True)
            if invitee.role in wanted:
                wanted.discard(invitee.role)  # one carer's views are enough for the demo
                self._views(invitee, age=age, n=n, social_worker=social_worker, ssw=ssw, at=views_at)
        self._write_up(meeting, recorder=recorder, authoriser=authoriser)
        circulate = status == MeetingStatus.AUTHORISED and (
            not meeting.looks_back
            or meeting.authorised_at <= now - datetime.timedelta(days=LOOKING_BACK_MINUTES_AFTER_DAYS)
        )
        return DemoMeeting(
            meeting=meeting,
            invitees=invitees,
            social_worker=social_worker,
            supervising_social_worker=ssw,
            recorder=recorder,
            authoriser=authoriser,
            circulate=circulate,
        )

    @staticmethod
    def _views(
        invitee: Invitee, *, age: int, n: int, social_worker: User, ssw: User | None, at: datetime.datetime
    ) -> None:
        if invitee.role == InviteeRole.CHILD:
            if age < 5:
                invitee.views_gathered = ViewsGathered.OBSERVATION
            elif age >= 12 and n % 3 == 0:
                invitee.views_gathered = ViewsGathered.ADVOCATE
            else:
                invitee.views_gathered = ViewsGathered.DIRECT
            observed = invitee.views_gathered == ViewsGathered.OBSERVATION
            texts = VIEWS["observed" if observed else InviteeRole.CHILD]
            invitee.views_recorded_by = social_worker
        elif invitee.role == InviteeRole.CARER:
            texts = VIEWS[InviteeRole.CARER]
            invitee.views_recorded_by = invitee.user or ssw or social_worker
        else:
            texts = VIEWS[invitee.role]
            invitee.views_recorded_by = invitee.user
        invitee.worries, invitee.working_well, invitee.needs_to_happen, invitee.support_offered = texts
        invitee.views_recorded_at = at

    @staticmethod
    def _write_up(meeting: StabilityMeeting, *, recorder: User, authoriser: User) -> None:
        """The chair's record, as far as the meeting's status has gone."""
        status = meeting.status
        if status == MeetingStatus.CANCELLED:
            # Cancelled by whoever arranged it, two working days after its concern was decided.
            meeting.cancelled_by = meeting.created_by
            decided = timezone.localdate(meeting.concern.triaged_at)
            meeting.cancelled_at = min(at_hour(add_working_days(decided, 2), 9), timezone.now())
            meeting.cancellation_reason = CANCELLATION_REASON
            return
        if status == MeetingStatus.PLANNED:
            return
        day = timezone.localdate(meeting.scheduled_at)
        whole = status != MeetingStatus.DRAFT
        if meeting.looks_back:
            story = LOOKING_BACK[MeetingKind(meeting.kind)]
            meeting.what_happened = story["what_happened"]
            if whole:
                meeting.lessons = story["lessons"]
                meeting.repair_and_relationships = story["repair_and_relationships"]
                meeting.themes = list(story["themes"])
        else:
            for name, text in RECORD.items():
                setattr(meeting, name, text)
            # Reviewed about nine weeks on, or thirteen after a review, on a working day.
            meeting.next_review_date = working_day_on_or_after(day + datetime.timedelta(days=63))
            if meeting.kind == MeetingKind.REVIEW:
                meeting.outcome = ReviewOutcome.SUPPORT_CONTINUES
                meeting.next_review_date = working_day_on_or_after(day + datetime.timedelta(days=91))
            if whole:
                meeting.summary = REVIEW_SUMMARY if meeting.kind == MeetingKind.REVIEW else SUMMARY
        # Sent for authorisation the next working day, then returned a working day later or
        # authorised two working days later; never later than now.
        now = timezone.now()
        sent_on = add_working_days(day, 1)
        if whole:
            meeting.submitted_by = recorder
            meeting.submitted_at = min(at_hour(sent_on, 13), now)
        if status == MeetingStatus.RETURNED:
            meeting.return_comments = RETURN_COMMENTS
            meeting.returned_at = min(at_hour(add_working_days(sent_on, 1), 11), now)
        if status == MeetingStatus.AUTHORISED:
            meeting.authorised_by = authoriser
            meeting.authorised_at = min(at_hour(add_working_days(sent_on, 2), 15), now)

    def _day_for(self, held_in: int) -> datetime.date:
        """The working day `held_in` days from today: the next one ahead, or the last one before."""
        day = self.today + datetime.timedelta(days=held_in)
        return working_day_on_or_after(day) if held_in > 0 else working_day_on_or_before(day)

    def _concern_meeting(
        self, n: int, i: int, child: Child, social_worker: User, concern: StabilityConcern, state: dict
    ) -> list[DemoMeeting]:
        """The meeting arranged for the concern and, where its state says so, the review of it."""
        day = self._day_for(state["held_in"])
        first = self._demo_meeting(
            n=n,
            i=i,
            child=child,
            social_worker=social_worker,
            kind=concern.meeting_kind,
            status=state["status"],
            scheduled_at=at_hour(day, 10 if n % 2 else 14),
            arranged_at=concern.triaged_at + datetime.timedelta(hours=2),
            household=concern.household,
            due_date=concern.due_date,
            concern=concern,
        )
        if not state["reviewed"]:
            return [first]
        review_day = self._day_for(-REVIEWED_DAYS_AGO)
        first.meeting.next_review_date = review_day
        review = self._demo_meeting(
            n=n + 1,
            i=i,
            child=child,
            social_worker=social_worker,
            kind=MeetingKind.REVIEW,
            status=MeetingStatus.AUTHORISED,
            scheduled_at=at_hour(review_day, 11),
            arranged_at=first.meeting.authorised_at + datetime.timedelta(days=1),
            household=first.meeting.household,
            due_date=review_day,
            reviews=first.meeting,
        )
        review.reviewed = first
        return [first, review]

    def _endings_to_look_back_on(
        self, children: list[Child], workers: list[User], homes: dict[int, list[Placement]]
    ) -> list[tuple[int, Placement, str]]:
        """For one child in sixteen, their last ending of the last year; and for the demo social
        worker, a disruption meeting after an unplanned ending and a learning circle after
        another, both long enough ago to have been written up. An unplanned ending asks for a
        disruption meeting, a planned one for a learning circle."""
        year_ago = self.today - datetime.timedelta(days=365)
        chosen = []
        for i in range(4, len(children), 16):
            ended = [p for p in homes[children[i].pk] if p.end_date and year_ago < p.end_date < self.today]
            if ended:
                chosen.append((i, ended[-1]))
        used = {id(p) for _, p in chosen}
        written_up_by = self.today - datetime.timedelta(days=42)
        demo_worker = self.named["social.worker"]
        theirs = sorted(
            (
                (i, p)
                for i, worker in enumerate(workers)
                if worker.pk == demo_worker.pk and not children[i].restricted
                for p in homes[children[i].pk]
                if p.end_date and p.end_date <= written_up_by and id(p) not in used
            ),
            key=lambda ip: (ip[1].end_date <= year_ago, ip[1].household is None, -ip[1].end_date.toordinal()),
        )
        disruption = next((ip for ip in theirs if not ip[1].ending_planned), None)
        circle = next((ip for ip in theirs if ip[1].ending_planned), None) or next(
            (ip for ip in theirs if ip is not disruption), None
        )
        kinds = [
            (i, p, MeetingKind.DISRUPTION if not p.ending_planned else MeetingKind.LEARNING_CIRCLE)
            for i, p in chosen
        ]
        if disruption is not None:
            kinds.append((*disruption, MeetingKind.DISRUPTION))
        if circle is not None:
            kinds.append((*circle, MeetingKind.LEARNING_CIRCLE))
        return kinds

    def _looking_back_meeting(
        self, n: int, i: int, child: Child, social_worker: User, placement: Placement, kind: str
    ) -> DemoMeeting:
        day = add_working_days(placement.end_date, LOOKING_BACK_AFTER_WORKING_DAYS)
        since = (self.today - day).days
        if since <= 0:
            status = MeetingStatus.PLANNED
        elif since <= 7:
            status = MeetingStatus.DRAFT
        elif since <= 14:
            status = MeetingStatus.AWAITING_AUTHORISATION
        else:
            status = MeetingStatus.AUTHORISED
        return self._demo_meeting(
            n=n,
            i=i,
            child=child,
            social_worker=social_worker,
            kind=kind,
            status=status,
            scheduled_at=at_hour(day, 10),
            arranged_at=at_hour(placement.end_date + datetime.timedelta(days=1), 9),
            household=placement.household,
            due_date=add_working_days(
                placement.end_date, DEFAULT_WORKING_DAYS_AFTER_ENDING[MeetingKind(kind)]
            ),
            placement=placement,
        )
