"""The stability signals pages: recording that a signal was considered, and the list of the
children in a manager's line with signals, with its downloads."""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone

from steadfast.accounts import access
from steadfast.audit.services import record_event, record_view
from steadfast.core import exports
from steadfast.core.pagination import paginate

from . import signals
from .current_signals import child_signals_section, children_with_signals, rules_shown_to
from .forms import SignalConsiderForm, SignalFilterForm, filters_from
from .services import record_signal_considered

SIGNAL_VIEWED = "SIGNAL_VIEWED"
SIGNALS_EXPORTED = "SIGNALS_EXPORTED"
SIGNAL_CONSIDERED_MESSAGE = "The signal has been recorded as considered"

# What the page shows, one row a signal. Why a signal showed rests on the child's record (the
# dates of missing episodes, allegations and what a carer said), so it is read there, where the
# reading is audited, and not carried out of Steadfast in a file.
EXPORT_HEADERS = ("Child", "Child identifier", "Home", "Social worker", "Team", "Signal", "Since")


def signal_consider(request: HttpRequest, pk: int, rule: str) -> HttpResponse:
    child = access.get_child_for_user_or_404(request.user, pk)
    if not access.can_consider_signal(request.user) or rule not in signals.RULE_NAMES:
        raise Http404
    section = child_signals_section(request.user, child, today=timezone.localdate())
    shown = section.shown(rule) if section is not None else None
    if shown is None:
        raise Http404
    record_view(actor=request.user, event_type=SIGNAL_VIEWED, child_id=child.pk)
    form = SignalConsiderForm(request.POST if request.method == "POST" else None)
    if request.method == "POST" and form.is_valid():
        try:
            record_signal_considered(
                actor=request.user, child=child, rule=rule, reason=form.cleaned_data["reason"]
            )
        except ValidationError as error:
            form.add_service_error(error)
        else:
            messages.success(request, SIGNAL_CONSIDERED_MESSAGE)
            return redirect(reverse("children:child-detail", args=[child.pk]) + "#stability-signals")
    return render(request, "monitoring/signal_consider.html", {"child": child, "shown": shown, "form": form})


def oversight_signals(request: HttpRequest) -> HttpResponse:
    """The children in the manager's line with signals still to consider; `?format=csv` or
    `?format=xlsx` downloads them, one row for each signal."""
    user = request.user
    if not access.can_consider_signal(user):
        raise Http404
    filters = filters_from(
        request, SignalFilterForm(request.GET or None, user=user, rules=rules_shown_to(user))
    )
    today = timezone.localdate()
    children = children_with_signals(
        user, today=today, team_id=filters.team_id, worker_id=filters.worker_id, rule=filters.rule
    )
    file_format = exports.requested_format(request)
    if file_format is not None:
        rows = [
            (c.name, c.child_identifier, c.home, c.social_worker, c.team, s.name, s.since)
            for c in children
            for s in c.signals
        ]
        record_event(
            actor=user, event_type=SIGNALS_EXPORTED, details={"format": file_format, "rows": len(rows)}
        )
        return exports.table_response(
            file_format=file_format,
            filename=f"stability-signals-{today.isoformat()}",
            title="Stability signals",
            headers=EXPORT_HEADERS,
            rows=rows,
        )
    page, query = paginate(request, children)
    return render(
        request,
        "monitoring/oversight_signals.html",
        {
            "form": filters.form,
            "page": page,
            "query": query,
            "csv_url": exports.download_url(request, "csv"),
            "xlsx_url": exports.download_url(request, "xlsx"),
            "filtered": filters.applied,
            "signal_count": sum(len(c.signals) for c in children),
        },
    )
