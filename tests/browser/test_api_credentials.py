"""A social worker makes a personal access token from their account and revokes it; an
administrator registers a system, is shown its secret once, and revokes it. Each page checked
with axe."""

import datetime
import os
from pathlib import Path

import pytest
from django.utils import timezone
from playwright.sync_api import Page, expect

from steadfast.accounts import tokens
from steadfast.accounts.models import ApiClient, ApiToken
from tests.scenario import Scenario

from .conftest import click_through, fill_date, sign_in, visit

pytestmark = pytest.mark.browser


def _screenshot(page: Page, name: str) -> None:
    if os.environ.get("BROWSER_SCREENSHOT_DIR"):
        page.screenshot(path=Path(os.environ["BROWSER_SCREENSHOT_DIR"]) / f"{name}.png", full_page=True)


def test_a_worker_creates_a_token_sees_it_once_and_revokes_it(page: Page, scenario: Scenario) -> None:
    sign_in(page, "social_worker")
    visit(page, "/accounts/")
    click_through(page, page.get_by_role("link", name="Your API tokens"))
    expect(page.locator("#no-tokens")).to_be_visible()
    click_through(page, page.get_by_role("link", name="Create a token"))

    # Nothing chosen: the errors, linked to their fields.
    page.get_by_label("Name").fill("")
    click_through(page, page.get_by_role("button", name="Create token"))
    expect(page.locator(".govuk-error-summary").get_by_role("link")).to_have_text(
        [tokens.TOKEN_NAME_MISSING, tokens.NO_SCOPE]
    )

    page.get_by_label("Name").fill("Visits spreadsheet")
    page.get_by_label("Read the records the account may see").check()
    page.get_by_label("Record statutory visits").check()
    fill_date(page, "Expiry date", timezone.localdate() + datetime.timedelta(days=14))
    click_through(page, page.get_by_role("button", name="Create token"))
    expect(page.get_by_role("heading", name="Token created")).to_be_visible()
    raw = page.locator("#new-token code").inner_text().strip()
    assert raw.startswith(tokens.PERSONAL_PREFIX)
    assert tokens.bearer_of(raw).user == scenario.users["social_worker"]
    _screenshot(page, "api-token-created")

    click_through(page, page.get_by_role("link", name="I have copied my token, continue"))
    table = page.locator("#api-tokens")
    expect(table).to_contain_text("Visits spreadsheet")
    expect(table).to_contain_text("Active")
    assert raw not in page.content()
    _screenshot(page, "api-token-list")

    click_through(page, table.get_by_role("link", name="Revoke Visits spreadsheet"))
    click_through(page, page.get_by_role("button", name="Revoke this token"))
    expect(page.locator(".govuk-notification-banner")).to_contain_text(
        "Your token Visits spreadsheet has been revoked"
    )
    expect(page.locator("#api-tokens")).to_contain_text("Revoked")
    assert tokens.bearer_of(raw) is None


def test_an_administrator_registers_a_system_and_revokes_it(page: Page, scenario: Scenario) -> None:
    worker = scenario.users["social_worker"]
    tokens.issue_personal_token(
        actor=worker,
        name="Caseload script",
        scopes=["read"],
        expires_on=timezone.localdate() + datetime.timedelta(days=3),
    )
    sign_in(page, "administrator")
    visit(page, "/accounts/")
    click_through(page, page.get_by_role("link", name="Registered systems and personal access tokens"))
    expect(page.locator("#no-clients")).to_be_visible()
    click_through(page, page.get_by_role("link", name="Register a system"))

    click_through(page, page.get_by_role("button", name="Register system"))
    expect(page.locator(".govuk-error-summary").get_by_role("link")).to_have_text(
        [tokens.CLIENT_NAME_MISSING, tokens.NO_SCOPE]
    )
    page.get_by_label("Name of the system").fill("Case management system")
    page.get_by_label("Read the records the account may see").check()
    page.get_by_label("Add and change children, placements, allocations and legal status").check()
    page.get_by_label("Test North").check()
    click_through(page, page.get_by_role("button", name="Register system"))
    expect(page.get_by_role("heading", name="System registered")).to_be_visible()
    client = ApiClient.objects.get()
    secret = page.locator("#client-secret code").inner_text().strip()
    expect(page.locator("#client-id")).to_have_text(client.client_id)
    expect(page.locator("#token-request")).to_contain_text("grant_type=client_credentials")
    assert tokens.issue_client_token(client_id=client.client_id, secret=secret) is not None
    _screenshot(page, "api-client-registered")

    click_through(page, page.get_by_role("link", name="I have passed on the secret, continue"))
    table = page.locator("#api-clients")
    expect(table).to_contain_text("Case management system")
    expect(table).to_contain_text("Test North")
    assert secret not in page.content()
    _screenshot(page, "api-client-list")
    click_through(page, table.get_by_role("link", name="Revoke Case management system"))
    click_through(page, page.get_by_role("button", name="Revoke this system"))
    expect(page.locator(".govuk-notification-banner")).to_contain_text(
        "Case management system has been revoked"
    )
    assert tokens.issue_client_token(client_id=client.client_id, secret=secret) is None

    click_through(page, page.get_by_role("link", name="personal access tokens in force"))
    tokens_table = page.locator("#api-tokens-in-force")
    expect(tokens_table).to_contain_text("Caseload script")
    click_through(page, tokens_table.get_by_role("link", name="Revoke"))
    click_through(page, page.get_by_role("button", name="Revoke this token"))
    expect(page.locator("#no-tokens")).to_be_visible()
    assert ApiToken.objects.get(name="Caseload script").revoked_at is not None
