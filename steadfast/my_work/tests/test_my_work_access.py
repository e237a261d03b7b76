"""Who sees what on My work: every person in the scenario sees only items that are theirs, about
children and households they may see, and no name of a child they may not see."""

import datetime
import re

import pytest
from django.utils import timezone

from steadfast.accounts import access
from steadfast.accounts.models import Role
from steadfast.carer_logs.models import CarerLog
from steadfast.my_work import work
from steadfast.signals.tests.helpers import raise_concern
from tests.scenario import STAFF_USERNAMES

pytestmark = pytest.mark.django_db


@pytest.fixture
def work_everywhere(scenario):
    """Something due about every child, including the restricted one, and every household."""
    for child, actor in (
        ("own", "social_worker"),
        ("other", "other_social_worker"),
        ("restricted", "social_worker"),
    ):
        raise_concern(scenario, child=child, actor=actor)
    CarerLog.objects.create(
        household=scenario.households["own"],
        child=scenario.children["restricted"],
        date=timezone.localdate() - datetime.timedelta(days=40),
        category="home_life",
        what_happened="A calm evening (test).",
    )
    return scenario


@pytest.mark.parametrize("username", STAFF_USERNAMES)
def test_each_person_sees_only_their_own_items_about_what_they_may_see(client, work_everywhere, username):
    scenario = work_everywhere
    user = scenario.users[username]
    client.force_login(user)
    html = client.get("/").content.decode()
    shown = set(re.findall(r'data-work-item="([^"]+)"', html))
    everything = {i.key: i for i in work.all_open_work(today=timezone.localdate())}
    assert shown <= set(everything)
    visible_children = set(access.children_visible_to(user).values_list("pk", flat=True))
    visible_households = set(access.households_visible_to(user).values_list("pk", flat=True))
    managed = set(user.managed_teams.values_list("pk", flat=True))
    for key in shown:
        item = everything[key]
        # Their own, or, for a fostering team manager, their team's overdue supervision.
        watched = (
            user.role == Role.FOSTERING_TEAM_MANAGER
            and item.kind in work.FOSTERING_MANAGER_WATCHES
            and item.team_id in managed
        )
        assert item.owner_id == user.pk or watched, key
        assert item.child_id is None or item.child_id in visible_children, key
        assert item.household_id is None or item.household_id in visible_households, key
    for child in scenario.children.values():
        if child.pk not in visible_children:
            assert child.display_name not in html, (username, child)


def test_the_scenario_gives_work_to_each_kind_of_worker(client, work_everywhere):
    owners = {i.owner_id for i in work.all_open_work(today=timezone.localdate())}
    for username in ("social_worker", "other_social_worker", "supervising_social_worker", "team_manager"):
        assert work_everywhere.users[username].pk in owners, username


def test_a_foster_carer_never_sees_my_work(client, scenario):
    assert scenario.users["foster_carer"].role == Role.FOSTER_CARER
    client.force_login(scenario.users["foster_carer"])
    response = client.get("/", follow=True)
    assert response.redirect_chain == [("/portal/", 302)]
    assert "data-work-item" not in response.content.decode()
