"""The demo authority's recent stability concerns: in every state, some late, for one child in
eight (`DEMO_CONCERN_STATES`); and, for the demo social worker's own children, a concern with a
meeting in each state of `DEMO_MEETING_STATES`, so that signing in as them, or as their manager,
shows a meeting in every state. Each decided concern has its manager's oversight note."""

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
from steadfast.meetings.models import MeetingStatus
from steadfast.placements.models import Placement

from .builder import Builder
from .meetings import CANCELLED_MEETING_STATE, DEMO_MEETING_STATES
from .rules import working_day_on_or_before
from .writing import at_hour, write_in_bulk

# The states the demo's concerns are in, in turn: waiting and in time, waiting and late, a
# meeting to arrange, another response agreed, and a meeting arranged.
DEMO_CONCERN_STATES = (
    {
        "days_ago": 1,
        "urgency": Urgency.BREAKDOWN_IMMINENT,
        "raised_by": RaisedBy.CARER,
        "status": ConcernStatus.AWAITING_TRIAGE,
        "response": "",
        "meeting_kind": "",
        "reason": "",
        "what": "The carer rang the duty line: two nights missing this week; she is exhausted (fictional).",
    },
    {
        "days_ago": 21,
        "urgency": Urgency.UNDER_PRESSURE,
        "raised_by": RaisedBy.CHILD,
        "status": ConcernStatus.AWAITING_TRIAGE,
        "response": "",
        "meeting_kind": "",
        "reason": "",
        "what": "Told their social worker they want to leave because of rows with another child (fictional).",
    },
    {
        "days_ago": 4,
        "urgency": Urgency.BREAKDOWN_IMMINENT,
        "raised_by": RaisedBy.SUPERVISING_SOCIAL_WORKER,
        "status": ConcernStatus.MEETING_TO_ARRANGE,
        "response": Response.MEETING,
        "meeting_kind": MeetingKind.PLACEMENT_STABILITY,
        "reason": "The network needs to meet this week to plan support (fictional).",
        "what": "Carer's logs show growing frustration after a school exclusion (fictional).",
    },
    {
        "days_ago": 30,
        "urgency": Urgency.PREVENTIVE,
        "raised_by": RaisedBy.SOCIAL_WORKER,
        "status": ConcernStatus.OTHER_RESPONSE,
        "response": Response.JOINT_VISIT,
        "meeting_kind": "",
        "reason": "A joint visit first: the carer and child both say things are settling (fictional).",
        "what": "Contact with birth family has unsettled the child at bedtimes (fictional).",
    },
    {
        # When it was raised, how urgent it was and the kind of meeting come from the meeting
        # arranged for it: see DEMO_MEETING_STATES.
        "days_ago": None,
        "urgency": None,
        "raised_by": RaisedBy.CARER,
        "status": ConcernStatus.MEETING_ARRANGED,
        "response": Response.MEETING,
        "meeting_kind": None,
        "reason": "Everyone around the home needs to meet to agree the support (fictional).",
        "what": "The carer says she may not be able to go on after a month of missing nights (fictional).",
    },
)


def oversight_note(
    concern: StabilityConcern, *, interim_support: str, manager: User
) -> ManagementOversightNote:
    """The management oversight note of a manager's decision on a demo concern."""
    return ManagementOversightNote(
        concern=concern,
        child=concern.child,
        household=concern.household,
        decision=f"{Response(concern.response).label}: {concern.response_reason}",
        interim_support=interim_support,
        created_by=manager,
        updated_by=manager,
    )


class ConcernsBuilder(Builder):
    """The recent stability concerns, and which of them have a meeting arranged, in which state."""

    @staticmethod
    def _home_on(homes: list[Placement], day: datetime.date) -> Placement | None:
        """The placement the child lived in on the day, if they were in care then."""
        for placement in homes:
            if placement.start_date <= day and (placement.end_date is None or day < placement.end_date):
                return placement
        return None

    def _concerns(
        self, children: list[Child], workers: list[User], homes: dict[int, list[Placement]]
    ) -> list[tuple[int, StabilityConcern, dict]]:
        """Concerns in every state, some late, for one child in eight; and for the demo social
        worker's own children, a concern with a meeting in each of DEMO_MEETING_STATES, so that
        signing in as them, or as their manager, shows a meeting in every state. Returns the
        concerns whose meeting is arranged: each child's index, the concern and its meeting's state."""
        manager = self.named["team.manager"]
        chosen = []
        arranged_count = 0
        for i in range(0, len(children), 8):
            state = DEMO_CONCERN_STATES[(i // 8) % len(DEMO_CONCERN_STATES)]
            meeting_state = None
            if state["status"] == ConcernStatus.MEETING_ARRANGED:
                meeting_state = self._meeting_state_for(homes[children[i].pk], arranged_count)
                arranged_count += 1
            chosen.append((i, state, meeting_state))
        arranged_state = next(s for s in DEMO_CONCERN_STATES if s["status"] == ConcernStatus.MEETING_ARRANGED)
        chosen += [
            (i, arranged_state, meeting_state)
            for i, meeting_state in self._demo_worker_meetings(
                children, workers, homes, taken={i for i, _, _ in chosen}
            )
        ]
        concerns, triaged, with_meetings = [], [], []
        for i, state, meeting_state in chosen:
            if meeting_state is not None:
                state = {**state, **{k: meeting_state[k] for k in ("days_ago", "urgency", "meeting_kind")}}
                if meeting_state["status"] == MeetingStatus.CANCELLED:
                    state["status"] = ConcernStatus.MEETING_TO_ARRANGE
            # Raised in working hours, `days_ago` days before seeding or on the working day before.
            raised_on = working_day_on_or_before(self.today - datetime.timedelta(days=state["days_ago"]))
            raised_at = at_hour(raised_on, 8 + self.rng.randint(1, 8))
            home = self._home_on(homes[children[i].pk], timezone.localdate(raised_at))
            concern = StabilityConcern(
                child=children[i],
                household=home.household if home else None,
                raised_at=raised_at,
                raised_by=state["raised_by"],
                factors=self.rng.sample(InstabilityFactor.values, 2),
                what_is_happening=state["what"],
                urgency=state["urgency"],
                due_date=add_working_days(
                    timezone.localdate(raised_at), DEFAULT_WORKING_DAYS[Urgency(state["urgency"])]
                ),
                status=state["status"],
                created_by=workers[i],
                updated_by=workers[i],
            )
            if state["response"]:
                concern.response = state["response"]
                concern.meeting_kind = state["meeting_kind"]
                concern.response_reason = state["reason"]
                # Decided the same day.
                concern.triaged_by, concern.triaged_at = manager, raised_at + datetime.timedelta(hours=2)
                triaged.append(concern)
            if meeting_state is not None:
                with_meetings.append((i, concern, meeting_state))
            concerns.append(concern)
        write_in_bulk(concerns, StabilityConcern)
        self.concerns = concerns
        write_in_bulk(
            [
                oversight_note(
                    c,
                    interim_support="Weekly visits from the supervising social worker until the meeting.",
                    manager=manager,
                )
                for c in triaged
            ],
            ManagementOversightNote,
        )
        return with_meetings

    def _meeting_state_for(self, homes: list[Placement], n: int) -> dict:
        """The n-th meeting state in turn, or, for a child who came into care since its concern
        would have been raised, the first that fits their time in care."""
        entered = homes[0].start_date
        fits = [
            s
            for s in DEMO_MEETING_STATES
            if entered <= self.today - datetime.timedelta(days=s["days_ago"] + 1)
        ]
        state = DEMO_MEETING_STATES[n % len(DEMO_MEETING_STATES)]
        return state if state in fits or not fits else fits[0]

    def _demo_worker_meetings(
        self, children: list[Child], workers: list[User], homes: dict[int, list[Placement]], taken: set[int]
    ) -> list[tuple[int, dict]]:
        """Which of the demo social worker's children has a meeting in each of
        DEMO_MEETING_STATES: children with no concern yet, whose record their manager can see,
        each living with a fostering household when its concern was raised (and still there,
        where one is) so that the meeting has carers. A small caseload shares them out."""
        demo_worker = self.named["social.worker"]
        own = [
            i
            for i, worker in enumerate(workers)
            if worker.pk == demo_worker.pk and i not in taken and not children[i].restricted
        ]
        if not own:
            return []

        def misfit(i: int, day: datetime.date) -> int:
            home = self._home_on(homes[children[i].pk], day)
            if home is None or home.household is None:
                return 2
            return 0 if home.end_date is None else 1

        remaining = list(own)
        chosen = []
        # The longest-ago concerns choose first: fewer children were in a family home then.
        for state in sorted((*DEMO_MEETING_STATES, CANCELLED_MEETING_STATE), key=lambda s: -s["days_ago"]):
            raised = self.today - datetime.timedelta(days=state["days_ago"] + 1)
            pick = min(remaining or own, key=lambda i, raised=raised: (misfit(i, raised), i))
            if pick in remaining:
                remaining.remove(pick)
            chosen.append((pick, state))
        return chosen
