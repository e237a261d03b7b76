"""A child's social worker makes a Safety and Well-being Grid with the carer and a teacher: who
contributed, statements kept apart, each person's score with their reason, the impact statement
in the child's own words, a step; then finishes it, and sees the scores over time on the
child's record, drawn and in a table."""

import datetime
import os

import pytest
from django.utils import timezone
from playwright.sync_api import Page, expect

from steadfast.grids import services
from tests.scenario import Scenario

from .conftest import click_through, fill_date, sign_in, visit

pytestmark = pytest.mark.browser

# Where to keep pictures of the pages, when asked to (to look at them while changing them).
SCREENSHOTS = os.environ.get("STEADFAST_SCREENSHOTS", "")


def _picture(page: Page, name: str) -> None:
    if SCREENSHOTS:
        page.screenshot(path=os.path.join(SCREENSHOTS, f"grids-{name}.png"), full_page=True)


def _an_earlier_grid(scenario: Scenario) -> None:
    """A Grid some weeks ago, so the chart on the record has two dates."""
    worker = scenario.users["social_worker"]
    grid = services.make_grid(
        actor=worker,
        child=scenario.children["own"],
        context="case_discussion",
        date=timezone.localdate() - datetime.timedelta(days=30),
    )
    carer = services.add_grid_contributor(actor=worker, grid=grid, name="Pat Carer", role="carer")
    services.record_grid_score(actor=worker, grid=grid, contributor=carer, score=5, reason="Unsettled nights")
    services.record_grid_score(
        actor=worker, grid=grid, contributor=grid.contributors.first(), score=3, reason="Contact worries me"
    )


def test_a_social_worker_makes_a_grid_and_sees_the_scores_over_time(page: Page, scenario: Scenario) -> None:
    owen = scenario.children["own"]
    _an_earlier_grid(scenario)
    sign_in(page, "social_worker")
    visit(page, f"/children/{owen.pk}/")
    click_through(page, page.get_by_role("button", name="Make a Grid"))
    expect(page.get_by_role("heading", level=1)).to_have_text("Make a Safety and Well-being Grid")
    page.get_by_label("Direct work with the child or family").check()
    fill_date(page, "Date", timezone.localdate())
    _picture(page, "make")
    click_through(page, page.get_by_role("button", name="Make the Grid"))
    expect(page.locator(".govuk-notification-banner__heading")).to_contain_text("The Grid has been made")

    for name, role in (("Pat Carer", "Carer"), ("Alex Teacher", "Virtual school lead")):
        click_through(page, page.get_by_role("link", name="Add who contributed"))
        page.get_by_label("Or the name of someone outside the council").fill(name)
        page.get_by_label("Their role").select_option(label=role)
        click_through(page, page.get_by_role("button", name="Save"))

    for link, text, who, basis, marker in (
        ("Add to what's working well", "Pat reads with Owen every night", "Pat Carer", "Fact", "Strength"),
        ("Add to what we are worried about", "Owen was hit at contact", "Alex Teacher", "Fact", "Harm"),
        (
            "Add to what we are worried about",
            "Contact may upset him again",
            "Alex Teacher",
            "Hypothesis",
            "Risk",
        ),
    ):
        click_through(page, page.get_by_role("link", name=link))
        page.get_by_label("The statement").fill(text)
        page.get_by_label("Who contributed it?").select_option(
            label=f"{who} ({'Carer' if who == 'Pat Carer' else 'Virtual school lead'})"
        )
        page.get_by_role("group", name="Is it a fact, an opinion or a hypothesis?").get_by_label(
            basis
        ).check()
        page.get_by_label(marker, exact=True).check()
        if marker == "Risk":
            _picture(page, "statement")
        click_through(page, page.get_by_role("button", name="Save"))

    expect(page.locator("#strengths")).to_contain_text("Pat reads with Owen every night")
    expect(page.locator("#harm")).to_contain_text("Owen was hit at contact")
    expect(page.locator("#risk")).to_contain_text("Contact may upset him again")
    expect(page.locator("#safety")).to_have_text("Nothing recorded yet.")

    for who, score, reason in (
        ("Pat Carer (Carer)", "7", "Settled at home"),
        ("Alex Teacher (Virtual school lead)", "5", "Attendance better"),
    ):
        click_through(page, page.get_by_role("link", name="Record a score"))
        page.get_by_label("Whose score?").select_option(label=who)
        page.get_by_label("Score from 10 to 0").fill(score)
        page.get_by_label("Why this score?").fill(reason)
        click_through(page, page.get_by_role("button", name="Save"))
    expect(page.locator("#score-spread")).to_contain_text("Scores range from 5 to 7")

    click_through(page, page.get_by_role("link", name="Write the impact statement"))
    page.get_by_label("Impact statement").fill("Owen feels safe at home but contact frightens him.")
    page.get_by_label("In the child's words (optional)").fill("I like my room.")
    _picture(page, "impact")
    click_through(page, page.get_by_role("button", name="Save"))
    expect(page.locator("#childs-words")).to_have_text("I like my room.")

    click_through(page, page.get_by_role("link", name="Add a step"))
    page.get_by_label("What needs to happen?").fill("Supervised contact only")
    page.get_by_label("A worker").check()
    page.get_by_label("The worker").select_option(index=1)
    fill_date(page, "By when?", timezone.localdate() + datetime.timedelta(days=14))
    page.get_by_label("How will we know it is working?").fill("No more incidents at contact")
    click_through(page, page.get_by_role("button", name="Save"))
    expect(page.locator("#step-table")).to_contain_text("Supervised contact only")
    _picture(page, "detail")

    click_through(page, page.get_by_role("button", name="Finish the Grid"))
    click_through(page, page.get_by_role("button", name="Finish the Grid"))
    expect(page.locator(".govuk-notification-banner__heading")).to_have_text("The Grid is finished")
    expect(page.get_by_role("link", name="Record a score")).to_have_count(0)

    click_through(page, page.get_by_role("link", name=owen.display_name))
    chart = page.locator("#grid-scores-chart")
    expect(chart).to_be_visible()
    expect(chart).to_have_attribute(
        "alt",
        f"Safety and well-being scores for {owen.display_name} from 3 people on 2 dates; "
        "each score is in the table below.",
    )
    expect(page.locator("#grid-scores-table tbody tr")).to_have_count(2)
    expect(page.locator("#steps-from-grids")).to_be_visible()
    page.locator("#grids").scroll_into_view_if_needed()
    _picture(page, "record")
