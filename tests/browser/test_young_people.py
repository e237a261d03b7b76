"""A child's social worker shows a child a code to their own page; the child gives their views
on a phone, in the older and the younger version; the worker reads them and records what they
did about an answer that the child may not feel safe."""

import os
from pathlib import Path
from urllib.parse import urlsplit

import pytest
from playwright.sync_api import Page, expect

from tests.scenario import Scenario

from .conftest import click_through, sign_in, visit

pytestmark = pytest.mark.browser

PHONE = {"width": 375, "height": 812}
# Where the screenshots of the child's page go, to be looked at by a person.
SHOTS = Path(os.environ.get("STEADFAST_SCREENSHOTS", "/tmp/steadfast-screenshots"))


def _show_a_code(page: Page, scenario: Scenario, version: str) -> str:
    owen = scenario.children["own"]
    sign_in(page, "social_worker")
    visit(page, f"/children/{owen.pk}/")
    click_through(page, page.get_by_role("button", name="Send a new link"))
    _shoot(page, "invitation-add")
    page.get_by_role("group", name="What is the child giving their views for?").get_by_label(
        "In general"
    ).check()
    page.get_by_role("group", name="Which version of the page?").get_by_label(version).check()
    page.get_by_role("group", name="How will the child get the link?").get_by_label(
        "As a code to scan in the room"
    ).check()
    click_through(page, page.get_by_role("button", name="Send the link"))
    expect(page.locator("#views-link-code svg")).to_be_visible()
    _shoot(page, "invitation-code")
    # The address is the configured site's; the path is the same on the test server.
    return urlsplit(page.locator("#views-link-address").text_content().strip()).path


def _shoot(page: Page, name: str) -> None:
    SHOTS.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(SHOTS / f"{name}.png"), full_page=True)


def test_an_older_child_gives_their_views_on_a_phone_and_the_worker_acts_on_them(
    page: Page, other_page: Page, scenario: Scenario
) -> None:
    link = _show_a_code(page, scenario, "Older children, 8 and over, on their own")
    child = other_page
    child.set_viewport_size(PHONE)
    visit(child, link)
    expect(child.get_by_role("heading", level=1)).to_have_text(
        f"Hello {scenario.children['own'].legal_first_name}"
    )
    expect(child.get_by_role("button", name="Read it to me")).to_be_visible()
    _shoot(child, "my-views-older")
    child.get_by_label("What's going well?").fill("Football on Saturdays")
    child.get_by_label("What's worrying me?").fill("My new school")
    child.get_by_role("group", name="How are things at home?").get_by_label("4 out of 10").check()
    child.get_by_role("group", name="Do you feel safe where you live?").get_by_label("Not sure").check()
    click_through(child, child.get_by_role("button", name="Send"))
    expect(child.locator(".govuk-panel__title")).to_contain_text("Thank you")
    expect(child.locator("#worried-reply")).to_be_visible()
    _shoot(child, "my-views-sent")

    visit(page, "/")
    expect(page.get_by_text("Child not sure they are safe or happy").first).to_be_visible()
    click_through(page, page.locator("a[href*='/own-page/views/']").first)
    expect(page.locator("#childs-views")).to_contain_text("My new school")
    click_through(page, page.get_by_role("button", name="Record what you did"))
    page.get_by_label("What you did").fill("Visited the same day and spoke to Owen alone.")
    click_through(page, page.get_by_role("button", name="Save what you did"))
    expect(page.locator("#safety-acted")).to_contain_text("Visited the same day")
    _shoot(page, "views-detail")
    click_through(page, page.get_by_role("link", name=scenario.children["own"].display_name))
    expect(page.locator("#childs-own-views-table")).to_contain_text("Used")
    page.locator("#childs-own-views").scroll_into_view_if_needed()
    page.screenshot(path=str(SHOTS / "record-section.png"))


def test_a_younger_child_gives_their_views_with_faces_and_pictures(
    page: Page, other_page: Page, scenario: Scenario
) -> None:
    link = _show_a_code(page, scenario, "Younger children or children with additional needs")
    child = other_page
    child.set_viewport_size(PHONE)
    visit(child, link)
    expect(child.get_by_label("Good things")).to_be_visible()
    _shoot(child, "my-views-younger")
    child.get_by_label("Good things").fill("My dog")
    child.get_by_role("group", name="How are things at home?").get_by_label("10 out of 10").check()
    child.get_by_role("group", name="Do you feel safe at home?").get_by_label("Yes").check()
    click_through(child, child.get_by_role("button", name="Send"))
    expect(child.locator(".govuk-panel__title")).to_contain_text("Thank you")
