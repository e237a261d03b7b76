"""The child's voice pages: recording it from the meeting, a significant decision, what changed,
the feedback to the child with its reading age, its PDF, and who may see any of it."""

import html

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from steadfast.audit.models import AuditEvent
from steadfast.core.child_texts import CHECK_READING_AGE
from steadfast.meetings.tests.helpers import an_arranged_meeting
from steadfast.voice import services, views
from steadfast.voice.models import Influence, VoiceRecord

pytestmark = pytest.mark.django_db

SOUGHT = {
    "seen_version": "0",
    "views_sought": "yes",
    "how_sought": "On a walk after school",
    "advocate_helped": "no",
    "child_said": "I want to stay at my school.",
    "own_words": "on",
    "heard_by": "The meeting",
}


def _record(scenario) -> VoiceRecord:
    meeting = an_arranged_meeting(scenario)
    record = services.record_voice_for_meeting(
        actor=scenario.users["social_worker"],
        meeting=meeting,
        views=services.Views(views_sought=True, how_sought="At home", child_said="I want to stay."),
        seen_version=0,
    )
    services.record_influence(
        actor=scenario.users["social_worker"],
        record=record,
        asked_for="Stay at my school",
        outcome="changed",
        explanation="you are staying at your school",
    )
    return record


def test_the_social_worker_records_the_childs_voice_from_the_meeting_page(client, scenario):
    meeting = an_arranged_meeting(scenario)
    client.force_login(scenario.users["social_worker"])
    page = client.get(f"/meetings/{meeting.pk}/").content.decode()
    assert 'id="childs-voice"' in page and f"/meetings/{meeting.pk}/voice/" in page
    response = client.post(f"/meetings/{meeting.pk}/voice/", SOUGHT)
    assert response.status_code == 302 and response["Location"].endswith("#childs-voice")
    record = VoiceRecord.objects.get(meeting=meeting)
    assert (record.child_said, record.own_words) == ("I want to stay at my school.", True)
    page = html.unescape(client.get(f"/meetings/{meeting.pk}/").content.decode())
    assert "I want to stay at my school." in page


def test_a_form_without_the_reason_comes_back_with_the_message_and_what_was_typed(client, scenario):
    meeting = an_arranged_meeting(scenario)
    client.force_login(scenario.users["social_worker"])
    page = html.unescape(
        client.post(
            f"/meetings/{meeting.pk}/voice/", {"seen_version": "0", "views_sought": "no", "heard_by": "Kept"}
        ).content.decode()
    )
    assert services.REASON_NEEDED in page and "Kept" in page
    assert not VoiceRecord.objects.exists()


def test_a_significant_decision_is_recorded_from_the_childs_record(client, scenario):
    child = scenario.children["own"]
    client.force_login(scenario.users["social_worker"])
    assert (
        f"/children/{child.pk}/voice/decisions/add/" in client.get(f"/children/{child.pk}/").content.decode()
    )
    data = SOUGHT | {
        "decision": "A planned move nearer school",
        "decided_on-day": "1",
        "decided_on-month": "12",
        "decided_on-year": "2026",
        "decision_maker": "Team manager",
    }
    response = client.post(f"/children/{child.pk}/voice/decisions/add/", data)
    record = VoiceRecord.objects.get()
    assert response["Location"] == f"/voice/{record.pk}/"
    page = html.unescape(client.get(f"/children/{child.pk}/").content.decode())
    assert "A planned move nearer school" in page and "Audience" in page


def test_the_feedback_is_drafted_from_what_changed_and_shows_its_reading_age(client, scenario):
    record = _record(scenario)
    client.force_login(scenario.users["social_worker"])
    page = html.unescape(client.get(f"/voice/{record.pk}/feedback/").content.decode())
    assert "You told us: Stay at my school." in page
    assert "Because of what you said, you are staying at your school." in page
    assert "Reading age about" in page
    long_words = (
        "Notwithstanding considerable organisational deliberation, accommodation arrangements continue."
    )
    checked = html.unescape(
        client.post(
            f"/voice/{record.pk}/feedback/",
            {"seen_version": str(record.version), "text": long_words, "action": CHECK_READING_AGE},
        ).content.decode()
    )
    assert long_words in checked and "Reading age about" in checked
    assert VoiceRecord.objects.get().feedback_text == ""
    saved = client.post(
        f"/voice/{record.pk}/feedback/",
        {"seen_version": str(record.version), "text": "You told us. We listened."},
    )
    assert saved["Location"] == f"/voice/{record.pk}/feedback/letter/"
    letter = html.unescape(client.get(saved["Location"]).content.decode())
    assert "You told us. We listened." in letter and "A child of 8 could read this on their own" in letter


def test_the_feedback_pdf_carries_the_protective_marking_and_its_download_is_audited(client, scenario):
    record = _record(scenario)
    services.write_feedback(
        actor=scenario.users["social_worker"], record=record, text="You told us.", seen_version=record.version
    )
    client.force_login(scenario.users["social_worker"])
    response = client.get(f"/voice/{record.pk}/feedback/letter.pdf")
    assert response["Content-Type"] == "application/pdf"
    assert response.content.startswith(b"%PDF")
    assert AuditEvent.objects.filter(event_type=views.FEEDBACK_DOWNLOADED, child_id=record.child_id).exists()


def test_marking_it_shared_records_when_how_and_by_whom(client, scenario):
    record = _record(scenario)
    client.force_login(scenario.users["social_worker"])
    day = record.decided_on
    response = client.post(
        f"/voice/{record.pk}/feedback/shared/",
        {
            "seen_version": str(record.version),
            "fed_back_on-day": str(day.day),
            "fed_back_on-month": str(day.month),
            "fed_back_on-year": str(day.year),
            "fed_back_how": "letter",
            "fed_back_by": "Sam Worker",
        },
    )
    assert response.status_code == 302
    page = html.unescape(client.get(f"/voice/{record.pk}/").content.decode())
    assert "Told by letter on" in page and "by Sam Worker" in page


def test_a_stale_change_to_what_changed_is_refused_and_keeps_what_was_typed(client, scenario):
    record = _record(scenario)
    influence = Influence.objects.get()
    services.change_influence(
        actor=scenario.users["social_worker"],
        influence=influence,
        asked_for="Stay",
        outcome="partly",
        explanation="Some days",
        seen_version=1,
    )
    client.force_login(scenario.users["social_worker"])
    page = html.unescape(
        client.post(
            f"/voice/influence/{influence.pk}/change/",
            {"seen_version": "1", "asked_for": "Typed", "outcome": "changed", "explanation": "Mine"},
        ).content.decode()
    )
    assert "Someone else changed this record" in page and "Typed" in page
    assert record.influences.get().explanation == "Some days"


@pytest.mark.parametrize("role", ["other_social_worker", "other_team_manager", "analyst", "foster_carer"])
def test_people_who_may_not_see_the_child_get_404_for_every_voice_page(client, scenario, role):
    record = _record(scenario)
    influence = Influence.objects.get()
    services.write_feedback(
        actor=scenario.users["social_worker"], record=record, text="You told us.", seen_version=record.version
    )
    client.force_login(scenario.users[role])
    paths = [
        f"/meetings/{record.meeting_id}/voice/",
        f"/children/{record.child_id}/voice/decisions/add/",
        f"/voice/{record.pk}/",
        f"/voice/{record.pk}/change/",
        f"/voice/{record.pk}/influence/add/",
        f"/voice/influence/{influence.pk}/change/",
        f"/voice/{record.pk}/feedback/",
        f"/voice/{record.pk}/feedback/letter/",
        f"/voice/{record.pk}/feedback/letter.pdf",
        f"/voice/{record.pk}/feedback/shared/",
    ]
    for path in paths:
        assert client.get(path).status_code == 404, path
    assert client.get("/voice/987654321/").status_code == 404
    assert not AuditEvent.objects.filter(event_type=views.VOICE_VIEWED).exists()


def test_the_iro_reads_the_childs_voice_but_cannot_record_it(client, scenario):
    record = _record(scenario)
    client.force_login(scenario.users["iro"])
    page = client.get(f"/voice/{record.pk}/").content.decode()
    assert "I want to stay." in page and "/influence/add/" not in page
    assert client.get(f"/voice/{record.pk}/influence/add/").status_code == 404
    assert AuditEvent.objects.filter(event_type=views.VOICE_VIEWED, child_id=record.child_id).exists()


def test_the_childs_record_section_costs_the_same_queries_however_many_decisions(client, scenario):
    child = scenario.children["own"]
    client.force_login(scenario.users["social_worker"])
    _record(scenario)

    def count() -> int:
        with CaptureQueriesContext(connection) as queries:
            assert client.get(f"/children/{child.pk}/").status_code == 200
        return len(queries)

    count()  # the first reading of the page keeps who may see what for the ones after
    before = count()
    for n in range(3):
        record = services.record_voice_for_decision(
            actor=scenario.users["social_worker"],
            child=child,
            decision=services.Decision(f"Decision {n}", timezone.localdate(), "Team manager"),
            views=services.Views(views_sought=False, not_sought_reason="Too unwell."),
        )
        services.record_influence(
            actor=scenario.users["social_worker"],
            record=record,
            asked_for="x",
            outcome="changed",
            explanation="y",
        )
    assert count() == before
