"""What a user may see is worked out once per request that changes nothing, and afresh for
every other request and every user object no request has remembered."""

from unittest import mock

import pytest
from django.http import HttpResponse
from django.test import RequestFactory

from steadfast.accounts import access
from steadfast.accounts.middleware import VisibilityMiddleware
from steadfast.accounts.services import grant_access

pytestmark = pytest.mark.django_db


def test_a_childs_record_works_out_the_visible_children_and_households_once(client, scenario):
    client.force_login(scenario.users["team_manager"])
    with (
        mock.patch.object(access, "_children_by_rules", wraps=access._children_by_rules) as children,
        mock.patch.object(access, "_households_by_rules", wraps=access._households_by_rules) as households,
    ):
        assert client.get(f"/children/{scenario.children['own'].pk}/").status_code == 200
        assert client.get(f"/households/{scenario.households['own'].pk}/").status_code == 200
    # Once, however many sections asked: the second request uses what the first kept.
    assert children.call_count == 1
    assert households.call_count == 1


@pytest.mark.parametrize(("method", "remembered"), [("get", True), ("head", True), ("post", False)])
def test_only_a_request_that_changes_nothing_remembers(scenario, method, remembered):
    request = getattr(RequestFactory(), method)("/")
    request.user = scenario.users["team_manager"]
    VisibilityMiddleware(lambda r: HttpResponse())(request)
    assert hasattr(request.user, "_visible_ids") is remembered


def test_a_grant_shows_to_a_user_object_no_request_remembered(scenario):
    analyst, child = scenario.users["analyst"], scenario.children["own"]
    assert not access.children_visible_to(analyst).filter(pk=child.pk).exists()
    grant_access(actor=scenario.users["team_manager"], user=analyst, reason="Audit of the file", child=child)
    assert access.children_visible_to(analyst).filter(pk=child.pk).exists()


def test_a_remembering_user_object_sees_exactly_what_the_rules_give(scenario):
    for user in scenario.users.values():
        children = set(access.children_visible_to(user).values_list("pk", flat=True))
        households = set(access.households_visible_to(user).values_list("pk", flat=True))
        access.remember_visibility(user)
        assert set(access.children_visible_to(user).values_list("pk", flat=True)) == children
        assert set(access.households_visible_to(user).values_list("pk", flat=True)) == households


def test_fostering_access_is_asked_afresh_on_a_user_object_no_request_remembered(scenario):
    analyst, household = scenario.users["analyst"], scenario.households["own"]
    assert not access.fostering_access_to_household(analyst, household)
    grant_access(
        actor=scenario.users["fostering_team_manager"],
        user=analyst,
        reason="Audit of the file",
        household=household,
    )
    assert access.fostering_access_to_household(analyst, household)


def test_a_remembering_request_asks_about_fostering_access_once_per_household(scenario):
    ssw, household = scenario.users["supervising_social_worker"], scenario.households["own"]
    access.remember_visibility(ssw)
    with mock.patch.object(access, "_has_fostering_access", wraps=access._has_fostering_access) as asked:
        assert access.fostering_access_to_household(ssw, household)
        assert access.fostering_access_to_household(ssw, household)
    assert asked.call_count == 1
