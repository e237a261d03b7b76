"""Signing in and out through the real form, including its error states."""

import pytest
from playwright.sync_api import Page, expect

from tests.scenario import Scenario

from .conftest import PASSWORD, TITLE_END, assert_accessible, click_through, sign_out, visit

pytestmark = pytest.mark.browser


def test_sign_in_explains_each_mistake_then_signs_in_and_out(page: Page, scenario: Scenario) -> None:
    visit(page, "/accounts/login/")
    expect(page).to_have_title("Sign in" + TITLE_END)
    expect(page.get_by_role("heading", level=1)).to_have_text("Sign in to Steadfast")
    expect(page.locator(".govuk-footer__meta-custom")).to_have_text(
        "Steadfast for Northbridge Council (fictional). Every record you open is logged."
    )

    # Nothing entered: each error is in the summary, which takes focus, and links to its field.
    click_through(page, page.get_by_role("button", name="Sign in"))
    expect(page).to_have_title("Error: Sign in" + TITLE_END)
    summary = page.locator(".govuk-error-summary")
    expect(summary).to_be_focused()
    expect(summary.get_by_role("heading")).to_have_text("There is a problem")
    expect(summary.get_by_role("link", name="Enter your username")).to_have_attribute("href", "#id_username")
    expect(summary.get_by_role("link", name="Enter your password")).to_have_attribute("href", "#id_password")
    expect(page.locator("#id_password-error")).to_contain_text("Enter your password")
    summary.get_by_role("link", name="Enter your password").click()
    expect(page.get_by_label("Password")).to_be_focused()
    assert_accessible(page)

    # A wrong password: one message, which does not say which of the two was wrong.
    page.get_by_label("Username").fill("social_worker")
    page.get_by_label("Password").fill("not-the-password")
    click_through(page, page.get_by_role("button", name="Sign in"))
    expect(page).to_have_title("Error: Sign in" + TITLE_END)
    expect(summary).to_be_visible()
    expect(summary.get_by_role("listitem")).to_have_count(1)
    expect(summary).to_contain_text("Enter a correct username and password. Both are case-sensitive.")
    expect(page.get_by_label("Username")).to_have_value("social_worker")

    page.get_by_label("Password").fill(PASSWORD)
    click_through(page, page.get_by_role("button", name="Sign in"))
    assert page.url.endswith("/"), page.url
    expect(page.get_by_role("heading", level=1)).to_have_text("My work")
    click_through(page, page.get_by_role("link", name="Children", exact=True))
    expect(page.get_by_role("heading", level=1)).to_have_text("Children")
    expect(
        page.get_by_role("table", name="Children you can see").get_by_role("link", name="Owen Example")
    ).to_be_visible()

    sign_out(page)
    expect(page.get_by_role("heading", level=1)).to_have_text("Sign in to Steadfast")
    # Signed out, the children list asks for sign-in again, and comes back to where it was asked for.
    visit(page, "/children/?q=Owen")
    assert "/accounts/login/?next=" in page.url, page.url
    page.get_by_label("Username").fill("social_worker")
    page.get_by_label("Password").fill(PASSWORD)
    click_through(page, page.get_by_role("button", name="Sign in"))
    assert page.url.endswith("/children/?q=Owen"), page.url
    expect(page.get_by_role("table", name="Children you can see").get_by_role("link")).to_have_text(
        ["Owen Example"]
    )


def test_a_failed_sign_in_does_not_send_the_password_back(page: Page) -> None:
    visit(page, "/accounts/login/")
    page.get_by_label("Username").fill("social_worker")
    page.get_by_label("Password").fill("not-the-password")
    click_through(page, page.get_by_role("button", name="Sign in"))
    assert page.get_by_label("Password").input_value() == ""
    assert "not-the-password" not in page.content()
