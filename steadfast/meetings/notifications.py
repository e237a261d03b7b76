"""Telling invitees about a meeting. Emails name no child. Staff get a link to the meeting;
carers and people outside the authority get a link of their own to send their views, which
opens their request and nothing else."""

import datetime
from collections.abc import Iterable

from django.conf import settings
from django.urls import reverse
from django.utils import timezone

from steadfast.accounts.models import Role, User
from steadfast.carer_messages.notifications import tell_carers
from steadfast.core.mail import send_emails
from steadfast.households.models import Household

from .invitations import issue_views_link, record_invitees_told
from .models import OwnerKind, StabilityMeeting
from .selectors import meetings_for_carer

INVITATION_SUBJECT = "You are invited to a stability meeting"
INVITATION_BODY = (
    "You are invited to a {kind} on {when}, at {venue}.\n\n"
    "Before the meeting, please share your views: what you are worried about, what is working "
    "well, what needs to happen and what support you can offer.\n\n{link}\n"
)

# What a carer who signs in to the portal is told; the link to their views request follows.
CARER_INVITATION_BODY = (
    "You are invited to a {kind} on {when}, at {venue}.\n\n"
    "Before the meeting, please share your views: what you are worried about, what is working "
    "well, what needs to happen and what support you can offer."
)

CODE_LINE = (
    "\nYour code is {code}. The link asks for it before you give your views, and again to see or "
    "change what you sent. Keep it to yourself: the link alone shows nothing. The link works "
    "until the meeting starts, or for 30 days, whichever is sooner.\n"
)


PLAN_RETURNED_SUBJECT = "A stability plan has come back to you with comments"
PLAN_RETURNED_BODY = (
    "The plan from the {kind} on {when} has come back from {manager} with comments. Read them, "
    "correct the record and send it again on the meeting's page:\n\n{link}\n"
)


def _spoken(at: datetime.datetime) -> str:
    """A time as GOV.UK writes it in words: 14 December 2026 at 10am, or at 2:30pm."""
    local = timezone.localtime(at)
    return f"{local:%-d %B %Y} at {local:%-I:%M}".replace(":00", "") + local.strftime("%p").lower()


def _when(meeting: StabilityMeeting) -> str:
    return _spoken(meeting.scheduled_at)


def _day(value: datetime.date) -> str:
    return f"{value.day} {value:%B %Y}"


def tell_plan_returned(meeting: StabilityMeeting, *, manager: str) -> int:
    """Email the chair, and whoever sent the plan if someone else, that the plan came back with
    comments; returns how many were sent. The comments stay on the meeting's page and in My
    work, as they may name the child."""
    people = [meeting.chair, meeting.submitted_by]
    addresses = list(dict.fromkeys(p.email for p in people if p is not None and p.is_active and p.email))
    body = PLAN_RETURNED_BODY.format(
        kind=meeting.get_kind_display().lower(),
        when=_when(meeting),
        manager=manager,
        link=f"{settings.SITE_URL}{reverse('meetings:meeting-detail', args=[meeting.pk])}",
    )
    messages = [
        (PLAN_RETURNED_SUBJECT, body, settings.DEFAULT_FROM_EMAIL, [address]) for address in addresses
    ]
    return send_emails(messages, about=f"the returned plan of stability meeting {meeting.pk}")


def tell_invitees(meeting: StabilityMeeting, *, only: Iterable[int] | None = None) -> int:
    """Email each invitee who has an address; returns how many were sent. Runs after the
    meeting is saved: a mail server that is down is logged for the service desk, and the
    meeting stands."""
    invitees = meeting.invitees.select_related("user")
    if only is not None:
        invitees = invitees.filter(pk__in=list(only))
    when = _when(meeting)
    messages, others, told, carers_sent = [], [], [], 0
    for invitee in invitees:
        if invitee.user_id and invitee.user.is_active and invitee.user.role == Role.FOSTER_CARER:
            # A carer who signs in is told through their portal, which keeps the message and
            # emails it, at the address they were invited at, with a link to their own views
            # request and its code, as people outside the council answer; neither is kept. The
            # kept message links to their invitations on the portal's home page.
            link = issue_views_link(actor=None, invitee=invitee) if invitee.email else None
            sent = tell_carers(
                [invitee.user],
                subject=INVITATION_SUBJECT,
                body=CARER_INVITATION_BODY.format(
                    kind=meeting.get_kind_display().lower(), when=when, venue=meeting.venue
                ),
                link=reverse("portal:portal-home") + "#meetings-you-are-invited-to",
                email_link=reverse("meetings:views-by-link", args=[link.token]) if link else None,
                email_only=CODE_LINE.format(code=link.spoken_code) if link else "",
                about=f"the invitation of invitee {invitee.pk} to stability meeting {meeting.pk}",
                addresses={invitee.user_id: invitee.email},
            )
            if sent:
                carers_sent += sent
                told.append(invitee.pk)
            continue
        if not invitee.email:
            continue
        # Carers do not open case records; like people outside the council, they answer
        # through a link to their own views request.
        code = ""
        if invitee.user_id and invitee.user.is_active and invitee.user.role != Role.FOSTER_CARER:
            path = reverse("meetings:meeting-detail", args=[meeting.pk])
        else:
            link = issue_views_link(actor=None, invitee=invitee)
            path = reverse("meetings:views-by-link", args=[link.token])
            code = CODE_LINE.format(code=link.spoken_code)
        body = (
            INVITATION_BODY.format(
                kind=meeting.get_kind_display().lower(),
                when=when,
                venue=meeting.venue,
                link=f"{settings.SITE_URL}{path}",
            )
            + code
        )
        messages.append((INVITATION_SUBJECT, body, settings.DEFAULT_FROM_EMAIL, [invitee.email]))
        others.append(invitee.pk)
    sent = send_emails(messages, about=f"the invitations to stability meeting {meeting.pk}")
    if sent:
        told.extend(others)
    if told:
        record_invitees_told(meeting=meeting, invitee_ids=told)
    return sent + carers_sent


REARRANGED_SUBJECT = "A stability meeting you are invited to has moved"
REARRANGED_BODY = "The {kind} you were invited to on {was} has moved to {when}, at {venue}.\n"
CANCELLED_SUBJECT = "A stability meeting you were invited to is cancelled"
CANCELLED_BODY = "The {kind} you were invited to on {when} is cancelled. You do not need to go.\n"
UNINVITED_SUBJECT = "You are no longer needed at a stability meeting"
UNINVITED_BODY = (
    "You were invited to a {kind} on {when}. The people arranging it no longer need you to come. Thank you.\n"
)


def _tell_everyone_invited(meeting: StabilityMeeting, subject: str, body: str, *, about: str) -> int:
    """Email everyone invited who has an address. Staff also get the link to the meeting;
    links to send views, already sent, still work."""
    messages = []
    for invitee in meeting.invitees.exclude(email="").select_related("user"):
        text = body
        if invitee.user_id and invitee.user.is_active and invitee.user.role != Role.FOSTER_CARER:
            text += f"\n{settings.SITE_URL}{reverse('meetings:meeting-detail', args=[meeting.pk])}\n"
        messages.append((subject, text, settings.DEFAULT_FROM_EMAIL, [invitee.email]))
    return send_emails(messages, about=about)


def tell_rearranged(meeting: StabilityMeeting, *, was_at: datetime.datetime) -> int:
    body = REARRANGED_BODY.format(
        kind=meeting.get_kind_display().lower(), was=_spoken(was_at), when=_when(meeting), venue=meeting.venue
    )
    return _tell_everyone_invited(
        meeting, REARRANGED_SUBJECT, body, about=f"the new time of stability meeting {meeting.pk}"
    )


def tell_cancelled(meeting: StabilityMeeting) -> int:
    body = CANCELLED_BODY.format(kind=meeting.get_kind_display().lower(), when=_when(meeting))
    return _tell_everyone_invited(
        meeting, CANCELLED_SUBJECT, body, about=f"the cancellation of stability meeting {meeting.pk}"
    )


def tell_uninvited(meeting: StabilityMeeting, *, name: str, email: str) -> int:
    body = UNINVITED_BODY.format(kind=meeting.get_kind_display().lower(), when=_when(meeting))
    return send_emails(
        [(UNINVITED_SUBJECT, body, settings.DEFAULT_FROM_EMAIL, [email])],
        about=f"the withdrawn invitation to stability meeting {meeting.pk}",
    )


ACTION_SUBJECT = "Something agreed at a meeting is yours to do"
ACTION_BODY = (
    "The plan from the {kind} on {when} has been agreed, and one of its actions is yours: "
    "to be done by {due}. What it is, and how everyone will know it worked, is on the "
    "meeting's page in your portal."
)


def carers_invited_to(meeting: StabilityMeeting) -> dict[User, str]:
    """The meeting's carers who sign in, as invited, whose portal shows the meeting (about a
    child living with them now, whom they may name), each with the address they were invited at."""
    invited = meeting.invitees.filter(user__role=Role.FOSTER_CARER, user__is_active=True).select_related(
        "user"
    )
    carers: dict[User, str] = {}
    for invitee in invited.order_by("pk"):
        household = Household.objects.filter(members__user=invitee.user).first()
        if (
            household is not None
            and meetings_for_carer(invitee.user, household).filter(pk=meeting.pk).exists()
        ):
            carers.setdefault(invitee.user, invitee.email)
    return carers


def tell_carers_of_their_actions(meeting: StabilityMeeting) -> int:
    """Once a meeting's plan is authorised, tell the carers invited to it of each action given
    to "the carer", linking to what was agreed in their portal, at the address they were
    invited at; returns how many emails went."""
    actions = list(meeting.actions.filter(owner_kind=OwnerKind.CARER).order_by("due_date", "pk"))
    if not actions:
        return 0
    carers = carers_invited_to(meeting)
    link = reverse("portal:portal-meeting-agreed", args=[meeting.pk])
    sent = 0
    for action in actions:
        body = ACTION_BODY.format(
            kind=meeting.get_kind_display().lower(),
            when=_day(timezone.localtime(meeting.scheduled_at)),
            due=_day(action.due_date),
        )
        sent += tell_carers(
            carers,
            subject=ACTION_SUBJECT,
            body=body,
            link=link,
            about=f"action {action.pk} for the carers",
            addresses={carer.pk: address for carer, address in carers.items()},
        )
    return sent
