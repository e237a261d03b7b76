"""A child's social worker ends a placement and starts the next one."""

import pytest
from django.utils import timezone
from playwright.sync_api import Page, expect

from tests.scenario import Scenario

from .conftest import TITLE_END, assert_accessible, click_through, fill_date, sign_in, visit

pytestmark = pytest.mark.browser


def test_a_social_worker_ends_a_placement_and_starts_the_next(page: Page, scenario: Scenario) -> None:
    owen = scenario.children["own"]
    new_home = scenario.households["other"]
    today = timezone.localdate()
    sign_in(page, "social_worker")
    visit(page, f"/children/{owen.pk}/")
    last_12_months = page.locator("#placements-last-12-months")
    expect(last_12_months).to_have_text("1")
    before = int(last_12_months.inner_text())

    click_through(page, page.get_by_role("button", name="End this placement"))
    expect(page.get_by_role("heading", level=1)).to_have_text("End the placement with The Own household")

    # Sent empty: every question is explained, each linked to its field.
    click_through(page, page.get_by_role("button", name="End placement"))
    expect(page).to_have_title(f"Error: End {owen.display_name}'s placement{TITLE_END}")
    summary = page.locator(".govuk-error-summary")
    expect(summary).to_be_focused()
    expect(summary.get_by_role("link")).to_have_text(
        [
            "Enter the date the child moved out",
            "Choose why the placement ended",
            "Say whether the ending was planned",
        ]
    )
    expect(summary.get_by_role("link", name="Enter the date the child moved out")).to_have_attribute(
        "href", "#id_end_date-day"
    )
    expect(page.locator("#id_end_date-error")).to_contain_text("Enter the date the child moved out")
    summary.get_by_role("link", name="Choose why the placement ended").click()
    expect(page.get_by_label("Why did the placement end?")).to_be_focused()
    summary.get_by_role("link", name="Enter the date the child moved out").click()
    expect(page.get_by_role("group", name="Date the child moved out").get_by_label("Day")).to_be_focused()
    assert_accessible(page)

    fill_date(page, "Date the child moved out", today)
    page.get_by_label("Why did the placement end?").select_option(label="Carer asked for the child to move")
    page.get_by_label("No, it was unplanned").check()
    click_through(page, page.get_by_role("button", name="End placement"))

    assert page.url.endswith(f"/children/{owen.pk}/")
    expect(page.locator(".govuk-notification-banner__heading")).to_have_text("The placement has been ended")
    expect(page.get_by_text("Owen Example has no current placement recorded.")).to_be_visible()
    expect(page.locator(".moj-timeline__item").first).to_contain_text(
        "Unplanned ending: Carer asked for the child to move"
    )
    expect(last_12_months).to_have_text(str(before))

    click_through(page, page.get_by_role("button", name="Start a placement"))
    expect(page.get_by_role("heading", level=1)).to_have_text("Start a placement for Owen Example")
    page.get_by_label("Type of placement").select_option(label="Foster care with an approved carer")
    page.get_by_label("Fostering household reference").fill(new_home.reference)
    fill_date(page, "Date the child moved in", today)
    click_through(page, page.get_by_role("button", name="Start placement"))

    assert page.url.endswith(f"/children/{owen.pk}/")
    expect(page.locator(".govuk-notification-banner__heading")).to_have_text("The placement has been started")
    expect(last_12_months).to_have_text(str(before + 1))
    expect(page.locator("#placements-in-care")).to_have_text("2")
    expect(
        page.locator(".govuk-summary-list").first.get_by_role("link", name="The Other household")
    ).to_be_visible()
    expect(page.locator(".moj-timeline__item")).to_have_count(2)
    expect(page.get_by_text("1 move since coming into care.")).to_be_visible()
