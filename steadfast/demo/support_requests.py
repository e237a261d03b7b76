"""Requests for help in the demo authority: every fostering household has asked for help at
least once (a request answered and closed some months ago), about one in four has asked lately,
and the demo carer's own household has a request in every state, so that each
screen has something to show: waiting to be acknowledged, late (not acknowledged in time),
acknowledged, answered, escalated because respite could not be found, escalated because it
was late, and closed. Rows are written directly, as the services would leave them; no emails.
All text is fictional."""

import datetime
import random
from dataclasses import dataclass

from django.utils import timezone

from steadfast.accounts.models import Team, User
from steadfast.core.working_days import add_working_days
from steadfast.households.models import Household, HouseholdMember
from steadfast.placements.models import Placement
from steadfast.support_requests import rules
from steadfast.support_requests.models import (
    HelpKind,
    HelpUrgency,
    SupportRequest,
    SupportRequestStatus,
    SupportRequestUpdate,
    UpdateKind,
)
from steadfast.support_requests.selectors import timescale_in_force

from .writing import at_hour, write_in_bulk

# One household in this many (besides the demo carer's) has asked for help lately.
ASKING_ONE_IN = 4

NEEDS = {
    HelpKind.RESPITE: "A weekend's break; the nights have been very hard lately (fictional).",
    HelpKind.THERAPY: "Therapy to help with nightmares and panic at bedtime (fictional).",
    HelpKind.ADVICE: "Advice on managing contact days, which unsettle everyone (fictional).",
    HelpKind.TRAINING: "Training in therapeutic parenting before the next placement (fictional).",
    HelpKind.VISIT: "A visit this week to talk through how things are going (fictional).",
    HelpKind.FINANCIAL: "Help with the cost of a school trip and new uniform (fictional).",
    HelpKind.OTHER: "A bigger car seat; the current one no longer fits (fictional).",
}
ANSWERS = (
    "A respite carer is booked for the first weekend of next month (fictional).",
    "A referral to the therapy service has been made; they will call within the week (fictional).",
    "The supervising social worker will visit on Thursday afternoon (fictional).",
    "A place on the next therapeutic parenting course is booked (fictional).",
)
NOT_OBTAINED = "No respite carer is free this month; the agency list has been tried too (fictional)."


@dataclass(frozen=True)
class _State:
    """How far a request got: days ago it was asked, and what happened after."""

    asked_days_ago: int
    acknowledged: bool = False
    answered: bool = False
    not_obtained: bool = False
    escalated_late: bool = False
    closed: bool = False


DONE = {"acknowledged": True, "answered": True, "closed": True}
# Every state, as the demo carer's household has them.
EVERY_STATE = (
    _State(asked_days_ago=0),
    _State(asked_days_ago=7),  # late: not acknowledged in time
    _State(asked_days_ago=1, acknowledged=True),
    _State(asked_days_ago=20, acknowledged=True, answered=True),
    _State(asked_days_ago=6, acknowledged=True, not_obtained=True),
    _State(asked_days_ago=14, escalated_late=True),
    _State(asked_days_ago=60, **DONE),
)


def seed_support_requests(
    *,
    households: list[Household],
    supervising_social_worker: dict[int, User],
    placements: list[Placement],
    carers: dict[int, list[HouseholdMember]],
    today: datetime.date,
    seed: int,
) -> int:
    """Write the requests and their histories in bulk, with their field-history rows. Returns
    how many requests were written."""
    rng = random.Random(f"{seed}-support-requests")
    now = timezone.now()
    timescale = timescale_in_force()
    placed_now: dict[int, list] = {}
    for placement in placements:
        if placement.household_id and placement.end_date is None and not placement.child.restricted:
            placed_now.setdefault(placement.household_id, []).append(placement.child)
    team_managers = dict(Team.objects.values_list("pk", "manager_id"))

    def manager_of(worker: User) -> int | None:
        return team_managers.get(worker.team_id) or worker.line_manager_id

    plans: list[tuple[Household, _State]] = [(households[0], state) for state in EVERY_STATE]
    for household in households[1:]:
        plans.append((household, _State(asked_days_ago=rng.randrange(60, 180), **DONE)))
        if rng.randrange(ASKING_ONE_IN) == 0:
            plans += [(household, rng.choice(EVERY_STATE)) for _ in range(rng.choice((1, 1, 2)))]

    requests, steps = [], []
    for household, state in plans:
        ssw = supervising_social_worker[household.pk]
        carer = next((m.user for m in carers.get(household.pk, []) if m.user_id), None)
        asker = carer or ssw
        children = placed_now.get(household.pk, [])
        kind = HelpKind.RESPITE if state.not_obtained else rng.choice(HelpKind.values)
        urgency = HelpUrgency.URGENT if state.not_obtained else rng.choice(HelpUrgency.values)
        asked_on = today - datetime.timedelta(days=state.asked_days_ago)
        # During the working day it was asked, or, for one asked today, no later than now.
        asked_at = min(at_hour(asked_on, 9 + rng.randrange(8)), now)
        due = rules.due_dates(asked_on=asked_on, urgency=urgency, timescale=timescale)
        request = SupportRequest(
            household=household,
            child=rng.choice(children) if children and rng.random() < 0.6 else None,
            kind=kind,
            urgency=urgency,
            what_is_needed=NEEDS[kind],
            on_behalf_of_carer=carer is None,
            status=SupportRequestStatus.AWAITING_ACKNOWLEDGEMENT,
            asked_at=asked_at,
            acknowledgement_due=due.acknowledgement,
            response_due=due.response,
            created_by=asker,
            updated_by=asker,
        )
        history = [(UpdateKind.ASKED, request.what_is_needed, asked_at, asker)]
        if state.acknowledged:
            request.acknowledged_at = asked_at + datetime.timedelta(hours=3)
            request.acknowledged_by = ssw
            request.status = SupportRequestStatus.ACKNOWLEDGED
            history.append((UpdateKind.ACKNOWLEDGED, "", request.acknowledged_at, ssw))
        if state.answered:
            request.responded_at = at_hour(min(add_working_days(asked_on, 1), today), 14)
            request.responded_by, request.response = ssw, rng.choice(ANSWERS)
            request.status = SupportRequestStatus.RESPONDED
            history.append((UpdateKind.RESPONDED, request.response, request.responded_at, ssw))
        if state.not_obtained or state.escalated_late:
            if state.not_obtained:
                when, by, step, text = (
                    at_hour(today - datetime.timedelta(days=1), 11),
                    ssw,
                    UpdateKind.NOT_OBTAINED,
                    NOT_OBTAINED,
                )
                reason = rules.needs_escalation(request, today, service_not_obtained=NOT_OBTAINED)
            else:
                day = request.acknowledgement_due + datetime.timedelta(days=1)
                reason = rules.needs_escalation(request, day)
                when, by, step, text = at_hour(day, 7), None, UpdateKind.ESCALATED, reason
            request.status = SupportRequestStatus.ESCALATED
            request.escalated_at, request.escalation_reason = when, reason
            request.escalated_to_id = manager_of(ssw)
            history.append((step, text, when, by))
        if state.closed:
            request.closed_at = request.responded_at + datetime.timedelta(days=7)
            request.status = SupportRequestStatus.CLOSED
            history.append(
                (
                    UpdateKind.CLOSED,
                    "The carers say the help made a difference (fictional).",
                    request.closed_at,
                    ssw,
                )
            )
        request.updated_by = history[-1][3] or ssw
        requests.append(request)
        steps.append(history)

    written = write_in_bulk(requests, SupportRequest)
    write_in_bulk(
        [
            SupportRequestUpdate(
                request=request, kind=kind, text=text, occurred_at=at, created_by=by, updated_by=by
            )
            for request, history in zip(written, steps, strict=True)
            for kind, text, at, by in history
        ],
        SupportRequestUpdate,
    )
    return len(written)
