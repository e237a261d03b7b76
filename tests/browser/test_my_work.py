"""Signing in lands staff on My work: the social worker follows an overdue visit to record it, and
the team manager a stability concern to decide what happens next."""

import pytest
from playwright.sync_api import Page, expect

from steadfast.my_work.views import NOTHING_DUE
from steadfast.signals.tests.helpers import raise_concern
from tests.scenario import Scenario

from .conftest import click_through, sign_in, visit

pytestmark = pytest.mark.browser


def test_a_social_worker_lands_on_their_work_and_follows_an_overdue_visit_to_record_it(
    page: Page, scenario: Scenario
) -> None:
    owen = scenario.children["own"]
    sign_in(page, "social_worker")
    expect(page.get_by_role("heading", level=1)).to_have_text("My work")
    nav = page.get_by_role("navigation", name="Menu")
    expect(nav.get_by_role("link").first).to_have_text("My work")
    summary = page.locator("#my-work-summary")
    expect(summary).to_contain_text("Statutory visits overdue")
    visits = page.get_by_role("table", name="Statutory visits overdue")
    row = visits.get_by_role("row").filter(has_text="Owen Example")
    expect(row.locator(".govuk-tag--red")).to_have_text("Overdue")
    expect(page.get_by_text("Otto Example")).to_have_count(0)  # another social worker's child
    click_through(page, row.get_by_role("link"))
    assert page.url.endswith(f"/children/{owen.pk}/visits/record/"), page.url


def test_the_team_manager_sees_a_concern_to_decide_and_follows_it(page: Page, scenario: Scenario) -> None:
    concern = raise_concern(scenario, urgency="breakdown_imminent")
    sign_in(page, "team_manager")
    expect(page.get_by_role("heading", level=1)).to_have_text("My work")
    concerns = page.get_by_role("table", name="Stability concerns awaiting a decision")
    expect(concerns).to_contain_text("Owen Example")
    click_through(page, concerns.get_by_role("link").first)
    assert page.url.endswith(f"/concerns/{concern.pk}/triage/"), page.url


def test_someone_with_nothing_due_is_told_so(page: Page, scenario: Scenario) -> None:
    sign_in(page, "iro")
    expect(page.get_by_text(NOTHING_DUE)).to_be_visible()
    visit(page, "/")
