"""Recording the child's voice in a decision, what changed because of it, and how that was fed
back to them. Each refuses, with a plain message against the field, what cannot be true, and
saves nothing half-done."""

import datetime
from dataclasses import dataclass

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone

from steadfast.accounts import access
from steadfast.accounts.models import User
from steadfast.children.models import Child
from steadfast.core.services import create_audited, refuse_if_stale, update_audited
from steadfast.meetings.models import MeetingStatus, StabilityMeeting

from .models import FeedbackMethod, Influence, InfluenceOutcome, VoiceRecord
from .selectors import childs_views_for

VOICE_RECORDED = "CHILDS_VOICE_RECORDED"
VOICE_CHANGED = "CHILDS_VOICE_CHANGED"
INFLUENCE_RECORDED = "CHILDS_VOICE_INFLUENCE_RECORDED"
INFLUENCE_CHANGED = "CHILDS_VOICE_INFLUENCE_CHANGED"
FEEDBACK_WRITTEN = "CHILDS_VOICE_FEEDBACK_WRITTEN"
FEEDBACK_SHARED = "CHILDS_VOICE_FEEDBACK_SHARED"

NOT_ALLOWED = (
    "Only a social worker, supervising social worker or manager who can see this child's record "
    "can record the child's voice."
)
MEETING_CANCELLED = "This meeting was cancelled, so there is no decision to record the child's voice in."
SOUGHT_NEEDED = "Say whether the child's views were sought"
HOW_NEEDED = "Say how and where the child's views were sought"
REASON_NEEDED = "Say why the child's views were not sought"
SAID_NEEDED = "Write down what the child said, in their own words if you can"
DECISION_NEEDED = "Say what was decided"
DECISION_DATE_FUTURE = "The date of the decision must be today or in the past"
DECISION_MAKER_NEEDED = "Say who made the decision"
ASKED_FOR_NEEDED = "Say what the child asked for"
OUTCOME_NEEDED = "Say whether anything changed because of it"
EXPLANATION_NEEDED = "Say what changed because of it, or why not"
FEEDBACK_TEXT_NEEDED = "Write what you will tell the child"
FED_BACK_DATE_FUTURE = "The date it was shared must be today or in the past"
FED_BACK_BEFORE_DECISION = "The date it was shared must be on or after the day of the decision"
FED_BACK_HOW_NEEDED = "Say how it was shared with the child"
FED_BACK_BY_NEEDED = "Say who shared it with the child"


@dataclass(frozen=True)
class Views:
    """The space, voice and audience of the Lundy model, as a form gives them."""

    views_sought: bool | None
    how_sought: str = ""
    advocate_helped: bool = False
    not_sought_reason: str = ""
    child_said: str = ""
    own_words: bool = False
    heard_by: str = ""


@dataclass(frozen=True)
class Decision:
    """A significant decision taken outside a stability meeting."""

    what: str
    decided_on: datetime.date
    decision_maker: str


_VIEWS_FIELDS = [
    "views_sought",
    "how_sought",
    "advocate_helped",
    "not_sought_reason",
    "child_said",
    "own_words",
    "heard_by",
]


def _require(actor: User, child: Child) -> None:
    if not (
        access.can_record_childs_voice(actor)
        and access.children_visible_to(actor).filter(pk=child.pk).exists()
    ):
        raise ValidationError(NOT_ALLOWED)


def _checked_views(views: Views, *, views_sent_before: bool) -> dict[str, object]:
    """The fields the views set, cleaned; refused whole, each problem against its field. With
    `views_sent_before`, the child's views are already on the meeting's record, so what they
    said need not be written again."""
    errors: dict[str, str] = {}
    if views.views_sought is None:
        errors["views_sought"] = SOUGHT_NEEDED
    elif views.views_sought:
        if not views.how_sought.strip():
            errors["how_sought"] = HOW_NEEDED
        if not views.child_said.strip() and not views_sent_before:
            errors["child_said"] = SAID_NEEDED
    elif not views.not_sought_reason.strip():
        errors["not_sought_reason"] = REASON_NEEDED
    if errors:
        raise ValidationError(errors)
    sought = bool(views.views_sought)
    return {
        "views_sought": sought,
        "how_sought": views.how_sought.strip() if sought else "",
        "advocate_helped": views.advocate_helped and sought,
        "not_sought_reason": "" if sought else views.not_sought_reason.strip(),
        "child_said": views.child_said.strip() if sought else "",
        "own_words": views.own_words and sought and bool(views.child_said.strip()),
        "heard_by": views.heard_by.strip(),
    }


def _checked_decision(decision: Decision) -> dict[str, object]:
    errors: dict[str, str] = {}
    if not decision.what.strip():
        errors["decision"] = DECISION_NEEDED
    if decision.decided_on > timezone.localdate():
        errors["decided_on"] = DECISION_DATE_FUTURE
    if not decision.decision_maker.strip():
        errors["decision_maker"] = DECISION_MAKER_NEEDED
    if errors:
        raise ValidationError(errors)
    return {
        "decision": decision.what.strip(),
        "decided_on": decision.decided_on,
        "decision_maker": decision.decision_maker.strip(),
    }


def _checked_decision_and_views(decision: Decision, views: Views) -> dict[str, object]:
    """Both checked, and refused with every problem in either at once."""
    problems: dict[str, list] = {}
    checked: dict[str, object] = {}
    for check in (
        lambda: _checked_decision(decision),
        lambda: _checked_views(views, views_sent_before=False),
    ):
        try:
            checked.update(check())
        except ValidationError as error:
            problems.update(error.error_dict)
    if problems:
        raise ValidationError(problems)
    return checked


def _locked(record: VoiceRecord) -> VoiceRecord:
    # No join: PostgreSQL locks no row on the nullable side of an outer join (the meeting).
    return VoiceRecord.objects.select_for_update().get(pk=record.pk)


@transaction.atomic
def record_voice_for_meeting(
    *, actor: User, meeting: StabilityMeeting, views: Views, seen_version: int | None
) -> VoiceRecord:
    """Record, or change, the child's voice in a stability meeting: one record a meeting, whose
    day is the meeting's and whose decision-maker is its chair. `seen_version` is the record's
    version the person saw, 0 when there was none yet; refused with StaleEditError when it has
    moved on since."""
    _require(actor, meeting.child)
    meeting = StabilityMeeting.with_cancelled.select_for_update().get(pk=meeting.pk)
    if meeting.status == MeetingStatus.CANCELLED:
        raise ValidationError(MEETING_CANCELLED)
    fields = _checked_views(views, views_sent_before=childs_views_for(meeting) is not None)
    record = VoiceRecord.objects.filter(meeting=meeting).first()
    refuse_if_stale(record or VoiceRecord(version=0), seen_version)
    decided = {"decided_on": timezone.localdate(meeting.scheduled_at), "decision_maker": meeting.chair_label}
    if record is None:
        return create_audited(
            VoiceRecord(child_id=meeting.child_id, meeting=meeting, **decided, **fields),
            actor=actor,
            event_type=VOICE_RECORDED,
            child=meeting.child_id,
            details={"meeting": meeting.pk, "views_sought": fields["views_sought"]},
        )
    for name, value in {**decided, **fields}.items():
        setattr(record, name, value)
    return update_audited(
        record,
        actor=actor,
        fields=[*_VIEWS_FIELDS, "decided_on", "decision_maker"],
        event_type=VOICE_CHANGED,
        child=record.child_id,
        details={"meeting": meeting.pk, "views_sought": fields["views_sought"]},
    )


@transaction.atomic
def record_voice_for_decision(*, actor: User, child: Child, decision: Decision, views: Views) -> VoiceRecord:
    """Record a significant decision taken outside a stability meeting (what, when, by whom)
    and the child's voice in it."""
    _require(actor, child)
    checked = _checked_decision_and_views(decision, views)
    return create_audited(
        VoiceRecord(child=child, **checked),
        actor=actor,
        event_type=VOICE_RECORDED,
        child=child,
        details={"decided_on": decision.decided_on.isoformat(), "views_sought": checked["views_sought"]},
    )


@transaction.atomic
def change_decision_voice(
    *, actor: User, record: VoiceRecord, decision: Decision, views: Views, seen_version: int | None
) -> VoiceRecord:
    """Change a significant decision's record and the child's voice in it; refused with
    StaleEditError when it changed after `seen_version`."""
    _require(actor, record.child)
    record = _locked(record)
    refuse_if_stale(record, seen_version)
    checked = _checked_decision_and_views(decision, views)
    for name, value in checked.items():
        setattr(record, name, value)
    return update_audited(
        record,
        actor=actor,
        fields=[*_VIEWS_FIELDS, "decision", "decided_on", "decision_maker"],
        event_type=VOICE_CHANGED,
        child=record.child_id,
        details={"views_sought": checked["views_sought"]},
    )


def _checked_influence(asked_for: str, outcome: str, explanation: str) -> dict[str, str]:
    errors: dict[str, str] = {}
    if not asked_for.strip():
        errors["asked_for"] = ASKED_FOR_NEEDED
    if outcome not in InfluenceOutcome.values:
        errors["outcome"] = OUTCOME_NEEDED
    if not explanation.strip():
        errors["explanation"] = EXPLANATION_NEEDED
    if errors:
        raise ValidationError(errors)
    return {"asked_for": asked_for.strip(), "outcome": outcome, "explanation": explanation.strip()}


@transaction.atomic
def record_influence(
    *, actor: User, record: VoiceRecord, asked_for: str, outcome: str, explanation: str
) -> Influence:
    """Record one thing the child asked for and what changed because of it, or why not."""
    _require(actor, record.child)
    record = _locked(record)
    return create_audited(
        Influence(record=record, **_checked_influence(asked_for, outcome, explanation)),
        actor=actor,
        event_type=INFLUENCE_RECORDED,
        child=record.child_id,
        details={"voice_record": record.pk, "outcome": outcome},
    )


@transaction.atomic
def change_influence(
    *,
    actor: User,
    influence: Influence,
    asked_for: str,
    outcome: str,
    explanation: str,
    seen_version: int | None,
) -> Influence:
    """Change what is recorded of one thing the child asked for; refused with StaleEditError
    when it changed after `seen_version`."""
    _require(actor, influence.record.child)
    influence = Influence.objects.select_for_update().select_related("record").get(pk=influence.pk)
    refuse_if_stale(influence, seen_version)
    for name, value in _checked_influence(asked_for, outcome, explanation).items():
        setattr(influence, name, value)
    return update_audited(
        influence,
        actor=actor,
        fields=["asked_for", "outcome", "explanation"],
        event_type=INFLUENCE_CHANGED,
        child=influence.record.child_id,
        details={"voice_record": influence.record_id, "outcome": outcome},
    )


@transaction.atomic
def write_feedback(*, actor: User, record: VoiceRecord, text: str, seen_version: int | None) -> VoiceRecord:
    """Save what will be written back to the child, as the worker edited it from the draft;
    refused with StaleEditError when the record changed after `seen_version`."""
    _require(actor, record.child)
    record = _locked(record)
    refuse_if_stale(record, seen_version)
    if not text.strip():
        raise ValidationError({"text": FEEDBACK_TEXT_NEEDED})
    record.feedback_text = text.strip()
    return update_audited(
        record,
        actor=actor,
        fields=["feedback_text"],
        event_type=FEEDBACK_WRITTEN,
        child=record.child_id,
        details={"characters": len(record.feedback_text)},
    )


@transaction.atomic
def record_feedback_shared(
    *,
    actor: User,
    record: VoiceRecord,
    fed_back_on: datetime.date,
    fed_back_how: str,
    fed_back_by: str,
    seen_version: int | None,
) -> VoiceRecord:
    """Record that the child was told what came of their views: when, how and by whom."""
    _require(actor, record.child)
    record = _locked(record)
    refuse_if_stale(record, seen_version)
    errors: dict[str, str] = {}
    if fed_back_on > timezone.localdate():
        errors["fed_back_on"] = FED_BACK_DATE_FUTURE
    elif fed_back_on < record.decided_on:
        errors["fed_back_on"] = FED_BACK_BEFORE_DECISION
    if fed_back_how not in FeedbackMethod.values:
        errors["fed_back_how"] = FED_BACK_HOW_NEEDED
    if not fed_back_by.strip():
        errors["fed_back_by"] = FED_BACK_BY_NEEDED
    if errors:
        raise ValidationError(errors)
    record.fed_back_on, record.fed_back_how, record.fed_back_by = (
        fed_back_on,
        fed_back_how,
        fed_back_by.strip(),
    )
    return update_audited(
        record,
        actor=actor,
        fields=["fed_back_on", "fed_back_how", "fed_back_by"],
        event_type=FEEDBACK_SHARED,
        child=record.child_id,
        details={"fed_back_on": fed_back_on.isoformat(), "how": fed_back_how},
    )
