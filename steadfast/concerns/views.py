from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse

from steadfast.accounts import access
from steadfast.audit.services import record_view
from steadfast.children.models import Child
from steadfast.core.errors import StaleEditError
from steadfast.core.middleware import sent_once
from steadfast.placements.models import Placement

from . import selectors, services
from .forms import ConcernRaiseForm, ConcernTriageForm
from .models import ConcernStatus

CONCERN_VIEWED = "STABILITY_CONCERN_VIEWED"
PREFILLABLE = ("urgency", "raised_by", "what_is_happening")
CONCERN_RAISED_MESSAGE = (
    "The concern has been raised. The child's social worker, the supervising social worker "
    "and their managers have been told."
)
CONCERN_TRIAGED_MESSAGE = "Your decision has been recorded on the child's and the household's record"


def _raise(request: HttpRequest, *, child: Child | None, children=None, back: str) -> HttpResponse:
    # A prompt elsewhere (a low stability scale in supervision) may open the form ready-filled.
    prefilled = {name: request.GET[name] for name in PREFILLABLE if name in request.GET}
    form = ConcernRaiseForm(
        request.POST if request.method == "POST" else None, initial=prefilled, children=children
    )
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            concern = services.raise_stability_concern(
                actor=request.user,
                child=child or data["child"],
                urgency=data["urgency"],
                factors=data["factors"],
                what_is_happening=data["what_is_happening"],
                raised_by=data["raised_by"],
                raised_by_name=data["raised_by_name"],
            )
        except ValidationError as error:
            form.add_service_error(error)
        else:
            messages.success(request, CONCERN_RAISED_MESSAGE)
            if selectors.concerns_visible_to(request.user).filter(pk=concern.pk).exists():
                return redirect("concerns:concern-detail", pk=concern.pk)
            return redirect(back)
    return render(request, "concerns/concern_raise.html", {"form": form, "child": child, "back": back})


@sent_once
def concern_raise_for_child(request: HttpRequest, child_id: int) -> HttpResponse:
    child = access.get_child_for_user_or_404(request.user, child_id)
    return _raise(request, child=child, back=reverse("children:child-detail", args=[child.pk]))


@sent_once
def concern_raise_for_household(request: HttpRequest, household_id: int) -> HttpResponse:
    household = access.get_household_for_user_or_404(request.user, household_id)
    living_here = access.children_named_on_household(request.user, household).filter(
        pk__in=Placement.objects.filter(household=household, end_date__isnull=True).values("child")
    )
    return _raise(
        request,
        child=None,
        children=living_here,
        back=reverse("households:household-detail", args=[household.pk]),
    )


def concern_detail(request: HttpRequest, pk: int) -> HttpResponse:
    concern = selectors.get_concern_for_user_or_404(request.user, pk)
    record_view(actor=request.user, event_type=CONCERN_VIEWED, child_id=concern.child_id)
    return render(
        request,
        "concerns/concern_detail.html",
        {
            "concern": concern,
            "late": selectors.is_late(concern),
            "notes": concern.oversight_notes.select_related("created_by"),
            "can_triage": access.can_triage_concern(request.user)
            and concern.status == ConcernStatus.AWAITING_TRIAGE,
            "can_arrange_meeting": access.can_arrange_meeting(request.user)
            and concern.status == ConcernStatus.MEETING_TO_ARRANGE,
        },
    )


def concern_triage(request: HttpRequest, pk: int) -> HttpResponse:
    concern = selectors.get_concern_for_user_or_404(request.user, pk)
    if not access.can_triage_concern(request.user):
        raise Http404
    form = ConcernTriageForm(
        request.POST if request.method == "POST" else None, initial={"seen_version": concern.version}
    )
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            services.triage_stability_concern(
                actor=request.user,
                concern=concern,
                response=data["response"],
                meeting_kind=data["meeting_kind"],
                reason=data["reason"],
                interim_support=data["interim_support"],
                seen_version=data["seen_version"],
            )
        except StaleEditError as error:
            form.refuse_as_stale(error, concern, viewer=request.user)
        except ValidationError as error:
            form.add_service_error(error)
        else:
            messages.success(request, CONCERN_TRIAGED_MESSAGE)
            return redirect("concerns:concern-detail", pk=concern.pk)
    record_view(actor=request.user, event_type=CONCERN_VIEWED, child_id=concern.child_id)
    return render(
        request,
        "concerns/concern_triage.html",
        {
            "form": form,
            "concern": concern,
            "late": selectors.is_late(concern),
            "earlier": selectors.concerns_of_child(concern.child).exclude(pk=concern.pk),
            "notes": concern.oversight_notes.select_related("created_by"),
        },
    )
