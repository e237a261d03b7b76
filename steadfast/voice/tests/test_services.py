"""Recording the child's voice through the services: what each refuses, the stale edit guard,
the audit trail, and the meeting's sending checklist."""

import datetime

import pytest
from django.core.exceptions import ValidationError
from django.utils import timezone

from steadfast.audit.models import AuditEvent
from steadfast.core.errors import StaleEditError
from steadfast.meetings import services as meeting_services
from steadfast.meetings.models import MeetingStatus
from steadfast.meetings.tests.helpers import a_meeting_ready_to_submit, an_arranged_meeting
from steadfast.voice import services
from steadfast.voice.models import VoiceRecord
from steadfast.voice.selectors import VOICE_NEEDED

pytestmark = pytest.mark.django_db

SOUGHT = services.Views(
    views_sought=True,
    how_sought="On a walk after school",
    child_said="I want to stay at my school.",
    own_words=True,
    heard_by="The meeting",
)
NOT_SOUGHT = services.Views(views_sought=False, not_sought_reason="The child was in hospital.")


def _record(scenario, views=SOUGHT, **extra):
    meeting = an_arranged_meeting(scenario, **extra)
    return services.record_voice_for_meeting(
        actor=scenario.users["social_worker"], meeting=meeting, views=views, seen_version=0
    )


def test_the_childs_voice_is_recorded_for_a_meeting_on_its_day_with_its_chair_and_an_audit_event(scenario):
    record = _record(scenario)
    assert record.decided_on == timezone.localdate(record.meeting.scheduled_at)
    assert record.decision_maker == record.meeting.chair_label
    assert (record.views_sought, record.own_words, record.version) == (True, True, 1)
    assert AuditEvent.objects.filter(event_type=services.VOICE_RECORDED, child_id=record.child_id).exists()


@pytest.mark.parametrize(
    ("views", "field", "message"),
    [
        (services.Views(views_sought=None), "views_sought", services.SOUGHT_NEEDED),
        (services.Views(views_sought=True, child_said="Hi"), "how_sought", services.HOW_NEEDED),
        (services.Views(views_sought=True, how_sought="At home"), "child_said", services.SAID_NEEDED),
        (services.Views(views_sought=False), "not_sought_reason", services.REASON_NEEDED),
    ],
)
def test_what_cannot_be_true_is_refused_against_its_field(scenario, views, field, message):
    with pytest.raises(ValidationError) as error:
        _record(scenario, views=views)
    assert error.value.message_dict[field] == [message]
    assert not VoiceRecord.objects.exists()


def test_views_not_sought_keep_only_the_reason(scenario):
    record = _record(
        scenario, views=services.Views(views_sought=False, how_sought="x", not_sought_reason="Ill.")
    )
    assert (record.how_sought, record.child_said, record.not_sought_reason) == ("", "", "Ill.")


def test_a_change_from_a_version_already_changed_is_refused(scenario):
    record = _record(scenario)
    services.record_voice_for_meeting(
        actor=scenario.users["social_worker"], meeting=record.meeting, views=NOT_SOUGHT, seen_version=1
    )
    with pytest.raises(StaleEditError):
        services.record_voice_for_meeting(
            actor=scenario.users["social_worker"], meeting=record.meeting, views=SOUGHT, seen_version=1
        )
    with pytest.raises(StaleEditError):
        services.record_voice_for_meeting(
            actor=scenario.users["social_worker"], meeting=record.meeting, views=SOUGHT, seen_version=0
        )
    assert VoiceRecord.objects.get().views_sought is False


@pytest.mark.parametrize("role", ["other_social_worker", "iro", "analyst", "foster_carer"])
def test_only_those_who_may_see_the_child_and_prepare_meetings_record_the_voice(scenario, role):
    meeting = an_arranged_meeting(scenario)
    with pytest.raises(ValidationError, match="Only a social worker"):
        services.record_voice_for_meeting(
            actor=scenario.users[role], meeting=meeting, views=SOUGHT, seen_version=0
        )


def test_a_cancelled_meeting_has_no_voice_to_record(scenario):
    meeting = an_arranged_meeting(scenario, when=timezone.now() + datetime.timedelta(days=3))
    meeting_services.cancel_stability_meeting(
        actor=scenario.users["social_worker"],
        meeting=meeting,
        reason="Not needed",
        seen_version=meeting.version,
    )
    with pytest.raises(ValidationError, match="cancelled"):
        services.record_voice_for_meeting(
            actor=scenario.users["social_worker"], meeting=meeting, views=SOUGHT, seen_version=0
        )


def test_a_significant_decision_is_recorded_with_every_problem_at_once(scenario):
    child, sw = scenario.children["own"], scenario.users["social_worker"]
    with pytest.raises(ValidationError) as error:
        services.record_voice_for_decision(
            actor=sw,
            child=child,
            decision=services.Decision(" ", timezone.localdate() + datetime.timedelta(days=1), ""),
            views=services.Views(views_sought=None),
        )
    assert set(error.value.message_dict) == {"decision", "decided_on", "decision_maker", "views_sought"}
    record = services.record_voice_for_decision(
        actor=sw,
        child=child,
        decision=services.Decision("A planned move", timezone.localdate(), "Team manager"),
        views=SOUGHT,
    )
    assert record.meeting is None and record.described == "A planned move"


def test_influence_and_feedback_follow_the_voice_through(scenario):
    record = _record(scenario)
    sw = scenario.users["social_worker"]
    with pytest.raises(ValidationError) as error:
        services.record_influence(actor=sw, record=record, asked_for="", outcome="maybe", explanation="")
    assert set(error.value.message_dict) == {"asked_for", "outcome", "explanation"}
    row = services.record_influence(
        actor=sw, record=record, asked_for="Stay at school", outcome="changed", explanation="A taxi takes you"
    )
    services.change_influence(
        actor=sw,
        influence=row,
        asked_for="Stay at school",
        outcome="partly",
        explanation="Some days",
        seen_version=1,
    )
    with pytest.raises(StaleEditError):
        services.change_influence(
            actor=sw, influence=row, asked_for="x", outcome="partly", explanation="y", seen_version=1
        )
    record = services.write_feedback(
        actor=sw, record=record, text="You told us.", seen_version=record.version
    )
    with pytest.raises(ValidationError) as error:
        services.record_feedback_shared(
            actor=sw,
            record=record,
            fed_back_on=record.decided_on - datetime.timedelta(days=1),
            fed_back_how="carrier pigeon",
            fed_back_by=" ",
            seen_version=record.version,
        )
    assert error.value.message_dict == {
        "fed_back_on": [services.FED_BACK_BEFORE_DECISION],
        "fed_back_how": [services.FED_BACK_HOW_NEEDED],
        "fed_back_by": [services.FED_BACK_BY_NEEDED],
    }
    record = services.record_feedback_shared(
        actor=sw,
        record=record,
        fed_back_on=timezone.localdate(),
        fed_back_how="in_person",
        fed_back_by="Sam Worker",
        seen_version=record.version,
    )
    assert record.stage(influence_rows=1) == "fed_back"


def test_a_meeting_is_not_sent_for_authorisation_without_the_childs_voice_or_why_not(scenario):
    meeting = a_meeting_ready_to_submit(scenario)
    VoiceRecord.objects.filter(meeting=meeting).delete()
    chair = scenario.users["senior_practitioner"]
    with pytest.raises(ValidationError) as error:
        meeting_services.submit_stability_plan(actor=chair, meeting=meeting)
    assert error.value.messages == [VOICE_NEEDED]
    [requirement] = [r for r in meeting_services.sending_checklist(meeting) if not r.met]
    assert requirement.href == f"/meetings/{meeting.pk}/voice/"
    services.record_voice_for_meeting(actor=chair, meeting=meeting, views=NOT_SOUGHT, seen_version=0)
    sent = meeting_services.submit_stability_plan(actor=chair, meeting=meeting)
    assert sent.status == MeetingStatus.AWAITING_AUTHORISATION
