from collections.abc import Callable
from typing import Any

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.views.decorators.http import require_POST

from steadfast.accounts import access
from steadfast.accounts.models import User
from steadfast.audit.services import record_event, record_view
from steadfast.core.errors import StaleEditError
from steadfast.core.forms import GovukForm
from steadfast.core.middleware import sent_once
from steadfast.core.querystring import id_from
from steadfast.meetings.forms import ReasonForm
from steadfast.meetings.rules import spread
from steadfast.meetings.selectors import carers_of_meeting

from . import documents, prompts, selectors, services
from .forms import (
    ContributorAddForm,
    FinishForm,
    GridMakeForm,
    ImpactForm,
    ReopenForm,
    ScoreForm,
    StatementChangeForm,
    StatementForm,
    StepForm,
)
from .models import Grid, GridScore, GridSection, GridStatement, GridStep

GRID_VIEWED = "GRID_VIEWED"
GRID_DOWNLOADED = "GRID_DOWNLOADED"

GRID_MADE_MESSAGE = "The Grid has been made. Add who contributed, then what they said."
CONTRIBUTOR_ADDED_MESSAGE = "{name} has been added as a contributor"
STATEMENT_ADDED_MESSAGE = "The statement has been added"
STATEMENT_CHANGED_MESSAGE = "The statement has been changed"
SCORE_SAVED_MESSAGE = "{name}'s score has been recorded"
IMPACT_SAVED_MESSAGE = "The impact statement has been saved"
STEP_ADDED_MESSAGE = "The step has been added"
STEP_JOINED_MESSAGE = (
    "The step has been added to the meeting's Stability Actions. It joins the Child's Plan when a "
    "manager authorises the meeting."
)
FINISHED_MESSAGE = "The Grid is finished"
REOPENED_MESSAGE = "The Grid has been reopened"
ADD_HEADINGS = {
    GridSection.WORKING_WELL: "Add to what's working well",
    GridSection.WORRIED: "Add to what we are worried about",
    GridSection.GOOD_LOOKS_LIKE: "Add to what good will look like",
}
WITHDRAWN_MESSAGES = {
    "statement": "The statement has been withdrawn",
    "score": "The score has been withdrawn",
    "step": "The step has been withdrawn",
}


def _staff():
    return User.objects.filter(is_active=True, role__in=access.CASEWORK_ROLES).order_by(
        "first_name", "last_name"
    )


def _grid_or_404(request: HttpRequest, pk: int, *, record: bool = False, open_only: bool = False) -> Grid:
    """The Grid as the user may see it; for `record`, only if they may write it up; for
    `open_only`, only while it is open."""
    grid = selectors.get_grid_for_user_or_404(request.user, pk)
    if record and not access.can_record_grid(request.user, grid.child):
        raise Http404
    if open_only and not grid.is_open:
        raise Http404
    return grid


def _form_page(
    request: HttpRequest,
    form: GovukForm,
    *,
    grid: Grid,
    template: str,
    act: Callable[[dict[str, Any]], Any],
    message: Callable[[dict[str, Any]], str],
    stale: Any = None,
    **context: Any,
) -> HttpResponse:
    """The one shape of a Grid's form pages: on a valid post, `act` through a service; show its
    refusal against the fields (a stale one with what changed meanwhile, keeping what was
    typed), or go back to the Grid with `message`."""
    if request.method == "POST" and form.is_valid():
        try:
            act(form.cleaned_data)
        except StaleEditError as error:
            if stale is None:
                form.add_service_error(error)
            else:
                form.refuse_as_stale(error, stale, viewer=request.user)
        except ValidationError as error:
            form.add_service_error(error)
        else:
            messages.success(request, message(form.cleaned_data))
            return redirect("grids:grid-detail", pk=grid.pk)
    return render(request, template, {"form": form, "grid": grid, **context})


@sent_once
def grid_make(request: HttpRequest, child_id: int) -> HttpResponse:
    child = access.get_child_for_user_or_404(request.user, child_id)
    if not access.can_record_grid(request.user, child):
        raise Http404
    form = GridMakeForm(
        request.POST if request.method == "POST" else None, meetings=selectors.meetings_for_grid(child)
    )
    if request.method == "POST" and form.is_valid():
        try:
            grid = services.make_grid(actor=request.user, child=child, **form.cleaned_data)
        except ValidationError as error:
            form.add_service_error(error)
        else:
            messages.success(request, GRID_MADE_MESSAGE)
            return redirect("grids:grid-detail", pk=grid.pk)
    return render(request, "grids/grid_make.html", {"form": form, "child": child})


def grid_detail(request: HttpRequest, pk: int) -> HttpResponse:
    grid = _grid_or_404(request, pk)
    record_view(actor=request.user, event_type=GRID_VIEWED, child_id=grid.child_id)
    scores = selectors.scores_of(grid)
    may_record = access.can_record_grid(request.user, grid.child)
    return render(
        request,
        "grids/grid_detail.html",
        {
            "grid": grid,
            "child": grid.child,
            "contributors": list(selectors.contributors_of(grid)),
            "statements": selectors.statements_by_section(grid),
            "scores": scores,
            "spread": spread(s.score for s in scores),
            "steps": list(selectors.steps_of(grid)),
            "prompts": prompts,
            "sections": GridSection,
            "may_record": may_record,
            "may_change": may_record and grid.is_open,
        },
    )


@sent_once
def grid_contributor_add(request: HttpRequest, pk: int) -> HttpResponse:
    grid = _grid_or_404(request, pk, record=True, open_only=True)
    form = ContributorAddForm(request.POST if request.method == "POST" else None, staff=_staff())
    return _form_page(
        request,
        form,
        grid=grid,
        template="grids/grid_contributor_add.html",
        act=lambda data: services.add_grid_contributor(actor=request.user, grid=grid, **data),
        message=lambda data: CONTRIBUTOR_ADDED_MESSAGE.format(name=data["user"] or data["name"]),
    )


def _section_from(request: HttpRequest) -> str | None:
    section = request.GET.get("section")
    return section if section in GridSection.values else None


@sent_once
def grid_statement_add(request: HttpRequest, pk: int) -> HttpResponse:
    grid = _grid_or_404(request, pk, record=True, open_only=True)
    section = _section_from(request)
    form = StatementForm(
        request.POST if request.method == "POST" else None,
        contributors=grid.contributors.all(),
        section=section,
    )
    return _form_page(
        request,
        form,
        grid=grid,
        template="grids/grid_statement_add.html",
        act=lambda data: services.add_grid_statement(actor=request.user, grid=grid, **data),
        message=lambda data: STATEMENT_ADDED_MESSAGE,
        prompt=prompts.BY_SECTION.get(section or ""),
        heading=ADD_HEADINGS.get(section or "", "Add a statement"),
    )


def _item_or_404(grid: Grid, model: type, item_id: int) -> Any:
    item = model.objects.filter(grid=grid, pk=item_id).first()
    if item is None:
        raise Http404
    return item


def grid_statement_change(request: HttpRequest, pk: int, statement_id: int) -> HttpResponse:
    grid = _grid_or_404(request, pk, record=True, open_only=True)
    statement = _item_or_404(grid, GridStatement, statement_id)
    form = StatementChangeForm(
        request.POST if request.method == "POST" else None,
        contributors=grid.contributors.all(),
        section=statement.section,
        initial={
            "section": statement.section,
            "text": statement.text,
            "contributor": statement.contributor_id,
            "basis": statement.basis,
            "marker": statement.marker,
            "seen_version": statement.version,
        },
    )
    return _form_page(
        request,
        form,
        grid=grid,
        template="grids/grid_statement_add.html",
        act=lambda data: services.change_grid_statement(actor=request.user, statement=statement, **data),
        message=lambda data: STATEMENT_CHANGED_MESSAGE,
        stale=statement,
        prompt=prompts.BY_SECTION.get(statement.section),
        heading=f"Change a statement in “{GridSection(statement.section).label}”",
        withdraw_url=reverse("grids:grid-statement-withdraw", args=[grid.pk, statement.pk]),
    )


def grid_score_add(request: HttpRequest, pk: int) -> HttpResponse:
    """Record a contributor's score. Choosing someone who has scored shows their earlier score
    and asks whether the new one replaces it; it is never replaced unasked."""
    grid = _grid_or_404(request, pk, record=True, open_only=True)
    contributors = grid.contributors.all()
    chosen = contributors.filter(pk=id_from(request.GET.get("contributor"))).first()
    earlier = grid.scores.filter(contributor=chosen).first() if chosen else None
    form = ScoreForm(
        request.POST if request.method == "POST" else None,
        contributors=contributors,
        initial={"contributor": chosen, "score": earlier.score, "reason": earlier.reason}
        if earlier
        else {"contributor": chosen},
    )
    if request.method == "POST" and form.is_valid():
        earlier = grid.scores.filter(contributor=form.cleaned_data["contributor"]).first()
    return _form_page(
        request,
        form,
        grid=grid,
        template="grids/grid_score_add.html",
        act=lambda data: services.record_grid_score(actor=request.user, grid=grid, **data),
        message=lambda data: SCORE_SAVED_MESSAGE.format(name=data["contributor"].name),
        earlier=earlier,
        prompt=prompts.SCORE,
    )


def grid_impact(request: HttpRequest, pk: int) -> HttpResponse:
    grid = _grid_or_404(request, pk, record=True, open_only=True)
    form = ImpactForm(
        request.POST if request.method == "POST" else None,
        initial={
            "impact_statement": grid.impact_statement,
            "childs_words": grid.childs_words,
            "seen_version": grid.version,
        },
    )
    return _form_page(
        request,
        form,
        grid=grid,
        template="grids/grid_impact.html",
        act=lambda data: services.save_impact_statement(actor=request.user, grid=grid, **data),
        message=lambda data: IMPACT_SAVED_MESSAGE,
        stale=grid,
        prompt=prompts.IMPACT,
    )


@sent_once
def grid_step_add(request: HttpRequest, pk: int) -> HttpResponse:
    grid = _grid_or_404(request, pk, record=True, open_only=True)
    form = StepForm(
        request.POST if request.method == "POST" else None,
        workers=_staff(),
        carers=carers_of_meeting(grid.meeting) if grid.meeting_id else "",
    )
    return _form_page(
        request,
        form,
        grid=grid,
        template="grids/grid_step_add.html",
        act=lambda data: services.add_grid_step(actor=request.user, grid=grid, **data),
        message=lambda data: STEP_ADDED_MESSAGE,
        prompt=prompts.NEEDS_TO_HAPPEN,
    )


@require_POST
def grid_step_to_meeting(request: HttpRequest, pk: int, step_id: int) -> HttpResponse:
    grid = _grid_or_404(request, pk, record=True, open_only=True)
    step = _item_or_404(grid, GridStep, step_id)
    try:
        services.add_step_to_meeting(actor=request.user, step=step)
    except ValidationError as error:
        messages.error(request, error.messages[0])
    else:
        messages.success(request, STEP_JOINED_MESSAGE)
    return redirect("grids:grid-detail", pk=grid.pk)


WITHDRAWALS = {
    "statement": (GridStatement, services.withdraw_grid_statement, "Withdraw a statement"),
    "score": (GridScore, services.withdraw_grid_score, "Withdraw a score"),
    "step": (GridStep, services.withdraw_grid_step, "Withdraw a step"),
}


def grid_item_withdraw(request: HttpRequest, pk: int, item_id: int, kind: str) -> HttpResponse:
    """Withdraw a statement, a score or a step recorded by mistake, saying why. It goes from the
    Grid; its history and the audit trail keep what it said, who withdrew it and why."""
    model, withdraw, heading = WITHDRAWALS[kind]
    grid = _grid_or_404(request, pk, record=True, open_only=True)
    item = _item_or_404(grid, model, item_id)
    form = ReasonForm(
        request.POST if request.method == "POST" else None,
        label=f"Why withdraw this {kind}?",
        required_message=services.REASON_NEEDED,
    )
    return _form_page(
        request,
        form,
        grid=grid,
        template="grids/grid_item_withdraw.html",
        act=lambda data: withdraw(actor=request.user, **{kind: item}, reason=data["reason"]),
        message=lambda data: WITHDRAWN_MESSAGES[kind],
        heading=heading,
        item=item,
        kind=kind,
    )


def grid_finish(request: HttpRequest, pk: int) -> HttpResponse:
    grid = _grid_or_404(request, pk, record=True, open_only=True)
    form = FinishForm(
        request.POST if request.method == "POST" else None, initial={"seen_version": grid.version}
    )
    return _form_page(
        request,
        form,
        grid=grid,
        template="grids/grid_finish.html",
        act=lambda data: services.finish_grid(actor=request.user, grid=grid, **data),
        message=lambda data: FINISHED_MESSAGE,
        stale=grid,
        scores=selectors.scores_of(grid),
    )


def grid_reopen(request: HttpRequest, pk: int) -> HttpResponse:
    grid = _grid_or_404(request, pk, record=True)
    if grid.is_open:
        raise Http404
    form = ReopenForm(
        request.POST if request.method == "POST" else None, initial={"seen_version": grid.version}
    )
    return _form_page(
        request,
        form,
        grid=grid,
        template="grids/grid_reopen.html",
        act=lambda data: services.reopen_grid(actor=request.user, grid=grid, **data),
        message=lambda data: REOPENED_MESSAGE,
        stale=grid,
    )


def _download(request: HttpRequest, pk: int, *, kind: str) -> HttpResponse:
    grid = _grid_or_404(request, pk)
    record_event(
        actor=request.user,
        event_type=GRID_DOWNLOADED,
        subject=grid,
        child_id=grid.child_id,
        details={"format": kind},
    )
    if kind == "pdf":
        body, content_type = documents.grid_pdf(grid), "application/pdf"
    else:
        body = documents.grid_docx(grid)
        content_type = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"
    response = HttpResponse(body, content_type=content_type)
    response["Content-Disposition"] = f'attachment; filename="safety-and-wellbeing-grid-{grid.pk}.{kind}"'
    return response


def grid_pdf(request: HttpRequest, pk: int) -> HttpResponse:
    return _download(request, pk, kind="pdf")


def grid_docx(request: HttpRequest, pk: int) -> HttpResponse:
    return _download(request, pk, kind="docx")
