"""Telling the fostering service about a request for help, and the carers what became of
theirs (through the portal's messages, which email them too). Emails name no child and no
household: they say there is something to look at, and the link needs a sign-in."""

from django.conf import settings
from django.urls import reverse

from steadfast.accounts.models import User
from steadfast.accounts.selectors import current_supervising_social_worker_for
from steadfast.carer_messages import notifications as carer_messages
from steadfast.carer_messages.selectors import carers_of_household
from steadfast.core.mail import send_emails

from .models import SupportRequest

ASKED_SUBJECT = "A foster carer has asked for help"
ASKED_BODY = (
    "A foster carer you supervise has asked for help ({kind}, {urgency}).\n\n"
    "Please acknowledge it by {acknowledgement_due}. Sign in to Steadfast to read it: {link}\n"
)
ESCALATED_SUBJECT = "A request for help needs a manager"
ESCALATED_BODY = (
    "A foster carer's request for help ({kind}, {urgency}) has been escalated to {manager}.\n\n"
    "Sign in to Steadfast to read why and what has happened so far: {link}\n"
)

# What a carer is told when their request is answered or goes to a manager; the message links
# to the request in their portal.
CARER_ANSWERED_SUBJECT = "Your request for help has been answered"
CARER_ESCALATED_SUBJECT = "Your request for help has gone to a manager"
CARER_ANSWERED = "Your supervising social worker has answered your request for help ({kind})."
CARER_ESCALATED = (
    "Your request for help ({kind}) has gone to {manager}, a fostering team manager, "
    "to make sure it is dealt with."
)


def _link(request: SupportRequest) -> str:
    return f"{settings.SITE_URL}{reverse('support_requests:support-request-detail', args=[request.pk])}"


def _send(subject: str, body: str, people: list[User | None], request: SupportRequest) -> int:
    """Email each person once; a mail server that is down is logged for the service desk rather
    than shown to the person acting: the request and its history are saved either way."""
    addresses = list(dict.fromkeys(p.email for p in people if p is not None and p.is_active and p.email))
    if not addresses:
        return 0
    messages = [(subject, body, settings.DEFAULT_FROM_EMAIL, [address]) for address in addresses]
    return send_emails(messages, about=f"request for help {request.pk}")


def _supervising_social_worker(request: SupportRequest) -> User | None:
    allocation = current_supervising_social_worker_for(request.household_id)
    return allocation.worker if allocation else None


def tell_about_request(request: SupportRequest) -> int:
    """Tell the household's supervising social worker at once that help has been asked for,
    unless they asked for it themselves, on the carers' behalf."""
    worker = _supervising_social_worker(request)
    if worker is not None and worker.pk == request.created_by_id:
        return 0
    body = ASKED_BODY.format(
        kind=request.get_kind_display().lower(),
        urgency=request.get_urgency_display().lower(),
        acknowledgement_due=f"{request.acknowledgement_due.day} {request.acknowledgement_due:%B %Y}",
        link=_link(request),
    )
    return _send(ASKED_SUBJECT, body, [worker], request)


def tell_about_escalation(request: SupportRequest) -> int:
    """Tell the manager it was escalated to, and the supervising social worker."""
    body = ESCALATED_BODY.format(
        kind=request.get_kind_display().lower(),
        urgency=request.get_urgency_display().lower(),
        manager=request.escalated_to.get_full_name() if request.escalated_to else "a manager",
        link=_link(request),
    )
    return _send(
        ESCALATED_SUBJECT, body, [request.escalated_to, _supervising_social_worker(request)], request
    )


def tell_carers(request: SupportRequest, *, escalated: bool = False) -> int:
    """Tell the household's carers, who sign in to the portal, that their request was answered
    or went to a manager; the answer itself is in the portal."""
    kind = request.get_kind_display().lower()
    if escalated:
        manager = request.escalated_to.get_full_name() if request.escalated_to else "a manager"
        subject, what = CARER_ESCALATED_SUBJECT, CARER_ESCALATED.format(kind=kind, manager=manager)
    else:
        subject, what = CARER_ANSWERED_SUBJECT, CARER_ANSWERED.format(kind=kind)
    return carer_messages.tell_carers(
        carers_of_household(request.household_id),
        subject=subject,
        body=what,
        link=reverse("portal:portal-help-detail", args=[request.pk]),
        about=f"request for help {request.pk}",
    )
