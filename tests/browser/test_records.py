"""The records pages: a manager reviews a restricted record, a fostering team manager grants a
household by name, and two records officers make a subject access bundle and destroy a record
past its retention. Every page is checked with axe-core."""

import datetime

import pytest
from django.utils import timezone
from playwright.sync_api import Page, expect

from steadfast.accounts.models import AccessGrant, Role
from steadfast.subject_access.drawing import draw_and_keep_pdf
from steadfast.subject_access.models import SubjectAccessBundle
from tests.factories import ChildFactory, UserFactory, years_ago
from tests.scenario import Scenario

from .conftest import assert_accessible, click_through, sign_in, sign_out, visit

pytestmark = pytest.mark.browser


def test_a_granted_manager_reviews_a_restricted_record(page: Page, scenario: Scenario) -> None:
    rhea = scenario.children["restricted"]
    AccessGrant.objects.create(user=scenario.users["team_manager"], child=rhea, reason="Reviews it (test)")
    # Restricted 100 days ago and never reviewed since: overdue.
    type(rhea).history.filter(id=rhea.pk).update(history_date=timezone.now() - datetime.timedelta(days=100))
    sign_in(page, "team_manager")
    visit(page, "/restrictions/")
    expect(page.locator("#restricted-records")).to_contain_text(rhea.display_name)
    click_through(page, page.locator("#restricted-records").get_by_role("link", name=rhea.display_name))
    click_through(page, page.get_by_role("button", name="Record the review"))
    expect(page.locator(".govuk-error-summary")).to_contain_text(
        "Choose whether to keep the record restricted"
    )
    assert_accessible(page)
    page.get_by_label("Keep restricted").check()
    page.get_by_label("Why").fill("The risk from a relative remains.")
    click_through(page, page.get_by_role("button", name="Record the review"))
    expect(page.locator("#restriction-reviews")).to_contain_text("The risk from a relative remains.")


def test_a_fostering_team_manager_grants_a_household_by_name(page: Page, scenario: Scenario) -> None:
    household = scenario.households["own"]
    analyst = scenario.users["analyst"]
    sign_in(page, "fostering_team_manager")
    visit(page, f"/households/{household.pk}/")
    click_through(page, page.get_by_role("link", name="Grant access by name"))
    click_through(page, page.get_by_role("button", name="Grant access"))
    assert_accessible(page)
    page.get_by_label("Person").select_option(label=f"{analyst.get_full_name()} (Performance analyst)")
    page.get_by_label("Why they need access").fill("Checking the recording of supervision.")
    click_through(page, page.get_by_role("button", name="Grant access"))
    expect(page.locator("#access-grants")).to_contain_text(analyst.get_full_name())


def test_two_records_officers_make_a_bundle_and_destroy_a_record_past_retention(
    page: Page, scenario: Scenario
) -> None:
    UserFactory(username="records_one", role=Role.RECORDS_OFFICER)
    UserFactory(username="records_two", role=Role.RECORDS_OFFICER)
    owen = scenario.children["own"]
    old = ChildFactory(legal_first_name="Agatha", date_of_birth=years_ago(80))

    sign_in(page, "records_one")
    visit(page, "/records/bundles/")
    click_through(page, page.get_by_role("link", name="Make a subject access bundle"))
    click_through(page, page.get_by_role("button", name="Find"))
    expect(page.locator(".govuk-error-summary")).to_contain_text(
        "Enter a child identifier or a household reference"
    )
    assert_accessible(page)
    page.get_by_label("Child identifier or household reference").fill(owen.child_identifier)
    click_through(page, page.get_by_role("button", name="Find"))
    click_through(page, page.get_by_role("button", name=f"Make the bundle about {owen.display_name}"))
    expect(page.get_by_role("heading", level=1)).to_have_text(
        f"Subject access bundle about {owen.display_name}"
    )
    # The PDF is drawn in the background: the page says so, with a way to look again.
    expect(page.locator("#bundle-pdf")).to_contain_text("The PDF is being prepared")
    assert_accessible(page)
    draw_and_keep_pdf(SubjectAccessBundle.objects.get(child=owen).pk)
    click_through(page, page.get_by_role("link", name="Refresh this page"))
    download = page.get_by_role("link", name=f"Download the bundle as a PDF about {owen.display_name}")
    pdf = page.request.get(download.get_attribute("href"))
    assert pdf.status == 200 and pdf.body().startswith(b"%PDF")

    click_through(page, page.get_by_role("link", name="Subject access bundles"))
    expect(page.locator("#bundles")).to_contain_text(owen.display_name)
    click_through(page, page.get_by_role("link", name="Retention review"))
    click_through(page, page.get_by_role("link", name=f"Propose destruction of {old.display_name}'s record"))
    click_through(page, page.get_by_role("button", name="Propose destruction"))
    assert_accessible(page)
    page.get_by_label("Why should this record be destroyed?").fill("Past retention; no legal hold.")
    click_through(page, page.get_by_role("button", name="Propose destruction"))
    expect(page.locator("#needs-second-person")).to_be_visible()
    sign_out(page)

    sign_in(page, "records_two")
    visit(page, "/records/retention/")
    click_through(page, page.locator("#waiting").get_by_role("link"))
    click_through(page, page.get_by_role("button", name="Confirm destruction"))
    expect(page.locator(".govuk-notification-banner")).to_contain_text("Destruction confirmed")
