"""The service navigation fits on one line at 1280 pixels, for every role, however many reminders
are unread: the fostering service's own lists are grouped under Households."""

import pytest
from playwright.sync_api import Page

from steadfast.reminders.models import Reminder
from tests.scenario import STAFF_USERNAMES, Scenario

from .conftest import sign_in

pytestmark = pytest.mark.browser


def test_every_roles_navigation_fits_on_one_line_at_1280_pixels(page: Page, scenario: Scenario) -> None:
    for username in STAFF_USERNAMES:
        Reminder.objects.bulk_create(
            Reminder(
                recipient=scenario.users[username],
                key=f"k{n}",
                stage="due",
                kind="reminder",
                work_kind="visit_due",
                title="A reminder",
                url="/",
                due=scenario.children["own"].date_of_birth,
            )
            for n in range(99)
        )
    page.set_viewport_size({"width": 1280, "height": 800})
    for username in (*STAFF_USERNAMES, "foster_carer"):
        page.context.clear_cookies()
        sign_in(page, username)
        items = page.evaluate(
            """() => [...document.querySelectorAll('.govuk-service-navigation__item')].map(
                (element) => element.getBoundingClientRect().bottom
            )"""
        )
        assert len({round(bottom) for bottom in items}) == 1, (
            f"{username}'s navigation takes more than one line"
        )
