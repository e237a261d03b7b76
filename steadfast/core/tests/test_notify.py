"""The GOV.UK Notify email backend, against a real HTTP server started here standing in for
Notify: what it sends, how it signs, and how a refusal is reported."""

import base64
import hashlib
import hmac
import json
import time
from collections.abc import Iterator

import pytest
from django.core import mail
from django.core.exceptions import ImproperlyConfigured
from django.core.mail import EmailMessage

from steadfast.core.mail import send_emails
from steadfast.core.notify import NotifyEmailBackend, NotifyError, bearer_token, split_api_key
from tests.fake_notify import API_KEY, SECRET, SERVICE_ID, TEMPLATE_ID, FakeNotify, running_fake_notify

from .test_health_and_settings import PRODUCTION_ENVIRONMENT, _manage


def _b64decode(part: str) -> bytes:
    return base64.urlsafe_b64decode(part + "=" * (-len(part) % 4))


@pytest.fixture
def notify() -> Iterator[FakeNotify]:
    with running_fake_notify() as fake:
        yield fake


def _backend(notify: FakeNotify, **options) -> NotifyEmailBackend:
    return NotifyEmailBackend(api_key=API_KEY, template_id=TEMPLATE_ID, base_url=notify.url, **options)


def _message(*to: str) -> EmailMessage:
    return EmailMessage(
        "Work due or overdue in Steadfast",
        "Due or overdue for you:\n- Statutory visit overdue, due 2 November 2026: https://example.invalid/x/",
        "steadfast@example.invalid",
        list(to),
    )


def test_the_api_key_gives_the_service_id_and_the_secret():
    assert split_api_key(API_KEY) == (SERVICE_ID, SECRET)
    # A key name may itself have dashes in it.
    assert split_api_key(f"live-key-for-steadfast-{SERVICE_ID}-{SECRET}") == (SERVICE_ID, SECRET)


@pytest.mark.parametrize("key", ["", "not-a-key", f"name-{SERVICE_ID}", f"name-{SERVICE_ID}{SECRET}"])
def test_a_key_not_in_notifys_form_is_refused_when_the_backend_is_made(key):
    with pytest.raises(ImproperlyConfigured, match="not in the form"):
        NotifyEmailBackend(api_key=key, template_id=TEMPLATE_ID, base_url="http://127.0.0.1:9")


def test_the_token_is_hs256_signed_with_the_secret_and_issued_by_the_service():
    token = bearer_token(API_KEY, now=1_700_000_000.7)
    header, claims, signature = token.split(".")
    assert json.loads(_b64decode(header)) == {"typ": "JWT", "alg": "HS256"}
    assert json.loads(_b64decode(claims)) == {"iss": SERVICE_ID, "iat": 1_700_000_000}
    expected = hmac.new(SECRET.encode(), f"{header}.{claims}".encode(), hashlib.sha256).digest()
    assert hmac.compare_digest(_b64decode(signature), expected)
    assert "=" not in token  # base64url without padding, as JWT requires


def test_each_recipient_is_posted_to_notify_with_the_template_and_the_message_as_personalisation(notify):
    sent = _backend(notify).send_messages([_message("sw@example.invalid", "tm@example.invalid")])
    assert sent == 1
    assert [r["path"] for r in notify.received] == ["/v2/notifications/email"] * 2
    assert [r["json"] for r in notify.received] == [
        {
            "email_address": address,
            "template_id": TEMPLATE_ID,
            "personalisation": {
                "subject": "Work due or overdue in Steadfast",
                "body": "Due or overdue for you:\n"
                "- Statutory visit overdue, due 2 November 2026: https://example.invalid/x/",
            },
        }
        for address in ("sw@example.invalid", "tm@example.invalid")
    ]
    assert all(r["content_type"] == "application/json" for r in notify.received)


def test_the_token_notify_receives_verifies_with_the_secret_and_is_fresh(notify):
    before = int(time.time())
    _backend(notify).send_messages([_message("sw@example.invalid")])
    scheme, token = notify.received[0]["authorization"].split(" ")
    header, claims, signature = token.split(".")
    assert scheme == "Bearer"
    expected = hmac.new(SECRET.encode(), f"{header}.{claims}".encode(), hashlib.sha256).digest()
    assert hmac.compare_digest(_b64decode(signature), expected)
    issued = json.loads(_b64decode(claims))
    assert issued["iss"] == SERVICE_ID
    assert before <= issued["iat"] <= int(time.time())


@pytest.mark.parametrize("status", [400, 403, 500])
def test_a_refusal_is_raised_with_notifys_answer(notify, status):
    notify.status = status
    notify.answer = {"errors": [{"error": "BadRequestError", "message": "Can't send to this recipient"}]}
    with pytest.raises(NotifyError, match=f"answered {status}.*Can't send to this recipient"):
        _backend(notify).send_messages([_message("sw@example.invalid")])


def test_failing_silently_a_refused_message_is_logged_and_not_counted(notify, caplog):
    notify.status = 400
    sent = _backend(notify, fail_silently=True).send_messages(
        [_message("sw@example.invalid"), _message("tm@example.invalid")]
    )
    assert sent == 0
    assert len(notify.received) == 2  # one refusal does not stop the next message
    assert "GOV.UK Notify did not take an email" in caplog.text


def test_notify_out_of_reach_is_a_notify_error():
    backend = NotifyEmailBackend(api_key=API_KEY, template_id=TEMPLATE_ID, base_url="http://127.0.0.1:9")
    with pytest.raises(NotifyError, match="could not be reached"):
        backend.send_messages([_message("sw@example.invalid")])


def test_through_the_mailers_setting_a_refusal_is_logged_and_the_sender_carries_on(notify, settings, caplog):
    settings.MAILERS = {"default": {"BACKEND": "steadfast.core.notify.NotifyEmailBackend"}}
    settings.NOTIFY_API_KEY, settings.NOTIFY_TEMPLATE_ID, settings.NOTIFY_BASE_URL = (
        API_KEY,
        TEMPLATE_ID,
        notify.url,
    )
    message = ("Subject", "Body", "steadfast@example.invalid", ["sw@example.invalid"])
    assert send_emails([message], about="a test") == 1
    notify.status = 500
    assert send_emails([message], about="a test") == 0
    assert "Could not send the emails about a test" in caplog.text
    assert not getattr(mail, "outbox", [])


def _production_mailer(**env: str) -> str:
    shown = "from django.conf import settings; print(settings.MAILERS['default']['BACKEND'])"
    result = _manage("shell", "--no-imports", "-c", shown, env=PRODUCTION_ENVIRONMENT | env)
    assert result.returncode == 0, result.stderr
    return result.stdout.strip()


def test_production_sends_through_notify_when_an_api_key_is_set_and_smtp_otherwise():
    assert _production_mailer() == "django.core.mail.backends.smtp.EmailBackend"
    notify = {"STEADFAST_NOTIFY_API_KEY": API_KEY, "STEADFAST_NOTIFY_TEMPLATE_ID": TEMPLATE_ID}
    assert _production_mailer(**notify) == "steadfast.core.notify.NotifyEmailBackend"


def test_production_with_a_notify_key_refuses_to_start_without_the_template():
    result = _manage("check", env=PRODUCTION_ENVIRONMENT | {"STEADFAST_NOTIFY_API_KEY": API_KEY})
    assert result.returncode != 0
    assert "Set the STEADFAST_NOTIFY_TEMPLATE_ID environment variable." in result.stderr
