"""Telling the child's social worker and the household's supervising social worker at once
when a log records a significant event, and the carers when their log has a reply. Emails name
no child: the link needs a sign-in."""

from django.conf import settings
from django.urls import reverse

from steadfast.accounts.models import AllocationRole, User
from steadfast.carer_messages import notifications as carer_messages
from steadfast.carer_messages.selectors import carers_of_household
from steadfast.core.mail import send_emails

from .models import CarerLog, CarerLogReply
from .selectors import logs_written_in_household

SIGNIFICANT_EVENT_SUBJECT = "A carer's log records a significant event"
SIGNIFICANT_EVENT_BODY = (
    "A foster carer's log records a significant event ({event}) about a child you work with.\n\n"
    "Sign in to Steadfast to read it: {link}\n"
)

REPLY_SUBJECT = "Your supervising social worker has replied to your log"
REPLY_BODY = "{name} has replied to your log of {date}."


def people_to_tell(log: CarerLog) -> list[User]:
    """The child's allocated social worker and the household's supervising social worker, now."""
    workers = User.objects.filter(
        allocations__child=log.child_id,
        allocations__role=AllocationRole.SOCIAL_WORKER,
        allocations__end_date__isnull=True,
    ) | User.objects.filter(
        household_allocations__household=log.household_id, household_allocations__end_date__isnull=True
    )
    return [u for u in workers.distinct() if u.is_active and u.email]


def tell_about_significant_event(log: CarerLog) -> int:
    """Email each person to tell; returns how many were sent. Runs after the log is saved, so a
    mail server that is down is logged rather than shown to the carer: the log is recorded."""
    link = f"{settings.SITE_URL}{reverse('carer_logs:carer-log-detail', args=[log.pk])}"
    body = SIGNIFICANT_EVENT_BODY.format(event=log.get_significant_event_display().lower(), link=link)
    messages = [
        (SIGNIFICANT_EVENT_SUBJECT, body, settings.DEFAULT_FROM_EMAIL, [person.email])
        for person in people_to_tell(log)
    ]
    return send_emails(messages, about=f"carer log {log.pk}")


def tell_carers_of_reply(reply: CarerLogReply) -> int:
    """Tell the household's carers, through their portal, that their log has a reply; the reply
    itself is on the log in the portal. Returns how many emails went."""
    log = reply.log
    carers = [
        carer
        for carer in carers_of_household(log.household_id)
        if logs_written_in_household(log.household, carer=carer).filter(pk=log.pk).exists()
    ]
    return carer_messages.tell_carers(
        carers,
        subject=REPLY_SUBJECT,
        body=REPLY_BODY.format(
            name=reply.created_by.get_full_name() if reply.created_by else "The fostering service",
            date=f"{log.date.day} {log.date:%B %Y}",
        ),
        link=reverse("portal:portal-log-detail", args=[log.pk]),
        about=f"the reply to carer log {log.pk}",
    )
