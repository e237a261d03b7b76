"""Putting things right in a browser: a meeting moved and then cancelled, a point and a score
corrected, an action withdrawn, an authorised record corrected as version 2, and views sent
before a meeting seen again through the link with its code, and by a carer on a phone."""

import datetime
import re

import pytest
from django.core import mail
from django.utils import timezone
from playwright.sync_api import Page, expect

from steadfast.meetings import services
from steadfast.meetings.models import InviteeRole
from steadfast.meetings.selectors import ProposedInvitee
from steadfast.meetings.tests.helpers import (
    a_concern_needing_a_meeting,
    a_meeting_ready_to_submit,
    an_arranged_meeting,
    an_authorised_meeting,
)
from tests.scenario import Scenario

from .conftest import click_through, fill_date, sign_in, visit

pytestmark = pytest.mark.browser


def _banner(page: Page):
    return page.locator(".govuk-notification-banner__heading")


def test_a_meeting_is_moved_then_cancelled_and_its_concern_waits_again(
    page: Page, scenario: Scenario
) -> None:
    concern = a_concern_needing_a_meeting(scenario)
    meeting = an_arranged_meeting(scenario, concern=concern, when=timezone.now() + datetime.timedelta(days=2))
    sign_in(page, "social_worker")
    visit(page, f"/meetings/{meeting.pk}/")
    expect(page.locator("#not-held-yet")).to_be_visible()
    click_through(page, page.get_by_role("button", name="Move the meeting"))
    fill_date(page, "Date of the meeting", timezone.localdate() - datetime.timedelta(days=1))
    click_through(page, page.get_by_role("button", name="Move the meeting"))
    expect(page.locator(".govuk-error-summary")).to_contain_text(
        "Date of the meeting must be today or in the future"
    )
    fill_date(page, "Date of the meeting", timezone.localdate() + datetime.timedelta(days=9))
    page.get_by_label("Time").fill("10am")
    page.get_by_label("Where, or how to join the call").fill("Room 2, Civic Centre")
    click_through(page, page.get_by_role("button", name="Move the meeting"))
    expect(_banner(page)).to_contain_text("The meeting has moved")
    expect(page.get_by_text("Room 2, Civic Centre")).to_be_visible()

    click_through(page, page.get_by_role("button", name="Cancel the meeting"))
    page.get_by_label("Why is the meeting cancelled?").fill("The carer is in hospital this week.")
    click_through(page, page.get_by_role("button", name="Cancel the meeting"))
    expect(_banner(page)).to_contain_text("The concern is waiting for a meeting to be arranged again")
    expect(page.locator("#cancelled")).to_contain_text("The carer is in hospital this week.")
    visit(page, f"/children/{meeting.child_id}/")
    expect(page.locator("table[aria-labelledby=stability-meetings]")).to_contain_text("Cancelled")
    visit(page, f"/concerns/{concern.pk}/")
    expect(page.get_by_text("Meeting to be arranged").first).to_be_visible()


def test_the_chair_corrects_a_point_and_a_score_and_withdraws_an_action(
    page: Page, scenario: Scenario
) -> None:
    meeting = a_meeting_ready_to_submit(scenario)
    services.add_meeting_point(
        actor=scenario.users["senior_practitioner"],
        meeting=meeting,
        column="worried",
        text="Sleep is poor",
        said_by=meeting.invitees.first(),
        basis="fact",
        marker="risk",
    )
    sign_in(page, "senior_practitioner")
    visit(page, f"/meetings/{meeting.pk}/")
    click_through(page, page.locator("#three-columns").get_by_role("link", name=re.compile("^Change")))
    page.get_by_label("The point").fill("Sleep is poor most nights")
    click_through(page, page.get_by_role("button", name="Save"))
    expect(_banner(page)).to_have_text("The point has been changed")
    expect(page.get_by_text("Sleep is poor most nights")).to_be_visible()

    scores = page.locator("#score-table")
    click_through(page, scores.get_by_role("link", name=re.compile("^Change")).first)
    expect(page.locator("#earlier-score")).to_be_visible()
    page.get_by_label("Score from 0 to 10").fill("9")
    click_through(page, page.get_by_role("button", name="Save"))
    expect(page.locator(".govuk-error-summary")).to_contain_text("has already given a score")
    page.get_by_label("This score replaces their earlier one").check()
    click_through(page, page.get_by_role("button", name="Save"))
    expect(_banner(page)).to_contain_text("score has been recorded")
    expect(scores).to_contain_text("9")

    click_through(page, page.locator("#stability-actions").get_by_role("link", name=re.compile("^Change")))
    click_through(page, page.get_by_role("link", name="Withdraw it instead"))
    click_through(page, page.get_by_role("button", name="Withdraw a Stability Action"))
    expect(page.locator(".govuk-error-summary")).to_contain_text("Say why")
    page.get_by_label("Why withdraw this action?").fill("Agreed for the wrong child")
    click_through(page, page.get_by_role("button", name="Withdraw a Stability Action"))
    expect(_banner(page)).to_have_text("The Stability Action has been withdrawn")
    expect(page.get_by_text("No actions yet.")).to_be_visible()


def test_a_corrected_plan_is_version_2_and_version_1_still_reads_as_authorised(
    page: Page, scenario: Scenario
) -> None:
    meeting = an_authorised_meeting(scenario)
    services.reopen_stability_meeting(
        actor=scenario.users["team_manager"], meeting=meeting, reason="the review date was wrong"
    )
    meeting.refresh_from_db()
    services.submit_stability_plan(actor=scenario.users["senior_practitioner"], meeting=meeting)
    services.authorise_stability_plan(actor=scenario.users["team_manager"], meeting=meeting)
    sign_in(page, "social_worker")
    visit(page, f"/meetings/{meeting.pk}/")
    versions = page.get_by_role("list", name="Authorised versions")
    expect(versions).to_contain_text("corrected because the review date was wrong")
    click_through(page, versions.get_by_role("link", name="Version 1"))
    expect(page.locator("#version-status")).to_contain_text("a later version corrects it")


def test_views_sent_through_a_link_are_seen_again_only_with_the_code(
    page: Page, other_page: Page, scenario: Scenario
) -> None:
    meeting = an_arranged_meeting(scenario, when=timezone.now() + datetime.timedelta(days=2))
    mail.outbox.clear()
    services.add_invitee(
        actor=scenario.users["social_worker"],
        meeting=meeting,
        invitee=ProposedInvitee(
            name="Test Teacher", role=InviteeRole.VIRTUAL_SCHOOL, group="views_sought", email="t@example.org"
        ),
    )
    (invitation,) = [m for m in mail.outbox if m.to == ["t@example.org"]]
    link = re.search(r"/meetings/views/[^/\s]+/", invitation.body)[0]
    code = re.search(r"Your code is (\S+)\.", invitation.body)[1]
    visit(page, link)
    page.get_by_label("Your code").fill(code)
    click_through(page, page.get_by_role("button", name="Continue"))
    page.get_by_label("What is working well?").fill("In school every day this term.")
    click_through(page, page.get_by_role("button", name="Send views"))

    visit(other_page, link)  # the link forwarded, without the code
    expect(other_page.get_by_text("In school every day this term.")).to_have_count(0)
    other_page.get_by_label("Your code").fill("WRONG-CODE")
    click_through(other_page, other_page.get_by_role("button", name="Continue"))
    expect(other_page.locator(".govuk-error-summary")).to_contain_text("not the code")
    other_page.get_by_label("Your code").fill(code.lower())
    click_through(other_page, other_page.get_by_role("button", name="Continue"))
    expect(other_page.locator("#views-already-sent")).to_be_visible()
    expect(other_page.get_by_label("What is working well?")).to_have_value("In school every day this term.")


def test_a_carer_on_a_phone_sees_and_changes_the_views_they_sent(page: Page, scenario: Scenario) -> None:
    meeting = an_arranged_meeting(scenario, when=timezone.now() + datetime.timedelta(days=2))
    page.set_viewport_size({"width": 375, "height": 812})
    sign_in(page, "foster_carer")
    visit(page, f"/portal/meetings/{meeting.pk}/views/")
    page.get_by_label("What are you worried about?").fill("Bedtimes are hard.")
    click_through(page, page.get_by_role("button", name="Send views"))
    visit(page, f"/portal/meetings/{meeting.pk}/views/")
    expect(page.locator("#views-already-sent")).to_be_visible()
    expect(page.get_by_label("What are you worried about?")).to_have_value("Bedtimes are hard.")
    page.get_by_label("What are you worried about?").fill("Bedtimes are better since the new routine.")
    click_through(page, page.get_by_role("button", name="Send changed views"))
    width = page.evaluate("document.documentElement.scrollWidth")
    assert width <= 375, f"the page is {width}px wide on a 375px screen"


def test_a_returned_plan_reaches_the_chair_by_email_and_in_my_work(page: Page, scenario: Scenario) -> None:
    meeting = a_meeting_ready_to_submit(scenario)
    chair = scenario.users["senior_practitioner"]
    chair.email = "chair@example.org"
    chair.save(update_fields=["email"])
    services.submit_stability_plan(actor=chair, meeting=meeting)
    mail.outbox.clear()
    sign_in(page, "team_manager")
    visit(page, f"/meetings/{meeting.pk}/authorise/")
    page.get_by_label("Return it with comments").check()
    page.get_by_role("textbox", name="Comments").fill("Give each action a date the carers can plan around.")
    click_through(page, page.get_by_role("button", name="Record decision"))
    expect(_banner(page)).to_have_text("The plan has been returned with your comments")
    (email,) = [m for m in mail.outbox if m.to == ["chair@example.org"]]
    assert f"/meetings/{meeting.pk}/" in email.body
    assert scenario.children["own"].legal_first_name not in email.body

    page.context.clear_cookies()
    sign_in(page, "senior_practitioner")
    expect(page.locator("#plan_returned")).to_be_visible()
    returned = page.get_by_role("link", name=re.compile("returned on .*Give each action a date"))
    click_through(page, returned)
    expect(page.locator("#return-comments")).to_contain_text("Give each action a date")


def test_a_views_link_asks_for_its_code_first_and_an_expired_one_says_whom_to_ask(
    page: Page, other_page: Page, scenario: Scenario
) -> None:
    from steadfast.meetings import invitations
    from steadfast.meetings.models import Invitee

    meeting = an_arranged_meeting(scenario, when=timezone.now() + datetime.timedelta(days=2))
    invitee = services.add_invitee(
        actor=scenario.users["social_worker"],
        meeting=meeting,
        invitee=ProposedInvitee(name="Test Nurse", role=InviteeRole.VIRTUAL_SCHOOL, group="views_sought"),
    )
    link = invitations.issue_views_link(actor=None, invitee=invitee)
    visit(page, f"/meetings/views/{link.token}/")  # the code page, checked by axe
    expect(page.get_by_label("What is working well?")).to_have_count(0)
    page.get_by_label("Your code").fill(link.spoken_code)
    click_through(page, page.get_by_role("button", name="Continue"))
    expect(page.get_by_label("What is working well?")).to_be_visible()

    Invitee.objects.filter(pk=invitee.pk).update(
        views_link_sent_at=timezone.now() - datetime.timedelta(days=invitations.VIEWS_LINK_DAYS + 1)
    )
    visit(other_page, f"/meetings/views/{link.token}/", status=410)
    expect(other_page.get_by_role("heading", level=1)).to_have_text("This link has expired")
    expect(other_page.locator("#who-to-contact")).to_be_visible()
