"""The access rules include an emergency opening until its end, to the second, also when what a
user may see is kept between requests (ADR 0021): a kept answer is not used past the end of the
earliest emergency grant it may hold."""

import datetime
from unittest import mock

import pytest
from django.core.cache import caches
from django.utils import timezone

from steadfast.accounts import access
from steadfast.accounts.models import AccessGrant, GrantKind, User
from steadfast.accounts.selectors import active_grants_for_child, emergency_grant_of
from steadfast.accounts.services import grant_access, open_emergency_access

pytestmark = pytest.mark.django_db

real_now = timezone.now


@pytest.fixture(autouse=True)
def _empty_visibility_cache():
    caches["visibility"].clear()
    yield
    caches["visibility"].clear()


def _a_request(user: User) -> User:
    """A fresh user object as a request that only reads would have: remembering, so it uses the
    kept answers."""
    fresh = User.objects.get(pk=user.pk)
    access.remember_visibility(fresh)
    return fresh


def _sees(user: User, child) -> bool:
    return access.children_visible_to(user).filter(pk=child.pk).exists()


def _at(moment: datetime.datetime):
    return mock.patch("django.utils.timezone.now", return_value=moment)


def test_an_emergency_grant_opens_the_record_until_its_end_and_not_a_second_after(scenario):
    worker, child = scenario.users["social_worker"], scenario.children["other"]
    start = real_now()
    ends = start + datetime.timedelta(hours=4)
    with _at(start):
        assert not _sees(_a_request(worker), child)  # before: kept, without the child
        open_emergency_access(actor=worker, child=child, reason="Out of hours call", expires_at=ends)
        assert _sees(_a_request(worker), child)  # during: kept anew under the new version
    with _at(ends - datetime.timedelta(seconds=1)):
        assert _sees(_a_request(worker), child)  # the kept answer, still good
    with _at(ends):
        # Nothing was written at the end, so the access rules' version is the same: the kept
        # answer must not be used past the end of the grant it holds.
        assert not _sees(_a_request(worker), child)
        assert not _sees(User.objects.get(pk=worker.pk), child)  # and the rules themselves
    with _at(ends + datetime.timedelta(minutes=1)):
        assert not _sees(_a_request(worker), child)


def test_the_end_holds_for_the_childs_home_too(scenario):
    worker, child, home = (
        scenario.users["other_social_worker"],
        scenario.children["own"],
        scenario.households["own"],
    )
    start = real_now()
    ends = start + datetime.timedelta(hours=1)
    with _at(start):
        open_emergency_access(actor=worker, child=child, reason="Out of hours call", expires_at=ends)
        assert access.households_visible_to(_a_request(worker)).filter(pk=home.pk).exists()
    with _at(ends + datetime.timedelta(seconds=1)):
        assert not access.households_visible_to(_a_request(worker)).filter(pk=home.pk).exists()


def test_the_earliest_of_several_ends_is_the_one_that_counts(scenario):
    worker = scenario.users["social_worker"]
    other = scenario.children["other"]
    from tests.factories import AllocationFactory, ChildFactory

    third = ChildFactory()
    AllocationFactory(child=third, worker=scenario.users["other_social_worker"])
    start = real_now()
    with _at(start):
        open_emergency_access(
            actor=worker,
            child=other,
            reason="Out of hours call",
            expires_at=start + datetime.timedelta(hours=1),
        )
        open_emergency_access(
            actor=worker,
            child=third,
            reason="Out of hours call",
            expires_at=start + datetime.timedelta(hours=3),
        )
        assert _sees(_a_request(worker), other) and _sees(_a_request(worker), third)
    with _at(start + datetime.timedelta(hours=2)):
        seen = _a_request(worker)
        assert not _sees(seen, other)
        assert _sees(seen, third)
    with _at(start + datetime.timedelta(hours=3, seconds=1)):
        assert not _sees(_a_request(worker), third)


def test_someone_with_no_emergency_grant_keeps_their_answers_as_before(scenario):
    manager = scenario.users["team_manager"]
    _sees(_a_request(manager), scenario.children["own"])
    with (
        mock.patch.object(access, "_children_by_rules", wraps=access._children_by_rules) as rules,
        _at(real_now() + datetime.timedelta(seconds=30)),
    ):
        assert _sees(_a_request(manager), scenario.children["own"])
    assert rules.call_count == 0


def test_a_revoked_emergency_grant_closes_the_record_at_once(scenario):
    worker, child = scenario.users["social_worker"], scenario.children["other"]
    grant = open_emergency_access(
        actor=worker,
        child=child,
        reason="Out of hours call",
        expires_at=real_now() + datetime.timedelta(hours=4),
    )
    assert _sees(_a_request(worker), child)
    AccessGrant.objects.filter(pk=grant.pk).update(revoked_at=real_now())
    assert not _sees(_a_request(worker), child)


def test_the_record_lists_emergency_grants_only_while_in_force_and_the_banner_grant_is_the_persons_own(
    scenario,
):
    worker, child = scenario.users["social_worker"], scenario.children["other"]
    start = real_now()
    grant = open_emergency_access(
        actor=worker, child=child, reason="Out of hours call", expires_at=start + datetime.timedelta(hours=4)
    )
    assert list(active_grants_for_child(child)) == [grant]
    assert emergency_grant_of(worker, child) == grant
    assert emergency_grant_of(scenario.users["other_social_worker"], child) is None
    with _at(start + datetime.timedelta(hours=4)):
        assert list(active_grants_for_child(child)) == []
        assert emergency_grant_of(worker, child) is None


def test_an_emergency_grant_does_not_stop_a_grant_by_name(scenario):
    worker, child = scenario.users["social_worker"], scenario.children["other"]
    open_emergency_access(
        actor=worker,
        child=child,
        reason="Out of hours call",
        expires_at=real_now() + datetime.timedelta(hours=4),
    )
    named = grant_access(
        actor=scenario.users["other_team_manager"], user=worker, reason="Covering", child=child
    )
    assert named.kind == GrantKind.NAMED
    with _at(real_now() + datetime.timedelta(hours=5)):
        assert _sees(_a_request(worker), child)


def test_a_child_restricted_after_an_emergency_opening_is_closed_to_it(scenario):
    worker, child = scenario.users["social_worker"], scenario.children["other"]
    open_emergency_access(
        actor=worker,
        child=child,
        reason="Out of hours call",
        expires_at=real_now() + datetime.timedelta(hours=4),
    )
    assert _sees(_a_request(worker), child)
    child.restricted = True
    child.save(update_fields=["restricted"])
    assert not _sees(_a_request(worker), child)
    assert not _sees(User.objects.get(pk=worker.pk), child)


def test_a_page_asks_nothing_more_about_emergency_grants_of_someone_who_holds_none(
    scenario, django_assert_num_queries
):
    manager, child = scenario.users["team_manager"], scenario.children["own"]
    _sees(_a_request(manager), child)  # works the answer out and keeps it
    seen = _a_request(manager)
    assert _sees(seen, child)  # from the kept answer
    with django_assert_num_queries(0):
        assert emergency_grant_of(seen, child) is None
    # Someone holding one is asked, and given it.
    worker, other = scenario.users["social_worker"], scenario.children["other"]
    grant = open_emergency_access(
        actor=worker,
        child=other,
        reason="Out of hours call",
        expires_at=real_now() + datetime.timedelta(hours=4),
    )
    opener = _a_request(worker)
    assert _sees(opener, other)
    assert emergency_grant_of(opener, other) == grant
