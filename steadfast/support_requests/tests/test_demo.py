"""The demo's requests for help: every state in the demo carer's household, written fast."""

import pytest
from django.utils import timezone

from steadfast.demo.support_requests import seed_support_requests
from steadfast.households.models import Household
from steadfast.placements.models import Placement
from steadfast.support_requests.models import SupportRequest, SupportRequestStatus
from steadfast.support_requests.rules import is_late
from tests.factories import HouseholdAllocationFactory, HouseholdFactory, HouseholdMemberFactory

pytestmark = pytest.mark.django_db


def test_every_household_has_asked_for_help_and_the_demo_carers_has_a_request_in_every_state(scenario):
    own = scenario.households["own"]
    more = HouseholdFactory.create_batch(8)
    for household in more:
        HouseholdAllocationFactory(household=household, worker=scenario.users["supervising_social_worker"])
        HouseholdMemberFactory(household=household)
    households = [own, *more]
    written = seed_support_requests(
        households=households,
        supervising_social_worker={h.pk: scenario.users["supervising_social_worker"] for h in households},
        placements=list(Placement.objects.select_related("child")),
        carers={own.pk: list(own.members.all())},
        today=timezone.localdate(),
        seed=2026,
    )
    assert written == SupportRequest.objects.count() >= 7
    assert set(SupportRequest.objects.values_list("household", flat=True)) == {h.pk for h in households}
    theirs = list(SupportRequest.objects.filter(household=own))
    assert {r.status for r in theirs} == set(SupportRequestStatus.values)
    assert any(is_late(r, timezone.localdate()) and r.acknowledged_at is None for r in theirs)
    escalated = [r for r in theirs if r.status == SupportRequestStatus.ESCALATED]
    assert all(r.escalated_to == scenario.users["fostering_team_manager"] for r in escalated)
    assert all(r.created_by == scenario.users["foster_carer"] for r in theirs)
    assert not any(r.child_id == scenario.children["restricted"].pk for r in theirs)
    for request in theirs:
        assert request.updates.first().kind == "asked"
        assert request.history.count() == 1
    assert Household.objects.count() == 11
