"""What goes on a demo meeting's record once its invitees have ids: the points in its three
columns, each member's stability score, the Stability Actions (proposed until the plan is
authorised, then agreed; some past their date) and who the authorised minutes went to. A draft
is still missing some of each; a past meeting keeps fewer, to keep the demo quick to build."""

import datetime

from django.utils import timezone

from steadfast.concerns.models import MeetingKind
from steadfast.core.working_days import add_working_days
from steadfast.meetings.models import (
    ActionStatus,
    Basis,
    Column,
    Invitee,
    InviteeRole,
    MeetingPoint,
    MeetingStatus,
    MinutesCirculation,
    OwnerKind,
    PointMarker,
    ReviewOutcome,
    SentBy,
    StabilityAction,
    StabilityScore,
)
from steadfast.placements.rules import age_on

from .builder import Builder
from .meetings import DemoMeeting
from .rules import working_day_on_or_after, working_day_on_or_before

# Each present member's score and reason, by role; the demo varies them a little.
SCORES = {
    InviteeRole.CHILD: (7, "I like living here, but the rows at bedtime make me want to leave."),
    InviteeRole.CARER: (4, "We love having them, but I am running on empty without a break."),
    InviteeRole.SOCIAL_WORKER: (5, "The relationship is strong; the risk is the carer's exhaustion."),
    InviteeRole.SUPERVISING_SOCIAL_WORKER: (6, "The carers are committed and take up the support offered."),
    InviteeRole.TEAM_MANAGER: (5, "Good foundations, but the missing nights need a plan this week."),
    InviteeRole.IRO: (6, "The child's wishes are clear and the plan follows them."),
}
# The three columns: (column, text, basis, marker, who said it).
POINTS = (
    (
        Column.WORRIED,
        "Two missing nights this month, both after contact.",
        Basis.FACT,
        PointMarker.HARM,
        InviteeRole.SOCIAL_WORKER,
    ),
    (
        Column.WORRIED,
        "Without a break the carer may give notice.",
        Basis.HYPOTHESIS,
        PointMarker.RISK,
        InviteeRole.SUPERVISING_SOCIAL_WORKER,
    ),
    (
        Column.WORRIED,
        "Contact is often cancelled at short notice.",
        Basis.FACT,
        PointMarker.COMPLICATING,
        InviteeRole.CARER,
    ),
    (
        Column.WORKING_WELL,
        "They cook together every Sunday and both look forward to it.",
        Basis.FACT,
        PointMarker.STRENGTH,
        InviteeRole.CARER,
    ),
    (
        Column.WORKING_WELL,
        "The carer always knows where they are after school.",
        Basis.OPINION,
        PointMarker.SAFETY,
        InviteeRole.CHILD,
    ),
    (
        Column.NEEDS_TO_HAPPEN,
        "Two weekends of respite before half term.",
        Basis.OPINION,
        "",
        InviteeRole.CARER,
    ),
    (
        Column.NEEDS_TO_HAPPEN,
        "A plan for contact that mum can keep.",
        Basis.OPINION,
        "",
        InviteeRole.TEAM_MANAGER,
    ),
)
# A past meeting's three columns keep one point each, to keep the demo quick to build.
PAST_POINTS = tuple(next(point for point in POINTS if point[0] == column) for column in Column)
# Stability Actions: (owner kind, what, how everyone will know it worked, days after the meeting).
ACTIONS = (
    (
        OwnerKind.WORKER,
        "Arrange two weekends of respite with a known respite carer",
        "The carer says she feels rested and both weekends go ahead",
        14,
    ),
    (
        OwnerKind.CARER,
        "Keep a short daily note of bedtimes after contact",
        "The notes show fewer hard nights over four weeks",
        28,
    ),
    (
        OwnerKind.AGENCY,
        "Offer an appointment about sleep and worries after contact",
        "An appointment is offered and the child says whether it helped",
        63,
    ),
)
REVIEW_ACTIONS = (
    (
        OwnerKind.WORKER,
        "Agree a written contact plan with mum that she can keep",
        "Contact goes ahead as planned six weeks running",
        14,
    ),
    (
        OwnerKind.AGENCY,
        "Meet school about a return to a full timetable",
        "A full timetable by half term, with no exclusions",
        56,
    ),
)
AGENCIES = {
    ACTIONS[2][1]: "Northbridge CAMHS (fictional)",
    REVIEW_ACTIONS[1][1]: "Virtual School Northbridge (fictional)",
}

# A review with one of these outcomes closes the plan: no more actions and no next review.
ENDING_OUTCOMES = (ReviewOutcome.PLANNED_MOVE, ReviewOutcome.PLACEMENT_ENDED)


class MeetingRecordsBuilder(Builder):
    """The record of a meeting, once its invitees have ids."""

    @staticmethod
    def _present(m: DemoMeeting) -> list[Invitee]:
        return [invitee for invitee in m.invitees if invitee.attended]

    def _points(self, m: DemoMeeting) -> list[MeetingPoint]:
        if not m.held or m.meeting.looks_back:
            return []
        present = self._present(m)
        by_role = {}
        for invitee in present:
            by_role.setdefault(invitee.role, invitee)
        fallback = by_role.get(InviteeRole.SOCIAL_WORKER, present[0])
        draft = m.meeting.status == MeetingStatus.DRAFT
        points = PAST_POINTS if m.past else POINTS[:4] if draft else POINTS
        return [
            MeetingPoint(
                meeting=m.meeting,
                column=column,
                text=text,
                said_by=by_role.get(role, fallback),
                basis=basis,
                marker=marker,
                created_by=m.recorder,
                updated_by=m.recorder,
            )
            for column, text, basis, marker, role in points
        ]

    def _scores(self, m: DemoMeeting) -> list[StabilityScore]:
        """Every member present scores, each differently; a draft is still missing some."""
        if not m.held or m.meeting.looks_back:
            return []
        present = self._present(m)
        if m.meeting.status == MeetingStatus.DRAFT:
            present = [p for p in present if p.role in (InviteeRole.CARER, InviteeRole.SOCIAL_WORKER)]
        lift = 2 if m.meeting.kind == MeetingKind.REVIEW else 0
        scores = [
            StabilityScore(
                meeting=m.meeting,
                invitee=invitee,
                score=max(0, min(10, SCORES[InviteeRole(invitee.role)][0] + lift + self.rng.randint(-1, 1))),
                reason=SCORES[InviteeRole(invitee.role)][1],
                created_by=m.recorder,
                updated_by=m.recorder,
            )
            for invitee in present
        ]
        if len(scores) > 1 and len({s.score for s in scores}) == 1:
            # Members see a home differently; the demo never shows them all agreeing.
            scores[0].score += -1 if scores[0].score > 0 else 1
        return scores

    def _actions(self, m: DemoMeeting) -> list[StabilityAction]:
        """Proposed until the plan is authorised, then agreed. Some agreed ones are past their
        date, so the Child's Plan shows them overdue."""
        meeting = m.meeting
        closed = meeting.looks_back or meeting.outcome in ENDING_OUTCOMES
        if meeting.status in (MeetingStatus.PLANNED, MeetingStatus.CANCELLED) or closed:
            return []
        planned = REVIEW_ACTIONS if meeting.kind == MeetingKind.REVIEW else ACTIONS
        if meeting.status == MeetingStatus.DRAFT:
            planned = planned[:1]
        status = ActionStatus.AGREED if meeting.status == MeetingStatus.AUTHORISED else ActionStatus.PROPOSED
        carers = [i for i in m.invitees if i.role == InviteeRole.CARER]
        day = timezone.localdate(meeting.scheduled_at)
        actions = []
        for owner_kind, what, measure, days in planned:
            owner, owner_name = None, ""
            if owner_kind == OwnerKind.WORKER:
                owner = m.supervising_social_worker or m.social_worker
            elif owner_kind == OwnerKind.CARER:
                if carers:
                    owner_name = carers[0].name
                else:
                    owner_kind, owner_name = OwnerKind.NAMED_PERSON, "The child's key worker at the home"
            else:
                owner_name = AGENCIES[what]
            actions.append(
                StabilityAction(
                    meeting=meeting,
                    child=meeting.child,
                    what=what,
                    owner_kind=owner_kind,
                    owner=owner,
                    owner_name=owner_name,
                    due_date=working_day_on_or_after(day + datetime.timedelta(days=days)),
                    measure=measure,
                    status=status,
                    created_by=m.recorder,
                    updated_by=m.authoriser if status == ActionStatus.AGREED else m.recorder,
                )
            )
        return actions

    def _circulation(self, m: DemoMeeting) -> list[MinutesCirculation]:
        """The authorised minutes went to the carers always, and to the workers and the child
        old enough to read them. A past meeting's record keeps the carers' and the child's
        copies only, to keep the demo quick to build."""
        if not m.circulate:
            return []
        # The next working day, or the latest before seeding, but never before authorisation.
        authorised_on = timezone.localdate(m.meeting.authorised_at)
        sent_on = max(
            authorised_on,
            min(add_working_days(authorised_on, 1), working_day_on_or_before(self.today)),
        )
        age = age_on(m.meeting.child.date_of_birth, sent_on)
        rows = []
        for invitee in m.invitees:
            if invitee.role == InviteeRole.CHILD:
                if age < 12:
                    continue
                sent_by = SentBy.BY_HAND
            elif invitee.role == InviteeRole.CARER:
                sent_by = SentBy.PORTAL if invitee.user else SentBy.POST
            elif m.past:
                continue
            else:
                sent_by = SentBy.EMAIL
            rows.append(
                MinutesCirculation(
                    meeting=m.meeting,
                    invitee=invitee,
                    sent_on=sent_on,
                    sent_by=sent_by,
                    created_by=m.social_worker,
                    updated_by=m.social_worker,
                )
            )
        return rows
