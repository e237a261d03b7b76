"""The digest email: one to each person, listing the reminders and escalations raised for them
since their last. It names no child, carer or household, and no worker: emails are read on
phones and forwarded. Each line says what kind of work it is, when it was due, and links to
where to act, which needs a sign-in."""

from django.conf import settings
from django.urls import reverse

from steadfast.accounts.models import User
from steadfast.core.jinja2 import govuk_date
from steadfast.core.mail import send_emails

from .models import Reminder, ReminderKind

DIGEST_SUBJECT = "Work due or overdue in Steadfast"
REMINDERS_HEADING = "Due or overdue for you:"
ESCALATIONS_HEADING = "Overdue for {days} working days or more, in the work of people you manage:"
LINE = "- {title}, due {due}: {link}"
DIGEST_END = (
    "See all your reminders: {link}\n\n"
    "This email names no one. Sign in to Steadfast to see whom each piece of work is about.\n"
)


def _link(path: str) -> str:
    return f"{settings.SITE_URL}{path}"


def digest_body(reminders: list[Reminder]) -> str:
    """The digest's text: reminders first, then escalations, each soonest due first."""
    ordered = sorted(reminders, key=lambda r: (r.due, r.pk))
    sections = []
    for kind, heading in (
        (ReminderKind.REMINDER, REMINDERS_HEADING),
        (ReminderKind.ESCALATION, ESCALATIONS_HEADING.format(days=settings.REMINDER_ESCALATION_WORKING_DAYS)),
    ):
        lines = [
            LINE.format(title=r.title, due=govuk_date(r.due), link=_link(r.url))
            for r in ordered
            if r.kind == kind
        ]
        if lines:
            sections.append("\n".join([heading, *lines]))
    sections.append(DIGEST_END.format(link=_link(reverse("reminders:reminder-list"))))
    return "\n\n".join(sections)


def send_digest(recipient: User, reminders: list[Reminder]) -> int:
    """Email `recipient` their digest; 1 if it went, 0 if the mail server failed (logged)."""
    message = (DIGEST_SUBJECT, digest_body(reminders), settings.DEFAULT_FROM_EMAIL, [recipient.email])
    return send_emails([message], about=f"reminders for user {recipient.pk}")
