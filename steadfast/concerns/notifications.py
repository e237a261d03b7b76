"""Telling the people around a child that a concern has been raised. Emails name no child:
they say there is something to look at, and the link needs a sign-in."""

from django.conf import settings
from django.urls import reverse

from steadfast.accounts.models import AllocationRole, User
from steadfast.core.mail import send_emails

from .models import StabilityConcern

CONCERN_RAISED_SUBJECT = "A stability concern needs your attention"
CONCERN_RAISED_BODY = (
    "A stability concern ({urgency}) has been raised about a child you work with.\n\n"
    "Sign in to Steadfast to read it: {link}\n"
)


def people_to_tell(concern: StabilityConcern) -> list[User]:
    """The child's social worker, the household's supervising social worker, and the managers
    of both (their line manager and their team's manager)."""
    workers = list(
        User.objects.filter(
            allocations__child=concern.child,
            allocations__role=AllocationRole.SOCIAL_WORKER,
            allocations__end_date__isnull=True,
        )
    )
    if concern.household_id:
        workers += User.objects.filter(
            household_allocations__household=concern.household_id,
            household_allocations__end_date__isnull=True,
        )
    manager_ids = {w.line_manager_id for w in workers} | {
        m for m in User.objects.filter(pk__in=[w.pk for w in workers]).values_list("team__manager", flat=True)
    }
    managers = User.objects.filter(pk__in=manager_ids - {None})
    people = {u.pk: u for u in [*workers, *managers] if u.is_active and u.email}
    return list(people.values())


def tell_about_raised_concern(concern: StabilityConcern) -> int:
    """Email each person to tell; returns how many were sent. Runs after the concern is saved,
    so a mail server that is down is logged for the service desk rather than shown to the
    person who raised it: their concern is recorded and on the child's record either way."""
    link = f"{settings.SITE_URL}{reverse('concerns:concern-detail', args=[concern.pk])}"
    body = CONCERN_RAISED_BODY.format(urgency=concern.get_urgency_display().lower(), link=link)
    messages = [
        (CONCERN_RAISED_SUBJECT, body, settings.DEFAULT_FROM_EMAIL, [person.email])
        for person in people_to_tell(concern)
    ]
    return send_emails(messages, about=f"stability concern {concern.pk}")
