"""Telling foster carers something, in one place: each carer told has a message in their portal
to read again, and those with an address are emailed it. A message names no child, as an email
can go astray; it says there is something to read or do and links to the portal page, which
needs a sign-in."""

from collections.abc import Iterable, Mapping

from django.conf import settings
from django.db import transaction
from django.urls import reverse
from django.utils import timezone

from steadfast.accounts.models import Role, User
from steadfast.core.mail import send_emails
from steadfast.core.services import create_audited
from steadfast.core.texts import send_texts
from steadfast.households.models import Household
from steadfast.meetings.models import OwnerKind, StabilityMeeting

from .models import CarerMessage
from .selectors import meetings_for_carer

CARER_MESSAGE_SENT = "CARER_MESSAGE_SENT"
EMAIL_FOOTER = "\n\nSign in to your carers' portal to read it: {link}\n"
TEXT = "{subject}. Sign in to your carers' portal to read it: {link}"

ACTION_SUBJECT = "Something agreed at a meeting is yours to do"
ACTION_BODY = (
    "The plan from the {kind} on {when} has been agreed, and one of its actions is yours: "
    "to be done by {due}. What it is, and how everyone will know it worked, is on the "
    "meeting's page in your portal."
)


def _when(value) -> str:
    return f"{value.day} {value:%B %Y}"


def tell_carers(
    carers: Iterable[User],
    *,
    subject: str,
    body: str,
    link: str,
    about: str,
    email_link: str | None = None,
    email_only: str = "",
    addresses: Mapping[int, str] | None = None,
) -> int:
    """Keep a message for each active foster carer among `carers` (each once), email those
    with an address, and text those with a mobile number; returns how many emails went. `body`
    names no child. `link` is a path in the portal, kept with the message and put in the
    email, unless `email_link` is given: a path for the email alone, like a views link (which
    needs no sign-in, and of which only a hash is kept), with `email_only` after it (such as
    the code that goes with a views link, which is never kept either). `addresses` gives, by
    carer id, the address to use instead of their account's: the one a meeting's organiser
    invited them at, where blank means the message is kept and no email sent. A text says only
    what the subject says and links to the portal. Runs after the change it tells of is
    committed: a mail server that is down is logged, and the messages stand."""
    told = list(
        {c.pk: c for c in carers if c is not None and c.is_active and c.role == Role.FOSTER_CARER}.values()
    )
    if not told:
        return 0
    with transaction.atomic():
        kept = [
            create_audited(
                CarerMessage(carer=carer, subject=subject, body=body, link=link),
                actor=None,
                event_type=CARER_MESSAGE_SENT,
                details={"carer": carer.pk, "about": about},
            )
            for carer in told
        ]
    emailed = [
        (message, address)
        for message, carer in zip(kept, told, strict=True)
        if (address := (addresses or {}).get(carer.pk, carer.email))
    ]
    footer = "\n\n{link}\n" if email_link else EMAIL_FOOTER
    text = body + footer.format(link=f"{settings.SITE_URL}{email_link or link}") + email_only
    sent = send_emails(
        [(subject, text, settings.DEFAULT_FROM_EMAIL, [address]) for _, address in emailed], about=about
    )
    if sent:
        CarerMessage.objects.filter(pk__in=[m.pk for m, _ in emailed]).update(emailed_at=timezone.now())
    # A text says only that there is something to read, and where: a phone can be seen by others.
    send_texts(
        [
            (c.mobile_number, TEXT.format(subject=subject, link=f"{settings.SITE_URL}{link}"))
            for c in told
            if c.mobile_number
        ],
        about=about,
    )
    return sent


def carers_of_household(household: Household | int | None) -> list[User]:
    """The household's members who sign in to the portal."""
    if household is None:
        return []
    household_id = getattr(household, "pk", household)
    return list(User.objects.filter(household_membership__household_id=household_id).order_by("pk"))


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
            when=_when(timezone.localtime(meeting.scheduled_at)),
            due=_when(action.due_date),
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
