"""Telling foster carers something, in one place: each carer told has a message in their portal
to read again, and those with an address are emailed it. A message names no child, as an email
can go astray; it says there is something to read or do and links to the portal page, which
needs a sign-in. The practice apps tell carers through `tell_carers`; the carers' portal shows
what they were told."""

from collections.abc import Iterable, Mapping

from django.conf import settings
from django.db import transaction
from django.utils import timezone

from steadfast.accounts.models import Role, User
from steadfast.core.mail import send_emails
from steadfast.core.services import create_audited
from steadfast.core.texts import send_texts

from .models import CarerMessage

CARER_MESSAGE_SENT = "CARER_MESSAGE_SENT"
EMAIL_FOOTER = "\n\nSign in to your carers' portal to read it: {link}\n"
TEXT = "{subject}. Sign in to your carers' portal to read it: {link}"


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
