from django.conf import settings
from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone

from steadfast.accounts import access
from steadfast.accounts.decorators import confirmation_redirect
from steadfast.core.pagination import paginate

from . import selectors, services
from .forms import EmergencyOpeningForm

OPENED_MESSAGE = "You can see this record until {ends}. The child's managers have been told"
ALREADY_VISIBLE_MESSAGE = "You can already see this record: nothing was opened in an emergency"


def opening_add(request: HttpRequest) -> HttpResponse:
    """Open a record in an emergency: staff in a casework role, once they have confirmed who they
    are again; 404 for anyone else, as for a page that does not exist."""
    if not access.can_open_in_emergency(request.user):
        raise Http404
    reconfirm = confirmation_redirect(request)
    if reconfirm is not None:
        return reconfirm
    form = EmergencyOpeningForm(request.POST if request.method == "POST" else None)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            opening = services.open_record_in_emergency(
                actor=request.user, child_identifier=data["child_identifier"], reason=data["reason"]
            )
        except ValidationError as error:
            form.add_service_error(error)
        else:
            if opening.grant is None:
                messages.info(request, ALREADY_VISIBLE_MESSAGE)
            else:
                ends = services.ends_text(opening.grant.expires_at, now=timezone.now())
                messages.success(request, OPENED_MESSAGE.format(ends=ends))
            return redirect("children:child-detail", pk=opening.child.pk)
    hours = settings.EMERGENCY_ACCESS_DURATION.total_seconds() / 3600
    return render(
        request,
        "emergency_access/opening_add.html",
        {"form": form, "hours": int(hours) if hours == int(hours) else round(hours, 1)},
    )


def opening_list(request: HttpRequest) -> HttpResponse:
    """The emergency openings of the last 90 days that a manager oversees."""
    if not access.can_see_emergency_openings(request.user):
        raise Http404
    now = timezone.now()
    page, query = paginate(request, selectors.emergency_openings_for(request.user, now=now))
    openings = list(page.object_list)
    return render(
        request,
        "emergency_access/opening_list.html",
        {
            "page": page,
            "query": query,
            "openings": openings,
            "visible_children": selectors.visible_child_ids(request.user, openings),
            "now": now,
            "days": selectors.OPENINGS_LIST_DAYS,
        },
    )
