"""The statutory visits on a household's record: those to the children living there, as the
reader may see them."""

import datetime
import html
import re

import pytest
from django.utils import timezone

from steadfast.audit.models import AuditEvent
from steadfast.audit.services import HOUSEHOLD_VIEWED
from steadfast.visits import services
from tests.factories import HouseholdAllocationFactory, HouseholdFactory, PlacementFactory, days_ago
from tests.queries import queries_for

pytestmark = pytest.mark.django_db


def _visit(scenario, *, child="own", days_ago_=0, seen=True):
    return services.record_statutory_visit(
        actor=scenario.users["social_worker"],
        child=scenario.children[child],
        date=timezone.localdate() - datetime.timedelta(days=days_ago_),
        place="At the carers' home",
        child_seen=seen,
        seen_alone=False,
        child_said="Words from the child." if seen else "",
        observations="",
    )


def _section(page: str) -> str:
    return page.split('id="statutory-visits"')[1].split('<h2 class="govuk-heading-m"')[0]


def _listed(page: str) -> list[str]:
    return re.findall(r'href="/visits/(\d+)/"', _section(page))


def test_the_household_shows_each_child_living_there_with_their_last_visit_and_the_next_due(client, scenario):
    home = scenario.households["own"]
    visit = _visit(scenario, days_ago_=10)
    client.force_login(scenario.users["supervising_social_worker"])
    page = html.unescape(client.get(f"/households/{home.pk}/").content.decode())
    section = _section(page)
    assert "Statutory visits to the children living here" in page
    last, due = days_ago(10), days_ago(10) + datetime.timedelta(days=42)
    assert "Owen Example" in section
    assert f"{last.day} {last:%B %Y}" in section and f"{due.day} {due:%B %Y}" in section
    assert _listed(page) == [str(visit.pk)]
    assert f"{last.day} {last:%B %Y}: Owen Example, seen" in section
    assert AuditEvent.objects.filter(event_type=HOUSEHOLD_VIEWED, household_id=home.pk).count() == 1


def test_a_child_never_visited_in_the_home_is_shown_overdue(client, scenario):
    client.force_login(scenario.users["supervising_social_worker"])
    section = _section(client.get(f"/households/{scenario.households['own'].pk}/").content.decode())
    assert "Not yet visited here" in section and "Overdue" in section
    assert "No statutory visit has been recorded here." in section


def test_a_restricted_childs_visits_show_only_to_those_who_may_see_the_child(client, scenario):
    home = scenario.households["own"]
    owen, rhea = _visit(scenario), _visit(scenario, child="restricted")
    client.force_login(scenario.users["social_worker"])  # granted Rhea by name
    assert set(_listed(client.get(f"/households/{home.pk}/").content.decode())) == {
        str(owen.pk),
        str(rhea.pk),
    }
    client.force_login(scenario.users["supervising_social_worker"])
    page = client.get(f"/households/{home.pk}/").content.decode()
    assert _listed(page) == [str(owen.pk)]
    assert "Rhea" not in _section(page)


def test_a_visit_is_shown_on_the_home_the_child_lived_in_that_day_not_their_home_now(client, scenario):
    earlier = HouseholdFactory(name="The Example household")
    HouseholdAllocationFactory(household=earlier, worker=scenario.users["supervising_social_worker"])
    PlacementFactory(
        child=scenario.children["own"],
        household=earlier,
        start_date=days_ago(400),
        end_date=days_ago(200),
        ended=True,
    )
    before, now = _visit(scenario, days_ago_=300), _visit(scenario)
    client.force_login(scenario.users["supervising_social_worker"])
    page = client.get(f"/households/{earlier.pk}/").content.decode()
    assert _listed(page) == [str(before.pk)]
    # Owen no longer lives there, so he is not among the children living there now.
    assert "household-visits-due" not in _section(page)
    page = client.get(f"/households/{scenario.households['own'].pk}/").content.decode()
    assert _listed(page) == [str(now.pk)]


@pytest.mark.parametrize("role", ["other_social_worker", "analyst", "foster_carer"])
def test_those_who_may_not_see_the_household_get_404_and_no_visit(client, scenario, role):
    _visit(scenario)
    client.force_login(scenario.users[role])
    assert client.get(f"/households/{scenario.households['own'].pk}/").status_code == 404
    assert client.get("/households/987654321/").status_code == 404


def test_a_household_with_no_child_the_reader_may_see_has_no_visits_section(client, scenario):
    client.force_login(scenario.users["team_manager"])
    page = client.get(f"/households/{scenario.households['other'].pk}/").content.decode()
    assert 'id="statutory-visits"' not in page


def test_the_households_record_costs_the_same_queries_however_many_visits_and_children(client, scenario):
    home = scenario.households["own"]
    client.force_login(scenario.users["social_worker"])
    path = f"/households/{home.pk}/"
    _visit(scenario, days_ago_=60)
    one = queries_for(client, path)
    for days in (40, 20, 1):
        _visit(scenario, days_ago_=days)
        _visit(scenario, child="restricted", days_ago_=days)
    PlacementFactory(household=home, start_date=days_ago(30))
    assert queries_for(client, path) == one
