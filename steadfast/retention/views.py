from django.conf import settings
from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.views.decorators.http import require_POST

from steadfast.accounts import access
from steadfast.children.models import Child
from steadfast.core.querystring import id_from
from steadfast.households.models import Household

from . import selectors, services
from .forms import ProposalForm, RefusalForm
from .models import ProposalStatus

PROPOSED_MESSAGE = (
    "Destruction proposed. A second records officer must confirm it before anything is destroyed"
)
CONFIRMED_MESSAGE = "Destruction confirmed: the record has been destroyed"
REFUSED_MESSAGE = "Destruction refused: the record is kept"


def _records_officer_only(request: HttpRequest) -> None:
    if not access.is_records_officer(request.user):
        raise Http404


def retention_list(request: HttpRequest) -> HttpResponse:
    _records_officer_only(request)
    today = timezone.localdate()
    proposals = selectors.proposals_for(request.user)
    waiting = proposals.filter(status=ProposalStatus.PROPOSED)
    return render(
        request,
        "retention/retention_list.html",
        {
            "children": selectors.children_past_retention(request.user, today=today)[:100],
            "households": selectors.households_past_retention(request.user, today=today)[:100],
            "audit_count": selectors.audit_events_past_retention(today=today),
            "audit_cutoff": selectors.audit_cutoff(today),
            "periods": {
                "child_until_age": settings.RETENTION_CHILD_UNTIL_AGE,
                "child_died_before_age": settings.RETENTION_CHILD_DIED_BEFORE_AGE,
                "child_years_after_death": settings.RETENTION_CHILD_YEARS_AFTER_DEATH,
                "carer_years": settings.RETENTION_CARER_YEARS_AFTER_APPROVAL,
                "audit_years": settings.RETENTION_AUDIT_YEARS,
            },
            "waiting": waiting,
            # A record already proposed is not offered for proposing again.
            "children_waiting": set(waiting.values_list("child_id", flat=True)),
            "households_waiting": set(waiting.values_list("household_id", flat=True)),
            "decided": proposals.exclude(status=ProposalStatus.PROPOSED)[:20],
        },
    )


def retention_propose(request: HttpRequest) -> HttpResponse:
    """Propose destroying one record past retention: `?child=`, `?household=` or `?audit=1`."""
    _records_officer_only(request)
    target: dict = {}
    name = ""
    try:
        if request.GET.get("child"):
            target["child"] = access.children_for_records_team(request.user).get(
                pk=id_from(request.GET["child"])
            )
            name = f"{target['child'].display_name}'s record"
        elif request.GET.get("household"):
            target["household"] = access.households_for_records_team(request.user).get(
                pk=id_from(request.GET["household"])
            )
            name = f"the record of {target['household'].name}"
        elif request.GET.get("audit") == "1":
            target["audit_trail"] = True
            name = "the audit rows past their retention"
        else:
            raise Http404
    except (Child.DoesNotExist, Household.DoesNotExist):
        raise Http404 from None
    form = ProposalForm(request.POST if request.method == "POST" else None)
    if request.method == "POST" and form.is_valid():
        try:
            proposal = services.propose_destruction(
                actor=request.user, reason=form.cleaned_data["reason"], **target
            )
        except ValidationError as error:
            form.add_service_error(error)
        else:
            messages.success(request, PROPOSED_MESSAGE)
            return redirect("retention:proposal-detail", pk=proposal.pk)
    return render(request, "retention/retention_propose.html", {"form": form, "name": name})


def _proposal_or_404(request: HttpRequest, pk: int):
    _records_officer_only(request)
    return get_object_or_404(selectors.proposals_for(request.user), pk=pk)


def proposal_detail(request: HttpRequest, pk: int) -> HttpResponse:
    proposal = _proposal_or_404(request, pk)
    return render(
        request,
        "retention/proposal_detail.html",
        {
            "proposal": proposal,
            "refusal_form": RefusalForm(),
            "may_decide": proposal.status == ProposalStatus.PROPOSED
            and proposal.created_by_id != request.user.pk,
        },
    )


@require_POST
def proposal_confirm(request: HttpRequest, pk: int) -> HttpResponse:
    proposal = _proposal_or_404(request, pk)
    try:
        services.confirm_destruction(actor=request.user, proposal=proposal)
    except ValidationError as error:
        messages.error(request, error.messages[0])
    else:
        messages.success(request, CONFIRMED_MESSAGE)
    return redirect("retention:proposal-detail", pk=proposal.pk)


@require_POST
def proposal_refuse(request: HttpRequest, pk: int) -> HttpResponse:
    proposal = _proposal_or_404(request, pk)
    form = RefusalForm(request.POST)
    if form.is_valid():
        try:
            services.refuse_destruction(
                actor=request.user, proposal=proposal, reason=form.cleaned_data["reason"]
            )
        except ValidationError as error:
            form.add_service_error(error)
        else:
            messages.success(request, REFUSED_MESSAGE)
            return redirect("retention:proposal-detail", pk=proposal.pk)
    return render(
        request,
        "retention/proposal_detail.html",
        {
            "proposal": proposal,
            "refusal_form": form,
            "may_decide": proposal.status == ProposalStatus.PROPOSED
            and proposal.created_by_id != request.user.pk,
        },
    )
