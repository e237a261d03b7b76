import datetime

import pytest
from django.core.exceptions import ValidationError
from django.utils import timezone

from steadfast.audit.models import AuditEvent
from steadfast.visits import services
from steadfast.visits.models import StatutoryVisit

pytestmark = pytest.mark.django_db


def _record(scenario, actor="social_worker", child="own", **overrides):
    fields = {
        "actor": scenario.users[actor],
        "child": scenario.children[child],
        "date": timezone.localdate(),
        "place": "At the carers' home",
        "child_seen": True,
        "seen_alone": True,
        "child_said": "I like it here but I miss my brother.",
        "observations": "Relaxed with the carers; showed me their room.",
    }
    return services.record_statutory_visit(**fields | overrides)


def _errors(error: ValidationError) -> dict[str, list[str]]:
    return error.message_dict


def test_the_childs_social_worker_records_a_visit_with_its_audit_event_and_field_history(scenario):
    visit = _record(scenario)
    assert (visit.child, visit.child_seen, visit.seen_alone) == (scenario.children["own"], True, True)
    assert visit.child_said == "I like it here but I miss my brother."
    event = AuditEvent.objects.get(event_type=services.STATUTORY_VISIT_RECORDED)
    assert (event.actor, event.child_id, event.object_id) == (
        scenario.users["social_worker"],
        scenario.children["own"].pk,
        str(visit.pk),
    )
    assert event.details == {"date": timezone.localdate().isoformat(), "child_seen": True, "seen_alone": True}
    assert visit.history.get().history_user == scenario.users["social_worker"]


def test_a_visit_where_the_child_was_not_seen_needs_no_words_from_the_child(scenario):
    visit = _record(scenario, child_seen=False, seen_alone=False, child_said="")
    assert not visit.child_seen and visit.child_said == ""


def test_a_child_not_seen_cannot_have_been_seen_alone_and_nothing_is_saved(scenario):
    with pytest.raises(ValidationError) as error:
        _record(scenario, child_seen=False, seen_alone=True, child_said="")
    assert _errors(error.value) == {"seen_alone": [services.SEEN_ALONE_NOT_SEEN]}
    assert not StatutoryVisit.objects.exists()
    assert not AuditEvent.objects.filter(event_type=services.STATUTORY_VISIT_RECORDED).exists()


@pytest.mark.parametrize("said", ["", "   "])
def test_when_the_child_was_seen_what_they_said_is_required(scenario, said):
    with pytest.raises(ValidationError) as error:
        _record(scenario, child_said=said)
    assert _errors(error.value) == {"child_said": [services.CHILD_SAID_NEEDED]}
    assert not StatutoryVisit.objects.exists()


def test_a_visit_before_the_placement_began_is_refused_and_nothing_is_saved(scenario):
    began = scenario.children["own"].placements.get().start_date
    with pytest.raises(ValidationError) as error:
        _record(scenario, date=began - datetime.timedelta(days=1))
    assert _errors(error.value) == {"date": [services.NOT_PLACED_ON_DATE]}
    assert not StatutoryVisit.objects.exists()
    assert not AuditEvent.objects.filter(event_type=services.STATUTORY_VISIT_RECORDED).exists()
    assert _record(scenario, date=began).date == began  # the day it began is in


def test_every_problem_is_given_at_once_against_its_field(scenario):
    with pytest.raises(ValidationError) as error:
        _record(
            scenario,
            date=timezone.localdate() + datetime.timedelta(days=1),
            place=" ",
            child_said="",
        )
    assert _errors(error.value) == {
        "date": [services.DATE_IN_FUTURE],
        "place": [services.PLACE_NEEDED],
        "child_said": [services.CHILD_SAID_NEEDED],
    }
    assert not StatutoryVisit.objects.exists()


def test_a_manager_who_can_change_the_childs_record_may_record_a_visit(scenario):
    assert _record(scenario, actor="team_manager").created_by == scenario.users["team_manager"]


@pytest.mark.parametrize(
    ("actor", "child"),
    [
        ("iro", "own"),
        ("supervising_social_worker", "own"),
        ("other_social_worker", "own"),
        ("team_manager", "restricted"),
        ("foster_carer", "own"),
        ("analyst", "own"),
    ],
)
def test_only_those_who_may_see_and_change_the_childs_record_record_a_visit(scenario, actor, child):
    with pytest.raises(ValidationError) as error:
        _record(scenario, actor=actor, child=child)
    assert error.value.messages == [services.NOT_ALLOWED]
    assert not StatutoryVisit.objects.exists()
