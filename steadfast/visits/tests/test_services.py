import datetime
import importlib

import pytest
from django.apps import apps as django_apps
from django.core.exceptions import ValidationError
from django.utils import timezone

from steadfast.audit.models import AuditEvent
from steadfast.visits import services
from steadfast.visits.models import StatutoryVisit
from tests.factories import HouseholdFactory, PlacementFactory, days_ago

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
    assert event.details == {
        "date": timezone.localdate().isoformat(),
        "placement": visit.placement_id,
        "child_seen": True,
        "seen_alone": True,
    }
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


def _earlier_home(scenario, *, ended_days_ago=200):
    """An earlier placement of Owen's, with the Example household, from 400 days ago to
    `ended_days_ago` (200: the day his current placement began)."""
    return PlacementFactory(
        child=scenario.children["own"],
        household=HouseholdFactory(name="The Example household"),
        start_date=days_ago(400),
        end_date=days_ago(ended_days_ago),
        ended=True,
    )


def test_a_visit_records_the_home_the_child_was_living_in_that_day(scenario):
    current = scenario.children["own"].placements.get()
    earlier = _earlier_home(scenario)
    assert _record(scenario).placement == current
    in_earlier = _record(scenario, date=days_ago(300))
    assert in_earlier.placement == earlier
    assert (
        in_earlier.described
        == f"Visit on {days_ago(300).day} {days_ago(300):%B %Y}, at The Example household"
    )
    # On the day of the move, the home the child moved to.
    assert _record(scenario, date=current.start_date).placement == current


def test_a_visit_dated_between_two_placements_is_refused_and_nothing_is_saved(scenario):
    _earlier_home(scenario, ended_days_ago=250)
    with pytest.raises(ValidationError) as error:
        _record(scenario, date=days_ago(230))
    assert _errors(error.value) == {"date": [services.NOT_PLACED_ON_DATE]}
    assert not StatutoryVisit.objects.exists()
    assert _record(scenario, date=days_ago(250)).placement.household.name == "The Example household"


def test_visits_recorded_before_homes_were_recorded_are_given_the_home_their_date_fell_in(scenario):
    migration = importlib.import_module("steadfast.visits.migrations.0003_visit_placement")
    earlier = _earlier_home(scenario, ended_days_ago=250)
    current = scenario.children["own"].placements.get(end_date__isnull=True)
    in_earlier, in_current = _record(scenario, date=days_ago(300)), _record(scenario)
    in_no_home = StatutoryVisit.objects.create(
        child=scenario.children["own"], date=days_ago(240), place="At school", child_seen=False
    )
    StatutoryVisit.objects.update(placement=None)
    migration.home_from_date(django_apps, None)
    assert StatutoryVisit.objects.get(pk=in_earlier.pk).placement == earlier
    assert StatutoryVisit.objects.get(pk=in_current.pk).placement == current
    in_no_home.refresh_from_db()
    assert in_no_home.placement is None
    assert in_no_home.described.endswith(", home not recorded")
