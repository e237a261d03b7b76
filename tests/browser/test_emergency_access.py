"""A worker opens a child's record in an emergency, sees when their access ends, and the child's
manager sees the opening, lists it and ends it early."""

import pytest
from playwright.sync_api import Page, expect

from tests.scenario import Scenario

from .conftest import assert_accessible, click_through, sign_in, visit

pytestmark = pytest.mark.browser


def test_opening_a_record_in_an_emergency_and_a_manager_ending_it(
    page: Page, other_page: Page, scenario: Scenario
) -> None:
    otto = scenario.children["other"]
    worker = scenario.users["social_worker"]
    sign_in(page, "social_worker")
    visit(page, "/children/")
    click_through(page, page.get_by_role("link", name="Open a record in an emergency"))
    expect(page.get_by_role("heading", level=1)).to_have_text("Open a record in an emergency")

    click_through(page, page.get_by_role("button", name="Open the record"))
    expect(page.locator(".govuk-error-summary").get_by_role("link")).to_have_text(
        [
            "Enter the child's identifier",
            "Say why you need to open this record now",
            "Confirm that you understand this opening is recorded and the child's managers are told",
        ]
    )
    assert_accessible(page)

    page.get_by_label("Child identifier").fill("NO-SUCH-CHILD")
    page.get_by_label("Why you need to open this record now").fill(
        "Police called about a missing child tonight"
    )
    page.get_by_label("I understand").check()
    click_through(page, page.get_by_role("button", name="Open the record"))
    expect(page.locator(".govuk-error-summary")).to_contain_text("No record can be opened in an emergency")

    page.get_by_label("Child identifier").fill(otto.child_identifier)
    page.get_by_label("I understand").check()
    click_through(page, page.get_by_role("button", name="Open the record"))
    expect(page.get_by_role("heading", level=1)).to_contain_text(otto.display_name)
    expect(page.locator("#emergency-access-banner")).to_contain_text(
        "Your emergency access to this record ends at"
    )

    sign_in(other_page, "other_team_manager")
    visit(other_page, "/emergency-openings/")
    openings = other_page.locator("#opening-list")
    expect(openings).to_contain_text(worker.get_full_name())
    expect(openings).to_contain_text("Police called about a missing child tonight")
    click_through(other_page, openings.get_by_role("link", name=otto.display_name))
    emergency = other_page.locator("#emergency-grants")
    expect(emergency).to_contain_text("Police called about a missing child tonight")
    click_through(
        other_page, emergency.get_by_role("button", name=f"End emergency access for {worker.get_full_name()}")
    )
    expect(other_page.locator(".govuk-notification-banner__heading")).to_have_text(
        f"{worker.get_full_name()}'s emergency access to this record has ended"
    )

    visit(page, f"/children/{otto.pk}/", status=404)
    expect(page.get_by_role("link", name="open a record in an emergency")).to_be_visible()
