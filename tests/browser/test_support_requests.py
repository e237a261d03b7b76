"""A foster carer on a phone asks for help; the supervising social worker acknowledges it and
records that respite could not be obtained; the fostering team manager sees it escalated."""

import pytest
from playwright.sync_api import Page, expect

from tests.scenario import Scenario

from .conftest import PASSWORD, TITLE_END, assert_accessible, click_through, sign_in, sign_out, visit

pytestmark = pytest.mark.browser

PHONE = {"width": 375, "height": 740}
# Posts to a URL with the page's form token, as a form left open in another tab would.
RESUBMIT = """([url, seenVersion]) => {
  const form = document.createElement('form');
  form.method = 'post';
  form.action = url;
  form.appendChild(document.querySelector('input[name=csrfmiddlewaretoken]').cloneNode());
  const seen = document.createElement('input');
  seen.type = 'hidden';
  seen.name = 'seen_version';
  seen.value = seenVersion;
  form.appendChild(seen);
  document.body.appendChild(form);
  form.submit();
}"""


def _submit_empty_then(page: Page, button: str, heading: str, error: str) -> None:
    click_through(page, page.get_by_role("button", name=button))
    expect(page).to_have_title(f"Error: {heading}{TITLE_END}")
    expect(page.locator(".govuk-error-summary")).to_contain_text(error)


def test_a_carer_asks_for_help_and_a_manager_sees_it_escalated_when_respite_cannot_be_found(
    page: Page, other_page: Page, scenario: Scenario
) -> None:
    owen = scenario.children["own"]
    household = scenario.households["own"]

    # The carer, on a phone.
    page.set_viewport_size(PHONE)
    # Through the sign-in form from a link to their requests for help.
    visit(page, "/accounts/login/?next=/portal/help/")
    page.get_by_label("Username").fill("foster_carer")
    page.get_by_label("Password").fill(PASSWORD)
    click_through(page, page.get_by_role("button", name="Sign in"))
    expect(page.get_by_text("You have not asked for help here yet.")).to_be_visible()
    click_through(page, page.get_by_role("button", name="Ask for help"))
    _submit_empty_then(page, "Send your request", "Ask for help", "Say what help is needed")
    page.get_by_label(owen.display_name).check()
    page.get_by_label("Respite", exact=True).check()
    page.get_by_label("Urgent", exact=True).check()
    page.get_by_label("What help is needed?").fill("A weekend's break; nights are very hard (test).")
    click_through(page, page.get_by_role("button", name="Send your request"))
    expect(page.locator(".govuk-notification-banner__heading")).to_contain_text(
        "Your request for help has been sent"
    )
    assert (
        page.evaluate("document.documentElement.scrollWidth") <= PHONE["width"]
    )  # nothing wider than the phone
    click_through(page, page.get_by_role("link", name="Your requests for help"))
    expect(page.locator("#help-requests")).to_contain_text(f"Respite for {owen.display_name}")
    request_path = page.locator("#help-requests a").first.get_attribute("href")
    pk = request_path.rstrip("/").split("/")[-1]

    # The supervising social worker.
    ssw = other_page
    sign_in(ssw, "supervising_social_worker")
    visit(ssw, f"/households/{household.pk}/help/ask/")
    _submit_empty_then(
        ssw, "Send the request for help", "Ask for help for the carers", "Say what help is needed"
    )
    visit(ssw, f"/households/{household.pk}/")
    click_through(ssw, ssw.locator("#support-requests ~ table").get_by_role("link").first)
    expect(ssw.get_by_role("heading", level=1)).to_have_text("Request for respite")
    click_through(ssw, ssw.get_by_role("button", name="Acknowledge"))
    expect(ssw.locator(".govuk-notification-banner__heading")).to_have_text(
        "The request for help has been acknowledged"
    )
    # Acknowledging again, as from a second tab opened before the first acknowledgement: refused,
    # showing who acknowledged it meanwhile.
    with ssw.expect_navigation():
        ssw.evaluate(RESUBMIT, [f"/help/{pk}/acknowledge/", "1"])
    assert_accessible(ssw)
    expect(ssw.locator(".govuk-error-summary")).to_contain_text("Someone else changed this record")
    expect(ssw.locator("#changed-meanwhile")).to_contain_text("You, in another tab or window")
    click_through(ssw, ssw.get_by_role("link", name="The request for help"))
    for link, heading, button, error in (
        (
            "Answer: say what will happen",
            "Answer the request for help",
            "Save the answer",
            "Say what will happen",
        ),
        (
            "Escalate to the fostering team manager",
            "Escalate to the fostering team manager",
            "Escalate",
            "Say why",
        ),
        ("Close the request", "Close the request for help", "Close the request", "Say why the request"),
    ):
        click_through(ssw, ssw.get_by_role("link", name=link))
        _submit_empty_then(ssw, button, heading, error)
        click_through(ssw, ssw.get_by_role("link", name="The request for help"))
    click_through(ssw, ssw.get_by_role("link", name="Record that the help could not be obtained"))
    _submit_empty_then(
        ssw, "Record and escalate", "The help could not be obtained", "Say what could not be obtained"
    )
    ssw.get_by_label("What could not be obtained, and why?").fill(
        "No respite carer is free this month (test)."
    )
    click_through(ssw, ssw.get_by_role("button", name="Record and escalate"))
    expect(ssw.locator("#escalation")).to_contain_text("No respite carer is free this month (test).")
    sign_out(ssw)

    # The fostering team manager.
    sign_in(ssw, "fostering_team_manager")
    visit(ssw, "/help/")
    row = ssw.locator("tbody tr").first
    expect(row).to_contain_text("Escalated")
    click_through(ssw, row.get_by_role("link"))
    assert ssw.url.endswith(f"/help/{pk}/")
    expect(ssw.locator("#escalation")).to_contain_text("Escalated to")
    visit(ssw, f"/children/{owen.pk}/")
    expect(ssw.get_by_role("table", name="Requests for help")).to_contain_text("Escalated")

    # The carer reads, in plain words, that a manager is helping.
    visit(page, request_path)
    expect(page.locator(".moj-timeline")).to_contain_text("A manager has been asked to help find it.")
    expect(page.locator(".moj-timeline")).not_to_contain_text("No respite carer is free")


def test_a_carer_who_goes_back_and_sends_the_same_request_again_asks_once(
    page: Page, scenario: Scenario
) -> None:
    owen = scenario.children["own"]
    page.set_viewport_size(PHONE)
    sign_in(page, "foster_carer")
    visit(page, "/portal/help/ask/")
    page.get_by_label(owen.display_name).check()
    page.get_by_label("Advice", exact=True).check()
    page.get_by_label("Soon", exact=True).check()
    page.get_by_label("What help is needed?").fill("Someone to talk to about bedtimes (test).")
    click_through(page, page.get_by_role("button", name="Send your request"))
    sent_to = page.url
    # Back to the form as it was filled in, and send it again.
    with page.expect_navigation():
        page.go_back()
    assert_accessible(page)
    expect(page.get_by_label("What help is needed?")).to_have_value(
        "Someone to talk to about bedtimes (test)."
    )
    click_through(page, page.get_by_role("button", name="Send your request"))
    assert page.url == sent_to
    expect(page.locator(".govuk-notification-banner")).to_contain_text("You had already sent this")
    click_through(page, page.get_by_role("link", name="Your requests for help"))
    expect(page.locator("#help-requests a")).to_have_count(1)
