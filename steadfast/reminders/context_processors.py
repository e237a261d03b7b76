"""The count of unread reminders beside "Reminders" in the navigation, for staff."""

from functools import partial

from django.http import HttpRequest

from steadfast.accounts.models import Role

from .selectors import unread_reminder_count


def unread_reminders(request: HttpRequest) -> dict:
    """`unread_reminders()` in every template: counted only when the navigation asks, so a page
    that draws no navigation, or a carer's, costs no query."""
    user = getattr(request, "user", None)
    if user is None or not user.is_authenticated or user.role == Role.FOSTER_CARER:
        return {"unread_reminders": None}
    return {"unread_reminders": partial(unread_reminder_count, user)}
