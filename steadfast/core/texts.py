"""Sending text messages to mobile numbers, as `core.mail` sends emails.

The backend is named by the TEXT_BACKEND setting, as the MAILERS setting names email's: GOV.UK
Notify in production when an API key is set (`core.notify.NotifyTextBackend`), the console
locally, and in the tests the in-memory `outbox` below, emptied before each test. A mobile number
is personal: nothing here logs or prints one.
"""

import logging
import re
import sys
import threading
from dataclasses import dataclass
from typing import Protocol, TextIO

from django.conf import settings
from django.core.exceptions import ValidationError
from django.utils.module_loading import import_string

logger = logging.getLogger(__name__)

Text = tuple[str, str]  # mobile number, body

NOT_A_UK_MOBILE = "Enter a UK mobile number, like 07700 900 982 or +44 7700 900 982"
_UK_MOBILE = re.compile(r"(?:0|\+44)(7\d{9})")


def normalised_uk_mobile(value: str) -> str:
    """A UK mobile number as kept: +447 and nine digits. It may be given as 07 and nine digits or
    +447 and nine digits, with spaces anywhere; anything else raises ValidationError."""
    match = _UK_MOBILE.fullmatch(value.replace(" ", ""))
    if match is None:
        raise ValidationError(NOT_A_UK_MOBILE, code="invalid")
    return f"+44{match[1]}"


@dataclass(frozen=True)
class TextMessage:
    to: str
    body: str


class TextBackend(Protocol):
    def __init__(self, *, fail_silently: bool = False) -> None: ...

    def send_messages(self, messages: list[TextMessage]) -> int: ...


# The text messages "sent" in the tests, in order; the test settings' backend appends to it and
# the root conftest empties it before each test, as pytest-django does `django.core.mail.outbox`.
outbox: list[TextMessage] = []


class LocmemTextBackend:
    """Keeps each text message in `outbox`: for the tests."""

    def __init__(self, *, fail_silently: bool = False) -> None:
        self.fail_silently = fail_silently

    def send_messages(self, messages: list[TextMessage]) -> int:
        outbox.extend(messages)
        return len(messages)


class ConsoleTextBackend:
    """Writes each text message's words to standard output, as Django's console email backend
    does, for running Steadfast locally. The number is not written."""

    _lock = threading.Lock()

    def __init__(self, *, fail_silently: bool = False, stream: TextIO | None = None) -> None:
        self.fail_silently = fail_silently
        self.stream = stream or sys.stdout

    def send_messages(self, messages: list[TextMessage]) -> int:
        with self._lock:
            for message in messages:
                self.stream.write(f"Text message (the number is not shown):\n{message.body}\n{'-' * 79}\n")
            self.stream.flush()
        return len(messages)


class UnsentTextBackend:
    """Sends nothing and logs that: production without GOV.UK Notify, which has no other way
    to send a text message."""

    def __init__(self, *, fail_silently: bool = False) -> None:
        self.fail_silently = fail_silently

    def send_messages(self, messages: list[TextMessage]) -> int:
        logger.warning(
            "%d text messages not sent: set STEADFAST_NOTIFY_API_KEY to send them through GOV.UK Notify",
            len(messages),
        )
        return 0


def text_backend(*, fail_silently: bool = False) -> TextBackend:
    """The backend the TEXT_BACKEND setting names."""
    return import_string(settings.TEXT_BACKEND)(fail_silently=fail_silently)


def send_texts(messages: list[Text], *, about: str) -> int:
    """Send each (mobile number, body) as a text message and say how many went. One that Notify
    refuses, or Notify out of reach, is logged, never raised, and the others still go: the
    record the texts tell of is saved either way, and the person who saved it must not see an
    error page for it. None sent, 0."""
    if not messages:
        return 0
    try:
        sent = text_backend(fail_silently=True).send_messages(
            [TextMessage(to=number, body=body) for number, body in messages]
        )
    except OSError:
        logger.exception("Could not send the text messages about %s", about)
        return 0
    if sent < len(messages):
        logger.error("Sent %d of %d text messages about %s", sent, len(messages), about)
    return sent
