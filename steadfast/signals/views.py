"""The page on which a manager records that they considered a stability signal about a child."""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone

from steadfast.accounts import access
from steadfast.audit.services import record_view

from . import rules
from .forms import SignalConsiderForm
from .selectors import child_signals_section
from .services import record_signal_considered

SIGNAL_VIEWED = "SIGNAL_VIEWED"
SIGNAL_CONSIDERED_MESSAGE = "The signal has been recorded as considered"


def signal_consider(request: HttpRequest, pk: int, rule: str) -> HttpResponse:
    child = access.get_child_for_user_or_404(request.user, pk)
    if not access.can_consider_signal(request.user) or rule not in rules.RULE_NAMES:
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
    return render(request, "signals/signal_consider.html", {"child": child, "shown": shown, "form": form})
