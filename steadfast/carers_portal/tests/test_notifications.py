"""Telling carers: each carer told keeps a message in their portal, those with an address are
emailed it, and nothing told names a child."""

import smtplib

import pytest
from django.core import mail

from steadfast.accounts.models import Role
from steadfast.audit.models import AuditEvent
from steadfast.carer_messages import notifications
from steadfast.carer_messages.models import CarerMessage
from steadfast.meetings import notifications as meeting_notifications
from steadfast.meetings.models import Invitee
from steadfast.support_requests import services as help_services
from steadfast.support_requests.notifications import CARER_ANSWERED_SUBJECT, CARER_ESCALATED_SUBJECT
from tests.factories import HouseholdMemberFactory, UserFactory

from .helpers import CARER_ACTION, an_authorised_meeting_with_a_carer_action, an_upcoming_meeting

pytestmark = pytest.mark.django_db

CARER_EMAIL = "foster_carer@example.invalid"


@pytest.fixture(autouse=True)
def emails(scenario):
    for user in scenario.users.values():
        user.email = f"{user.username}@example.invalid"
        user.save(update_fields=["email"])


def _names_no_child(scenario, text: str) -> None:
    for child in scenario.children.values():
        for name in (child.legal_first_name, child.legal_last_name, child.display_name):
            assert name not in text, f"{name!r} named in {text!r}"
    assert CARER_ACTION not in text  # an action's words may name the child


def _emails_to(address: str) -> list:
    return [m for m in mail.outbox if m.to == [address]]


def test_telling_carers_keeps_a_message_for_each_and_emails_those_with_an_address(scenario):
    carer = scenario.users["foster_carer"]
    no_address = UserFactory(role=Role.FOSTER_CARER, team=None, email="")
    switched_off = UserFactory(role=Role.FOSTER_CARER, team=None, email="off@example.test", is_active=False)
    staff = scenario.users["supervising_social_worker"]
    sent = notifications.tell_carers(
        [carer, carer, no_address, switched_off, staff],
        subject="Something to read",
        body="There is something to read.",
        link="/portal/help/",
        about="a test",
    )
    assert sent == 1
    [email] = mail.outbox
    assert email.to == [CARER_EMAIL] and email.subject == "Something to read"
    assert email.body.startswith("There is something to read.")
    assert "http://127.0.0.1:8000/portal/help/" in email.body
    kept = {m.carer_id: m for m in CarerMessage.objects.all()}
    assert set(kept) == {carer.pk, no_address.pk}  # each carer once; not staff, not switched off
    assert kept[carer.pk].emailed_at is not None and kept[no_address.pk].emailed_at is None
    assert kept[carer.pk].link == "/portal/help/"
    assert AuditEvent.objects.filter(event_type=notifications.CARER_MESSAGE_SENT).count() == 2


def test_a_mail_server_that_is_down_loses_no_message(scenario, monkeypatch):
    def refuse(*args, **kwargs):
        raise smtplib.SMTPServerDisconnected("down")

    monkeypatch.setattr("steadfast.core.mail.send_mass_mail", refuse)
    sent = notifications.tell_carers(
        [scenario.users["foster_carer"]], subject="S", body="B", link="/portal/", about="a test"
    )
    assert sent == 0
    [kept] = CarerMessage.objects.all()
    assert kept.emailed_at is None


def test_an_authorised_plan_tells_the_carers_of_their_action_naming_no_child(
    scenario, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        meeting = an_authorised_meeting_with_a_carer_action(scenario)
    [email] = [m for m in _emails_to(CARER_EMAIL) if m.subject == meeting_notifications.ACTION_SUBJECT]
    assert f"/portal/meetings/{meeting.pk}/agreed/" in email.body
    _names_no_child(scenario, email.subject + email.body)
    assert "Own household" not in email.body
    [kept] = CarerMessage.objects.filter(subject=meeting_notifications.ACTION_SUBJECT)
    assert kept.carer == scenario.users["foster_carer"]
    assert kept.link == f"/portal/meetings/{meeting.pk}/agreed/"
    # Only the carer's action: the supervising social worker's is theirs to hear of elsewhere.
    assert CarerMessage.objects.filter(subject=meeting_notifications.ACTION_SUBJECT).count() == 1


def test_an_authorised_plan_tells_no_carer_of_another_home(scenario, django_capture_on_commit_callbacks):
    other_carer = UserFactory(role=Role.FOSTER_CARER, team=None, email="other@example.test")
    HouseholdMemberFactory(household=scenario.households["other"], user=other_carer)
    with django_capture_on_commit_callbacks(execute=True):
        an_authorised_meeting_with_a_carer_action(scenario)
    assert not CarerMessage.objects.filter(carer=other_carer).exists()
    assert not _emails_to("other@example.test")


def test_an_invitation_to_a_carer_is_kept_in_their_portal_and_emailed_with_their_views_link(
    scenario, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        meeting = an_upcoming_meeting(scenario)
    [email] = _emails_to(CARER_EMAIL)
    assert "/meetings/views/" in email.body  # their own link, which needs no sign-in
    _names_no_child(scenario, email.subject + email.body)
    [kept] = CarerMessage.objects.filter(carer=scenario.users["foster_carer"])
    assert kept.link == "/portal/#meetings-you-are-invited-to"
    assert "/meetings/views/" not in kept.body  # the link itself is only ever in the email
    assert Invitee.objects.get(meeting=meeting, user=scenario.users["foster_carer"]).told_at is not None


@pytest.mark.parametrize("step", ["answered", "escalated"])
def test_an_answered_or_escalated_request_for_help_is_kept_in_the_carers_portal(
    scenario, django_capture_on_commit_callbacks, step
):
    ssw = scenario.users["supervising_social_worker"]
    request = help_services.ask_for_help(
        actor=scenario.users["foster_carer"],
        household=scenario.households["own"],
        child=scenario.children["own"],
        kind="respite",
        urgency="soon",
        what_is_needed="A weekend's break for Owen.",
    )
    with django_capture_on_commit_callbacks(execute=True):
        if step == "answered":
            help_services.respond_to_support_request(actor=ssw, support_request=request, response="Booked.")
        else:
            help_services.escalate_support_request(actor=ssw, support_request=request, reason="Urgent.")
    [kept] = CarerMessage.objects.filter(carer=scenario.users["foster_carer"])
    assert kept.subject == (CARER_ANSWERED_SUBJECT if step == "answered" else CARER_ESCALATED_SUBJECT)
    assert kept.link == f"/portal/help/{request.pk}/"
    _names_no_child(scenario, kept.subject + kept.body)
    [email] = _emails_to(CARER_EMAIL)
    assert email.subject == kept.subject and email.body.startswith(kept.body)


def test_a_carer_invited_without_an_address_is_told_in_their_portal_and_not_emailed(scenario):
    # As the demo invites its carer: the organiser gave no address, so none is used.
    carer = scenario.users["foster_carer"]
    meeting = an_authorised_meeting_with_a_carer_action(scenario)  # its callbacks never run here
    Invitee.objects.filter(meeting=meeting, user=carer).update(email="")
    assert meeting_notifications.tell_carers_of_their_actions(meeting) == 0
    assert not mail.outbox
    [kept] = CarerMessage.objects.filter(carer=carer)
    assert kept.subject == meeting_notifications.ACTION_SUBJECT and kept.emailed_at is None


def test_a_carer_with_a_mobile_number_is_texted_that_there_is_something_to_read(scenario):
    from steadfast.core import texts

    carer = scenario.users["foster_carer"]
    carer.mobile_number = "+447700900982"
    carer.save(update_fields=["mobile_number"])
    without = UserFactory(role=Role.FOSTER_CARER, team=None, email="")
    notifications.tell_carers(
        [carer, without],
        subject="Your request for help has been answered",
        body="Your request for help about the child has been answered.",
        link="/portal/help/7/",
        about="a test",
    )
    [text] = texts.outbox
    assert text.to == "+447700900982"
    assert text.body == (
        "Your request for help has been answered. Sign in to your carers' portal to read it: "
        "http://127.0.0.1:8000/portal/help/7/"
    )
    _names_no_child(scenario, text.body)
