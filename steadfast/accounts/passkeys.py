"""A person's passkeys (WebAuthn credentials, django-otp-webauthn's django-otp device): reads, and
what the pages that make and use them hand to its scripts. Adding, naming and removing them are
services; the ceremonies themselves are the views in `passkey_views`."""

from django.db.models import QuerySet
from django.http import HttpRequest
from django.middleware import csrf
from django.urls import reverse
from django_otp_webauthn.models import WebAuthnCredential

from .models import User

# Enough for a phone, a laptop and a security key or two, and a bound on what a page lists.
MOST_PASSKEYS = 10
NAME_LENGTH = 64  # django-otp's Device.name

NAME_MISSING = "Enter a name for your passkey"
NAME_TOO_LONG = f"Name must be {NAME_LENGTH} characters or fewer"
AUTHENTICATOR_FIRST = (
    "Set up an authenticator app before you add a passkey, so that you can still sign in without it"
)
TOO_MANY = f"You have {MOST_PASSKEYS} passkeys, the most you can have. Remove one before you add another"
CONFIRM_FIRST = "Confirm who you are again before you add a passkey: reload this page"
NOT_ADDED = "Your passkey could not be added. Try again, or use a different passkey"
NOT_ACCEPTED = "That passkey was not accepted. Try again, or enter a code instead"
NO_PASSKEY_NEEDED = "You do not need to use a passkey now. Reload this page"


def passkeys_for(user: User) -> QuerySet[WebAuthnCredential]:
    """The person's passkeys, oldest first."""
    return WebAuthnCredential.objects.filter(user=user, confirmed=True).order_by("created_at", "pk")


def has_passkey(user: User) -> bool:
    return passkeys_for(user).exists()


def default_name(user: User) -> str:
    """A name for a new passkey until its owner gives it one: "Passkey 2" for their second."""
    return f"Passkey {WebAuthnCredential.objects.filter(user=user).count() + 1}"


def script_configuration(request: HttpRequest) -> dict[str, str | None]:
    """What django-otp-webauthn's scripts read from the page (as JSON in a script element that
    is not run): where to begin and complete each ceremony, and the form's CSRF token."""
    return {
        "autocompleteLoginFieldSelector": None,
        "nextFieldSelector": "input[name='next']",
        "csrfToken": csrf.get_token(request),
        "beginRegistrationUrl": reverse("accounts:passkey-registration-begin"),
        "completeRegistrationUrl": reverse("accounts:passkey-registration-complete"),
        "beginAuthenticationUrl": reverse("accounts:passkey-sign-in-begin"),
        "completeAuthenticationUrl": reverse("accounts:passkey-sign-in-complete"),
    }
