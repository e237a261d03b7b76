"""Text messages: `send_texts` and its backends (Notify's is in test_notify.py), and the UK mobile
numbers they go to."""

import io
import logging

import pytest
from django.core.exceptions import ValidationError

from steadfast.core import texts
from steadfast.core.texts import (
    NOT_A_UK_MOBILE,
    ConsoleTextBackend,
    TextMessage,
    normalised_uk_mobile,
    send_texts,
)

MOBILE = "+447700900982"


def test_in_the_tests_a_text_goes_to_the_outbox():
    sent = send_texts([(MOBILE, "A new message in Steadfast"), ("+447700900983", "Hi")], about="a test")
    assert sent == 2
    assert texts.outbox == [
        TextMessage(to=MOBILE, body="A new message in Steadfast"),
        TextMessage(to="+447700900983", body="Hi"),
    ]


def test_the_outbox_is_empty_at_the_start_of_each_test():
    # The test before this one left two messages in it.
    assert texts.outbox == []


def test_nothing_to_send_sends_nothing():
    assert send_texts([], about="a test") == 0
    assert texts.outbox == []


def test_the_console_backend_writes_the_words_but_not_the_number():
    stream = io.StringIO()
    message = TextMessage(to=MOBILE, body="Hello from Steadfast")
    sent = ConsoleTextBackend(stream=stream).send_messages([message])
    assert sent == 1
    assert "Hello from Steadfast" in stream.getvalue()
    assert "7700" not in stream.getvalue()


def test_locally_texts_are_written_to_the_console(settings, capsys):
    settings.TEXT_BACKEND = "steadfast.core.texts.ConsoleTextBackend"
    assert send_texts([(MOBILE, "Hello from Steadfast")], about="a test") == 1
    assert "Hello from Steadfast" in capsys.readouterr().out
    assert texts.outbox == []


def test_without_notify_in_production_texts_are_not_sent_and_that_is_logged(settings, caplog):
    settings.TEXT_BACKEND = "steadfast.core.texts.UnsentTextBackend"
    with caplog.at_level(logging.WARNING):
        assert send_texts([(MOBILE, "Hello")], about="a test") == 0
    assert "1 text messages not sent: set STEADFAST_NOTIFY_API_KEY" in caplog.text
    assert "Sent 0 of 1 text messages about a test" in caplog.text
    assert "7700" not in caplog.text


class _Broken:
    def __init__(self, *, fail_silently: bool = False) -> None:
        pass

    def send_messages(self, messages: list[TextMessage]) -> int:
        raise ConnectionRefusedError("no route")


def test_a_backend_that_fails_outright_is_logged_never_raised(settings, caplog):
    settings.TEXT_BACKEND = f"{__name__}._Broken"
    assert send_texts([(MOBILE, "Hello")], about="a carer's log") == 0
    assert "Could not send the text messages about a carer's log" in caplog.text


@pytest.mark.parametrize(
    "given",
    [
        "07700900982",
        "07700 900982",
        "07700 900 982",
        " 0 7 7 0 0 9 0 0 9 8 2 ",
        "+447700900982",
        "+44 7700 900 982",
    ],
)
def test_a_uk_mobile_number_is_kept_in_one_form(given):
    assert normalised_uk_mobile(given) == MOBILE


@pytest.mark.parametrize(
    "given",
    [
        "",
        "0770090098",  # a digit short
        "077009009821",  # a digit over
        "01632960982",  # a landline
        "+4401632960982",
        "+33612345678",  # not the UK
        "447700900982",  # no plus
        "+44 07700 900982",
        "07700-900982",
        "07700 9OO982",
    ],
)
def test_anything_but_a_uk_mobile_number_is_refused_with_a_clear_message(given):
    with pytest.raises(ValidationError) as raised:
        normalised_uk_mobile(given)
    assert raised.value.messages == [NOT_A_UK_MOBILE]
