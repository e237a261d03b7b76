"""A social worker keeps a child's words and pictures story, and writes a plan the child can
read, with its reading age beside it."""

import pytest
from django.utils import timezone
from playwright.sync_api import Page, expect

from steadfast.meetings.tests.helpers import an_authorised_meeting
from steadfast.words_and_pictures.tests.helpers import PDF_BYTES, png_bytes
from tests.scenario import Scenario

from .conftest import click_through, sign_in, visit

pytestmark = pytest.mark.browser


def test_a_social_worker_uploads_a_story_then_writes_it_as_pages_with_a_picture(
    page: Page, scenario: Scenario
) -> None:
    owen = scenario.children["own"]
    sign_in(page, "social_worker")
    visit(page, f"/children/{owen.pk}/")
    expect(page.locator("#story-status")).to_contain_text("My story")

    click_through(page, page.get_by_role("button", name="Upload the story"))
    page.get_by_label("Title").fill("Why I live with Sam and Jo")
    page.get_by_label("Who made it with the child?").fill("Priya and Owen")
    # A PNG named as a PDF is taken for the picture it is.
    page.get_by_label("The story").set_input_files(
        {"name": "story.pdf", "mimeType": "application/pdf", "buffer": png_bytes()}
    )
    click_through(page, page.get_by_role("button", name="Save the story"))
    expect(page.locator(".govuk-notification-banner__heading")).to_have_text(
        "The words and pictures story has been saved as version 2."
    )
    expect(page.get_by_role("link", name="Download the story (PNG image)")).to_be_visible()
    expect(page.locator("#story-versions li")).to_have_count(2)

    click_through(page, page.get_by_role("button", name="Upload the story"))
    page.get_by_label("Title").fill("Not a story")
    page.get_by_label("Who made it with the child?").fill("Priya")
    page.get_by_label("The story").set_input_files(
        {"name": "story.png", "mimeType": "image/png", "buffer": b"random bytes, not a file anyone made"}
    )
    click_through(page, page.get_by_role("button", name="Save the story"))
    expect(page.locator(".govuk-error-summary")).to_contain_text(
        "The selected file must be a PDF, a PNG or JPEG picture, or a Word document (.docx)"
    )
    page.get_by_label("The story").set_input_files(
        {"name": "story.png", "mimeType": "image/png", "buffer": PDF_BYTES}
    )
    click_through(page, page.get_by_role("button", name="Save the story"))
    expect(page.get_by_role("link", name="Download the story (PDF)")).to_be_visible()

    click_through(page, page.get_by_role("button", name="Write the story as pages"))
    page.get_by_label("Words on page 1").fill("When you were little you lived with your mum.")
    page.get_by_label("Picture on page 1 (optional)").set_input_files(
        {"name": "house.png", "mimeType": "image/png", "buffer": png_bytes()}
    )
    page.get_by_label("Words on page 2").fill("Now you live with Sam and Jo.")
    click_through(page, page.get_by_role("button", name="Save the story"))
    expect(page.locator("#story-pages")).to_contain_text("Now you live with Sam and Jo.")
    expect(page.locator("#story-pages img")).to_have_count(1)
    expect(page.locator("#story-versions li")).to_have_count(4)


def test_a_social_worker_drafts_a_plan_the_child_can_read_and_checks_its_reading_age(
    page: Page, scenario: Scenario
) -> None:
    meeting = an_authorised_meeting(scenario)
    owen = scenario.children["own"]
    today = timezone.localdate()
    sign_in(page, "social_worker")
    visit(page, f"/children/{owen.pk}/")
    click_through(page, page.get_by_role("button", name="Draft a child-friendly plan"))
    expect(page.get_by_role("heading", level=1)).to_have_text("Change the child-friendly plan")
    expect(page.get_by_label("What we agreed")).to_contain_text("Arrange two weekends of respite.")
    expect(page.locator("#reading-age")).to_contain_text("About")

    page.get_by_label("What we agreed").fill(
        "Notwithstanding considerable organisational complexities, professionals collaboratively "
        "institutionalised comprehensive accommodation arrangements."
    )
    click_through(page, page.get_by_role("button", name="Check reading age"))
    expect(page.locator("#reading-age")).to_contain_text("Shorter sentences and shorter words")
    page.get_by_label("What we agreed").fill("- You will have two weekends of fun with Nan.")
    click_through(page, page.get_by_role("button", name="Save"))
    expect(page.locator(".govuk-notification-banner__heading")).to_have_text(
        "The child-friendly plan has been saved."
    )
    expect(page.locator("#child-text")).to_contain_text("You will have two weekends of fun with Nan.")
    expect(page.locator("#reading-age")).to_be_visible()

    click_through(page, page.get_by_role("button", name="Record it was shared"))
    group = page.get_by_role("group", name="Date shared")
    group.get_by_label("Day").fill(str(today.day))
    group.get_by_label("Month").fill(str(today.month))
    group.get_by_label("Year").fill(str(today.year))
    page.get_by_label("Read together in person").check()
    click_through(page, page.get_by_role("button", name="Save"))
    expect(page.locator("#plan-shared")).to_contain_text("read together in person")
    assert meeting.pk
