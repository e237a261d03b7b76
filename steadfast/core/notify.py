"""Email and text messages through GOV.UK Notify, by Notify's own Python client.

Every email goes through one Notify email template whose subject is ((subject)) and whose body is
((body)), and every text message through one text message template whose body is ((body)), so
the service's words are written here, in Steadfast, and Notify only delivers them. The client
signs each request with the API key's secret; the key is `{key name}-{service id}-{secret}`.
"""

import logging
import uuid

from django.conf import settings
from django.core.exceptions import ImproperlyConfigured
from django.core.mail.backends.base import BaseEmailBackend
from django.core.mail.message import EmailMessage
from notifications_python_client.errors import APIError
from notifications_python_client.notifications import NotificationsAPIClient

from steadfast.core.texts import TextMessage

logger = logging.getLogger(__name__)

TIMEOUT_SECONDS = 10
BAD_KEY = "The GOV.UK Notify API key is not in the form key-name-service-id-secret."


class NotifyError(OSError):
    """Notify refused a message or could not be reached. An OSError, as a mail server's
    failure is, so that `core.mail.send_emails` and `core.texts.send_texts` log it rather than
    showing an error page."""


def check_api_key(api_key: str) -> None:
    """Raise ImproperlyConfigured unless the key ends in two UUIDs, the service id and the
    secret, after a key name. Notify's client takes the last 73 characters as they come, so a
    key cut short or pasted with the wrong part would otherwise fail only at the first send."""
    secret, service_id = api_key[-36:], api_key[-73:-37]
    try:
        uuid.UUID(secret), uuid.UUID(service_id)
    except ValueError:
        raise ImproperlyConfigured(BAD_KEY) from None
    if api_key[-37] != "-" or (len(api_key) > 73 and api_key[-74] != "-"):
        raise ImproperlyConfigured(BAD_KEY)


def notify_client(*, api_key: str | None = None, base_url: str | None = None) -> NotificationsAPIClient:
    """A Notify client for the key and address given, or those in the settings. The client keeps
    one HTTP session and is not safe to share between threads: make one for each batch."""
    api_key = api_key or settings.NOTIFY_API_KEY
    check_api_key(api_key)
    return NotificationsAPIClient(
        api_key, base_url=(base_url or settings.NOTIFY_BASE_URL).rstrip("/"), timeout=TIMEOUT_SECONDS
    )


def _notify_error(error: APIError) -> NotifyError:
    if error.response is None:
        cause = error.__cause__ or error
        return NotifyError(f"GOV.UK Notify could not be reached: {cause}")
    return NotifyError(f"GOV.UK Notify answered {error.status_code}: {str(error.message)[:500]}")


class NotifyBackend:
    """What the email and the text message backends share: the key checked when the backend is
    made, a client for each batch, and a refusal turned into NotifyError."""

    def __init__(self, *, api_key: str | None, base_url: str | None) -> None:
        self.api_key = api_key or settings.NOTIFY_API_KEY
        self.base_url = base_url or settings.NOTIFY_BASE_URL
        check_api_key(self.api_key)

    def _client(self) -> NotificationsAPIClient:
        return notify_client(api_key=self.api_key, base_url=self.base_url)

    @staticmethod
    def _post(send, **notification) -> None:
        try:
            send(**notification)
        except APIError as error:
            raise _notify_error(error) from error


class NotifyEmailBackend(NotifyBackend, BaseEmailBackend):
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
        BaseEmailBackend.__init__(self, **kwargs)
        NotifyBackend.__init__(self, api_key=api_key, base_url=base_url)
        self.fail_silently = fail_silently
        self.template_id = template_id or settings.NOTIFY_TEMPLATE_ID

    def send_messages(self, email_messages: list[EmailMessage]) -> int:
        sent = 0
        client = self._client()
        try:
            for message in email_messages:
                try:
                    for address in message.recipients():
                        self._post(
                            client.send_email_notification,
                            email_address=address,
                            template_id=self.template_id,
                            personalisation={"subject": message.subject, "body": message.body},
                        )
                except NotifyError:
                    if not self.fail_silently:
                        raise
                    logger.exception("GOV.UK Notify did not take an email")
                else:
                    sent += 1
        finally:
            client.request_session.close()
        return sent


class NotifyTextBackend(NotifyBackend):
    """Sends each text message as one Notify notification through the text message template.
    With `fail_silently`, a refused or undelivered one is logged (without the number) and not
    counted; without it, `NotifyError` is raised."""

    def __init__(
        self,
        *,
        fail_silently: bool = False,
        api_key: str | None = None,
        template_id: str | None = None,
        base_url: str | None = None,
    ) -> None:
        super().__init__(api_key=api_key, base_url=base_url)
        self.fail_silently = fail_silently
        self.template_id = template_id or settings.NOTIFY_SMS_TEMPLATE_ID

    def send_messages(self, messages: list[TextMessage]) -> int:
        sent = 0
        client = self._client()
        try:
            for message in messages:
                try:
                    self._post(
                        client.send_sms_notification,
                        phone_number=message.to,
                        template_id=self.template_id,
                        personalisation={"body": message.body},
                    )
                except NotifyError:
                    if not self.fail_silently:
                        raise
                    logger.exception("GOV.UK Notify did not take a text message")
                else:
                    sent += 1
        finally:
            client.request_session.close()
        return sent
