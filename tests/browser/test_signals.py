"""A team manager opens a child's record with stability signals on it (a falling scale, repeated
missing episodes, a carer's log left unread), sees why each showed and what it rests on,
records that the falling scale was considered (first with no reason, to see the error), and
finds it set aside with the reason; the list of children with signals still shows the others."""

import pytest
from playwright.sync_api import Page, expect

from steadfast.carer_logs.models import SignificantEvent
from steadfast.signals.services import REASON_NEEDED
from steadfast.signals.tests.helpers import a_log, a_scale, a_visit
from tests.scenario import Scenario

from .conftest import click_through, sign_in, visit

pytestmark = pytest.mark.browser


def test_a_manager_records_that_a_signal_was_considered(page: Page, scenario: Scenario) -> None:
    owen, home = scenario.children["own"], scenario.households["own"]
    a_scale(owen, home, days_ago=35, score=7)
    a_scale(owen, home, days_ago=4, score=3)
    a_log(owen, home, days_ago=30, event=SignificantEvent.MISSING, reviewed=29)
    a_log(owen, home, days_ago=12, event=SignificantEvent.MISSING)
    a_visit(owen, days_ago=10)

    sign_in(page, "team_manager")
    visit(page, f"/children/{owen.pk}/")
    signals = page.locator("#stability-signals")
    expect(signals).to_have_text("Stability signals")
    scale = page.locator("#signal-stability_scale")
    expect(scale).to_contain_text("The placement stability scale was 3")
    expect(scale).to_contain_text("It fell from 7")
    expect(page.locator("#signal-missing_episodes")).to_contain_text("2 missing episodes in the last 90 days")
    expect(page.locator("#signal-logs_unreviewed")).to_contain_text("1 carer log is unreviewed")
    # The log is linked for the manager, who may read it from the child's record.
    expect(page.locator("#signal-logs_unreviewed").get_by_role("link", name="Carer log of")).to_be_visible()

    click_through(page, scale.get_by_role("link", name="Record that this was considered"))
    expect(page.get_by_role("heading", level=1)).to_have_text("Record that a signal was considered")
    click_through(page, page.get_by_role("button", name="Record as considered"))
    expect(page.locator(".govuk-error-summary")).to_contain_text(REASON_NEEDED)

    page.get_by_label("What was considered, and what was decided?").fill(
        "Rang the supervising social worker: respite booked and a stability meeting next week."
    )
    click_through(page, page.get_by_role("button", name="Record as considered"))
    expect(page.locator(".govuk-notification-banner__heading")).to_have_text(
        "The signal has been recorded as considered"
    )
    expect(page.locator("#signal-stability_scale")).to_have_count(0)
    page.get_by_text("1 signal considered").click()
    expect(page.locator("#considered-signals")).to_contain_text("Stability scale low or falling.")
    expect(page.locator("#considered-signals")).to_contain_text("respite booked")

    visit(page, "/oversight/signals/")
    row = page.locator("#children-with-signals tbody tr", has_text=owen.display_name)
    expect(row).to_contain_text("Repeated missing episodes")
    expect(row).not_to_contain_text("Stability scale low or falling")
    page.get_by_label("Signal", exact=True).select_option("missing_episodes")
    click_through(page, page.get_by_role("button", name="Apply filters"))
    expect(page.locator("#results-summary")).to_contain_text("1 child has 1 signal to consider")
