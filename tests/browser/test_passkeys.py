"""Adding a passkey and signing in with it, in Chromium with its DevTools virtual authenticator
standing in for a phone or a security key, every page checked with axe-core; and the code page
without JavaScript, where the code still signs in."""

import pytest
from django_otp.oath import totp
from django_otp.plugins.otp_totp.models import TOTPDevice
from playwright.sync_api import Page, expect

from steadfast.accounts import second_factor, services
from steadfast.accounts.models import User
from steadfast.accounts.tests.software_authenticator import passkey_added_for
from steadfast.audit.models import AuditEvent
from tests.scenario import Scenario

from .conftest import PASSWORD, assert_accessible, click_through, sign_out, visit

pytestmark = pytest.mark.browser

PHONE = {"width": 375, "height": 740}


def _code(device: TOTPDevice, *, steps_ahead: int) -> str:
    return str(totp(device.bin_key, t0=-30 * steps_ahead)).zfill(6)


def _with_authenticator(username: str) -> TOTPDevice:
    user = User.objects.get(username=username)
    device = second_factor.new_authenticator(user)
    services.set_up_authenticator(actor=user, device=device, code=_code(device, steps_ahead=0))
    device.refresh_from_db()
    return device


def _password_step(page: Page, username: str) -> None:
    visit(page, "/accounts/login/")
    page.get_by_label("Username").fill(username)
    page.get_by_label("Password").fill(PASSWORD)
    click_through(page, page.get_by_role("button", name="Sign in"))


def _virtual_authenticator(page: Page) -> None:
    """Chromium's virtual authenticator: a platform passkey that keeps its keys and always
    finds its owner present and verified."""
    cdp = page.context.new_cdp_session(page)
    cdp.send("WebAuthn.enable", {"enableUI": False})
    cdp.send(
        "WebAuthn.addVirtualAuthenticator",
        {
            "options": {
                "protocol": "ctap2",
                "transport": "internal",
                "hasResidentKey": True,
                "hasUserVerification": True,
                "isUserVerified": True,
                "automaticPresenceSimulation": True,
            }
        },
    )


@pytest.mark.parametrize("screen", ["desktop", "phone"])
def test_adding_a_passkey_and_signing_in_with_it(
    page: Page, live_server, scenario: Scenario, settings, screen
):
    # Passkeys belong to the address the browser is at: here, the live server's.
    settings.OTP_WEBAUTHN_RP_ID = "localhost"
    settings.OTP_WEBAUTHN_ALLOWED_ORIGINS = [live_server.url.replace("127.0.0.1", "localhost")]
    page.context.set_default_navigation_timeout(20_000)
    if screen == "phone":
        page.set_viewport_size(PHONE)
    device = _with_authenticator("social_worker")
    _virtual_authenticator(page)

    _password_step(page, "social_worker")
    expect(page.get_by_role("heading", level=1)).to_have_text("Enter your code")
    page.get_by_label("Code").fill(_code(device, steps_ahead=1))
    click_through(page, page.get_by_role("button", name="Continue"))
    expect(page.get_by_role("heading", level=1)).to_have_text("My work")

    visit(page, "/accounts/")
    click_through(page, page.get_by_role("link", name="Add a passkey"))
    expect(page.get_by_role("heading", level=1)).to_have_text("Add a passkey")
    # The script has swapped the words for browsers without it for the button.
    expect(page.get_by_text("your browser must run JavaScript")).to_have_count(0)
    assert_accessible(page)
    click_through(page, page.get_by_role("button", name="Add a passkey"))
    expect(page.get_by_role("heading", level=1)).to_have_text("Name your passkey")
    page.get_by_label("Name").fill("Work laptop")
    click_through(page, page.get_by_role("button", name="Save"))
    expect(page.get_by_text("Your passkey is now called Work laptop")).to_be_visible()
    expect(page.locator(".govuk-summary-list__key", has_text="Work laptop")).to_be_visible()
    if screen == "phone":
        page.get_by_role("button", name="Menu").click()
    sign_out(page)

    # Next time the passkey takes the place of the code.
    _password_step(page, "social_worker")
    expect(page.get_by_role("heading", level=1)).to_have_text("Use your passkey or a code")
    assert_accessible(page)
    click_through(page, page.get_by_role("button", name="Use your passkey"))
    expect(page.get_by_role("heading", level=1)).to_have_text("My work")
    assert AuditEvent.objects.filter(event_type="SECOND_FACTOR_PASSED", details__kind="passkey").exists()


def test_without_javascript_the_code_page_says_to_enter_a_code_and_the_code_works(
    browser, live_server, scenario: Scenario
):
    device = _with_authenticator("team_colleague")
    passkey_added_for(User.objects.get(username="team_colleague"))
    context = browser.new_context(base_url=live_server.url, java_script_enabled=False)
    page = context.new_page()
    page.goto("/accounts/login/")
    page.get_by_label("Username").fill("team_colleague")
    page.get_by_label("Password").fill(PASSWORD)
    page.get_by_role("button", name="Sign in").click()
    page.wait_for_url("**/accounts/login/code/**")
    expect(
        page.get_by_text("To use your passkey, your browser must run JavaScript. Enter a code instead.")
    ).to_be_visible()
    expect(page.get_by_role("button", name="Use your passkey")).to_have_count(0)
    page.get_by_label("Code").fill(_code(device, steps_ahead=1))
    page.get_by_role("button", name="Continue").click()
    page.wait_for_url(lambda url: "/accounts/login/" not in url)
    expect(page.get_by_role("heading", level=1)).to_have_text("My work")
    context.close()
