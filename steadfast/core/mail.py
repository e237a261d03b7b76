"""Sending the emails a service queues once its change is committed."""

import logging
import smtplib

from django.core.mail import send_mass_mail

logger = logging.getLogger(__name__)

Message = tuple[str, str, str, list[str]]  # subject, body, from, to


def send_emails(messages: list[Message], *, about: str) -> int:
    """Send the messages and say how many went. A mail server that is down or refuses them is
    logged, never raised: the record the emails tell of is saved either way, and the person who
    saved it must not see an error page for it. None sent, 0."""
    if not messages:
        return 0
    try:
        return send_mass_mail(messages, fail_silently=False)
    except (OSError, smtplib.SMTPException):
        logger.exception("Could not send the emails about %s", about)
        return 0
