"""Writing the demo authority's two years of past stability work, as `demo.history` draws it:
disruption meetings and learning circles after most endings of the last eighteen months, each
with its learning themes; and past concerns about homes, each decided with an oversight note,
with the stability meetings they led to, each plan authorised (most in time) and reviewed while
the home lasted. Drawn from a random stream of its own."""

import datetime

from django.utils import timezone

from steadfast.accounts.models import User
from steadfast.children.models import Child
from steadfast.concerns.models import (
    ConcernStatus,
    InstabilityFactor,
    ManagementOversightNote,
    MeetingKind,
    RaisedBy,
    Response,
    StabilityConcern,
    Urgency,
)
from steadfast.concerns.services import DEFAULT_WORKING_DAYS
from steadfast.core.working_days import add_working_days
from steadfast.meetings.models import ActionStatus, InviteeRole, MeetingStatus, ReviewOutcome
from steadfast.placements.models import Placement

from . import history as past
from .builder import Builder
from .concerns import oversight_note
from .meeting_records import ENDING_OUTCOMES
from .meetings import DemoMeeting
from .writing import at_hour, write_in_bulk

# The review of a past plan found each action done or not: none is left open.
PAST_ACTION_REVIEWS = (
    (ActionStatus.DONE, "Both respite weekends happened; the carer says she feels rested."),
    (ActionStatus.DONE, "The notes were kept for four weeks and show calmer bedtimes."),
    (ActionStatus.NOT_DONE, "The appointment was not offered before the review."),
)
# What the review of a past plan found, by its outcome.
PAST_REVIEW_SUMMARIES = {
    ReviewOutcome.HOME_STABLE: "The home has settled; the child wants to stay (fictional).",
    ReviewOutcome.PLANNED_MOVE: "A planned move was agreed, with introductions (fictional).",
    ReviewOutcome.PLACEMENT_ENDED: "The carers gave notice; the review agreed the move (fictional).",
}
# What the past concerns said, and why a meeting or another response was chosen.
PAST_CONCERNS = (
    "The carer says bedtimes have become a battle since contact changed (fictional).",
    "School reports two exclusions this term and the carer is worn down (fictional).",
    "The child has gone missing overnight twice this month (fictional).",
    "Rows between the child and another child placed are getting worse (fictional).",
)
# The child's views on an invitee's row: cleared where none were recorded before a past meeting.
CHILDS_VIEWS = ("views_gathered", "worries", "working_well", "needs_to_happen", "support_offered")
PAST_MEETING_REASON = "The network needs to meet to agree the support the home needs (fictional)."
PAST_OTHER_RESPONSES = (Response.JOINT_VISIT, Response.SUPERVISORY_VISIT)
PAST_OTHER_REASON = "A visit first: the carer and child both say things are settling (fictional)."


class PastStabilityWorkBuilder(Builder):
    """Two years of past stability work, as `demo.history` draws it."""

    def _past_stability_work(
        self,
        children: list[Child],
        workers: list[User],
        homes: dict[int, list[Placement]],
        *,
        taken: set[int],
        first: int,
    ) -> list[DemoMeeting]:
        """Disruption meetings and learning circles after most endings of the last eighteen
        months not yet looked back on, each with its learning themes; and past concerns about
        homes of the last two years, written here, with the stability meetings they led to, each
        plan authorised (most in time) and reviewed while the home lasted. Returns the meetings,
        the first numbered `first`."""
        rng = self.history_rng
        by_child = [(i, homes[child.pk]) for i, child in enumerate(children)]
        meetings: list[DemoMeeting] = []
        for i, placement in past.endings_looked_back_on(by_child, today=self.today, rng=rng, taken=taken):
            kind = MeetingKind.LEARNING_CIRCLE if placement.ending_planned else MeetingKind.DISRUPTION
            m = self._looking_back_meeting(first + len(meetings), i, children[i], workers[i], placement, kind)
            if m.meeting.themes:
                m.meeting.themes = past.learning_themes(rng)
            meetings.append(m)
        troubles = past.past_troubles(by_child, today=self.today, rng=rng)
        concerns = [self._past_concern(t, children[t.child_index], workers[t.child_index]) for t in troubles]
        write_in_bulk(concerns, StabilityConcern)
        self.concerns += concerns
        write_in_bulk(
            [
                oversight_note(
                    c,
                    interim_support="Weekly visits from the supervising social worker.",
                    manager=c.triaged_by,
                )
                for c in concerns
            ],
            ManagementOversightNote,
        )
        for trouble, concern in zip(troubles, concerns, strict=True):
            if trouble.meeting_on is not None:
                meetings += self._past_meetings(first + len(meetings), trouble, concern, workers)
        for m in meetings:
            m.past = True
        return meetings

    def _past_concern(self, trouble: past.PastTrouble, child: Child, worker: User) -> StabilityConcern:
        rng = self.history_rng
        raised_at = at_hour(trouble.raised_on, rng.randint(9, 16))
        met = trouble.meeting_on is not None
        manager = self._team_manager(worker) or self.named["team.manager"]
        return StabilityConcern(
            child=child,
            household=trouble.placement.household,
            raised_at=raised_at,
            raised_by=rng.choice(RaisedBy.values),
            factors=rng.sample(InstabilityFactor.values, 2),
            what_is_happening=rng.choice(PAST_CONCERNS),
            urgency=trouble.urgency,
            due_date=add_working_days(trouble.raised_on, DEFAULT_WORKING_DAYS[Urgency(trouble.urgency)]),
            status=ConcernStatus.MEETING_ARRANGED if met else ConcernStatus.OTHER_RESPONSE,
            response=Response.MEETING if met else rng.choice(PAST_OTHER_RESPONSES),
            meeting_kind=trouble.meeting_kind if met else "",
            response_reason=PAST_MEETING_REASON if met else PAST_OTHER_REASON,
            triaged_by=manager,
            triaged_at=raised_at + datetime.timedelta(hours=2),
            created_by=worker,
            updated_by=worker,
        )

    def _past_meetings(
        self, n: int, trouble: past.PastTrouble, concern: StabilityConcern, workers: list[User]
    ) -> list[DemoMeeting]:
        """The authorised meeting a past concern led to, with or without the child's views, and
        the review of its plan."""
        i, child = trouble.child_index, concern.child
        first = self._demo_meeting(
            n=n,
            i=i,
            child=child,
            social_worker=workers[i],
            kind=trouble.meeting_kind,
            status=MeetingStatus.AUTHORISED,
            scheduled_at=at_hour(trouble.meeting_on, 10 if n % 2 else 14),
            arranged_at=concern.triaged_at + datetime.timedelta(hours=2),
            household=concern.household,
            due_date=concern.due_date,
            concern=concern,
        )
        meeting = first.meeting
        sent_on = timezone.localdate(meeting.submitted_at)
        meeting.authorised_at = at_hour(add_working_days(sent_on, trouble.authorised_after), 15)
        if not trouble.childs_views:
            for invitee in first.invitees:
                if invitee.role == InviteeRole.CHILD:
                    for name in CHILDS_VIEWS:
                        setattr(invitee, name, "")
                    invitee.views_recorded_by = invitee.views_recorded_at = None
        meeting.next_review_date = trouble.review_on
        review = self._demo_meeting(
            n=n + 1,
            i=i,
            child=child,
            social_worker=workers[i],
            kind=MeetingKind.REVIEW,
            status=MeetingStatus.AUTHORISED,
            scheduled_at=at_hour(trouble.review_on, 11),
            arranged_at=meeting.authorised_at + datetime.timedelta(days=1),
            household=meeting.household,
            due_date=trouble.review_on,
            reviews=meeting,
        )
        review.reviewed = first
        review.action_reviews = PAST_ACTION_REVIEWS
        review.meeting.outcome = trouble.review_outcome
        review.meeting.summary = PAST_REVIEW_SUMMARIES[ReviewOutcome(trouble.review_outcome)]
        if trouble.review_outcome in ENDING_OUTCOMES:
            review.meeting.next_review_date = None
        return [first, review]
