"""My work, the start page: each person sees their own work, grouped and sorted, with a link to
act on each item, and a manager a link to team oversight."""

import datetime
import re

import pytest
from django.utils import timezone

from steadfast.accounts.models import AllocationRole
from steadfast.my_work import views, work
from steadfast.signals.tests.helpers import raise_concern
from tests.factories import AllocationFactory, ChildFactory, PlacementFactory
from tests.queries import queries_for

pytestmark = pytest.mark.django_db


def page_of(client, user) -> str:
    client.force_login(user)
    response = client.get("/")
    assert response.status_code == 200
    return response.content.decode()


def keys_on(html: str) -> list[str]:
    return re.findall(r'data-work-item="([^"]+)"', html)


def test_a_social_worker_sees_their_overdue_visits_each_with_a_red_tag_and_a_link_to_record_one(
    client, scenario
):
    html = page_of(client, scenario.users["social_worker"])
    owen = scenario.children["own"]
    assert '<h1 class="govuk-heading-l">My work</h1>' in html
    assert f'href="/children/{owen.pk}/visits/record/"' in html
    assert "Owen Example: the next statutory visit is due by" in html
    assert 'govuk-tag govuk-tag--red">Overdue</strong>' in html
    assert 'href="#visit_overdue">Statutory visits overdue</a>' in html


def test_the_page_shows_the_users_own_items_in_the_order_of_their_work(client, scenario):
    raise_concern(scenario)
    for username in ("social_worker", "team_manager", "supervising_social_worker", "other_social_worker"):
        user = scenario.users[username]
        items = work.work_for(user, today=timezone.localdate())
        # Grouped by kind in urgency order; within a kind, overdue first, then by date.
        grouped = [i.key for kind in work.WORK_KINDS for i in items if i.kind == kind]
        assert keys_on(page_of(client, user)) == grouped, username


def test_the_team_manager_sees_a_concern_to_decide_and_the_social_worker_does_not(client, scenario):
    concern = raise_concern(scenario)
    assert f'href="/concerns/{concern.pk}/triage/"' in page_of(client, scenario.users["team_manager"])
    assert f"/concerns/{concern.pk}/triage/" not in page_of(client, scenario.users["social_worker"])


def test_a_worker_never_sees_another_workers_items(client, scenario):
    own = set(keys_on(page_of(client, scenario.users["social_worker"])))
    other = set(keys_on(page_of(client, scenario.users["other_social_worker"])))
    assert own and other and not own & other
    assert "Owen Example" not in page_of(client, scenario.users["other_social_worker"])
    assert "Otto Example" not in page_of(client, scenario.users["social_worker"])


def test_the_summary_counts_each_kind_and_what_is_overdue(client, scenario):
    html = page_of(client, scenario.users["supervising_social_worker"])
    items = work.work_for(scenario.users["supervising_social_worker"], today=timezone.localdate())
    overdue = sum(1 for i in items if i.overdue)
    assert f"{len(items)} things to do, {overdue} overdue" in html
    row = re.search(r'data-kind="supervision_overdue">(.*?)</tr>', html, re.S).group(1)
    assert re.findall(r">(\d+)</td>", row) == ["2", "2"]


@pytest.mark.parametrize("username", ["analyst", "iro", "administrator"])
def test_someone_with_nothing_due_is_told_so(client, scenario, username):
    html = page_of(client, scenario.users[username])
    assert views.NOTHING_DUE in html
    assert "data-work-item" not in html


def test_a_foster_carer_is_sent_on_to_their_portal(client, scenario):
    client.force_login(scenario.users["foster_carer"])
    assert client.get("/")["Location"] == "/portal/"


def test_someone_not_signed_in_is_asked_to_sign_in(client):
    assert client.get("/")["Location"].startswith("/accounts/login/")


def test_my_work_is_the_first_thing_in_the_staff_navigation(client, scenario):
    html = page_of(client, scenario.users["social_worker"])
    nav = html[html.index("govuk-service-navigation__list") :]
    first = re.search(
        r'<a class="govuk-service-navigation__link" href="([^"]+)"([^>]*)>\s*(?:<strong[^>]*>)?\s*([^<]+)',
        nav,
    )
    assert first.group(1) == "/" and first.group(3).strip() == "My work"
    assert "aria-current" in first.group(2)


def test_a_manager_is_linked_to_team_oversight(client, scenario):
    html = page_of(client, scenario.users["team_manager"])
    assert html.count('href="/oversight/"') == 2  # in the navigation and on the page
    assert 'href="/oversight/"' not in page_of(client, scenario.users["social_worker"])


def test_my_work_costs_the_same_queries_however_much_work_there_is(client, scenario):
    client.force_login(scenario.users["social_worker"])
    raise_concern(scenario)
    before = queries_for(client, "/")
    for n in range(6):
        child = ChildFactory()
        AllocationFactory(
            child=child, worker=scenario.users["social_worker"], role=AllocationRole.SOCIAL_WORKER
        )
        PlacementFactory(
            child=child,
            household=scenario.households["own"],
            start_date=timezone.localdate() - datetime.timedelta(days=50 + n),
        )
        raise_concern(scenario)
    assert len(keys_on(client.get("/").content.decode())) > 6
    assert queries_for(client, "/") == before


@pytest.mark.parametrize("username", ["team_manager", "supervising_social_worker", "fostering_team_manager"])
def test_a_managers_and_a_supervising_social_workers_page_costs_the_same_however_much_work(
    client, scenario, username
):
    client.force_login(scenario.users[username])
    before = queries_for(client, "/")
    for _ in range(4):
        raise_concern(scenario)
        child = ChildFactory()
        AllocationFactory(
            child=child, worker=scenario.users["team_colleague"], role=AllocationRole.SOCIAL_WORKER
        )
        PlacementFactory(child=child, household=scenario.households["own"])
    assert queries_for(client, "/") == before


def test_a_fostering_team_manager_sees_overdue_supervision_with_a_link_to_record_it(client, scenario):
    household = scenario.households["own"]
    html = page_of(client, scenario.users["fostering_team_manager"])
    assert 'href="#supervision_overdue">Supervision overdue</a>' in html
    assert f'href="/households/{household.pk}/supervision/record/"' in html
    assert household.name in html
    assert scenario.households["other"].name not in html
