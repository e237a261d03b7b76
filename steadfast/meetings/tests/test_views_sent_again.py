"""Views sent before a meeting are shown again, and can be changed until it starts: through
the emailed link only with the code that came with it, in the carers' portal to the carer.
Sending again never silently replaces what was sent."""

import datetime
import html
import re

import pytest
from django.core import mail
from django.utils import timezone
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from steadfast.audit.models import AuditEvent
from steadfast.core.errors import STALE_EDIT
from steadfast.meetings import invitations, services
from steadfast.meetings.models import Invitee, InviteeRole
from steadfast.meetings.selectors import ProposedInvitee

from .helpers import an_arranged_meeting

pytestmark = pytest.mark.django_db


def _outsider(scenario, *, hours_from_now: float = 48):
    meeting = an_arranged_meeting(scenario, when=timezone.now() + datetime.timedelta(hours=hours_from_now))
    invitee = services.add_invitee(
        actor=scenario.users["social_worker"],
        meeting=meeting,
        invitee=ProposedInvitee(name="Val Teacher", role=InviteeRole.VIRTUAL_SCHOOL, group="views_sought"),
    )
    return meeting, invitee, invitations.issue_views_link(actor=None, invitee=invitee)


def _version(invitee):
    return Invitee.objects.get(pk=invitee.pk).version


def _send(client, token, text, *, seen_version):
    return client.post(f"/meetings/views/{token}/", {"worries": text, "seen_version": seen_version})


def _unlock(client, link):
    assert client.post(f"/meetings/views/{link.token}/", {"code": link.spoken_code}).status_code == 302


def test_the_invitation_email_carries_a_code_and_only_its_hash_is_kept(
    scenario, django_capture_on_commit_callbacks
):
    meeting = an_arranged_meeting(scenario, when=timezone.now() + datetime.timedelta(days=2))
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        services.add_invitee(
            actor=scenario.users["social_worker"],
            meeting=meeting,
            invitee=ProposedInvitee(
                name="Val Teacher",
                role=InviteeRole.VIRTUAL_SCHOOL,
                group="views_sought",
                email="val@example.org",
            ),
        )
    [email] = mail.outbox
    code = re.search(r"Your code is ([A-Z0-9]{3}-[A-Z0-9]{3})", email.body)[1]
    invitee = Invitee.objects.get(email="val@example.org")
    assert code.replace("-", "") not in invitee.views_code_hash
    assert invitations.check_views_code(invitee=invitee, code=code.lower())


def test_a_forwarded_link_alone_shows_nothing_that_was_sent(client, scenario):
    _, invitee, link = _outsider(scenario)
    _unlock(client, link)
    _send(client, link.token, "Attendance has fallen to 60%.", seen_version=_version(invitee))
    stranger = client.__class__()
    page = stranger.get(f"/meetings/views/{link.token}/").content.decode()
    assert "Attendance has fallen" not in page and "Enter the code" not in page
    assert 'name="code"' in page
    _send(stranger, link.token, "Replaced by a stranger", seen_version=_version(invitee))
    assert "Replaced by a stranger" not in Invitee.objects.get(views_link_hash__gt="").worries


def test_with_the_code_what_was_sent_is_shown_and_can_be_changed_until_the_meeting(client, scenario):
    _, invitee, link = _outsider(scenario)
    _unlock(client, link)
    _send(client, link.token, "Attendance has fallen to 60%.", seen_version=_version(invitee))
    other = client.__class__()
    assert other.post(f"/meetings/views/{link.token}/", {"code": link.spoken_code}).status_code == 302
    page = other.get(f"/meetings/views/{link.token}/").content.decode()
    assert "Attendance has fallen to 60%." in page and 'id="views-already-sent"' in page
    response = _send(other, link.token, "Attendance is back to 90%.", seen_version=_version(invitee))
    assert "Views sent" in response.content.decode()
    invitee.refresh_from_db()
    assert invitee.worries == "Attendance is back to 90%."
    assert invitee.history.filter(worries="Attendance has fallen to 60%.").exists()


def test_views_sent_meanwhile_are_listed_not_replaced_and_what_was_typed_is_kept(client, scenario):
    _, invitee, link = _outsider(scenario)
    _unlock(client, link)
    _send(client, link.token, "First", seen_version=_version(invitee))
    seen = _version(invitee)
    _send(client, link.token, "Second, from another tab", seen_version=seen)
    page = _send(client, link.token, "Third, from a stale tab", seen_version=seen).content.decode()
    assert html.escape(STALE_EDIT) in page and 'id="changed-meanwhile"' in page
    listed = page.split('id="changed-meanwhile"')[1].split("<form")[0]
    assert "Second, from another tab" in listed and "Someone" in listed
    assert "Third, from a stale tab</textarea>" in page
    # The link's bookkeeping on the same row is never listed.
    assert invitations.hash_views_link(link.token) not in page and "Views code" not in page
    assert Invitee.objects.get(pk=invitee.pk).worries == "Second, from another tab"


def test_after_the_meeting_starts_the_link_is_gone_and_says_whom_to_ask(client, scenario):
    meeting, invitee, link = _outsider(scenario)
    _unlock(client, link)
    _send(client, link.token, "Attendance has fallen to 60%.", seen_version=_version(invitee))
    meeting.scheduled_at = timezone.now() - datetime.timedelta(minutes=1)
    meeting.save()
    response = client.get(f"/meetings/views/{link.token}/")
    page = response.content.decode()
    assert response.status_code == 410
    assert 'id="who-to-contact"' in page and "Attendance has fallen" not in page
    assert "<textarea" not in page
    assert _send(client, link.token, "Too late", seen_version=_version(invitee)).status_code == 410
    assert Invitee.objects.get(pk=invitee.pk).worries == "Attendance has fallen to 60%."


def test_a_link_sent_more_than_30_days_ago_is_gone_though_the_meeting_is_still_to_come(client, scenario):
    _, invitee, link = _outsider(scenario, hours_from_now=24 * 60)
    sent = timezone.now() - datetime.timedelta(days=invitations.VIEWS_LINK_DAYS, minutes=1)
    Invitee.objects.filter(pk=invitee.pk).update(views_link_sent_at=sent)
    response = client.get(f"/meetings/views/{link.token}/")
    assert response.status_code == 410
    assert client.post(f"/meetings/views/{link.token}/", {"code": link.code}).status_code == 410


def test_a_link_works_until_30_days_after_it_was_sent(client, scenario):
    _, invitee, link = _outsider(scenario, hours_from_now=24 * 60)
    sent = timezone.now() - datetime.timedelta(days=invitations.VIEWS_LINK_DAYS - 1)
    Invitee.objects.filter(pk=invitee.pk).update(views_link_sent_at=sent)
    assert client.get(f"/meetings/views/{link.token}/").status_code == 200
    _unlock(client, link)


def test_without_the_code_no_views_can_be_given_through_the_link(client, scenario):
    _, invitee, link = _outsider(scenario)
    page = client.get(f"/meetings/views/{link.token}/").content.decode()
    assert 'name="code"' in page and "<textarea" not in page
    _send(client, link.token, "Sent without the code", seen_version=_version(invitee))
    assert Invitee.objects.get(pk=invitee.pk).worries == ""


def test_the_code_is_6_characters_easy_to_read_aloud(scenario):
    _, _, link = _outsider(scenario)
    assert len(link.code) == 6 and re.fullmatch(r"[A-Z0-9]{3}-[A-Z0-9]{3}", link.spoken_code)
    assert not set(link.code) & set("O0I1")


def test_wrong_codes_are_counted_and_after_five_none_is_taken(client, scenario):
    _, invitee, link = _outsider(scenario)
    sender = client.__class__()
    _unlock(sender, link)
    _send(sender, link.token, "Sent", seen_version=_version(invitee))
    for _ in range(invitations.VIEWS_CODE_TRIES):
        page = client.post(f"/meetings/views/{link.token}/", {"code": "WRONG-CODE"}).content.decode()
    assert "too many times" in page
    assert client.post(f"/meetings/views/{link.token}/", {"code": link.code}).status_code == 200
    assert "Sent" not in client.get(f"/meetings/views/{link.token}/").content.decode().split("<main")[1]
    refused = AuditEvent.objects.filter(event_type=invitations.VIEWS_CODE_REFUSED)
    assert refused.count() == invitations.VIEWS_CODE_TRIES
    fresh = invitations.issue_views_link(actor=None, invitee=Invitee.objects.get(pk=invitee.pk))
    assert client.post(f"/meetings/views/{fresh.token}/", {"code": fresh.code}).status_code == 302


@settings(max_examples=30, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(code=st.text(max_size=60))
def test_no_code_typed_gives_an_error_page(client, scenario, code):
    invitee = Invitee.objects.filter(role=InviteeRole.VIRTUAL_SCHOOL).first()
    if invitee is None:
        _, invitee, link = _outsider(scenario)
    link = invitations.issue_views_link(actor=None, invitee=Invitee.objects.get(pk=invitee.pk))
    response = client.post(f"/meetings/views/{link.token}/", {"code": code})
    assert response.status_code in (200, 302)


def test_the_carer_sees_and_changes_their_views_in_the_portal_until_the_meeting(client, scenario):
    meeting = an_arranged_meeting(scenario, when=timezone.now() + datetime.timedelta(days=2))
    carer = scenario.users["foster_carer"]
    client.force_login(carer)
    url = f"/portal/meetings/{meeting.pk}/views/"
    invitation = Invitee.objects.get(meeting=meeting, user=carer)
    drawn = invitation.version
    assert client.post(url, {"worries": "Sleep is poor", "seen_version": drawn}).status_code == 302
    page = client.get(url).content.decode()
    assert "Sleep is poor" in page and 'id="views-already-sent"' in page
    stale = client.post(url, {"worries": "Stale", "seen_version": drawn}).content.decode()
    assert html.escape(STALE_EDIT) in stale and "Stale</textarea>" in stale
    assert Invitee.objects.get(pk=invitation.pk).worries == "Sleep is poor"
    meeting.scheduled_at = timezone.now() - datetime.timedelta(minutes=1)
    meeting.save()
    closed = client.get(url).content.decode()
    assert 'id="views-read-only"' in closed and "Sleep is poor" in closed and "<textarea" not in closed
    client.post(url, {"worries": "Too late", "seen_version": _version(invitation)})
    assert Invitee.objects.get(pk=invitation.pk).worries == "Sleep is poor"


def test_the_organiser_sends_a_new_link_after_five_wrong_codes_and_the_old_one_stops(
    client, scenario, django_capture_on_commit_callbacks
):
    meeting = an_arranged_meeting(scenario, when=timezone.now() + datetime.timedelta(days=2))
    with django_capture_on_commit_callbacks(execute=True):
        invitee = services.add_invitee(
            actor=scenario.users["social_worker"],
            meeting=meeting,
            invitee=ProposedInvitee(
                name="Val Teacher",
                role=InviteeRole.VIRTUAL_SCHOOL,
                group="views_sought",
                email="val@example.org",
            ),
        )
    (first,) = [m for m in mail.outbox if m.to == ["val@example.org"]]
    old_link = re.search(r"/meetings/views/[^/\s]+/", first.body)[0]
    outsider = client.__class__()
    for _ in range(invitations.VIEWS_CODE_TRIES):
        outsider.post(old_link, {"code": "WRONG-1"})
    assert 'id="code-locked"' in outsider.get(old_link).content.decode()

    client.force_login(scenario.users["social_worker"])
    page = client.get(f"/meetings/{meeting.pk}/").content.decode()
    again = f"/meetings/{meeting.pk}/invitees/{invitee.pk}/invite-again/"
    assert f'action="{again}"' in page
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(again)
    assert response["Location"] == f"/meetings/{meeting.pk}/"
    (second,) = mail.outbox
    new_link = re.search(r"/meetings/views/[^/\s]+/", second.body)[0]
    code = re.search(r"Your code is (\S+)\.", second.body)[1]
    assert outsider.get(old_link).status_code == 404
    assert outsider.post(new_link, {"code": code}).status_code == 302
    assert AuditEvent.objects.filter(
        event_type=services.VIEWS_LINK_SENT_AGAIN, actor=scenario.users["social_worker"]
    ).exists()


def test_no_new_link_is_sent_to_someone_who_signs_in_or_by_someone_who_may_not(client, scenario):
    meeting = an_arranged_meeting(scenario, when=timezone.now() + datetime.timedelta(days=2))
    staff = meeting.invitees.exclude(user=None).exclude(role=InviteeRole.CARER).first()
    client.force_login(scenario.users["social_worker"])
    if staff is not None:
        client.post(f"/meetings/{meeting.pk}/invitees/{staff.pk}/invite-again/")
        assert not AuditEvent.objects.filter(event_type=services.VIEWS_LINK_SENT_AGAIN).exists()
    _, invitee, _ = _outsider(scenario)
    client.force_login(scenario.users["other_social_worker"])
    response = client.post(f"/meetings/{invitee.meeting_id}/invitees/{invitee.pk}/invite-again/")
    assert response.status_code == 404
