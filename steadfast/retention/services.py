"""Proposing to destroy a record past its retention date, and the second person's decision.

Nothing is destroyed without two records officers: one proposes with a reason, a different one
confirms. Only then is the record anonymised, in the same transaction as an audit row that says
what was destroyed, by whose decision, without holding any of the personal data."""

import datetime

from django.core.exceptions import ValidationError
from django.db import models, transaction
from django.utils import timezone

from steadfast.accounts import access
from steadfast.accounts.models import User
from steadfast.audit.models import AuditEvent
from steadfast.audit.services import record_event
from steadfast.children.models import Child
from steadfast.core.holdings import holdings_of
from steadfast.core.services import create_audited, update_audited
from steadfast.households.models import Household, HouseholdMember

from . import selectors
from .models import DestructionKind, DestructionProposal, ProposalStatus

DESTRUCTION_PROPOSED = "DESTRUCTION_PROPOSED"
DESTRUCTION_REFUSED = "DESTRUCTION_REFUSED"
RECORD_DESTROYED = "RECORD_DESTROYED"

NOT_A_RECORDS_OFFICER = "Only a records officer proposes or decides the destruction of a record"
NOT_PAST_RETENTION = "This record has not reached the end of its retention, so it cannot be destroyed"
ALREADY_PROPOSED = "Destruction of this record has already been proposed and is waiting for a decision"
PROPOSER_MAY_NOT_DECIDE = "A different records officer must decide: you proposed this destruction"
ALREADY_DECIDED = "This proposal has already been decided"
REASON_REQUIRED = "Say why the record should be destroyed"
REFUSAL_REASON_REQUIRED = "Say why the record should be kept"
NOTHING_PAST_RETENTION = "No audit rows are past their retention"

# What a destroyed record's text becomes.
DESTROYED_TEXT = "Destroyed"
# The JSON fields that hold only codes from a list of choices, which the measures count and which
# name nobody: kept when a record is destroyed. Every other JSON field (the minutes as a manager
# authorised them, a subject access bundle's content) holds what people wrote, and is emptied.
CODES_KEPT = frozenset(
    {
        "concerns.stabilityconcern.factors",
        "meetings.stabilitymeeting.themes",
        "supervision.supervisionsession.topics",
    }
)


def _require_records_officer(actor: User) -> None:
    if not access.is_records_officer(actor):
        raise ValidationError(NOT_A_RECORDS_OFFICER)


@transaction.atomic
def propose_destruction(
    *,
    actor: User,
    reason: str,
    child: Child | None = None,
    household: Household | None = None,
    audit_trail: bool = False,
    today: datetime.date | None = None,
) -> DestructionProposal:
    """Propose destroying a child's or a household's record, or the audit rows, past retention.
    Refused unless the actor is a records officer, the record is past its retention date (and
    one they may reach), and no proposal about it is waiting."""
    _require_records_officer(actor)
    if not reason.strip():
        raise ValidationError({"reason": REASON_REQUIRED})
    today = today or timezone.localdate()
    if child is not None:
        if not selectors.children_past_retention(actor, today=today).filter(pk=child.pk).exists():
            raise ValidationError(NOT_PAST_RETENTION)
        proposal = DestructionProposal(kind=DestructionKind.CHILD, child=child, reason=reason.strip())
    elif household is not None:
        if household.pk not in {
            h.household.pk for h in selectors.households_past_retention(actor, today=today)
        }:
            raise ValidationError(NOT_PAST_RETENTION)
        proposal = DestructionProposal(
            kind=DestructionKind.HOUSEHOLD, household=household, reason=reason.strip()
        )
    elif audit_trail:
        if not selectors.audit_events_past_retention(today=today):
            raise ValidationError(NOTHING_PAST_RETENTION)
        proposal = DestructionProposal(
            kind=DestructionKind.AUDIT_TRAIL,
            audit_before=selectors.audit_cutoff(today),
            reason=reason.strip(),
        )
    else:
        raise ValueError("Propose one record")
    open_proposals = DestructionProposal.objects.filter(status=ProposalStatus.PROPOSED, kind=proposal.kind)
    if open_proposals.filter(child=child, household=household).exists():
        raise ValidationError(ALREADY_PROPOSED)
    return create_audited(
        proposal,
        actor=actor,
        event_type=DESTRUCTION_PROPOSED,
        child=child,
        household=household,
        details={"kind": proposal.kind},
    )


def _locked_open_proposal(actor: User, proposal: DestructionProposal) -> DestructionProposal:
    _require_records_officer(actor)
    proposal = DestructionProposal.objects.select_for_update().get(pk=proposal.pk)
    if proposal.status != ProposalStatus.PROPOSED:
        raise ValidationError(ALREADY_DECIDED)
    if proposal.created_by_id == actor.pk:
        raise ValidationError(PROPOSER_MAY_NOT_DECIDE)
    return proposal


@transaction.atomic
def refuse_destruction(*, actor: User, proposal: DestructionProposal, reason: str) -> DestructionProposal:
    """A second records officer keeps the record, saying why."""
    proposal = _locked_open_proposal(actor, proposal)
    if not reason.strip():
        raise ValidationError({"reason": REFUSAL_REASON_REQUIRED})
    proposal.status = ProposalStatus.REFUSED
    proposal.decided_by = actor
    proposal.decided_at = timezone.now()
    proposal.decision_reason = reason.strip()
    return update_audited(
        proposal,
        actor=actor,
        fields=["status", "decided_by", "decided_at", "decision_reason"],
        event_type=DESTRUCTION_REFUSED,
        child=proposal.child_id,
        household=proposal.household_id,
    )


@transaction.atomic
def confirm_destruction(*, actor: User, proposal: DestructionProposal) -> DestructionProposal:
    """A second records officer confirms, and the record is destroyed in this transaction: a
    child's or household's identifying details and free text are overwritten across every row
    held about it, and their field history deleted; audit rows past retention are deleted. The
    audit row written says what was destroyed and how much, by whose proposal and decision, and
    holds no personal data. Refused for the person who proposed it."""
    proposal = _locked_open_proposal(actor, proposal)
    if proposal.kind == DestructionKind.CHILD:
        counts = _anonymise(Child.objects.select_for_update().get(pk=proposal.child_id))
    elif proposal.kind == DestructionKind.HOUSEHOLD:
        counts = _anonymise(Household.objects.select_for_update().get(pk=proposal.household_id))
    else:
        deleted, _ = AuditEvent.objects.filter(occurred_at__date__lt=proposal.audit_before).delete()
        counts = {"audit_rows_deleted": deleted}
    proposal.status = ProposalStatus.CONFIRMED
    proposal.decided_by = actor
    proposal.decided_at = timezone.now()
    proposal.version += 1
    proposal.updated_by = actor
    proposal.save(update_fields=["status", "decided_by", "decided_at", "version", "updated_by", "updated_at"])
    record_event(
        actor=actor,
        event_type=RECORD_DESTROYED,
        subject=proposal,
        child_id=proposal.child_id,
        household_id=proposal.household_id,
        details={
            "kind": proposal.kind,
            "record_id": proposal.child_id or proposal.household_id,
            "proposed_by_id": proposal.created_by_id,
            "confirmed_by_id": actor.pk,
            **counts,
        },
    )
    # The proposal's own history would keep the reason beside the record; it says nothing
    # personal, so it stays: who proposed, who confirmed and why is the record of the decision.
    return proposal


def _is_text(field: models.Field) -> bool:
    """Text a person wrote or a name: every character field but a choice or a unique key."""
    return isinstance(field, (models.CharField, models.TextField)) and not field.choices and not field.unique


def _overwrite(model: type[models.Model], ids: list) -> int:
    """Overwrite the text (notes, names, contact details) of these rows, and empty a date of
    birth and the JSON that holds what people wrote (`CODES_KEPT` aside); a stored file (a
    subject access bundle's PDF) is left empty, not missing, so that nothing draws it again;
    returns how many values were overwritten. Written with `update()`, unvalidated: a
    destroyed row need not be a usable one, only an empty one."""
    changes: dict[str, object] = {}
    for field in model._meta.concrete_fields:
        if field.is_relation or field.primary_key:
            continue
        if _is_text(field):
            # The word, not nothing: some rows' constraints require the text (a relationship
            # names someone), and a reader sees it was destroyed rather than never written.
            fits = field.max_length is None or field.max_length >= len(DESTROYED_TEXT)
            changes[field.name] = DESTROYED_TEXT if fits else ""
        if field.name == "date_of_birth" and field.null:
            changes[field.name] = None
        if isinstance(field, models.BinaryField):
            changes[field.name] = b""
        if (
            isinstance(field, models.JSONField)
            and f"{model._meta.label_lower}.{field.name}" not in CODES_KEPT
        ):
            changes[field.name] = {}
    if not changes:
        return 0
    return model._default_manager.filter(pk__in=ids).update(**changes) * len(changes)


def _delete_history(model: type[models.Model], ids: list) -> int:
    history = getattr(model, "history", None)
    if history is None or not ids:
        return 0
    deleted, _ = history.model.objects.filter(**{f"{model._meta.pk.attname}__in": ids}).delete()
    return deleted


def _anonymise(record: Child | Household) -> dict[str, int]:
    overwritten = history = rows = 0
    for holding in holdings_of(record):
        ids = [r.pk for r in holding.rows]
        rows += len(ids)
        overwritten += _overwrite(holding.model, ids)
        history += _delete_history(holding.model, ids)
    if isinstance(record, Child):
        Child.objects.filter(pk=record.pk).update(
            legal_first_name=DESTROYED_TEXT,
            legal_last_name=f"record {record.pk}",
            preferred_name="",
            gender="",
            school="",
            child_identifier=f"DESTROYED-{record.pk}",
            date_of_birth=record.date_of_birth.replace(month=1, day=1),
            date_of_death=record.date_of_death and record.date_of_death.replace(month=1, day=1),
            search_text="",
        )
    else:
        Household.objects.filter(pk=record.pk).update(
            name=f"{DESTROYED_TEXT} household {record.pk}",
            address_line_1=DESTROYED_TEXT,
            address_line_2="",
            town=DESTROYED_TEXT,
            postcode="",
        )
        HouseholdMember.objects.filter(household=record).update(full_name=DESTROYED_TEXT, date_of_birth=None)
    history += _delete_history(type(record), [record.pk])
    return {"rows_held": rows, "values_overwritten": overwritten, "history_rows_deleted": history}
