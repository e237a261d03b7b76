"""A supervising social worker records supervision with a low placement stability scale, and the
session's page they land on, and the household's record, offer a ready-filled stability concern."""

import pytest
from django.utils import timezone
from playwright.sync_api import Page, expect

from tests.scenario import Scenario

from .conftest import TITLE_END, click_through, fill_date, sign_in, visit

pytestmark = pytest.mark.browser


def test_a_supervising_social_worker_records_supervision_and_a_low_scale_prompts_a_concern(
    page: Page, scenario: Scenario
) -> None:
    household = scenario.households["own"]
    owen = scenario.children["own"]
    sign_in(page, "supervising_social_worker")
    visit(page, f"/households/{household.pk}/")
    click_through(page, page.get_by_role("button", name="Record supervision"))
    expect(page.get_by_role("heading", level=1)).to_have_text("Record supervision")

    click_through(page, page.get_by_role("button", name="Save supervision"))
    expect(page).to_have_title(f"Error: Record supervision{TITLE_END}")
    expect(page.locator(".govuk-error-summary")).to_contain_text("Say who was there")

    fill_date(page, "Date of the session", timezone.localdate())
    page.get_by_role("group", name="Was the visit announced?").get_by_label("Unannounced").check()
    page.get_by_label("Who was there?").fill("Test Carer")
    page.get_by_label("The carers' wellbeing").check()
    page.get_by_label("How is the household managing?").fill("Tired; nights are hard.")
    page.get_by_label(f"Placement stability scale for {owen.display_name}, from 0 to 10").fill("3")
    page.get_by_label(f"Why this score for {owen.display_name}?").fill("Two nights missing this week.")
    click_through(page, page.get_by_role("button", name="Save supervision"))

    # Two banners: the session saved, and the prompt below.
    expect(
        page.locator(
            ".govuk-notification-banner__heading", has_text="The supervision session has been recorded"
        )
    ).to_be_visible()
    expect(page.get_by_text("Two nights missing this week.")).to_be_visible()
    # Where saving lands the worker, the low scale asks for a concern about the child.
    expect(page.locator("#scale-prompts")).to_contain_text("The placement stability scale is 3")
    expect(
        page.locator("#scale-prompts").get_by_role(
            "link", name=f"Raise a stability concern for {owen.display_name}"
        )
    ).to_be_visible()
    click_through(page, page.get_by_role("link", name=household.name))
    expect(page.locator("[data-scale-prompt]")).to_contain_text("The placement stability scale is 3")
    click_through(
        page, page.locator("[data-scale-prompt]").get_by_role("link", name="Raise a stability concern")
    )
    expect(page.get_by_label("Tell us more")).to_contain_text("Two nights missing this week.")
