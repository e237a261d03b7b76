"""The child's own page is the most exposed door in the service: open to anyone with a link,
with no sign-in. Each of its promises has a test here."""

import datetime
import re

import pytest
from django.core.cache import cache
from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import timezone
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from steadfast.audit.models import AuditEvent
from steadfast.meetings.models import MeetingStatus, StabilityMeeting
from steadfast.voice import services as voice_services
from steadfast.voice.models import FeedbackMethod
from steadfast.voice.tests.helpers import the_childs_voice_recorded
from steadfast.young_people import services, views
from steadfast.young_people.forms import WHO_FOR_NEEDED
from steadfast.young_people.models import ChildsDrawing, ChildsViews, ViewsInvitation

from .helpers import invite, meeting_to_come, picture_bytes

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _fresh_counts():
    cache.clear()
    yield
    cache.clear()


def _page(token: str) -> str:
    return f"/my-views/{token}/"


def _same(content: bytes) -> bytes:
    """A page's body without what changes on every request: the nonce and the CSRF token."""
    return re.sub(rb'(nonce|value)="[^"]+"', b"", content)


def _missing(client):
    return client.get(_page("x" * 43))


def test_the_page_opens_without_a_sign_in_and_opens_no_session(client, scenario):
    issued = invite(scenario)
    response = client.get(_page(issued.token))
    assert response.status_code == 200
    assert not response.cookies  # no session, and no CSRF cookie either
    assert response["Referrer-Policy"] == "no-referrer"
    assert "noindex" in response["X-Robots-Tag"]
    assert "no-store" in response["Cache-Control"]


def test_the_page_shows_nothing_of_the_record_but_first_names_and_the_meetings_kind_and_date(
    client, scenario
):
    meeting = meeting_to_come(scenario)
    child = scenario.children["own"]
    issued = invite(scenario, meeting=meeting)
    page = client.get(_page(issued.token)).content.decode()
    assert child.legal_first_name in page
    assert child.legal_last_name not in page
    assert child.child_identifier not in page
    assert scenario.users["social_worker"].first_name in page
    assert scenario.users["social_worker"].last_name not in page
    assert meeting.venue not in page
    assert "Placement stability meeting".lower() in page.lower()


@pytest.mark.parametrize("state", ["used", "revoked", "expired"])
def test_a_link_that_no_longer_works_answers_exactly_as_one_that_never_did(client, scenario, state):
    issued = invite(scenario)
    invitation = issued.invitation
    if state == "used":
        services.send_childs_views(invitation=invitation, sent=services.SentViews(going_well="Football"))
    elif state == "revoked":
        services.revoke_views_invitation(
            actor=scenario.users["social_worker"], invitation=invitation, seen_version=invitation.version
        )
    else:
        ViewsInvitation.objects.filter(pk=invitation.pk).update(expires_at=timezone.now())
    refused, missing = client.get(_page(issued.token)), _missing(client)
    assert refused.status_code == missing.status_code == 404
    assert _same(refused.content) == _same(missing.content)
    assert {k: v for k, v in refused.items() if k not in ("Content-Security-Policy",)} == {
        k: v for k, v in missing.items() if k not in ("Content-Security-Policy",)
    }
    if state != "used":
        assert AuditEvent.objects.filter(
            event_type=services.PAGE_REFUSED, actor=None, child_id=invitation.child_id, details__reason=state
        ).exists()


def test_sending_lands_once_and_a_second_send_is_told_it_arrived_the_first_time(client, scenario):
    issued = invite(scenario)
    data = {"going_well": "Football", "home_score": "8", "feels_safe": "yes", "word": ""}
    sent = client.post(_page(issued.token), data)
    assert sent.status_code == 200 and "Thank you" in sent.content.decode()
    again = client.post(_page(issued.token), data | {"going_well": "Changed"})
    assert "You already sent this" in again.content.decode()
    assert ChildsViews.objects.get().going_well == "Football"
    assert "sessionid" not in sent.cookies


def test_a_used_link_opens_again_with_the_childs_word_and_shows_no_drawing(client, scenario):
    issued = invite(scenario)
    client.post(
        _page(issued.token),
        {
            "going_well": "Football",
            "word": "Pineapple",
            "drawing": SimpleUploadedFile("me.png", picture_bytes("PNG"), content_type="image/png"),
        },
    )
    asked = client.get(_page(issued.token))
    assert asked.status_code == 200 and "secret word" in asked.content.decode()
    wrong = client.post(_page(issued.token), {"word": "banana", views.OPENING_AGAIN: "1"})
    assert views.WRONG_WORD in wrong.content.decode()
    right = client.post(_page(issued.token), {"word": "pineapple", views.OPENING_AGAIN: "1"}).content.decode()
    assert "Football" in right and "You also sent a picture" in right
    assert "<img" not in right
    assert AuditEvent.objects.filter(event_type=services.WORD_REFUSED, actor=None).count() == 1


def test_too_many_requests_answer_429_with_a_plain_page(client, scenario, monkeypatch):
    monkeypatch.setattr(views, "REQUESTS_PER_LINK", 3)
    issued = invite(scenario)
    answers = [client.get(_page(issued.token)).status_code for _ in range(5)]
    assert answers[:3] == [200, 200, 200] and answers[3:] == [429, 429]
    assert "Please wait" in client.get(_page(issued.token)).content.decode()


def test_an_upload_is_checked_by_what_it_is_not_by_its_name(client, scenario):
    issued = invite(scenario)
    fake = SimpleUploadedFile("drawing.png", b"<script>alert(1)</script>", content_type="image/png")
    page = client.post(_page(issued.token), {"going_well": "Football", "drawing": fake}).content.decode()
    assert "The file must be a picture" in page
    assert not ChildsViews.objects.exists()
    assert ViewsInvitation.objects.get(pk=issued.invitation.pk).used_at is None


def test_a_private_message_needs_to_say_who_it_is_for(client, scenario):
    issued = invite(scenario)
    page = client.post(_page(issued.token), {"private_message": "Only for you"}).content.decode()
    assert WHO_FOR_NEEDED in page and not ChildsViews.objects.exists()


def test_every_use_is_audited_against_the_child_with_no_actor(client, scenario):
    issued = invite(scenario)
    client.get(_page(issued.token))
    client.post(_page(issued.token), {"going_well": "Football"})
    kinds = set(
        AuditEvent.objects.filter(child_id=issued.invitation.child_id, actor=None).values_list(
            "event_type", flat=True
        )
    )
    assert {services.PAGE_OPENED, services.VIEWS_SENT} <= kinds


FIELDS = (
    "going_well",
    "worrying",
    "better",
    "home_score",
    "feels_safe",
    "feels_happy",
    "wants_to_come",
    "who_to_be_there",
    "private_message",
    "private_for",
    "word",
    "csrfmiddlewaretoken",
)


@settings(max_examples=40, deadline=None, derandomize=True, suppress_health_check=list(HealthCheck))
@given(
    data=st.dictionaries(st.sampled_from(FIELDS), st.text(max_size=60), max_size=8),
    upload=st.one_of(st.none(), st.binary(max_size=2000)),
)
def test_any_post_and_any_bytes_as_the_upload_never_fail_and_never_half_save(client, scenario, data, upload):
    cache.clear()
    issued = invite(
        scenario, meeting=meeting_to_come(scenario, scheduled_at=timezone.now() + datetime.timedelta(days=2))
    )
    body = dict(data)
    if upload is not None:
        body["drawing"] = SimpleUploadedFile("x.png", upload, content_type="image/png")
    response = client.post(_page(issued.token), body)
    assert response.status_code < 500
    saved = ChildsViews.objects.filter(invitation=issued.invitation).first()
    issued.invitation.refresh_from_db()
    # All or nothing: the link is used exactly when the views are kept, with their drawing if any.
    assert (saved is not None) == (issued.invitation.used_at is not None)
    if saved is None:
        assert not ChildsDrawing.objects.filter(views__invitation=issued.invitation).exists()


def test_a_child_who_opens_their_link_again_reads_what_happened_once_it_is_shared_through_it(
    client, scenario
):
    worker = scenario.users["social_worker"]
    meeting = meeting_to_come(scenario)
    issued = invite(scenario, meeting=meeting)
    client.post(
        _page(issued.token), {"going_well": "Football", "better": "See my brother", "word": "Pineapple"}
    )
    StabilityMeeting.objects.filter(pk=meeting.pk).update(
        scheduled_at=timezone.now() - datetime.timedelta(days=2), status=MeetingStatus.DRAFT
    )
    meeting.refresh_from_db()
    record = the_childs_voice_recorded(meeting, actor=worker)
    told = "You told us you want to see your brother.\n\nWe have set up a visit every Saturday."
    record = voice_services.write_feedback(
        actor=worker, record=record, text=told, seen_version=record.version
    )

    def opened_again() -> str:
        return client.post(
            _page(issued.token), {"word": "pineapple", views.OPENING_AGAIN: "1"}
        ).content.decode()

    assert "What has happened because you spoke" not in opened_again()
    voice_services.record_feedback_shared(
        actor=worker,
        record=record,
        fed_back_on=timezone.localdate(),
        fed_back_how=FeedbackMethod.OWN_PAGE,
        fed_back_by="Sam, their social worker",
        seen_version=record.version,
    )
    page = opened_again()
    assert "What has happened because you spoke" in page
    assert '<p class="govuk-body">We have set up a visit every Saturday.</p>' in page
