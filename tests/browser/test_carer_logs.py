"""A foster carer on a phone writes a log (first dated tomorrow, to see the error) and finds it in
their list; the supervising social worker reads it with its tone cue marked, reviews it, and the
household's record counts what is left; the child's social worker reads it from the child's record,
without the cue or the review comment."""

import datetime

import pytest
from django.utils import timezone
from playwright.sync_api import Page, expect

from steadfast.carer_logs.models import CarerLog
from tests.factories import days_ago
from tests.scenario import Scenario

from .conftest import TITLE_END, click_through, fill_date, sign_in, sign_out, visit

pytestmark = pytest.mark.browser

PHONE = {"width": 375, "height": 740}


def test_a_carer_writes_a_log_on_a_phone_and_the_ssw_reviews_it(
    page: Page, other_page: Page, scenario: Scenario
) -> None:
    household = scenario.households["own"]
    owen = scenario.children["own"]
    # An older log, already waiting too long, so the list of overdue households has a row.
    CarerLog.objects.create(
        household=household,
        child=owen,
        date=days_ago(12),
        category="school",
        what_happened="Parents' evening.",
    )

    page.set_viewport_size(PHONE)
    sign_in(page, "foster_carer")
    expect(page.get_by_role("heading", level=1)).to_have_text("Your home")
    page.get_by_role("button", name="Menu").click()
    click_through(page, page.get_by_role("link", name="Logs"))
    expect(page.get_by_role("heading", level=1)).to_have_text("Your logs")
    click_through(page, page.get_by_role("button", name="Write a log"))

    page.get_by_label(owen.display_name).check()
    fill_date(page, "Date", timezone.localdate() + datetime.timedelta(days=1))
    page.get_by_role("group", name="What is it about?").get_by_label("Home life").check()
    page.get_by_label("What happened?").fill("Bedtime took two hours again. I'm at the end of my tether.")
    page.get_by_role("group", name="Was there a significant event?").get_by_label("No").check()
    click_through(page, page.get_by_role("button", name="Save log"))
    expect(page).to_have_title(f"Error: Write a log{TITLE_END}")
    expect(page.locator(".govuk-error-summary")).to_contain_text("The date must be today or in the past")
    assert CarerLog.objects.count() == 1

    fill_date(page, "Date", timezone.localdate())
    click_through(page, page.get_by_role("button", name="Save log"))
    expect(page.locator(".govuk-notification-banner__heading")).to_have_text("Your log has been saved")
    expect(page.get_by_text("Bedtime took two hours again.")).to_be_visible()
    expect(page.get_by_text("Not yet read by your supervising social worker.").first).to_be_visible()

    ssw = other_page
    sign_in(ssw, "supervising_social_worker")
    visit(ssw, f"/households/{household.pk}/")
    expect(ssw.locator("#carer-logs-unreviewed")).to_have_text("2")
    expect(ssw.locator("#carer-logs-overdue")).to_contain_text("Overdue")
    click_through(ssw, ssw.get_by_role("link", name="Read the carers' logs"))
    expect(ssw.locator("mark[data-tone-cue='exhaustion']")).to_contain_text("at the end of my tether")
    click_through(
        ssw, ssw.get_by_role("link", name=f"Review the log of {timezone.localdate().day}", exact=False)
    )
    click_through(ssw, ssw.get_by_role("button", name="Mark as reviewed"))
    expect(ssw).to_have_title(
        f"Error: Log of {timezone.localdate().day} {timezone.localdate():%B %Y}{TITLE_END}"
    )
    expect(ssw.locator(".govuk-error-summary")).to_contain_text("Write a comment on the log")
    ssw.get_by_label("Your comment").fill("Rang Pat: a bedtime plan and respite next month.")
    fill_date(ssw, "When did you discuss it with the carer?", timezone.localdate())
    click_through(ssw, ssw.get_by_role("button", name="Mark as reviewed"))
    expect(ssw.locator(".govuk-notification-banner__heading")).to_have_text(
        "The log has been marked as reviewed"
    )

    click_through(ssw, ssw.get_by_role("link", name=household.name))
    expect(ssw.locator("#carer-logs-unreviewed")).to_have_text("1")
    click_through(ssw, ssw.get_by_role("link", name="every household with logs waiting for review"))
    expect(ssw.locator("#overdue-households")).to_contain_text(household.name)

    visit(page, "/portal/logs/")
    expect(page.get_by_text("Read by your supervising social worker on")).to_be_visible()

    # The child's social worker reads the logs on the child's record, without cues or the comment.
    sign_out(ssw)
    sign_in(ssw, "social_worker")
    visit(ssw, f"/children/{owen.pk}/")
    click_through(ssw, ssw.locator("#carer-log-list").get_by_role("link").first)
    expect(ssw.locator("#what-happened")).to_contain_text("at the end of my tether")
    expect(ssw.locator("mark")).to_have_count(0)
    expect(ssw.get_by_text("Rang Pat: a bedtime plan")).to_have_count(0)
