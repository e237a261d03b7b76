"""The GOV.UK Notify backends, built on Notify's own client, against a real HTTP server started
here standing in for Notify: what they send, how the requests are signed, and how a refusal is
reported."""

import time
from collections.abc import Iterator

import jwt
import pytest
from django.core import mail
from django.core.exceptions import ImproperlyConfigured
from django.core.mail import EmailMessage

from steadfast.core import texts
from steadfast.core.mail import send_emails
from steadfast.core.notify import NotifyEmailBackend, NotifyError, NotifyTextBackend, check_api_key
from steadfast.core.texts import TextMessage, send_texts
from tests.fake_notify import (
    API_KEY,
    EMAIL_PATH,
    SECRET,
    SERVICE_ID,
    SMS_PATH,
    SMS_TEMPLATE_ID,
    TEMPLATE_ID,
    FakeNotify,
    running_fake_notify,
)

from .test_health_and_settings import PRODUCTION_ENVIRONMENT, _manage

UNREACHABLE = "http://127.0.0.1:9"
MOBILE = "+447700900982"


@pytest.fixture
def notify() -> Iterator[FakeNotify]:
    with running_fake_notify() as fake:
        yield fake


def _backend(notify: FakeNotify, **options) -> NotifyEmailBackend:
    return NotifyEmailBackend(api_key=API_KEY, template_id=TEMPLATE_ID, base_url=notify.url, **options)


def _text_backend(notify: FakeNotify, **options) -> NotifyTextBackend:
    return NotifyTextBackend(api_key=API_KEY, template_id=SMS_TEMPLATE_ID, base_url=notify.url, **options)


def _message(*to: str) -> EmailMessage:
    return EmailMessage(
        "Work due or overdue in Steadfast",
        "Due or overdue for you:\n- Statutory visit overdue, due 2 November 2026: https://example.invalid/x/",
        "steadfast@example.invalid",
        list(to),
    )


def _use_notify_for_texts(settings, notify: FakeNotify) -> None:
    settings.TEXT_BACKEND = "steadfast.core.notify.NotifyTextBackend"
    settings.NOTIFY_API_KEY, settings.NOTIFY_SMS_TEMPLATE_ID, settings.NOTIFY_BASE_URL = (
        API_KEY,
        SMS_TEMPLATE_ID,
        notify.url,
    )


def test_a_key_ending_in_the_service_id_and_the_secret_is_accepted():
    check_api_key(API_KEY)
    # A key name may itself have dashes in it.
    check_api_key(f"live-key-for-steadfast-{SERVICE_ID}-{SECRET}")


@pytest.mark.parametrize("key", ["", "not-a-key", f"name-{SERVICE_ID}", f"name-{SERVICE_ID}{SECRET}"])
@pytest.mark.parametrize("backend", [NotifyEmailBackend, NotifyTextBackend])
def test_a_key_not_in_notifys_form_is_refused_when_the_backend_is_made(key, backend):
    with pytest.raises(ImproperlyConfigured, match="not in the form"):
        backend(api_key=key, template_id=TEMPLATE_ID, base_url=UNREACHABLE)


def test_each_recipient_is_posted_to_notify_with_the_template_and_the_message_as_personalisation(notify):
    sent = _backend(notify).send_messages([_message("sw@example.invalid", "tm@example.invalid")])
    assert sent == 1
    assert [r["path"] for r in notify.received] == [EMAIL_PATH] * 2
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


def _verified_claims(authorization: str) -> dict:
    """The token's claims, once its header and signature have been checked against the secret."""
    scheme, token = authorization.split(" ")
    assert scheme == "Bearer"
    assert jwt.get_unverified_header(token) == {"typ": "JWT", "alg": "HS256"}
    return jwt.decode(token, SECRET, algorithms=["HS256"], options={"require": ["iss", "iat"]})


def test_the_token_notify_receives_verifies_with_the_secret_and_is_fresh(notify):
    before = int(time.time())
    _backend(notify).send_messages([_message("sw@example.invalid")])
    _text_backend(notify).send_messages([TextMessage(to=MOBILE, body="Hello")])
    for request in notify.received:
        claims = _verified_claims(request["authorization"])
        assert claims["iss"] == SERVICE_ID
        assert before <= claims["iat"] <= int(time.time())


def test_a_token_signed_with_another_secret_does_not_verify(notify):
    other_key = f"steadfast_test-{SERVICE_ID}-{'0' * 8}-0000-4000-8000-{'0' * 12}"
    NotifyEmailBackend(api_key=other_key, template_id=TEMPLATE_ID, base_url=notify.url).send_messages(
        [_message("sw@example.invalid")]
    )
    with pytest.raises(jwt.InvalidSignatureError):
        _verified_claims(notify.received[0]["authorization"])


@pytest.mark.parametrize("status", [400, 403, 500])
def test_a_refusal_is_raised_with_notifys_answer(notify, status):
    notify.status = status
    notify.answer = {
        "status_code": status,
        "errors": [{"error": "BadRequestError", "message": "Can't send to this recipient"}],
    }
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
    away = FakeNotify(url=UNREACHABLE)
    with pytest.raises(NotifyError, match="could not be reached"):
        _backend(away).send_messages([_message("sw@example.invalid")])
    with pytest.raises(NotifyError, match="could not be reached"):
        _text_backend(away).send_messages([TextMessage(to=MOBILE, body="Hello")])


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


def test_each_text_is_posted_to_notify_with_the_sms_template_and_its_body(notify):
    sent = _text_backend(notify).send_messages(
        [TextMessage(to=MOBILE, body="A new message in Steadfast"), TextMessage(to="07700900983", body="Hi")]
    )
    assert sent == 2
    assert [r["path"] for r in notify.received] == [SMS_PATH] * 2
    assert notify.texts() == [
        {
            "phone_number": MOBILE,
            "template_id": SMS_TEMPLATE_ID,
            "personalisation": {"body": "A new message in Steadfast"},
        },
        {"phone_number": "07700900983", "template_id": SMS_TEMPLATE_ID, "personalisation": {"body": "Hi"}},
    ]


def test_through_send_texts_a_refused_text_is_logged_without_its_number_and_the_rest_still_go(
    notify, settings, caplog
):
    _use_notify_for_texts(settings, notify)
    notify.status = 400
    notify.answer = {"status_code": 400, "errors": [{"error": "BadRequestError", "message": "Not allowed"}]}
    sent = send_texts([(MOBILE, "First"), ("07700 900983", "Second")], about="a test")
    assert sent == 0
    assert len(notify.texts()) == 2  # the first refusal did not stop the second
    assert "GOV.UK Notify did not take a text message" in caplog.text
    assert "Sent 0 of 2 text messages about a test" in caplog.text
    assert "7700" not in caplog.text
    notify.status = 201
    assert send_texts([(MOBILE, "Third")], about="a test") == 1
    assert texts.outbox == []


def test_through_send_texts_notify_out_of_reach_is_logged_not_raised(settings, caplog):
    _use_notify_for_texts(settings, FakeNotify(url=UNREACHABLE))
    assert send_texts([(MOBILE, "Hello")], about="a test") == 0
    assert "GOV.UK Notify did not take a text message" in caplog.text


def _production_setting(expression: str, **env: str) -> str:
    shown = f"from django.conf import settings; print(*({expression}))"
    result = _manage("shell", "--no-imports", "-c", shown, env=PRODUCTION_ENVIRONMENT | env)
    assert result.returncode == 0, result.stderr
    return result.stdout.strip()


NOTIFY_ENVIRONMENT = {
    "STEADFAST_NOTIFY_API_KEY": API_KEY,
    "STEADFAST_NOTIFY_TEMPLATE_ID": TEMPLATE_ID,
    "STEADFAST_NOTIFY_SMS_TEMPLATE_ID": SMS_TEMPLATE_ID,
}


def test_production_sends_through_notify_when_an_api_key_is_set_and_otherwise_smtp_and_no_texts():
    backends = "settings.MAILERS['default']['BACKEND'], settings.TEXT_BACKEND"
    assert _production_setting(backends).split() == [
        "django.core.mail.backends.smtp.EmailBackend",
        "steadfast.core.texts.UnsentTextBackend",
    ]
    assert _production_setting(backends, **NOTIFY_ENVIRONMENT).split() == [
        "steadfast.core.notify.NotifyEmailBackend",
        "steadfast.core.notify.NotifyTextBackend",
    ]


@pytest.mark.parametrize("missing", ["STEADFAST_NOTIFY_TEMPLATE_ID", "STEADFAST_NOTIFY_SMS_TEMPLATE_ID"])
def test_production_with_a_notify_key_refuses_to_start_without_either_template(missing):
    env = {k: v for k, v in NOTIFY_ENVIRONMENT.items() if k != missing}
    result = _manage("check", env=PRODUCTION_ENVIRONMENT | env)
    assert result.returncode != 0
    assert f"Set the {missing} environment variable." in result.stderr


def test_production_with_a_key_not_in_notifys_form_refuses_to_start():
    env = NOTIFY_ENVIRONMENT | {"STEADFAST_NOTIFY_API_KEY": f"steadfast_test-{SERVICE_ID}"}
    result = _manage("check", env=PRODUCTION_ENVIRONMENT | env)
    assert result.returncode != 0
    assert "The GOV.UK Notify API key is not in the form key-name-service-id-secret." in result.stderr
