from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.views.decorators.http import require_POST

from steadfast.accounts import access, grant_pages
from steadfast.accounts.forms import AllocationForm
from steadfast.accounts.models import AccessGrant, Role, Team, TeamKind
from steadfast.accounts.selectors import (
    active_grants_for_child,
    allocatable_workers,
    allocation_history_of,
    current_allocations_for,
    emergency_grant_of,
)
from steadfast.accounts.services import allocate_worker
from steadfast.audit.selectors import viewers_of_child
from steadfast.audit.services import CHILD_VIEWED, record_view
from steadfast.core.errors import StaleEditError
from steadfast.core.middleware import sent_once
from steadfast.core.pagination import paginate
from steadfast.core.record_sections import CHILD, compose
from steadfast.core.selectors import rows_version
from steadfast.placements.models import Placement, PlacementType
from steadfast.placements.selectors import placements_of_child, with_placement_counts

from . import services
from .forms import ChildAddForm, ChildEditForm, ChildFilterForm
from .models import Child
from .selectors import child_list_for, legal_statuses_of, relationships_of

CHILD_ADDED_MESSAGE = "{name} has been added"
CHILD_UPDATED_MESSAGE = "{name}'s details have been updated"
WORKER_ALLOCATED_MESSAGE = "{worker} has been allocated"
# What a refused allocation lists of the allocations changed meanwhile: the child is this one.
ALLOCATION_SHOWN = ("worker", "role", "start_date", "end_date")


def child_list(request: HttpRequest) -> HttpResponse:
    form = ChildFilterForm(
        request.GET or None,
        teams=Team.objects.filter(
            kind__in=[TeamKind.CHILDRENS_SOCIAL_WORK, TeamKind.REVIEWING, TeamKind.PLACEMENT_SUPPORT]
        ),
    )
    refused = form.is_bound and not form.is_valid()
    filters = {} if refused or not form.is_bound else form.cleaned_data
    children = child_list_for(
        request.user,
        search=filters.get("q", ""),
        team_id=filters["team"].pk if filters.get("team") else None,
        worker_name=filters.get("worker", ""),
        placement_type=filters.get("placement_type", ""),
        min_placements_last_12_months=int(filters["placements"]) if filters.get("placements") else None,
    )
    if refused:  # a search that could not be read lists nobody, rather than everyone
        children = children.none()
    page, query = paginate(request, children)
    return render(
        request,
        "children/child_list.html",
        {
            "form": form,
            "page": page,
            "query": query,
            "filtered": refused or bool(filters and any(filters.values())),
            "can_add": access.can_add_child(request.user),
            "can_open_in_emergency": access.can_open_in_emergency(request.user),
            "reads_case_records": request.user.role in access.CASEWORK_ROLES,
            "placement_type_labels": dict(PlacementType.choices),
        },
    )


def child_detail(request: HttpRequest, pk: int) -> HttpResponse:
    child = access.get_child_for_user_or_404(request.user, pk)
    record_view(actor=request.user, event_type=CHILD_VIEWED, child_id=child.pk)
    counts = with_placement_counts(Child.objects.filter(pk=child.pk)).values(
        "placements_last_12_months", "placements_in_care"
    )[0]
    placements = list(placements_of_child(child))
    current_placement = next((p for p in placements if p.end_date is None), None)
    visible_households = set(
        access.households_visible_to(request.user)
        .filter(pk__in=Placement.objects.filter(child=child).values("household"))
        .values_list("pk", flat=True)
    )
    today = timezone.localdate()
    page = {
        "child": child,
        # The person's own emergency opening, for the banner saying when it ends.
        "emergency_grant": emergency_grant_of(request.user, child),
        "counts": counts,
        "placements": placements,
        "visible_households": visible_households,
        "allocations": current_allocations_for(child),
        "legal_statuses": legal_statuses_of(child),
        "relationships": relationships_of(child, viewer=request.user),
        "can_change": access.can_change_child(request.user, child),
        "can_allocate": access.can_allocate_to_child(request.user, child),
        "grants": active_grants_for_child(child)
        if access.can_grant_access_to_child(request.user, child)
        else None,
        "viewers": viewers_of_child(child_id=child.pk)[:20]
        if access.can_see_who_viewed(request.user)
        else None,
    }
    # The sections the apps offer draw what they show with the placement and the day the page
    # has already worked out.
    context = compose(CHILD, request.user, child, page=page, today=today, current_placement=current_placement)
    return render(request, "children/child_detail.html", context)


@sent_once
def child_add(request: HttpRequest) -> HttpResponse:
    if not access.can_add_child(request.user):
        raise Http404
    social_workers = allocatable_workers(request.user).filter(role=Role.SOCIAL_WORKER)
    form = ChildAddForm(
        request.POST if request.method == "POST" else None,
        social_workers=social_workers,
        initial={"social_worker": request.user.pk} if request.user.role == Role.SOCIAL_WORKER else {},
    )
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            child = services.add_child(actor=request.user, **{k: v for k, v in data.items()})
        except ValidationError as error:
            form.add_service_error(error)
        else:
            messages.success(request, CHILD_ADDED_MESSAGE.format(name=child.display_name))
            return redirect("children:child-detail", pk=child.pk)
    return render(request, "children/child_add.html", {"form": form})


def child_edit(request: HttpRequest, pk: int) -> HttpResponse:
    child = access.get_child_for_user_or_404(request.user, pk)
    if not access.can_change_child(request.user, child):
        raise Http404
    initial = {name: getattr(child, name) for name in services.EDITABLE_FIELDS}
    initial["seen_version"] = child.version
    form = ChildEditForm(request.POST if request.method == "POST" else None, initial=initial)
    if request.method == "POST" and form.is_valid():
        data = dict(form.cleaned_data)
        seen = data.pop("seen_version")
        try:
            child = services.update_child_details(
                actor=request.user, child=child, seen_version=seen, changes=data
            )
        except StaleEditError as error:
            form.refuse_as_stale(error, child, viewer=request.user)
        except ValidationError as error:
            form.add_service_error(error)
        else:
            messages.success(request, CHILD_UPDATED_MESSAGE.format(name=child.display_name))
            return redirect("children:child-detail", pk=child.pk)
    return render(request, "children/child_edit.html", {"form": form, "child": child})


def child_allocate(request: HttpRequest, pk: int) -> HttpResponse:
    child = access.get_child_for_user_or_404(request.user, pk)
    if not access.can_allocate_to_child(request.user, child):
        raise Http404
    form = AllocationForm(
        request.POST if request.method == "POST" else None,
        workers=allocatable_workers(request.user),
        initial={"seen_version": rows_version(allocation_history_of(child))},
    )
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            allocate_worker(
                actor=request.user,
                child=child,
                worker=data["worker"],
                role=data["role"],
                start_date=data["start_date"],
                seen_version=data["seen_version"],
            )
        except StaleEditError as error:
            form.refuse_as_stale(
                error, allocation_history_of(child), viewer=request.user, fields=ALLOCATION_SHOWN
            )
        except ValidationError as error:
            form.add_service_error(error)
        else:
            messages.success(request, WORKER_ALLOCATED_MESSAGE.format(worker=data["worker"].get_full_name()))
            return redirect("children:child-detail", pk=child.pk)
    return render(request, "children/child_allocate.html", {"form": form, "child": child})


def child_grant(request: HttpRequest, pk: int) -> HttpResponse:
    child = access.get_child_for_user_or_404(request.user, pk)
    if not access.can_grant_access_to_child(request.user, child):
        raise Http404
    back = reverse("children:child-detail", args=[child.pk])
    return grant_pages.grant_page(request, record=child, record_name=child.display_name, back_url=back)


@require_POST
def child_grant_revoke(request: HttpRequest, pk: int, grant_id: int) -> HttpResponse:
    child = access.get_child_for_user_or_404(request.user, pk)
    if not access.can_grant_access_to_child(request.user, child):
        raise Http404
    # A grant revoked meanwhile is still found, so that the page can say who revoked it and when.
    grant = get_object_or_404(AccessGrant, pk=grant_id, child=child)
    back = reverse("children:child-detail", args=[child.pk])
    return grant_pages.revoke(request, grant, record_name=child.display_name, back_url=back)
