"""The child's social worker records the child's voice in a meeting, what changed because of it,
drafts and edits what the child is told while watching its reading age, and records that it was
shared; every page passes axe."""

import pytest
from django.utils import timezone
from playwright.sync_api import Page, expect

from steadfast.meetings.tests.helpers import an_arranged_meeting
from tests.scenario import Scenario

from .conftest import click_through, fill_date, sign_in, visit

pytestmark = pytest.mark.browser


def test_recording_the_childs_voice_and_telling_them_what_came_of_it(page: Page, scenario: Scenario) -> None:
    meeting = an_arranged_meeting(scenario)
    sign_in(page, "social_worker")
    visit(page, f"/meetings/{meeting.pk}/")
    expect(page.locator("[data-sending-checklist]")).to_contain_text("The child's voice is recorded")
    click_through(page, page.get_by_role("link", name="Record the child's voice"))
    click_through(page, page.get_by_role("button", name="Save the child's voice"))
    expect(page.locator(".govuk-error-summary")).to_contain_text("Say whether the child's views were sought")

    page.locator("#id_views_sought").check()
    page.get_by_label("How and where were their views sought?").fill("On a walk after school")
    page.get_by_label("What did the child say?").fill("I want to stay at my school and see my brother.")
    page.get_by_label("These are the child's own words").check()
    click_through(page, page.get_by_role("button", name="Save the child's voice"))
    expect(page.locator("#childs-voice + p")).to_contain_text("Audience")

    click_through(page, page.get_by_role("link", name="See the child's voice"))
    click_through(page, page.get_by_role("link", name="Add something the child asked for"))
    page.get_by_label("What did the child ask for?").fill("To stay at my school")
    page.get_by_label("Changed", exact=True).check()
    page.get_by_label("What changed because of it, or why not?").fill("you are staying at your school")
    click_through(page, page.get_by_role("button", name="Save"))
    expect(page.locator("#influence ~ table")).to_contain_text("To stay at my school")

    click_through(page, page.get_by_role("button", name="Write what the child is told"))
    text = page.get_by_label("What you will tell the child")
    expect(text).to_contain_text("Because of what you said, you are staying at your school.")
    expect(page.locator("#reading-age")).to_contain_text("Reading age about")
    text.fill(
        "Notwithstanding considerable organisational deliberation, accommodation arrangements continue."
    )
    click_through(page, page.get_by_role("button", name="Check the reading age"))
    expect(page.locator("#reading-age")).not_to_contain_text("A child of 8 could read this on their own")
    text.fill("You told us you want to stay at your school. You are staying. We listened.")
    click_through(page, page.get_by_role("button", name="Check the reading age"))
    expect(page.locator("#reading-age")).to_contain_text("A child of 8 could read this on their own")
    click_through(page, page.get_by_role("button", name="Save"))
    expect(page.locator("#letter")).to_contain_text("We listened.")

    click_through(page, page.get_by_role("button", name="Record that it was shared"))
    fill_date(page, "Date it was shared", timezone.localdate())
    page.get_by_label("In person").check()
    click_through(page, page.get_by_role("button", name="Save"))
    expect(page.locator("#fed-back")).to_contain_text("Told in person on")

    visit(page, f"/children/{meeting.child_id}/")
    expect(page.locator("#voice-records")).to_contain_text("Fed back")
