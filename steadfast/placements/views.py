from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render

from steadfast.accounts import access
from steadfast.accounts.selectors import managers
from steadfast.core.errors import StaleEditError
from steadfast.core.middleware import sent_once
from steadfast.households.models import Provider

from . import services
from .forms import PlacementEndForm, PlacementLongTermForm, PlacementStartForm
from .models import Placement

PLACEMENT_STARTED_MESSAGE = "The placement has been started"
PLACEMENT_ENDED_MESSAGE = "The placement has been ended"
PLACEMENT_AGREED_LONG_TERM_MESSAGE = "The placement has been recorded as agreed as long-term"


@sent_once
def placement_start(request: HttpRequest, child_id: int) -> HttpResponse:
    child = access.get_child_for_user_or_404(request.user, child_id)
    if not access.can_change_child(request.user, child):
        raise Http404
    form = PlacementStartForm(
        request.POST if request.method == "POST" else None,
        providers=Provider.objects.all(),
        managers=managers(),
    )
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            services.start_placement(
                actor=request.user,
                child=child,
                placement_type=data["placement_type"],
                start_date=data["start_date"],
                household=data["household"],
                provider=data["provider"],
                approval_exception_reason=data["approval_exception_reason"],
                approval_exception_authorised_by=data["approval_exception_authorised_by"],
            )
        except ValidationError as error:
            form.add_service_error(error)
        else:
            messages.success(request, PLACEMENT_STARTED_MESSAGE)
            return redirect("children:child-detail", pk=child.pk)
    return render(request, "placements/placement_start.html", {"form": form, "child": child})


def placement_end(request: HttpRequest, pk: int) -> HttpResponse:
    placement = Placement.objects.filter(pk=pk).select_related("household", "provider").first()
    if placement is None:
        raise Http404
    child = access.get_child_for_user_or_404(request.user, placement.child_id)
    if not access.can_change_child(request.user, child):
        raise Http404
    form = PlacementEndForm(
        request.POST if request.method == "POST" else None, initial={"seen_version": placement.version}
    )
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            services.end_placement(
                actor=request.user,
                placement=placement,
                end_date=data["end_date"],
                end_reason=data["end_reason"],
                ending_planned=data["ending_planned"],
                seen_version=data["seen_version"],
            )
        except StaleEditError as error:
            form.refuse_as_stale(error, placement, viewer=request.user)
        except ValidationError as error:
            form.add_service_error(error)
        else:
            messages.success(request, PLACEMENT_ENDED_MESSAGE)
            return redirect("children:child-detail", pk=child.pk)
    return render(
        request,
        "placements/placement_end.html",
        {"form": form, "child": child, "placement": placement},
    )


def placement_long_term(request: HttpRequest, pk: int) -> HttpResponse:
    placement = Placement.objects.filter(pk=pk).select_related("household", "provider").first()
    if placement is None:
        raise Http404
    child = access.get_child_for_user_or_404(request.user, placement.child_id)
    if not access.can_change_child(request.user, child):
        raise Http404
    form = PlacementLongTermForm(
        request.POST if request.method == "POST" else None, initial={"seen_version": placement.version}
    )
    if request.method == "POST" and form.is_valid():
        try:
            services.agree_placement_long_term(
                actor=request.user,
                placement=placement,
                agreed_on=form.cleaned_data["agreed_on"],
                seen_version=form.cleaned_data["seen_version"],
            )
        except StaleEditError as error:
            form.refuse_as_stale(error, placement, viewer=request.user)
        except ValidationError as error:
            form.add_service_error(error)
        else:
            messages.success(request, PLACEMENT_AGREED_LONG_TERM_MESSAGE)
            return redirect("children:child-detail", pk=child.pk)
    return render(
        request,
        "placements/placement_long_term.html",
        {"form": form, "child": child, "placement": placement},
    )
