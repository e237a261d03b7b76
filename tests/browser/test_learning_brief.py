"""The learning brief on placement breakdowns, walked in a browser: the story of Kit and Rue
Examplefield (`steadfast.demo.learning_brief`) seeded, with the demo's sign-ins, as far as the
step each test looks at, and, for each of the brief's findings, what Steadfast shows: who is
told (the emails sent), what is on My work and in team oversight, what is on the child's and the
household's records, and what escalates. docs/learning-brief.md maps each finding to its test."""

import pytest
from django.core import mail
from django.utils import timezone
from playwright.sync_api import Page, expect

from steadfast.accounts.models import User
from steadfast.concerns.notifications import CONCERN_RAISED_SUBJECT
from steadfast.core.jinja2 import govuk_date
from steadfast.demo import learning_brief as brief
from steadfast.demo.staff import StaffBuilder
from steadfast.meetings.notifications import INVITATION_SUBJECT
from steadfast.reminders.notifications import DIGEST_SUBJECT
from steadfast.reminders.services import sweep_reminders
from steadfast.support_requests.notifications import ASKED_SUBJECT, CARER_ESCALATED_SUBJECT, ESCALATED_SUBJECT

from .conftest import PASSWORD, click_through, fill_date, sign_in, visit

pytestmark = pytest.mark.browser

KIT = "Kit Examplefield"
RUE = "Rue Examplefield"
# Lists name a household with its reference and its approved carers.
HOUSEHOLD_IN_LISTS = (
    f"{brief.HOUSEHOLD_NAME} ({brief.HOUSEHOLD_REFERENCE}; Dana Brightwell and Lee Brightwell)"
)


@pytest.fixture
def story_at(live_server):
    """Seeds the demo's teams and sign-ins (the rest of the demo authority would only slow each
    test), then the story up to and including the step given."""

    def seed(step) -> brief.Story:
        staff = StaffBuilder(count=1, password=PASSWORD, seed=2026, today=timezone.localdate())
        staff.teams()
        staff.staff(households=1)
        return brief.seed_learning_brief(password=PASSWORD, upto=step.__name__)

    return seed


def _emailed(subject: str) -> set[str]:
    return {address for message in mail.outbox if message.subject == subject for address in message.to}


def _work(page: Page, heading: str):
    """One table of My work, by its heading."""
    return page.get_by_role("table", name=heading)


def test_siblings_placed_apart_are_named_on_each_others_records_with_an_assessment_asked_for(
    page: Page, story_at
) -> None:
    story = story_at(brief.siblings_placed_apart)
    sign_in(page, "social.worker")
    visit(page, f"/children/{story.kit.pk}/")
    main = page.locator("main")
    expect(main).to_contain_text(f"Sibling {RUE}")
    expect(main).to_contain_text("No sibling assessments that you can see.")
    expect(page.get_by_role("link", name="Record a sibling assessment")).to_be_visible()
    click_through(page, main.get_by_role("link", name=RUE, exact=True))
    expect(page.locator("main")).to_contain_text(f"Sibling {KIT}")
    page.context.clear_cookies()
    # Living apart with no assessment of the two, they are on their manager's oversight.
    sign_in(page, "team.manager")
    visit(page, "/oversight/siblings-apart-unassessed/")
    pair = page.locator("#oversight-list").get_by_role("row").filter(has_text=KIT)
    expect(pair).to_contain_text(RUE)
    expect(pair).to_contain_text(brief.HOUSEHOLD_NAME)


def test_how_a_placement_was_matched_is_asked_for_on_the_childs_and_the_households_records(
    page: Page, story_at
) -> None:
    story = story_at(brief.siblings_placed_apart)
    sign_in(page, "supervising.social.worker")
    visit(page, f"/households/{story.household.pk}/")
    expect(page.get_by_role("link", name=f"Record the match for {KIT}")).to_be_visible()
    click_through(page, page.locator("main").get_by_role("link", name=KIT, exact=True).first)
    expect(page.locator("main")).to_contain_text("Matching")
    expect(page.get_by_role("link", name="Record the match")).to_be_visible()
    # Written three months after Kit moved in, the match reads as agreed the day he did.
    brief.the_match_is_written_late(story)
    agreed = f"Agreed {govuk_date(story.home.start_date)}"
    # Both records say when it was written: three months after.
    written = f"Written {govuk_date(brief.story_day(brief.MATCH_WRITTEN_DAYS_AGO))}, "
    late = f"{(brief.story_day(brief.MATCH_WRITTEN_DAYS_AGO) - story.home.start_date).days} days after"
    visit(page, f"/children/{story.kit.pk}/")
    expect(page.locator("main")).to_contain_text(agreed)
    expect(page.locator("[data-matching-written]")).to_contain_text(f"{written}{late} the placement began")
    visit(page, f"/households/{story.household.pk}/")
    expect(page.get_by_role("link", name=f"{agreed} for {KIT}")).to_be_visible()
    expect(page.locator("[data-matching-written]")).to_contain_text(f"{written}{late} the placement began")


def test_a_household_without_an_impact_and_stress_assessment_or_trauma_training_is_prompted(
    page: Page, story_at
) -> None:
    story = story_at(brief.siblings_placed_apart)
    sign_in(page, "supervising.social.worker")
    visit(page, f"/households/{story.household.pk}/")
    main = page.locator("main")
    expect(main).to_contain_text("since the last impact and stress assessment")
    expect(main).to_contain_text("No impact and stress assessment has been recorded.")
    expect(main).to_contain_text("Not yet recorded: Attachment, Brain development, Trauma-informed care.")
    # Assessed as the scale falls, the carers' wellbeing, health and support network rated low.
    brief.the_carers_are_assessed(story)
    visit(page, f"/households/{story.household.pk}/")
    expect(page.locator("[data-impact-prompt]")).to_have_count(0)
    expect(page.locator("#impact-assessment-list")).to_contain_text("Part of supervision")
    page.context.clear_cookies()
    # The child's workers read the low ratings on Kit's record, and they are in oversight.
    sign_in(page, "team.manager")
    visit(page, f"/children/{story.kit.pk}/")
    expect(page.locator("#home-impact-ratings [data-low-rating]")).to_have_count(len(brief.LOW_RATINGS))
    visit(page, "/oversight/impact-ratings-low/")
    low = page.locator("#oversight-list").get_by_role("row").filter(has_text=brief.HOUSEHOLD_NAME)
    expect(low).to_contain_text("The carers' wellbeing: 2")


def test_supervision_of_the_carers_slipping_is_overdue_and_the_falling_scale_is_a_signal(
    page: Page, story_at
) -> None:
    story = story_at(brief.supervision_slips)
    sign_in(page, "supervising.social.worker")
    # The third session, as the story has it, recorded through the page.
    visit(page, f"/households/{story.household.pk}/supervision/record/")
    fill_date(page, "Date of the session", brief.story_day(brief.SCALE_FALLS_DAYS_AGO))
    page.get_by_role("group", name="Was the visit announced?").get_by_label("Announced", exact=True).check()
    page.get_by_label("Who was there?").fill(brief.SUPERVISION_PRESENT)
    page.get_by_label("How is the household managing?").fill(brief.RUNNING_ON_EMPTY)
    click_through(page, page.get_by_role("button", name="Save supervision"))
    # Kit was placed there that day: a scale, or why none was given, is needed.
    expect(page.locator(".govuk-error-summary")).to_contain_text(
        f"Give a placement stability scale for {KIT}, or say why no scale was given"
    )
    page.get_by_label(f"Placement stability scale for {KIT}, from 0 to 10").fill(str(brief.FALLEN_SCALE))
    page.get_by_label(f"Why this score for {KIT}?").fill(brief.RUNNING_ON_EMPTY)
    click_through(page, page.get_by_role("button", name="Save supervision"))
    # Saving lands the worker on the session, where the fall asks for a concern about Kit.
    prompts = page.locator("#scale-prompts")
    expect(prompts).to_contain_text(f"{KIT}: The placement stability scale is 3")
    expect(prompts.get_by_role("link", name=f"Raise a stability concern for {KIT}")).to_be_visible()

    visit(page, "/")
    expect(_work(page, "Supervision overdue")).to_contain_text(brief.HOUSEHOLD_NAME)
    visit(page, f"/households/{story.household.pk}/")
    expect(page.locator("#supervision-due")).to_contain_text("Overdue")
    expect(page.locator("main")).to_contain_text("The placement stability scale is 3, at or below 4.")
    visit(page, f"/children/{story.kit.pk}/")
    expect(page.locator("main")).to_contain_text("Stability scale low or falling")
    expect(page.locator("main")).to_contain_text("fell from 6")
    page.context.clear_cookies()
    sign_in(page, "fostering.team.manager")
    expect(_work(page, "Supervision overdue")).to_contain_text(HOUSEHOLD_IN_LISTS)
    visit(page, "/oversight/supervision-overdue/")
    expect(page.locator("#oversight-list")).to_contain_text(brief.HOUSEHOLD_NAME)


def test_visits_to_the_children_falling_behind_are_overdue_for_the_worker_and_their_manager(
    page: Page, story_at
) -> None:
    story = story_at(brief.visits_fall_behind)
    sign_in(page, "social.worker")
    visits = _work(page, "Statutory visits overdue")
    expect(visits).to_contain_text(KIT)
    expect(visits).to_contain_text(RUE)
    visit(page, f"/children/{story.kit.pk}/")
    expect(page.locator("#next-visit-due")).to_contain_text("Overdue")
    # Each visit says the home it was made in.
    last_visit = page.locator("#statutory-visit-list").get_by_role("link").first
    expect(last_visit).to_contain_text(f"at {brief.HOUSEHOLD_NAME}")
    click_through(page, last_visit)
    expect(page.locator("main")).to_contain_text(f"Home {brief.HOUSEHOLD_NAME}")
    page.context.clear_cookies()
    sign_in(page, "team.manager")
    visit(page, "/oversight/visits-overdue/")
    expect(page.locator("#oversight-list")).to_contain_text(KIT)
    page.context.clear_cookies()
    # The fostering service reads on the household's record that Kit's visits there are late.
    sign_in(page, "supervising.social.worker")
    visit(page, f"/households/{story.household.pk}/")
    due = page.locator("#household-visits-due").get_by_role("row").filter(has_text=KIT)
    expect(due).to_contain_text("Overdue")
    expect(page.locator("#household-visit-list")).to_contain_text(KIT)


def test_carers_logs_not_followed_up_wait_for_review_with_their_tone_marked(page: Page, story_at) -> None:
    story = story_at(brief.logs_go_unread)
    sign_in(page, "supervising.social.worker")
    expect(_work(page, "Carers' logs waiting too long for review")).to_contain_text(
        f"{HOUSEHOLD_IN_LISTS}: 3 carers' logs not reviewed"
    )
    visit(page, "/carer-logs/unreviewed/")
    click_through(page, page.locator("#overdue-households").get_by_role("link", name=brief.HOUSEHOLD_NAME))
    expect(page.locator("mark[data-tone-cue='exhaustion']").first).to_be_visible()
    visit(page, f"/children/{story.kit.pk}/")
    expect(page.locator("main")).to_contain_text("Carer logs unreviewed")


def test_work_left_overdue_escalates_to_the_workers_managers_in_the_daily_sweep(page: Page, story_at) -> None:
    story = story_at(brief.logs_go_unread)
    sweep_reminders(today=timezone.localdate(), send_digests=True)
    told = _emailed(DIGEST_SUBJECT)
    assert {story.social_worker.email, story.supervising_social_worker.email} <= told
    fostering_manager = User.objects.get(username="fostering.team.manager")
    assert {story.team_manager.email, fostering_manager.email} <= told
    sign_in(page, "fostering.team.manager")
    visit(page, "/reminders/")
    escalations = (
        page.get_by_role("list", name="Reminders")
        .get_by_role("listitem")
        .filter(has_text=brief.HOUSEHOLD_NAME)
    )
    expect(escalations.filter(has_text="Supervision overdue")).to_contain_text("Escalation")
    expect(escalations.filter(has_text="logs waiting")).to_contain_text("Escalation")


def test_a_request_for_help_not_acknowledged_is_late_for_the_worker_and_on_the_childs_record(
    page: Page, story_at
) -> None:
    story = story_at(brief.respite_goes_unanswered)
    assert _emailed(ASKED_SUBJECT) == {story.supervising_social_worker.email}
    sign_in(page, "supervising.social.worker")
    expect(_work(page, "Requests for help that are late")).to_contain_text(f"{HOUSEHOLD_IN_LISTS}: respite")
    visit(page, f"/children/{story.kit.pk}/")
    expect(page.locator("main")).to_contain_text("Request for help unanswered")
    page.context.clear_cookies()
    sign_in(page, "fostering.team.manager")
    visit(page, "/oversight/requests-late/")
    expect(page.locator("#oversight-list")).to_contain_text(brief.HOUSEHOLD_NAME)


def test_respite_that_cannot_be_found_escalates_to_the_fostering_team_manager(page: Page, story_at) -> None:
    story = story_at(brief.respite_cannot_be_found)
    manager = story.respite.escalated_to
    assert manager.username == "fostering.team.manager"
    assert _emailed(ESCALATED_SUBJECT) == {manager.email, story.supervising_social_worker.email}
    assert _emailed(CARER_ESCALATED_SUBJECT) == {story.carer.email}
    sign_in(page, "fostering.team.manager")
    escalated = _work(page, "Requests for help that are late")
    expect(escalated).to_contain_text(f"{HOUSEHOLD_IN_LISTS}: respite")
    expect(escalated).to_contain_text("Request for help escalated")
    visit(page, f"/help/{story.respite.pk}/")
    expect(page.locator("main")).to_contain_text(brief.NO_RESPITE)


def test_a_concern_that_the_home_may_end_is_decided_on_and_noted_on_both_records(
    page: Page, story_at
) -> None:
    story = story_at(brief.a_concern_is_raised)
    assert story.team_manager.email in _emailed(CONCERN_RAISED_SUBJECT)
    sign_in(page, "social.worker")
    expect(_work(page, "Stability meetings late against their timescale")).to_contain_text(KIT)
    visit(page, f"/children/{story.kit.pk}/")
    expect(page.locator("main")).to_contain_text(brief.INTERIM_SUPPORT)
    page.context.clear_cookies()
    sign_in(page, "supervising.social.worker")
    visit(page, f"/households/{story.household.pk}/")
    expect(page.locator("main")).to_contain_text(brief.INTERIM_SUPPORT)


def test_the_stability_meeting_is_held_in_time_and_is_on_the_childs_and_the_households_records(
    page: Page, story_at
) -> None:
    story = story_at(brief.a_stability_meeting_agrees_a_smart_plan)
    assert story.meeting.scheduled_at.date() <= story.concern.due_date
    invited = {story.carer.email, story.supervising_social_worker.email, story.iro.email}
    assert invited <= _emailed(INVITATION_SUBJECT)
    sign_in(page, "social.worker")
    visit(page, f"/children/{story.kit.pk}/")
    child_meetings = page.locator("#stability-meetings + table")
    expect(child_meetings).to_contain_text("Placement stability meeting")
    expect(child_meetings).to_contain_text("Authorised")
    page.context.clear_cookies()
    sign_in(page, "supervising.social.worker")
    visit(page, f"/households/{story.household.pk}/")
    household_meetings = page.locator("#stability-meetings + table")
    expect(household_meetings).to_contain_text(KIT)
    expect(household_meetings).to_contain_text("Authorised")


def test_a_smart_plan_not_followed_up_drifts_on_my_work_and_in_team_oversight(page: Page, story_at) -> None:
    story = story_at(brief.a_stability_meeting_agrees_a_smart_plan)
    sign_in(page, "social.worker")
    expect(_work(page, "Stability Actions overdue")).to_contain_text(brief.THERAPY_ACTION)
    visit(page, f"/children/{story.kit.pk}/plan/")
    plan = page.locator("main")
    for what, measure in (
        (brief.RESPITE_ACTION, brief.RESPITE_MEASURE),
        (brief.THERAPY_ACTION, brief.THERAPY_MEASURE),
    ):
        expect(plan).to_contain_text(what)
        expect(plan).to_contain_text(measure)
    page.context.clear_cookies()
    sign_in(page, "team.manager")
    visit(page, "/oversight/actions-overdue/")
    expect(page.locator("#oversight-list")).to_contain_text(KIT)


def test_the_plans_review_records_how_each_action_went(page: Page, story_at) -> None:
    story = story_at(brief.the_plan_is_reviewed)
    sign_in(page, "social.worker")
    visit(page, f"/meetings/{story.review.pk}/")
    reviews = page.locator("#action-reviews ~ table").first
    expect(reviews).to_contain_text(brief.RESPITE_ACTION)
    expect(reviews).to_contain_text("Not done")
    expect(reviews).to_contain_text("Partly done")


def test_an_unplanned_ending_asks_for_a_disruption_meeting_which_lands_on_both_records(
    page: Page, story_at
) -> None:
    story = story_at(brief.the_home_ends)
    sign_in(page, "social.worker")
    expect(_work(page, "Disruption meetings to arrange")).to_contain_text(
        f"{KIT}: an unplanned ending from {brief.HOUSEHOLD_NAME}"
    )
    brief.a_disruption_meeting_is_arranged(story)
    visit(page, f"/children/{story.kit.pk}/")
    expect(page.locator("#stability-meetings + table")).to_contain_text("Disruption meeting")
    expect(page.locator("main")).to_contain_text(f"{brief.HOUSEHOLD_NAME} Foster care with an approved carer")
    page.context.clear_cookies()
    # The carers' record keeps the meetings held about their home after Kit has moved on, listed
    # for the fostering service but opened only by those who may see Kit.
    sign_in(page, "supervising.social.worker")
    visit(page, f"/households/{story.household.pk}/")
    disruption = page.locator("#stability-meetings + table").get_by_role("row").filter(has_text="Disruption")
    expect(disruption).to_contain_text(KIT)
    expect(disruption.get_by_role("link")).to_have_count(0)
