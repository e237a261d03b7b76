import datetime

import pytest
from django.core import mail
from django.core.exceptions import ValidationError
from django.utils import timezone

from steadfast.audit.models import AuditEvent
from steadfast.concerns import services
from steadfast.concerns.models import (
    ConcernStatus,
    ConcernTimescale,
    ManagementOversightNote,
    StabilityConcern,
)

pytestmark = pytest.mark.django_db

LONDON = timezone.get_fixed_timezone(0)


def _raise(scenario, **overrides):
    fields = {
        "actor": scenario.users["supervising_social_worker"],
        "child": scenario.children["own"],
        "urgency": "breakdown_imminent",
        "factors": ["carer_may_not_go_on", "missing"],
        "what_is_happening": "The carer says she cannot go on after three missing episodes this week.",
        "raised_by": "carer",
    }
    return services.raise_stability_concern(**fields | overrides)


def test_an_imminent_concern_raised_on_a_friday_evening_is_due_five_working_days_later(scenario):
    friday_evening = datetime.datetime(2026, 11, 6, 19, 30, tzinfo=LONDON)
    concern = _raise(scenario, raised_at=friday_evening)
    assert concern.due_date == datetime.date(2026, 11, 13)


def test_other_urgencies_follow_the_timescale_the_authority_sets(scenario):
    ConcernTimescale.objects.create(urgency="under_pressure", working_days=3)
    monday = datetime.datetime(2026, 11, 9, 10, 0, tzinfo=LONDON)
    assert _raise(scenario, urgency="under_pressure", raised_at=monday).due_date == datetime.date(
        2026, 11, 12
    )
    assert _raise(scenario, urgency="preventive", raised_at=monday).due_date == datetime.date(2026, 12, 7)


def test_raising_a_concern_records_the_home_and_audits_it_on_both_records(scenario):
    concern = _raise(scenario)
    assert concern.household == scenario.households["own"]
    event = AuditEvent.objects.get(event_type=services.CONCERN_RAISED)
    assert (event.child_id, event.household_id) == (concern.child_id, concern.household_id)


def test_raising_a_concern_tells_the_workers_and_their_managers_without_naming_the_child(
    scenario, django_capture_on_commit_callbacks
):
    for key in ("social_worker", "team_manager", "supervising_social_worker", "fostering_team_manager"):
        user = scenario.users[key]
        user.email = f"{key}@example.invalid"
        user.save(update_fields=["email"])
    with django_capture_on_commit_callbacks(execute=True):
        concern = _raise(scenario)
    told = sorted(m.to[0] for m in mail.outbox)
    assert told == sorted(
        f"{k}@example.invalid"
        for k in ("social_worker", "team_manager", "supervising_social_worker", "fostering_team_manager")
    )
    assert concern.child.legal_first_name not in mail.outbox[0].body
    assert f"/concerns/{concern.pk}/" in mail.outbox[0].body


def test_a_concern_needs_at_least_one_thing_happening_and_saves_nothing_without(scenario):
    with pytest.raises(ValidationError) as error:
        _raise(scenario, factors=[])
    assert services.NO_FACTORS in error.value.messages
    assert not StabilityConcern.objects.exists()


def test_a_concern_cannot_be_raised_in_the_future(scenario):
    with pytest.raises(ValidationError):
        _raise(scenario, raised_at=timezone.now() + datetime.timedelta(hours=2))


def test_a_manager_decides_on_a_meeting_and_the_note_lands_on_child_and_household(scenario):
    concern = _raise(scenario)
    note = services.triage_stability_concern(
        actor=scenario.users["team_manager"],
        concern=concern,
        response="meeting",
        meeting_kind="placement_stability",
        reason="The carer needs the network around her this week.",
        interim_support="Daily calls from the supervising social worker; respite at the weekend.",
    )
    concern.refresh_from_db()
    assert concern.status == ConcernStatus.MEETING_TO_ARRANGE
    assert (note.child_id, note.household_id) == (concern.child_id, concern.household_id)
    assert note.decision.startswith("A stability meeting (placement stability meeting)")


def test_only_a_manager_decides_and_only_once(scenario):
    concern = _raise(scenario)
    with pytest.raises(ValidationError) as error:
        services.triage_stability_concern(
            actor=scenario.users["social_worker"], concern=concern, response="joint_visit", reason="Because"
        )
    assert services.NOT_A_MANAGER in error.value.messages
    services.triage_stability_concern(
        actor=scenario.users["team_manager"], concern=concern, response="joint_visit", reason="A visit first"
    )
    with pytest.raises(ValidationError) as error:
        services.triage_stability_concern(
            actor=scenario.users["team_manager"], concern=concern, response="joint_visit", reason="Again"
        )
    assert services.ALREADY_TRIAGED in error.value.messages
    assert ManagementOversightNote.objects.count() == 1


def test_a_meeting_needs_its_kind(scenario):
    concern = _raise(scenario)
    with pytest.raises(ValidationError) as error:
        services.triage_stability_concern(
            actor=scenario.users["team_manager"], concern=concern, response="meeting", reason="Needed"
        )
    assert services.MEETING_KIND_NEEDED in error.value.messages
    concern.refresh_from_db()
    assert concern.status == ConcernStatus.AWAITING_TRIAGE
