"""The signed-in person's reminders and escalations, and reading or dismissing one."""

from django.contrib import messages
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.views.decorators.http import require_POST

from steadfast.core.pagination import paginate
from steadfast.core.querystring import page_number_from

from . import selectors, services

DISMISSED_MESSAGE = "The reminder has been dismissed"
ALL_READ_MESSAGE = "Your reminders are all marked as read"


def reminder_list(request: HttpRequest) -> HttpResponse:
    page, query = paginate(request, selectors.reminders_for(request.user))
    return render(
        request,
        "reminders/reminder_list.html",
        {
            "page": page,
            "query": query,
            "rows": selectors.listed(request.user, list(page.object_list)),
            "unread": selectors.unread_reminder_count(request.user),
        },
    )


def _back_to_list(request: HttpRequest) -> HttpResponse:
    # Back to the page of the list the button was on.
    page = page_number_from(request.POST.get("page"))
    response = redirect("reminders:reminder-list")
    if page is not None:
        response["Location"] += f"?page={page}"
    return response


@require_POST
def reminder_read(request: HttpRequest, pk: int) -> HttpResponse:
    reminder = selectors.get_reminder_for_user_or_404(request.user, pk)
    services.mark_reminder_read(actor=request.user, reminder=reminder)
    return _back_to_list(request)


@require_POST
def reminder_read_all(request: HttpRequest) -> HttpResponse:
    services.mark_all_reminders_read(actor=request.user)
    messages.success(request, ALL_READ_MESSAGE)
    return _back_to_list(request)


@require_POST
def reminder_dismiss(request: HttpRequest, pk: int) -> HttpResponse:
    reminder = selectors.get_reminder_for_user_or_404(request.user, pk)
    services.dismiss_reminder(actor=request.user, reminder=reminder)
    messages.success(request, DISMISSED_MESSAGE)
    return _back_to_list(request)
