"""After the sweep, a social worker finds their reminders from the navigation, reads one and
dismisses another; their manager sees the escalations; a carer has no reminders page."""

import re

import pytest
from django.utils import timezone
from playwright.sync_api import Page, expect

from steadfast.reminders import services
from tests.scenario import Scenario

from .conftest import click_through, sign_in, visit

pytestmark = pytest.mark.browser

PHONE = {"width": 375, "height": 740}


def _unread(count: int) -> re.Pattern:
    # The count reads "(2)" on screen and "(2 unread)" to a screen reader.
    return re.compile(rf"^Reminders \({count} unread ?\)$")


def test_a_social_worker_reads_and_dismisses_reminders_and_their_manager_sees_the_escalations(
    page: Page, other_page: Page, scenario: Scenario
) -> None:
    # The test authority's statutory visits are long overdue: Owen's and Rhea's are the social
    # worker's, and escalated to their team manager.
    services.sweep_reminders(today=timezone.localdate(), send_digests=False)
    owen, rhea = scenario.children["own"], scenario.children["restricted"]

    sign_in(page, "social_worker")
    navigation = page.get_by_role("navigation", name="Menu")
    expect(navigation.get_by_role("link", name=_unread(2))).to_be_visible()
    click_through(page, navigation.get_by_role("link", name=_unread(2)))
    expect(page.get_by_role("heading", level=1)).to_have_text("Reminders")
    reminders = page.get_by_role("list", name="Reminders").get_by_role("listitem")
    expect(reminders).to_have_count(2)
    expect(reminders.filter(has_text=owen.display_name)).to_have_count(1)
    expect(reminders.filter(has_text=rhea.display_name)).to_have_count(1)
    expect(reminders.get_by_text("Unread")).to_have_count(2)

    owens = reminders.filter(has_text=owen.display_name)
    click_through(page, owens.get_by_role("button", name="Mark as read"))
    expect(navigation.get_by_role("link", name=_unread(1))).to_be_visible()
    expect(owens.get_by_text("Unread")).to_have_count(0)
    expect(owens.get_by_role("button", name="Mark as read")).to_have_count(0)

    click_through(page, reminders.filter(has_text=rhea.display_name).get_by_role("button", name="Dismiss"))
    expect(page.locator(".govuk-notification-banner__heading")).to_have_text(
        "The reminder has been dismissed"
    )
    expect(reminders).to_have_count(1)
    expect(navigation.get_by_role("link", name="Reminders", exact=True)).to_be_visible()

    click_through(page, owens.get_by_role("link", name="Statutory visit overdue"))
    expect(page.get_by_role("heading", level=1)).to_contain_text("Record a statutory visit")

    # The team manager, on a phone: both escalations, Rhea's without her name, as they may not
    # see her record.
    manager = other_page
    manager.set_viewport_size(PHONE)
    sign_in(manager, "team_manager")
    visit(manager, "/reminders/")
    escalations = manager.get_by_role("list", name="Reminders")
    expect(escalations.get_by_text("Escalation", exact=True)).to_have_count(2)
    expect(escalations).to_contain_text(owen.display_name)
    expect(escalations).to_contain_text("a child you no longer work with")
    expect(escalations).not_to_contain_text(rhea.legal_first_name)
    assert manager.evaluate("document.documentElement.scrollWidth") <= PHONE["width"]


def test_a_carer_has_no_reminders_page(page: Page, scenario: Scenario) -> None:
    sign_in(page, "foster_carer")
    expect(page.get_by_role("link", name="Reminders")).to_have_count(0)
    visit(page, "/reminders/", status=404)
