"""A Django email backend that sends through GOV.UK Notify's REST API.

Every message goes through one Notify email template whose subject is ((subject)) and whose
body is ((body)), so the service's emails are written here, in Steadfast, and Notify only
delivers them. The API key is `{key name}-{service id}-{secret}`, the last two UUIDs; each
request carries a JSON Web Token signed with the secret (HS256) naming the service and the time.
"""

import base64
import hashlib
import hmac
import json
import logging
import time
import uuid

import requests
from django.conf import settings
from django.core.exceptions import ImproperlyConfigured
from django.core.mail.backends.base import BaseEmailBackend
from django.core.mail.message import EmailMessage

logger = logging.getLogger(__name__)

SEND_PATH = "/v2/notifications/email"
TIMEOUT_SECONDS = 10
BAD_KEY = "The GOV.UK Notify API key is not in the form key-name-service-id-secret."


class NotifyError(OSError):
    """Notify refused a message or could not be reached. An OSError, as a mail server's
    failure is, so that `core.mail.send_emails` logs it rather than showing an error page."""


def _base64url(data: bytes) -> str:
    return base64.urlsafe_b64encode(data).rstrip(b"=").decode("ascii")


def split_api_key(api_key: str) -> tuple[str, str]:
    """(service id, secret) from a Notify API key: its last two UUIDs."""
    secret, service_id = api_key[-36:], api_key[-73:-37]
    try:
        uuid.UUID(secret), uuid.UUID(service_id)
    except ValueError:
        raise ValueError(BAD_KEY) from None
    if api_key[-37] != "-" or (len(api_key) > 73 and api_key[-74] != "-"):
        raise ValueError(BAD_KEY)
    return service_id, secret


def bearer_token(api_key: str, *, now: float | None = None) -> str:
    """The JSON Web Token Notify expects: HS256, issued by the service, at `now`."""
    service_id, secret = split_api_key(api_key)
    header = {"typ": "JWT", "alg": "HS256"}
    claims = {"iss": service_id, "iat": int(time.time() if now is None else now)}
    signing_input = ".".join(
        _base64url(json.dumps(part, separators=(",", ":")).encode()) for part in (header, claims)
    )
    signature = hmac.new(secret.encode(), signing_input.encode("ascii"), hashlib.sha256).digest()
    return f"{signing_input}.{_base64url(signature)}"


class NotifyEmailBackend(BaseEmailBackend):
    """Sends each recipient of each message as one Notify notification. With `fail_silently`,
    a refused or undelivered notification is logged and the message not counted as sent;
    without it, `NotifyError` is raised."""

    def __init__(
        self,
        *,
        fail_silently: bool = False,
        api_key: str | None = None,
        template_id: str | None = None,
        base_url: str | None = None,
        **kwargs,
    ) -> None:
        super().__init__(**kwargs)
        self.fail_silently = fail_silently
        self.api_key = api_key or settings.NOTIFY_API_KEY
        self.template_id = template_id or settings.NOTIFY_TEMPLATE_ID
        self.base_url = (base_url or settings.NOTIFY_BASE_URL).rstrip("/")
        try:
            split_api_key(self.api_key)
        except ValueError as error:
            raise ImproperlyConfigured(str(error)) from error

    def send_messages(self, email_messages: list[EmailMessage]) -> int:
        sent = 0
        with requests.Session() as session:
            for message in email_messages:
                try:
                    for address in message.recipients():
                        self._send(session, message, address)
                except NotifyError:
                    if not self.fail_silently:
                        raise
                    logger.exception("GOV.UK Notify did not take an email")
                else:
                    sent += 1
        return sent

    def _send(self, session: requests.Session, message: EmailMessage, address: str) -> None:
        payload = {
            "email_address": address,
            "template_id": self.template_id,
            "personalisation": {"subject": message.subject, "body": message.body},
        }
        try:
            response = session.post(
                f"{self.base_url}{SEND_PATH}",
                json=payload,
                headers={"Authorization": f"Bearer {bearer_token(self.api_key)}"},
                timeout=TIMEOUT_SECONDS,
            )
        except requests.RequestException as error:
            raise NotifyError(f"GOV.UK Notify could not be reached: {error}") from error
        if response.status_code >= 400:
            raise NotifyError(f"GOV.UK Notify answered {response.status_code}: {response.text[:500]}")
