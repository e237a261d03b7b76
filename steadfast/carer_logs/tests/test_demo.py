import random

import pytest
from django.core import mail
from django.utils import timezone

from steadfast.carer_logs.models import CarerLog
from steadfast.carer_logs.rules import DEFAULT_POLICY, overdue_before
from steadfast.carer_logs.tone import tone_cues
from steadfast.demo.carer_logs import WINDOW_DAYS, seed_carer_logs
from steadfast.households.models import HouseholdMember
from steadfast.placements.models import Placement
from tests.factories import ChildFactory, HouseholdFactory, PlacementFactory, days_ago

pytestmark = pytest.mark.django_db


def test_the_demo_logs_every_child_placed_now_with_some_strain_some_overdue_and_no_email(scenario):
    own = scenario.households["own"]
    moved_on = ChildFactory()
    PlacementFactory(
        child=moved_on, household=own, ended=True, start_date=days_ago(300), end_date=days_ago(100)
    )
    recent = ChildFactory()
    PlacementFactory(child=recent, household=own, start_date=days_ago(20))
    empty = HouseholdFactory()
    ssw = scenario.users["supervising_social_worker"]
    written = seed_carer_logs(
        households=[own, scenario.households["other"], empty],
        placements=list(Placement.objects.all()),
        supervising_social_worker={h.pk: ssw for h in (own, scenario.households["other"], empty)},
        carers={own.pk: list(HouseholdMember.objects.filter(household=own))},
        today=timezone.localdate(),
        rng=random.Random(1),
    )
    logs = list(CarerLog.objects.all())
    assert written == len(logs) > 10
    assert {log.household_id for log in logs} == {own.pk}
    assert {log.child_id for log in logs} == {
        scenario.children["own"].pk,
        scenario.children["restricted"].pk,
        recent.pk,
    }
    assert all(days_ago(WINDOW_DAYS) <= log.date <= timezone.localdate() for log in logs)
    assert all(log.date >= days_ago(20) for log in logs if log.child_id == recent.pk)
    assert all(log.created_at.date() == log.date for log in logs)
    assert all(log.created_by == scenario.users["foster_carer"] for log in logs)
    assert any(tone_cues(log.what_happened) for log in logs)
    cutoff = overdue_before(timezone.localdate(), DEFAULT_POLICY)
    assert any(log.reviewed_at is None and log.date < cutoff for log in logs)
    assert all(log.reviewed_by == ssw for log in logs if log.reviewed_at)
    assert all(log.discussed_with_carer_on >= log.date for log in logs if log.discussed_with_carer_on)
    assert CarerLog.history.count() == len(logs)
    assert mail.outbox == []
