from django.conf import settings
from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone

from steadfast.accounts import access

from . import services
from .forms import RestrictionReviewForm
from .models import ReviewDecision
from .selectors import restricted_records_for_review, reviews_of, schedule_for

REVIEW_KEPT_MESSAGE = "Review recorded: {name}'s record stays restricted"
REVIEW_LIFTED_MESSAGE = "Review recorded: {name}'s record is no longer restricted"


def restriction_list(request: HttpRequest) -> HttpResponse:
    """The restricted records due or overdue for review, for a manager granted them."""
    if not access.can_list_restrictions_to_review(request.user):
        raise Http404
    today = timezone.localdate()
    return render(
        request,
        "restrictions/restriction_list.html",
        {
            "records": restricted_records_for_review(request.user, today=today),
            "every_days": settings.RESTRICTED_RECORD_REVIEW_DAYS,
        },
    )


def _review(request: HttpRequest, record, *, whose: dict, name: str, back: str) -> HttpResponse:
    if not record.restricted or not access.can_review_restriction(request.user, **whose):
        raise Http404
    form = RestrictionReviewForm(request.POST if request.method == "POST" else None)
    if request.method == "POST" and form.is_valid():
        try:
            review = services.review_restriction(actor=request.user, **form.cleaned_data, **whose)
        except ValidationError as error:
            form.add_service_error(error)
        else:
            text = REVIEW_LIFTED_MESSAGE if review.decision == ReviewDecision.LIFT else REVIEW_KEPT_MESSAGE
            messages.success(request, text.format(name=name))
            return redirect(back, pk=record.pk)
    return render(
        request,
        "restrictions/restriction_review.html",
        {
            "form": form,
            "name": name,
            "back_url": back,
            "record": record,
            "schedule": schedule_for(record, today=timezone.localdate()),
            "reviews": reviews_of(**whose)[:5],
        },
    )


def child_restriction_review(request: HttpRequest, pk: int) -> HttpResponse:
    child = access.get_child_for_user_or_404(request.user, pk)
    return _review(
        request, child, whose={"child": child}, name=child.display_name, back="children:child-detail"
    )


def household_restriction_review(request: HttpRequest, pk: int) -> HttpResponse:
    household = access.get_household_for_user_or_404(request.user, pk)
    return _review(
        request,
        household,
        whose={"household": household},
        name=household.name,
        back="households:household-detail",
    )
