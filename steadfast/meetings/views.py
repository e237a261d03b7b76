import secrets
from collections.abc import Callable
from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_not_required
from django.core.exceptions import ValidationError
from django.http import Http404, HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.views.decorators.http import require_POST

from steadfast.accounts import access
from steadfast.accounts.models import User
from steadfast.audit.services import record_event, record_view
from steadfast.children.models import Child
from steadfast.concerns.models import ConcernStatus, MeetingKind
from steadfast.concerns.selectors import concerns_of_child
from steadfast.core.errors import StaleEditError
from steadfast.core.forms import GovukForm
from steadfast.core.jinja2 import govuk_date
from steadfast.core.middleware import sent_once
from steadfast.core.querystring import id_from
from steadfast.core.record_sections import MEETING, compose
from steadfast.core.selectors import rows_version
from steadfast.placements.models import Placement

from . import documents, invitations, selectors, services
from .forms import (
    VIEW_FIELDS,
    VIEWS_SHOWN_WHEN_STALE,
    ActionAddForm,
    ActionChangeForm,
    ActionReviewForm,
    AuthoriseForm,
    CancelForm,
    CirculationForm,
    InviteeAddForm,
    MeetingArrangeForm,
    MeetingRecordForm,
    PointAddForm,
    PointChangeForm,
    RearrangeForm,
    ReasonForm,
    ReopenForm,
    ScoreForm,
    ViewsCodeForm,
    ViewsForm,
)
from .models import (
    ChairRole,
    Column,
    Invitee,
    InviteeRole,
    MeetingPoint,
    MeetingStatus,
    StabilityAction,
    StabilityMeeting,
    StabilityScore,
)
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
REARRANGED_MESSAGE = "The meeting has moved. Everyone invited with an email address has been told."
CANCELLED_MESSAGE = "The meeting is cancelled. Everyone invited with an email address has been told."
CANCELLED_CONCERN_MESSAGE = (
    "The meeting is cancelled. Everyone invited with an email address has been told. "
    "The concern is waiting for a meeting to be arranged again."
)
UNINVITED_MESSAGE = "{name} is no longer invited"
NEW_LINK_SENT_MESSAGE = "A new invitation has been sent to {name}. Their old link and code no longer work."
POINT_CHANGED_MESSAGE = "The point has been changed"
POINT_WITHDRAWN_MESSAGE = "The point has been withdrawn"
SCORE_WITHDRAWN_MESSAGE = "{name}'s score has been withdrawn"
ACTION_CHANGED_MESSAGE = "The Stability Action has been changed"
ACTION_WITHDRAWN_MESSAGE = "The Stability Action has been withdrawn"
LINK_VIEWS_SAVED = (
    "Thank you. Your views have been sent to the people preparing the meeting. Until it starts, "
    "you can see or change them through the same link, with the code from your invitation."
)
LINK_VIEWS_ALREADY_SENT = (
    "These views were already sent, on {when}, and are saved as you wrote them: nothing "
    "has been lost and you do not need to send them again. Until the meeting starts, you can see "
    "or change them through the same link, with the code from your invitation."
)


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
    stale: Any = None,
    **context: Any,
) -> HttpResponse:
    """The one shape of a meeting's form pages: on a valid post, `act` on the cleaned data
    through a service; show its refusal against the fields, or go back to the meeting with
    `message`. A refusal because `stale`, the record the form changes (or a function giving
    it as saved now), moved on since the page was drawn shows what changed meanwhile, keeping
    what was typed."""
    if request.method == "POST" and form.is_valid():
        try:
            act(form.cleaned_data)
        except StaleEditError as error:
            if stale is None:
                form.add_service_error(error)
            else:
                record = stale() if callable(stale) else stale
                form.refuse_as_stale(error, record, viewer=request.user)
        except ValidationError as error:
            form.add_service_error(error)
        else:
            messages.success(request, message(form.cleaned_data))
            return redirect("meetings:meeting-detail", pk=meeting.pk)
    return render(request, template, {"form": form, "meeting": meeting, **context})


def _not_held_yet(request: HttpRequest, meeting: StabilityMeeting) -> HttpResponse:
    """Said before the chair starts: a meeting's record is written once it has begun."""
    return render(request, "meetings/meeting_not_held.html", {"meeting": meeting})


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
    # Each id is read with `id_from`: one that cannot be an id finds nothing, as a wrong one does.
    if source.get("concern"):
        concern = (
            concerns_of_child(child)
            .filter(pk=id_from(source["concern"]), status=ConcernStatus.MEETING_TO_ARRANGE)
            .first()
        )
        if concern is None:
            raise Http404
        fixed_kind = concern.meeting_kind
    elif source.get("reviews"):
        reviews = (
            selectors.meetings_of_child(child)
            .filter(pk=id_from(source["reviews"]), status=MeetingStatus.AUTHORISED)
            .first()
        )
        if reviews is None:
            raise Http404
        fixed_kind = MeetingKind.REVIEW
    elif source.get("placement"):
        placement = Placement.objects.filter(
            child=child, pk=id_from(source["placement"]), end_date__isnull=False
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
    closed = meeting.status in (
        MeetingStatus.AUTHORISED,
        MeetingStatus.AWAITING_AUTHORISATION,
        MeetingStatus.CANCELLED,
    )
    own_invitation = next((i for i in invitees if i.user_id == request.user.pk), None)
    page = {
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
        "checklist": services.sending_checklist(meeting)
        if may_record and not closed and meeting.held
        else None,
        "own_invitation": own_invitation if own_invitation and not closed else None,
        "may_authorise": access.can_authorise_stability_plan(request.user)
        and meeting.status == MeetingStatus.AWAITING_AUTHORISATION
        and request.user.pk not in (meeting.chair_id, meeting.submitted_by_id),
        "may_reopen": access.can_authorise_stability_plan(request.user)
        and meeting.status == MeetingStatus.AUTHORISED,
        "may_circulate": may_record and meeting.status == MeetingStatus.AUTHORISED,
        "may_rearrange": access.can_arrange_meeting(request.user) and meeting.status == MeetingStatus.PLANNED,
        "versions": list(meeting.authorised_versions.select_related("authorised_by")),
        "may_review": access.can_arrange_meeting(request.user)
        and meeting.status == MeetingStatus.AUTHORISED
        and not meeting.looks_back,
    }
    context = compose(MEETING, request.user, meeting, page=page, today=timezone.localdate())
    return render(request, "meetings/meeting_detail.html", context)


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


VIEWS_UNLOCKED = "views_unlocked"
WRONG_CODE = "That is not the code from your invitation. Check it and try again."
NO_MORE_TRIES = (
    "The code has been entered wrongly too many times. Ask the person who invited you to send "
    "a new invitation."
)


@login_not_required
def views_by_link(request: HttpRequest, token: str) -> HttpResponse:
    """Someone outside the council sends their views through the link emailed to them. It
    opens their own request and nothing else, and only with the code that came with the
    invitation (in the email, never in the link), so a forwarded link alone shows nothing. It
    works until the meeting starts or for 30 days from being sent, whichever is sooner; then it
    answers 410 Gone with a page saying whom to ask."""
    invitee = (
        Invitee.objects.filter(views_link_hash=invitations.hash_views_link(token), views_link_hash__gt="")
        .select_related("meeting", "meeting__child", "meeting__created_by", "meeting__chair")
        .first()
    )
    if invitee is None or invitee.meeting.status == MeetingStatus.CANCELLED:
        raise Http404
    record_event(
        actor=None,
        event_type=VIEWS_REQUEST_OPENED,
        subject=invitee,
        child_id=invitee.meeting.child_id,
        details={"invitee": invitee.pk},
    )
    if invitations.views_link_expired(invitee):
        return _views_link_expired(request, invitee)
    if invitee.pk not in request.session.get(VIEWS_UNLOCKED, []):
        return _views_code(request, invitee)
    return _views_form(request, meeting=invitee.meeting, invitee=invitee, actor=None, by_link=True)


def _views_link_expired(request: HttpRequest, invitee: Invitee) -> HttpResponse:
    """The plain page of a link that has run out: whom to ask, and nothing about the child."""
    meeting = invitee.meeting
    organiser = meeting.created_by or meeting.chair
    return render(
        request,
        "meetings/views_link_expired.html",
        {
            "organiser": str(organiser) if organiser else "",
            "organiser_email": organiser.email if organiser else "",
            "expired_on": invitations.views_link_expires_at(invitee),
        },
        status=410,
    )


def _views_code(request: HttpRequest, invitee: Invitee) -> HttpResponse:
    """Ask for the code sent with the link before showing what was sent through it. After a
    few wrong codes none is taken, until a new invitation is sent."""
    form = ViewsCodeForm(request.POST if request.method == "POST" and "code" in request.POST else None)
    locked = not invitations.views_code_tries_left(invitee)
    if not locked and form.is_bound and form.is_valid():
        if invitations.check_views_code(invitee=invitee, code=form.cleaned_data["code"]):
            request.session[VIEWS_UNLOCKED] = [*request.session.get(VIEWS_UNLOCKED, []), invitee.pk]
            return redirect(request.path)
        invitee.refresh_from_db(fields=["views_code_failures"])
        locked = not invitations.views_code_tries_left(invitee)
        form.add_error("code", NO_MORE_TRIES if locked else WRONG_CODE)
    return render(
        request,
        "meetings/views_code.html",
        {
            "form": form,
            "invitee": invitee,
            "meeting": invitee.meeting,
            "locked": locked,
            "is_open": selectors.views_link_open(invitee.meeting),
        },
    )


def _views_form(request, *, meeting, invitee, actor, by_link: bool = False) -> HttpResponse:
    initial = {f: getattr(invitee, f) for f in VIEW_FIELDS}
    initial["views_gathered"] = invitee.views_gathered
    initial["seen_version"] = invitee.version
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
                seen_version=data["seen_version"],
            )
        except StaleEditError as error:
            if by_link and _views_already_saved(invitee, data):
                # The same views sent again (a second click, or the page sent again): the first
                # was saved, and saying "not saved" would have the person type them again.
                message = LINK_VIEWS_ALREADY_SENT.format(when=govuk_date(invitee.views_recorded_at))
                return render(request, "meetings/views_sent.html", {"message": message})
            form.refuse_as_stale(error, invitee, viewer=actor, fields=VIEWS_SHOWN_WHEN_STALE)
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


def _views_already_saved(invitee: Invitee, data: dict[str, Any]) -> bool:
    """Whether the views saved now are exactly those the refused form sent."""
    invitee.refresh_from_db()
    sent = {f: data[f].strip() for f in VIEW_FIELDS}
    if invitee.role == InviteeRole.CHILD:
        sent["views_gathered"] = data.get("views_gathered", "")
    return invitee.has_views and all(getattr(invitee, f) == value for f, value in sent.items())


def meeting_record(request: HttpRequest, pk: int) -> HttpResponse:
    """The chair's record. Drafts are saved as they type (the page posts with X-Autosave and
    gets JSON back); a save based on an older version is refused and both versions shown."""
    meeting = _meeting_or_404(request, pk, record=True)
    if not meeting.held:
        return _not_held_yet(request, meeting)
    invitees = list(meeting.invitees.all())
    autosave = request.headers.get("X-Autosave") == "1"
    initial = {name: getattr(meeting, name) for name in services.RECORD_FIELDS}
    initial |= {
        "seen_version": meeting.version,
        "editor": secrets.token_hex(8),
        "present": [str(i.pk) for i in invitees if i.attended],
    }
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
                seen_version=form.cleaned_data["seen_version"],
                editor=form.cleaned_data["editor"],
                changes=form.changes(),
                present=form.present_ids(),
            )
        except StaleEditError as error:
            form.add_service_error(error)
            meeting.refresh_from_db()
            saved_version = meeting
            # What they typed stays; saving again, having seen both, replaces the newer one.
            form.data = form.data.copy()
            form.data["seen_version"] = meeting.version
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
    if not meeting.held:
        return _not_held_yet(request, meeting)
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
    """Record a member's score. Choosing someone who has scored shows their earlier score and
    asks whether the new one replaces it; it is never replaced unasked."""
    meeting = _meeting_or_404(request, pk, record=True)
    if not meeting.held:
        return _not_held_yet(request, meeting)
    present = meeting.invitees.filter(attended=True)
    chosen = present.filter(pk=id_from(request.GET.get("invitee"))).first()
    earlier = meeting.scores.filter(invitee=chosen).first() if chosen else None
    form = ScoreForm(
        request.POST if request.method == "POST" else None,
        invitees=present,
        initial={"invitee": chosen, "score": earlier.score, "reason": earlier.reason}
        if earlier
        else {"invitee": chosen},
    )
    if request.method == "POST" and form.is_valid():
        earlier = meeting.scores.filter(invitee=form.cleaned_data["invitee"]).first()
    return _form_page(
        request,
        form,
        meeting=meeting,
        template="meetings/meeting_score_add.html",
        act=lambda data: services.record_stability_score(actor=request.user, meeting=meeting, **data),
        message=lambda data: SCORE_SAVED_MESSAGE.format(name=data["invitee"].name),
        earlier=earlier,
    )


@sent_once
def meeting_action_add(request: HttpRequest, pk: int) -> HttpResponse:
    meeting = _meeting_or_404(request, pk, record=True)
    if not meeting.held:
        return _not_held_yet(request, meeting)
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
    review = meeting.action_reviews.filter(action=action).first()
    initial = {"seen_version": review.version if review else 0}
    if review is not None:
        initial |= {"progress": review.progress, "evidence": review.evidence}
    return _form_page(
        request,
        ActionReviewForm(request.POST if request.method == "POST" else None, initial=initial),
        meeting=meeting,
        template="meetings/meeting_action_review.html",
        act=lambda data: services.review_stability_action(
            actor=request.user, meeting=meeting, action=action, **data
        ),
        message=lambda data: ACTION_REVIEWED_MESSAGE,
        # The review as saved now, which may have been recorded since the page was drawn.
        stale=lambda: meeting.action_reviews.get(action=action),
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
        seen = data["seen_version"]
        if data["decision"] == "authorise":
            services.authorise_stability_plan(actor=request.user, meeting=meeting, seen_version=seen)
        else:
            services.return_stability_plan(
                actor=request.user, meeting=meeting, comments=data["comments"], seen_version=seen
            )

    return _form_page(
        request,
        AuthoriseForm(
            request.POST if request.method == "POST" else None, initial={"seen_version": meeting.version}
        ),
        meeting=meeting,
        template="meetings/meeting_authorise.html",
        act=decide,
        stale=meeting,
        message=lambda data: AUTHORISED_MESSAGE if data["decision"] == "authorise" else RETURNED_MESSAGE,
    )


def meeting_reopen(request: HttpRequest, pk: int) -> HttpResponse:
    meeting = _meeting_or_404(request, pk)
    if not access.can_authorise_stability_plan(request.user):
        raise Http404
    return _form_page(
        request,
        ReopenForm(
            request.POST if request.method == "POST" else None, initial={"seen_version": meeting.version}
        ),
        meeting=meeting,
        template="meetings/meeting_reopen.html",
        act=lambda data: services.reopen_stability_meeting(actor=request.user, meeting=meeting, **data),
        stale=meeting,
        message=lambda data: REOPENED_MESSAGE,
    )


def meeting_circulation(request: HttpRequest, pk: int) -> HttpResponse:
    meeting = _meeting_or_404(request, pk, record=True)
    form = CirculationForm(
        request.POST if request.method == "POST" else None,
        invitees=list(meeting.invitees.all()),
        initial={"seen_version": rows_version(selectors.circulation_of(meeting))},
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
            seen_version=data["seen_version"],
        ),
        message=lambda data: CIRCULATED_MESSAGE,
        stale=selectors.circulation_of(meeting),
    )


def _minutes(request: HttpRequest, pk: int, *, kind: str) -> HttpResponse:
    meeting = _meeting_or_404(request, pk)
    if meeting.status == MeetingStatus.CANCELLED:
        raise Http404
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


def _arranger_or_404(request: HttpRequest, pk: int) -> StabilityMeeting:
    meeting = _meeting_or_404(request, pk)
    if not access.can_arrange_meeting(request.user) or meeting.status != MeetingStatus.PLANNED:
        raise Http404
    return meeting


def meeting_rearrange(request: HttpRequest, pk: int) -> HttpResponse:
    """Move a meeting that has not been written up to another time or place."""
    meeting = _arranger_or_404(request, pk)
    at = timezone.localtime(meeting.scheduled_at)
    form = RearrangeForm(
        request.POST if request.method == "POST" else None,
        initial={
            "seen_version": meeting.version,
            "date": at.date(),
            "time": at.strftime("%H:%M"),
            "venue": meeting.venue,
        },
    )

    def rearrange(data: dict[str, Any]) -> None:
        try:
            services.rearrange_stability_meeting(
                actor=request.user,
                meeting=meeting,
                seen_version=data["seen_version"],
                scheduled_at=data["scheduled_at"],
                venue=data["venue"],
            )
        except ValidationError as error:
            if hasattr(error, "error_dict") and "scheduled_at" in error.error_dict:
                raise ValidationError({"date": error.error_dict["scheduled_at"]}) from None
            raise

    return _form_page(
        request,
        form,
        meeting=meeting,
        template="meetings/meeting_rearrange.html",
        act=rearrange,
        stale=meeting,
        message=lambda data: REARRANGED_MESSAGE,
    )


def meeting_cancel(request: HttpRequest, pk: int) -> HttpResponse:
    meeting = _arranger_or_404(request, pk)
    form = CancelForm(
        request.POST if request.method == "POST" else None,
        initial={"seen_version": meeting.version},
        label="Why is the meeting cancelled?",
        required_message=services.CANCEL_REASON,
    )
    return _form_page(
        request,
        form,
        meeting=meeting,
        template="meetings/meeting_cancel.html",
        act=lambda data: services.cancel_stability_meeting(actor=request.user, meeting=meeting, **data),
        stale=meeting,
        message=lambda data: CANCELLED_CONCERN_MESSAGE if meeting.concern_id else CANCELLED_MESSAGE,
    )


def meeting_invitee_withdraw(request: HttpRequest, pk: int, invitee_id: int) -> HttpResponse:
    """Take someone off a meeting that has not been held, once asked to confirm."""
    meeting = _meeting_or_404(request, pk, record=True)
    invitee = meeting.invitees.filter(pk=invitee_id).first()
    if invitee is None or meeting.status != MeetingStatus.PLANNED:
        raise Http404
    problem = ""
    if request.method == "POST":
        try:
            services.withdraw_invitation(actor=request.user, invitee=invitee)
        except ValidationError as error:
            problem = error.messages[0]
        else:
            messages.success(request, UNINVITED_MESSAGE.format(name=invitee.name))
            return redirect("meetings:meeting-detail", pk=meeting.pk)
    return render(
        request,
        "meetings/meeting_invitee_withdraw.html",
        {"meeting": meeting, "invitee": invitee, "problem": problem},
    )


@require_POST
def meeting_invitee_invite_again(request: HttpRequest, pk: int, invitee_id: int) -> HttpResponse:
    """Send someone who gives their views through a link a new link and code."""
    meeting = _meeting_or_404(request, pk, record=True)
    invitee = meeting.invitees.filter(pk=invitee_id).first()
    if invitee is None:
        raise Http404
    try:
        services.send_new_views_link(actor=request.user, invitee=invitee)
    except ValidationError as error:
        messages.error(request, error.messages[0])
    else:
        messages.success(request, NEW_LINK_SENT_MESSAGE.format(name=invitee.name))
    return redirect("meetings:meeting-detail", pk=meeting.pk)


def _correctable_or_404(request: HttpRequest, pk: int, model: type, item_id: int):
    """The point, score or action of a meeting whose record can still be changed."""
    meeting = _meeting_or_404(request, pk, record=True)
    if meeting.status in (
        MeetingStatus.AUTHORISED,
        MeetingStatus.AWAITING_AUTHORISATION,
        MeetingStatus.CANCELLED,
    ):
        raise Http404
    item = model.objects.filter(meeting=meeting, pk=item_id).first()
    if item is None:
        raise Http404
    return meeting, item


def meeting_point_change(request: HttpRequest, pk: int, point_id: int) -> HttpResponse:
    meeting, point = _correctable_or_404(request, pk, MeetingPoint, point_id)
    form = PointChangeForm(
        request.POST if request.method == "POST" else None,
        invitees=meeting.invitees.all(),
        initial={
            "column": point.column,
            "text": point.text,
            "said_by": point.said_by_id,
            "basis": point.basis,
            "marker": point.marker,
            "seen_version": point.version,
        },
    )

    return _correction_page(
        request,
        form,
        meeting=meeting,
        item=point,
        change=lambda data: services.change_meeting_point(actor=request.user, point=point, **data),
        template="meetings/meeting_point_add.html",
        message=POINT_CHANGED_MESSAGE,
        heading="Change a point",
        withdraw="meetings:meeting-point-withdraw",
    )


def _correction_page(
    request: HttpRequest,
    form: GovukForm,
    *,
    meeting: StabilityMeeting,
    item: Any,
    change: Callable[[dict[str, Any]], Any],
    template: str,
    message: str,
    heading: str,
    withdraw: str,
) -> HttpResponse:
    """A point's or an action's own form, to correct it, with the way to withdraw it instead.
    A stale change is refused showing what changed meanwhile, to change again if need be."""
    return _form_page(
        request,
        form,
        meeting=meeting,
        template=template,
        act=change,
        stale=item,
        message=lambda data: message,
        heading=heading,
        withdraw_url=reverse(withdraw, args=[meeting.pk, item.pk]),
    )


def meeting_action_change(request: HttpRequest, pk: int, action_id: int) -> HttpResponse:
    meeting, action = _correctable_or_404(request, pk, StabilityAction, action_id)
    form = ActionChangeForm(
        request.POST if request.method == "POST" else None,
        workers=_workers(),
        carers=selectors.carers_of_meeting(meeting),
        was_due=action.due_date,
        initial={
            "what": action.what,
            "owner_kind": action.owner_kind,
            "owner": action.owner_id,
            "owner_name": action.owner_name,
            "due_date": action.due_date,
            "measure": action.measure,
            "seen_version": action.version,
        },
    )

    return _correction_page(
        request,
        form,
        meeting=meeting,
        item=action,
        change=lambda data: services.change_stability_action(actor=request.user, action=action, **data),
        template="meetings/meeting_action_add.html",
        message=ACTION_CHANGED_MESSAGE,
        heading="Change a Stability Action",
        withdraw="meetings:meeting-action-withdraw",
    )


WITHDRAWALS = {
    "point": (MeetingPoint, services.withdraw_meeting_point, "Withdraw a point", "Why withdraw this point?"),
    "score": (
        StabilityScore,
        services.withdraw_stability_score,
        "Withdraw a score",
        "Why withdraw this score?",
    ),
    "action": (
        StabilityAction,
        services.withdraw_stability_action,
        "Withdraw a Stability Action",
        "Why withdraw this action?",
    ),
}


def meeting_item_withdraw(request: HttpRequest, pk: int, item_id: int, kind: str) -> HttpResponse:
    """Withdraw a point, a score or an action recorded by mistake, saying why. It goes from the
    record; its history and the audit trail keep what it said, who withdrew it and why."""
    model, withdraw, heading, label = WITHDRAWALS[kind]
    meeting, item = _correctable_or_404(request, pk, model, item_id)
    form = ReasonForm(
        request.POST if request.method == "POST" else None,
        label=label,
        required_message=services.CHANGE_REASON,
    )
    name = item.invitee.name if kind == "score" else ""
    return _form_page(
        request,
        form,
        meeting=meeting,
        template="meetings/meeting_item_withdraw.html",
        act=lambda data: withdraw(actor=request.user, **{kind: item}, reason=data["reason"]),
        message=lambda data: {
            "point": POINT_WITHDRAWN_MESSAGE,
            "score": SCORE_WITHDRAWN_MESSAGE.format(name=name),
            "action": ACTION_WITHDRAWN_MESSAGE,
        }[kind],
        heading=heading,
        item=item,
        kind=kind,
    )


def meeting_version(request: HttpRequest, pk: int, number: int) -> HttpResponse:
    """An earlier authorised version of the minutes, as it was authorised."""
    meeting = _meeting_or_404(request, pk)
    version = meeting.authorised_versions.filter(number=number).select_related("authorised_by").first()
    if version is None:
        raise Http404
    record_view(actor=request.user, event_type=MEETING_VIEWED, child_id=meeting.child_id)
    return render(request, "meetings/meeting_version.html", {"meeting": meeting, "version": version})
