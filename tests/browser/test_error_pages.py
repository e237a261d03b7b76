"""The error pages as a person meets them: a page that does not exist, a form sent after its
token has gone, the database out of reach and an unexpected failure. Each is the service's own
page, in plain words, and passes axe."""

import pytest
from django.db import OperationalError
from playwright.sync_api import Page, expect

from tests.scenario import Scenario

from .conftest import TITLE_END, click_through, expect_error_status, sign_in, visit

pytestmark = pytest.mark.browser

MY_WORK = "steadfast.my_work.views.work_for"


def test_each_error_page_says_what_happened_and_what_to_do(
    page: Page, scenario: Scenario, monkeypatch: pytest.MonkeyPatch
) -> None:
    sign_in(page, "social_worker")

    visit(page, "/no-such-page/", status=404)
    expect(page).to_have_title("Page not found" + TITLE_END)
    expect(page.get_by_role("button", name="Sign out")).to_be_visible()

    def unreachable(*args, **kwargs):
        raise OperationalError("connection refused")

    monkeypatch.setattr(MY_WORK, unreachable)
    visit(page, "/", status=503)
    expect(page).to_have_title("Sorry, the service is unavailable" + TITLE_END)
    expect(page.get_by_role("heading", level=1)).to_have_text("Sorry, the service is unavailable")
    expect(page.get_by_text("Try again in a few minutes.")).to_be_visible()

    def broken(*args, **kwargs):
        raise RuntimeError("something unexpected")

    monkeypatch.setattr(MY_WORK, broken)
    visit(page, "/", status=500)
    expect(page.get_by_role("heading", level=1)).to_have_text("Sorry, there is a problem with the service")
    monkeypatch.undo()

    # A form sent once its CSRF cookie has gone, as after signing out in another tab.
    visit(page, "/children/")
    page.context.clear_cookies(name="csrftoken")
    expect_error_status(page, "/accounts/logout/", 403)
    click_through(page, page.get_by_role("button", name="Sign out"))
    expect(page.get_by_role("heading", level=1)).to_have_text("The form could not be sent")
