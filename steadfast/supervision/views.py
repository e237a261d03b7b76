from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render

from steadfast.accounts import access
from steadfast.audit.services import record_view
from steadfast.core.middleware import sent_once

from . import selectors, services
from .forms import SupervisionForm
from .models import SupervisionSession

SUPERVISION_VIEWED = "SUPERVISION_SESSION_VIEWED"
SUPERVISION_RECORDED_MESSAGE = "The supervision session has been recorded"


@sent_once
def supervision_record(request: HttpRequest, household_id: int) -> HttpResponse:
    household = access.get_household_for_user_or_404(request.user, household_id)
    if not access.can_record_fostering_work(request.user, household):
        raise Http404
    children = list(selectors.children_to_scale(household, viewer=request.user))
    form = SupervisionForm(request.POST if request.method == "POST" else None, children=children)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            session = services.record_supervision_session(
                actor=request.user,
                household=household,
                date=data["date"],
                unannounced=data["unannounced"] == "yes",
                present=data["present"],
                topics=data["topics"],
                household_managing=data["household_managing"],
                actions=data["actions"],
                scales=form.scales(),
                reasons_no_scale=form.reasons_no_scale(),
            )
        except ValidationError as error:
            form.add_service_error(error)
        else:
            messages.success(request, SUPERVISION_RECORDED_MESSAGE)
            return redirect("supervision:supervision-detail", pk=session.pk)
    return render(request, "supervision/supervision_record.html", {"form": form, "household": household})


def supervision_detail(request: HttpRequest, pk: int) -> HttpResponse:
    session = SupervisionSession.objects.select_related("household", "created_by").filter(pk=pk).first()
    if session is None:
        raise Http404
    household = access.get_household_for_user_or_404(request.user, session.household_id)
    if not access.can_read_fostering_record(request.user, household):
        raise Http404
    named = access.children_named_on_household(request.user, household)
    scales = selectors.scales_of_session(session, children=named)
    not_given = list(session.scales_not_given.filter(child__in=named.values("pk")).select_related("child"))
    record_view(actor=request.user, event_type=SUPERVISION_VIEWED, household_id=household.pk)
    # Each child's scale, or why none was given, is read from their record too.
    for child_id in sorted({s.child.pk for s in scales} | {n.child_id for n in not_given}):
        record_view(actor=request.user, event_type=SUPERVISION_VIEWED, child_id=child_id)
    # A scale that suggests a concern is put to the worker here, where saving the session lands
    # them, for each child whose record they may open to raise it.
    openable = set(
        access.children_visible_to(request.user)
        .filter(pk__in=[s.child.pk for s in scales if s.suggests_concern])
        .values_list("pk", flat=True)
    )
    return render(
        request,
        "supervision/supervision_detail.html",
        {
            "session": session,
            "scales": scales,
            "not_given": not_given,
            "prompts": [s for s in scales if s.child.pk in openable],
            "raised_by": selectors.concern_raised_by(request.user),
        },
    )
