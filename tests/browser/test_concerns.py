"""A carer's worry becomes a concern on the child's record and a manager's decision on both records."""

import pytest
from playwright.sync_api import Page, expect

from tests.scenario import Scenario

from .conftest import assert_accessible, click_through, sign_in, sign_out, visit

pytestmark = pytest.mark.browser


def test_a_concern_is_raised_explained_when_incomplete_and_decided_by_a_manager(
    page: Page, scenario: Scenario
) -> None:
    owen = scenario.children["own"]
    household = scenario.households["own"]
    sign_in(page, "supervising_social_worker")
    visit(page, f"/households/{household.pk}/")
    click_through(page, page.get_by_role("button", name="Raise a stability concern"))
    expect(page.get_by_role("heading", level=1)).to_have_text("Raise a stability concern")

    click_through(page, page.get_by_role("button", name="Raise concern"))
    summary = page.locator(".govuk-error-summary")
    expect(summary).to_be_focused()
    expect(summary.get_by_role("link")).to_have_text(
        [
            "Choose which child this is about",
            "Choose at least one thing that is happening",
            "Say what is happening",
            "Choose how urgent it is",
        ]
    )
    assert_accessible(page)

    page.get_by_label("Which child is this about?").select_option(label=owen.display_name)
    page.get_by_label("The carer says they may not be able to go on").check()
    page.get_by_label("Missing episodes").check()
    page.get_by_label("Tell us more").fill("Two nights missing this week; the carer is exhausted.")
    page.get_by_label("Breakdown imminent").check()
    page.get_by_label("Who is raising it?").select_option(label="The carer")
    click_through(page, page.get_by_role("button", name="Raise concern"))

    expect(page.get_by_role("heading", level=1)).to_have_text("Stability concern: breakdown imminent")
    expect(page.locator("#concern-status")).to_have_text("Awaiting a manager's decision")
    sign_out(page)

    sign_in(page, "team_manager")
    visit(page, f"/children/{owen.pk}/")
    click_through(page, page.locator("#stability-concerns ~ table").get_by_role("link").first)
    click_through(page, page.get_by_role("button", name="Decide what happens next"))
    page.get_by_label("A stability meeting").check()
    page.get_by_label("If a meeting, which kind?").select_option(label="Placement stability meeting")
    page.get_by_label("Why is this the right response?").fill("The network needs to meet this week.")
    page.get_by_label("Support until then (optional)").fill("Respite at the weekend.")
    click_through(page, page.get_by_role("button", name="Record decision"))

    expect(page.locator("#concern-status")).to_have_text("Meeting to be arranged")
    expect(page.get_by_text("The network needs to meet this week.")).to_be_visible()
    visit(page, f"/households/{household.pk}/")
    expect(page.get_by_text("Support until then: Respite at the weekend.")).to_be_visible()
