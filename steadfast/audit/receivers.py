"""Sign-in, sign-out and failed sign-in come from Django's auth framework as signals."""

from typing import Any

from django.contrib.auth.signals import user_logged_in, user_logged_out, user_login_failed
from django.dispatch import receiver

from .services import SIGN_IN_FAILED, USER_SIGNED_IN, USER_SIGNED_OUT, record_event


def _ip(request: Any) -> str | None:
    return request.META.get("REMOTE_ADDR") if request is not None else None


@receiver(user_logged_in)
def audit_sign_in(sender: Any, request: Any, user: Any, **kwargs: Any) -> None:
    record_event(actor=user, event_type=USER_SIGNED_IN, ip_address=_ip(request))


@receiver(user_logged_out)
def audit_sign_out(sender: Any, request: Any, user: Any, **kwargs: Any) -> None:
    if user is not None:
        record_event(actor=user, event_type=USER_SIGNED_OUT, ip_address=_ip(request))


@receiver(user_login_failed)
def audit_failed_sign_in(sender: Any, credentials: dict, request: Any = None, **kwargs: Any) -> None:
    # The username tried is kept; the password never is (Django has already masked it).
    record_event(
        actor=None,
        event_type=SIGN_IN_FAILED,
        details={"username": str(credentials.get("username", ""))[:150]},
        ip_address=_ip(request),
    )
