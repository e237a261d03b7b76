"""Setting up and signing in with a second factor, changing a password, and the timeout warning,
on a desktop and on a phone-sized screen, every page checked with axe-core."""

import base64
import datetime
import re

import pytest
from django_otp.oath import totp
from playwright.sync_api import Page, expect

from steadfast.accounts import signing_in
from tests.scenario import Scenario

from .conftest import PASSWORD, assert_accessible, click_through, sign_in, sign_out, visit

pytestmark = pytest.mark.browser

PHONE = {"width": 375, "height": 740}


def _code_from_key(key: str, *, steps_ahead: int = 0) -> str:
    key = key.replace(" ", "")
    return str(totp(base64.b32decode(key + "=" * (-len(key) % 8)), t0=-30 * steps_ahead)).zfill(6)


@pytest.mark.parametrize("screen", ["desktop", "phone"])
def test_setting_up_and_signing_in_with_a_second_factor(page: Page, scenario: Scenario, settings, screen):
    settings.SECOND_FACTOR_REQUIRED_FOR_STAFF = True
    if screen == "phone":
        page.set_viewport_size(PHONE)
    sign_in(page, "social_worker")
    # Required of staff: the set-up page comes before anything else.
    assert "/accounts/two-factor/set-up/" in page.url
    expect(page.get_by_role("heading", level=1)).to_have_text("Set up two-factor sign-in")
    expect(page.get_by_role("img", name=re.compile("QR code"))).to_be_visible()
    page.get_by_text("I cannot scan the picture").click()
    key = page.locator(".app-secret-key code").inner_text()
    assert_accessible(page)

    page.get_by_label("Code from your authenticator app").fill("000000")
    click_through(page, page.get_by_role("button", name="Continue"))
    expect(page.locator(".govuk-error-summary")).to_contain_text("Enter the 6-digit code")
    page.get_by_label("Code from your authenticator app").fill(_code_from_key(key))
    click_through(page, page.get_by_role("button", name="Continue"))
    expect(page.get_by_role("heading", level=1)).to_have_text("Two-factor sign-in is set up")
    expect(page.locator(".app-recovery-codes li")).to_have_count(10)
    recovery = page.locator(".app-recovery-codes li").first.inner_text()
    click_through(page, page.get_by_role("link", name="I have kept my codes, continue"))
    expect(page.get_by_role("heading", level=1)).to_have_text("My work")
    if screen == "phone":
        page.get_by_role("button", name="Menu").click()
    sign_out(page)

    # Next time: the password, then the code; a wrong code is explained, a recovery code works.
    visit(page, "/accounts/login/")
    page.get_by_label("Username").fill("social_worker")
    page.get_by_label("Password").fill(PASSWORD)
    click_through(page, page.get_by_role("button", name="Sign in"))
    expect(page.get_by_role("heading", level=1)).to_have_text("Enter your code")
    page.get_by_label("Code").fill("12345")
    click_through(page, page.get_by_role("button", name="Continue"))
    expect(page.locator(".govuk-error-summary")).to_be_focused()
    expect(page.locator("#id_code-error")).to_contain_text("Enter the 6-digit code your authenticator app")
    page.wait_for_timeout(1100)  # after a wrong code, the next is checked only after a second
    page.get_by_label("Code").fill(recovery)
    click_through(page, page.get_by_role("button", name="Continue"))
    expect(page.get_by_role("heading", level=1)).to_have_text("My work")

    # Their account says so.
    visit(page, "/accounts/")
    expect(page.get_by_text("You have 9 unused recovery codes.")).to_be_visible()


@pytest.mark.parametrize("screen", ["desktop", "phone"])
def test_changing_a_password(page: Page, scenario: Scenario, screen):
    if screen == "phone":
        page.set_viewport_size(PHONE)
    sign_in(page, "team_colleague")
    visit(page, "/accounts/")
    click_through(page, page.get_by_role("link", name="Change your password"))
    expect(page.get_by_role("heading", level=1)).to_have_text("Change your password")
    page.get_by_label("Current password").fill(PASSWORD)
    page.get_by_label("New password", exact=True).fill("short")
    page.get_by_label("Confirm new password").fill("short")
    click_through(page, page.get_by_role("button", name="Change password"))
    expect(page.locator(".govuk-error-summary")).to_contain_text("at least 12 characters")
    expect(page.get_by_label("New password", exact=True)).to_have_value("")

    new = "four random words together"
    page.get_by_label("Current password").fill(PASSWORD)
    page.get_by_label("New password", exact=True).fill(new)
    page.get_by_label("Confirm new password").fill(new)
    click_through(page, page.get_by_role("button", name="Change password"))
    expect(page.locator(".govuk-notification-banner")).to_contain_text("Your password has been changed")
    if screen == "phone":
        page.get_by_role("button", name="Menu").click()
    sign_out(page)
    sign_in(page, "team_colleague", new)


@pytest.mark.parametrize("screen", ["desktop", "phone"])
def test_the_timeout_warning_opens_before_the_end_and_staying_signed_in_keeps_the_session(
    page: Page, scenario: Scenario, settings, screen
):
    # A session of 2 minutes and 10 seconds warns after 10 seconds.
    settings.SESSION_IDLE_TIMEOUT = datetime.timedelta(seconds=130)
    if screen == "phone":
        page.set_viewport_size(PHONE)
    sign_in(page, "social_worker")
    dialog = page.get_by_role("dialog", name="You are about to be signed out")
    expect(dialog).to_be_hidden()
    expect(dialog).to_be_visible(timeout=20_000)
    expect(dialog).to_contain_text("we will sign you out in 2 minutes")
    expect(dialog.get_by_role("button", name="Stay signed in")).to_be_focused()
    assert_accessible(page)
    dialog.get_by_role("button", name="Stay signed in").click()
    expect(dialog).to_be_hidden()
    if screen == "phone":
        page.get_by_role("button", name="Menu").click()
    click_through(page, page.get_by_role("link", name="Children", exact=True))
    expect(page.get_by_role("heading", level=1)).to_have_text("Children")


def test_without_javascript_the_next_page_after_the_end_says_why(browser, live_server, scenario: Scenario):
    context = browser.new_context(base_url=live_server.url, java_script_enabled=False)
    page = context.new_page()
    page.goto("/accounts/login/")
    page.get_by_label("Username").fill("social_worker")
    page.get_by_label("Password").fill(PASSWORD)
    page.get_by_role("button", name="Sign in").click()
    page.wait_for_url("**/")
    assert "signed out after 30 minutes without using Steadfast" in page.content(), page.content()[:3000]
    session_key = next(c["value"] for c in context.cookies() if c["name"] == "sessionid")
    from django.contrib.sessions.backends.db import SessionStore

    session = SessionStore(session_key=session_key)
    session[signing_in.LAST_SEEN_AT] -= 31 * 60
    session.save()
    page.goto("/children/")
    expect(page.get_by_text(signing_in.IDLE_ENDED)).to_be_visible()
    context.close()
