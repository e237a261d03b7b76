"""A foster carer on a phone: their home with the children and the action they own, what was
agreed at a meeting, their views for the next one, and a stability concern, each page checked
for accessibility and for fitting the screen without scrolling sideways."""

import pytest
from playwright.sync_api import Page, expect

from steadfast.carers_portal.tests.helpers import (
    CARER_ACTION,
    an_authorised_meeting_with_a_carer_action,
    an_upcoming_meeting,
)
from steadfast.core.errors import STALE_EDIT
from steadfast.meetings.services import VIEWS_EMPTY, record_views
from tests.scenario import Scenario

from .conftest import click_through, sign_in, visit

pytestmark = pytest.mark.browser

PHONE = {"width": 375, "height": 740}


def _fits_the_screen(page: Page) -> None:
    width = page.evaluate("() => document.documentElement.scrollWidth")
    assert width <= PHONE["width"], f"{page.url} scrolls sideways: {width}px on a {PHONE['width']}px screen"


def test_a_carer_on_a_phone_sees_their_home_reads_what_was_agreed_gives_views_and_raises_a_concern(
    page: Page, scenario: Scenario
) -> None:
    agreed = an_authorised_meeting_with_a_carer_action(scenario)
    upcoming = an_upcoming_meeting(scenario)
    page.set_viewport_size(PHONE)

    sign_in(page, "foster_carer")
    expect(page.get_by_role("heading", level=1)).to_have_text("Your home")
    expect(page.get_by_role("heading", name="Owen Example")).to_be_visible()
    expect(page.get_by_text(CARER_ACTION)).to_be_visible()
    expect(page.get_by_text("Rhea")).to_have_count(0)
    _fits_the_screen(page)

    click_through(page, page.get_by_role("link", name=f"about Owen Example, {agreed.scheduled_at.day}"))
    expect(page.get_by_role("heading", level=1)).to_have_text("What was agreed")
    expect(page.get_by_text("The home can hold with respite and more visits.")).to_be_visible()
    expect(page.get_by_role("heading", name=CARER_ACTION)).to_be_visible()
    _fits_the_screen(page)
    click_through(page, page.get_by_role("navigation", name="Back").get_by_role("link"))

    click_through(page, page.get_by_role("button", name="Give your views"))
    assert page.url.endswith(f"/portal/meetings/{upcoming.pk}/views/")
    _fits_the_screen(page)
    click_through(page, page.get_by_role("button", name="Send views"))
    summary = page.locator(".govuk-error-summary")
    expect(summary).to_be_focused()
    expect(summary.get_by_role("listitem")).to_have_text([VIEWS_EMPTY])
    _fits_the_screen(page)
    page.get_by_label("What are you worried about?").fill("Bedtimes are hard since the school move.")
    page.get_by_label("What is working well?").fill("He loves the football club.")
    click_through(page, page.get_by_role("button", name="Send views"))
    expect(page.locator(".govuk-notification-banner__heading")).to_contain_text("Your views have been sent")
    expect(page.locator(f"[data-invitation='{upcoming.pk}']").get_by_text("Views sent")).to_be_visible()

    click_through(page, page.get_by_role("button", name="Raise a stability concern"))
    _fits_the_screen(page)
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
    _fits_the_screen(page)
    page.get_by_label("Which child is this about?").select_option(label="Owen Example")
    page.get_by_label("School attendance or exclusion").check()
    page.get_by_label("Tell us more").fill("Excluded twice this month; arguments every evening.")
    page.get_by_label("Home under pressure").check()
    click_through(page, page.get_by_role("button", name="Raise concern"))
    expect(page.locator(".govuk-notification-banner__heading")).to_contain_text("The concern has been raised")
    _fits_the_screen(page)


def test_a_carer_on_a_phone_whose_views_changed_meanwhile_is_told_and_keeps_what_they_typed(
    page: Page, scenario: Scenario
) -> None:
    upcoming = an_upcoming_meeting(scenario)
    page.set_viewport_size(PHONE)
    sign_in(page, "foster_carer")
    visit(page, f"/portal/meetings/{upcoming.pk}/views/")
    # Meanwhile the social worker records the carer's views on their behalf.
    invitation = upcoming.invitees.get(user=scenario.users["foster_carer"])
    record_views(
        actor=scenario.users["social_worker"],
        invitee=invitation,
        worries="Nights are hard (recorded by the social worker).",
        working_well="",
        needs_to_happen="",
        support_offered="",
        seen_version=invitation.version,
    )
    typed = "Bedtimes are hard since the school move."
    page.get_by_label("What are you worried about?").fill(typed)
    click_through(page, page.get_by_role("button", name="Send views"))
    summary = page.locator(".govuk-error-summary")
    expect(summary).to_be_focused()
    expect(summary.get_by_role("listitem")).to_have_text([STALE_EDIT])
    changed = page.locator("#changed-meanwhile")
    expect(changed).to_contain_text("Nights are hard (recorded by the social worker).")
    expect(changed).to_contain_text(scenario.users["social_worker"].get_full_name())
    expect(page.get_by_label("What are you worried about?")).to_have_value(typed)
    _fits_the_screen(page)
    # Having seen the change, sending again replaces it.
    click_through(page, page.get_by_role("button", name="Send changed views"))
    expect(page.locator(".govuk-notification-banner__heading")).to_contain_text("Your views have been sent")
    invitation.refresh_from_db()
    assert invitation.worries == typed
