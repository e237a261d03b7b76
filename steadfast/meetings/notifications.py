"""Telling invitees about a meeting. Emails name no child. Staff get a link to the meeting;
carers and people outside the authority get a link of their own to send their views, which
opens their request and nothing else."""

from collections.abc import Iterable

from django.conf import settings
from django.urls import reverse
from django.utils import timezone

from steadfast.accounts.models import Role
from steadfast.core.mail import send_emails

from .models import StabilityMeeting

INVITATION_SUBJECT = "You are invited to a stability meeting"
INVITATION_BODY = (
    "You are invited to a {kind} on {when}, at {venue}.\n\n"
    "Before the meeting, please share your views: what you are worried about, what is working "
    "well, what needs to happen and what support you can offer.\n\n{link}\n"
)


def tell_invitees(meeting: StabilityMeeting, *, only: Iterable[int] | None = None) -> int:
    """Email each invitee who has an address; returns how many were sent. Runs after the
    meeting is saved: a mail server that is down is logged for the service desk, and the
    meeting stands."""
    from .services import issue_views_link, record_invitees_told  # services tells invitees through here

    invitees = meeting.invitees.exclude(email="").select_related("user")
    if only is not None:
        invitees = invitees.filter(pk__in=list(only))
    when = timezone.localtime(meeting.scheduled_at).strftime("%-d %B %Y at %-I:%M%p").replace(":00", "")
    messages, told = [], []
    for invitee in invitees:
        # Carers do not open case records; like people outside the council, they answer
        # through a link to their own views request.
        if invitee.user_id and invitee.user.is_active and invitee.user.role != Role.FOSTER_CARER:
            path = reverse("meetings:meeting-detail", args=[meeting.pk])
        else:
            token = issue_views_link(actor=None, invitee=invitee)
            path = reverse("meetings:views-by-link", args=[token])
        body = INVITATION_BODY.format(
            kind=meeting.get_kind_display().lower(),
            when=when,
            venue=meeting.venue,
            link=f"{settings.SITE_URL}{path}",
        )
        messages.append((INVITATION_SUBJECT, body, settings.DEFAULT_FROM_EMAIL, [invitee.email]))
        told.append(invitee.pk)
    sent = send_emails(messages, about=f"the invitations to stability meeting {meeting.pk}")
    if sent:
        record_invitees_told(meeting=meeting, invitee_ids=told)
    return sent
