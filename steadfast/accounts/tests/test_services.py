import pytest
from django.core.exceptions import ValidationError

from steadfast.accounts import services
from steadfast.accounts.models import Allocation, HouseholdAllocation
from steadfast.audit.models import AuditEvent
from steadfast.core.errors import StaleEditError
from tests.factories import AllocationFactory, HouseholdFactory, UserFactory, days_ago

pytestmark = pytest.mark.django_db


def test_a_new_supervising_social_worker_takes_over_the_day_after_the_last_one_ends():
    household = HouseholdFactory()
    first = UserFactory(role="supervising_social_worker")
    second = UserFactory(role="supervising_social_worker")
    manager = UserFactory(role="fostering_team_manager")
    services.allocate_supervising_social_worker(
        actor=manager, household=household, worker=first, start_date=days_ago(100)
    )
    services.allocate_supervising_social_worker(
        actor=manager, household=household, worker=second, start_date=days_ago(10)
    )
    ended, current = HouseholdAllocation.objects.filter(household=household).order_by("start_date")
    assert (ended.worker, ended.end_date) == (first, days_ago(11))
    assert (current.worker, current.end_date) == (second, None)
    assert list(
        AuditEvent.objects.filter(household_id=household.pk)
        .values_list("event_type", flat=True)
        .order_by("id")
    ) == [
        services.SUPERVISING_SOCIAL_WORKER_ALLOCATED,
        services.SUPERVISING_SOCIAL_WORKER_ALLOCATION_ENDED,
        services.SUPERVISING_SOCIAL_WORKER_ALLOCATED,
    ]


def test_only_a_supervising_social_worker_can_supervise_a_household():
    with pytest.raises(ValidationError):
        services.allocate_supervising_social_worker(
            actor=UserFactory(),
            household=HouseholdFactory(),
            worker=UserFactory(role="iro"),
            start_date=days_ago(1),
        )
    assert not HouseholdAllocation.objects.exists()


def test_an_allocation_is_not_ended_from_a_version_older_than_its_own():
    allocation = AllocationFactory(start_date=days_ago(30))
    seen = allocation.version
    Allocation.objects.filter(pk=allocation.pk).update(version=seen + 1)
    with pytest.raises(StaleEditError):
        services.end_allocation(
            actor=UserFactory(), allocation=allocation, end_date=days_ago(1), seen_version=seen
        )
    assert Allocation.objects.get(pk=allocation.pk).end_date is None
    ended = services.end_allocation(
        actor=UserFactory(), allocation=allocation, end_date=days_ago(1), seen_version=seen + 1
    )
    assert (ended.end_date, ended.version) == (days_ago(1), seen + 2)


def test_an_allocation_ends_once_and_not_before_it_began():
    allocation = AllocationFactory(start_date=days_ago(30))
    with pytest.raises(ValidationError) as error:
        services.end_allocation(actor=UserFactory(), allocation=allocation, end_date=days_ago(31))
    assert services.ALLOCATION_END_BEFORE_START in error.value.messages
    services.end_allocation(actor=UserFactory(), allocation=allocation, end_date=days_ago(1))
    with pytest.raises(ValidationError) as error:
        services.end_allocation(actor=UserFactory(), allocation=allocation, end_date=days_ago(1))
    assert services.ALLOCATION_ALREADY_ENDED in error.value.messages
    assert (
        AuditEvent.objects.filter(event_type=services.ALLOCATION_ENDED, child_id=allocation.child_id).count()
        == 1
    )


def test_a_social_worker_is_replaced_and_reallocating_the_same_one_changes_nothing():
    first = AllocationFactory(start_date=days_ago(50))
    again = services.allocate_worker(
        actor=UserFactory(),
        child=first.child,
        worker=first.worker,
        role="social_worker",
        start_date=days_ago(5),
    )
    assert again == first
    successor = UserFactory()
    services.allocate_worker(
        actor=UserFactory(), child=first.child, worker=successor, role="social_worker", start_date=days_ago(5)
    )
    first.refresh_from_db()
    assert first.end_date == days_ago(6)
