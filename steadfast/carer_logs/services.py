"""Writing a carer's log, the supervising social worker's review of it, and their reply to the
carers about it."""

import datetime

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone

from steadfast.accounts import access
from steadfast.accounts.models import Role, User
from steadfast.children.models import Child
from steadfast.core.services import create_audited, refuse_if_stale, update_audited
from steadfast.households.models import Household
from steadfast.supervision.selectors import children_placed_on

from . import notifications
from .models import CarerLog, CarerLogReply, LogCategory, SignificantEvent

CARER_LOG_WRITTEN = "CARER_LOG_WRITTEN"
CARER_LOG_REVIEWED = "CARER_LOG_REVIEWED"
CARER_LOG_REPLIED = "CARER_LOG_REPLIED"

NOT_ALLOWED_TO_WRITE = (
    "Only the household's carers, or its supervising social worker or fostering team manager, "
    "can write a log for this household."
)
NOT_ALLOWED_TO_REVIEW = (
    "Only a supervising social worker or fostering team manager with access to this household "
    "can review its logs."
)
DATE_IN_FUTURE = "The date must be today or in the past"
NOT_PLACED = "Choose a child who was living with the household on that date"
CATEGORY_NEEDED = "Choose what the log is about"
WHAT_HAPPENED_NEEDED = "Say what happened"
UNKNOWN_EVENT = "Choose a significant event from the list, or none"
ALREADY_REVIEWED = "This log has already been reviewed."
COMMENT_NEEDED = "Write a comment on the log"
DISCUSSED_IN_FUTURE = "The date it was discussed must be today or in the past"
DISCUSSED_BEFORE_LOG = "The date it was discussed cannot be before the date of the log"
NOT_ALLOWED_TO_REPLY = (
    "Only a supervising social worker or fostering team manager with access to this household "
    "can reply to its carers."
)
REPLY_NEEDED = "Write your reply to the carers"


def _works_with(actor: User, household: Household) -> bool:
    """The household's supervising social worker or fostering team manager, who can see it."""
    return (
        access.can_record_fostering_work(actor, household)
        and access.households_visible_to(actor).filter(pk=household.pk).exists()
    )


def _may_write(actor: User, household: Household) -> bool:
    if actor.role == Role.FOSTER_CARER:
        return access.fostering_access_to_household(actor, household)
    return _works_with(actor, household)


@transaction.atomic
def write_carer_log(
    *,
    actor: User,
    household: Household,
    child: Child,
    date: datetime.date,
    category: LogCategory | str,
    what_happened: str,
    significant_event: SignificantEvent | str = SignificantEvent.NONE,
) -> CarerLog:
    """Record a carer's log about a child placed with the household on its date. A significant
    event tells the child's social worker and the household's supervising social worker once
    saved. Refused whole, saving nothing, when anything is missing or cannot be true."""
    if not _may_write(actor, household):
        raise ValidationError(NOT_ALLOWED_TO_WRITE)
    errors: dict[str, str] = {}
    if date > timezone.localdate():
        errors["date"] = DATE_IN_FUTURE
    elif not children_placed_on(household, date).filter(pk=child.pk).exists() or not (
        access.children_named_on_household(actor, household).filter(pk=child.pk).exists()
    ):
        errors["child"] = NOT_PLACED
    if category not in LogCategory.values:
        errors["category"] = CATEGORY_NEEDED
    if not what_happened.strip():
        errors["what_happened"] = WHAT_HAPPENED_NEEDED
    if significant_event not in SignificantEvent.values:
        errors["significant_event"] = UNKNOWN_EVENT
    if errors:
        raise ValidationError(errors)
    log = create_audited(
        CarerLog(
            household=household,
            child=child,
            date=date,
            category=category,
            what_happened=what_happened.strip(),
            significant_event=significant_event,
        ),
        actor=actor,
        event_type=CARER_LOG_WRITTEN,
        child=child,
        household=household,
        details={"category": str(category), "significant_event": str(significant_event)},
    )
    if log.significant_event:
        transaction.on_commit(lambda: notifications.tell_about_significant_event(log))
    return log


@transaction.atomic
def review_carer_log(
    *,
    actor: User,
    log: CarerLog,
    comment: str,
    discussed_with_carer_on: datetime.date | None,
    seen_version: int | None = None,
) -> CarerLog:
    """The supervising social worker marks a log reviewed, with their comment and, when it was
    talked through with the carer, the date. A log is reviewed once. Refused with
    StaleEditError when the log changed after the version the person's form was drawn from
    (`seen_version`; left out where no form is involved)."""
    if not _works_with(actor, log.household):
        raise ValidationError(NOT_ALLOWED_TO_REVIEW)
    log = CarerLog.objects.select_for_update().get(pk=log.pk)
    if seen_version is not None:
        refuse_if_stale(log, seen_version)
    if log.reviewed_at is not None:
        raise ValidationError(ALREADY_REVIEWED)
    errors: dict[str, str] = {}
    if not comment.strip():
        errors["comment"] = COMMENT_NEEDED
    if discussed_with_carer_on is not None:
        if discussed_with_carer_on > timezone.localdate():
            errors["discussed_with_carer_on"] = DISCUSSED_IN_FUTURE
        elif discussed_with_carer_on < log.date:
            errors["discussed_with_carer_on"] = DISCUSSED_BEFORE_LOG
    if errors:
        raise ValidationError(errors)
    log.reviewed_at = timezone.now()
    log.reviewed_by = actor
    log.review_comment = comment.strip()
    log.discussed_with_carer_on = discussed_with_carer_on
    return update_audited(
        log,
        actor=actor,
        fields=["reviewed_at", "reviewed_by", "review_comment", "discussed_with_carer_on"],
        event_type=CARER_LOG_REVIEWED,
        child=log.child_id,
        household=log.household_id,
        details={"discussed": discussed_with_carer_on is not None},
    )


@transaction.atomic
def reply_to_carers(*, actor: User, log: CarerLog, reply: str) -> CarerLogReply:
    """The supervising social worker writes back to the carers about their log, before or after
    reviewing it; the carers read it on the log in their portal and are told there is a reply
    (naming no child) once it is saved."""
    if not _works_with(actor, log.household):
        raise ValidationError(NOT_ALLOWED_TO_REPLY)
    if not reply.strip():
        raise ValidationError({"reply": REPLY_NEEDED})
    saved = create_audited(
        CarerLogReply(log=log, text=reply.strip()),
        actor=actor,
        event_type=CARER_LOG_REPLIED,
        child=log.child_id,
        household=log.household_id,
        details={"log": log.pk},
    )
    transaction.on_commit(lambda: notifications.tell_carers_of_reply(saved))
    return saved
