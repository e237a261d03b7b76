"""The supervising social worker's reply to the carers on a log: the carers read it in their
portal and are told of it, naming no child; the review comment never reaches the portal."""

import html

import pytest
from django.core import mail
from django.core.exceptions import ValidationError

from steadfast.accounts.models import Role
from steadfast.audit.models import AuditEvent
from steadfast.carer_logs import notifications, services
from steadfast.carer_logs.models import CarerLogReply
from steadfast.carer_messages.models import CarerMessage
from tests.factories import HouseholdMemberFactory, UserFactory
from tests.queries import queries_for
from tests.scenario import STAFF_USERNAMES

from .helpers import a_log

pytestmark = pytest.mark.django_db

REVIEW_COMMENT = "Internal: the carers sound worn down; raise at supervision."
REPLY = "Thank you for writing this down. Let's talk about bedtimes on Thursday."


@pytest.fixture(autouse=True)
def emails(scenario):
    for user in scenario.users.values():
        user.email = f"{user.username}@example.invalid"
        user.save(update_fields=["email"])


def _reviewed_and_replied(scenario, django_capture_on_commit_callbacks):
    ssw = scenario.users["supervising_social_worker"]
    log = a_log(scenario, text="Owen would not settle at bedtime.")
    services.review_carer_log(actor=ssw, log=log, comment=REVIEW_COMMENT, discussed_with_carer_on=None)
    with django_capture_on_commit_callbacks(execute=True):
        services.reply_to_carers(actor=ssw, log=log, reply=REPLY)
    return log


def _page(client, path: str) -> str:
    response = client.get(path)
    assert response.status_code == 200, path
    return html.unescape(response.content.decode())


def test_the_ssw_replies_to_the_carers_and_the_reply_is_audited(scenario, django_capture_on_commit_callbacks):
    log = _reviewed_and_replied(scenario, django_capture_on_commit_callbacks)
    reply = CarerLogReply.objects.get()
    assert (reply.log, reply.text, reply.created_by) == (
        log,
        REPLY,
        scenario.users["supervising_social_worker"],
    )
    event = AuditEvent.objects.get(event_type=services.CARER_LOG_REPLIED)
    assert (event.child_id, event.household_id) == (log.child_id, log.household_id)


def test_the_carers_are_told_of_a_reply_naming_no_child(scenario, django_capture_on_commit_callbacks):
    log = _reviewed_and_replied(scenario, django_capture_on_commit_callbacks)
    [email] = [m for m in mail.outbox if m.to == ["foster_carer@example.invalid"]]
    assert email.subject == notifications.REPLY_SUBJECT
    assert f"/portal/logs/{log.pk}/" in email.body
    for words in ("Owen", "Example", REPLY, REVIEW_COMMENT, "bedtime"):
        assert words not in email.subject + email.body
    [kept] = CarerMessage.objects.filter(carer=scenario.users["foster_carer"])
    assert kept.link == f"/portal/logs/{log.pk}/"


def test_a_reply_needs_words_and_saves_nothing_without_them(scenario):
    log = a_log(scenario)
    with pytest.raises(ValidationError, match=services.REPLY_NEEDED):
        services.reply_to_carers(actor=scenario.users["supervising_social_worker"], log=log, reply="   ")
    assert not CarerLogReply.objects.exists()


@pytest.mark.parametrize("key", ["foster_carer", "social_worker", "other_supervising_social_worker"])
def test_only_the_households_fostering_workers_may_reply(scenario, key):
    log = a_log(scenario)
    with pytest.raises(ValidationError, match=services.NOT_ALLOWED_TO_REPLY):
        services.reply_to_carers(actor=scenario.users[key], log=log, reply=REPLY)
    assert not CarerLogReply.objects.exists()


def test_the_carer_reads_the_reply_but_never_the_review_comment(
    client, scenario, django_capture_on_commit_callbacks
):
    log = _reviewed_and_replied(scenario, django_capture_on_commit_callbacks)
    client.force_login(scenario.users["foster_carer"])
    for path in ("/portal/logs/", f"/portal/logs/{log.pk}/", "/portal/messages/", "/portal/"):
        page = _page(client, path)
        assert REVIEW_COMMENT not in page, path
    assert REPLY in _page(client, "/portal/logs/")
    detail = _page(client, f"/portal/logs/{log.pk}/")
    assert REPLY in detail and "Owen would not settle at bedtime." in detail


def test_a_carer_of_another_household_gets_404_for_the_log(
    client, scenario, django_capture_on_commit_callbacks
):
    log = _reviewed_and_replied(scenario, django_capture_on_commit_callbacks)
    other = UserFactory(role=Role.FOSTER_CARER, team=None)
    HouseholdMemberFactory(household=scenario.households["other"], user=other)
    client.force_login(other)
    assert client.get(f"/portal/logs/{log.pk}/").status_code == 404
    assert REPLY not in _page(client, "/portal/logs/")
    assert not CarerMessage.objects.filter(carer=other).exists()


@pytest.mark.parametrize("key", STAFF_USERNAMES)
def test_staff_get_404_for_the_portal_page_of_a_log(client, scenario, key):
    log = a_log(scenario)
    client.force_login(scenario.users[key])
    assert client.get(f"/portal/logs/{log.pk}/").status_code == 404


def test_the_ssw_replies_from_the_logs_page(client, scenario, django_capture_on_commit_callbacks):
    log = a_log(scenario)
    client.force_login(scenario.users["supervising_social_worker"])
    page = _page(client, f"/logs/{log.pk}/")
    assert "Your reply to the carers" in page and "the carers do not see it" in page
    response = client.post(f"/logs/{log.pk}/reply/", {"reply": ""})
    assert response.status_code == 200
    assert services.REPLY_NEEDED in html.unescape(response.content.decode())
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(f"/logs/{log.pk}/reply/", {"reply": REPLY})
    assert response.status_code == 302 and response.url == f"/logs/{log.pk}/"
    assert REPLY in _page(client, f"/logs/{log.pk}/")
    assert CarerMessage.objects.filter(carer=scenario.users["foster_carer"]).count() == 1


@pytest.mark.parametrize("key", ["social_worker", "foster_carer"])
def test_no_one_else_may_post_a_reply(client, scenario, key):
    log = a_log(scenario)
    client.force_login(scenario.users[key])
    assert client.post(f"/logs/{log.pk}/reply/", {"reply": REPLY}).status_code == 404
    assert not CarerLogReply.objects.exists()


def test_the_childs_social_worker_reads_the_reply_but_has_no_form(
    client, scenario, django_capture_on_commit_callbacks
):
    log = _reviewed_and_replied(scenario, django_capture_on_commit_callbacks)
    client.force_login(scenario.users["social_worker"])
    page = _page(client, f"/logs/{log.pk}/")
    assert REPLY in page and "Your reply to the carers" not in page


def test_the_portal_logs_cost_the_same_queries_however_many_replies(client, scenario):
    ssw = scenario.users["supervising_social_worker"]
    log = a_log(scenario)
    client.force_login(scenario.users["foster_carer"])
    listed, detail = queries_for(client, "/portal/logs/"), queries_for(client, f"/portal/logs/{log.pk}/")
    for n in range(3):
        services.reply_to_carers(actor=ssw, log=log, reply=f"Reply {n}")
        a_log(scenario, days_ago=n + 1)
    assert queries_for(client, "/portal/logs/") == listed
    assert queries_for(client, f"/portal/logs/{log.pk}/") == detail
