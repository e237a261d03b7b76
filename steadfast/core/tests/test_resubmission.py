"""A form sent twice (going back and sending again, a double click) is acted on once, and the
person is told; a form shown again with its errors, and different forms, are answered as usual."""

import datetime
import re
import threading
import time

import pytest
from django.db import connection
from django.test import Client
from django.utils import timezone

from steadfast.core import middleware
from steadfast.core.models import SentForm
from steadfast.core.sent_forms import forget_old_sent_forms
from steadfast.support_requests import services as help_services
from steadfast.support_requests.models import SupportRequest

pytestmark = pytest.mark.django_db

ASK = "/portal/help/ask/"
TOKEN = re.compile(r'name="csrfmiddlewaretoken" value="([^"]+)"')


def _carer(scenario) -> Client:
    client = Client(enforce_csrf_checks=True)
    client.force_login(scenario.users["foster_carer"])
    return client


def _asking(client: Client, scenario, what: str = "A night off.") -> dict:
    """The ask-for-help form as the page draws it, filled in."""
    token = TOKEN.search(client.get(ASK).content.decode()).group(1)
    return {
        "csrfmiddlewaretoken": token,
        "child": scenario.children["own"].pk,
        "kind": "respite",
        "urgency": "urgent",
        "what_is_needed": what,
    }


def test_a_form_sent_again_is_not_acted_on_again_and_the_person_is_told(scenario):
    client = _carer(scenario)
    sent = _asking(client, scenario)
    first = client.post(ASK, sent)
    request = SupportRequest.objects.get()
    assert first.status_code == 302 and first.url == f"/portal/help/{request.pk}/"
    client.get(first.url)  # the person reads the answer, then goes back and sends again
    again = client.post(ASK, sent)
    assert again.status_code == 303 and again.url == first.url
    assert SupportRequest.objects.count() == 1
    assert middleware.ALREADY_SENT in client.get(again.url).content.decode().replace("&#39;", "'")


def test_the_same_words_sent_again_from_the_form_drawn_again_are_sent_once(scenario):
    """Going back reloads the form, with a new CSRF token and the words restored."""
    client = _carer(scenario)
    first = client.post(ASK, _asking(client, scenario))
    again = client.post(ASK, _asking(client, scenario))
    assert again.status_code == 303 and again.url == first.url
    assert SupportRequest.objects.count() == 1


def test_different_words_are_a_new_request_and_so_are_the_same_words_later(scenario):
    client = _carer(scenario)
    client.post(ASK, _asking(client, scenario, what="A night off."))
    client.post(ASK, _asking(client, scenario, what="Advice about school."))
    assert SupportRequest.objects.count() == 2
    SentForm.objects.update(
        sent_at=timezone.now() - middleware.SAME_FORM_WINDOW - datetime.timedelta(seconds=1)
    )
    client.post(ASK, _asking(client, scenario, what="A night off."))
    assert SupportRequest.objects.count() == 3


def test_another_session_sending_the_same_words_is_not_the_same_form(scenario):
    first, second = _carer(scenario), _carer(scenario)
    first.post(ASK, _asking(first, scenario))
    second.post(ASK, _asking(second, scenario))
    assert SupportRequest.objects.count() == 2


def test_a_form_shown_again_with_its_errors_can_be_sent_again(scenario):
    client = _carer(scenario)
    sent = _asking(client, scenario, what="  ")
    for _ in range(2):
        response = client.post(ASK, sent)
        assert response.status_code == 200 and "There is a problem" in response.content.decode()
    assert not SentForm.objects.exists()
    assert not SupportRequest.objects.exists()


def test_a_form_sent_while_the_first_is_still_being_saved_waits_then_says_so(scenario, monkeypatch, rf):
    monkeypatch.setattr(middleware, "WAIT_SECONDS", 0.2)
    client = _carer(scenario)
    sent = _asking(client, scenario)
    first = rf.post(ASK, sent)
    first.session = client.session
    SentForm.objects.create(fingerprint=middleware.fingerprint(first, by_content=True))  # still being saved
    response = client.post(ASK, sent)
    assert response.status_code == 303 and response.url == ASK
    assert not SupportRequest.objects.exists()
    assert "still being saved" in client.get(ASK).content.decode()


def test_a_form_whose_first_sending_died_unanswered_can_be_sent_again(scenario, rf):
    """The process answering the first post was killed: its claim is never answered or given up."""
    client = _carer(scenario)
    sent = _asking(client, scenario)
    first = rf.post(ASK, sent)
    first.session = client.session
    SentForm.objects.create(fingerprint=middleware.fingerprint(first, by_content=True))
    SentForm.objects.update(
        sent_at=timezone.now() - middleware.ABANDONED_AFTER - datetime.timedelta(seconds=1)
    )
    response = client.post(ASK, sent)
    request = SupportRequest.objects.get()
    assert response.status_code == 302 and response.url == f"/portal/help/{request.pk}/"
    assert SentForm.objects.get().answered_with == response.url


def test_an_answered_form_is_still_the_same_after_the_time_an_unanswered_one_is_let_go(scenario):
    client = _carer(scenario)
    sent = _asking(client, scenario)
    first = client.post(ASK, sent)
    SentForm.objects.update(
        sent_at=timezone.now() - middleware.ABANDONED_AFTER - datetime.timedelta(seconds=1)
    )
    again = client.post(ASK, sent)
    assert again.status_code == 303 and again.url == first.url
    assert SupportRequest.objects.count() == 1


def test_drafts_saving_themselves_and_posts_without_a_form_token_are_passed_through(rf):
    autosave = rf.post("/x/", {"csrfmiddlewaretoken": "t", "a": "1"}, headers={"X-Autosave": "1"})
    assert middleware.fingerprint(autosave) is None
    assert middleware.fingerprint(rf.post("/x/", {"a": "1"})) is None
    assert middleware.fingerprint(rf.post("/x/", '{"a": 1}', content_type="application/json")) is None


def test_a_form_that_adds_nothing_is_the_same_only_when_its_token_is(rf, client, scenario):
    client.force_login(scenario.users["foster_carer"])

    def post(path: str, token: str):
        request = rf.post(path, {"csrfmiddlewaretoken": token, "a": "1"})
        request.session = client.session
        return request

    once, again, redrawn, elsewhere = post("/x/", "t"), post("/x/", "t"), post("/x/", "u"), post("/y/", "t")
    assert middleware.fingerprint(once) == middleware.fingerprint(again)
    assert middleware.fingerprint(once) != middleware.fingerprint(redrawn)
    assert middleware.fingerprint(once) != middleware.fingerprint(elsewhere)
    assert middleware.fingerprint(once, by_content=True) == middleware.fingerprint(redrawn, by_content=True)


def test_forms_sent_more_than_a_day_ago_are_let_go(db):
    SentForm.objects.create(fingerprint="old")
    SentForm.objects.create(fingerprint="new")
    SentForm.objects.filter(fingerprint="old").update(sent_at=timezone.now() - datetime.timedelta(days=2))
    assert forget_old_sent_forms(now=timezone.now()) == 1
    assert list(SentForm.objects.values_list("fingerprint", flat=True)) == ["new"]


@pytest.mark.django_db(transaction=True)
def test_a_double_click_saves_once(scenario, monkeypatch):
    if connection.vendor != "postgresql":
        pytest.skip("SQLite lets one connection write at a time; PostgreSQL shows the race")
    client = _carer(scenario)
    sent = _asking(client, scenario)
    asking = help_services.ask_for_help

    def slowly(**kwargs):  # the first click is still being saved when the second arrives
        time.sleep(0.5)
        return asking(**kwargs)

    monkeypatch.setattr(help_services, "ask_for_help", slowly)
    answers = []

    def send() -> None:
        try:
            answers.append(client.post(ASK, sent))
        finally:
            connection.close()

    clicks = [threading.Thread(target=send) for _ in range(2)]
    for click in clicks:
        click.start()
    for click in clicks:
        click.join()
    assert SupportRequest.objects.count() == 1
    assert sorted(a.status_code for a in answers) == [302, 303]
    assert len({a.url for a in answers}) == 1
