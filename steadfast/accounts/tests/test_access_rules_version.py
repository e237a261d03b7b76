"""What a user may see is kept between requests that read only, under the access rules'
version; every change to what the rules read gives a new version, however it is written, and
a page never answers from what was kept before the change."""

import datetime
from collections.abc import Callable
from unittest import mock

import pytest
from django.utils import timezone

from steadfast.accounts import access
from steadfast.accounts.models import (
    AccessGrant,
    AccessRulesVersion,
    Allocation,
    HouseholdAllocation,
    Team,
    User,
)
from steadfast.children.models import Child
from steadfast.households.models import Household, HouseholdMember
from steadfast.placements.models import Placement
from tests.factories import AllocationFactory, ChildFactory

pytestmark = pytest.mark.django_db


def _version() -> int:
    return AccessRulesVersion.objects.get().value


def _yesterday() -> datetime.date:
    return timezone.localdate() - datetime.timedelta(days=1)


# One change to each table the rules read: through a saved object, and through a queryset's
# update(), which sends no signal.
CHANGES: dict[str, Callable] = {
    "a user's role": lambda s: User.objects.filter(pk=s.users["analyst"].pk).update(role="team_manager"),
    "a user leaving": lambda s: User.objects.filter(pk=s.users["team_colleague"].pk).update(is_active=False),
    "a user's team": lambda s: User.objects.filter(pk=s.users["iro"].pk).update(team=None),
    "a user's line manager": lambda s: User.objects.filter(pk=s.users["iro"].pk).update(
        line_manager=s.users["team_manager"]
    ),
    "a new user": lambda s: User.objects.create(username="new.starter", role="social_worker"),
    "a team's manager": lambda s: Team.objects.filter(name="Test South").update(manager=None),
    "an allocation ending": lambda s: Allocation.objects.filter(child=s.children["own"]).update(
        end_date=_yesterday()
    ),
    "an allocation made": lambda s: AllocationFactory(child=s.children["other"], worker=s.users["iro"]),
    "an allocation removed": lambda s: Allocation.objects.filter(child=s.children["own"]).delete(),
    "a household allocation ending": lambda s: HouseholdAllocation.objects.update(end_date=_yesterday()),
    "a grant revoked": lambda s: AccessGrant.objects.update(revoked_at=timezone.now()),
    "a placement ending": lambda s: Placement.objects.filter(child=s.children["own"]).update(
        end_date=_yesterday(), end_reason="carer_requested", ending_planned=False
    ),
    "a placement moved": lambda s: Placement.objects.filter(child=s.children["own"]).update(
        household=s.households["other"]
    ),
    "a child restricted": lambda s: Child.objects.filter(pk=s.children["own"].pk).update(restricted=True),
    "a new child": lambda s: ChildFactory(),
    "a household restricted": lambda s: Household.objects.filter(pk=s.households["own"].pk).update(
        restricted=True
    ),
    "a carer leaving a household": lambda s: HouseholdMember.objects.filter(
        user=s.users["foster_carer"]
    ).delete(),
    "a carer's account changed": lambda s: HouseholdMember.objects.filter(
        user=s.users["foster_carer"]
    ).update(user=None),
}


@pytest.mark.parametrize("change", CHANGES, ids=list(CHANGES))
def test_every_change_to_what_the_rules_read_gives_a_new_version(scenario, change):
    before = _version()
    CHANGES[change](scenario)
    assert _version() != before


# Changes the rules do not read leave the version alone, so that kept answers stay in use.
UNCHANGED: dict[str, Callable] = {
    "signing in": lambda s: User.objects.filter(pk=s.users["social_worker"].pk).update(
        last_login=timezone.now()
    ),
    "a child's school": lambda s: Child.objects.filter(pk=s.children["own"].pk).update(school="Test Academy"),
    "a household's name": lambda s: Household.objects.filter(pk=s.households["own"].pk).update(
        name="Renamed"
    ),
    "a placement's type": lambda s: Placement.objects.update(placement_type="other"),
}


@pytest.mark.parametrize("change", UNCHANGED, ids=list(UNCHANGED))
def test_changes_the_rules_do_not_read_keep_the_version(scenario, change):
    before = _version()
    UNCHANGED[change](scenario)
    assert _version() == before


def test_a_childs_record_closes_as_soon_as_the_allocation_ends(client, scenario):
    sw, child = scenario.users["social_worker"], scenario.children["own"]
    client.force_login(sw)
    url = f"/children/{child.pk}/"
    assert client.get(url).status_code == 200
    assert client.get(url).status_code == 200  # answered from what was kept
    Allocation.objects.filter(child=child, worker=sw).update(end_date=_yesterday())
    assert client.get(url).status_code == 404


def test_a_household_opens_as_soon_as_it_is_granted(client, scenario):
    analyst, household = scenario.users["analyst"], scenario.households["other"]
    client.force_login(analyst)
    url = f"/households/{household.pk}/"
    assert client.get(url).status_code == 404
    AccessGrant.objects.create(user=analyst, household=household, reason="Audit of the file")
    assert client.get(url).status_code == 200


def test_requests_that_read_only_keep_what_the_user_may_see_until_something_changes(client, scenario):
    client.force_login(scenario.users["team_manager"])
    url = f"/children/{scenario.children['own'].pk}/"
    with mock.patch.object(access, "_children_by_rules", wraps=access._children_by_rules) as worked_out:
        client.get(url)
        client.get(url)
        assert worked_out.call_count == 1
        AllocationFactory(child=scenario.children["other"], worker=scenario.users["social_worker"])
        client.get(url)
        assert worked_out.call_count == 2


def test_without_a_version_nothing_is_kept(client, scenario):
    AccessRulesVersion.objects.all().delete()
    client.force_login(scenario.users["team_manager"])
    url = f"/children/{scenario.children['own'].pk}/"
    with mock.patch.object(access, "_children_by_rules", wraps=access._children_by_rules) as worked_out:
        client.get(url)
        client.get(url)
    assert worked_out.call_count == 2
