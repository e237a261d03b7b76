import datetime

import pytest
from django.core.exceptions import ValidationError

from steadfast.accounts.models import Role
from steadfast.audit.models import AuditEvent
from steadfast.placements import services
from steadfast.placements.models import EndReason, Placement, PlacementType
from tests.factories import (
    ChildFactory,
    HouseholdFactory,
    PlacementFactory,
    ProviderFactory,
    UserFactory,
    days_ago,
    years_ago,
)

pytestmark = pytest.mark.django_db
TOMORROW = datetime.date.today() + datetime.timedelta(days=2)


def _messages(error: ValidationError) -> list[str]:
    return error.messages


def test_starting_a_placement_records_it_with_an_audit_event_and_field_history():
    worker, child, household = UserFactory(), ChildFactory(), HouseholdFactory()
    placement = services.start_placement(
        actor=worker,
        child=child,
        household=household,
        placement_type=PlacementType.FOSTER_APPROVED_CARER,
        start_date=days_ago(1),
    )
    event = AuditEvent.objects.get(event_type=services.PLACEMENT_STARTED)
    assert (event.actor, event.child_id, event.household_id) == (worker, child.pk, household.pk)
    assert placement.history.get().history_user == worker


def test_a_child_still_in_a_placement_cannot_start_another():
    open_placement = PlacementFactory(start_date=days_ago(50))
    with pytest.raises(ValidationError) as error:
        services.start_placement(
            actor=UserFactory(),
            child=open_placement.child,
            provider=ProviderFactory(),
            placement_type=PlacementType.RESIDENTIAL,
            start_date=days_ago(1),
        )
    assert services.STILL_PLACED in _messages(error.value)


def test_a_placement_overlapping_an_earlier_one_is_refused_and_nothing_is_saved():
    earlier = PlacementFactory(
        start_date=days_ago(100),
        end_date=days_ago(20),
        end_reason=EndReason.CARER_REQUESTED,
        ending_planned=False,
    )
    with pytest.raises(ValidationError) as error:
        services.start_placement(
            actor=UserFactory(),
            child=earlier.child,
            provider=ProviderFactory(),
            placement_type=PlacementType.RESIDENTIAL,
            start_date=days_ago(30),
        )
    assert services.OVERLAPS in _messages(error.value)
    assert Placement.objects.count() == 1
    assert not AuditEvent.objects.filter(event_type=services.PLACEMENT_STARTED).exists()


def test_a_new_placement_may_start_the_day_the_last_one_ended():
    earlier = PlacementFactory(start_date=days_ago(100), end_date=days_ago(20), ended=True)
    services.start_placement(
        actor=UserFactory(),
        child=earlier.child,
        provider=ProviderFactory(),
        placement_type=PlacementType.RESIDENTIAL,
        start_date=days_ago(20),
    )
    assert earlier.child.placements.count() == 2


def test_a_placement_cannot_start_on_a_date_still_to_come():
    with pytest.raises(ValidationError) as error:
        services.start_placement(
            actor=UserFactory(),
            child=ChildFactory(),
            provider=ProviderFactory(),
            placement_type=PlacementType.RESIDENTIAL,
            start_date=TOMORROW,
        )
    assert services.START_IN_FUTURE in _messages(error.value)


def test_a_placement_cannot_start_before_the_child_was_born():
    child = ChildFactory(date_of_birth=years_ago(2))
    with pytest.raises(ValidationError) as error:
        services.start_placement(
            actor=UserFactory(),
            child=child,
            provider=ProviderFactory(),
            placement_type=PlacementType.RESIDENTIAL,
            start_date=years_ago(3),
        )
    assert "on or after the child's date of birth" in _messages(error.value)[0]
    assert not Placement.objects.filter(child=child).exists()


def test_a_placement_needs_exactly_one_home():
    for homes, message in (
        ({}, services.NO_HOME),
        ({"household": HouseholdFactory(), "provider": ProviderFactory()}, services.ONE_HOME),
    ):
        with pytest.raises(ValidationError) as error:
            services.start_placement(
                actor=UserFactory(),
                child=ChildFactory(),
                placement_type=PlacementType.OTHER,
                start_date=days_ago(1),
                **homes,
            )
        assert message in _messages(error.value)


def test_ending_a_placement_on_a_date_still_to_come_is_refused():
    placement = PlacementFactory()
    with pytest.raises(ValidationError) as error:
        services.end_placement(
            actor=UserFactory(),
            placement=placement,
            end_date=TOMORROW,
            end_reason=EndReason.OTHER,
            ending_planned=True,
        )
    assert services.END_IN_FUTURE in _messages(error.value)
    placement.refresh_from_db()
    assert placement.end_date is None


def test_a_placement_cannot_end_before_it_started():
    placement = PlacementFactory(start_date=days_ago(10))
    with pytest.raises(ValidationError) as error:
        services.end_placement(
            actor=UserFactory(),
            placement=placement,
            end_date=days_ago(11),
            end_reason=EndReason.OTHER,
            ending_planned=True,
        )
    assert services.END_BEFORE_START in _messages(error.value)


def test_a_placement_can_only_end_once():
    placement = PlacementFactory(start_date=days_ago(10))
    kwargs = {
        "actor": UserFactory(),
        "placement": placement,
        "end_date": days_ago(1),
        "end_reason": EndReason.OTHER,
        "ending_planned": False,
    }
    services.end_placement(**kwargs)
    with pytest.raises(ValidationError) as error:
        services.end_placement(**kwargs)
    assert services.ALREADY_ENDED in _messages(error.value)
    assert AuditEvent.objects.filter(event_type=services.PLACEMENT_ENDED).count() == 1


def _full_household():
    household = HouseholdFactory(approved_places=1)
    PlacementFactory(household=household)
    return household


def test_placing_a_child_beyond_the_households_approval_needs_a_managers_reason():
    with pytest.raises(ValidationError) as error:
        services.start_placement(
            actor=UserFactory(),
            child=ChildFactory(),
            household=_full_household(),
            placement_type=PlacementType.FOSTER_APPROVED_CARER,
            start_date=days_ago(1),
        )
    assert "approved for 1 child" in error.value.message_dict["approval_exception_reason"][0]


def test_placing_a_child_outside_the_approved_ages_needs_a_managers_reason():
    household = HouseholdFactory(approved_age_from=0, approved_age_to=4)
    with pytest.raises(ValidationError) as error:
        services.start_placement(
            actor=UserFactory(),
            child=ChildFactory(date_of_birth=years_ago(9) - datetime.timedelta(days=10)),
            household=household,
            placement_type=PlacementType.FOSTER_APPROVED_CARER,
            start_date=days_ago(1),
        )
    assert "the child is 9" in error.value.message_dict["approval_exception_reason"][0]


def test_a_manager_can_agree_a_placement_beyond_approval_and_the_reason_is_kept():
    manager = UserFactory(role=Role.TEAM_MANAGER)
    placement = services.start_placement(
        actor=UserFactory(),
        child=ChildFactory(),
        household=_full_household(),
        placement_type=PlacementType.FOSTER_APPROVED_CARER,
        start_date=days_ago(1),
        approval_exception_reason="Keeps brothers together while a second home is found",
        approval_exception_authorised_by=manager,
    )
    assert placement.approval_exception_authorised_by == manager
    assert placement.approval_exception_reason.startswith("Keeps brothers")


def test_only_a_manager_can_authorise_a_placement_beyond_approval():
    with pytest.raises(ValidationError) as error:
        services.start_placement(
            actor=UserFactory(),
            child=ChildFactory(),
            household=_full_household(),
            placement_type=PlacementType.FOSTER_APPROVED_CARER,
            start_date=days_ago(1),
            approval_exception_reason="Because",
            approval_exception_authorised_by=UserFactory(role=Role.SOCIAL_WORKER),
        )
    assert services.AUTHORISER_NOT_MANAGER in _messages(error.value)


def test_a_reason_given_when_none_is_needed_is_not_kept():
    placement = services.start_placement(
        actor=UserFactory(),
        child=ChildFactory(),
        household=HouseholdFactory(),
        placement_type=PlacementType.FOSTER_APPROVED_CARER,
        start_date=days_ago(1),
        approval_exception_reason="Not needed",
        approval_exception_authorised_by=UserFactory(role=Role.TEAM_MANAGER),
    )
    assert placement.approval_exception_reason == ""
    assert placement.approval_exception_authorised_by is None


def _agree(scenario, actor="social_worker", child="own", agreed_on=None):
    placement = scenario.children[child].placements.get(end_date__isnull=True)
    return services.agree_placement_long_term(
        actor=scenario.users[actor], placement=placement, agreed_on=agreed_on or days_ago(10)
    )


def test_the_social_worker_records_that_a_placement_is_agreed_as_long_term(scenario):
    placement = _agree(scenario)
    placement.refresh_from_db()
    assert placement.agreed_long_term_on == days_ago(10)
    event = AuditEvent.objects.get(event_type=services.PLACEMENT_AGREED_LONG_TERM)
    assert (event.actor, event.child_id, event.household_id) == (
        scenario.users["social_worker"],
        scenario.children["own"].pk,
        scenario.households["own"].pk,
    )
    assert event.details == {"agreed_on": days_ago(10).isoformat()}
    assert placement.history.first().history_user == scenario.users["social_worker"]


@pytest.mark.parametrize(
    ("agreed_on", "message"),
    [
        (days_ago(-1), services.LONG_TERM_IN_FUTURE),
        (days_ago(201), services.LONG_TERM_BEFORE_START),
    ],
)
def test_a_long_term_agreement_must_fall_between_the_start_and_today(scenario, agreed_on, message):
    with pytest.raises(ValidationError) as error:
        _agree(scenario, agreed_on=agreed_on)
    assert error.value.message_dict == {"agreed_on": [message]}
    assert not Placement.objects.filter(agreed_long_term_on__isnull=False).exists()
    assert not AuditEvent.objects.filter(event_type=services.PLACEMENT_AGREED_LONG_TERM).exists()


def test_a_placement_can_be_agreed_as_long_term_on_the_day_it_started(scenario):
    assert _agree(scenario, agreed_on=days_ago(200)).agreed_long_term_on == days_ago(200)


def test_an_ended_placement_cannot_be_agreed_as_long_term(scenario):
    placement = scenario.children["own"].placements.get()
    services.end_placement(
        actor=scenario.users["social_worker"],
        placement=placement,
        end_date=days_ago(1),
        end_reason=EndReason.CARER_REQUESTED,
        ending_planned=False,
    )
    with pytest.raises(ValidationError) as error:
        services.agree_placement_long_term(
            actor=scenario.users["social_worker"], placement=placement, agreed_on=days_ago(5)
        )
    assert _messages(error.value) == [services.LONG_TERM_PLACEMENT_ENDED]


def test_a_placement_is_agreed_as_long_term_only_once(scenario):
    _agree(scenario, agreed_on=days_ago(10))
    with pytest.raises(ValidationError) as error:
        _agree(scenario, agreed_on=days_ago(5))
    assert _messages(error.value) == [services.ALREADY_LONG_TERM]
    assert scenario.children["own"].placements.get().agreed_long_term_on == days_ago(10)


@pytest.mark.parametrize(
    ("actor", "child"),
    [
        ("iro", "own"),
        ("supervising_social_worker", "own"),
        ("other_social_worker", "own"),
        ("team_manager", "restricted"),
    ],
)
def test_only_those_who_may_see_and_change_the_child_agree_a_placement_as_long_term(scenario, actor, child):
    with pytest.raises(ValidationError) as error:
        _agree(scenario, actor=actor, child=child)
    assert _messages(error.value) == [services.LONG_TERM_NOT_ALLOWED]
    assert not Placement.objects.filter(agreed_long_term_on__isnull=False).exists()
