import datetime

import pytest
from django.core.exceptions import ValidationError

from steadfast.accounts.models import User
from steadfast.children.models import Child
from steadfast.demo.rules import demo_children
from steadfast.demo.services import ALREADY_SEEDED, DEMO_USERS, seed_demo_authority
from steadfast.placements.models import Placement
from steadfast.placements.rules import age_on, placements_in_last_twelve_months

TODAY = datetime.date(2026, 3, 31)


def test_demo_histories_look_like_englands_published_stability_figures():
    children = demo_children(5000, seed=7, today=TODAY)
    three_or_more = sum(
        placements_in_last_twelve_months([(p.start, p.end) for p in c.placements], today=TODAY) >= 3
        for c in children
    )
    long_standing = [
        c for c in children if age_on(c.date_of_birth, TODAY) < 16 and (TODAY - c.entered_care).days >= 913
    ]
    same_carer = sum((TODAY - c.placements[-1].start).days >= 730 for c in long_standing)
    # England: 10-11% with 3+ placements in a year; 68-69% long-term stability.
    assert 0.08 <= three_or_more / len(children) <= 0.13
    assert 0.62 <= same_carer / len(long_standing) <= 0.74


def test_every_demo_history_is_unbroken_and_ends_in_one_open_placement():
    for child in demo_children(300, seed=3, today=TODAY):
        assert child.placements[0].start == child.entered_care
        assert all(a.end == b.start for a, b in zip(child.placements, child.placements[1:], strict=False))
        assert [p.end for p in child.placements].count(None) == 1


@pytest.mark.django_db
def test_the_demo_authority_has_a_sign_in_for_every_role_and_consistent_placements():
    summary = seed_demo_authority(children=60, password="demo-password-for-tests")
    assert set(User.objects.values_list("username", flat=True)) >= {row[0] for row in DEMO_USERS}
    assert Child.objects.count() == summary.children == 60
    assert all(c.startswith("DEMO") for c in Child.objects.values_list("child_identifier", flat=True))
    assert Placement.objects.filter(end_date__isnull=True).count() == 60
    assert (
        User.objects.get(username="foster.carer")
        .household_membership.household.placements.filter(end_date__isnull=True)
        .exists()
    )
    with pytest.raises(ValidationError) as error:
        seed_demo_authority(children=5, password="again")
    assert ALREADY_SEEDED in error.value.messages


@pytest.mark.django_db
def test_the_demo_has_concerns_in_every_state_including_late_ones():
    from steadfast.concerns.models import ConcernStatus, StabilityConcern
    from steadfast.concerns.selectors import is_late

    seed_demo_authority(children=64, password="demo-password-for-tests")
    concerns = list(StabilityConcern.objects.all())
    assert {c.status for c in concerns} == set(ConcernStatus.values)
    assert any(is_late(c) for c in concerns)
    assert all(c.oversight_notes.exists() for c in concerns if c.status != ConcernStatus.AWAITING_TRIAGE)
