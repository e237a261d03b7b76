"""Making a Safety and Well-being Grid and writing it up: contributors, statements, scores, the
impact statement and the steps, one at a time while the Grid is open; finishing it, and opening
it again to correct it. Each refuses, with a plain message, what cannot be true, and saves
nothing half-done. Scores are kept one per contributor, side by side: nothing here averages
them or asks them to agree."""

import datetime
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone

from steadfast.accounts import access
from steadfast.accounts.models import Role, User
from steadfast.children.models import Child
from steadfast.core.services import create_audited, delete_audited, refuse_if_stale, update_audited
from steadfast.meetings import services as meetings_services
from steadfast.meetings.models import (
    STRENGTH_MARKERS,
    WORRY_MARKERS,
    Basis,
    InviteeRole,
    OwnerKind,
    StabilityMeeting,
)
from steadfast.meetings.services import (
    ACTION_DATE,
    ACTION_DATE_PAST,
    ACTION_MEASURE,
    ACTION_OWNER,
    ACTION_WHAT,
)

from .models import (
    Grid,
    GridContext,
    GridContributor,
    GridScore,
    GridSection,
    GridStatement,
    GridStatus,
    GridStep,
)

GRID_MADE = "GRID_MADE"
CONTRIBUTOR_ADDED = "GRID_CONTRIBUTOR_ADDED"
STATEMENT_ADDED = "GRID_STATEMENT_ADDED"
STATEMENT_CHANGED = "GRID_STATEMENT_CHANGED"
STATEMENT_WITHDRAWN = "GRID_STATEMENT_WITHDRAWN"
SCORE_RECORDED = "GRID_SCORE_RECORDED"
SCORE_WITHDRAWN = "GRID_SCORE_WITHDRAWN"
IMPACT_SAVED = "GRID_IMPACT_STATEMENT_SAVED"
STEP_ADDED = "GRID_STEP_ADDED"
STEP_WITHDRAWN = "GRID_STEP_WITHDRAWN"
STEP_JOINED_MEETING = "GRID_STEP_JOINED_MEETING"
GRID_FINISHED = "GRID_FINISHED"
GRID_REOPENED = "GRID_REOPENED"

NOT_ALLOWED = "You cannot do this for this Grid."
FINISHED_IS_CLOSED = "This Grid is finished. Reopen it, saying why, before changing it."
NOT_FINISHED = "This Grid is still open."
CONTEXT_NEEDED = "Say where the Grid was used"
MEETING_NEEDED = "Choose the stability meeting the Grid was made in"
MEETING_OF_ANOTHER_CHILD = "Choose one of this child's stability meetings"
MEETING_NOT_HELD = "Choose a meeting that has started: a Grid is made in the meeting"
DATE_NEEDED = "Give the date the Grid was made"
DATE_IN_FUTURE = "The date must be today or in the past"
CONTRIBUTOR_NAME = "Give the name of who contributed"
CONTRIBUTOR_ROLE = "Choose their role"
CONTRIBUTOR_TWICE = "{name} is already a contributor to this Grid"
NOT_A_CONTRIBUTOR = "Choose someone who contributed to this Grid"
STATEMENT_TEXT = "Write the statement"
STATEMENT_SAID_BY = "Say who contributed this statement"
STATEMENT_BASIS = "Say whether it is a fact, an opinion or a hypothesis"
STATEMENT_SECTION = "Choose a section of the Grid"
MARKER_WORRY = "Mark the worry as harm, risk or complicating factor"
MARKER_WORKING_WELL = "Mark what is working well as safety or strength"
SCORE_RANGE = "Give a score from 10 to 0"
SCORE_REASON = "Say why this score was given"
ALREADY_SCORED = (
    "{name} has already given a score of {score}. Confirm that this score replaces it, or go back to "
    "keep the earlier one."
)
STEP_NO_MEETING = "Only a step of a Grid made in a stability meeting can be added to the meeting's actions."
STEP_ALREADY_JOINED = "This step is already one of the meeting's Stability Actions."
STEP_JOINED_STAYS = (
    "This step is one of the meeting's Stability Actions. Change or withdraw it in the meeting's record."
)
REASON_NEEDED = "Say why"
CHANGE_NOTHING = "Nothing has changed. Change something, or go back to the Grid"
FINISH_NEEDS_IMPACT = "Write the impact statement before finishing the Grid."
FINISH_NEEDS_SCORE = "Record at least one score before finishing the Grid."
REOPEN_REASON = "Say why the Grid is being reopened"

# The contributor role a member of staff is given when they make a Grid.
STAFF_ROLES = {
    Role.SOCIAL_WORKER: InviteeRole.SOCIAL_WORKER,
    Role.SUPERVISING_SOCIAL_WORKER: InviteeRole.SUPERVISING_SOCIAL_WORKER,
    Role.TEAM_MANAGER: InviteeRole.TEAM_MANAGER,
    Role.ASSISTANT_TEAM_MANAGER: InviteeRole.TEAM_MANAGER,
    Role.SENIOR_PRACTITIONER: InviteeRole.TEAM_MANAGER,
    Role.FOSTERING_TEAM_MANAGER: InviteeRole.TEAM_MANAGER,
    Role.IRO: InviteeRole.IRO,
    Role.PLACEMENT_SUPPORT_WORKER: InviteeRole.PLACEMENT_SUPPORT,
}


def _whose(grid: Grid) -> dict[str, Any]:
    return {"child": grid.child_id}


def _require_recorder(actor: User, child: Child | int) -> None:
    """Only someone who may record a Grid for a child they can see."""
    child_id = getattr(child, "pk", child)
    visible = access.children_visible_to(actor).filter(pk=child_id).first()
    if visible is None or not access.can_record_grid(actor, visible):
        raise ValidationError(NOT_ALLOWED)


def _open_grid(actor: User, grid: Grid) -> Grid:
    """The Grid locked for this change, refused if the actor may not write it or it is finished."""
    _require_recorder(actor, grid.child_id)
    grid = Grid.objects.select_for_update().get(pk=grid.pk)
    if not grid.is_open:
        raise ValidationError(FINISHED_IS_CLOSED)
    return grid


@transaction.atomic
def make_grid(
    *,
    actor: User,
    child: Child,
    context: GridContext | str,
    date: datetime.date | None = None,
    meeting: StabilityMeeting | None = None,
) -> Grid:
    """Make a Grid for `child` in `context`. In a stability meeting it is one of the child's
    meetings that has started, and takes its date; otherwise its date is given and not in the
    future. The person making it is its first contributor."""
    _require_recorder(actor, child)
    errors: dict[str, str] = {}
    if context not in GridContext.values:
        errors["context"] = CONTEXT_NEEDED
    elif context == GridContext.STABILITY_MEETING:
        if meeting is None:
            errors["meeting"] = MEETING_NEEDED
        elif meeting.child_id != child.pk:
            errors["meeting"] = MEETING_OF_ANOTHER_CHILD
        elif not meeting.held:
            errors["meeting"] = MEETING_NOT_HELD
        else:
            date = timezone.localdate(meeting.scheduled_at)
    else:
        meeting = None
    if context != GridContext.STABILITY_MEETING:
        if date is None:
            errors["date"] = DATE_NEEDED
        elif date > timezone.localdate():
            errors["date"] = DATE_IN_FUTURE
    if errors:
        raise ValidationError(errors)
    grid = create_audited(
        Grid(child=child, context=context, meeting=meeting, date=date),
        actor=actor,
        event_type=GRID_MADE,
        child=child,
        details={"context": context, "date": date.isoformat()},
    )
    create_audited(
        GridContributor(
            grid=grid,
            user=actor,
            name=str(actor),
            role=STAFF_ROLES.get(actor.role, InviteeRole.OTHER),
        ),
        actor=actor,
        event_type=CONTRIBUTOR_ADDED,
        child=child,
    )
    return grid


@transaction.atomic
def add_grid_contributor(
    *, actor: User, grid: Grid, role: str, user: User | None = None, name: str = ""
) -> GridContributor:
    """Add who contributed: a member of staff (`user`), or someone outside the council by name,
    each with their role. A member of staff is added once."""
    grid = _open_grid(actor, grid)
    errors: dict[str, str] = {}
    name = str(user) if user is not None else name.strip()
    if not name:
        errors["name"] = CONTRIBUTOR_NAME
    if role not in InviteeRole.values:
        errors["role"] = CONTRIBUTOR_ROLE
    if user is not None and grid.contributors.filter(user=user).exists():
        errors["user"] = CONTRIBUTOR_TWICE.format(name=name)
    if errors:
        raise ValidationError(errors)
    return create_audited(
        GridContributor(grid=grid, user=user, name=name, role=role),
        actor=actor,
        event_type=CONTRIBUTOR_ADDED,
        **_whose(grid),
    )


def _statement_checked(
    grid: Grid, *, section: str, text: str, contributor: GridContributor | None, basis: str, marker: str
) -> str:
    """The statement's marker as its section allows; every problem refused at once."""
    errors: dict[str, str] = {}
    if section not in GridSection.values:
        errors["section"] = STATEMENT_SECTION
    if contributor is None:
        errors["contributor"] = STATEMENT_SAID_BY
    elif contributor.grid_id != grid.pk:
        errors["contributor"] = NOT_A_CONTRIBUTOR
    if not text.strip():
        errors["text"] = STATEMENT_TEXT
    if basis not in Basis.values:
        errors["basis"] = STATEMENT_BASIS
    if section == GridSection.WORRIED and marker not in WORRY_MARKERS:
        errors["marker"] = MARKER_WORRY
    if section == GridSection.WORKING_WELL and marker not in STRENGTH_MARKERS:
        errors["marker"] = MARKER_WORKING_WELL
    if errors:
        raise ValidationError(errors)
    return "" if section == GridSection.GOOD_LOOKS_LIKE else marker


@transaction.atomic
def add_grid_statement(
    *,
    actor: User,
    grid: Grid,
    section: GridSection | str,
    text: str,
    contributor: GridContributor | None,
    basis: str,
    marker: str = "",
) -> GridStatement:
    """Add a statement to a section, attributed to who contributed it and marked as fact,
    opinion or hypothesis; a worry as harm, risk or complicating factor, and what is working
    well as safety or strength, so that each is kept apart from the other."""
    grid = _open_grid(actor, grid)
    marker = _statement_checked(
        grid, section=section, text=text, contributor=contributor, basis=basis, marker=marker
    )
    return create_audited(
        GridStatement(
            grid=grid, section=section, text=text.strip(), contributor=contributor, basis=basis, marker=marker
        ),
        actor=actor,
        event_type=STATEMENT_ADDED,
        **_whose(grid),
    )


@transaction.atomic
def change_grid_statement(
    *,
    actor: User,
    statement: GridStatement,
    seen_version: int | None,
    section: str,
    text: str,
    contributor: GridContributor | None,
    basis: str,
    marker: str = "",
) -> GridStatement:
    """Correct a statement while the Grid is open; what it said before stays in its history.
    Refused with StaleEditError when it changed after the version the person saw."""
    grid = _open_grid(actor, statement.grid)
    statement.refresh_from_db()
    refuse_if_stale(statement, seen_version)
    marker = _statement_checked(
        grid, section=section, text=text, contributor=contributor, basis=basis, marker=marker
    )
    changed = {
        "section": section,
        "text": text.strip(),
        "contributor": contributor,
        "basis": basis,
        "marker": marker,
    }
    if all(getattr(statement, field) == value for field, value in changed.items()):
        raise ValidationError(CHANGE_NOTHING)
    for field, value in changed.items():
        setattr(statement, field, value)
    return update_audited(
        statement,
        actor=actor,
        fields=list(changed),
        event_type=STATEMENT_CHANGED,
        details={"id": statement.pk},
        **_whose(grid),
    )


def _withdraw(item: Any, *, actor: User, reason: str, event_type: str, details: dict | None = None) -> None:
    grid = _open_grid(actor, item.grid)
    if not reason.strip():
        raise ValidationError({"reason": REASON_NEEDED})
    delete_audited(
        item, actor=actor, event_type=event_type, reason=reason.strip(), details=details, **_whose(grid)
    )


@transaction.atomic
def withdraw_grid_statement(*, actor: User, statement: GridStatement, reason: str) -> None:
    """Take a statement recorded by mistake off the open Grid, saying why; its history keeps it."""
    _withdraw(statement, actor=actor, reason=reason, event_type=STATEMENT_WITHDRAWN)


@transaction.atomic
def record_grid_score(
    *,
    actor: User,
    grid: Grid,
    contributor: GridContributor | None,
    score: int | None,
    reason: str,
    replace: bool = False,
) -> GridScore:
    """A contributor gives their 10 to 0 score and the reason. Each contributor's score is kept
    beside the others', however far apart; one already given stays unless `replace` says the
    new one replaces it, and the earlier one stays in the history."""
    grid = _open_grid(actor, grid)
    errors: dict[str, str] = {}
    if contributor is None or contributor.grid_id != grid.pk:
        errors["contributor"] = NOT_A_CONTRIBUTOR
    if score is None or not 0 <= score <= 10:
        errors["score"] = SCORE_RANGE
    if not reason.strip():
        errors["reason"] = SCORE_REASON
    if errors:
        raise ValidationError(errors)
    existing = GridScore.objects.filter(grid=grid, contributor=contributor).first()
    if existing is not None and not replace:
        raise ValidationError(
            {"replace": ALREADY_SCORED.format(name=contributor.name, score=existing.score)},
            code="already_scored",
        )
    if existing is not None:
        existing.score, existing.reason = score, reason.strip()
        return update_audited(
            existing,
            actor=actor,
            fields=["score", "reason"],
            event_type=SCORE_RECORDED,
            details={"score": score},
            **_whose(grid),
        )
    return create_audited(
        GridScore(grid=grid, contributor=contributor, score=score, reason=reason.strip()),
        actor=actor,
        event_type=SCORE_RECORDED,
        details={"score": score},
        **_whose(grid),
    )


@transaction.atomic
def withdraw_grid_score(*, actor: User, score: GridScore, reason: str) -> None:
    _withdraw(score, actor=actor, reason=reason, event_type=SCORE_WITHDRAWN, details={"score": score.score})


@transaction.atomic
def save_impact_statement(
    *, actor: User, grid: Grid, seen_version: int | None, impact_statement: str, childs_words: str
) -> Grid:
    """Save the impact statement and the child's own words. Refused with StaleEditError when
    the Grid was changed after the version the person's form was drawn from."""
    grid = _open_grid(actor, grid)
    refuse_if_stale(grid, seen_version)
    grid.impact_statement, grid.childs_words = impact_statement.strip(), childs_words.strip()
    return update_audited(
        grid,
        actor=actor,
        fields=["impact_statement", "childs_words"],
        event_type=IMPACT_SAVED,
        **_whose(grid),
    )


@transaction.atomic
def add_grid_step(
    *,
    actor: User,
    grid: Grid,
    what: str,
    owner_kind: OwnerKind | str,
    due_date: datetime.date | None,
    measure: str,
    owner: User | None = None,
    owner_name: str = "",
) -> GridStep:
    """Add a step to what needs to happen: what, who owns it, by when and how we will know it
    worked. A step without any of them is refused."""
    grid = _open_grid(actor, grid)
    errors: dict[str, str] = {}
    if not what.strip():
        errors["what"] = ACTION_WHAT
    if owner_kind not in OwnerKind.values or (
        (owner_kind == OwnerKind.WORKER and owner is None)
        or (owner_kind != OwnerKind.WORKER and not owner_name.strip())
    ):
        errors["owner"] = ACTION_OWNER
    if due_date is None:
        errors["due_date"] = ACTION_DATE
    elif due_date < timezone.localdate():
        errors["due_date"] = ACTION_DATE_PAST
    if not measure.strip():
        errors["measure"] = ACTION_MEASURE
    if errors:
        raise ValidationError(errors)
    return create_audited(
        GridStep(
            grid=grid,
            what=what.strip(),
            owner_kind=owner_kind,
            owner=owner if owner_kind == OwnerKind.WORKER else None,
            owner_name="" if owner_kind == OwnerKind.WORKER else owner_name.strip(),
            due_date=due_date,
            measure=measure.strip(),
        ),
        actor=actor,
        event_type=STEP_ADDED,
        **_whose(grid),
    )


@transaction.atomic
def withdraw_grid_step(*, actor: User, step: GridStep, reason: str) -> None:
    """A step that became a meeting's Stability Action is changed there, not here."""
    if step.stability_action_id is not None:
        raise ValidationError(STEP_JOINED_STAYS)
    _withdraw(step, actor=actor, reason=reason, event_type=STEP_WITHDRAWN)


@transaction.atomic
def add_step_to_meeting(*, actor: User, step: GridStep) -> GridStep:
    """Add a step of a Grid made in a stability meeting to that meeting as a Stability Action,
    through the meeting's own service, which refuses it as it refuses any action (a meeting
    not yet held, or already sent for authorisation). The action joins the Child's Plan when a
    manager authorises the meeting."""
    grid = _open_grid(actor, step.grid)
    step = GridStep.objects.select_for_update().get(pk=step.pk)
    if grid.meeting_id is None:
        raise ValidationError(STEP_NO_MEETING)
    if step.stability_action_id is not None:
        raise ValidationError(STEP_ALREADY_JOINED)
    action = meetings_services.add_stability_action(
        actor=actor,
        meeting=grid.meeting,
        what=step.what,
        owner_kind=step.owner_kind,
        due_date=step.due_date,
        measure=step.measure,
        owner=step.owner,
        owner_name=step.owner_name,
    )
    step.stability_action = action
    return update_audited(
        step,
        actor=actor,
        fields=["stability_action"],
        event_type=STEP_JOINED_MEETING,
        details={"meeting": grid.meeting_id, "action": action.pk},
        **_whose(grid),
    )


@transaction.atomic
def finish_grid(*, actor: User, grid: Grid, seen_version: int | None) -> Grid:
    """Finish the Grid: from then it is read-only. It needs its impact statement and at least
    one score; scores that differ are finished as they are."""
    grid = _open_grid(actor, grid)
    refuse_if_stale(grid, seen_version)
    problems = []
    if not grid.impact_statement.strip():
        problems.append(FINISH_NEEDS_IMPACT)
    if not grid.scores.exists():
        problems.append(FINISH_NEEDS_SCORE)
    if problems:
        raise ValidationError(problems)
    grid.status, grid.finished_by, grid.finished_at = GridStatus.FINISHED, actor, timezone.now()
    return update_audited(
        grid,
        actor=actor,
        fields=["status", "finished_by", "finished_at"],
        event_type=GRID_FINISHED,
        **_whose(grid),
    )


@transaction.atomic
def reopen_grid(*, actor: User, grid: Grid, seen_version: int | None, reason: str) -> Grid:
    """Open a finished Grid again to correct it, saying why."""
    _require_recorder(actor, grid.child_id)
    grid = Grid.objects.select_for_update().get(pk=grid.pk)
    refuse_if_stale(grid, seen_version)
    if grid.is_open:
        raise ValidationError(NOT_FINISHED)
    if not reason.strip():
        raise ValidationError({"reason": REOPEN_REASON})
    grid.status, grid.reopen_reason = GridStatus.OPEN, reason.strip()
    return update_audited(
        grid,
        actor=actor,
        fields=["status", "reopen_reason"],
        event_type=GRID_REOPENED,
        details={"reason": reason.strip()},
        **_whose(grid),
    )
