from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, render
from django.urls import reverse
from django.utils import timezone
from django.views.decorators.http import require_POST

from steadfast.accounts import access, grant_pages
from steadfast.accounts.models import AccessGrant
from steadfast.accounts.selectors import (
    active_grants_for_household,
    current_supervising_social_worker_for,
)
from steadfast.audit.services import HOUSEHOLD_VIEWED, record_view
from steadfast.core.pagination import paginate
from steadfast.core.record_sections import HOUSEHOLD, compose

from .forms import HouseholdFilterForm
from .selectors import household_list_for, placements_shown_in_household


def household_list(request: HttpRequest) -> HttpResponse:
    form = HouseholdFilterForm(request.GET or None)
    search = form.cleaned_data.get("q", "") if form.is_bound and form.is_valid() else ""
    page, query = paginate(request, household_list_for(request.user, search=search))
    return render(
        request,
        "households/household_list.html",
        {"form": form, "page": page, "query": query, "search": search},
    )


def household_detail(request: HttpRequest, pk: int) -> HttpResponse:
    household = access.get_household_for_user_or_404(request.user, pk)
    record_view(actor=request.user, event_type=HOUSEHOLD_VIEWED, household_id=household.pk)
    rows = placements_shown_in_household(household, viewer=request.user)
    page = {
        "household": household,
        "members": household.members.all(),
        "supervising": current_supervising_social_worker_for(household),
        "show_address": access.can_see_household_address(request.user, household),
        "placed_now": [r for r in rows if r["placement"].end_date is None],
        "placed_before": [r for r in rows if r["placement"].end_date is not None],
        "grants": active_grants_for_household(household)
        if access.can_grant_access_to_household(request.user, household)
        else None,
    }
    context = compose(HOUSEHOLD, request.user, household, page=page, today=timezone.localdate())
    return render(request, "households/household_detail.html", context)


def household_grant(request: HttpRequest, pk: int) -> HttpResponse:
    household = access.get_household_for_user_or_404(request.user, pk)
    if not access.can_grant_access_to_household(request.user, household):
        raise Http404
    back = reverse("households:household-detail", args=[household.pk])
    return grant_pages.grant_page(request, record=household, record_name=household.name, back_url=back)


@require_POST
def household_grant_revoke(request: HttpRequest, pk: int, grant_id: int) -> HttpResponse:
    household = access.get_household_for_user_or_404(request.user, pk)
    if not access.can_grant_access_to_household(request.user, household):
        raise Http404
    # A grant revoked meanwhile is still found, so that the page can say who revoked it and when.
    grant = get_object_or_404(AccessGrant, pk=grant_id, household=household)
    back = reverse("households:household-detail", args=[household.pk])
    return grant_pages.revoke(request, grant, record_name=household.name, back_url=back)
