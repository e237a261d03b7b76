import html
import re

import pytest

from steadfast.placements.forms import CHOOSE_A_HOME, UNKNOWN_HOUSEHOLD
from steadfast.placements.models import Placement
from steadfast.placements.services import LONG_TERM_IN_FUTURE, OVERLAPS
from tests.factories import HouseholdFactory, days_ago

pytestmark = pytest.mark.django_db


def _text(response) -> str:
    return html.unescape(response.content.decode())


def _count(client, child) -> int:
    page = client.get(f"/children/{child.pk}/").content.decode()
    return int(re.search(r'id="placements-last-12-months">(\d+)<', page).group(1))


def _date(prefix: str, day) -> dict[str, str]:
    return {f"{prefix}-day": str(day.day), f"{prefix}-month": str(day.month), f"{prefix}-year": str(day.year)}


def _end(client, scenario, **data):
    placement = scenario.children["own"].placements.get(end_date__isnull=True)
    return placement, client.post(
        f"/placements/{placement.pk}/end/", {"seen_version": placement.version} | data
    )


def test_an_empty_end_form_explains_what_is_missing_and_ends_nothing(client, scenario):
    client.force_login(scenario.users["social_worker"])
    placement, response = _end(client, scenario)
    page = response.content.decode()
    assert "There is a problem" in page
    assert "Enter the date the child moved out" in page
    assert "Choose why the placement ended" in page
    placement.refresh_from_db()
    assert placement.end_date is None


def test_ending_then_starting_a_placement_moves_the_count_on_the_childs_record(client, scenario):
    child = scenario.children["own"]
    client.force_login(scenario.users["social_worker"])
    before = _count(client, child)
    _end(
        client, scenario, **_date("end_date", days_ago(1)), end_reason="carer_requested", ending_planned="no"
    )
    new_home = HouseholdFactory(reference="FH-NEW1")
    response = client.post(
        f"/children/{child.pk}/placements/start/",
        {
            "placement_type": "foster_approved_carer",
            "household_reference": "fh-new1",
            **_date("start_date", days_ago(1)),
        },
    )
    assert response.status_code == 302
    assert child.placements.get(end_date__isnull=True).household == new_home
    assert _count(client, child) == before + 1


def test_a_restricted_households_reference_answers_as_if_it_did_not_exist(client, scenario):
    child = scenario.children["own"]
    client.force_login(scenario.users["social_worker"])
    _end(
        client, scenario, **_date("end_date", days_ago(1)), end_reason="carer_requested", ending_planned="no"
    )
    for reference in (scenario.households["restricted"].reference, "NO-SUCH-REF"):
        page = client.post(
            f"/children/{child.pk}/placements/start/",
            {
                "placement_type": "foster_approved_carer",
                "household_reference": reference,
                **_date("start_date", days_ago(1)),
            },
        )
        assert UNKNOWN_HOUSEHOLD in _text(page)
    assert child.placements.filter(end_date__isnull=True).count() == 0


def test_a_start_form_without_a_home_asks_for_one(client, scenario):
    child = scenario.children["own"]
    client.force_login(scenario.users["social_worker"])
    page = client.post(
        f"/children/{child.pk}/placements/start/",
        {"placement_type": "residential", **_date("start_date", days_ago(1))},
    )
    assert CHOOSE_A_HOME in _text(page)


def test_a_service_refusal_is_shown_on_the_form(client, scenario):
    child = scenario.children["own"]
    client.force_login(scenario.users["social_worker"])
    _end(
        client, scenario, **_date("end_date", days_ago(1)), end_reason="carer_requested", ending_planned="no"
    )
    page = client.post(
        f"/children/{child.pk}/placements/start/",
        {
            "placement_type": "foster_approved_carer",
            "household_reference": scenario.households["own"].reference,
            **_date("start_date", days_ago(30)),
        },
    )
    assert OVERLAPS in _text(page)
    assert Placement.objects.filter(child=child).count() == 1


def test_a_user_who_may_not_change_the_child_cannot_end_their_placement_by_posting(client, scenario):
    client.force_login(scenario.users["iro"])
    placement, response = _end(
        client, scenario, **_date("end_date", days_ago(1)), end_reason="carer_requested", ending_planned="no"
    )
    assert response.status_code == 404
    placement.refresh_from_db()
    assert placement.end_date is None


def test_the_social_worker_records_from_the_childs_record_that_the_placement_is_long_term(client, scenario):
    child = scenario.children["own"]
    placement = child.placements.get()
    client.force_login(scenario.users["social_worker"])
    record = _text(client.get(f"/children/{child.pk}/"))
    assert (
        f'href="/placements/{placement.pk}/long-term/">Record that this placement is agreed as long-term'
        in record
    )
    response = client.post(
        f"/placements/{placement.pk}/long-term/",
        {"seen_version": placement.version, **_date("agreed_on", days_ago(3))},
    )
    assert response.status_code == 302
    assert response["Location"] == f"/children/{child.pk}/"
    record = _text(client.get(response["Location"]))
    assert "The placement has been recorded as agreed as long-term" in record
    assert f"/placements/{placement.pk}/long-term/" not in record
    day = days_ago(3)
    assert f"{day.day} {day:%B %Y}" in record.split("Agreed as long-term")[1].split("</dd>")[0]


def test_a_wrong_long_term_date_is_explained_beside_the_field(client, scenario):
    placement = scenario.children["own"].placements.get()
    client.force_login(scenario.users["social_worker"])
    page = _text(client.post(f"/placements/{placement.pk}/long-term/", {}))
    assert 'href="#id_agreed_on-day">Enter the date it was agreed' in page
    page = _text(
        client.post(
            f"/placements/{placement.pk}/long-term/",
            {"seen_version": placement.version, **_date("agreed_on", days_ago(-2))},
        )
    )
    assert f'href="#id_agreed_on-day">{LONG_TERM_IN_FUTURE}' in page
    placement.refresh_from_db()
    assert placement.agreed_long_term_on is None


@pytest.mark.parametrize("role", ["iro", "supervising_social_worker", "other_social_worker", "foster_carer"])
def test_those_who_may_not_change_the_child_get_404_for_the_long_term_page(client, scenario, role):
    child = scenario.children["own"]
    placement = child.placements.get()
    client.force_login(scenario.users[role])
    assert client.get(f"/placements/{placement.pk}/long-term/").status_code == 404
    response = client.post(
        f"/placements/{placement.pk}/long-term/",
        {"seen_version": placement.version, **_date("agreed_on", days_ago(3))},
    )
    assert response.status_code == 404
    placement.refresh_from_db()
    assert placement.agreed_long_term_on is None
    if role in ("iro", "supervising_social_worker"):  # those who may see the child's record
        assert "/long-term/" not in client.get(f"/children/{child.pk}/").content.decode()


def test_the_long_term_page_of_a_placement_that_does_not_exist_is_404(client, scenario):
    client.force_login(scenario.users["social_worker"])
    assert client.get("/placements/987654321/long-term/").status_code == 404
