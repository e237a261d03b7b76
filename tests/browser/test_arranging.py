"""Arranging a meeting in the browser: the chair is found by typing part of a name, role or team,
and several people from outside the council are added one after another. Without JavaScript the
plain select and the fixed rows do the same."""

import datetime
from collections.abc import Callable, Iterator

import pytest
from axe_playwright_python.sync_playwright import Axe
from django.utils import timezone
from playwright.sync_api import Browser, Page, expect

from steadfast.meetings.models import InviteeRole, StabilityMeeting

from .conftest import (
    PASSWORD,
    TIMEOUT_MS,
    assert_accessible,
    click_through,
    fill_date,
    sign_in,
    visit,
)

pytestmark = pytest.mark.browser


def _banner(page: Page):
    return page.locator(".govuk-notification-banner__heading")


def _fill_person(page: Page, number: int, name: str, role: str, email: str = "") -> None:
    person = page.get_by_role("group", name=f"Person {number}")
    person.get_by_label("Name").fill(name)
    person.get_by_label("Their role").select_option(label=role)
    if email:
        person.get_by_label("Email address (optional)").fill(email)


def test_the_chair_is_found_by_typing_and_two_people_from_outside_are_added(page: Page, scenario):
    child = scenario.children["own"]
    chair = scenario.users["senior_practitioner"]
    label = f"{chair.get_full_name()}, senior practitioner, Test North"
    sign_in(page, "social_worker")
    visit(page, f"/children/{child.pk}/meetings/arrange/")

    page.get_by_label("Strengthening stability meeting").check()
    fill_date(page, "Date of the meeting", timezone.localdate() + datetime.timedelta(days=3))
    page.get_by_label("Time", exact=True).fill("2:30pm")
    page.get_by_label("Where, or how to join the call").fill("Family room, Northbridge Town Hall")

    # The chair's box is a combobox once the script has run; any words of role and team find them.
    chair_box = page.get_by_role("combobox", name="Who will chair it?")
    chair_box.fill("senior nor")
    options = page.get_by_role("listbox").get_by_role("option")
    expect(options).to_have_text([label])
    assert_accessible(page)  # with the list open
    options.first.click()
    expect(chair_box).to_have_value(label)
    expect(page.locator("select[name=chair]")).to_have_value(str(chair.pk))

    # One row shows at first; "Add another person" shows the next and moves to it.
    expect(page.get_by_role("group", name="Person 1")).to_be_visible()
    expect(page.get_by_role("group", name="Person 2")).to_be_hidden()
    _fill_person(page, 1, "Val Teacher", "Virtual school lead", "val@example.org")
    page.get_by_role("button", name="Add another person").click()
    second = page.get_by_role("group", name="Person 2")
    expect(second.get_by_label("Name")).to_be_focused()
    expect(page.get_by_role("group", name="Person 3")).to_be_hidden()
    _fill_person(page, 2, "Nina Nurse", "Children in care nurse")
    assert_accessible(page)

    click_through(page, page.get_by_role("button", name="Arrange the meeting"))
    expect(_banner(page)).to_have_text("The meeting has been arranged. The carers have been told.")
    invitees = page.locator("#invitee-table")
    for name in ("Val Teacher", "Nina Nurse"):
        expect(invitees.get_by_role("cell", name=name, exact=True)).to_be_visible()
    meeting = StabilityMeeting.objects.get()
    assert meeting.chair == chair
    assert set(meeting.invitees.filter(user__isnull=True).values_list("name", "role")) >= {
        ("Val Teacher", InviteeRole.VIRTUAL_SCHOOL),
        ("Nina Nurse", InviteeRole.CIC_NURSE),
    }


def test_a_row_put_wrong_stays_shown_with_its_message_and_the_chair_can_be_cleared(page: Page, scenario):
    child = scenario.children["own"]
    sign_in(page, "social_worker")
    visit(page, f"/children/{child.pk}/meetings/arrange/")
    chair_box = page.get_by_role("combobox", name="Who will chair it?")
    chair_box.fill("senior nor")
    page.get_by_role("listbox").get_by_role("option").first.click()
    # Emptying the box unchooses the chair: the form then asks for an independent chair's name.
    chair_box.fill("")
    expect(page.locator("select[name=chair]")).to_have_value("")
    page.get_by_role("button", name="Add another person").click()
    person = page.get_by_role("group", name="Person 2")
    person.get_by_label("Email address (optional)").fill("pat@example.org")
    click_through(page, page.get_by_role("button", name="Arrange the meeting"))
    summary = page.locator(".govuk-error-summary")
    expect(summary).to_contain_text("Enter the name of person 2")
    expect(summary).to_contain_text("Choose who will chair the meeting, or give the independent chair's name")
    # The row with something in it is shown again, with what was typed; the empty ones wait.
    expect(person).to_be_visible()
    expect(person.get_by_label("Email address (optional)")).to_have_value("pat@example.org")
    expect(page.get_by_role("group", name="Person 3")).to_be_hidden()
    summary.get_by_role("link", name="Enter the name of person 2").click()
    expect(person.get_by_label("Name")).to_be_focused()
    assert not StabilityMeeting.objects.exists()


def _context(browser: Browser, live_server, **options):
    context = browser.new_context(
        base_url=live_server.url, locale="en-GB", timezone_id="Europe/London", **options
    )
    context.set_default_timeout(TIMEOUT_MS)
    return context


@pytest.fixture
def page_without_scripts(browser: Browser, live_server) -> Iterator[tuple[Page, Callable[[], None]]]:
    """A tab with JavaScript switched off, and a check of the page it shows: no error responses,
    and no axe-core violations. axe cannot run where scripts are off, so it runs on the same
    page opened with the same cookies in a tab whose own scripts are all refused."""
    context = _context(browser, live_server, java_script_enabled=False)
    tab = context.new_page()
    problems: list[str] = []
    tab.on("response", lambda r: r.status >= 400 and problems.append(f"{r.status} for {r.url}"))
    checker = _context(browser, live_server)
    checker.route("**/*.js", lambda route: route.abort())

    def check() -> None:
        assert not problems, problems
        checker.clear_cookies()
        checker.add_cookies(context.cookies())
        twin = checker.new_page()
        twin.goto(tab.url)
        violations = Axe().run(twin).response["violations"]
        twin.close()
        assert not violations, [(v["id"], [n["target"] for n in v["nodes"]]) for v in violations]

    try:
        yield tab, check
    finally:
        context.close()
        checker.close()


def test_without_javascript_the_plain_select_and_the_rows_arrange_the_meeting(page_without_scripts, scenario):
    page, check = page_without_scripts
    child = scenario.children["own"]
    chair = scenario.users["team_manager"]
    page.goto("/accounts/login/")
    page.get_by_label("Username").fill("social_worker")
    page.get_by_label("Password").fill(PASSWORD)
    with page.expect_navigation():
        page.get_by_role("button", name="Sign in").click()
    page.goto(f"/children/{child.pk}/meetings/arrange/")
    check()

    # No combobox and no "Add another" button: the select and all five rows are there.
    expect(page.locator("input[role=combobox]")).to_have_count(0)
    expect(page.locator("select[name=chair]")).to_be_visible()
    expect(page.get_by_role("button", name="Add another person")).to_have_count(0)
    for number in range(1, 6):
        expect(page.get_by_role("group", name=f"Person {number}")).to_be_visible()

    page.get_by_label("Fostering stability meeting").check()
    fill_date(page, "Date of the meeting", timezone.localdate() + datetime.timedelta(days=3))
    page.get_by_label("Time", exact=True).fill("10am")
    page.get_by_label("Where, or how to join the call").fill("Video call")
    page.get_by_label("Who will chair it?").select_option(
        label=f"{chair.get_full_name()}, team manager, Test North"
    )
    _fill_person(page, 1, "Pat Parent", "Parent")
    _fill_person(page, 3, "Cam Worker", "CAMHS", "cam@example.org")
    with page.expect_navigation():
        page.get_by_role("button", name="Arrange the meeting").click()
    check()
    expect(_banner(page)).to_have_text("The meeting has been arranged. The carers have been told.")
    meeting = StabilityMeeting.objects.get()
    assert meeting.chair == chair
    assert set(meeting.invitees.filter(user__isnull=True).values_list("name", flat=True)) >= {
        "Pat Parent",
        "Cam Worker",
    }
