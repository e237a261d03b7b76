"""A long log is shortened in the carers' list and in the supervising social worker's, with a link
that reads "Read all of it" and names the log to a screen reader, leading to the whole log; a long
message to the carers opens in place. Every page passes axe-core, on a phone and on a desktop."""

import re

import pytest
from playwright.sync_api import Page, expect

from steadfast.carer_logs.tests.helpers import a_log
from steadfast.carer_messages.notifications import tell_carers
from tests.scenario import Scenario

from .conftest import click_through, sign_in, visit

pytestmark = pytest.mark.browser

START = "Owen came home from school upset and would not say why, so we sat with him in the kitchen"
LONG = START + " and talked about his week and his friends" * 4 + " and he said somebody took his coat."
SCREENS = {"phone": {"width": 375, "height": 740}, "desktop": {"width": 1280, "height": 900}}


@pytest.mark.parametrize("screen", SCREENS)
def test_a_long_log_is_shortened_in_the_lists_and_read_whole_one_click_away(
    page: Page, scenario: Scenario, screen
) -> None:
    log = a_log(scenario, text=LONG + " We are exhausted.")
    tell_carers(
        [scenario.users["foster_carer"]], subject="About Saturday", body=LONG, link="/portal/", about="test"
    )
    page.set_viewport_size(SCREENS[screen])
    sign_in(page, "foster_carer")
    visit(page, "/portal/logs/")
    expect(page.get_by_text(START[:60])).to_be_visible()
    expect(page.get_by_text("somebody took his coat")).to_have_count(0)
    read_all = page.get_by_role("link", name=re.compile(r"^Read all of it\s*: your log of \d"))
    expect(read_all).to_have_count(1)
    click_through(page, read_all)
    expect(page.locator("#what-happened")).to_contain_text("somebody took his coat")

    visit(page, "/portal/messages/")
    whole = page.locator("[data-whole-text]").get_by_text("somebody took his coat")
    expect(whole).to_be_hidden()
    page.get_by_text("Read all of it").click()
    expect(whole).to_be_visible()

    page.context.clear_cookies()
    sign_in(page, "supervising_social_worker")
    visit(page, f"/households/{scenario.households['own'].pk}/logs/")
    expect(page.get_by_text("1 more marked phrase further on in this log.")).to_be_visible()
    read_all = page.get_by_role("link", name=re.compile(r"^Read all of it\s*: the log of .* about Owen"))
    click_through(page, read_all)
    assert page.url.endswith(f"/logs/{log.pk}/")
    expect(page.locator("#what-happened")).to_contain_text("somebody took his coat")
