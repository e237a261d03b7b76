"""The emails of separation of duties: the owner's activation link, and a word to each person
who may confirm an account. They name the account's owner only to their confirmer, never a
child."""

from django.conf import settings
from django.urls import reverse

from steadfast.accounts.models import User
from steadfast.core.mail import send_emails

from .tokens import activation_path_parts

ACTIVATION_SUBJECT = "Activate your Steadfast account"
ACTIVATION_BODY = (
    "An account has been made for you on Steadfast, with the username {username}.\n\n"
    "Open this link to choose your password and activate it. The link works once, for {days} days:\n"
    "{link}\n\n"
    "If you did not expect this, do not open the link: tell your service desk.\n"
)
CONFIRMATION_SUBJECT = "An account is waiting for your confirmation"
CONFIRMATION_BODY = (
    "{name} ({role}, {team}) cannot read any record until you confirm their role and team.\n\n"
    "Sign in to Steadfast to confirm or refuse it: {link}\n"
)


def activation_link(user: User) -> str:
    uidb64, token = activation_path_parts(user)
    return f"{settings.SITE_URL}{reverse('security:account-activate', args=[uidb64, token])}"


def send_activation_link(user: User) -> int:
    days = max(1, settings.PASSWORD_RESET_TIMEOUT // 86400)
    body = ACTIVATION_BODY.format(username=user.username, days=days, link=activation_link(user))
    if not user.email:
        return 0
    return send_emails(
        [(ACTIVATION_SUBJECT, body, settings.DEFAULT_FROM_EMAIL, [user.email])],
        about=f"activating account {user.pk}",
    )


def tell_confirmers(user: User, confirmers: list[User]) -> int:
    link = f"{settings.SITE_URL}{reverse('security:confirmation-list')}"
    body = CONFIRMATION_BODY.format(
        name=user.get_full_name() or user.username,
        role=user.get_role_display(),
        team=user.team.name if user.team_id else "no team",
        link=link,
    )
    messages = [
        (CONFIRMATION_SUBJECT, body, settings.DEFAULT_FROM_EMAIL, [person.email])
        for person in confirmers
        if person.email and person.is_active
    ]
    return send_emails(messages, about=f"confirming account {user.pk}")
