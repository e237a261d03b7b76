"""A foster carer on a phone reads what the fostering service has told them, follows a message to
the page it is about, reads the reply to their log, and finds whom to call on the help pages;
each page checked for accessibility and for fitting the screen without scrolling sideways."""

import pytest
from django.conf import settings
from playwright.sync_api import Page, expect

from steadfast.carer_logs import services as log_services
from steadfast.carer_logs.tests.helpers import a_log
from steadfast.carer_messages.models import PortalContacts
from steadfast.carer_messages.notifications import tell_carers
from steadfast.carers_portal.tests.helpers import an_authorised_meeting_with_a_carer_action
from steadfast.meetings.notifications import ACTION_SUBJECT
from tests.scenario import Scenario

from .conftest import click_through, sign_in, visit

pytestmark = pytest.mark.browser

PHONE = {"width": 375, "height": 740}
REPLY = "Thank you, this helps. Let's talk about bedtimes on Thursday."
REVIEW_COMMENT = "Internal: check in at supervision."


def _fits_the_screen(page: Page) -> None:
    width = page.evaluate("() => document.documentElement.scrollWidth")
    assert width <= PHONE["width"], f"{page.url} scrolls sideways: {width}px on a {PHONE['width']}px screen"


def test_a_carer_on_a_phone_reads_what_they_were_told_and_finds_whom_to_call(
    page: Page, scenario: Scenario
) -> None:
    carer = scenario.users["foster_carer"]
    PortalContacts.objects.create(
        duty_line="01632 960 001",
        duty_line_hours="Monday to Friday, 9am to 5pm",
        out_of_hours="01632 960 999",
    )
    for n in range(settings.PAGE_SIZE):
        tell_carers(
            [carer], subject=f"An older message {n}", body="Something to read.", link="/portal/", about=""
        )
    meeting = an_authorised_meeting_with_a_carer_action(scenario)  # told once its plan is authorised
    ssw = scenario.users["supervising_social_worker"]
    log = a_log(scenario, text="A hard evening after contact.")
    log_services.review_carer_log(actor=ssw, log=log, comment=REVIEW_COMMENT, discussed_with_carer_on=None)
    log_services.reply_to_carers(actor=ssw, log=log, reply=REPLY)
    page.set_viewport_size(PHONE)

    sign_in(page, "foster_carer")
    _fits_the_screen(page)
    click_through(page, page.get_by_role("link", name="Everything we have told you"))
    expect(page.get_by_role("heading", level=1)).to_have_text("What we have told you")
    headings = page.locator("#message-list h2")
    expect(headings.first).to_have_text("Your supervising social worker has replied to your log")
    expect(page.get_by_role("navigation", name="Pagination")).to_be_visible()
    _fits_the_screen(page)

    click_through(page, page.get_by_role("link", name=ACTION_SUBJECT))
    assert page.url.endswith(f"/portal/meetings/{meeting.pk}/agreed/")
    expect(page.get_by_role("heading", level=1)).to_have_text("What was agreed")

    visit(page, "/portal/messages/")
    click_through(
        page, page.get_by_role("link", name="Your supervising social worker has replied to your log")
    )
    expect(page.get_by_text(REPLY)).to_be_visible()
    expect(page.get_by_text(REVIEW_COMMENT)).to_have_count(0)
    _fits_the_screen(page)

    visit(page, "/portal/help/ask/")
    expect(page.get_by_text("When they read it depends on when they are next working.")).to_be_visible()
    expect(page.get_by_role("link", name="01632 960 001")).to_have_attribute("href", "tel:01632960001")
    _fits_the_screen(page)

    visit(page, "/portal/help/")
    expect(page.get_by_role("heading", name="Who to call")).to_be_visible()
    expect(page.get_by_role("link", name="01632 960 999")).to_be_visible()
    _fits_the_screen(page)
