import datetime

import pytest
from django.core.exceptions import ValidationError
from django.utils import timezone

from steadfast.audit.models import AuditEvent
from steadfast.supervision import services
from steadfast.supervision.models import PlacementStabilityScale, SupervisionSession

pytestmark = pytest.mark.django_db


def _record(scenario, actor="supervising_social_worker", **overrides):
    fields = {
        "actor": scenario.users[actor],
        "household": scenario.households["own"],
        "date": timezone.localdate(),
        "unannounced": False,
        "present": "Test Carer",
        "topics": ["wellbeing", "children_placed"],
        "household_managing": "Tired but coping.",
        "actions": "",
        "scales": [(scenario.children["own"], 6, "Settling, some hard nights.")],
    }
    return services.record_supervision_session(**fields | overrides)


def test_the_supervising_social_worker_records_supervision_with_a_scale_for_each_child(scenario):
    session = _record(scenario)
    assert [s.child for s in session.scales.all()] == [scenario.children["own"]]
    events = AuditEvent.objects.filter(event_type=services.SCALE_RECORDED)
    assert [e.child_id for e in events] == [scenario.children["own"].pk]


def test_a_restricted_child_the_worker_may_not_see_is_neither_asked_for_nor_accepted(scenario):
    with pytest.raises(ValidationError) as error:
        _record(
            scenario,
            scales=[(scenario.children["own"], 6, "Settling"), (scenario.children["restricted"], 7, "Fine")],
        )
    assert services.NOT_PLACED in str(error.value)
    assert not SupervisionSession.objects.exists()


def test_a_scale_missing_for_a_child_placed_needs_the_reason_why_and_nothing_is_saved(scenario):
    own = scenario.children["own"]
    with pytest.raises(ValidationError) as error:
        _record(scenario, scales=[(own, None, "")], reasons_no_scale=[(own, "  ")])
    assert error.value.message_dict[f"no_scale_reason_{own.pk}"] == [
        services.NO_SCALE_REASON.format(name=own)
    ]
    assert not SupervisionSession.objects.exists()


def test_a_reason_no_scale_was_given_stands_for_the_scale(scenario):
    own = scenario.children["own"]
    session = _record(scenario, scales=[], reasons_no_scale=[(own, " In hospital that week (test). ")])
    assert not session.scales.exists()
    assert [(n.child, n.reason) for n in session.scales_not_given.all()] == [
        (own, "In hospital that week (test).")
    ]
    [event] = AuditEvent.objects.filter(event_type=services.SCALE_NOT_GIVEN_RECORDED)
    assert event.child_id == own.pk


def test_a_reason_no_scale_was_given_for_a_child_not_placed_is_refused(scenario):
    with pytest.raises(ValidationError) as error:
        _record(scenario, reasons_no_scale=[(scenario.children["other"], "Not here.")])
    assert services.NOT_PLACED in str(error.value)
    assert not SupervisionSession.objects.exists()


@pytest.mark.parametrize(("score", "reason"), [(11, "High"), (-1, "Low"), (None, "None"), (5, " ")])
def test_a_scale_outside_0_to_10_or_without_a_reason_is_refused(scenario, score, reason):
    with pytest.raises(ValidationError):
        _record(scenario, scales=[(scenario.children["own"], score, reason)])
    assert not PlacementStabilityScale.objects.exists()


def test_supervision_cannot_be_dated_in_the_future(scenario):
    with pytest.raises(ValidationError) as error:
        _record(scenario, date=timezone.localdate() + datetime.timedelta(days=1))
    assert services.DATE_IN_FUTURE in str(error.value)


@pytest.mark.parametrize("actor", ["social_worker", "foster_carer", "other_supervising_social_worker"])
def test_only_the_fostering_service_records_supervision(scenario, actor):
    with pytest.raises(ValidationError):
        _record(scenario, actor=actor)
