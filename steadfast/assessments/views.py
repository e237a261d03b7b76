from collections.abc import Callable
from typing import Any

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import Http404, HttpRequest, HttpResponse, QueryDict
from django.shortcuts import redirect, render
from django.utils import timezone

from steadfast.accounts import access
from steadfast.audit.services import record_view
from steadfast.core.forms import GovukForm
from steadfast.core.middleware import sent_once
from steadfast.households.models import Household
from steadfast.placements.models import Placement

from . import selectors, services
from .forms import CarerTrainingForm, ImpactStressAssessmentForm, MatchingForm, SiblingAssessmentForm

IMPACT_ASSESSMENT_VIEWED = "IMPACT_STRESS_ASSESSMENT_VIEWED"
MATCHING_VIEWED = "MATCHING_RECORD_VIEWED"
SIBLING_ASSESSMENT_VIEWED = "SIBLING_ASSESSMENT_VIEWED"
IMPACT_RECORDED_MESSAGE = "The impact and stress assessment has been recorded"
MATCHING_RECORDED_MESSAGE = "The matching record has been saved"
SIBLING_RECORDED_MESSAGE = "The sibling assessment has been recorded"
TRAINING_RECORDED_MESSAGE = "The training has been recorded"


def _posted(request: HttpRequest) -> QueryDict | None:
    return request.POST if request.method == "POST" else None


def _save(
    request: HttpRequest, form: GovukForm, act: Callable[[dict[str, Any]], Any], message: str
) -> Any | None:
    """The one shape of these record pages: on a valid post, `act` on the cleaned data through a
    service and return what it saved, with `message`; show its refusal against the fields and
    return None."""
    if request.method == "POST" and form.is_valid():
        try:
            saved = act(form.cleaned_data)
        except ValidationError as error:
            form.add_service_error(error)
        else:
            messages.success(request, message)
            return saved
    return None


def _household_for_fostering_work_or_404(request: HttpRequest, household_id: int) -> Household:
    household = access.get_household_for_user_or_404(request.user, household_id)
    if not access.can_record_fostering_work(request.user, household):
        raise Http404
    return household


def _child_visible(request: HttpRequest, placement: Placement) -> bool:
    return access.children_visible_to(request.user).filter(pk=placement.child_id).exists()


@sent_once
def impact_assessment_record(request: HttpRequest, household_id: int) -> HttpResponse:
    household = _household_for_fostering_work_or_404(request, household_id)
    form = ImpactStressAssessmentForm(
        _posted(request),
        initial={"reason": request.GET.get("reason")},
        household=household,
        viewer=request.user,
    )
    assessment = _save(
        request,
        form,
        lambda data: services.record_impact_stress_assessment(
            actor=request.user,
            household=household,
            date=data["date"],
            reason=data["reason"],
            ratings=form.ratings(),
            overall=data["overall"],
            support_plan=data["support_plan"],
        ),
        IMPACT_RECORDED_MESSAGE,
    )
    if assessment is not None:
        return redirect("assessments:impact-assessment-detail", pk=assessment.pk)
    return render(
        request,
        "assessments/impact_assessment_record.html",
        {
            "form": form,
            "household": household,
            "training": selectors.training_summary_for(household),
            "today": timezone.localdate(),
        },
    )


def impact_assessment_detail(request: HttpRequest, pk: int) -> HttpResponse:
    assessment = selectors.get_impact_assessment_for_user_or_404(request.user, pk)
    record_view(actor=request.user, event_type=IMPACT_ASSESSMENT_VIEWED, household_id=assessment.household_id)
    return render(
        request,
        "assessments/impact_assessment_detail.html",
        {"assessment": assessment, "ratings": list(assessment.ratings.all())},
    )


@sent_once
def matching_record(request: HttpRequest, placement_id: int) -> HttpResponse:
    placement = Placement.objects.select_related("child", "household").filter(pk=placement_id).first()
    if (
        placement is None
        or placement.end_date is not None
        or hasattr(placement, "matching_record")
        or not access.can_record_matching(request.user, placement)
    ):
        raise Http404
    form = MatchingForm(_posted(request))
    record = _save(
        request,
        form,
        lambda data: services.record_matching(actor=request.user, placement=placement, **data),
        MATCHING_RECORDED_MESSAGE,
    )
    if record is not None:
        return redirect("assessments:matching-detail", pk=record.pk)
    return render(
        request,
        "assessments/matching_record.html",
        {
            "form": form,
            "placement": placement,
            "child_visible": _child_visible(request, placement),
        },
    )


def matching_detail(request: HttpRequest, pk: int) -> HttpResponse:
    record = selectors.get_matching_for_user_or_404(request.user, pk)
    placement = record.placement
    record_view(
        actor=request.user,
        event_type=MATCHING_VIEWED,
        child_id=placement.child_id,
        household_id=placement.household_id,
    )
    return render(
        request,
        "assessments/matching_detail.html",
        {
            "record": record,
            "placement": placement,
            "written": selectors.matching_written(record),
            "child_visible": _child_visible(request, placement),
        },
    )


@sent_once
def sibling_assessment_record(request: HttpRequest, child_id: int) -> HttpResponse:
    child = access.get_child_for_user_or_404(request.user, child_id)
    if not access.can_record_sibling_assessment(request.user):
        raise Http404
    siblings = selectors.siblings_to_assess(child, viewer=request.user)
    form = SiblingAssessmentForm(_posted(request), siblings=siblings)
    assessment = _save(
        request,
        form,
        lambda data: services.record_sibling_assessment(actor=request.user, child=child, **data),
        SIBLING_RECORDED_MESSAGE,
    )
    if assessment is not None:
        return redirect("assessments:sibling-assessment-detail", pk=assessment.pk)
    return render(
        request,
        "assessments/sibling_assessment_record.html",
        {"form": form, "child": child, "has_siblings": siblings.exists()},
    )


def sibling_assessment_detail(request: HttpRequest, pk: int) -> HttpResponse:
    assessment = selectors.get_sibling_assessment_for_user_or_404(request.user, pk)
    for child_id in (assessment.child_id, assessment.sibling_id):
        record_view(actor=request.user, event_type=SIBLING_ASSESSMENT_VIEWED, child_id=child_id)
    both = (assessment.child, assessment.sibling)
    visible = set(
        access.children_visible_to(request.user)
        .filter(pk__in=[c.pk for c in both])
        .values_list("pk", flat=True)
    )
    # The other child is named with their age only, and their record is linked only for someone
    # who may open it.
    children = [{"child": c, "visible": c.pk in visible, "named": selectors.named_with_age(c)} for c in both]
    return render(
        request,
        "assessments/sibling_assessment_detail.html",
        {"assessment": assessment, "children": children, "home": next(c for c in children if c["visible"])},
    )


@sent_once
def carer_training_record(request: HttpRequest, household_id: int) -> HttpResponse:
    household = _household_for_fostering_work_or_404(request, household_id)
    form = CarerTrainingForm(
        _posted(request), carers=selectors.approved_carers(household), viewer=request.user
    )
    training = _save(
        request,
        form,
        lambda data: services.record_carer_training(actor=request.user, **data),
        TRAINING_RECORDED_MESSAGE,
    )
    if training is not None:
        return redirect("households:household-detail", pk=household.pk)
    return render(request, "assessments/carer_training_record.html", {"form": form, "household": household})
