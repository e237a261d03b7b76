"""A person's second factors: an authenticator app (django-otp's TOTP device) and recovery
codes (`RecoveryCodeDevice`). Reads and checks only; setting them up and removing them are
services."""

import base64
import re
import secrets

import segno
from django.db import transaction
from django_otp.plugins.otp_totp.models import TOTPDevice

from .models import RecoveryCodeDevice, User

RECOVERY_CODE_COUNT = 10
# Ten characters from a 32-letter alphabet: 50 bits each, shown in two groups of five.
_RECOVERY_ALPHABET = "abcdefghjkmnpqrstuvwxyz23456789"
AUTHENTICATOR_CODE = re.compile(r"^\d{6}$")

WRONG_CODE = "Enter the 6-digit code your authenticator app shows now, or one of your recovery codes"
WAIT_BEFORE_CODE = "You have entered too many wrong codes. Wait a minute, then try again"
ENTER_CODE = "Enter the 6-digit code from your authenticator app, or a recovery code"


def authenticator_for(user: User) -> TOTPDevice | None:
    return TOTPDevice.objects.filter(user=user, confirmed=True).first()


def recovery_codes_left(user: User) -> int:
    device = RecoveryCodeDevice.objects.filter(user=user, confirmed=True).first()
    return device.codes.count() if device else 0


def new_authenticator(user: User) -> TOTPDevice:
    """The authenticator being set up, not yet confirmed: the same one while the person scans
    it and types its code, so that reloading the page does not change the picture."""
    device = TOTPDevice.objects.filter(user=user, confirmed=False).first()
    return device or TOTPDevice.objects.create(user=user, name="Authenticator app", confirmed=False)


def qr_code_data_uri(device: TOTPDevice) -> str:
    """The authenticator's set-up link as a QR code, an SVG image in a data: URL (which the
    content security policy allows for images)."""
    return segno.make(device.config_url, error="m").svg_data_uri(scale=5, border=2)


def secret_for_typing(device: TOTPDevice) -> str:
    """The key in groups of four, for someone who cannot scan the picture."""
    key = base64.b32encode(device.bin_key).decode().rstrip("=")
    return " ".join(key[i : i + 4] for i in range(0, len(key), 4))


def make_recovery_codes() -> list[str]:
    return [
        "".join(secrets.choice(_RECOVERY_ALPHABET) for _ in range(10)) for _ in range(RECOVERY_CODE_COUNT)
    ]


def shown(code: str) -> str:
    return f"{code[:5]}-{code[5:]}"


def check_code(user: User, code: str) -> tuple[object | None, bool]:
    """The second factor that accepts `code`, if any, and whether a wait after wrong codes stopped
    it being checked. A 6-digit code is checked against the authenticator app, anything else
    against the recovery codes, so a wrong guess counts against one of them only."""
    code = code.strip().replace(" ", "")
    with transaction.atomic():
        if AUTHENTICATOR_CODE.match(code):
            devices = TOTPDevice.objects.select_for_update().filter(user=user, confirmed=True)
        else:
            devices = RecoveryCodeDevice.objects.select_for_update().filter(user=user, confirmed=True)
        waiting = False
        for device in devices:
            allowed, _ = device.verify_is_allowed()
            if not allowed:
                waiting = True
                continue
            if device.verify_token(code):
                return device, False
    return None, waiting
