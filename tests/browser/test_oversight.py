"""A team manager opens team oversight, follows a count to its list, filters it by worker and
downloads it as CSV."""

import pytest
from playwright.sync_api import Page, expect

from steadfast.accounts.models import AllocationRole
from tests.factories import AllocationFactory, ChildFactory, HouseholdFactory, PlacementFactory, days_ago
from tests.scenario import Scenario

from .conftest import click_through, sign_in, visit

pytestmark = pytest.mark.browser


def _moved_twice(worker, name: str) -> None:
    child = ChildFactory(legal_first_name=name)
    AllocationFactory(child=child, worker=worker, role=AllocationRole.SOCIAL_WORKER)
    PlacementFactory(child=child, start_date=days_ago(700), end_date=days_ago(200), ended=True)
    PlacementFactory(child=child, start_date=days_ago(200), end_date=days_ago(40), ended=True)
    PlacementFactory(
        child=child, start_date=days_ago(40), household=HouseholdFactory(name=f"The {name} home")
    )


def test_a_team_manager_follows_a_count_to_its_list_filters_it_and_downloads_it(
    page: Page, scenario: Scenario
) -> None:
    _moved_twice(scenario.users["social_worker"], "Mover")
    _moved_twice(scenario.users["team_colleague"], "Colleaguechild")

    sign_in(page, "team_manager")
    click_through(page, page.get_by_role("link", name="Team oversight", exact=True))
    expect(page.get_by_role("heading", level=1)).to_have_text("Team oversight")
    counts = page.locator("#placement-counts")
    expect(
        counts.get_by_role("row", name="Children with 3 or more placements in the last 12 months")
    ).to_contain_text("2")

    click_through(
        page, counts.get_by_role("link", name="Children with 3 or more placements in the last 12 months")
    )
    expect(page.locator("#results-summary")).to_have_text("Showing 1 to 2 of 2 children.")
    colleague = scenario.users["team_colleague"].get_full_name()
    page.get_by_label("Worker", exact=True).select_option(label=colleague)
    click_through(page, page.get_by_role("button", name="Apply filters"))
    table = page.locator("#oversight-list")
    expect(table).to_contain_text("Colleaguechild")
    expect(table).not_to_contain_text("Mover")
    expect(table).to_contain_text("No")

    with page.expect_download() as download:
        page.get_by_role("link", name="CSV").click()
    body = download.value.path().read_text(encoding="utf-8-sig")
    assert "Colleaguechild Example" in body and "Mover" not in body

    click_through(page, page.get_by_role("link", name="Arrange a meeting for Colleaguechild Example"))
    expect(page.get_by_role("heading", level=1)).to_contain_text("Arrange")

    # A work list: the statutory visit to Owen is overdue.
    visit(page, "/oversight/")
    click_through(page, page.locator("#work-counts").get_by_role("link", name="Statutory visits overdue"))
    expect(page.locator("#oversight-list")).to_contain_text(scenario.children["own"].display_name)
    expect(page.locator("#oversight-list")).to_contain_text("days late")

    visit(page, "/oversight/?team=999999")
    expect(page.locator(".govuk-error-summary")).to_contain_text("Select a team from the list")
