"""Moving and cancelling a meeting, correcting its record before authorisation, and correcting
an authorised record as a new version: each told to whoever needs to know, kept in the
history, and never silent."""

import datetime

import pytest
from django.core import mail
from django.core.exceptions import ValidationError
from django.db.models import F
from django.utils import timezone

from steadfast.audit.models import AuditEvent
from steadfast.concerns.models import ConcernStatus
from steadfast.core.errors import StaleEditError
from steadfast.meetings import services
from steadfast.meetings.models import (
    AuthorisedVersion,
    InviteeRole,
    MeetingPoint,
    MeetingStatus,
    OwnerKind,
    StabilityAction,
    StabilityMeeting,
    StabilityScore,
)
from steadfast.meetings.selectors import endings_awaiting_a_meeting
from steadfast.my_work.work import work_for

from .helpers import (
    a_concern_needing_a_meeting,
    a_meeting_ready_to_submit,
    an_arranged_meeting,
    an_authorised_meeting,
)

pytestmark = pytest.mark.django_db


def _next_week() -> datetime.datetime:
    return (timezone.now() + datetime.timedelta(days=7)).replace(second=0, microsecond=0)


def _a_planned_meeting(scenario, **extra) -> StabilityMeeting:
    return an_arranged_meeting(scenario, when=timezone.now() + datetime.timedelta(days=2), **extra)


def _invitee_with_email(meeting, role=InviteeRole.IRO):
    invitee = meeting.invitees.filter(role=role).first()
    invitee.email = "iro@example.org"
    invitee.save()
    return invitee


# Moving a meeting


def test_moving_a_meeting_changes_its_time_and_place_and_is_audited(scenario):
    meeting = _a_planned_meeting(scenario)
    _invitee_with_email(meeting)
    mail.outbox.clear()
    new_time = _next_week()
    moved = services.rearrange_stability_meeting(
        actor=scenario.users["social_worker"],
        meeting=meeting,
        seen_version=meeting.version,
        scheduled_at=new_time,
        venue="Room 4, Civic Centre",
    )
    assert moved.scheduled_at == new_time and moved.venue == "Room 4, Civic Centre"
    assert AuditEvent.objects.filter(
        event_type=services.MEETING_REARRANGED, child_id=meeting.child_id
    ).exists()


def test_moving_a_meeting_emails_the_new_time_and_place(scenario, django_capture_on_commit_callbacks):
    meeting = _a_planned_meeting(scenario)
    _invitee_with_email(meeting)
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        services.rearrange_stability_meeting(
            actor=scenario.users["social_worker"],
            meeting=meeting,
            seen_version=meeting.version,
            scheduled_at=_next_week(),
            venue="Room 4, Civic Centre",
        )
    bodies = [m.body for m in mail.outbox]
    assert bodies and all("Room 4, Civic Centre" in b and "has moved" in b for b in bodies)
    child = scenario.children["own"]
    assert not any(child.legal_first_name in b or child.legal_last_name in b for b in bodies)


@pytest.mark.parametrize(
    ("when", "venue", "field"),
    [
        (lambda: timezone.now() - datetime.timedelta(hours=1), "Room 4", "scheduled_at"),
        (_next_week, "  ", "venue"),
    ],
)
def test_moving_a_meeting_to_the_past_or_nowhere_is_refused_and_nothing_changes(scenario, when, venue, field):
    meeting = _a_planned_meeting(scenario)
    with pytest.raises(ValidationError) as error:
        services.rearrange_stability_meeting(
            actor=scenario.users["social_worker"],
            meeting=meeting,
            seen_version=meeting.version,
            scheduled_at=when(),
            venue=venue,
        )
    assert field in error.value.message_dict
    assert StabilityMeeting.objects.get(pk=meeting.pk).scheduled_at == meeting.scheduled_at


def test_moving_a_meeting_someone_else_moved_meanwhile_is_refused(scenario):
    meeting = _a_planned_meeting(scenario)
    seen = meeting.version
    services.rearrange_stability_meeting(
        actor=scenario.users["team_manager"],
        meeting=meeting,
        seen_version=seen,
        scheduled_at=_next_week(),
        venue="A",
    )
    with pytest.raises(StaleEditError):
        services.rearrange_stability_meeting(
            actor=scenario.users["social_worker"],
            meeting=meeting,
            seen_version=seen,
            scheduled_at=_next_week() + datetime.timedelta(days=1),
            venue="B",
        )
    assert StabilityMeeting.objects.get(pk=meeting.pk).venue == "A"


def test_a_meeting_whose_record_is_started_cannot_be_moved(scenario):
    meeting = a_meeting_ready_to_submit(scenario)
    with pytest.raises(ValidationError, match=r"can be moved"):
        services.rearrange_stability_meeting(
            actor=scenario.users["social_worker"],
            meeting=meeting,
            seen_version=meeting.version,
            scheduled_at=_next_week(),
            venue="Room 4",
        )


# Cancelling a meeting


def test_cancelling_a_meeting_sends_its_concern_back_and_keeps_it_on_the_record(
    scenario, django_capture_on_commit_callbacks
):
    concern = a_concern_needing_a_meeting(scenario)
    meeting = _a_planned_meeting(scenario, concern=concern)
    _invitee_with_email(meeting)
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        services.cancel_stability_meeting(
            actor=scenario.users["social_worker"], meeting=meeting, reason="The carer is in hospital."
        )
    concern.refresh_from_db()
    assert concern.status == ConcernStatus.MEETING_TO_ARRANGE
    assert not StabilityMeeting.objects.filter(pk=meeting.pk).exists()  # counts nowhere
    kept = StabilityMeeting.with_cancelled.get(pk=meeting.pk)
    assert kept.status == MeetingStatus.CANCELLED and kept.cancellation_reason == "The carer is in hospital."
    assert any("is cancelled" in m.body for m in mail.outbox)
    # A new meeting can be arranged for the concern.
    again = _a_planned_meeting(scenario, concern=concern)
    assert again.concern_id == concern.pk


def test_a_cancellation_needs_a_reason(scenario):
    meeting = _a_planned_meeting(scenario)
    with pytest.raises(ValidationError) as error:
        services.cancel_stability_meeting(actor=scenario.users["social_worker"], meeting=meeting, reason=" ")
    assert error.value.message_dict == {"reason": [services.CANCEL_REASON]}
    assert StabilityMeeting.objects.filter(pk=meeting.pk).exists()


def test_a_cancelled_meeting_takes_no_record_and_cannot_be_sent(scenario):
    meeting = an_arranged_meeting(scenario)  # two hours ago, not written up
    services.cancel_stability_meeting(
        actor=scenario.users["social_worker"], meeting=meeting, reason="Nobody came"
    )
    with pytest.raises(ValidationError, match="cancelled"):
        services.save_meeting_record(
            actor=scenario.users["senior_practitioner"],
            meeting=meeting,
            seen_version=meeting.version + 1,
            changes={"summary": "x"},
        )


def test_a_cancelled_disruption_meeting_leaves_the_ending_awaiting_a_meeting(scenario):
    from steadfast.placements.services import end_placement

    child = scenario.children["own"]
    placement = child.placements.get(end_date__isnull=True)
    end_placement(
        actor=scenario.users["social_worker"],
        placement=placement,
        end_date=timezone.localdate() - datetime.timedelta(days=1),
        end_reason="carer_requested",
        ending_planned=False,
    )
    placement.refresh_from_db()
    meeting = services.arrange_stability_meeting(
        actor=scenario.users["social_worker"],
        child=child,
        kind="disruption",
        scheduled_at=timezone.now() + datetime.timedelta(days=3),
        venue="Room 1",
        chair=scenario.users["senior_practitioner"],
        placement=placement,
    )
    assert placement not in endings_awaiting_a_meeting(child)
    services.cancel_stability_meeting(
        actor=scenario.users["social_worker"], meeting=meeting, reason="Rearranging"
    )
    assert placement in endings_awaiting_a_meeting(child)


# Nothing is written up before the meeting


def test_nothing_is_recorded_for_a_meeting_before_its_time(scenario):
    meeting = _a_planned_meeting(scenario)
    chair = scenario.users["senior_practitioner"]
    with pytest.raises(ValidationError, match="once it has started"):
        services.save_meeting_record(
            actor=chair, meeting=meeting, seen_version=meeting.version, changes={"summary": "Went well"}
        )
    with pytest.raises(ValidationError, match="once it has started"):
        services.add_meeting_point(
            actor=chair,
            meeting=meeting,
            column="needs_to_happen",
            text="Respite",
            said_by=meeting.invitees.first(),
            basis="opinion",
        )


def test_the_record_page_says_before_the_meeting_that_it_waits_for_the_meeting(client, scenario):
    meeting = _a_planned_meeting(scenario)
    client.force_login(scenario.users["senior_practitioner"])
    page = client.get(f"/meetings/{meeting.pk}/").content.decode()
    assert 'id="not-held-yet"' in page and f"/meetings/{meeting.pk}/record/" not in page
    record = client.get(f"/meetings/{meeting.pk}/record/").content.decode()
    assert (
        "The meeting has not started yet" in record
        and "<form" not in record.split("<main")[1].split("</main>")[0]
    )


# Correcting the record before authorisation


def test_a_point_is_changed_and_its_earlier_wording_stays_in_the_history(scenario):
    meeting = a_meeting_ready_to_submit(scenario)
    chair = scenario.users["senior_practitioner"]
    point = services.add_meeting_point(
        actor=chair,
        meeting=meeting,
        column="worried",
        text="Sleep is poor",
        said_by=meeting.invitees.first(),
        basis="fact",
        marker="risk",
    )
    services.change_meeting_point(
        actor=chair,
        point=point,
        seen_version=point.version,
        column="worried",
        text="Sleep is poor most nights",
        said_by=point.said_by,
        basis="fact",
        marker="harm",
    )
    point.refresh_from_db()
    assert point.text == "Sleep is poor most nights" and point.marker == "harm"
    assert list(point.history.order_by("history_date").values_list("text", flat=True)) == [
        "Sleep is poor",
        "Sleep is poor most nights",
    ]
    assert AuditEvent.objects.filter(event_type=services.POINT_CHANGED).exists()


def test_a_point_changed_by_someone_else_meanwhile_is_refused(scenario):
    meeting = a_meeting_ready_to_submit(scenario)
    chair = scenario.users["senior_practitioner"]
    point = services.add_meeting_point(
        actor=chair,
        meeting=meeting,
        column="needs_to_happen",
        text="Respite",
        said_by=meeting.invitees.first(),
        basis="opinion",
    )
    seen = point.version
    change = {"column": "needs_to_happen", "said_by": point.said_by, "basis": "opinion", "marker": ""}
    services.change_meeting_point(
        actor=chair, point=point, seen_version=seen, text="Respite monthly", **change
    )
    with pytest.raises(StaleEditError):
        services.change_meeting_point(
            actor=scenario.users["team_manager"],
            point=point,
            seen_version=seen,
            text="Respite weekly",
            **change,
        )
    assert MeetingPoint.objects.get(pk=point.pk).text == "Respite monthly"


def test_withdrawing_keeps_what_was_withdrawn_who_and_why(scenario):
    meeting = a_meeting_ready_to_submit(scenario)
    chair = scenario.users["senior_practitioner"]
    score = meeting.scores.first()
    action = meeting.actions.first()
    score_id, action_id, what = score.pk, action.pk, action.what
    with pytest.raises(ValidationError):
        services.withdraw_stability_score(actor=chair, score=score, reason="")
    services.withdraw_stability_score(actor=chair, score=score, reason="Scored for the wrong person")
    services.withdraw_stability_action(actor=chair, action=action, reason="Agreed by mistake")
    assert not StabilityScore.objects.filter(pk=score_id).exists()
    assert not StabilityAction.objects.filter(pk=action_id).exists()
    gone = StabilityAction.history.filter(id=action_id, history_type="-").get()
    assert gone.what == what and gone.history_change_reason == "Agreed by mistake"
    assert gone.history_user == chair
    event = AuditEvent.objects.get(event_type=services.ACTION_WITHDRAWN)
    assert event.details["reason"] == "Agreed by mistake" and event.object_id == str(action_id)


def test_nothing_is_corrected_once_sent_for_authorisation(scenario):
    meeting = a_meeting_ready_to_submit(scenario)
    chair = scenario.users["senior_practitioner"]
    services.submit_stability_plan(actor=chair, meeting=meeting)
    with pytest.raises(ValidationError, match="waiting for a manager"):
        services.withdraw_stability_action(actor=chair, action=meeting.actions.first(), reason="Wrong")


def test_scoring_someone_again_shows_their_score_and_never_replaces_it_unasked(scenario):
    meeting = a_meeting_ready_to_submit(scenario)
    chair = scenario.users["senior_practitioner"]
    earlier = meeting.scores.first()
    with pytest.raises(ValidationError) as error:
        services.record_stability_score(
            actor=chair, meeting=meeting, invitee=earlier.invitee, score=9, reason="Better now"
        )
    assert f"already given a score of {earlier.score}" in error.value.message_dict["replace"][0]
    assert StabilityScore.objects.get(pk=earlier.pk).score == earlier.score
    services.record_stability_score(
        actor=chair, meeting=meeting, invitee=earlier.invitee, score=9, reason="Better now", replace=True
    )
    replaced = StabilityScore.objects.get(pk=earlier.pk)
    assert replaced.score == 9
    assert replaced.history.count() == 2


def test_the_score_page_shows_the_earlier_score_and_asks_to_replace_it(client, scenario):
    meeting = a_meeting_ready_to_submit(scenario)
    earlier = meeting.scores.first()
    client.force_login(scenario.users["senior_practitioner"])
    page = client.get(f"/meetings/{meeting.pk}/scores/add/?invitee={earlier.invitee_id}").content.decode()
    assert 'id="earlier-score"' in page and "This score replaces their earlier one" in page
    response = client.post(
        f"/meetings/{meeting.pk}/scores/add/",
        {"invitee": earlier.invitee_id, "score": "9", "reason": "Better"},
    )
    assert response.status_code == 200 and "already given a score" in response.content.decode()
    assert StabilityScore.objects.get(pk=earlier.pk).score == earlier.score
    response = client.post(
        f"/meetings/{meeting.pk}/scores/add/",
        {"invitee": earlier.invitee_id, "score": "9", "reason": "Better", "replace": "on"},
    )
    assert response.status_code == 302 and StabilityScore.objects.get(pk=earlier.pk).score == 9


@pytest.mark.parametrize("bad", ["abc", "-1", "²", "9" * 40, ""])
def test_a_hostile_invitee_on_the_score_page_finds_nobody(client, scenario, bad):
    meeting = a_meeting_ready_to_submit(scenario)
    client.force_login(scenario.users["senior_practitioner"])
    response = client.get(f"/meetings/{meeting.pk}/scores/add/", {"invitee": bad})
    assert response.status_code == 200 and 'id="earlier-score"' not in response.content.decode()


def test_an_action_is_changed_through_its_page(client, scenario):
    meeting = a_meeting_ready_to_submit(scenario)
    action = meeting.actions.first()
    client.force_login(scenario.users["senior_practitioner"])
    page = client.get(f"/meetings/{meeting.pk}/").content.decode()
    assert f"/meetings/{meeting.pk}/actions/{action.pk}/change/" in page
    form = client.get(f"/meetings/{meeting.pk}/actions/{action.pk}/change/").content.decode()
    assert "Change a Stability Action" in form and action.what in form
    due = action.due_date + datetime.timedelta(days=7)
    response = client.post(
        f"/meetings/{meeting.pk}/actions/{action.pk}/change/",
        {
            "what": "Arrange three weekends of respite",
            "owner_kind": OwnerKind.WORKER,
            "owner": action.owner_id,
            "due_date-day": due.day,
            "due_date-month": due.month,
            "due_date-year": due.year,
            "measure": action.measure,
            "seen_version": action.version,
        },
    )
    assert response.status_code == 302
    action.refresh_from_db()
    assert action.what == "Arrange three weekends of respite" and action.due_date == due


def test_an_action_change_from_a_stale_page_is_refused_and_shows_the_saved_one(client, scenario):
    meeting = a_meeting_ready_to_submit(scenario)
    action = meeting.actions.first()
    client.force_login(scenario.users["senior_practitioner"])
    stale = action.version
    # Someone else changes it after the page was drawn.
    StabilityAction.objects.filter(pk=action.pk).update(version=F("version") + 1)
    response = client.post(
        f"/meetings/{meeting.pk}/actions/{action.pk}/change/",
        {
            "what": "Something else",
            "owner_kind": OwnerKind.WORKER,
            "owner": action.owner_id,
            "due_date-day": action.due_date.day,
            "due_date-month": action.due_date.month,
            "due_date-year": action.due_date.year,
            "measure": action.measure,
            "seen_version": stale,
        },
    )
    assert response.status_code == 200 and "Someone else changed this" in response.content.decode()
    assert StabilityAction.objects.get(pk=action.pk).what == action.what


def test_correction_pages_answer_404_for_someone_who_may_not_record_or_another_meetings_item(
    client, scenario
):
    meeting = a_meeting_ready_to_submit(scenario)
    other = a_meeting_ready_to_submit(scenario)
    action = other.actions.first()
    client.force_login(scenario.users["senior_practitioner"])
    assert client.get(f"/meetings/{meeting.pk}/actions/{action.pk}/change/").status_code == 404
    client.force_login(scenario.users["other_social_worker"])
    assert client.get(f"/meetings/{other.pk}/actions/{action.pk}/withdraw/").status_code == 404


# Correcting an authorised record: a new version


def test_a_corrected_plan_is_authorised_again_as_version_two_and_version_one_stays_readable(client, scenario):
    meeting = an_authorised_meeting(scenario)
    first = AuthorisedVersion.objects.get(meeting=meeting)
    assert first.number == 1 and first.correction_reason == ""
    services.reopen_stability_meeting(
        actor=scenario.users["team_manager"], meeting=meeting, reason="The review date was wrong"
    )
    chair = scenario.users["senior_practitioner"]
    meeting.refresh_from_db()
    services.save_meeting_record(
        actor=chair,
        meeting=meeting,
        seen_version=meeting.version,
        changes={"summary": "The home can hold with respite, more visits and a mentor."},
    )
    services.submit_stability_plan(actor=chair, meeting=meeting)
    services.authorise_stability_plan(actor=scenario.users["team_manager"], meeting=meeting)
    second = AuthorisedVersion.objects.get(meeting=meeting, number=2)
    assert second.correction_reason == "The review date was wrong"
    client.force_login(scenario.users["social_worker"])
    old = client.get(f"/meetings/{meeting.pk}/versions/1/").content.decode()
    assert "The home can hold with respite and more visits." in old and "a mentor" not in old
    assert "a later version corrects it" in old
    page = client.get(f"/meetings/{meeting.pk}/").content.decode()
    assert "Version 2" in page and "corrected because The review date was wrong" in page
    assert client.get(f"/meetings/{meeting.pk}/versions/3/").status_code == 404
    client.force_login(scenario.users["other_social_worker"])
    assert client.get(f"/meetings/{meeting.pk}/versions/1/").status_code == 404


# The pages


def test_a_manager_moves_and_cancels_a_meeting_through_its_pages(client, scenario):
    concern = a_concern_needing_a_meeting(scenario)
    meeting = _a_planned_meeting(scenario, concern=concern)
    client.force_login(scenario.users["social_worker"])
    page = client.get(f"/meetings/{meeting.pk}/").content.decode()
    assert "Move the meeting" in page and "Cancel the meeting" in page
    when = timezone.localdate() + datetime.timedelta(days=9)
    response = client.post(
        f"/meetings/{meeting.pk}/rearrange/",
        {
            "seen_version": meeting.version,
            "date-day": when.day,
            "date-month": when.month,
            "date-year": when.year,
            "time": "10am",
            "venue": "Room 2",
        },
    )
    assert response.status_code == 302
    meeting.refresh_from_db()
    assert timezone.localtime(meeting.scheduled_at).date() == when and meeting.venue == "Room 2"
    seen = {"seen_version": StabilityMeeting.objects.get(pk=meeting.pk).version}
    refused = client.post(f"/meetings/{meeting.pk}/cancel/", {"reason": ""} | seen).content.decode()
    assert "Say why the meeting is cancelled" in refused
    response = client.post(f"/meetings/{meeting.pk}/cancel/", {"reason": "The child is on holiday"} | seen)
    assert response.status_code == 302
    child_page = client.get(f"/children/{meeting.child_id}/").content.decode()
    assert "Cancelled" in child_page
    household_page = client.get(f"/households/{meeting.household_id}/").content.decode()
    assert "Cancelled" in household_page
    cancelled = client.get(f"/meetings/{meeting.pk}/").content.decode()
    assert "The child is on holiday" in cancelled and "Move the meeting" not in cancelled
    assert client.get(f"/meetings/{meeting.pk}/minutes.pdf").status_code == 404
    assert client.get(f"/meetings/{meeting.pk}/rearrange/").status_code == 404


def test_a_cancelled_meeting_leaves_my_work(scenario):
    meeting = _a_planned_meeting(scenario)
    manager = scenario.users["social_worker"]
    services.cancel_stability_meeting(actor=manager, meeting=meeting, reason="Not needed")
    for role in ("social_worker", "senior_practitioner", "team_manager"):
        items = work_for(scenario.users[role], today=timezone.localdate())
        assert not any(f"/meetings/{meeting.pk}/" in (item.url + item.record_url) for item in items)


def test_someone_is_taken_off_a_meeting_and_told(client, scenario, django_capture_on_commit_callbacks):
    meeting = _a_planned_meeting(scenario)
    iro = _invitee_with_email(meeting)
    carer = meeting.invitees.get(role=InviteeRole.CARER)
    client.force_login(scenario.users["senior_practitioner"])
    assert client.post(f"/meetings/{meeting.pk}/invitees/{carer.pk}/withdraw/").status_code == 200
    assert meeting.invitees.filter(pk=carer.pk).exists()
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(f"/meetings/{meeting.pk}/invitees/{iro.pk}/withdraw/")
    assert response.status_code == 302 and not meeting.invitees.filter(pk=iro.pk).exists()
    assert [m.to for m in mail.outbox] == [["iro@example.org"]]


def test_an_action_whose_date_has_passed_can_be_corrected_keeping_its_date_but_not_moved_into_the_past(
    scenario,
):
    meeting = a_meeting_ready_to_submit(scenario)
    chair = scenario.users["senior_practitioner"]
    action = meeting.actions.first()
    passed = timezone.localdate() - datetime.timedelta(days=3)
    StabilityAction.objects.filter(pk=action.pk).update(due_date=passed)
    action.refresh_from_db()
    change = {
        "owner_kind": action.owner_kind,
        "owner": action.owner,
        "measure": action.measure,
    }
    services.change_stability_action(
        actor=chair,
        action=action,
        seen_version=action.version,
        what="Arrange two weekends of respite, one this month",
        due_date=passed,
        **change,
    )
    action.refresh_from_db()
    assert action.due_date == passed and action.what.endswith("one this month")
    with pytest.raises(ValidationError) as error:
        services.change_stability_action(
            actor=chair,
            action=action,
            seen_version=action.version,
            what=action.what,
            due_date=passed - datetime.timedelta(days=1),
            **change,
        )
    assert error.value.message_dict == {"due_date": [services.ACTION_DATE_PAST]}
