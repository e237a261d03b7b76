"""The fostering service assesses the impact of fostering on a household (first missing a rating),
records the carers' training and the match for a child placed; the child's social worker records
a sibling assessment before a reunification."""

import pytest
from django.utils import timezone
from playwright.sync_api import Page, expect

from steadfast.assessments.models import ImpactDomain
from steadfast.assessments.selectors import named_with_age
from steadfast.assessments.services import record_impact_stress_assessment
from steadfast.assessments.tests.helpers import a_sibling, all_ratings
from tests.factories import PlacementFactory, days_ago
from tests.scenario import Scenario

from .conftest import TITLE_END, click_through, fill_date, sign_in, sign_out, visit

pytestmark = pytest.mark.browser


def test_assessing_a_household_matching_a_placement_and_assessing_siblings(
    page: Page, scenario: Scenario
) -> None:
    household = scenario.households["own"]
    owen = scenario.children["own"]
    sam = a_sibling(scenario)
    today = timezone.localdate()

    sign_in(page, "supervising_social_worker")
    visit(page, f"/households/{household.pk}/")
    expect(page.locator("[data-impact-prompt]")).to_contain_text("A child joined the household")
    click_through(page, page.get_by_role("link", name="Assess the impact on the household"))
    expect(page.get_by_role("heading", level=1)).to_have_text("Record an impact and stress assessment")
    expect(page.get_by_label("A new child joined the household")).to_be_checked()
    fill_date(page, "Date of the assessment", today)
    for domain in ImpactDomain:
        if domain != ImpactDomain.HEALTH:
            page.get_by_label(f"{domain.label}: rating from 0 to 10").fill("6")
        page.get_by_label(f"{domain.label}: the evidence").fill(
            f"What the carers said about {domain.label.lower()}."
        )
    page.get_by_label("Your overall view").fill("Tired since Owen arrived, but coping.")
    page.get_by_label("The support plan").fill("Respite one weekend a month; a support group.")
    click_through(page, page.get_by_role("button", name="Save assessment"))
    expect(page).to_have_title(f"Error: Record an impact and stress assessment{TITLE_END}")
    expect(page.locator(".govuk-error-summary")).to_contain_text("Give a rating from 0 to 10 for health")

    page.get_by_label("Health: rating from 0 to 10").fill("4")
    click_through(page, page.get_by_role("button", name="Save assessment"))
    expect(page.locator(".govuk-notification-banner__heading")).to_have_text(
        "The impact and stress assessment has been recorded"
    )
    expect(page.get_by_text("What the carers said about health.")).to_be_visible()

    click_through(page, page.get_by_role("link", name=household.name))
    expect(page.locator("[data-impact-prompt]")).to_have_count(0)
    click_through(page, page.get_by_role("link", name="Record training"))
    click_through(page, page.get_by_role("button", name="Save training"))
    expect(page.locator(".govuk-error-summary")).to_contain_text("Choose an approved carer in this household")
    page.get_by_label("Carer").select_option(label="Test Carer")
    page.get_by_label("Trauma-informed care").check()
    fill_date(page, "Date completed", today)
    click_through(page, page.get_by_role("button", name="Save training"))
    expect(page.locator("[data-carer-training]")).to_contain_text("Trauma-informed care, completed")

    click_through(page, page.get_by_role("link", name=f"Record the match for {owen.display_name}"))
    click_through(page, page.get_by_role("button", name="Save matching record"))
    expect(page.locator(".govuk-error-summary")).to_contain_text("Describe the child's needs")
    placement = owen.placements.get()
    fill_date(page, "Date the match was agreed", placement.start_date)
    page.get_by_label("The child's needs").fill("A calm home near his school.")
    page.get_by_label("The household's approval and strengths for this child").fill(
        "Patient, experienced carers."
    )
    page.get_by_label("The gaps").fill("No experience of night-time anxiety.")
    page.get_by_label("Support planned from the first day").fill(
        "Therapeutic parenting course in the first month."
    )
    click_through(page, page.get_by_role("button", name="Save matching record"))
    expect(page.get_by_text("Therapeutic parenting course in the first month.")).to_be_visible()
    expect(page.get_by_text("Continuing")).to_be_visible()
    sign_out(page)

    sign_in(page, "social_worker")
    visit(page, f"/children/{owen.pk}/")
    expect(page.locator("#matching").locator("xpath=following-sibling::table[1]")).to_contain_text("Agreed")
    click_through(page, page.get_by_role("link", name="Record a sibling assessment"))
    click_through(page, page.get_by_role("button", name="Save sibling assessment"))
    expect(page.locator(".govuk-error-summary")).to_contain_text("Choose the brother or sister")
    page.get_by_label("Brother or sister").select_option(label=named_with_age(sam))
    fill_date(page, "Date of the assessment", today)
    page.get_by_label("Reunifying").check()
    page.get_by_label("This child's own needs").fill("Owen needs routine and his own room.")
    page.get_by_label("Their brother's or sister's own needs").fill("Sam needs time with his mum.")
    page.get_by_label("Their relationship").fill("Close; Owen looks out for Sam.")
    page.get_by_label("Together, with conditions").check()
    page.get_by_label("Why").fill("They want to live together; extra support at bedtime.")
    click_through(page, page.get_by_role("button", name="Save sibling assessment"))
    expect(page.get_by_text("extra support at bedtime")).to_be_visible()
    click_through(page, page.get_by_role("link", name=f"{sam.display_name}'s record"))
    expect(page.locator("#sibling-assessment-list")).to_contain_text(f"With {owen.display_name}")


def test_a_brother_on_another_caseload_living_apart_shows_in_oversight_and_is_assessed(
    page: Page, scenario: Scenario
) -> None:
    owen = scenario.children["own"]
    sam = a_sibling(scenario, worker="other_social_worker")
    PlacementFactory(child=sam, household=scenario.households["other"])
    record_impact_stress_assessment(
        actor=scenario.users["supervising_social_worker"],
        household=scenario.households["own"],
        date=days_ago(400),
        reason="supervision",
        ratings=all_ratings(6) | {"health": (2, "Back pain.")},
        overall="Coping.",
        support_plan="Monthly supervision.",
    )

    sign_in(page, "team_manager")
    visit(page, "/oversight/")
    counts = page.locator("#assessment-counts")
    for heading in (
        "Households with a low rating in their latest impact and stress assessment",
        "Households overdue an impact and stress assessment",
    ):
        click_through(page, counts.get_by_role("link", name=heading))
        expect(page.locator("#oversight-list")).to_contain_text("The Own household")
        visit(page, "/oversight/")
    click_through(
        page, counts.get_by_role("link", name="Brothers and sisters living apart with no sibling assessment")
    )
    table = page.locator("#oversight-list")
    expect(table).to_contain_text(named_with_age(sam))
    expect(table.get_by_role("link", name=sam.display_name)).to_have_count(0)
    sign_out(page)

    sign_in(page, "social_worker")
    visit(page, f"/children/{owen.pk}/")
    expect(page.locator("#home-impact-ratings [data-low-rating]")).to_have_count(1)
    expect(page.locator("[data-impact-overdue]")).to_have_count(1)
    click_through(page, page.get_by_role("link", name="Record a sibling assessment"))
    page.get_by_label("Brother or sister").select_option(label=named_with_age(sam))
    fill_date(page, "Date of the assessment", timezone.localdate())
    page.get_by_label("Reunifying").check()
    page.get_by_label("This child's own needs").fill("Owen needs routine.")
    page.get_by_label("Their brother's or sister's own needs").fill("Sam needs time with his mum.")
    page.get_by_label("Their relationship").fill("Close.")
    page.get_by_label("Apart").check()
    page.get_by_label("Why").fill("Each needs one-to-one care for now; weekly contact.")
    click_through(page, page.get_by_role("button", name="Save sibling assessment"))
    expect(page.locator("#other-child")).to_contain_text(named_with_age(sam))
    expect(page.get_by_role("link", name=f"{sam.display_name}'s record")).to_have_count(0)
