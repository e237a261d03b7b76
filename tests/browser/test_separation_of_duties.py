"""An account's owner activates it through their link, the team's manager confirms it, and
the manager reads the account changes and the refused requests: each page checked with axe."""

import re

import pytest
from playwright.sync_api import Page, expect

from steadfast.accounts.models import Role
from steadfast.security import services
from steadfast.security.notifications import activation_link
from tests.factories import ChildFactory
from tests.scenario import Scenario

from .conftest import assert_accessible, click_through, sign_in, sign_out, visit

pytestmark = pytest.mark.browser

CHOSEN = "copper-meadow-window-58"


def test_an_owner_activates_and_a_manager_confirms_then_reads_the_lists(
    page: Page, scenario: Scenario
) -> None:
    made = services.create_account(
        actor=scenario.users["administrator"],
        username="new.starter",
        email="new.starter@example.invalid",
        role=Role.SOCIAL_WORKER,
        first_name="Newt",
        last_name="Starter",
        team=scenario.users["team_manager"].team,
    )
    link = activation_link(made)
    path = re.sub(r"^https?://[^/]+", "", link)

    visit(page, path)
    click_through(page, page.get_by_role("button", name="Activate account"))
    expect(page.locator(".govuk-error-summary").get_by_role("link")).to_have_text(
        ["Enter a password", "Enter the password again"]
    )
    page.get_by_label("Choose a password").fill(CHOSEN)
    page.get_by_label("Enter the password again").fill(CHOSEN)
    click_through(page, page.get_by_role("button", name="Activate account"))
    expect(page.get_by_text("Your account is activated.")).to_be_visible()
    visit(page, path)
    expect(page.get_by_role("heading", name="This activation link does not work")).to_be_visible()

    sign_in(page, "new.starter", CHOSEN)
    expect(page.locator("#awaited")).to_contain_text("waiting to be confirmed by")
    assert_accessible(page)
    sign_out(page)

    hidden = ChildFactory()
    sign_in(page, "social_worker")
    visit(page, f"/children/{hidden.pk}/", status=404)
    sign_out(page)

    sign_in(page, "team_manager")
    visit(page, "/security/confirmations/")
    click_through(page, page.get_by_role("button", name="Confirm Newt Starter"))
    expect(page.locator("#none-waiting")).to_be_visible()

    visit(page, "/security/account-changes/")
    expect(page.locator("#account-changes")).to_contain_text("Role and team confirmed")
    page.get_by_label("Kind of change").select_option(label="Account made")
    click_through(page, page.get_by_role("button", name="Apply filters"))
    expect(page.locator("#account-changes tbody tr")).to_have_count(1)

    visit(page, "/security/refusals/")
    refused = scenario.users["social_worker"]
    click_through(page, page.get_by_role("link", name=refused.get_full_name()))
    expect(page.locator("#refusals-of-person")).to_contain_text(f"/children/{hidden.pk}/")
