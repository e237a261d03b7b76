"""Requests for help: asked by a carer in their portal or by a worker on their behalf, and
acknowledged, answered, escalated and closed by the fostering service."""

from collections.abc import Callable

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.views.decorators.http import require_POST

from steadfast.accounts import access
from steadfast.assessments.selectors import training_summary_for
from steadfast.audit.services import record_view
from steadfast.carer_messages.selectors import contacts_for_carer
from steadfast.core.errors import StaleEditError
from steadfast.core.middleware import sent_once
from steadfast.core.pagination import paginate
from steadfast.households.models import Household
from steadfast.placements.selectors import children_placed_with_carer

from . import rules, selectors, services
from .forms import (
    AcknowledgeForm,
    AskForHelpForm,
    CloseForm,
    EscalateForm,
    NotObtainedForm,
    RespondForm,
    _TextForm,
)
from .models import SupportRequest, SupportRequestStatus

SUPPORT_REQUEST_VIEWED = "SUPPORT_REQUEST_VIEWED"
ASKED_MESSAGE = "The request for help has been sent. The supervising social worker has been told."
CARER_ASKED_MESSAGE = "Your request for help has been sent to your supervising social worker"
ACKNOWLEDGED_MESSAGE = "The request for help has been acknowledged"
RESPONDED_MESSAGE = "Your answer has been recorded"
NOT_OBTAINED_MESSAGE = "Recorded, and escalated to the fostering team manager, who has been told"
ESCALATED_MESSAGE = "The request for help has been escalated to the fostering team manager, who has been told"
CLOSED_MESSAGE = "The request for help has been closed"


def _viewed(request: HttpRequest, support_request: SupportRequest) -> None:
    record_view(
        actor=request.user,
        event_type=SUPPORT_REQUEST_VIEWED,
        household_id=support_request.household_id,
        child_id=support_request.child_id,
    )


def _ask(
    request: HttpRequest, household: Household, *, carer: bool
) -> tuple[AskForHelpForm, SupportRequest | None]:
    children = list(children_placed_with_carer(request.user, household))
    form = AskForHelpForm(
        request.POST if request.method == "POST" else None,
        children=children,
        carer=carer,
        timescale=selectors.timescale_in_force(),
    )
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            return form, services.ask_for_help(
                actor=request.user,
                household=household,
                child=form.chosen_child(),
                kind=data["kind"],
                urgency=data["urgency"],
                what_is_needed=data["what_is_needed"],
            )
        except ValidationError as error:
            form.add_service_error(error)
    return form, None


# Staff ---------------------------------------------------------------------------------------


@sent_once
def support_request_ask(request: HttpRequest, household_id: int) -> HttpResponse:
    household = access.get_household_for_user_or_404(request.user, household_id)
    if not access.can_record_fostering_work(request.user, household):
        raise Http404
    form, asked = _ask(request, household, carer=False)
    if asked is not None:
        messages.success(request, ASKED_MESSAGE)
        return redirect("support_requests:support-request-detail", pk=asked.pk)
    return render(
        request, "support_requests/support_request_ask.html", {"form": form, "household": household}
    )


def support_request_list(request: HttpRequest) -> HttpResponse:
    today = timezone.localdate()
    page, query = paginate(request, selectors.open_support_requests_for(request.user, today=today))
    return render(
        request, "support_requests/support_request_list.html", {"page": page, "query": query, "today": today}
    )


def support_request_detail(request: HttpRequest, pk: int) -> HttpResponse:
    support_request = selectors.get_support_request_for_user_or_404(request.user, pk)
    _viewed(request, support_request)
    can_act = access.can_record_fostering_work(request.user, support_request.household)
    is_open = support_request.is_open
    today = timezone.localdate()
    return render(
        request,
        "support_requests/support_request_detail.html",
        {
            "support_request": support_request,
            "updates": support_request.updates.select_related("created_by"),
            "late": rules.lateness(support_request, today),
            "acknowledge_form": AcknowledgeForm(initial={"seen_version": support_request.version})
            if can_act and is_open and support_request.acknowledged_at is None
            else None,
            "can_respond": can_act and is_open,
            "can_record_not_obtained": can_act and support_request.status != SupportRequestStatus.CLOSED,
            "can_escalate": can_act and is_open and support_request.status != SupportRequestStatus.ESCALATED,
            "can_close": can_act and support_request.status != SupportRequestStatus.CLOSED,
            # What the carers have been trained in, beside the help being planned.
            "training": training_summary_for(support_request.household) if can_act else None,
            "today": today,
        },
    )


def _act(
    request: HttpRequest,
    pk: int,
    *,
    form_class: type[_TextForm],
    service: Callable[..., SupportRequest],
    template: str,
    done: str,
) -> HttpResponse:
    """A step in the request's history by the fostering service: a page with one box of text,
    saved through `service` with the text as the argument the form's field is named for."""
    support_request = selectors.get_support_request_for_user_or_404(request.user, pk)
    if not access.can_record_fostering_work(request.user, support_request.household):
        raise Http404
    form = form_class(
        request.POST if request.method == "POST" else None,
        initial={"seen_version": support_request.version},
    )
    if request.method == "POST" and form.is_valid():
        try:
            service(
                actor=request.user,
                support_request=support_request,
                seen_version=form.cleaned_data["seen_version"],
                **{form.name: form.text()},
            )
        except StaleEditError as error:
            form.refuse_as_stale(error, support_request, viewer=request.user)
        except ValidationError as error:
            form.add_service_error(error)
        else:
            messages.success(request, done)
            return redirect("support_requests:support-request-detail", pk=support_request.pk)
    return render(request, template, {"form": form, "support_request": support_request})


@require_POST
def support_request_acknowledge(request: HttpRequest, pk: int) -> HttpResponse:
    return _act(
        request,
        pk,
        form_class=AcknowledgeForm,
        service=services.acknowledge_support_request,
        template="support_requests/support_request_acknowledge.html",
        done=ACKNOWLEDGED_MESSAGE,
    )


def support_request_respond(request: HttpRequest, pk: int) -> HttpResponse:
    return _act(
        request,
        pk,
        form_class=RespondForm,
        service=services.respond_to_support_request,
        template="support_requests/support_request_respond.html",
        done=RESPONDED_MESSAGE,
    )


def support_request_not_obtained(request: HttpRequest, pk: int) -> HttpResponse:
    return _act(
        request,
        pk,
        form_class=NotObtainedForm,
        service=services.record_service_not_obtained,
        template="support_requests/support_request_not_obtained.html",
        done=NOT_OBTAINED_MESSAGE,
    )


def support_request_escalate(request: HttpRequest, pk: int) -> HttpResponse:
    return _act(
        request,
        pk,
        form_class=EscalateForm,
        service=services.escalate_support_request,
        template="support_requests/support_request_escalate.html",
        done=ESCALATED_MESSAGE,
    )


def support_request_close(request: HttpRequest, pk: int) -> HttpResponse:
    return _act(
        request,
        pk,
        form_class=CloseForm,
        service=services.close_support_request,
        template="support_requests/support_request_close.html",
        done=CLOSED_MESSAGE,
    )


# The carers' portal --------------------------------------------------------------------------


def portal_help_list(request: HttpRequest) -> HttpResponse:
    household = access.get_carer_household_or_404(request.user)
    record_view(actor=request.user, event_type=SUPPORT_REQUEST_VIEWED, household_id=household.pk)
    return render(
        request,
        "support_requests/portal_help_list.html",
        {
            "household": household,
            "requests": list(selectors.support_requests_of_carer(request.user, household)[:50]),
            "contacts": contacts_for_carer(household),
        },
    )


@sent_once
def portal_help_ask(request: HttpRequest) -> HttpResponse:
    household = access.get_carer_household_or_404(request.user)
    form, asked = _ask(request, household, carer=True)
    if asked is not None:
        messages.success(request, CARER_ASKED_MESSAGE)
        return redirect("portal:portal-help-detail", pk=asked.pk)
    return render(
        request,
        "support_requests/portal_help_ask.html",
        {"form": form, "household": household, "contacts": contacts_for_carer(household)},
    )


def portal_help_detail(request: HttpRequest, pk: int) -> HttpResponse:
    household = access.get_carer_household_or_404(request.user)
    support_request = selectors.get_carer_support_request_or_404(request.user, household, pk)
    _viewed(request, support_request)
    return render(
        request,
        "support_requests/portal_help_detail.html",
        {
            "support_request": support_request,
            "updates": support_request.updates.select_related("created_by"),
            "contacts": contacts_for_carer(household),
        },
    )
