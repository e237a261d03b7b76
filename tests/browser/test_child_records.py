"""Adding a child, changing their details, and allocating a worker to them."""

import datetime

import pytest
from django.utils import timezone
from playwright.sync_api import Page, expect

from steadfast.children.models import Child
from tests.scenario import Scenario

from .conftest import TITLE_END, click_through, fill_date, sign_in, sign_out, visit

pytestmark = pytest.mark.browser


def test_a_social_worker_adds_a_child_and_changes_their_details_then_a_manager_allocates(
    page: Page, scenario: Scenario
) -> None:
    social_worker = scenario.users["social_worker"]
    iro = scenario.users["iro"]
    sign_in(page, "social_worker")
    click_through(page, page.get_by_role("navigation", name="Menu").get_by_role("link", name="Children"))
    click_through(page, page.get_by_role("button", name="Add a child"))
    expect(page.get_by_role("heading", level=1)).to_have_text("Add a child")
    expect(page.get_by_label("Allocated social worker")).to_have_value(str(social_worker.pk))

    # First try: no identifier, and a date of birth that is not a real date.
    page.get_by_label("Legal first name").fill("Ada")
    page.get_by_label("Legal last name").fill("Newcombe")
    dob = page.get_by_role("group", name="Date of birth")
    dob.get_by_label("Day").fill("31")
    dob.get_by_label("Month").fill("2")
    dob.get_by_label("Year").fill("2016")
    click_through(page, page.get_by_role("button", name="Add child"))

    expect(page).to_have_title("Error: Add a child" + TITLE_END)
    summary = page.locator(".govuk-error-summary")
    expect(summary).to_be_focused()
    expect(summary.get_by_role("link", name="Enter the child identifier")).to_have_attribute(
        "href", "#id_child_identifier"
    )
    expect(summary.get_by_role("link", name="Date of birth must be a real date")).to_have_attribute(
        "href", "#id_date_of_birth-day"
    )
    expect(summary.get_by_role("link", name="Choose the child's sex")).to_be_visible()
    expect(summary.get_by_role("link", name="Choose the child's ethnicity")).to_be_visible()
    expect(page.get_by_label("Legal first name")).to_have_value("Ada")  # what was typed is kept
    expect(dob.get_by_label("Day")).to_have_value("31")

    page.get_by_label("Child identifier").fill("BRW000123")
    dob.get_by_label("Day").fill("28")
    page.get_by_label("Female").check()
    page.get_by_label("Ethnicity").select_option(label="White: Irish")
    click_through(page, page.get_by_role("button", name="Add child"))

    child = Child.objects.get(child_identifier="BRW000123")
    assert page.url.endswith(f"/children/{child.pk}/")
    expect(page.locator(".govuk-notification-banner__heading")).to_have_text("Ada Newcombe has been added")
    expect(page.get_by_role("heading", level=1)).to_have_text("Ada Newcombe")
    expect(page.get_by_text("Child identifier BRW000123")).to_be_visible()
    expect(page.locator(".govuk-summary-card")).to_contain_text("28 February 2016")

    click_through(page, page.get_by_role("link", name="Change details"))
    expect(page.get_by_role("heading", level=1)).to_have_text("Change Ada Newcombe's details")
    expect(page.get_by_label("Legal first name")).to_have_value("Ada")
    expect(page.get_by_label("Ethnicity")).to_have_value("white_irish")
    page.get_by_label("Preferred name (optional)").fill("Addy")
    page.get_by_label("School or setting (optional)").fill("Harbour Primary")
    click_through(page, page.get_by_role("button", name="Save changes"))

    assert page.url.endswith(f"/children/{child.pk}/")
    expect(page.locator(".govuk-notification-banner__heading")).to_have_text(
        "Addy Newcombe's details have been updated"
    )
    expect(page.get_by_role("heading", level=1)).to_have_text("Addy Newcombe")
    expect(page.locator(".govuk-summary-card")).to_contain_text("Harbour Primary")
    expect(page.get_by_role("link", name="Allocate a worker to Addy Newcombe")).to_have_count(0)
    sign_out(page)

    sign_in(page, "team_manager")
    visit(page, f"/children/{child.pk}/")
    click_through(page, page.get_by_role("link", name="Allocate a worker to Addy Newcombe"))
    expect(page.get_by_role("heading", level=1)).to_have_text("Allocate a worker to Addy Newcombe")
    page.get_by_label("Independent reviewing officer").check()
    page.get_by_label("Worker", exact=True).select_option(
        label=f"{iro.get_full_name()} (Independent reviewing officer)"
    )
    fill_date(page, "Date the allocation starts", timezone.localdate() - datetime.timedelta(days=1))
    click_through(page, page.get_by_role("button", name="Allocate", exact=True))

    assert page.url.endswith(f"/children/{child.pk}/")
    expect(page.locator(".govuk-notification-banner__heading")).to_have_text(
        f"{iro.get_full_name()} has been allocated"
    )
    workers = page.locator(".govuk-summary-list").filter(has_text="Independent reviewing officer")
    expect(workers).to_contain_text(f"{iro.get_full_name()}, Test Reviewing, since ")
    expect(workers).to_contain_text(f"{social_worker.get_full_name()}, Test North, since ")
