"""A manager grants a colleague from another team access to a child's record, then revokes it."""

import pytest
from playwright.sync_api import Page, expect

from steadfast.accounts.services import grant_access, revoke_access
from tests.scenario import Scenario

from .conftest import assert_accessible, click_through, sign_in, visit

pytestmark = pytest.mark.browser


def test_a_manager_grants_and_revokes_access_by_name(page: Page, scenario: Scenario) -> None:
    owen = scenario.children["own"]
    outsider = scenario.users["other_social_worker"]
    sign_in(page, "team_manager")
    visit(page, f"/children/{owen.pk}/")
    expect(page.get_by_text("Nobody has been granted access by name.")).to_be_visible()
    click_through(page, page.get_by_role("link", name="Grant access by name"))

    click_through(page, page.get_by_role("button", name="Grant access"))
    expect(page.locator(".govuk-error-summary").get_by_role("link")).to_have_text(
        ["Choose who needs access", "Say why they need access"]
    )
    assert_accessible(page)

    page.get_by_label("Person").select_option(label=f"{outsider.get_full_name()} (Child's social worker)")
    page.get_by_label("Why they need access").fill("Covering a court hearing next week.")
    click_through(page, page.get_by_role("button", name="Grant access"))
    grants = page.locator("#access-grants")
    expect(grants).to_contain_text(f"{outsider.get_full_name()}: Covering a court hearing next week.")

    click_through(page, grants.get_by_role("button", name=f"Revoke access for {outsider.get_full_name()}"))
    expect(page.locator(".govuk-notification-banner__heading")).to_have_text(
        f"{outsider.get_full_name()} can no longer see this record by name"
    )
    expect(page.get_by_text("Nobody has been granted access by name.")).to_be_visible()


def test_revoking_a_grant_a_colleague_revoked_meanwhile_says_who_did_and_when(
    page: Page, scenario: Scenario
) -> None:
    owen = scenario.children["own"]
    outsider = scenario.users["other_social_worker"]
    grant = grant_access(
        actor=scenario.users["team_manager"], user=outsider, child=owen, reason="Covering a court hearing."
    )
    sign_in(page, "team_manager")
    visit(page, f"/children/{owen.pk}/")
    assert_accessible(page)
    colleague = scenario.users["assistant_team_manager"]
    revoke_access(actor=colleague, grant=grant, seen_version=grant.version)

    click_through(
        page,
        page.locator("#access-grants").get_by_role(
            "button", name=f"Revoke access for {outsider.get_full_name()}"
        ),
    )
    expect(page.locator(".govuk-error-summary")).to_contain_text("Someone else changed this record")
    changed = page.locator("#changed-meanwhile")
    expect(changed).to_contain_text(colleague.get_full_name())
    expect(changed).to_contain_text("Revoked at")
    expect(page.get_by_text("nothing more needs doing")).to_be_visible()
    assert_accessible(page)
