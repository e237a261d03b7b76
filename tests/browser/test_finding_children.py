"""Finding a child, reading their record and their home; what nobody else may see; what a manager sees."""

import os
from pathlib import Path

import pytest
from playwright.sync_api import Page, expect

from steadfast.accounts.models import Role
from steadfast.audit.services import CHILD_VIEWED, record_view
from steadfast.placements.models import EndReason
from tests.factories import (
    AllocationFactory,
    ChildFactory,
    HouseholdAllocationFactory,
    HouseholdFactory,
    PlacementFactory,
    days_ago,
)
from tests.scenario import Scenario

from .conftest import TITLE_END, click_through, sign_in, visit

pytestmark = pytest.mark.browser


@pytest.fixture
def unsettled_child(scenario: Scenario):
    """A child of the North social worker's who has lived in three homes in the last year."""
    child = ChildFactory(legal_first_name="Petra", legal_last_name="Moverley")
    AllocationFactory(child=child, worker=scenario.users["social_worker"])
    first = HouseholdFactory(name="The Alder household")
    second = HouseholdFactory(name="The Birch household")
    now = HouseholdFactory(name="The Cedar household")
    HouseholdAllocationFactory(household=now, worker=scenario.users["supervising_social_worker"])
    PlacementFactory(
        child=child,
        household=first,
        start_date=days_ago(300),
        end_date=days_ago(200),
        end_reason=EndReason.CARER_REQUESTED,
        ending_planned=False,
    )
    PlacementFactory(
        child=child,
        household=second,
        start_date=days_ago(200),
        end_date=days_ago(60),
        end_reason=EndReason.CARE_PLAN_CHANGED,
        ending_planned=True,
    )
    PlacementFactory(child=child, household=now, start_date=days_ago(60))
    return child


def test_a_social_worker_finds_an_unsettled_child_and_their_home_but_not_another_teams_child(
    page: Page, scenario: Scenario, unsettled_child
) -> None:
    sign_in(page, "social_worker")
    click_through(page, page.get_by_role("link", name="Children", exact=True))
    children = page.get_by_role("table", name="Children you can see")
    expect(children.get_by_role("link", name="Owen Example")).to_be_visible()
    expect(children.get_by_role("link", name="Petra Moverley")).to_be_visible()
    expect(children.get_by_role("link", name="Otto Example")).to_have_count(0)  # another team's child

    search = page.get_by_role("search", name="Find children")
    search.get_by_label("Name or child identifier").fill("petra")
    click_through(page, search.get_by_role("button", name="Apply filters"))
    expect(page.locator("#results-summary")).to_contain_text("Showing 1 to 1 of 1 child.")
    expect(children.get_by_role("link", name="Petra Moverley")).to_be_visible()

    click_through(page, page.get_by_role("link", name="Clear filters"))
    search.get_by_label("Placements in the last 12 months").select_option(
        label="3 or more in the last 12 months"
    )
    click_through(page, search.get_by_role("button", name="Apply filters"))
    expect(children.locator("tbody tr")).to_have_count(1)
    row = children.locator("tbody tr").first
    expect(row.get_by_role("link", name="Petra Moverley")).to_be_visible()
    expect(row.locator(".govuk-tag--red")).to_have_text("3")

    click_through(page, row.get_by_role("link", name="Petra Moverley"))
    assert page.url.endswith(f"/children/{unsettled_child.pk}/")
    expect(page.get_by_role("heading", level=1)).to_have_text("Petra Moverley")
    expect(page.locator("#placements-last-12-months")).to_have_text("3")
    expect(page.locator("#placements-in-care")).to_have_text("3")
    expect(page.locator("#placement-counts .govuk-tag--red")).to_have_text("3 or more")
    timeline = page.locator(".moj-timeline")
    expect(timeline.locator(".moj-timeline__item")).to_have_count(3)
    expect(timeline.locator(".moj-timeline__title")).to_have_text(
        ["The Cedar household", "The Birch household", "The Alder household"]
    )
    expect(timeline.locator(".moj-timeline__item").first).to_contain_text("Current placement")
    expect(timeline.locator(".moj-timeline__item").last).to_contain_text(
        "Unplanned ending: Carer asked for the child to move"
    )
    expect(page.get_by_text("2 moves since coming into care.")).to_be_visible()
    expect(page.get_by_role("heading", name="Who has viewed this record")).to_have_count(0)

    if os.environ.get("BROWSER_SCREENSHOT_DIR"):
        page.screenshot(path=Path(os.environ["BROWSER_SCREENSHOT_DIR"]) / "child-page.png", full_page=True)

    current_home = page.locator(".govuk-summary-list").first
    click_through(page, current_home.get_by_role("link", name="The Cedar household"))
    expect(page.get_by_role("heading", level=1)).to_have_text("The Cedar household")
    living_here = page.get_by_role("table", name="Children living here now")
    expect(living_here.get_by_role("link", name="Petra Moverley")).to_be_visible()

    click_through(page, page.locator(".govuk-service-navigation").get_by_role("link", name="Households"))
    expect(page.get_by_role("heading", level=1)).to_have_text("Fostering households")
    households = page.get_by_role("table", name="Households you can see")
    expect(households.get_by_role("link", name="The Cedar household")).to_be_visible()
    expect(households.get_by_role("link", name="The Own household")).to_be_visible()  # Owen's home
    expect(households.get_by_role("link", name="The Alder household")).to_have_count(0)  # she has left

    # Another team's child is answered exactly as a child who does not exist.
    visit(page, f"/children/{scenario.children['other'].pk}/", status=404)
    expect(page).to_have_title("Page not found" + TITLE_END)
    expect(page.get_by_role("heading", level=1)).to_have_text("Page not found")
    expect(page.get_by_text("Otto")).to_have_count(0)


def test_a_team_manager_sees_who_has_viewed_a_childs_record(page: Page, scenario: Scenario) -> None:
    owen = scenario.children["own"]
    social_worker = scenario.users["social_worker"]
    manager = scenario.users["team_manager"]
    assert manager.role == Role.TEAM_MANAGER
    record_view(actor=social_worker, event_type=CHILD_VIEWED, child_id=owen.pk)
    record_view(actor=social_worker, event_type=CHILD_VIEWED, child_id=owen.pk)

    sign_in(page, "team_manager")
    visit(page, f"/children/{owen.pk}/")
    expect(page.get_by_role("heading", name="Who has viewed this record")).to_be_visible()
    viewers = page.locator("#record-viewers li")
    expect(viewers).to_have_count(2)
    expect(viewers.first).to_contain_text(f"{manager.get_full_name()}: 1 time, last ")  # most recent first
    expect(viewers.last).to_contain_text(f"{social_worker.get_full_name()}: 2 times, last ")
