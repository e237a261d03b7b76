"""A breakdown-imminent concern becomes a stability meeting, its record, an authorised plan in the
Child's Plan, and a review of that plan. Two people saving the same record see both versions, and
someone outside the council sends their views through their own link."""

import datetime
import re

import pytest
from django.core import mail
from django.utils import timezone
from playwright.sync_api import Locator, Page, expect

from steadfast.meetings import services
from tests.scenario import Scenario

from .conftest import (
    TIMEOUT_MS,
    TITLE_END,
    click_through,
    expect_error_status,
    fill_date,
    sign_in,
    sign_out,
    visit,
)

pytestmark = pytest.mark.browser

CARER = "Test Carer"  # the Own household's approved carer in the scenario
CHILD = "Owen Example"


def _time_earlier_today(*, minutes: int) -> str:
    """A time `minutes` ago, as typed into the form, or midnight if that was yesterday: a
    meeting at that time today has been held."""
    now = timezone.localtime()
    then = max(now - datetime.timedelta(minutes=minutes), now.replace(hour=0, minute=0))
    return then.strftime("%H:%M")


def _banner(page: Page) -> Locator:
    return page.locator(".govuk-notification-banner__heading")


def _error_summary(page: Page) -> Locator:
    summary = page.locator(".govuk-error-summary")
    expect(summary).to_be_focused()
    return summary


def _choose_person(page: Page, label: str, person) -> None:
    """Type a person's name into a chair or owner box and pick them from the list it offers."""
    page.get_by_role("combobox", name=label).fill(str(person))
    page.get_by_role("option", name=re.compile(f"^{re.escape(str(person))},")).click()


def _meeting_id(page: Page) -> int:
    found = re.search(r"/meetings/(\d+)/$", page.url)
    assert found, f"expected a meeting's page, got {page.url}"
    return int(found[1])


def _open_meeting_from_child(page: Page, child_id: int, status: str) -> None:
    visit(page, f"/children/{child_id}/")
    meetings = page.locator("table[aria-labelledby=stability-meetings]")
    click_through(page, meetings.get_by_role("row").filter(has_text=status).get_by_role("link"))


def _score_everyone_present(page: Page, scores: list[int]) -> None:
    click_through(page, page.get_by_role("link", name="Record a score"))
    whose = page.get_by_label("Whose score?")
    members = [
        name for name in whose.locator("option").all_inner_texts() if name != "Choose a member present"
    ]
    assert len(members) == len(scores), members
    for n, (member, score) in enumerate(zip(members, scores, strict=True)):
        if n:
            click_through(page, page.get_by_role("link", name="Record a score"))
        page.get_by_label("Whose score?").select_option(label=member)
        page.get_by_label("Score from 0 to 10").fill(str(score))
        page.get_by_label("Why this score?").fill(f"Score {score}: the respite is what is holding it.")
        click_through(page, page.get_by_role("button", name="Save"))
        expect(_banner(page)).to_have_text(f"{member.rsplit(' (', 1)[0]}'s score has been recorded")
    table = page.locator("#score-table")
    for score in scores:
        expect(table.get_by_role("cell", name=str(score), exact=True).first).to_be_visible()


def _add_action(page: Page, *, what: str, owner_kind: str, due: datetime.date, measure: str) -> None:
    click_through(page, page.get_by_role("link", name="Add a Stability Action"))
    page.get_by_label("What will happen?").fill(what)
    page.get_by_label(owner_kind, exact=True).check()
    fill_date(page, "By when?", due)
    page.get_by_label("How will everyone know it worked?").fill(measure)


def _send_for_authorisation(page: Page) -> None:
    """From the meeting's page: the child's voice recorded, as sending needs, then sent."""
    click_through(page, page.get_by_role("link", name="Record the child's voice"))
    page.locator("#id_views_sought").check()
    page.get_by_label("How and where were their views sought?").fill("At the carers' home, the day before")
    page.get_by_label("What did the child say?").fill("I want to stay here.")
    click_through(page, page.get_by_role("button", name="Save the child's voice"))
    click_through(page, page.get_by_role("button", name="Send for authorisation"))
    expect(page.get_by_role("heading", level=1)).to_have_text("Send the plan for authorisation")
    click_through(page, page.get_by_role("button", name="Send for authorisation"))
    expect(_banner(page)).to_have_text("The plan has been sent to a manager to authorise")
    expect(page.locator("[data-meeting-status]")).to_have_text("Awaiting authorisation")


def _authorise(page: Page, child_id: int) -> int:
    """A team manager who did not chair it finds the plan on the child's record and authorises it."""
    sign_in(page, "team_manager")
    _open_meeting_from_child(page, child_id, "Awaiting authorisation")
    click_through(page, page.get_by_role("button", name="Authorise or return the plan"))
    page.get_by_label("Authorise the plan").check()
    click_through(page, page.get_by_role("button", name="Record decision"))
    expect(_banner(page)).to_have_text("The plan is authorised. Its actions are in the Child's Plan.")
    expect(page.locator("[data-meeting-status]")).to_have_text("Authorised")
    return _meeting_id(page)


def test_a_concern_leads_to_a_meeting_an_authorised_plan_and_its_review(
    page: Page, scenario: Scenario
) -> None:
    owen = scenario.children["own"]
    social_worker = scenario.users["social_worker"]
    supervising = scenario.users["supervising_social_worker"]
    chair = scenario.users["senior_practitioner"]
    today = timezone.localdate()

    # 1. The social worker raises a concern from Owen's record; a team manager agrees a meeting.
    sign_in(page, "social_worker")
    visit(page, f"/children/{owen.pk}/")
    click_through(page, page.get_by_role("button", name="Raise a stability concern"))
    page.get_by_label("The carer says they may not be able to go on").check()
    page.get_by_label("Missing episodes").check()
    page.get_by_label("Tell us more").fill("Owen was missing two nights this week; his carer is exhausted.")
    page.get_by_label("Breakdown imminent").check()
    page.get_by_label("Who is raising it?").select_option(label="The child's social worker")
    click_through(page, page.get_by_role("button", name="Raise concern"))
    expect(page.get_by_role("heading", level=1)).to_have_text("Stability concern: breakdown imminent")
    sign_out(page)

    sign_in(page, "team_manager")
    visit(page, f"/children/{owen.pk}/")
    click_through(page, page.locator("table[aria-labelledby=stability-concerns]").get_by_role("link").first)
    click_through(page, page.get_by_role("button", name="Decide what happens next"))
    page.get_by_label("A stability meeting").check()
    page.get_by_label("If a meeting, which kind?").select_option(label="Placement stability meeting")
    page.get_by_label("Why is this the right response?").fill("The network needs to meet this week.")
    click_through(page, page.get_by_role("button", name="Record decision"))
    expect(page.locator("#concern-status")).to_have_text("Meeting to be arranged")
    sign_out(page)

    # 2. The social worker arranges it from the concern, first sending the form empty.
    sign_in(page, "social_worker")
    visit(page, f"/children/{owen.pk}/")
    click_through(page, page.locator("table[aria-labelledby=stability-concerns]").get_by_role("link").first)
    click_through(page, page.get_by_role("button", name="Arrange the meeting"))
    expect(page.get_by_role("heading", level=1)).to_have_text("Arrange placement stability meeting")
    click_through(page, page.get_by_role("button", name="Arrange the meeting"))
    expect(page).to_have_title("Error: Arrange a meeting" + TITLE_END)
    expect(_error_summary(page).get_by_role("link")).to_have_text(
        [
            "Enter the date of the meeting",
            "Enter the time",
            "Say where the meeting is, or how to join the call",
            "Choose who will chair the meeting, or give the independent chair's name",
        ]
    )
    fill_date(page, "Date of the meeting", today)
    held_at = _time_earlier_today(minutes=60)
    page.get_by_label("Time", exact=True).fill(held_at)
    page.get_by_label("Where, or how to join the call").fill("Family room, Northbridge Town Hall")
    _choose_person(page, "Who will chair it?", chair)
    expect(page.get_by_label(f"{social_worker}, child's social worker")).to_be_checked()
    click_through(page, page.get_by_role("button", name="Arrange the meeting"))
    expect(_banner(page)).to_have_text("The meeting has been arranged. The carers have been told.")
    expect(page.locator("[data-meeting-status]")).to_have_text("Planned")
    when = page.locator(".govuk-summary-list__row").filter(has_text="When")
    expect(when).to_contain_text(f"{today.day} {today:%B %Y} at {held_at}")
    meeting_id = _meeting_id(page)
    invitees = page.locator("#invitee-table")
    for name in (CHILD, CARER, str(social_worker), str(supervising), str(scenario.users["team_manager"])):
        expect(invitees.get_by_role("cell", name=name, exact=True)).to_be_visible()

    # 3. Views before the meeting: the child's, gathered directly, and the carer's.
    click_through(page, page.get_by_role("link", name=f"Record views of {CHILD}"))
    page.get_by_label("Directly from the child").check()
    page.get_by_label("What are you worried about?").fill("I don't want to move again.")
    page.get_by_label("What is working well?").fill("Cooking with my carer on Sundays.")
    click_through(page, page.get_by_role("button", name="Save views"))
    expect(_banner(page)).to_have_text(f"{CHILD}'s views have been recorded")
    click_through(page, page.get_by_role("link", name=f"Record views of {CARER}"))
    page.get_by_label("What are you worried about?").fill("I am not sleeping when he is missing.")
    page.get_by_label("What support can you, your agency or your family offer?").fill(
        "My sister can have him one weekend a month."
    )
    click_through(page, page.get_by_role("button", name="Save views"))
    expect(_banner(page)).to_have_text(f"{CARER}'s views have been recorded")
    views = page.locator("#views ~ .govuk-summary-list")
    expect(views.get_by_text("I don't want to move again.")).to_be_visible()
    expect(views.get_by_text("My sister can have him one weekend a month.")).to_be_visible()

    # 4. The record: everyone invited came, and the opening is saved as a draft with nothing
    # pressed, three seconds after the last keystroke.
    click_through(page, page.get_by_role("button", name="Write up the record"))
    expect(page.get_by_role("heading", level=1)).to_have_text("Meeting record")
    for box in page.get_by_role("group", name="Who was present?").get_by_role("checkbox").all():
        box.check()
    status = page.locator("[data-autosave-status]")
    expect(status).to_have_text("Your draft is saved as you type.")
    page.get_by_label("The chair's opening").fill("We are here to help Owen stay at home; all will be heard.")
    expect(status).to_have_text(re.compile(r"^Draft saved at \d\d:\d\d$"), timeout=TIMEOUT_MS)
    page.get_by_label("The chair's summary").fill("The home can hold with respite and more visits.")
    fill_date(page, "Next review date", today + datetime.timedelta(days=28))
    click_through(page, page.get_by_role("button", name="Save and return to the meeting"))
    expect(_banner(page)).to_have_text("The meeting record has been saved")
    expect(page.locator("[data-meeting-status]")).to_have_text("Record in draft")
    expect(page.get_by_text("We are here to help Owen stay at home; all will be heard.")).to_be_visible()

    # 5. A point in each column, a score from everyone present, and a Stability Action.
    points = [
        ("What are we worried about?", "Owen was missing two nights.", f"{CARER} (Carer)", "Fact", "Risk"),
        (
            "What is working well?",
            "Owen cooks with his carer.",
            f"{CHILD} (The child or young person)",
            "Fact",
            "Strength",
        ),
        (
            "What needs to happen?",
            "Respite one weekend a month.",
            f"{social_worker} (Child's social worker)",
            "Opinion",
            None,
        ),
    ]
    for column, text, said_by, basis, marker in points:
        click_through(page, page.get_by_role("link", name="Add a point"))
        page.get_by_label(column).check()
        page.get_by_label("The point").fill(text)
        page.get_by_label("Who said it?").select_option(label=said_by)
        page.get_by_label(basis, exact=True).check()
        if marker:
            page.get_by_label(marker, exact=True).check()
        click_through(page, page.get_by_role("button", name="Save"))
        expect(_banner(page)).to_have_text("The point has been added")
    columns = page.locator("#three-columns")
    for text in (
        "Owen was missing two nights.",
        "Owen cooks with his carer.",
        "Respite one weekend a month.",
    ):
        expect(columns.get_by_text(text)).to_be_visible()

    click_through(page, page.get_by_role("link", name="Record a score"))
    page.get_by_label("Whose score?").select_option(index=1)
    page.get_by_label("Score from 0 to 10").fill("11")
    page.get_by_label("Why this score?").fill("Off the scale.")
    click_through(page, page.get_by_role("button", name="Save"))
    expect(_error_summary(page).get_by_role("link")).to_have_text(["Give a score from 0 to 10"])
    click_through(page, page.get_by_role("link", name="The meeting"))
    _score_everyone_present(page, [3, 4, 5, 6, 2, 7])

    _add_action(
        page,
        what="Arrange one weekend of respite a month",
        owner_kind="A worker",
        due=today + datetime.timedelta(days=14),
        measure="The carer says she is sleeping again",
    )
    click_through(page, page.get_by_role("button", name="Save"))
    expect(_error_summary(page).get_by_role("link")).to_have_text(["Say who owns this action"])
    _choose_person(page, "The worker", supervising)
    click_through(page, page.get_by_role("button", name="Save"))
    expect(_banner(page)).to_have_text("The Stability Action has been added")
    expect(page.locator("#stability-actions")).to_contain_text("Arrange one weekend of respite a month")

    # 6. Sent, and authorised by a team manager who did not chair it; the plan shows the action.
    _send_for_authorisation(page)
    sign_out(page)
    assert _authorise(page, owen.pk) == meeting_id
    click_through(page, page.get_by_role("link", name="The Child's Plan"))
    open_actions = page.locator("#plan-open")
    expect(
        open_actions.get_by_role("row", name=re.compile("Arrange one weekend of respite a month"))
    ).to_contain_text("Agreed")
    for kind, content_type, magic in [
        ("pdf", "application/pdf", b"%PDF"),
        ("docx", "application/vnd.openxmlformats-officedocument.wordprocessingml.document", b"PK"),
    ]:
        minutes = page.request.get(f"/meetings/{meeting_id}/minutes.{kind}")
        assert minutes.status == 200, f"the {kind} minutes answered {minutes.status}"
        assert minutes.headers["content-type"] == content_type
        assert minutes.body().startswith(magic)
    sign_out(page)

    # 7. Who received the minutes: the carer is always among them.
    sign_in(page, "social_worker")
    _open_meeting_from_child(page, owen.pk, "Authorised")
    click_through(page, page.get_by_role("button", name="Record who received the minutes"))
    expect(page.get_by_label(f"{CARER}, carer")).to_be_checked()
    page.get_by_label(f"{scenario.users['iro']}, independent reviewing officer").check()
    fill_date(page, "Date sent", today)
    page.get_by_label("Email").check()
    click_through(page, page.get_by_role("button", name="Save"))
    expect(_banner(page)).to_have_text("Who received the minutes has been recorded")
    expect(page.locator("#circulation li")).to_have_count(2)
    expect(page.locator("#circulation")).to_contain_text(CARER)

    # 8. The review: arranged from the authorised meeting, written up, the action reviewed.
    click_through(page, page.get_by_role("button", name="Arrange the review"))
    expect(page.get_by_role("heading", level=1)).to_have_text("Arrange review meeting")
    fill_date(page, "Date of the meeting", today)
    # Held, and after the meeting it reviews (arranged at least a minute ago for an hour before).
    page.get_by_label("Time", exact=True).fill(_time_earlier_today(minutes=1))
    page.get_by_label("Where, or how to join the call").fill("Video call: link in the invitation")
    _choose_person(page, "Who will chair it?", chair)
    click_through(page, page.get_by_role("button", name="Arrange the meeting"))
    expect(_banner(page)).to_have_text("The meeting has been arranged. The carers have been told.")
    review_id = _meeting_id(page)
    assert review_id != meeting_id

    click_through(page, page.get_by_role("button", name="Write up the record"))
    who = page.get_by_role("group", name="Who was present?")
    for label in (
        f"{CHILD}, the child or young person",
        f"{CARER}, carer",
        f"{social_worker}, child's social worker",
    ):
        who.get_by_label(label).check()
    page.get_by_label("The chair's opening").fill("We are here to review Owen's plan.")
    page.get_by_label("Support continues").check()
    page.get_by_label("The chair's summary").fill("Respite has helped; keep it going.")
    fill_date(page, "Next review date", today + datetime.timedelta(days=56))
    click_through(page, page.get_by_role("button", name="Save and return to the meeting"))
    expect(_banner(page)).to_have_text("The meeting record has been saved")

    click_through(
        page, page.get_by_role("link", name="Record how Arrange one weekend of respite a month went")
    )
    page.get_by_label("Done", exact=True).check()
    page.get_by_label("The evidence").fill("Two respite weekends took place; the carer says she is rested.")
    click_through(page, page.get_by_role("button", name="Save"))
    expect(_banner(page)).to_have_text("How the action went has been recorded")
    expect(page.locator("#action-reviews ~ table")).to_contain_text("Done: Two respite weekends took place")

    _score_everyone_present(page, [6, 7, 8])
    _add_action(
        page,
        what="A weekly call between the carer and her supervising social worker",
        owner_kind=f"The carer: {CARER}",
        due=today + datetime.timedelta(days=21),
        measure="The calls are in the carer's log every week",
    )
    page.get_by_label("Or their name").fill(CARER)
    click_through(page, page.get_by_role("button", name="Save"))
    expect(_banner(page)).to_have_text("The Stability Action has been added")
    _send_for_authorisation(page)
    sign_out(page)

    assert _authorise(page, owen.pk) == review_id
    click_through(page, page.get_by_role("link", name="The Child's Plan"))
    reviewed = page.locator("#plan-reviewed")
    expect(
        reviewed.get_by_role("row", name=re.compile("Arrange one weekend of respite a month"))
    ).to_contain_text("Done")
    expect(page.locator("#plan-open").get_by_role("row", name=re.compile("A weekly call"))).to_contain_text(
        "Agreed"
    )


def test_two_people_saving_the_same_record_see_both_versions(
    page: Page, other_page: Page, scenario: Scenario
) -> None:
    meeting = services.arrange_stability_meeting(
        actor=scenario.users["social_worker"],
        child=scenario.children["own"],
        kind="placement_stability",
        scheduled_at=timezone.now() - datetime.timedelta(hours=1),
        venue="Family room, Northbridge Town Hall",
        chair=scenario.users["senior_practitioner"],
    )
    for tab, who in ((page, "social_worker"), (other_page, "senior_practitioner")):
        sign_in(tab, who)
        visit(tab, f"/meetings/{meeting.pk}/")
        click_through(tab, tab.get_by_role("button", name="Write up the record"))

    # Both have the record open. The chair saves first...
    other_page.get_by_label("The chair's opening").fill("The chair's words.")
    click_through(other_page, other_page.get_by_role("button", name="Save and return to the meeting"))
    expect(_banner(other_page)).to_have_text("The meeting record has been saved")

    # ...so the social worker's save, from the version they opened, is refused with both shown.
    page.get_by_label("The chair's opening").fill("The social worker's words.")
    expect_error_status(page, f"/meetings/{meeting.pk}/record/", 409)
    click_through(page, page.get_by_role("button", name="Save and return to the meeting"))
    expect(_error_summary(page)).to_contain_text(services.MEETING_STALE_EDIT)
    banner = page.get_by_role("region", name="Both versions")
    expect(banner).to_be_visible()
    expect(banner.locator("#saved-version")).to_contain_text("The chair's words.")
    expect(page.get_by_label("The chair's opening")).to_have_value("The social worker's words.")

    # Having seen both, saving again keeps theirs.
    click_through(page, page.get_by_role("button", name="Save and return to the meeting"))
    expect(_banner(page)).to_have_text("The meeting record has been saved")
    expect(page.get_by_text("The social worker's words.")).to_be_visible()


def test_someone_outside_the_council_sends_their_views_through_their_own_link(
    page: Page, other_page: Page, scenario: Scenario
) -> None:
    meeting = services.arrange_stability_meeting(
        actor=scenario.users["social_worker"],
        child=scenario.children["own"],
        kind="placement_stability",
        scheduled_at=timezone.now() + datetime.timedelta(days=2),
        venue="Family room, Northbridge Town Hall",
        chair=scenario.users["senior_practitioner"],
    )
    sign_in(page, "social_worker")
    visit(page, f"/meetings/{meeting.pk}/")
    click_through(page, page.get_by_role("link", name="Invite someone else"))
    page.get_by_label("Name").fill("Test Teacher")
    page.get_by_label("Their role").select_option(label="Virtual school lead")
    page.get_by_label("Email address (optional)").fill("test.teacher@")
    click_through(page, page.get_by_role("button", name="Save"))
    expect(_error_summary(page).get_by_role("link")).to_have_text(
        ["Enter an email address like name@example.com"]
    )
    page.get_by_label("Email address (optional)").fill("test.teacher@example.com")
    click_through(page, page.get_by_role("button", name="Save"))
    expect(_banner(page)).to_have_text("Test Teacher has been invited")

    # The teacher has no sign-in: the link in their email opens their own request and nothing else.
    (invitation,) = [m for m in mail.outbox if m.to == ["test.teacher@example.com"]]
    link = re.search(r"/meetings/views/[^/\s]+/", invitation.body)
    assert link, invitation.body
    code = re.search(r"Your code is (\S+)\.", invitation.body)[1]
    visit(other_page, link[0])
    expect(other_page.get_by_role("heading", level=1)).to_have_text("Your views before the meeting")
    expect(other_page.get_by_role("button", name="Sign out")).to_have_count(0)
    other_page.get_by_label("Your code").fill(code)
    click_through(other_page, other_page.get_by_role("button", name="Continue"))
    other_page.get_by_label("What is working well?").fill("Owen has been in school every day this term.")
    click_through(other_page, other_page.get_by_role("button", name="Send views"))
    expect(other_page.get_by_role("heading", level=1)).to_have_text("Views sent")

    visit(page, f"/meetings/{meeting.pk}/")
    expect(page.get_by_text("Owen has been in school every day this term.")).to_be_visible()


def test_a_manager_reopens_an_authorised_record_after_giving_a_reason(page: Page, scenario: Scenario) -> None:
    from steadfast.meetings.tests.helpers import an_authorised_meeting

    meeting = an_authorised_meeting(scenario)
    sign_in(page, "team_manager")
    visit(page, f"/meetings/{meeting.pk}/")
    click_through(page, page.get_by_role("button", name="Reopen the record"))
    click_through(page, page.get_by_role("button", name="Reopen the record"))
    expect(page.locator(".govuk-error-summary")).to_contain_text("Say why the record is being reopened")
    page.get_by_label("Why reopen the record?").fill("The review date was typed wrongly.")
    click_through(page, page.get_by_role("button", name="Reopen the record"))
    expect(page.locator("[data-meeting-status]")).to_have_text("Record in draft")
    expect(page.get_by_role("button", name="Write up the record")).to_be_visible()
