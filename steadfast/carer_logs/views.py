"""The fostering service's pages for carers' logs, and the carers' own pages in their portal
(mounted under `/portal/logs/` by the portal's URLs, so they stay in the portal's namespace)."""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.views.decorators.http import require_POST

from steadfast.accounts import access
from steadfast.audit.services import record_view
from steadfast.core.errors import StaleEditError
from steadfast.core.middleware import sent_once
from steadfast.households.models import Household
from steadfast.placements.selectors import children_placed_with_carer

from . import rules, selectors, services
from .forms import CarerLogForm, CarerLogReplyForm, CarerLogReviewForm
from .models import CarerLog
from .tone import RULES, tone_cues

CARER_LOG_VIEWED = "CARER_LOG_VIEWED"
CARER_LOGS_VIEWED = "CARER_LOGS_VIEWED"
LOG_WRITTEN_MESSAGE = "Your log has been saved"
LOG_WRITTEN_FOR_CARER_MESSAGE = "The log has been saved"
LOG_REVIEWED_MESSAGE = "The log has been marked as reviewed"
LOG_REPLIED_MESSAGE = "Your reply has been sent to the carers"


def _write(request: HttpRequest, household: Household) -> tuple[CarerLogForm, CarerLog | None]:
    """The form about the children placed with the household, bound to the write service: the
    log when saved, otherwise None with the errors on the form."""
    children = list(children_placed_with_carer(request.user, household))
    form = CarerLogForm(
        request.POST if request.method == "POST" else None,
        children=children,
        initial={"date": timezone.localdate()},  # most logs are written on the day
    )
    if request.method != "POST" or not form.is_valid():
        return form, None
    try:
        return form, services.write_carer_log(
            actor=request.user, household=household, **form.service_arguments()
        )
    except ValidationError as error:
        form.add_service_error(error)
        return form, None


def _with_cues(logs: list[CarerLog]) -> list[tuple[CarerLog, list]]:
    return [(log, selectors.highlighted(log.what_happened, tone_cues(log.what_happened))) for log in logs]


# The fostering service -------------------------------------------------------------------------


def carer_log_list(request: HttpRequest, household_id: int) -> HttpResponse:
    household = access.get_household_for_user_or_404(request.user, household_id)
    if not access.can_read_fostering_record(request.user, household):
        raise Http404
    unreviewed = list(selectors.unreviewed_logs(household, viewer=request.user))
    reviewed = list(selectors.reviewed_logs(household, viewer=request.user)[:50])
    record_view(actor=request.user, event_type=CARER_LOGS_VIEWED, household_id=household.pk)
    for child_id in sorted({log.child_id for log in [*unreviewed, *reviewed]}):
        record_view(actor=request.user, event_type=CARER_LOGS_VIEWED, child_id=child_id)
    return render(
        request,
        "carer_logs/carer_log_list.html",
        {
            "household": household,
            "unreviewed": _with_cues(unreviewed),
            "reviewed": _with_cues(reviewed),
            "overdue_before": rules.overdue_before(timezone.localdate(), selectors.policy_in_force()),
            "trend": selectors.tone_trend(household, viewer=request.user),
            "rules": RULES,
            "can_write": access.can_record_fostering_work(request.user, household),
        },
    )


@sent_once
def carer_log_write(request: HttpRequest, household_id: int) -> HttpResponse:
    """The supervising social worker writes a log for the carers, as they told it."""
    household = access.get_household_for_user_or_404(request.user, household_id)
    if not access.can_record_fostering_work(request.user, household):
        raise Http404
    form, log = _write(request, household)
    if log is not None:
        messages.success(request, LOG_WRITTEN_FOR_CARER_MESSAGE)
        return redirect("carer_logs:carer-log-detail", pk=log.pk)
    return render(request, "carer_logs/carer_log_write.html", {"form": form, "household": household})


def _log_for_user_or_404(request: HttpRequest, pk: int) -> tuple[CarerLog, bool]:
    """The log and whether the user reads it as the fostering service (with tone cues and the
    review), rather than from the child's record; 404 for anyone who may do neither."""
    log = (
        CarerLog.objects.select_related("household", "child", "created_by", "reviewed_by")
        .filter(pk=pk)
        .first()
    )
    if log is None:
        raise Http404
    user = request.user
    household = access.households_visible_to(user).filter(pk=log.household_id).first()
    if (
        household is not None
        and access.can_read_fostering_record(user, household)
        and access.children_named_on_household(user, household).filter(pk=log.child_id).exists()
    ):
        return log, True
    if access.children_visible_to(user).filter(pk=log.child_id).exists() and (
        access.can_read_carer_logs_about_child(user, log.child)
    ):
        return log, False
    raise Http404


def _detail(
    request: HttpRequest,
    log: CarerLog,
    fostering: bool,
    form: CarerLogReviewForm | None,
    reply_form: CarerLogReplyForm | None = None,
) -> HttpResponse:
    record_view(
        actor=request.user, event_type=CARER_LOG_VIEWED, child_id=log.child_id, household_id=log.household_id
    )
    can_act = fostering and access.can_record_fostering_work(request.user, log.household)
    can_review = can_act and log.reviewed_at is None
    return render(
        request,
        "carer_logs/carer_log_detail.html",
        {
            "log": log,
            "fostering": fostering,
            "pieces": selectors.highlighted(
                log.what_happened, tone_cues(log.what_happened) if fostering else []
            ),
            "rules": RULES,
            # A refused review stays on the page, with what was typed, even once the log has
            # been reviewed meanwhile.
            "form": form
            if form is not None and form.errors
            else (form or CarerLogReviewForm(initial={"seen_version": log.version}))
            if can_review
            else None,
            "replies": list(selectors.replies_to(log)),
            "reply_form": (reply_form or CarerLogReplyForm()) if can_act else None,
        },
    )


def carer_log_detail(request: HttpRequest, pk: int) -> HttpResponse:
    log, fostering = _log_for_user_or_404(request, pk)
    return _detail(request, log, fostering, None)


@require_POST
def carer_log_review(request: HttpRequest, pk: int) -> HttpResponse:
    log, fostering = _log_for_user_or_404(request, pk)
    if not (fostering and access.can_record_fostering_work(request.user, log.household)):
        raise Http404
    form = CarerLogReviewForm(request.POST)
    if form.is_valid():
        try:
            services.review_carer_log(
                actor=request.user,
                log=log,
                comment=form.cleaned_data["comment"],
                discussed_with_carer_on=form.cleaned_data["discussed_with_carer_on"],
                seen_version=form.cleaned_data["seen_version"],
            )
        except StaleEditError as error:
            form.refuse_as_stale(error, log, viewer=request.user)
        except ValidationError as error:
            form.add_service_error(error)
        else:
            messages.success(request, LOG_REVIEWED_MESSAGE)
            return redirect("carer_logs:carer-log-list", household_id=log.household_id)
    return _detail(request, log, fostering, form)


@require_POST
@sent_once
def carer_log_reply(request: HttpRequest, pk: int) -> HttpResponse:
    """The supervising social worker writes back to the carers about their log."""
    log, fostering = _log_for_user_or_404(request, pk)
    if not (fostering and access.can_record_fostering_work(request.user, log.household)):
        raise Http404
    form = CarerLogReplyForm(request.POST)
    if form.is_valid():
        try:
            services.reply_to_carers(actor=request.user, log=log, reply=form.cleaned_data["reply"])
        except ValidationError as error:
            form.add_service_error(error)
        else:
            messages.success(request, LOG_REPLIED_MESSAGE)
            return redirect("carer_logs:carer-log-detail", pk=log.pk)
    return _detail(request, log, fostering, None, form)


def carer_log_unreviewed(request: HttpRequest) -> HttpResponse:
    """The households whose logs have waited too long for review, for supervising social
    workers and fostering team managers."""
    if request.user.role not in access.SUPERVISION_ROLES:
        raise Http404
    return render(
        request,
        "carer_logs/carer_log_unreviewed.html",
        {
            "households": selectors.households_with_overdue_logs(request.user),
            "review_within_days": selectors.policy_in_force().review_within_days,
        },
    )


# The carers' portal ---------------------------------------------------------------------------


def portal_log_list(request: HttpRequest) -> HttpResponse:
    household = access.get_carer_household_or_404(request.user)
    logs = list(selectors.logs_written_in_household(household, carer=request.user)[:100])
    for child_id in sorted({log.child_id for log in logs}):
        record_view(
            actor=request.user, event_type=CARER_LOGS_VIEWED, child_id=child_id, household_id=household.pk
        )
    return render(request, "carer_logs/portal_log_list.html", {"household": household, "logs": logs})


def portal_log_detail(request: HttpRequest, pk: int) -> HttpResponse:
    """One of the carer's logs, with the replies to it; never the review comment, which is the
    fostering service's own."""
    household = access.get_carer_household_or_404(request.user)
    log = selectors.logs_written_in_household(household, carer=request.user).filter(pk=pk).first()
    if log is None:
        raise Http404
    record_view(
        actor=request.user, event_type=CARER_LOG_VIEWED, child_id=log.child_id, household_id=household.pk
    )
    return render(request, "carer_logs/portal_log_detail.html", {"household": household, "log": log})


@sent_once
def portal_log_write(request: HttpRequest) -> HttpResponse:
    household = access.get_carer_household_or_404(request.user)
    form, log = _write(request, household)
    if log is not None:
        messages.success(request, LOG_WRITTEN_MESSAGE)
        return redirect("portal:portal-log-list")
    return render(request, "carer_logs/portal_log_write.html", {"form": form, "household": household})
