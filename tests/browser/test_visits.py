"""A child's social worker records a statutory visit, and that the placement is long-term."""

import datetime

import pytest
from django.utils import timezone
from playwright.sync_api import Page, expect

from tests.scenario import Scenario

from .conftest import TITLE_END, click_through, fill_date, sign_in, visit

pytestmark = pytest.mark.browser


def test_a_social_worker_records_a_visit_and_the_overdue_tag_goes(page: Page, scenario: Scenario) -> None:
    owen = scenario.children["own"]  # placed 200 days ago and never visited
    today = timezone.localdate()
    sign_in(page, "social_worker")
    visit(page, f"/children/{owen.pk}/")
    expect(page.locator("#next-visit-due")).to_contain_text("Overdue")

    click_through(page, page.get_by_role("button", name="Record a visit"))
    expect(page.get_by_role("heading", level=1)).to_have_text("Record a statutory visit")
    fill_date(page, "Date of the visit", today)
    page.get_by_label("Where was the visit?").fill("At the carers' home")
    page.get_by_role("group", name="Was the child seen?").get_by_label("Yes").check()
    click_through(page, page.get_by_role("button", name="Save visit"))

    expect(page).to_have_title(f"Error: Record a statutory visit to {owen.display_name}{TITLE_END}")
    summary = page.locator(".govuk-error-summary")
    expect(summary).to_be_focused()
    expect(summary.get_by_role("link")).to_have_text(
        ["Say whether the child was seen alone", "Write down what the child said, in their own words"]
    )
    summary.get_by_role("link", name="Write down what the child said, in their own words").click()
    expect(page.get_by_label("What did the child say?")).to_be_focused()

    page.get_by_role("group", name="Was the child seen alone?").get_by_label("Yes").check()
    page.get_by_label("What did the child say?").fill("I like my room. I miss my brother.")
    click_through(page, page.get_by_role("button", name="Save visit"))

    on_the_day = f"Visit on {today.day} {today:%B %Y}, at The Own household"
    expect(page.locator(".govuk-notification-banner__heading")).to_have_text(
        f"The statutory visit has been recorded. {on_the_day}."
    )
    expect(page.get_by_role("heading", level=1)).to_have_text(on_the_day)
    expect(page.get_by_text("I like my room. I miss my brother.")).to_be_visible()
    click_through(page, page.get_by_role("link", name=owen.display_name))
    due = today + datetime.timedelta(days=42)
    expect(page.locator("#next-visit-due")).to_have_text(f"{due.day} {due:%B %Y}")
    expect(page.locator("#statutory-visit-list")).to_contain_text(f"{on_the_day}, seen alone")


def test_the_same_visit_entered_again_is_saved_only_once_the_worker_says_so(
    page: Page, scenario: Scenario
) -> None:
    owen = scenario.children["own"]
    today = timezone.localdate()
    sign_in(page, "social_worker")
    for place in ("At the carers' home", "At the carers' house"):
        visit(page, f"/children/{owen.pk}/visits/record/")
        fill_date(page, "Date of the visit", today)
        page.get_by_label("Where was the visit?").fill(place)
        page.get_by_role("group", name="Was the child seen?").get_by_label("No").check()
        click_through(page, page.get_by_role("button", name="Save visit"))

    expect(page.locator("#already-recorded")).to_contain_text(
        f"You already recorded a visit to {owen.display_name} on {today.day} {today:%B %Y} (saved today at"
    )
    expect(page.get_by_label("Where was the visit?")).to_have_value("At the carers' house")
    page.get_by_label("Yes, save this one as well").check()
    click_through(page, page.get_by_role("button", name="Save visit"))
    expect(page.locator(".govuk-notification-banner__heading")).to_contain_text("has been recorded")


def test_a_social_worker_records_that_the_placement_is_agreed_as_long_term(
    page: Page, scenario: Scenario
) -> None:
    owen = scenario.children["own"]
    agreed = timezone.localdate() - datetime.timedelta(days=7)
    sign_in(page, "social_worker")
    visit(page, f"/children/{owen.pk}/")
    click_through(page, page.get_by_role("link", name="Record that this placement is agreed as long-term"))
    expect(page.get_by_role("heading", level=1)).to_have_text(
        "Record that the placement with The Own household is agreed as long-term"
    )
    fill_date(page, "Date it was agreed", agreed)
    click_through(page, page.get_by_role("button", name="Save"))
    expect(page.locator(".govuk-notification-banner__heading")).to_have_text(
        "The placement has been recorded as agreed as long-term"
    )
    expect(page.get_by_role("link", name="Record that this placement is agreed as long-term")).to_have_count(
        0
    )
