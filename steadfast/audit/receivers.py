"""Sign-in, sign-out and failed sign-in come from Django's auth framework as signals, and a
lockout after too many wrong guesses from django-axes."""

from typing import Any

from axes.signals import user_locked_out
from django.contrib.auth.signals import user_logged_in, user_logged_out, user_login_failed
from django.dispatch import receiver

from .addresses import client_address
from .services import SIGN_IN_FAILED, SIGN_IN_LOCKED_OUT, USER_SIGNED_IN, USER_SIGNED_OUT, record_event


@receiver(user_logged_in)
def audit_sign_in(sender: Any, request: Any, user: Any, **kwargs: Any) -> None:
    record_event(actor=user, event_type=USER_SIGNED_IN, ip_address=client_address(request))


@receiver(user_logged_out)
def audit_sign_out(sender: Any, request: Any, user: Any, **kwargs: Any) -> None:
    if user is not None:
        record_event(actor=user, event_type=USER_SIGNED_OUT, ip_address=client_address(request))


@receiver(user_login_failed)
def audit_failed_sign_in(sender: Any, credentials: dict, request: Any = None, **kwargs: Any) -> None:
    # The username tried is kept; the password or code never is (Django has already masked it).
    details = {"username": str(credentials.get("username", ""))[:150]}
    if credentials.get("step"):
        details["step"] = str(credentials["step"])
    record_event(actor=None, event_type=SIGN_IN_FAILED, details=details, ip_address=client_address(request))


@receiver(user_locked_out)
def audit_lockout(
    sender: Any, request: Any, username: Any = None, ip_address: Any = None, **kwargs: Any
) -> None:
    record_event(
        actor=None,
        event_type=SIGN_IN_LOCKED_OUT,
        details={"username": str(username or "")[:150]},
        ip_address=ip_address or client_address(request),
    )
