"""The messages the child's own page sends: the link to the child, and word to their workers
that the child has sent their views. None names the child: an email can be read by others."""

from django.conf import settings
from django.urls import reverse
from django.utils import timezone

from steadfast.accounts.selectors import manager_of
from steadfast.core.mail import send_emails
from steadfast.core.texts import send_texts

from .models import ChildsViews, ViewsInvitation
from .selectors import social_worker_of

LINK_SUBJECT = "Tell us what you think"
LINK_BODY = (
    "Hello,\n\n{worker} would like to know what you think. You can tell them on your own page:\n\n"
    "{link}\n\nThe link works once, until {until}. Please do not share it.\n"
)
LINK_TEXT = (
    "{worker} would like to know what you think. Tell them on your own page: {link} (works until {until})"
)

VIEWS_SENT_SUBJECT = "A child has sent you their views"
VIEWS_SENT_BODY = (
    "A child you work with has sent their views through their own page. Read them in Steadfast:\n\n{link}\n"
)
WORRIED_SUBJECT = "Urgent: a child said they may not feel safe or happy where they live"
WORRIED_BODY = (
    "A child has said, through their own page, that they do not feel, or are not sure they feel, "
    "safe or happy where they live. Read what they sent today and record what you did:\n\n{link}\n"
)


def _link(token: str) -> str:
    return f"{settings.SITE_URL}{reverse('young_people:my-views', args=[token])}"


def _until(invitation: ViewsInvitation) -> str:
    local = timezone.localtime(invitation.expires_at)
    return f"{local.day} {local:%B}"


def _worker(invitation: ViewsInvitation) -> str:
    sender = invitation.created_by
    return sender.first_name if sender is not None and sender.first_name else "Your social worker"


def send_link_by_email(invitation: ViewsInvitation, *, token: str, to: str) -> int:
    body = LINK_BODY.format(worker=_worker(invitation), link=_link(token), until=_until(invitation))
    return send_emails(
        [(LINK_SUBJECT, body, settings.DEFAULT_FROM_EMAIL, [to])],
        about=f"the views invitation {invitation.pk}",
    )


def send_link_by_text(invitation: ViewsInvitation, *, token: str, to: str) -> int:
    body = LINK_TEXT.format(worker=_worker(invitation), link=_link(token), until=_until(invitation))
    return send_texts([(to, body)], about=f"the views invitation {invitation.pk}")


def tell_workers_views_sent(views: ChildsViews) -> int:
    """Email the child's social worker that the child has sent their views; when the child is not
    sure they are safe or happy, say so, and tell the social worker's manager too. Returns how
    many were sent."""
    # With no social worker allocated, the worker who sent the link hears instead.
    worker = social_worker_of(views.child) or views.invitation.created_by
    people = [worker] if worker is not None else []
    link = f"{settings.SITE_URL}{reverse('young_people:views-detail', args=[views.pk])}"
    if views.worried_about_safety:
        manager = manager_of(worker) if worker is not None else None
        people += [manager] if manager is not None else []
        subject, body = WORRIED_SUBJECT, WORRIED_BODY.format(link=link)
    else:
        subject, body = VIEWS_SENT_SUBJECT, VIEWS_SENT_BODY.format(link=link)
    addresses = list(dict.fromkeys(p.email for p in people if p.is_active and p.email))
    return send_emails(
        [(subject, body, settings.DEFAULT_FROM_EMAIL, [a]) for a in addresses],
        about=f"the views sent through invitation {views.invitation_id}",
    )
