import datetime

import pytest
from django.utils import timezone

from steadfast.audit.models import AuditEvent
from steadfast.restrictions.models import RestrictionReview
from steadfast.restrictions.services import RESTRICTION_REVIEWED
from tests.factories import AccessGrantFactory, ChildFactory
from tests.queries import queries_for
from tests.scenario import USERNAMES

pytestmark = pytest.mark.django_db


def _grant_manager(scenario):
    manager = scenario.users["team_manager"]
    AccessGrantFactory(child=scenario.children["restricted"], user=manager)
    return manager


def test_a_restricted_child_never_reviewed_is_listed_as_overdue_for_the_granted_manager(client, scenario):
    child = scenario.children["restricted"]
    manager = _grant_manager(scenario)
    type(child).history.filter(id=child.pk).update(history_date=timezone.now() - datetime.timedelta(days=100))
    client.force_login(manager)
    page = client.get("/restrictions/").content.decode()
    assert child.display_name in page
    assert "Overdue" in page


def test_the_list_names_nothing_the_manager_is_not_granted(client, scenario):
    child = scenario.children["restricted"]
    type(child).history.filter(id=child.pk).update(history_date=timezone.now() - datetime.timedelta(days=100))
    client.force_login(scenario.users["team_manager"])  # a manager, but not granted it
    page = client.get("/restrictions/").content.decode()
    assert child.display_name not in page
    assert "No restricted record you are granted is due for review." in page


@pytest.mark.parametrize(
    "username",
    [
        u
        for u in USERNAMES
        if u
        not in {
            "team_manager",
            "other_team_manager",
            "fostering_team_manager",
            "assistant_team_manager",
            "senior_practitioner",
        }
    ],
)
def test_the_list_is_404_for_those_who_are_not_managers(client, scenario, username):
    client.force_login(scenario.users[username])
    assert client.get("/restrictions/").status_code == 404


def test_the_list_costs_the_same_however_many_restricted_records(client, scenario):
    manager = _grant_manager(scenario)
    client.force_login(manager)
    before = queries_for(client, "/restrictions/")
    for _ in range(5):
        AccessGrantFactory(child=ChildFactory(restricted=True), user=manager)
    assert queries_for(client, "/restrictions/") == before


def test_the_granted_manager_records_a_review_and_the_record_shows_when_it_is_next_due(client, scenario):
    child = scenario.children["restricted"]
    manager = _grant_manager(scenario)
    client.force_login(manager)
    response = client.post(
        f"/children/{child.pk}/restriction/review/", {"decision": "keep", "reason": "Risk from a relative"}
    )
    assert response.status_code == 302
    page = client.get(f"/children/{child.pk}/").content.decode()
    today = timezone.localdate()
    assert "Restricted record review" in page
    assert "Risk from a relative" in page
    next_due = today + datetime.timedelta(days=90)
    assert f"{next_due.day} {next_due:%B %Y}" in page
    assert AuditEvent.objects.filter(event_type=RESTRICTION_REVIEWED, actor=manager).count() == 1


def test_a_review_without_a_decision_or_reason_says_what_to_do_and_saves_nothing(client, scenario):
    child = scenario.children["restricted"]
    client.force_login(_grant_manager(scenario))
    page = client.post(f"/children/{child.pk}/restriction/review/", {"reason": " "}).content.decode()
    assert "Choose whether to keep the record restricted or lift the restriction" in page
    assert "Say why the record should stay restricted or be opened" in page
    assert not RestrictionReview.objects.exists()


@pytest.mark.parametrize("username", [u for u in USERNAMES if u != "team_manager"])
def test_the_review_page_is_404_for_everyone_but_a_granted_manager(client, scenario, username):
    child = scenario.children["restricted"]
    _grant_manager(scenario)
    client.force_login(scenario.users[username])
    assert client.get(f"/children/{child.pk}/restriction/review/").status_code == 404
    assert (
        client.post(
            f"/children/{child.pk}/restriction/review/", {"decision": "lift", "reason": "x"}
        ).status_code
        == 404
    )
    child.refresh_from_db()
    assert child.restricted


def test_a_household_review_is_404_for_its_supervising_social_worker_without_a_grant(client, scenario):
    household = scenario.households["restricted"]
    client.force_login(scenario.users["supervising_social_worker"])
    assert client.get(f"/households/{household.pk}/restriction/review/").status_code == 404
