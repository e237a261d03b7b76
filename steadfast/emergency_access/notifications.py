"""Telling a child's managers, at once, that their record was opened in an emergency. The email
names no child, since an email can go astray: it names who opened a record, until when, and
links to the record, which needs a sign-in."""

from django.conf import settings
from django.urls import reverse

from steadfast.accounts.models import AccessGrant, User
from steadfast.core.mail import send_emails

OPENED_SUBJECT = "A child's record was opened in an emergency"
OPENED_BODY = (
    "{opener} has opened the record of a child you oversee in an emergency. "
    "Their access ends at {ends}.\n\n"
    "Sign in to Steadfast to read why, and to end their access early if it is not needed: {link}\n"
)


def record_link(grant: AccessGrant) -> str:
    return reverse("children:child-detail", args=[grant.child_id])


def tell_managers_of_opening(grant: AccessGrant, managers: list[User], *, ends: str) -> int:
    """Email each manager with an address; returns how many were sent. Runs once the opening is
    saved, so a mail server that is down is logged for the service desk, not shown to the person
    in the emergency: the managers have the notice in Steadfast either way."""
    body = OPENED_BODY.format(
        opener=grant.user.get_full_name() or grant.user.username,
        ends=ends,
        link=f"{settings.SITE_URL}{record_link(grant)}",
    )
    messages = [(OPENED_SUBJECT, body, settings.DEFAULT_FROM_EMAIL, [m.email]) for m in managers if m.email]
    return send_emails(messages, about=f"emergency opening {grant.pk}")
