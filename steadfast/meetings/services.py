"""Arranging a stability meeting, preparing it, writing up its record, and the manager's
authorisation that puts its actions into the Child's Plan. Each refuses, with a plain message,
what cannot be true, and saves nothing half-done."""

import datetime
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Max
from django.utils import timezone

from steadfast.accounts import access
from steadfast.accounts.models import User
from steadfast.audit.services import record_event
from steadfast.children.models import Child
from steadfast.concerns.models import ConcernStatus, MeetingKind, StabilityConcern
from steadfast.core.dates import add_years
from steadfast.core.errors import StaleEditError
from steadfast.core.jinja2 import govuk_date
from steadfast.core.services import (
    create_audited,
    delete_audited,
    refuse_if_rows_changed,
    refuse_if_stale,
    update_audited,
)
from steadfast.core.working_days import add_working_days
from steadfast.placements.models import Placement

from . import notifications
from .documents import minutes_content
from .models import (
    STRENGTH_MARKERS,
    WORRY_MARKERS,
    ActionReview,
    ActionStatus,
    AuthorisedVersion,
    ChairRole,
    Column,
    Invitee,
    InviteeRole,
    LearningTheme,
    MeetingPoint,
    MeetingStatus,
    MeetingTimescale,
    MinutesCirculation,
    OwnerKind,
    ReviewOutcome,
    StabilityAction,
    StabilityMeeting,
    StabilityScore,
)
from .notifications import tell_carers_of_their_actions
from .selectors import (
    ProposedInvitee,
    actions_to_review,
    circulation_of,
    household_for_meeting,
    proposed_invitees,
)
from .versions import minutes_as_data

MEETING_ARRANGED = "STABILITY_MEETING_ARRANGED"
INVITEE_ADDED = "MEETING_INVITEE_ADDED"
VIEWS_RECORDED = "MEETING_VIEWS_RECORDED"
MEETING_RECORD_SAVED = "STABILITY_MEETING_RECORD_SAVED"
POINT_ADDED = "MEETING_POINT_ADDED"
SCORE_RECORDED = "STABILITY_SCORE_RECORDED"
ACTION_ADDED = "STABILITY_ACTION_ADDED"
ACTION_REVIEWED = "STABILITY_ACTION_REVIEWED"
PLAN_SUBMITTED = "STABILITY_PLAN_SUBMITTED"
PLAN_AUTHORISED = "STABILITY_PLAN_AUTHORISED"
PLAN_RETURNED = "STABILITY_PLAN_RETURNED"
MEETING_REOPENED = "STABILITY_MEETING_REOPENED"
MINUTES_CIRCULATED = "MEETING_MINUTES_CIRCULATED"
VERSION_KEPT = "STABILITY_PLAN_VERSION_KEPT"
MEETING_REARRANGED = "STABILITY_MEETING_REARRANGED"
MEETING_CANCELLED = "STABILITY_MEETING_CANCELLED"
INVITATION_WITHDRAWN = "MEETING_INVITATION_WITHDRAWN"
VIEWS_LINK_SENT_AGAIN = "MEETING_VIEWS_LINK_SENT_AGAIN"
POINT_CHANGED = "MEETING_POINT_CHANGED"
POINT_WITHDRAWN = "MEETING_POINT_WITHDRAWN"
SCORE_WITHDRAWN = "STABILITY_SCORE_WITHDRAWN"
ACTION_CHANGED = "STABILITY_ACTION_CHANGED"
ACTION_WITHDRAWN = "STABILITY_ACTION_WITHDRAWN"

# Working days after a placement ends, when the authority has set none.
DEFAULT_WORKING_DAYS_AFTER_ENDING = {MeetingKind.DISRUPTION: 20, MeetingKind.LEARNING_CIRCLE: 30}

NOT_ALLOWED = "You cannot do this for this meeting."
MEETING_STALE_EDIT = (
    "Someone else saved this record after you opened it, so your changes have not been saved yet. "
    "They are still in the form: compare them with the saved version, then save again to keep yours."
)
MEETING_BEFORE_CONCERN = "The meeting must be on or after the day the concern was raised."
MEETING_BEFORE_REVIEWED = "A review meeting must come after the meeting it reviews."
CONCERN_NOT_AWAITING_MEETING = (
    "A manager has not agreed a meeting for this concern, or one is already arranged."
)
CONCERN_OF_ANOTHER_CHILD = "The concern is about a different child."
PLACEMENT_NOT_ENDED = "A disruption meeting or learning circle looks back at a placement that has ended."
DISRUPTION_AFTER_PLANNED = (
    "A disruption meeting follows an unplanned ending. For a planned move, arrange a learning circle."
)
REVIEW_NEEDS_AUTHORISED = "Only an authorised meeting's plan can be reviewed."
CHAIR_NEEDED = "Choose who will chair the meeting"
CHAIR_NOT_A_CHAIR = (
    "The chair must be a team manager, assistant team manager, senior practitioner or "
    "fostering team manager, or an independent chair."
)
VENUE_NEEDED = "Say where the meeting is, or how to join the call"
AUTHORISED_IS_CLOSED = (
    "This meeting's plan has been authorised. A manager must reopen the record before it can be changed."
)
AWAITING_IS_CLOSED = (
    "This plan is waiting for a manager to authorise it. Ask them to return it if it needs changing."
)
CANCELLED_IS_CLOSED = "This meeting was cancelled."
NOT_HELD_YET = (
    "The meeting is on {when}. Its record can be written up once it has started. "
    "If it is happening at another time, move the meeting first."
)
MOVE_ONLY_PLANNED = "Only a meeting whose record has not been started can be moved or cancelled."
MOVE_TO_PAST = "Choose a date and time that have not passed yet"
MEETING_TOO_FAR_AHEAD = "Date of the meeting must be within 1 year from today"
MOVE_NOTHING_CHANGED = "Change the date, the time or the place, or go back to the meeting"
CANCEL_REASON = "Say why the meeting is cancelled"
CANCEL_RECORD_STARTED = (
    "Points, scores or actions have been recorded for this meeting, so it was held and cannot be "
    "cancelled. Withdraw them first if they were recorded by mistake."
)
UNINVITE_CARER = "The carers are always invited."
NO_LINK_TO_SEND = (
    "A new invitation can only be sent, before the meeting starts, to someone invited by email "
    "who gives their views through a link."
)
UNINVITE_HAS_VIEWS = "{name} has sent their views, so they stay on the record of this meeting."
UNINVITE_ON_RECORD = "{name} is on the record of this meeting, so they stay invited."
CHANGE_REASON = "Say why"
CHANGE_NOTHING = "Nothing has changed. Change something, or go back to the meeting"
ALREADY_SCORED = (
    "{name} has already given a score of {score}. Confirm that this score replaces it, or go back to "
    "keep the earlier one."
)
ACTION_REVIEWED_STAYS = (
    "A review has looked at this action, so it stays on the record. Record how it went at the next review."
)
RECORD_ITEM_STALE = (
    "Someone else changed this after you opened it. What changed is shown, and what you typed is "
    "kept: save it again if your change is still needed."
)
NOT_PRESENT = "Only a member recorded as present can give a score."
SCORE_RANGE = "Give a score from 0 to 10"
SCORE_REASON = "Say why you gave this score"
ACTION_WHAT = "Say what will happen"
ACTION_OWNER = "Say who owns this action"
ACTION_OWNER_NAME = "Give the name of who owns this action"
ACTION_DATE = "Give the date it will be done by"
ACTION_DATE_PAST = "The date must be today or later"
ACTION_MEASURE = "Say how everyone will know it worked"
POINT_TEXT = "Write the point"
POINT_SAID_BY = "Say who made this point"
POINT_MARKER_WORRY = "Mark the worry as harm, risk or complicating factor"
POINT_MARKER_STRENGTH = "Mark what is working well as a strength or safety"
SUBMIT_NO_ATTENDANCE = "Record who was present before sending the plan for authorisation."
SUBMIT_SCORES_MISSING = "Every member present must give a score with a reason. Still to score: {names}."
SUBMIT_NO_ACTIONS = "Agree at least one Stability Action before sending the plan for authorisation."
SUBMIT_NO_REVIEW_DATE = "Give the date of the next review."
SUBMIT_NO_SUMMARY = "Write the chair's summary."
SUBMIT_NO_OUTCOME = "Record the outcome of the review."
SUBMIT_ACTIONS_UNREVIEWED = "Say how each action went before sending the review for authorisation."
SUBMIT_NO_LESSONS = "Record what happened and the lessons before sending this for authorisation."
SUBMIT_NOT_HELD = "The meeting has not happened yet."
NOT_AWAITING = "This plan is not waiting for authorisation."
OWN_PLAN = "You chaired or sent this plan. Another manager must authorise it."
RETURN_COMMENTS = "Say what needs to change"
REOPEN_REASON = "Say why the record is being reopened"
NOT_AUTHORISED_YET = "Minutes can be sent once the plan is authorised."
CARER_MUST_RECEIVE = "The carer always receives the minutes. Include {names}."
NO_RECIPIENTS = "Choose who the minutes went to"
CHILDS_VIEWS_HOW = "Say how the child's views were gathered"
VIEWS_EMPTY = "Record at least one of the views"
NOT_AN_INVITEE = "Choose someone invited to this meeting"
UNKNOWN_THEME = "Choose learning themes from the list"
REVIEW_NEXT_DATE_PAST = "The next review date must be after the meeting."

RECORD_FIELDS = (
    "opening",
    "perspective",
    "impact",
    "solutions",
    "summary",
    "next_review_date",
    "outcome",
    "what_happened",
    "lessons",
    "repair_and_relationships",
    "themes",
)


def _whose(meeting: StabilityMeeting) -> dict[str, Any]:
    return {"child": meeting.child_id, "household": meeting.household_id}


def _locked(meeting: StabilityMeeting) -> StabilityMeeting:
    return StabilityMeeting.with_cancelled.select_for_update().get(pk=meeting.pk)


def _refuse_if_closed(meeting: StabilityMeeting) -> None:
    if meeting.status == MeetingStatus.CANCELLED:
        raise ValidationError(CANCELLED_IS_CLOSED)
    if meeting.status == MeetingStatus.AUTHORISED:
        raise ValidationError(AUTHORISED_IS_CLOSED)
    if meeting.status == MeetingStatus.AWAITING_AUTHORISATION:
        raise ValidationError(AWAITING_IS_CLOSED)


def _refuse_until_held(meeting: StabilityMeeting) -> None:
    """A record is written of a meeting that has happened: nothing is recorded before its time."""
    if not meeting.held:
        raise ValidationError(NOT_HELD_YET.format(when=govuk_date(meeting.scheduled_at)))


def _require(allowed: bool) -> None:
    if not allowed:
        raise ValidationError(NOT_ALLOWED)


def working_days_after_ending(kind: str) -> int:
    local = MeetingTimescale.objects.filter(kind=kind).values_list("working_days", flat=True).first()
    return local or DEFAULT_WORKING_DAYS_AFTER_ENDING[MeetingKind(kind)]


def _due_date(
    *,
    kind: str,
    concern: StabilityConcern | None,
    reviews: StabilityMeeting | None,
    placement: Placement | None,
) -> datetime.date | None:
    if concern is not None:
        return concern.due_date
    if reviews is not None:
        return reviews.next_review_date
    if placement is not None and kind in DEFAULT_WORKING_DAYS_AFTER_ENDING:
        return add_working_days(placement.end_date, working_days_after_ending(kind))
    return None


def _chair_fields(chair: User | None, chair_name: str) -> dict[str, Any]:
    if chair is None:
        if not chair_name.strip():
            raise ValidationError({"chair": CHAIR_NEEDED})
        return {"chair": None, "chair_name": chair_name.strip(), "chair_role": ChairRole.INDEPENDENT_CHAIR}
    if chair.role not in ChairRole.values:
        raise ValidationError({"chair": CHAIR_NOT_A_CHAIR})
    return {"chair": chair, "chair_name": "", "chair_role": chair.role}


@transaction.atomic
def arrange_stability_meeting(
    *,
    actor: User,
    child: Child,
    kind: MeetingKind | str,
    scheduled_at: datetime.datetime,
    venue: str,
    chair: User | None = None,
    chair_name: str = "",
    concern: StabilityConcern | None = None,
    reviews: StabilityMeeting | None = None,
    placement: Placement | None = None,
    invitees: Sequence[ProposedInvitee] = (),
) -> StabilityMeeting:
    """Arrange a meeting about the child: from a concern a manager agreed needs one, to review
    an authorised plan, after a placement ended, or on its own. The carers are always invited
    and told; everyone invited with an email address is told once it is saved."""
    _require(access.can_arrange_meeting(actor))
    _refuse_if_too_far_ahead(scheduled_at)
    if concern is not None:
        concern = StabilityConcern.objects.select_for_update().get(pk=concern.pk)
        if concern.child_id != child.pk:
            raise ValidationError(CONCERN_OF_ANOTHER_CHILD)
        if concern.status != ConcernStatus.MEETING_TO_ARRANGE:
            raise ValidationError(CONCERN_NOT_AWAITING_MEETING)
        if timezone.localdate(scheduled_at) < timezone.localdate(concern.raised_at):
            raise ValidationError({"scheduled_at": MEETING_BEFORE_CONCERN})
    if reviews is not None:
        if reviews.status != MeetingStatus.AUTHORISED:
            raise ValidationError(REVIEW_NEEDS_AUTHORISED)
        if scheduled_at <= reviews.scheduled_at:
            raise ValidationError({"scheduled_at": MEETING_BEFORE_REVIEWED})
        kind = MeetingKind.REVIEW
    if placement is not None and placement.end_date is None:
        raise ValidationError(PLACEMENT_NOT_ENDED)
    if placement is not None and kind == MeetingKind.DISRUPTION and placement.ending_planned:
        raise ValidationError(DISRUPTION_AFTER_PLANNED)
    if not venue.strip():
        raise ValidationError({"venue": VENUE_NEEDED})
    household = household_for_meeting(child, concern=concern, reviews=reviews, placement=placement)
    meeting = create_audited(
        StabilityMeeting(
            child=child,
            household=household,
            concern=concern,
            reviews=reviews,
            placement=placement,
            kind=kind,
            scheduled_at=scheduled_at,
            venue=venue.strip(),
            due_date=_due_date(kind=kind, concern=concern, reviews=reviews, placement=placement),
            **_chair_fields(chair, chair_name),
        ),
        actor=actor,
        event_type=MEETING_ARRANGED,
        child=child,
        household=household,
        details={"kind": str(kind)},
    )
    carers = [p for p in proposed_invitees(child, household) if p.role == InviteeRole.CARER]
    chosen = {p.key: p for p in [*carers, *invitees]}
    now = timezone.now()
    for person in chosen.values():
        create_audited(
            Invitee(
                meeting=meeting,
                user=person.user,
                name=person.name,
                role=person.role,
                group=person.group,
                email=person.email,
                told_at=now if person.role == InviteeRole.CARER else None,
            ),
            actor=actor,
            event_type=INVITEE_ADDED,
            **_whose(meeting),
        )
    if concern is not None:
        concern.status = ConcernStatus.MEETING_ARRANGED
        update_audited(
            concern,
            actor=actor,
            fields=["status"],
            event_type=MEETING_ARRANGED,
            child=child,
            household=concern.household_id,
        )
    transaction.on_commit(lambda: notifications.tell_invitees(meeting))
    return meeting


@transaction.atomic
def add_invitee(*, actor: User, meeting: StabilityMeeting, invitee: ProposedInvitee) -> Invitee:
    _require(access.can_record_meeting(actor))
    _refuse_if_closed(meeting)
    added = create_audited(
        Invitee(
            meeting=meeting,
            user=invitee.user,
            name=invitee.name.strip(),
            role=invitee.role,
            group=invitee.group,
            email=invitee.email,
        ),
        actor=actor,
        event_type=INVITEE_ADDED,
        **_whose(meeting),
    )
    transaction.on_commit(lambda: notifications.tell_invitees(meeting, only=[added.pk]))
    return added


def may_record_views_of(user: User, invitee: Invitee) -> bool:
    """Invitees give their own views; organisers record anyone's on their behalf."""
    return access.can_record_meeting(user) or (invitee.user_id is not None and invitee.user_id == user.pk)


@transaction.atomic
def record_views(
    *,
    actor: User | None,
    invitee: Invitee,
    worries: str,
    working_well: str,
    needs_to_happen: str,
    support_offered: str,
    views_gathered: str = "",
    seen_version: int,
) -> Invitee:
    """Record an invitee's views before the meeting, by them or on their behalf. `actor` is None
    when someone outside the authority sends theirs through their own link. The child's views
    say how they were gathered. Refused with StaleEditError when the invitee's row changed
    after the form was drawn from it (`seen_version`), so views sent meanwhile, from another
    tab or by someone else, are never replaced unseen."""
    if actor is not None:
        _require(may_record_views_of(actor, invitee))
    meeting = _locked(invitee.meeting)
    _refuse_if_closed(meeting)
    invitee = Invitee.objects.select_for_update().get(pk=invitee.pk)
    refuse_if_stale(invitee, seen_version)
    texts = {
        "worries": worries.strip(),
        "working_well": working_well.strip(),
        "needs_to_happen": needs_to_happen.strip(),
        "support_offered": support_offered.strip(),
    }
    if not any(texts.values()):
        raise ValidationError(VIEWS_EMPTY)
    if invitee.role == InviteeRole.CHILD and not views_gathered:
        raise ValidationError({"views_gathered": CHILDS_VIEWS_HOW})
    for field, value in texts.items():
        setattr(invitee, field, value)
    invitee.views_gathered = views_gathered if invitee.role == InviteeRole.CHILD else ""
    invitee.views_recorded_at = timezone.now()
    invitee.views_recorded_by = actor
    return update_audited(
        invitee,
        actor=actor,
        fields=[*texts, "views_gathered", "views_recorded_at", "views_recorded_by"],
        event_type=VIEWS_RECORDED,
        details={"invitee": invitee.pk, "on_behalf": actor is not None and actor.pk != invitee.user_id},
        **_whose(meeting),
    )


def _changed_elsewhere(meeting: StabilityMeeting, *, since_version: int, actor: User, editor: str) -> bool:
    """Has the meeting changed since `since_version` other than by saves of the record from this
    tab (`editor`, the token its form carries)? A draft saved from the same tab as the person
    typed is no conflict; a save from another tab, even the same person's, or any other change,
    is."""
    if meeting.version == since_version:
        return False
    if meeting.version < since_version or not editor:
        return True
    return (
        meeting.history.filter(version__gt=since_version)
        .exclude(history_user=actor, record_editor=editor)
        .exists()
    )


@transaction.atomic
def save_meeting_record(
    *,
    actor: User,
    meeting: StabilityMeeting,
    seen_version: int,
    editor: str = "",
    changes: dict[str, Any],
    present: Iterable[int] | None = None,
) -> StabilityMeeting:
    """Save the chair's record as it stands (a draft, saved as they work) from the tab `editor`
    (the token its form carries). Refused when it changed since `seen_version` other than by
    saves from that tab (any change at all, without a token), or once the plan is sent or
    authorised."""
    _require(access.can_record_meeting(actor))
    meeting = _locked(meeting)
    if _changed_elsewhere(meeting, since_version=seen_version, actor=actor, editor=editor):
        raise StaleEditError(MEETING_STALE_EDIT)
    _refuse_if_closed(meeting)
    _refuse_until_held(meeting)
    unknown = set(changes) - set(RECORD_FIELDS)
    if unknown:
        raise ValueError(f"Not part of the meeting record: {sorted(unknown)}")
    if "themes" in changes:
        changes["themes"] = list(dict.fromkeys(changes["themes"]))
        if set(changes["themes"]) - set(LearningTheme.values):
            raise ValidationError({"themes": UNKNOWN_THEME})
    next_review = changes.get("next_review_date")
    if next_review and next_review <= timezone.localdate(meeting.scheduled_at):
        raise ValidationError({"next_review_date": REVIEW_NEXT_DATE_PAST})
    for field, value in changes.items():
        setattr(meeting, field, value.strip() if isinstance(value, str) else value)
    meeting.status = MeetingStatus.DRAFT if meeting.status == MeetingStatus.PLANNED else meeting.status
    meeting.record_editor = editor
    update_audited(
        meeting,
        actor=actor,
        fields=[*changes, "status", "record_editor"],
        event_type=MEETING_RECORD_SAVED,
        details={"fields": sorted(changes), "version": meeting.version + 1},
        **_whose(meeting),
    )
    if present is not None:
        present = set(present)
        for invitee in meeting.invitees.all():
            attended = invitee.pk in present
            if invitee.attended != attended:
                invitee.attended = attended
                update_audited(
                    invitee,
                    actor=actor,
                    fields=["attended"],
                    event_type=MEETING_RECORD_SAVED,
                    **_whose(meeting),
                )
    return meeting


def _invitee_of(meeting: StabilityMeeting, invitee: Invitee | None, field: str, message: str) -> Invitee:
    if invitee is None:
        raise ValidationError({field: message})
    if invitee.meeting_id != meeting.pk:
        raise ValidationError({field: NOT_AN_INVITEE})
    return invitee


def _point_checked(
    meeting: StabilityMeeting, *, column: str, text: str, said_by: Invitee | None, marker: str
) -> tuple[Invitee, str]:
    """Who said the point, and its marker as its column allows; every problem refused at once."""
    errors = {}
    if said_by is None:
        errors["said_by"] = POINT_SAID_BY
    elif said_by.meeting_id != meeting.pk:
        errors["said_by"] = NOT_AN_INVITEE
    if not text.strip():
        errors["text"] = POINT_TEXT
    if column == Column.WORRIED and marker not in WORRY_MARKERS:
        errors["marker"] = POINT_MARKER_WORRY
    if column == Column.WORKING_WELL and marker not in STRENGTH_MARKERS:
        errors["marker"] = POINT_MARKER_STRENGTH
    if errors:
        raise ValidationError(errors)
    return said_by, "" if column == Column.NEEDS_TO_HAPPEN else marker


@transaction.atomic
def add_meeting_point(
    *,
    actor: User,
    meeting: StabilityMeeting,
    column: Column | str,
    text: str,
    said_by: Invitee | None,
    basis: str,
    marker: str = "",
) -> MeetingPoint:
    """Add a point to one of the three columns, attributed to who said it and marked as fact,
    opinion or hypothesis; a worry as harm, risk or complicating factor; what is working well
    as a strength or safety."""
    _require(access.can_record_meeting(actor))
    meeting = _locked(meeting)
    _refuse_if_closed(meeting)
    _refuse_until_held(meeting)
    said_by, marker = _point_checked(meeting, column=column, text=text, said_by=said_by, marker=marker)
    return create_audited(
        MeetingPoint(
            meeting=meeting, column=column, text=text.strip(), said_by=said_by, basis=basis, marker=marker
        ),
        actor=actor,
        event_type=POINT_ADDED,
        **_whose(meeting),
    )


@transaction.atomic
def record_stability_score(
    *,
    actor: User,
    meeting: StabilityMeeting,
    invitee: Invitee | None,
    score: int | None,
    reason: str,
    replace: bool = False,
) -> StabilityScore:
    """A member present gives their 0-10 score and the reason; each member's is kept beside
    the others'. A member who has already scored keeps their score unless `replace` says the
    new one replaces it, and the earlier one stays in the history."""
    _require(access.can_record_meeting(actor))
    meeting = _locked(meeting)
    _refuse_if_closed(meeting)
    _refuse_until_held(meeting)
    invitee = _invitee_of(meeting, invitee, "invitee", NOT_AN_INVITEE)
    if not invitee.attended:
        raise ValidationError({"invitee": NOT_PRESENT})
    if score is None or not 0 <= score <= 10:
        raise ValidationError({"score": SCORE_RANGE})
    if not reason.strip():
        raise ValidationError({"reason": SCORE_REASON})
    existing = StabilityScore.objects.filter(meeting=meeting, invitee=invitee).first()
    if existing is not None and not replace:
        raise ValidationError(
            {"replace": ALREADY_SCORED.format(name=invitee.name, score=existing.score)}, code="already_scored"
        )
    if existing is not None:
        existing.score, existing.reason = score, reason.strip()
        return update_audited(
            existing,
            actor=actor,
            fields=["score", "reason"],
            event_type=SCORE_RECORDED,
            details={"score": score},
            **_whose(meeting),
        )
    return create_audited(
        StabilityScore(meeting=meeting, invitee=invitee, score=score, reason=reason.strip()),
        actor=actor,
        event_type=SCORE_RECORDED,
        details={"score": score},
        **_whose(meeting),
    )


def _check_action(
    *,
    what: str,
    owner_kind: str,
    owner: User | None,
    owner_name: str,
    due_date: datetime.date | None,
    measure: str,
    was_due: datetime.date | None = None,
) -> None:
    """Refuse, all at once, an action missing what, who, by when or how everyone will know. A
    date already past is refused unless it is the one the action had (`was_due`)."""
    errors = {}
    if not what.strip():
        errors["what"] = ACTION_WHAT
    if (owner_kind == OwnerKind.WORKER and owner is None) or (
        owner_kind != OwnerKind.WORKER and not owner_name.strip()
    ):
        errors["owner"] = ACTION_OWNER
    if due_date is None:
        errors["due_date"] = ACTION_DATE
    elif due_date < timezone.localdate() and due_date != was_due:
        errors["due_date"] = ACTION_DATE_PAST
    if not measure.strip():
        errors["measure"] = ACTION_MEASURE
    if errors:
        raise ValidationError(errors)


@transaction.atomic
def add_stability_action(
    *,
    actor: User,
    meeting: StabilityMeeting,
    what: str,
    owner_kind: OwnerKind | str,
    due_date: datetime.date | None,
    measure: str,
    owner: User | None = None,
    owner_name: str = "",
) -> StabilityAction:
    """Agree what will happen, who owns it, by when and how everyone will know it worked. An
    action without any of them cannot be agreed."""
    _require(access.can_record_meeting(actor))
    meeting = _locked(meeting)
    _refuse_if_closed(meeting)
    _refuse_until_held(meeting)
    _check_action(
        what=what,
        owner_kind=owner_kind,
        owner=owner,
        owner_name=owner_name,
        due_date=due_date,
        measure=measure,
    )
    return create_audited(
        StabilityAction(
            meeting=meeting,
            child_id=meeting.child_id,
            what=what.strip(),
            owner_kind=owner_kind,
            owner=owner if owner_kind == OwnerKind.WORKER else None,
            owner_name="" if owner_kind == OwnerKind.WORKER else owner_name.strip(),
            due_date=due_date,
            measure=measure.strip(),
        ),
        actor=actor,
        event_type=ACTION_ADDED,
        **_whose(meeting),
    )


@transaction.atomic
def review_stability_action(
    *,
    actor: User,
    meeting: StabilityMeeting,
    action: StabilityAction,
    progress: str,
    evidence: str,
    seen_version: int | None = None,
) -> ActionReview:
    """A review meeting records how one action of the plan it reviews went, with the evidence.
    The action's status in the Child's Plan changes when the review is authorised. Refused with
    StaleEditError when the review changed, or was recorded, after the version the person's
    form was drawn from (`seen_version`, 0 when there was none yet; left out where no form is
    involved)."""
    _require(access.can_record_meeting(actor))
    meeting = _locked(meeting)
    _refuse_if_closed(meeting)
    _refuse_until_held(meeting)
    if action.meeting_id != meeting.reviews_id:
        raise ValidationError(NOT_ALLOWED)
    if not evidence.strip():
        raise ValidationError({"evidence": "Give the evidence for how it went"})
    review = ActionReview.objects.filter(meeting=meeting, action=action).first()
    if seen_version is not None and seen_version != (review.version if review else 0):
        raise StaleEditError(RECORD_ITEM_STALE)
    if review is None:
        return create_audited(
            ActionReview(meeting=meeting, action=action, progress=progress, evidence=evidence.strip()),
            actor=actor,
            event_type=ACTION_REVIEWED,
            **_whose(meeting),
        )
    review.progress, review.evidence = progress, evidence.strip()
    return update_audited(
        review, actor=actor, fields=["progress", "evidence"], event_type=ACTION_REVIEWED, **_whose(meeting)
    )


@dataclass(frozen=True)
class Requirement:
    """One thing sending a plan for authorisation needs: what it is, as the meeting page's
    checklist says it, whether the record has it, what refusing says when it does not, and,
    for a requirement another part of the service adds, where to meet it."""

    needs: str
    met: bool
    refusal: str
    href: str = ""


# What other parts of the service add to the checklist (`register_sending_requirement`): this
# app cannot import them, since they sit beside it and read its meetings.
_extra_requirements: list[Callable[[StabilityMeeting], Requirement]] = []


def register_sending_requirement(requirement: Callable[[StabilityMeeting], Requirement]) -> None:
    """Add `requirement(meeting)` to every held meeting's sending checklist, after its own
    requirements. Registering the same function again changes nothing."""
    if requirement not in _extra_requirements:
        _extra_requirements.append(requirement)


def sending_checklist(meeting: StabilityMeeting) -> list[Requirement]:
    """What sending the record for authorisation needs, each ticked as the record has it; the
    same list refuses a record sent without them (`submit_stability_plan`)."""
    if meeting.scheduled_at > timezone.now():
        return [Requirement("The meeting has been held", False, SUBMIT_NOT_HELD)]
    return [*_own_requirements(meeting), *(requirement(meeting) for requirement in _extra_requirements)]


def _own_requirements(meeting: StabilityMeeting) -> list[Requirement]:
    present = list(meeting.invitees.filter(attended=True))
    checks = [Requirement("Who was present is recorded", bool(present), SUBMIT_NO_ATTENDANCE)]
    if meeting.looks_back:
        checks.append(
            Requirement(
                "What happened and the lessons are written",
                bool(meeting.what_happened and meeting.lessons),
                SUBMIT_NO_LESSONS,
            )
        )
        return checks
    scored = set(meeting.scores.values_list("invitee", flat=True))
    missing = [i.name for i in present if i.pk not in scored]
    checks.append(
        Requirement(
            "Everyone present has given a score with a reason",
            bool(present) and not missing,
            SUBMIT_SCORES_MISSING.format(names=", ".join(missing)) if missing else SUBMIT_NO_ATTENDANCE,
        )
    )
    if meeting.kind == MeetingKind.REVIEW:
        checks.append(
            Requirement("The review's outcome is recorded", bool(meeting.outcome), SUBMIT_NO_OUTCOME)
        )
        checks.append(
            Requirement(
                "How each action of the plan under review went is recorded",
                not actions_to_review(meeting).exclude(reviews__meeting=meeting).exists(),
                SUBMIT_ACTIONS_UNREVIEWED,
            )
        )
    ends_here = meeting.outcome in (ReviewOutcome.PLANNED_MOVE, ReviewOutcome.PLACEMENT_ENDED)
    # A review in which the support agreed simply continues carries the plan on: it needs no
    # new action.
    carries_on = meeting.kind == MeetingKind.REVIEW and meeting.outcome == ReviewOutcome.SUPPORT_CONTINUES
    if not ends_here and not carries_on:
        checks.append(
            Requirement(
                "At least one Stability Action is agreed", meeting.actions.exists(), SUBMIT_NO_ACTIONS
            )
        )
    if not ends_here:
        checks.append(
            Requirement(
                "The date of the next review is set", bool(meeting.next_review_date), SUBMIT_NO_REVIEW_DATE
            )
        )
    checks.append(Requirement("The chair's summary is written", bool(meeting.summary), SUBMIT_NO_SUMMARY))
    return checks


def _problems_before_submitting(meeting: StabilityMeeting) -> list[str]:
    return [requirement.refusal for requirement in sending_checklist(meeting) if not requirement.met]


@transaction.atomic
def submit_stability_plan(*, actor: User, meeting: StabilityMeeting) -> StabilityMeeting:
    """Send the record and its plan to a manager to authorise, once it is whole."""
    _require(access.can_record_meeting(actor))
    meeting = _locked(meeting)
    _refuse_if_closed(meeting)
    problems = _problems_before_submitting(meeting)
    if problems:
        raise ValidationError(problems)
    meeting.status = MeetingStatus.AWAITING_AUTHORISATION
    meeting.submitted_by = actor
    meeting.submitted_at = timezone.now()
    meeting.record_editor = ""
    return update_audited(
        meeting,
        actor=actor,
        fields=["status", "submitted_by", "submitted_at", "record_editor"],
        event_type=PLAN_SUBMITTED,
        **_whose(meeting),
    )


def _refuse_if_moved_on(meeting: StabilityMeeting, seen_version: int | None) -> None:
    """Refuse a decision taken on an earlier version of the meeting than the one saved (held
    locked by the caller); None where no form is involved."""
    if seen_version is not None:
        refuse_if_stale(meeting, seen_version)


def _may_decide(actor: User, meeting: StabilityMeeting) -> None:
    _require(access.can_authorise_stability_plan(actor))
    if meeting.status != MeetingStatus.AWAITING_AUTHORISATION:
        raise ValidationError(NOT_AWAITING)
    if actor.pk in (meeting.chair_id, meeting.submitted_by_id):
        raise ValidationError(OWN_PLAN)


@transaction.atomic
def authorise_stability_plan(
    *, actor: User, meeting: StabilityMeeting, seen_version: int | None = None
) -> StabilityMeeting:
    """A team manager, other than the chair or the person who sent it, authorises the plan: its
    actions join the Child's Plan, and a review's findings update the actions it looked at.
    Refused with StaleEditError when the meeting changed after the version the manager read
    (`seen_version`; left out where no form is involved)."""
    meeting = _locked(meeting)
    _refuse_if_moved_on(meeting, seen_version)
    _may_decide(actor, meeting)
    for action in meeting.actions.filter(status=ActionStatus.PROPOSED):
        action.status = ActionStatus.AGREED
        update_audited(action, actor=actor, fields=["status"], event_type=PLAN_AUTHORISED, **_whose(meeting))
    for review in meeting.action_reviews.select_related("action"):
        review.action.status = review.progress
        update_audited(
            review.action, actor=actor, fields=["status"], event_type=ACTION_REVIEWED, **_whose(meeting)
        )
    meeting.status = MeetingStatus.AUTHORISED
    meeting.authorised_by = actor
    meeting.authorised_at = timezone.now()
    meeting.return_comments = ""
    correction_reason, meeting.correction_reason = meeting.correction_reason, ""
    meeting.record_editor = ""
    transaction.on_commit(lambda: tell_carers_of_their_actions(meeting))
    update_audited(
        meeting,
        actor=actor,
        fields=[
            "status",
            "authorised_by",
            "authorised_at",
            "return_comments",
            "correction_reason",
            "record_editor",
        ],
        event_type=PLAN_AUTHORISED,
        **_whose(meeting),
    )
    _keep_authorised_version(meeting, correction_reason=correction_reason)
    return meeting


def _keep_authorised_version(meeting: StabilityMeeting, *, correction_reason: str) -> AuthorisedVersion:
    """Keep the minutes as they were authorised, numbered after the versions before them."""
    number = (meeting.authorised_versions.aggregate(last=Max("number"))["last"] or 0) + 1
    return create_audited(
        AuthorisedVersion(
            meeting=meeting,
            number=number,
            authorised_by=meeting.authorised_by,
            authorised_at=meeting.authorised_at,
            correction_reason=correction_reason if number > 1 else "",
            minutes=minutes_as_data(minutes_content(meeting)),
        ),
        actor=meeting.authorised_by,
        event_type=VERSION_KEPT,
        details={"number": number},
        **_whose(meeting),
    )


@transaction.atomic
def return_stability_plan(
    *, actor: User, meeting: StabilityMeeting, comments: str, seen_version: int | None = None
) -> StabilityMeeting:
    """The manager sends the plan back with what needs to change; the chair, and whoever sent
    it, are emailed (naming no child), and it is in the chair's My work until sent again.
    Refused with StaleEditError when the meeting changed after `seen_version`."""
    meeting = _locked(meeting)
    _refuse_if_moved_on(meeting, seen_version)
    _may_decide(actor, meeting)
    if not comments.strip():
        raise ValidationError({"comments": RETURN_COMMENTS})
    meeting.status = MeetingStatus.RETURNED
    meeting.return_comments = comments.strip()
    meeting.returned_at = timezone.now()
    meeting.record_editor = ""
    returned = update_audited(
        meeting,
        actor=actor,
        fields=["status", "return_comments", "returned_at", "record_editor"],
        event_type=PLAN_RETURNED,
        **_whose(meeting),
    )
    transaction.on_commit(lambda: notifications.tell_plan_returned(returned, manager=actor.get_full_name()))
    return returned


@transaction.atomic
def reopen_stability_meeting(
    *, actor: User, meeting: StabilityMeeting, reason: str, seen_version: int | None = None
) -> StabilityMeeting:
    """A manager reopens an authorised record so it can be corrected, saying why. Its agreed
    actions stay in the Child's Plan; the corrected record is authorised again as the next
    version, and the version authorised before stays readable. Refused with StaleEditError
    when the meeting changed after `seen_version`."""
    _require(access.can_authorise_stability_plan(actor))
    meeting = _locked(meeting)
    _refuse_if_moved_on(meeting, seen_version)
    if meeting.status != MeetingStatus.AUTHORISED:
        raise ValidationError(NOT_ALLOWED)
    if not reason.strip():
        raise ValidationError({"reason": REOPEN_REASON})
    if not meeting.authorised_versions.exists():
        # Authorised before versions were kept: keep it as it stands, as the first.
        _keep_authorised_version(meeting, correction_reason="")
    meeting.status = MeetingStatus.DRAFT
    meeting.authorised_by = None
    meeting.authorised_at = None
    meeting.correction_reason = reason.strip()
    meeting.record_editor = ""
    return update_audited(
        meeting,
        actor=actor,
        fields=["status", "authorised_by", "authorised_at", "correction_reason", "record_editor"],
        event_type=MEETING_REOPENED,
        details={"reason": reason.strip()},
        **_whose(meeting),
    )


@transaction.atomic
def record_minutes_circulation(
    *,
    actor: User,
    meeting: StabilityMeeting,
    recipients: Iterable[Invitee],
    sent_on: datetime.date,
    sent_by: str,
    seen_version: int | None = None,
) -> list[MinutesCirculation]:
    """Record who the authorised minutes went to. The carers always receive them. Refused with
    StaleEditError when someone recorded the minutes going out after `seen_version` (the
    version of the list, `selectors.circulation_of`)."""
    _require(access.can_record_meeting(actor))
    if seen_version is not None:
        meeting = _locked(meeting)
        refuse_if_rows_changed(circulation_of(meeting), seen_version)
    if meeting.status != MeetingStatus.AUTHORISED:
        raise ValidationError(NOT_AUTHORISED_YET)
    recipients = list(recipients)
    if not recipients:
        raise ValidationError({"recipients": NO_RECIPIENTS})
    if any(r.meeting_id != meeting.pk for r in recipients):
        raise ValidationError({"recipients": NOT_AN_INVITEE})
    already = set(meeting.circulation.values_list("invitee", flat=True))
    chosen = {r.pk for r in recipients} | already
    carers_left_out = [c.name for c in meeting.invitees.filter(role=InviteeRole.CARER).exclude(pk__in=chosen)]
    if carers_left_out:
        raise ValidationError({"recipients": CARER_MUST_RECEIVE.format(names=", ".join(carers_left_out))})
    return [
        create_audited(
            MinutesCirculation(meeting=meeting, invitee=r, sent_on=sent_on, sent_by=sent_by),
            actor=actor,
            event_type=MINUTES_CIRCULATED,
            **_whose(meeting),
        )
        for r in recipients
    ]


def _refuse_if_too_far_ahead(scheduled_at: datetime.datetime) -> None:
    """No meeting more than a year ahead: invitations go out at once, and a date in 9999 is a
    slip of the keyboard that would otherwise sit in every list and measure."""
    if timezone.localdate(scheduled_at) > add_years(timezone.localdate(), 1):
        raise ValidationError({"scheduled_at": MEETING_TOO_FAR_AHEAD})


@transaction.atomic
def rearrange_stability_meeting(
    *,
    actor: User,
    meeting: StabilityMeeting,
    seen_version: int,
    scheduled_at: datetime.datetime,
    venue: str,
) -> StabilityMeeting:
    """Move a meeting that has not been written up to another time or place. Everyone invited
    who has an email address is told, naming no child; their links to send views still work."""
    _require(access.can_arrange_meeting(actor))
    meeting = _locked(meeting)
    refuse_if_stale(meeting, seen_version, message=RECORD_ITEM_STALE)
    _refuse_if_closed(meeting)
    if meeting.status != MeetingStatus.PLANNED:
        raise ValidationError(MOVE_ONLY_PLANNED)
    errors = {}
    if scheduled_at <= timezone.now():
        errors["scheduled_at"] = MOVE_TO_PAST
    elif timezone.localdate(scheduled_at) > add_years(timezone.localdate(), 1):
        errors["scheduled_at"] = MEETING_TOO_FAR_AHEAD
    if not venue.strip():
        errors["venue"] = VENUE_NEEDED
    if errors:
        raise ValidationError(errors)
    if scheduled_at == meeting.scheduled_at and venue.strip() == meeting.venue:
        raise ValidationError(MOVE_NOTHING_CHANGED)
    was_at, was_venue = meeting.scheduled_at, meeting.venue
    meeting.scheduled_at, meeting.venue = scheduled_at, venue.strip()
    meeting.record_editor = ""
    update_audited(
        meeting,
        actor=actor,
        fields=["scheduled_at", "venue", "record_editor"],
        event_type=MEETING_REARRANGED,
        details={
            "from": was_at.isoformat(),
            "to": scheduled_at.isoformat(),
            "venue_changed": was_venue != venue,
        },
        **_whose(meeting),
    )
    transaction.on_commit(lambda: notifications.tell_rearranged(meeting, was_at=was_at))
    return meeting


@transaction.atomic
def cancel_stability_meeting(
    *, actor: User, meeting: StabilityMeeting, reason: str, seen_version: int | None = None
) -> StabilityMeeting:
    """Cancel a meeting that was not held, saying why. It stays on the child's and the
    household's records as cancelled; a concern it answered goes back to have a meeting
    arranged; everyone invited is told, naming no child. Refused with StaleEditError when
    the meeting changed (moved, say) after `seen_version`."""
    _require(access.can_arrange_meeting(actor))
    meeting = _locked(meeting)
    _refuse_if_moved_on(meeting, seen_version)
    _refuse_if_closed(meeting)
    if meeting.status != MeetingStatus.PLANNED:
        raise ValidationError(MOVE_ONLY_PLANNED)
    if not reason.strip():
        raise ValidationError({"reason": CANCEL_REASON})
    if meeting.points.exists() or meeting.scores.exists() or meeting.actions.exists():
        raise ValidationError(CANCEL_RECORD_STARTED)
    meeting.status = MeetingStatus.CANCELLED
    meeting.cancelled_by = actor
    meeting.cancelled_at = timezone.now()
    meeting.cancellation_reason = reason.strip()
    meeting.record_editor = ""
    update_audited(
        meeting,
        actor=actor,
        fields=["status", "cancelled_by", "cancelled_at", "cancellation_reason", "record_editor"],
        event_type=MEETING_CANCELLED,
        details={"reason": reason.strip()},
        **_whose(meeting),
    )
    concern = meeting.concern
    if (
        concern is not None
        and concern.status == ConcernStatus.MEETING_ARRANGED
        and not concern.meetings.exists()
    ):
        concern.status = ConcernStatus.MEETING_TO_ARRANGE
        update_audited(
            concern,
            actor=actor,
            fields=["status"],
            event_type=MEETING_CANCELLED,
            child=meeting.child_id,
            household=concern.household_id,
        )
    transaction.on_commit(lambda: notifications.tell_cancelled(meeting))
    return meeting


@transaction.atomic
def send_new_views_link(*, actor: User, invitee: Invitee) -> None:
    """Send an invitee who gives their views through a link a new invitation, with a new link
    and code: after five wrong codes, a lost email or a link that ran out before the meeting.
    The old link and code stop working as soon as the new ones are made."""
    _require(access.can_arrange_meeting(actor) or access.can_record_meeting(actor))
    meeting = _locked(invitee.meeting)
    _refuse_if_closed(meeting)
    if (
        meeting.status not in (MeetingStatus.PLANNED, MeetingStatus.DRAFT)
        or meeting.scheduled_at <= timezone.now()
        or not invitee.email
        or not invitee.views_link_hash
    ):
        raise ValidationError(NO_LINK_TO_SEND)
    record_event(
        actor=actor,
        event_type=VIEWS_LINK_SENT_AGAIN,
        subject=invitee,
        child_id=meeting.child_id,
        household_id=meeting.household_id,
        details={"invitee": invitee.pk},
    )
    transaction.on_commit(lambda: notifications.tell_invitees(meeting, only=[invitee.pk]))


@transaction.atomic
def withdraw_invitation(*, actor: User, invitee: Invitee) -> None:
    """Take someone off a meeting that has not been held; they are told if they have an email
    address. The carers always stay, and so does anyone who has sent views or is on the record."""
    _require(access.can_arrange_meeting(actor) or access.can_record_meeting(actor))
    meeting = _locked(invitee.meeting)
    _refuse_if_closed(meeting)
    if meeting.status != MeetingStatus.PLANNED:
        raise ValidationError(MOVE_ONLY_PLANNED)
    if invitee.role == InviteeRole.CARER:
        raise ValidationError(UNINVITE_CARER)
    if invitee.has_views:
        raise ValidationError(UNINVITE_HAS_VIEWS.format(name=invitee.name))
    if invitee.points.exists() or invitee.scores.exists():
        raise ValidationError(UNINVITE_ON_RECORD.format(name=invitee.name))
    name, email = invitee.name, invitee.email
    delete_audited(
        invitee,
        actor=actor,
        event_type=INVITATION_WITHDRAWN,
        reason="Invitation withdrawn",
        **_whose(meeting),
    )
    if email:
        transaction.on_commit(lambda: notifications.tell_uninvited(meeting, name=name, email=email))


def _open_for_correction(item: MeetingPoint | StabilityScore | StabilityAction) -> StabilityMeeting:
    meeting = _locked(item.meeting)
    _refuse_if_closed(meeting)
    return meeting


def _corrected(
    item: MeetingPoint | StabilityAction,
    changed: dict[str, Any],
    *,
    meeting: StabilityMeeting,
    actor: User,
    event_type: str,
) -> Any:
    """Save a correction of a point or an action; one that changes nothing is refused."""
    if all(getattr(item, field) == value for field, value in changed.items()):
        raise ValidationError(CHANGE_NOTHING)
    for field, value in changed.items():
        setattr(item, field, value)
    return update_audited(
        item,
        actor=actor,
        fields=list(changed),
        event_type=event_type,
        details={"id": item.pk},
        **_whose(meeting),
    )


def _withdrawn(
    item: MeetingPoint | StabilityScore | StabilityAction,
    *,
    actor: User,
    reason: str,
    event_type: str,
    details: dict[str, Any] | None = None,
    refuse_if: Callable[[], str] = lambda: "",
) -> None:
    """Withdraw a point, score or action from a record still open for correction, saying why."""
    _require(access.can_record_meeting(actor))
    meeting = _open_for_correction(item)
    if not reason.strip():
        raise ValidationError({"reason": CHANGE_REASON})
    refusal = refuse_if()
    if refusal:
        raise ValidationError(refusal)
    delete_audited(
        item, actor=actor, event_type=event_type, reason=reason.strip(), details=details, **_whose(meeting)
    )


def _refuse_if_changed_since(item: MeetingPoint | StabilityAction, seen_version: int) -> None:
    """Refuse a correction drawn from an earlier version of the point or action than the one
    saved. The meeting's row is locked (`_open_for_correction`), so none can change meanwhile."""
    item.refresh_from_db(fields=["version"])
    refuse_if_stale(item, seen_version, message=RECORD_ITEM_STALE)


@transaction.atomic
def change_meeting_point(
    *,
    actor: User,
    point: MeetingPoint,
    seen_version: int,
    column: str,
    text: str,
    said_by: Invitee | None,
    basis: str,
    marker: str = "",
) -> MeetingPoint:
    """Correct a point until the plan is sent for authorisation; what it said before stays in
    its history."""
    _require(access.can_record_meeting(actor))
    meeting = _open_for_correction(point)
    _refuse_if_changed_since(point, seen_version)
    said_by, marker = _point_checked(meeting, column=column, text=text, said_by=said_by, marker=marker)
    changed = {"column": column, "text": text.strip(), "said_by": said_by, "basis": basis, "marker": marker}
    return _corrected(point, changed, meeting=meeting, actor=actor, event_type=POINT_CHANGED)


@transaction.atomic
def withdraw_meeting_point(*, actor: User, point: MeetingPoint, reason: str) -> None:
    _withdrawn(point, actor=actor, reason=reason, event_type=POINT_WITHDRAWN)


@transaction.atomic
def withdraw_stability_score(*, actor: User, score: StabilityScore, reason: str) -> None:
    _withdrawn(score, actor=actor, reason=reason, event_type=SCORE_WITHDRAWN, details={"score": score.score})


@transaction.atomic
def change_stability_action(
    *,
    actor: User,
    action: StabilityAction,
    seen_version: int,
    what: str,
    owner_kind: str,
    due_date: datetime.date | None,
    measure: str,
    owner: User | None = None,
    owner_name: str = "",
) -> StabilityAction:
    """Correct an action until the plan is sent for authorisation; what it said before stays
    in its history."""
    _require(access.can_record_meeting(actor))
    meeting = _open_for_correction(action)
    _refuse_if_changed_since(action, seen_version)
    _check_action(
        what=what,
        owner_kind=owner_kind,
        owner=owner,
        owner_name=owner_name,
        due_date=due_date,
        measure=measure,
        was_due=action.due_date,
    )
    changed = {
        "what": what.strip(),
        "owner_kind": owner_kind,
        "owner": owner if owner_kind == OwnerKind.WORKER else None,
        "owner_name": "" if owner_kind == OwnerKind.WORKER else owner_name.strip(),
        "due_date": due_date,
        "measure": measure.strip(),
    }
    return _corrected(action, changed, meeting=meeting, actor=actor, event_type=ACTION_CHANGED)


@transaction.atomic
def withdraw_stability_action(*, actor: User, action: StabilityAction, reason: str) -> None:
    """An action a later review has looked at stays on the record."""
    _withdrawn(
        action,
        actor=actor,
        reason=reason,
        event_type=ACTION_WITHDRAWN,
        refuse_if=lambda: ACTION_REVIEWED_STAYS if action.reviews.exists() else "",
    )
