import pytest

from steadfast.audit.models import AuditEvent
from steadfast.audit.services import HOUSEHOLD_VIEWED
from tests.factories import ChildFactory, HouseholdMemberFactory, PlacementFactory, days_ago
from tests.queries import queries_for

pytestmark = pytest.mark.django_db


def _page(client, user, household) -> str:
    client.force_login(user)
    response = client.get(f"/households/{household.pk}/")
    assert response.status_code == 200
    return response.content.decode()


def test_the_address_is_shown_to_the_supervising_social_worker_and_the_childs_social_worker(client, scenario):
    household = scenario.households["own"]
    for role in ("supervising_social_worker", "social_worker"):
        assert household.address_line_1 in _page(client, scenario.users[role], household), role


def test_the_address_is_withheld_from_those_who_do_not_need_it(client, scenario):
    household = scenario.households["own"]
    for role in ("iro", "team_colleague", "team_manager"):
        page = _page(client, scenario.users[role], household)
        assert household.address_line_1 not in page, role
        assert "Withheld" in page


def test_a_restricted_child_living_in_the_household_is_not_shown_to_its_supervising_social_worker(
    client, scenario
):
    page = _page(client, scenario.users["supervising_social_worker"], scenario.households["own"])
    assert "Owen" in page
    assert "Rhea" not in page


def test_the_fostering_service_sees_every_child_the_household_cared_for(client, scenario):
    household = scenario.households["own"]
    earlier = ChildFactory(legal_first_name="Ember")
    PlacementFactory(
        child=earlier,
        household=household,
        start_date=days_ago(900),
        end_date=days_ago(400),
        end_reason="carer_requested",
        ending_planned=False,
    )
    page = _page(client, scenario.users["supervising_social_worker"], household)
    assert "Ember" in page
    assert "Child's placements, last 12 months" in page
    assert "Ember" not in _page(client, scenario.users["social_worker"], household)


def test_opening_a_household_is_audited(client, scenario):
    household = scenario.households["own"]
    _page(client, scenario.users["supervising_social_worker"], household)
    assert AuditEvent.objects.filter(event_type=HOUSEHOLD_VIEWED, household_id=household.pk).count() == 1


def test_a_household_page_costs_the_same_queries_however_many_children_it_has_cared_for(client, scenario):
    household = scenario.households["own"]
    user = scenario.users["supervising_social_worker"]
    client.force_login(user)

    few = queries_for(client, f"/households/{household.pk}/")
    for n in range(10):
        PlacementFactory(
            household=household,
            start_date=days_ago(3000 - n * 200),
            end_date=days_ago(2900 - n * 200),
            ended=True,
        )
        HouseholdMemberFactory(household=household, full_name=f"Member {n}")
    assert queries_for(client, f"/households/{household.pk}/") == few


def test_the_household_list_costs_the_same_queries_for_more_households(client, scenario):
    from tests.factories import HouseholdAllocationFactory

    user = scenario.users["supervising_social_worker"]
    client.force_login(user)

    few = queries_for(client, "/households/")
    for _ in range(10):
        HouseholdAllocationFactory(worker=user)
    assert queries_for(client, "/households/") == few


def test_the_household_list_and_its_search_give_each_households_reference_and_carers(client, scenario):
    from tests.factories import HouseholdAllocationFactory, HouseholdFactory

    ssw = scenario.users["supervising_social_worker"]
    twins = [HouseholdFactory(name="The Whitlock household") for _ in range(2)]
    for home, carer in zip(twins, ("Jan Whitlock", "Sam Whitlock"), strict=True):
        HouseholdAllocationFactory(household=home, worker=ssw)
        HouseholdMemberFactory(household=home, full_name=carer)
    HouseholdMemberFactory(household=twins[1], full_name="Alex Whitlock")
    client.force_login(ssw)
    page = client.get("/households/", {"q": "Whitlock"}).content.decode()
    assert twins[0].reference in page and twins[1].reference in page
    assert '<td class="govuk-table__cell">Jan Whitlock</td>' in page
    assert '<td class="govuk-table__cell">Alex Whitlock and Sam Whitlock</td>' in page
    found = client.get("/households/", {"q": twins[1].reference}).content.decode()
    assert "Sam Whitlock" in found and "Jan Whitlock" not in found


def test_the_household_list_never_names_another_teams_household_or_its_carers(client, scenario):
    HouseholdMemberFactory(household=scenario.households["other"], full_name="Kept Apart")
    client.force_login(scenario.users["other_supervising_social_worker"])
    assert "Kept Apart" in client.get("/households/").content.decode()
    client.force_login(scenario.users["supervising_social_worker"])
    page = client.get("/households/").content.decode()
    assert "Kept Apart" not in page and scenario.households["other"].name not in page
    assert client.get(f"/households/{scenario.households['other'].pk}/").status_code == 404
