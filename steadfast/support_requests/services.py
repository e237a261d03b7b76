"""Asking for help, and the fostering service acknowledging, answering, escalating and
closing the request. Every step is a row of the request's history and an audit event."""

import datetime

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone

from steadfast.accounts import access
from steadfast.accounts.models import Role, User
from steadfast.children.models import Child
from steadfast.core.services import create_audited, refuse_if_stale, update_audited
from steadfast.households.models import Household
from steadfast.placements.selectors import children_placed_with_carer

from . import notifications, rules
from .models import (
    HelpKind,
    HelpUrgency,
    SupportRequest,
    SupportRequestStatus,
    SupportRequestUpdate,
    UpdateKind,
)
from .selectors import manager_to_escalate_to, support_requests_needing_escalation, timescale_in_force

SUPPORT_REQUEST_ASKED = "SUPPORT_REQUEST_ASKED"
SUPPORT_REQUEST_ACKNOWLEDGED = "SUPPORT_REQUEST_ACKNOWLEDGED"
SUPPORT_REQUEST_RESPONDED = "SUPPORT_REQUEST_RESPONDED"
SUPPORT_REQUEST_ESCALATED = "SUPPORT_REQUEST_ESCALATED"
SUPPORT_REQUEST_CLOSED = "SUPPORT_REQUEST_CLOSED"

NOT_ALLOWED_TO_ASK = (
    "Only the household's carers, or its supervising social worker or fostering team manager on "
    "their behalf, can ask for help for this household."
)
NOT_ALLOWED_TO_ACT = "Only the household's supervising social worker or fostering team manager can do this."
WHAT_IS_NEEDED = "Say what help is needed"
KIND_NEEDED = "Choose what kind of help is needed"
URGENCY_NEEDED = "Choose how soon the help is needed"
CHILD_NOT_PLACED = "Choose a child who lives with the household now, or the household as a whole"
ALREADY_ACKNOWLEDGED = "This request for help has already been acknowledged."
NOT_OPEN = "This request for help is closed or already answered."
ALREADY_CLOSED = "This request for help is already closed."
ALREADY_ESCALATED = "This request for help is already with a manager."
RESPONSE_NEEDED = "Say what will happen, or what was provided"
WHY_NOT_OBTAINED = "Say what could not be obtained, and why"
ESCALATION_REASON_NEEDED = "Say why a manager needs to look at this"
CLOSING_NOTE_NEEDED = "Say why the request is being closed"


def _note(
    request: SupportRequest, *, actor: User | None, kind: str, text: str, at: datetime.datetime
) -> None:
    update = SupportRequestUpdate(
        request=request, kind=kind, text=text, occurred_at=at, created_by=actor, updated_by=actor
    )
    update._history_user = actor
    update.save()


def _locked_to_act(
    actor: User, support_request: SupportRequest, seen_version: int | None = None
) -> SupportRequest:
    """The request, locked for the step, once the actor is known to be allowed to take it, and
    refused with StaleEditError when it changed after the version the person's form was drawn
    from (`seen_version`; left out where no form is involved)."""
    request = (
        SupportRequest.objects.select_for_update(of=("self",))
        .select_related("household")
        .get(pk=support_request.pk)
    )
    if not access.can_record_fostering_work(actor, request.household):
        raise ValidationError(NOT_ALLOWED_TO_ACT)
    if seen_version is not None:
        refuse_if_stale(request, seen_version)
    return request


def _record_step(
    request: SupportRequest,
    *,
    actor: User | None,
    fields: list[str],
    event_type: str,
    kind: str,
    text: str,
    at: datetime.datetime,
    details: dict | None = None,
) -> None:
    """Save the changed fields with their audit event, and add the step to the history."""
    update_audited(
        request,
        actor=actor,
        fields=fields,
        event_type=event_type,
        child=request.child_id,
        household=request.household_id,
        details=details,
    )
    _note(request, actor=actor, kind=kind, text=text, at=at)


@transaction.atomic
def ask_for_help(
    *,
    actor: User,
    household: Household,
    child: Child | None,
    kind: HelpKind | str,
    urgency: HelpUrgency | str,
    what_is_needed: str,
) -> SupportRequest:
    """Record that the household's carers ask for help, for the household or for one child
    living there now, work out when it must be acknowledged and answered, and tell the
    supervising social worker once saved. Refused whole, saving nothing, when anything is wrong."""
    if not access.can_ask_for_help(actor, household):
        raise ValidationError(NOT_ALLOWED_TO_ASK)
    errors = {}
    if kind not in HelpKind.values:
        errors["kind"] = KIND_NEEDED
    if urgency not in HelpUrgency.values:
        errors["urgency"] = URGENCY_NEEDED
    if not what_is_needed.strip():
        errors["what_is_needed"] = WHAT_IS_NEEDED
    if child is not None and not children_placed_with_carer(actor, household).filter(pk=child.pk).exists():
        errors["child"] = CHILD_NOT_PLACED
    if errors:
        raise ValidationError(errors)
    now = timezone.now()
    due = rules.due_dates(asked_on=timezone.localdate(now), urgency=urgency, timescale=timescale_in_force())
    request = create_audited(
        SupportRequest(
            household=household,
            child=child,
            kind=kind,
            urgency=urgency,
            what_is_needed=what_is_needed.strip(),
            on_behalf_of_carer=actor.role != Role.FOSTER_CARER,
            asked_at=now,
            acknowledgement_due=due.acknowledgement,
            response_due=due.response,
        ),
        actor=actor,
        event_type=SUPPORT_REQUEST_ASKED,
        child=child,
        household=household,
        details={"kind": str(kind), "urgency": str(urgency)},
    )
    _note(request, actor=actor, kind=UpdateKind.ASKED, text=request.what_is_needed, at=now)
    transaction.on_commit(lambda: notifications.tell_about_request(request))
    return request


@transaction.atomic
def acknowledge_support_request(
    *, actor: User, support_request: SupportRequest, note: str = "", seen_version: int | None = None
) -> SupportRequest:
    """The fostering service has seen the request and says so."""
    request = _locked_to_act(actor, support_request, seen_version)
    if not request.is_open:
        raise ValidationError(NOT_OPEN)
    if request.acknowledged_at is not None:
        raise ValidationError(ALREADY_ACKNOWLEDGED)
    now = timezone.now()
    request.acknowledged_at, request.acknowledged_by = now, actor
    if request.status == SupportRequestStatus.AWAITING_ACKNOWLEDGEMENT:
        request.status = SupportRequestStatus.ACKNOWLEDGED
    _record_step(
        request,
        actor=actor,
        fields=["acknowledged_at", "acknowledged_by", "status"],
        event_type=SUPPORT_REQUEST_ACKNOWLEDGED,
        kind=UpdateKind.ACKNOWLEDGED,
        text=note.strip(),
        at=now,
    )
    return request


@transaction.atomic
def respond_to_support_request(
    *, actor: User, support_request: SupportRequest, response: str, seen_version: int | None = None
) -> SupportRequest:
    """Say what will happen, or what was provided. Answering acknowledges too, and the carers
    are emailed that it was answered (naming no child)."""
    request = _locked_to_act(actor, support_request, seen_version)
    if not request.is_open:
        raise ValidationError(NOT_OPEN)
    if not response.strip():
        raise ValidationError({"response": RESPONSE_NEEDED})
    now = timezone.now()
    fields = ["responded_at", "responded_by", "response", "status"]
    if request.acknowledged_at is None:
        request.acknowledged_at, request.acknowledged_by = now, actor
        fields += ["acknowledged_at", "acknowledged_by"]
    request.responded_at, request.responded_by = now, actor
    request.response = response.strip()
    request.status = SupportRequestStatus.RESPONDED
    _record_step(
        request,
        actor=actor,
        fields=fields,
        event_type=SUPPORT_REQUEST_RESPONDED,
        kind=UpdateKind.RESPONDED,
        text=request.response,
        at=now,
    )
    transaction.on_commit(lambda: notifications.tell_carers(request))
    return request


def _escalate(
    request: SupportRequest, *, actor: User | None, reason: str, kind: str, text: str
) -> SupportRequest:
    now = timezone.now()
    request.status = SupportRequestStatus.ESCALATED
    request.escalated_at = now
    request.escalation_reason = reason
    request.escalated_to = manager_to_escalate_to(request.household)
    _record_step(
        request,
        actor=actor,
        fields=["status", "escalated_at", "escalation_reason", "escalated_to"],
        event_type=SUPPORT_REQUEST_ESCALATED,
        kind=kind,
        text=text,
        at=now,
        details={"why": kind, "escalated_to": request.escalated_to_id},
    )
    transaction.on_commit(lambda: notifications.tell_about_escalation(request))
    transaction.on_commit(lambda: notifications.tell_carers(request, escalated=True))
    return request


@transaction.atomic
def record_service_not_obtained(
    *, actor: User, support_request: SupportRequest, why: str, seen_version: int | None = None
) -> SupportRequest:
    """The help asked for could not be obtained: the request goes to the fostering team manager,
    who is told by email with the supervising social worker."""
    request = _locked_to_act(actor, support_request, seen_version)
    if request.status == SupportRequestStatus.CLOSED:
        raise ValidationError(ALREADY_CLOSED)
    if not why.strip():
        raise ValidationError({"why": WHY_NOT_OBTAINED})
    reason = rules.needs_escalation(request, timezone.localdate(), service_not_obtained=why)
    return _escalate(request, actor=actor, reason=reason, kind=UpdateKind.NOT_OBTAINED, text=why.strip())


@transaction.atomic
def escalate_support_request(
    *, actor: User, support_request: SupportRequest, reason: str, seen_version: int | None = None
) -> SupportRequest:
    """The supervising social worker takes the request to their manager, saying why."""
    request = _locked_to_act(actor, support_request, seen_version)
    if not request.is_open:
        raise ValidationError(NOT_OPEN)
    if request.status == SupportRequestStatus.ESCALATED:
        raise ValidationError(ALREADY_ESCALATED)
    if not reason.strip():
        raise ValidationError({"reason": ESCALATION_REASON_NEEDED})
    return _escalate(
        request, actor=actor, reason=reason.strip(), kind=UpdateKind.ESCALATED, text=reason.strip()
    )


@transaction.atomic
def escalate_late_support_requests(*, today: datetime.date) -> list[SupportRequest]:
    """Take every late request not yet with a manager to the fostering team manager, saying
    why. A request already escalated is left as it is, so running this again changes nothing."""
    escalated = []
    for request in support_requests_needing_escalation(today=today).select_for_update(of=("self",)):
        reason = rules.needs_escalation(request, today)
        if reason:
            escalated.append(
                _escalate(request, actor=None, reason=reason, kind=UpdateKind.ESCALATED, text=reason)
            )
    return escalated


@transaction.atomic
def close_support_request(
    *, actor: User, support_request: SupportRequest, note: str, seen_version: int | None = None
) -> SupportRequest:
    """Nothing more is to be done: say why."""
    request = _locked_to_act(actor, support_request, seen_version)
    if request.status == SupportRequestStatus.CLOSED:
        raise ValidationError(ALREADY_CLOSED)
    if not note.strip():
        raise ValidationError({"note": CLOSING_NOTE_NEEDED})
    now = timezone.now()
    request.status, request.closed_at = SupportRequestStatus.CLOSED, now
    _record_step(
        request,
        actor=actor,
        fields=["status", "closed_at"],
        event_type=SUPPORT_REQUEST_CLOSED,
        kind=UpdateKind.CLOSED,
        text=note.strip(),
        at=now,
    )
    return request
