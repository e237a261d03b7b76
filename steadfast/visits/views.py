from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render

from steadfast.accounts import access
from steadfast.audit.services import record_view
from steadfast.core.middleware import sent_once

from . import services
from .forms import StatutoryVisitForm
from .models import StatutoryVisit

STATUTORY_VISIT_VIEWED = "STATUTORY_VISIT_VIEWED"
STATUTORY_VISIT_RECORDED_MESSAGE = "The statutory visit has been recorded. {visit}."


@sent_once
def statutory_visit_record(request: HttpRequest, child_id: int) -> HttpResponse:
    child = access.get_child_for_user_or_404(request.user, child_id)
    if not access.can_record_statutory_visit(request.user, child):
        raise Http404
    form = StatutoryVisitForm(
        request.POST if request.method == "POST" else None, child=child, viewer=request.user
    )
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            visit = services.record_statutory_visit(
                actor=request.user,
                child=child,
                date=data["date"],
                place=data["place"],
                child_seen=data["child_seen"],
                seen_alone=bool(data["seen_alone"]),
                child_said=data["child_said"],
                observations=data["observations"],
            )
        except ValidationError as error:
            form.add_service_error(error)
        else:
            messages.success(request, STATUTORY_VISIT_RECORDED_MESSAGE.format(visit=visit.described))
            return redirect("visits:statutory-visit-detail", pk=visit.pk)
    return render(request, "visits/statutory_visit_record.html", {"form": form, "child": child})


def statutory_visit_detail(request: HttpRequest, pk: int) -> HttpResponse:
    visit = (
        StatutoryVisit.objects.select_related("created_by", "placement__household", "placement__provider")
        .filter(pk=pk)
        .first()
    )
    if visit is None:
        raise Http404
    child = access.get_child_for_user_or_404(request.user, visit.child_id)
    if not access.can_see_statutory_visits(request.user, child):
        raise Http404
    record_view(actor=request.user, event_type=STATUTORY_VISIT_VIEWED, child_id=child.pk)
    return render(request, "visits/statutory_visit_detail.html", {"visit": visit, "child": child})
