"""A day in the life of a foster carer on a phone, and of their supervising social worker, each
step reached through the navigation and every page checked for accessibility. The other browser
tests cover the error states; these follow the ordinary day from start to end."""

import datetime

import pytest
from django.utils import timezone
from playwright.sync_api import Page, expect

from steadfast.carer_logs.tests.helpers import a_log
from steadfast.carers_portal.tests.helpers import CARER_ACTION, an_authorised_meeting_with_a_carer_action
from steadfast.support_requests.models import SupportRequest
from steadfast.support_requests.tests.helpers import a_request
from tests.factories import days_ago
from tests.scenario import Scenario

from .conftest import click_through, fill_date, sign_in

pytestmark = pytest.mark.browser

PHONE = {"width": 375, "height": 740}


def _fits_the_phone(page: Page) -> None:
    width = page.evaluate("() => document.documentElement.scrollWidth")
    assert width <= PHONE["width"], f"{page.url} scrolls sideways: {width}px on a {PHONE['width']}px screen"


def _open_from_the_menu(page: Page, link: str) -> None:
    """On a phone the navigation folds behind its Menu button."""
    page.get_by_role("button", name="Menu").click()
    click_through(page, page.get_by_role("link", name=link, exact=True))
    _fits_the_phone(page)


def test_a_carers_day_on_a_phone(page: Page, scenario: Scenario) -> None:
    owen = scenario.children["own"]
    an_authorised_meeting_with_a_carer_action(scenario)
    page.set_viewport_size(PHONE)

    sign_in(page, "foster_carer")
    assert page.url.endswith("/portal/")
    expect(page.get_by_role("heading", level=1)).to_have_text("Your home")
    expect(page.locator("#children-living-with-you ~ [data-child]")).to_have_count(1)
    expect(page.get_by_role("heading", name=owen.display_name)).to_be_visible()
    actions = page.locator("[data-action]")  # only those the carers own, not the worker's
    expect(actions).to_have_count(1)
    expect(actions).to_contain_text(CARER_ACTION)
    _fits_the_phone(page)

    _open_from_the_menu(page, "Logs")
    click_through(page, page.get_by_role("button", name="Write a log"))
    _fits_the_phone(page)
    page.get_by_label(owen.display_name).check()
    fill_date(page, "Date", timezone.localdate())
    page.get_by_role("group", name="What is it about?").get_by_label("School").check()
    page.get_by_label("What happened?").fill("Owen read his story aloud at school assembly (test).")
    page.get_by_role("group", name="Was there a significant event?").get_by_label("No").check()
    click_through(page, page.get_by_role("button", name="Save log"))
    expect(page.locator(".govuk-notification-banner__heading")).to_have_text("Your log has been saved")
    expect(page.get_by_text("Owen read his story aloud at school assembly (test).")).to_be_visible()
    _fits_the_phone(page)

    _open_from_the_menu(page, "Ask for help")
    click_through(page, page.get_by_role("button", name="Ask for help"))
    _fits_the_phone(page)
    page.get_by_label(owen.display_name).check()
    page.get_by_label("Advice", exact=True).check()
    page.get_by_label("Soon", exact=True).check()
    page.get_by_label("What help is needed?").fill("Advice on settling him before bed (test).")
    click_through(page, page.get_by_role("button", name="Send your request"))
    expect(page.locator(".govuk-notification-banner__heading")).to_contain_text(
        "Your request for help has been sent"
    )
    _fits_the_phone(page)
    click_through(page, page.get_by_role("link", name="Your requests for help"))
    expect(page.locator("#help-requests")).to_contain_text(f"Advice for {owen.display_name}")
    _fits_the_phone(page)


def test_a_supervising_social_workers_day(page: Page, scenario: Scenario) -> None:
    household = scenario.households["own"]
    owen = scenario.children["own"]
    oldest = a_log(scenario, days_ago=12, category="school", text="Parents' evening went well.")
    a_log(scenario, text="Bedtime took two hours again. I'm at the end of my tether.")
    late = a_request(scenario)
    SupportRequest.objects.filter(pk=late.pk).update(
        asked_at=timezone.now() - datetime.timedelta(days=10),
        acknowledgement_due=days_ago(9),
        response_due=days_ago(8),
    )

    sign_in(page, "supervising_social_worker")
    # The fostering service's work is grouped under Households.
    click_through(
        page, page.locator(".govuk-service-navigation").get_by_role("link", name="Households", exact=True)
    )
    click_through(page, page.get_by_role("link", name="Logs to review", exact=True))
    assert page.url.endswith("/carer-logs/unreviewed/")
    expect(page.locator("#overdue-households")).to_contain_text(household.name)
    click_through(page, page.locator("#overdue-households").get_by_role("link", name=household.name))
    expect(page.locator("mark[data-tone-cue='exhaustion']")).to_contain_text("at the end of my tether")
    click_through(page, page.locator(f"[data-log='{oldest.pk}']").get_by_role("link"))
    page.get_by_label("Your comment").fill("Talked it through with Pat at the visit (test).")
    fill_date(page, "When did you discuss it with the carer?", timezone.localdate())
    click_through(page, page.get_by_role("button", name="Mark as reviewed"))
    expect(page.locator(".govuk-notification-banner__heading")).to_have_text(
        "The log has been marked as reviewed"
    )
    expect(page.locator(f"#reviewed ~ [data-log='{oldest.pk}']")).to_be_visible()

    click_through(page, page.get_by_role("link", name=household.name))
    expect(page.locator("#supervision-due")).to_contain_text("Overdue")
    click_through(page, page.get_by_role("button", name="Record supervision"))
    fill_date(page, "Date of the session", timezone.localdate())
    page.get_by_role("group", name="Was the visit announced?").get_by_label("Unannounced").check()
    page.get_by_label("Who was there?").fill("Test Carer")
    page.get_by_label("The carers' wellbeing").check()
    page.get_by_label("How is the household managing?").fill("Tired, but bedtimes are improving.")
    page.get_by_label(f"Placement stability scale for {owen.display_name}, from 0 to 10").fill("7")
    page.get_by_label(f"Why this score for {owen.display_name}?").fill("Settled at school; evenings hard.")
    click_through(page, page.get_by_role("button", name="Save supervision"))
    expect(page.locator(".govuk-notification-banner__heading")).to_have_text(
        "The supervision session has been recorded"
    )
    click_through(page, page.get_by_role("link", name=household.name))
    expect(page.locator("#supervision-due")).not_to_contain_text("Overdue")

    click_through(
        page, page.locator(".govuk-service-navigation").get_by_role("link", name="Households", exact=True)
    )
    click_through(page, page.get_by_role("link", name="Requests for help", exact=True))
    row = page.locator("#open-requests ~ table tbody tr", has_text=household.name)
    expect(row).to_contain_text("Respite")
    expect(row.locator(".govuk-tag")).to_have_text("Late")
