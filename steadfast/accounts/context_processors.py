"""What every page needs to know of the signed-in person, answered by the access policy and the
session: what the navigation offers, and when the session ends for want of use."""

from django.conf import settings
from django.http import HttpRequest
from django.utils import timezone

from . import access, signing_in


def navigation(request: HttpRequest) -> dict:
    """`may_see_oversight`, `may_see_measures` and `may_open_in_emergency` in every template: role
    checks, no query.
    `session_ends_in`, for the timeout warning: the seconds left before a signed-in session ends
    unless it is used (None when no one is signed in), and `session_warning`, how long before
    that the warning shows."""
    user = getattr(request, "user", None)
    signed_in = user is not None and user.is_authenticated and hasattr(request, "session")
    return {
        "may_see_oversight": access.can_see_oversight(user),
        "may_see_measures": access.can_see_measures(user),
        "may_open_in_emergency": access.can_open_in_emergency(user),
        "session_ends_in": signing_in.idle_seconds_left(request.session, timezone.now())
        if signed_in
        else None,
        "session_warning": int(settings.SESSION_IDLE_WARNING.total_seconds()),
        "session_idle_minutes": int(settings.SESSION_IDLE_TIMEOUT.total_seconds() // 60),
        "session_idle_seconds": int(settings.SESSION_IDLE_TIMEOUT.total_seconds()),
    }
