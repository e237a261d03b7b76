import datetime

import pytest
from django.core.exceptions import ValidationError
from django.utils import timezone

from steadfast.accounts.models import GrantKind
from steadfast.audit.models import AuditEvent
from steadfast.restrictions.models import RestrictionReview, ReviewDecision
from steadfast.restrictions.services import (
    MAY_NOT_REVIEW,
    NOT_RESTRICTED,
    RESTRICTION_LIFTED,
    RESTRICTION_REVIEWED,
    review_restriction,
)
from tests.factories import AccessGrantFactory

pytestmark = pytest.mark.django_db


def test_a_granted_manager_keeps_a_child_restricted_and_the_review_is_audited(scenario):
    child = scenario.children["restricted"]
    manager = scenario.users["team_manager"]
    AccessGrantFactory(child=child, user=manager)
    review = review_restriction(
        actor=manager, child=child, decision=ReviewDecision.KEEP, reason="Risk from a relative"
    )
    child.refresh_from_db()
    assert child.restricted
    assert (review.created_by, review.decision, review.reason) == (manager, "keep", "Risk from a relative")
    event = AuditEvent.objects.get(event_type=RESTRICTION_REVIEWED, child_id=child.pk)
    assert event.actor == manager and event.details == {"decision": "keep"}


def test_lifting_opens_the_record_in_the_same_transaction_and_is_audited(scenario):
    household = scenario.households["restricted"]
    manager = scenario.users["fostering_team_manager"]
    AccessGrantFactory(household=household, child=None, user=manager)
    review_restriction(
        actor=manager, household=household, decision=ReviewDecision.LIFT, reason="Risk has passed"
    )
    household.refresh_from_db()
    assert not household.restricted
    assert AuditEvent.objects.filter(event_type=RESTRICTION_LIFTED, household_id=household.pk).count() == 1


@pytest.mark.parametrize("username", ["social_worker", "team_manager", "analyst"])
def test_only_a_manager_holding_a_grant_may_review(scenario, username):
    """The social worker holds a grant but is not a manager; the team manager is a manager
    without a grant; the analyst is neither."""
    child = scenario.children["restricted"]
    with pytest.raises(ValidationError) as error:
        review_restriction(
            actor=scenario.users[username], child=child, decision="keep", reason="Looked again"
        )
    assert MAY_NOT_REVIEW in error.value.messages
    assert not RestrictionReview.objects.exists()
    assert not AuditEvent.objects.filter(event_type=RESTRICTION_REVIEWED).exists()


@pytest.mark.parametrize("grant", ["revoked", "emergency"])
def test_a_grant_no_longer_in_force_or_an_emergency_opening_does_not_let_a_manager_review(scenario, grant):
    """A grant revoked, or an emergency opening (of a child restricted after it was opened, even
    before its end), is not a grant by name in force."""
    child = scenario.children["restricted"]
    manager = scenario.users["team_manager"]
    if grant == "revoked":
        AccessGrantFactory(child=child, user=manager, revoked_at=timezone.now())
    else:
        AccessGrantFactory(
            child=child,
            user=manager,
            kind=GrantKind.EMERGENCY,
            expires_at=timezone.now() + datetime.timedelta(hours=1),
        )
    with pytest.raises(ValidationError) as error:
        review_restriction(actor=manager, child=child, decision="keep", reason="Looked again")
    assert MAY_NOT_REVIEW in error.value.messages


def test_an_open_record_is_not_reviewed(scenario):
    child = scenario.children["own"]
    manager = scenario.users["team_manager"]
    AccessGrantFactory(child=child, user=manager)
    with pytest.raises(ValidationError) as error:
        review_restriction(actor=manager, child=child, decision="keep", reason="Looked again")
    assert NOT_RESTRICTED in error.value.messages
