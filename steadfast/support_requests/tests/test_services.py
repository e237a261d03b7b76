import datetime
import io

import pytest
from django.core import mail
from django.core.exceptions import ValidationError
from django.core.management import call_command
from django.utils import timezone

from steadfast.audit.models import AuditEvent
from steadfast.support_requests import notifications, services
from steadfast.support_requests.models import (
    SupportRequest,
    SupportRequestStatus,
    SupportRequestTimescale,
    SupportRequestUpdate,
)
from steadfast.support_requests.selectors import support_requests_needing_escalation

from .helpers import a_request

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def emails(scenario):
    for user in scenario.users.values():
        user.email = f"{user.username}@example.invalid"
        user.save(update_fields=["email"])


def _events(kind: str) -> int:
    return AuditEvent.objects.filter(event_type=kind).count()


def test_a_carer_asks_for_help_and_the_supervising_social_worker_is_emailed(
    scenario, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        request = a_request(scenario)
    assert request.status == SupportRequestStatus.AWAITING_ACKNOWLEDGEMENT
    assert not request.on_behalf_of_carer
    assert request.created_by == scenario.users["foster_carer"]
    assert [u.kind for u in request.updates.all()] == ["asked"]
    event = AuditEvent.objects.get(event_type=services.SUPPORT_REQUEST_ASKED)
    assert (event.child_id, event.household_id) == (
        scenario.children["own"].pk,
        scenario.households["own"].pk,
    )
    assert [m.to for m in mail.outbox] == [["supervising_social_worker@example.invalid"]]
    body = mail.outbox[0].body
    assert f"/help/{request.pk}/" in body
    assert "Owen" not in body and "Own household" not in body


def test_the_supervising_social_worker_asks_on_the_carers_behalf_for_the_whole_household(
    scenario, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        request = a_request(scenario, actor="supervising_social_worker", child=None)
    assert request.on_behalf_of_carer and request.child is None
    assert mail.outbox == []  # not told of their own request


@pytest.mark.parametrize("what", ["", "   "])
def test_an_empty_request_saves_nothing(scenario, what, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True), pytest.raises(ValidationError) as error:
        a_request(scenario, what_is_needed=what)
    assert error.value.message_dict == {"what_is_needed": [services.WHAT_IS_NEEDED]}
    assert not SupportRequest.objects.exists() and not SupportRequestUpdate.objects.exists()
    assert _events(services.SUPPORT_REQUEST_ASKED) == 0
    assert mail.outbox == []


@pytest.mark.parametrize("child", ["restricted", "other"])
def test_help_can_be_asked_only_about_a_child_living_there_whom_the_carer_may_name(scenario, child):
    with pytest.raises(ValidationError) as error:
        a_request(scenario, child=child)
    assert error.value.message_dict == {"child": [services.CHILD_NOT_PLACED]}
    assert not SupportRequest.objects.exists()


@pytest.mark.parametrize(
    "actor", ["social_worker", "team_manager", "other_supervising_social_worker", "analyst"]
)
def test_only_the_carers_or_their_fostering_service_ask(scenario, actor):
    with pytest.raises(ValidationError):
        a_request(scenario, actor=actor)
    assert not SupportRequest.objects.exists() and _events(services.SUPPORT_REQUEST_ASKED) == 0


def test_a_carer_cannot_ask_for_another_household(scenario):
    with pytest.raises(ValidationError):
        a_request(scenario, child=None, household=scenario.households["other"])


def test_the_authoritys_own_timescale_sets_the_due_dates(scenario):
    SupportRequestTimescale.objects.create(
        acknowledge_working_days=2, urgent_working_days=3, soon_working_days=6, routine_working_days=12
    )
    request = a_request(scenario)
    from steadfast.core.working_days import add_working_days

    today = timezone.localdate()
    assert request.acknowledgement_due == add_working_days(today, 2)
    assert request.response_due == add_working_days(today, 3)


def test_acknowledging_then_answering_writes_the_history_and_the_audit_trail(scenario):
    ssw = scenario.users["supervising_social_worker"]
    request = a_request(scenario)
    services.acknowledge_support_request(actor=ssw, support_request=request, note="Looking into it")
    request = services.respond_to_support_request(
        actor=ssw, support_request=request, response="Respite booked with a test carer."
    )
    assert request.status == SupportRequestStatus.RESPONDED and request.responded_by == ssw
    assert [u.kind for u in request.updates.all()] == ["asked", "acknowledged", "responded"]
    assert (
        _events(services.SUPPORT_REQUEST_ACKNOWLEDGED) == 1
        and _events(services.SUPPORT_REQUEST_RESPONDED) == 1
    )
    with pytest.raises(ValidationError, match="closed or already answered"):
        services.acknowledge_support_request(actor=ssw, support_request=request)


def test_an_answer_needs_words_and_saves_nothing_without(scenario):
    request = a_request(scenario)
    with pytest.raises(ValidationError):
        services.respond_to_support_request(
            actor=scenario.users["supervising_social_worker"], support_request=request, response=" "
        )
    request.refresh_from_db()
    assert request.status == SupportRequestStatus.AWAITING_ACKNOWLEDGEMENT
    assert _events(services.SUPPORT_REQUEST_RESPONDED) == 0 and request.updates.count() == 1


@pytest.mark.parametrize("actor", ["foster_carer", "social_worker", "other_supervising_social_worker"])
def test_only_the_fostering_service_acts_on_a_request(scenario, actor):
    request = a_request(scenario)
    with pytest.raises(ValidationError, match="supervising social worker or fostering team manager"):
        services.acknowledge_support_request(actor=scenario.users[actor], support_request=request)


def test_help_not_obtained_goes_to_the_fostering_team_manager_by_email_naming_no_child(
    scenario, django_capture_on_commit_callbacks
):
    request = a_request(scenario)
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        request = services.record_service_not_obtained(
            actor=scenario.users["supervising_social_worker"],
            support_request=request,
            why="No respite carer is free this month.",
        )
    assert request.status == SupportRequestStatus.ESCALATED
    assert request.escalated_to == scenario.users["fostering_team_manager"]
    assert request.escalation_reason == (
        "The help asked for could not be obtained: No respite carer is free this month."
    )
    assert sorted(m.to[0] for m in mail.outbox) == [
        "foster_carer@example.invalid",
        "fostering_team_manager@example.invalid",
        "supervising_social_worker@example.invalid",
    ]
    for message in mail.outbox:
        assert "Owen" not in message.body and "Owen" not in message.subject
        assert f"/help/{request.pk}/" in message.body
    assert (
        AuditEvent.objects.get(event_type=services.SUPPORT_REQUEST_ESCALATED).details["why"] == "not_obtained"
    )


def test_the_supervising_social_worker_escalates_with_a_reason_once(scenario):
    ssw = scenario.users["supervising_social_worker"]
    request = a_request(scenario)
    with pytest.raises(ValidationError):
        services.escalate_support_request(actor=ssw, support_request=request, reason="")
    assert _events(services.SUPPORT_REQUEST_ESCALATED) == 0
    services.escalate_support_request(
        actor=ssw, support_request=request, reason="The carers are at breaking point."
    )
    with pytest.raises(ValidationError, match=services.ALREADY_ESCALATED):
        services.escalate_support_request(actor=ssw, support_request=request, reason="Again")
    assert _events(services.SUPPORT_REQUEST_ESCALATED) == 1


@pytest.mark.parametrize("step", ["answered", "escalated", "not obtained"])
def test_the_carers_are_emailed_when_their_request_is_answered_or_goes_to_a_manager_naming_no_child(
    scenario, django_capture_on_commit_callbacks, step
):
    ssw = scenario.users["supervising_social_worker"]
    request = a_request(scenario)
    with django_capture_on_commit_callbacks(execute=True):
        if step == "answered":
            services.respond_to_support_request(
                actor=ssw, support_request=request, response="Booked for Owen."
            )
        elif step == "escalated":
            services.escalate_support_request(actor=ssw, support_request=request, reason="Owen is at risk.")
        else:
            services.record_service_not_obtained(actor=ssw, support_request=request, why="No carer for Owen.")
    [told] = [m for m in mail.outbox if m.to == ["foster_carer@example.invalid"]]
    expected = (
        notifications.CARER_ANSWERED_SUBJECT if step == "answered" else notifications.CARER_ESCALATED_SUBJECT
    )
    assert told.subject == expected
    assert f"/portal/help/{request.pk}/" in told.body
    assert "Owen" not in told.body + told.subject and "Own household" not in told.body
    if step != "answered":
        assert scenario.users["fostering_team_manager"].get_full_name() in told.body


def test_closing_needs_a_reason_and_happens_once(scenario):
    ftm = scenario.users["fostering_team_manager"]
    request = a_request(scenario)
    with pytest.raises(ValidationError):
        services.close_support_request(actor=ftm, support_request=request, note="")
    services.close_support_request(actor=ftm, support_request=request, note="The carers no longer need it.")
    with pytest.raises(ValidationError, match=services.ALREADY_CLOSED):
        services.close_support_request(actor=ftm, support_request=request, note="Again")
    assert _events(services.SUPPORT_REQUEST_CLOSED) == 1


def _make_late(request, *, days=3):
    past = timezone.localdate() - datetime.timedelta(days=days)
    SupportRequest.objects.filter(pk=request.pk).update(acknowledgement_due=past, response_due=past)


def test_late_requests_are_escalated_once_however_often_the_sweep_runs(
    scenario, django_capture_on_commit_callbacks
):
    late, on_time = a_request(scenario), a_request(scenario, kind="advice")
    _make_late(late)
    today = timezone.localdate()
    assert list(support_requests_needing_escalation(today=today)) == [late]
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        assert services.escalate_late_support_requests(today=today) == [late]
    late.refresh_from_db()
    assert late.status == SupportRequestStatus.ESCALATED
    assert late.escalation_reason.startswith("It was not acknowledged by")
    assert late.escalated_to == scenario.users["fostering_team_manager"]
    # The manager, the supervising social worker, and the carer whose request it is.
    assert len(mail.outbox) == 3
    with django_capture_on_commit_callbacks(execute=True):
        assert services.escalate_late_support_requests(today=today) == []
    assert _events(services.SUPPORT_REQUEST_ESCALATED) == 1 and len(mail.outbox) == 3
    assert list(support_requests_needing_escalation(today=today)) == []
    on_time.refresh_from_db()
    assert on_time.status == SupportRequestStatus.AWAITING_ACKNOWLEDGEMENT


def test_the_command_escalates_late_requests_once(scenario):
    late = a_request(scenario)
    _make_late(late)
    out = io.StringIO()
    call_command("escalate_late_support_requests", stdout=out)
    call_command("escalate_late_support_requests", stdout=out)
    assert out.getvalue().splitlines() == [
        "1 late requests for help escalated",
        "0 late requests for help escalated",
    ]
    late.refresh_from_db()
    assert late.status == SupportRequestStatus.ESCALATED


def test_an_answered_request_is_never_escalated_for_lateness(scenario):
    request = a_request(scenario)
    services.respond_to_support_request(
        actor=scenario.users["supervising_social_worker"], support_request=request, response="Done (test)."
    )
    _make_late(request)
    assert services.escalate_late_support_requests(today=timezone.localdate()) == []
