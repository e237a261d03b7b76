"""Whenever anyone signs in, by the sign-in page or any other way Django offers, the session's
clocks start and a second factor, if the person has one, is asked for."""

from typing import Any

from django.contrib.auth.signals import user_logged_in
from django.dispatch import receiver
from django.utils import timezone

from . import signing_in


@receiver(user_logged_in)
def begin_session(sender: Any, request: Any, user: Any, **kwargs: Any) -> None:
    if request is not None and hasattr(request, "session"):
        signing_in.begin(request, user, timezone.now())
