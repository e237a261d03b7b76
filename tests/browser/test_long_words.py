"""A long word with no spaces (a pasted link, a reference typed without a break) wraps onto the
next line on the pages that show what people write, on a phone and on a desktop, rather than
widening the page past the screen."""

import pytest
from playwright.sync_api import Page

from steadfast.carer_logs.tests.helpers import a_log
from steadfast.support_requests.tests.helpers import a_request
from tests.scenario import Scenario

from .conftest import sign_in, visit

pytestmark = pytest.mark.browser

LONG_WORD = "https://example.invalid/" + "averylongreferencewithnospacesorhyphens" * 12
SCREENS = {"phone": {"width": 375, "height": 740}, "desktop": {"width": 1280, "height": 900}}


def _fits(page: Page) -> bool:
    return page.evaluate("document.documentElement.scrollWidth <= document.documentElement.clientWidth")


@pytest.mark.parametrize("screen", SCREENS)
def test_a_long_word_wraps_on_the_carers_and_the_staff_pages(page: Page, scenario: Scenario, screen) -> None:
    log = a_log(scenario, text=f"The school sent {LONG_WORD} about the trip.")
    request = a_request(scenario, what_is_needed=f"Help with {LONG_WORD} please.")
    household = scenario.households["own"]
    page.set_viewport_size(SCREENS[screen])
    sign_in(page, "foster_carer")
    # A list shows the start of a log (the link left for its page); the record's own page all of it.
    for path, whole in (
        ("/portal/logs/", False),
        (f"/portal/logs/{log.pk}/", True),
        (f"/portal/help/{request.pk}/", True),
    ):
        visit(page, path)
        assert (LONG_WORD[:40] in page.content()) == whole, path
        assert _fits(page), f"{path} is wider than the {screen}"
    page.context.clear_cookies()
    sign_in(page, "supervising_social_worker")
    for path, whole in (
        (f"/households/{household.pk}/logs/", False),
        (f"/logs/{log.pk}/", True),
        (f"/help/{request.pk}/", True),
    ):
        visit(page, path)
        assert (LONG_WORD[:40] in page.content()) == whole, path
        assert _fits(page), f"{path} is wider than the {screen}"
