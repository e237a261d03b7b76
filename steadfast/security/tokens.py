"""The one-use, expiring link an account's owner activates it with."""

from django.contrib.auth.tokens import PasswordResetTokenGenerator
from django.utils.encoding import force_bytes
from django.utils.http import urlsafe_base64_decode, urlsafe_base64_encode

from steadfast.accounts.models import User


class ActivationTokenGenerator(PasswordResetTokenGenerator):
    """Django's password-reset token, under a salt of its own, so that neither link works as
    the other. It holds the account's password hash and when it was activated: setting the
    password there spends it, so it works once. It expires after PASSWORD_RESET_TIMEOUT."""

    key_salt = "steadfast.security.tokens.ActivationTokenGenerator"

    def _make_hash_value(self, user: User, timestamp: int) -> str:
        return f"{super()._make_hash_value(user, timestamp)}{user.activated_at}{user.is_active}"


activation_tokens = ActivationTokenGenerator()


def activation_path_parts(user: User) -> tuple[str, str]:
    return urlsafe_base64_encode(force_bytes(user.pk)), activation_tokens.make_token(user)


def account_for_activation(uidb64: str, token: str) -> User | None:
    """The account the link is for, if the link is good: made for it, unused and in date, and
    the account not yet activated and switched on. None otherwise."""
    try:
        pk = int(urlsafe_base64_decode(uidb64).decode())
    except (ValueError, TypeError, UnicodeDecodeError, OverflowError):
        return None
    user = User.objects.filter(pk=pk, is_active=True, activated_at__isnull=True).first()
    if user is None or not activation_tokens.check_token(user, token):
        return None
    return user
