from django.http import HttpRequest, HttpResponse
from django.shortcuts import render

from steadfast.accounts import access
from steadfast.audit.services import HOUSEHOLD_VIEWED, record_view

from .selectors import children_placed_with_carer


def portal_home(request: HttpRequest) -> HttpResponse:
    household = access.get_carer_household_or_404(request.user)
    record_view(actor=request.user, event_type=HOUSEHOLD_VIEWED, household_id=household.pk)
    return render(
        request,
        "carers_portal/portal_home.html",
        {"household": household, "children": list(children_placed_with_carer(request.user, household))},
    )
