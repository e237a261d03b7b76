from collections.abc import Callable
from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_not_required
from django.core.exceptions import ValidationError
from django.http import Http404, HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import redirect, render
from django.utils import timezone

from steadfast.accounts import access
from steadfast.accounts.models import User
from steadfast.audit.services import record_event, record_view
from steadfast.children.models import Child
from steadfast.concerns.models import ConcernStatus, MeetingKind
from steadfast.concerns.selectors import concerns_of_child
from steadfast.core.errors import StaleEditError
from steadfast.core.forms import GovukForm
from steadfast.core.middleware import sent_once
from steadfast.placements.models import Placement

from . import documents, selectors, services
from .forms import (
    VIEW_FIELDS,
    ActionAddForm,
    ActionReviewForm,
    AuthoriseForm,
    CirculationForm,
    InviteeAddForm,
    MeetingArrangeForm,
    MeetingRecordForm,
    PointAddForm,
    ReopenForm,
    ScoreForm,
    ViewsForm,
)
from .models import ChairRole, Column, Invitee, MeetingStatus, StabilityMeeting
from .rules import spread

MEETING_VIEWED = "STABILITY_MEETING_VIEWED"
PLAN_VIEWED = "CHILDS_PLAN_VIEWED"
MINUTES_DOWNLOADED = "MEETING_MINUTES_DOWNLOADED"
VIEWS_REQUEST_OPENED = "MEETING_VIEWS_REQUEST_OPENED"

MEETING_ARRANGED_MESSAGE = "The meeting has been arranged. The carers have been told."
INVITEE_ADDED_MESSAGE = "{name} has been invited"
VIEWS_SAVED_MESSAGE = "{name}'s views have been recorded"
RECORD_SAVED_MESSAGE = "The meeting record has been saved"
POINT_ADDED_MESSAGE = "The point has been added"
SCORE_SAVED_MESSAGE = "{name}'s score has been recorded"
ACTION_ADDED_MESSAGE = "The Stability Action has been added"
ACTION_REVIEWED_MESSAGE = "How the action went has been recorded"
SUBMITTED_MESSAGE = "The plan has been sent to a manager to authorise"
AUTHORISED_MESSAGE = "The plan is authorised. Its actions are in the Child's Plan."
RETURNED_MESSAGE = "The plan has been returned with your comments"
REOPENED_MESSAGE = "The record has been reopened"
CIRCULATED_MESSAGE = "Who received the minutes has been recorded"
LINK_VIEWS_SAVED = "Thank you. Your views have been sent to the people preparing the meeting."


def _chairs():
    return User.objects.filter(
        is_active=True, role__in=[r for r in ChairRole.values if r != ChairRole.INDEPENDENT_CHAIR]
    )


def _workers():
    return User.objects.filter(is_active=True, role__in=access.CASEWORK_ROLES)


def _meeting_or_404(request: HttpRequest, pk: int, *, record: bool = False):
    meeting = selectors.get_meeting_for_user_or_404(request.user, pk)
    if record and not access.can_record_meeting(request.user):
        raise Http404
    return meeting


def _form_page(
    request: HttpRequest,
    form: GovukForm,
    *,
    meeting: StabilityMeeting,
    template: str,
    act: Callable[[dict[str, Any]], Any],
    message: Callable[[dict[str, Any]], str],
    **context: Any,
) -> HttpResponse:
    """The one shape of a meeting's form pages: on a valid post, `act` on the cleaned data
    through a service; show its refusal against the fields, or go back to the meeting with
    `message`."""
    if request.method == "POST" and form.is_valid():
        try:
            act(form.cleaned_data)
        except ValidationError as error:
            form.add_service_error(error)
        else:
            messages.success(request, message(form.cleaned_data))
            return redirect("meetings:meeting-detail", pk=meeting.pk)
    return render(request, template, {"form": form, "meeting": meeting, **context})


@sent_once
def meeting_arrange(request: HttpRequest, child_id: int) -> HttpResponse:
    """Arrange a meeting for a child: from a concern (?concern=), to review a plan (?reviews=),
    after an ending (?placement=), or on its own."""
    child = access.get_child_for_user_or_404(request.user, child_id)
    if not access.can_arrange_meeting(request.user):
        raise Http404
    source = request.GET if request.method == "GET" else request.POST
    concern = reviews = placement = None
    fixed_kind = ""
    if source.get("concern"):
        concern = (
            concerns_of_child(child)
            .filter(pk=source["concern"], status=ConcernStatus.MEETING_TO_ARRANGE)
            .first()
        )
        if concern is None:
            raise Http404
        fixed_kind = concern.meeting_kind
    elif source.get("reviews"):
        reviews = (
            selectors.meetings_of_child(child)
            .filter(pk=source["reviews"], status=MeetingStatus.AUTHORISED)
            .first()
        )
        if reviews is None:
            raise Http404
        fixed_kind = MeetingKind.REVIEW
    elif source.get("placement"):
        placement = Placement.objects.filter(
            child=child, pk=source["placement"], end_date__isnull=False
        ).first()
        if placement is None:
            raise Http404
        fixed_kind = (
            source.get("kind")
            if source.get("kind") in (MeetingKind.DISRUPTION, MeetingKind.LEARNING_CIRCLE)
            else ""
        )
    household = selectors.household_for_meeting(child, concern=concern, reviews=reviews, placement=placement)
    form = MeetingArrangeForm(
        request.POST if request.method == "POST" else None,
        chairs=_chairs(),
        proposed=selectors.proposed_invitees(child, household),
        fixed_kind=fixed_kind,
    )
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            meeting = services.arrange_stability_meeting(
                actor=request.user,
                child=child,
                kind=data["kind"],
                scheduled_at=data["scheduled_at"],
                venue=data["venue"],
                chair=data["chair"],
                chair_name=data["chair_name"],
                concern=concern,
                reviews=reviews,
                placement=placement,
                invitees=form.chosen_invitees(),
            )
        except ValidationError as error:
            if hasattr(error, "error_dict") and "scheduled_at" in error.error_dict:
                error = ValidationError({"date": error.error_dict["scheduled_at"]})
            form.add_service_error(error)
        else:
            messages.success(request, MEETING_ARRANGED_MESSAGE)
            return redirect("meetings:meeting-detail", pk=meeting.pk)
    return render(
        request,
        "meetings/meeting_arrange.html",
        {
            "form": form,
            "child": child,
            "concern": concern,
            "reviews": reviews,
            "placement": placement,
            "fixed_kind": MeetingKind(fixed_kind).label if fixed_kind else "",
        },
    )


def meeting_detail(request: HttpRequest, pk: int) -> HttpResponse:
    meeting = _meeting_or_404(request, pk)
    record_view(actor=request.user, event_type=MEETING_VIEWED, child_id=meeting.child_id)
    invitees = list(selectors.invitees_of(meeting))
    scores = selectors.score_table_for(meeting)
    points = list(meeting.points.select_related("said_by"))
    may_record = access.can_record_meeting(request.user)
    closed = meeting.status in (MeetingStatus.AUTHORISED, MeetingStatus.AWAITING_AUTHORISATION)
    own_invitation = next((i for i in invitees if i.user_id == request.user.pk), None)
    return render(
        request,
        "meetings/meeting_detail.html",
        {
            "meeting": meeting,
            "late": selectors.is_late(meeting),
            "invitees": invitees,
            "columns": [(c, [p for p in points if p.column == c.value]) for c in Column],
            "scores": scores,
            "spread": spread(row.score for row in scores),
            "previous": selectors.previous_meeting_for(meeting),
            "supervision_scale": selectors.supervision_scale_for(meeting),
            "actions": list(meeting.actions.select_related("owner")),
            "to_review": list(selectors.actions_to_review(meeting).prefetch_related("reviews")),
            "circulation": list(meeting.circulation.select_related("invitee")),
            "may_record": may_record and not closed,
            "checklist": services.sending_checklist(meeting) if may_record and not closed else None,
            "own_invitation": own_invitation if own_invitation and not closed else None,
            "may_authorise": access.can_authorise_stability_plan(request.user)
            and meeting.status == MeetingStatus.AWAITING_AUTHORISATION
            and request.user.pk not in (meeting.chair_id, meeting.submitted_by_id),
            "may_reopen": access.can_authorise_stability_plan(request.user)
            and meeting.status == MeetingStatus.AUTHORISED,
            "may_circulate": may_record and meeting.status == MeetingStatus.AUTHORISED,
            "may_review": access.can_arrange_meeting(request.user)
            and meeting.status == MeetingStatus.AUTHORISED
            and not meeting.looks_back,
        },
    )


@sent_once
def meeting_invitee_add(request: HttpRequest, pk: int) -> HttpResponse:
    meeting = _meeting_or_404(request, pk, record=True)
    form = InviteeAddForm(request.POST if request.method == "POST" else None)
    return _form_page(
        request,
        form,
        meeting=meeting,
        template="meetings/meeting_invitee_add.html",
        act=lambda data: services.add_invitee(actor=request.user, meeting=meeting, invitee=form.invitee()),
        message=lambda data: INVITEE_ADDED_MESSAGE.format(name=data["name"]),
    )


def meeting_views(request: HttpRequest, pk: int, invitee_id: int) -> HttpResponse:
    """Record an invitee's views before the meeting: their own, or on their behalf."""
    meeting = _meeting_or_404(request, pk)
    invitee = meeting.invitees.filter(pk=invitee_id).first()
    if invitee is None or not services.may_record_views_of(request.user, invitee):
        raise Http404
    return _views_form(request, meeting=meeting, invitee=invitee, actor=request.user)


@login_not_required
def views_by_link(request: HttpRequest, token: str) -> HttpResponse:
    """Someone outside the council sends their views through the link emailed to them. It
    opens their own request and nothing else, and only until the meeting starts."""
    invitee = (
        Invitee.objects.filter(views_link_hash=services.hash_views_link(token), views_link_hash__gt="")
        .select_related("meeting", "meeting__child")
        .first()
    )
    if invitee is None or not selectors.views_link_open(invitee.meeting):
        raise Http404
    record_event(
        actor=None,
        event_type=VIEWS_REQUEST_OPENED,
        subject=invitee,
        child_id=invitee.meeting.child_id,
        details={"invitee": invitee.pk},
    )
    return _views_form(request, meeting=invitee.meeting, invitee=invitee, actor=None, by_link=True)


def _views_form(request, *, meeting, invitee, actor, by_link: bool = False) -> HttpResponse:
    initial = {f: getattr(invitee, f) for f in VIEW_FIELDS}
    initial["views_gathered"] = invitee.views_gathered
    form = ViewsForm(
        request.POST if request.method == "POST" else None,
        initial=initial,
        for_child=invitee.role == "child",
    )
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            services.record_views(
                actor=actor,
                invitee=invitee,
                **{f: data[f] for f in VIEW_FIELDS},
                views_gathered=data.get("views_gathered", ""),
            )
        except ValidationError as error:
            form.add_service_error(error)
        else:
            if by_link:
                return render(request, "meetings/views_sent.html", {"message": LINK_VIEWS_SAVED})
            messages.success(request, VIEWS_SAVED_MESSAGE.format(name=invitee.name))
            return redirect("meetings:meeting-detail", pk=meeting.pk)
    return render(
        request,
        "meetings/meeting_views.html",
        {"form": form, "meeting": meeting, "invitee": invitee, "by_link": by_link},
    )


def meeting_record(request: HttpRequest, pk: int) -> HttpResponse:
    """The chair's record. Drafts are saved as they type (the page posts with X-Autosave and
    gets JSON back); a save based on an older version is refused and both versions shown."""
    meeting = _meeting_or_404(request, pk, record=True)
    invitees = list(meeting.invitees.all())
    autosave = request.headers.get("X-Autosave") == "1"
    initial = {name: getattr(meeting, name) for name in services.RECORD_FIELDS}
    initial |= {"version": meeting.version, "present": [str(i.pk) for i in invitees if i.attended]}
    form = MeetingRecordForm(
        request.POST if request.method == "POST" else None,
        initial=initial,
        meeting=meeting,
        invitees=invitees,
    )
    saved_version = None
    if request.method == "POST" and form.is_valid():
        try:
            meeting = services.save_meeting_record(
                actor=request.user,
                meeting=meeting,
                seen_version=form.cleaned_data["version"],
                changes=form.changes(),
                present=form.present_ids(),
            )
        except StaleEditError as error:
            form.add_service_error(error)
            meeting.refresh_from_db()
            saved_version = meeting
            # What they typed stays; saving again, having seen both, replaces the newer one.
            form.data = form.data.copy()
            form.data["version"] = meeting.version
        except ValidationError as error:
            form.add_service_error(error)
        else:
            if autosave:
                return JsonResponse(
                    {
                        "version": meeting.version,
                        "saved_at": timezone.localtime(meeting.updated_at).strftime("%H:%M"),
                    }
                )
            messages.success(request, RECORD_SAVED_MESSAGE)
            return redirect("meetings:meeting-detail", pk=meeting.pk)
    if autosave:
        errors = [item["text"] for item in form.error_summary()]
        return JsonResponse(
            {"errors": errors, "stale": saved_version is not None}, status=409 if saved_version else 400
        )
    return render(
        request,
        "meetings/meeting_record.html",
        {"form": form, "meeting": meeting, "saved_version": saved_version},
        status=409 if saved_version else 200,
    )


@sent_once
def meeting_point_add(request: HttpRequest, pk: int) -> HttpResponse:
    meeting = _meeting_or_404(request, pk, record=True)
    form = PointAddForm(request.POST if request.method == "POST" else None, invitees=meeting.invitees.all())
    return _form_page(
        request,
        form,
        meeting=meeting,
        template="meetings/meeting_point_add.html",
        act=lambda data: services.add_meeting_point(actor=request.user, meeting=meeting, **data),
        message=lambda data: POINT_ADDED_MESSAGE,
    )


def meeting_score_add(request: HttpRequest, pk: int) -> HttpResponse:
    meeting = _meeting_or_404(request, pk, record=True)
    form = ScoreForm(
        request.POST if request.method == "POST" else None, invitees=meeting.invitees.filter(attended=True)
    )
    return _form_page(
        request,
        form,
        meeting=meeting,
        template="meetings/meeting_score_add.html",
        act=lambda data: services.record_stability_score(actor=request.user, meeting=meeting, **data),
        message=lambda data: SCORE_SAVED_MESSAGE.format(name=data["invitee"].name),
    )


@sent_once
def meeting_action_add(request: HttpRequest, pk: int) -> HttpResponse:
    meeting = _meeting_or_404(request, pk, record=True)
    form = ActionAddForm(
        request.POST if request.method == "POST" else None,
        workers=_workers(),
        carers=selectors.carers_of_meeting(meeting),
    )
    return _form_page(
        request,
        form,
        meeting=meeting,
        template="meetings/meeting_action_add.html",
        act=lambda data: services.add_stability_action(actor=request.user, meeting=meeting, **data),
        message=lambda data: ACTION_ADDED_MESSAGE,
    )


def meeting_action_review(request: HttpRequest, pk: int, action_id: int) -> HttpResponse:
    meeting = _meeting_or_404(request, pk, record=True)
    action = selectors.actions_to_review(meeting).filter(pk=action_id).first()
    if action is None:
        raise Http404
    return _form_page(
        request,
        ActionReviewForm(request.POST if request.method == "POST" else None),
        meeting=meeting,
        template="meetings/meeting_action_review.html",
        act=lambda data: services.review_stability_action(
            actor=request.user, meeting=meeting, action=action, **data
        ),
        message=lambda data: ACTION_REVIEWED_MESSAGE,
        action=action,
    )


def meeting_submit(request: HttpRequest, pk: int) -> HttpResponse:
    meeting = _meeting_or_404(request, pk, record=True)
    problems = []
    if request.method == "POST":
        try:
            services.submit_stability_plan(actor=request.user, meeting=meeting)
        except ValidationError as error:
            problems = error.messages
        else:
            messages.success(request, SUBMITTED_MESSAGE)
            return redirect("meetings:meeting-detail", pk=meeting.pk)
    return render(request, "meetings/meeting_submit.html", {"meeting": meeting, "problems": problems})


def meeting_authorise(request: HttpRequest, pk: int) -> HttpResponse:
    meeting = _meeting_or_404(request, pk)
    if not access.can_authorise_stability_plan(request.user):
        raise Http404

    def decide(data: dict[str, Any]) -> None:
        if data["decision"] == "authorise":
            services.authorise_stability_plan(actor=request.user, meeting=meeting)
        else:
            services.return_stability_plan(actor=request.user, meeting=meeting, comments=data["comments"])

    return _form_page(
        request,
        AuthoriseForm(request.POST if request.method == "POST" else None),
        meeting=meeting,
        template="meetings/meeting_authorise.html",
        act=decide,
        message=lambda data: AUTHORISED_MESSAGE if data["decision"] == "authorise" else RETURNED_MESSAGE,
    )


def meeting_reopen(request: HttpRequest, pk: int) -> HttpResponse:
    meeting = _meeting_or_404(request, pk)
    if not access.can_authorise_stability_plan(request.user):
        raise Http404
    return _form_page(
        request,
        ReopenForm(request.POST if request.method == "POST" else None),
        meeting=meeting,
        template="meetings/meeting_reopen.html",
        act=lambda data: services.reopen_stability_meeting(actor=request.user, meeting=meeting, **data),
        message=lambda data: REOPENED_MESSAGE,
    )


def meeting_circulation(request: HttpRequest, pk: int) -> HttpResponse:
    meeting = _meeting_or_404(request, pk, record=True)
    form = CirculationForm(
        request.POST if request.method == "POST" else None, invitees=list(meeting.invitees.all())
    )
    return _form_page(
        request,
        form,
        meeting=meeting,
        template="meetings/meeting_circulation.html",
        act=lambda data: services.record_minutes_circulation(
            actor=request.user,
            meeting=meeting,
            recipients=form.chosen(),
            sent_on=data["sent_on"],
            sent_by=data["sent_by"],
        ),
        message=lambda data: CIRCULATED_MESSAGE,
    )


def _minutes(request: HttpRequest, pk: int, *, kind: str) -> HttpResponse:
    meeting = _meeting_or_404(request, pk)
    record_event(
        actor=request.user,
        event_type=MINUTES_DOWNLOADED,
        subject=meeting,
        child_id=meeting.child_id,
        household_id=meeting.household_id,
        details={"format": kind},
    )
    if kind == "pdf":
        body, content_type = documents.minutes_pdf(meeting), "application/pdf"
    else:
        body = documents.minutes_docx(meeting)
        content_type = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"
    response = HttpResponse(body, content_type=content_type)
    response["Content-Disposition"] = f'attachment; filename="stability-meeting-{meeting.pk}-minutes.{kind}"'
    response["Cache-Control"] = "no-store"
    return response


def meeting_minutes_pdf(request: HttpRequest, pk: int) -> HttpResponse:
    return _minutes(request, pk, kind="pdf")


def meeting_minutes_docx(request: HttpRequest, pk: int) -> HttpResponse:
    return _minutes(request, pk, kind="docx")


def child_plan(request: HttpRequest, child_id: int) -> HttpResponse:
    """The Child's Plan: every authorised Stability Action, whatever meeting it came from."""
    child: Child = access.get_child_for_user_or_404(request.user, child_id)
    record_view(actor=request.user, event_type=PLAN_VIEWED, child_id=child.pk)
    actions = list(selectors.plan_of_child(child))
    return render(
        request,
        "meetings/child_plan.html",
        {
            "child": child,
            "actions": actions,
            "today": timezone.localdate(),
            "open_statuses": selectors.OPEN_ACTION_STATUSES,
        },
    )
