import datetime

import pytest
from django.utils import timezone

from steadfast.audit.models import AuditEvent
from steadfast.children.models import LegalStatus
from steadfast.concerns.models import StabilityConcern
from steadfast.concerns.services import CONCERN_RAISED
from steadfast.meetings.models import Invitee, StabilityAction, StabilityMeeting
from steadfast.meetings.services import VIEWS_EMPTY, VIEWS_RECORDED
from tests.factories import AllocationFactory, ChildFactory, PlacementFactory, UserFactory, days_ago
from tests.queries import queries_for
from tests.scenario import STAFF_USERNAMES

from .helpers import (
    CARER_ACTION,
    CARER_ACTION_MEASURE,
    an_authorised_meeting_with_a_carer_action,
    an_upcoming_meeting,
)

pytestmark = pytest.mark.django_db


def test_a_carer_is_sent_from_the_start_page_to_their_portal(client, scenario):
    client.force_login(scenario.users["foster_carer"])
    assert client.get("/").url == "/portal/"


def test_the_portal_shows_the_carers_household_and_the_children_living_there_now(client, scenario):
    moved_on = ChildFactory(legal_first_name="Morwenna")
    PlacementFactory(
        child=moved_on,
        household=scenario.households["own"],
        ended=True,
        start_date=days_ago(400),
        end_date=days_ago(300),
    )
    client.force_login(scenario.users["foster_carer"])
    page = client.get("/portal/").content.decode()
    assert "The Own household" in page
    assert scenario.children["own"].display_name in page
    for start in ("/portal/logs/write/", "/portal/help/ask/", "/portal/concerns/raise/"):
        assert f'href="{start}"' in page
    assert "Morwenna" not in page
    # A restricted child's record stays with those granted it by name.
    assert scenario.children["restricted"].display_name not in page


@pytest.mark.parametrize(
    "path",
    ["/children/", "/households/", "/children/{child}/", "/households/{household}/", "/admin/"],
)
def test_staff_pages_answer_404_to_a_carer(client, scenario, path):
    client.force_login(scenario.users["foster_carer"])
    path = path.format(child=scenario.children["own"].pk, household=scenario.households["own"].pk)
    assert client.get(path).status_code == 404


@pytest.mark.parametrize("role", STAFF_USERNAMES)
def test_the_portal_answers_404_to_staff(client, scenario, role):
    client.force_login(scenario.users[role])
    assert client.get("/portal/").status_code == 404


def test_the_portal_asks_someone_signed_out_to_sign_in(client, scenario):
    response = client.get("/portal/")
    assert response.status_code == 302
    assert response.url.startswith("/accounts/login/")


def test_opening_the_portal_is_logged(client, scenario):
    client.force_login(scenario.users["foster_carer"])
    client.get("/portal/")
    assert AuditEvent.objects.filter(
        actor=scenario.users["foster_carer"],
        event_type="HOUSEHOLD_VIEWED",
        household_id=scenario.households["own"].pk,
    ).exists()
    # Each child whose details the page shows is logged as read, on the child's record.
    assert AuditEvent.objects.filter(
        actor=scenario.users["foster_carer"], event_type="CHILD_VIEWED", child_id=scenario.children["own"].pk
    ).exists()


def _home(client, scenario) -> str:
    client.force_login(scenario.users["foster_carer"])
    return client.get("/portal/").content.decode()


def test_the_portal_shows_what_a_carer_needs_to_know_about_each_child_and_no_more(client, scenario):
    owen = scenario.children["own"]
    owen.preferred_name, owen.school = "Ozzy", "Testtown Primary School"
    owen.save(update_fields=["preferred_name", "school"])
    LegalStatus.objects.create(child=owen, status="full_care_order", start_date=days_ago(500))
    sw, ssw = scenario.users["social_worker"], scenario.users["supervising_social_worker"]
    page = _home(client, scenario)
    assert "Ozzy Example" in page
    assert "Testtown Primary School" in page
    assert f"{owen.date_of_birth.day} {owen.date_of_birth:%B %Y}" in page
    assert str(sw) in page  # the child's social worker, from the allocation
    assert f"Your supervising social worker: {ssw}" in page
    assert "Full care order" not in page
    assert owen.child_identifier not in page
    assert str(scenario.users["iro"]) not in page  # an allocation, but not their social worker


def test_an_ended_allocation_no_longer_names_a_social_worker(client, scenario):
    leaver = UserFactory(first_name="Departed", last_name="Worker")
    AllocationFactory(child=scenario.children["own"], worker=leaver, end_date=days_ago(1))
    assert "Departed Worker" not in _home(client, scenario)


def test_the_actions_the_carer_owns_are_listed_with_their_dates_and_overdue_ones_tagged(client, scenario):
    meeting = an_authorised_meeting_with_a_carer_action(scenario)
    page = _home(client, scenario)
    assert CARER_ACTION in page
    assert CARER_ACTION_MEASURE in page
    assert "Arrange two weekends of respite" not in page  # the supervising social worker's
    assert "Overdue" not in page
    StabilityAction.objects.filter(meeting=meeting, owner_kind="carer").update(due_date=days_ago(2))
    assert "Overdue" in _home(client, scenario)


def test_an_action_done_is_no_longer_listed(client, scenario):
    meeting = an_authorised_meeting_with_a_carer_action(scenario)
    StabilityAction.objects.filter(meeting=meeting, owner_kind="carer").update(status="done")
    assert CARER_ACTION not in _home(client, scenario)


def test_a_carer_action_from_a_meeting_about_another_home_is_not_this_carers(client, scenario):
    meeting = an_authorised_meeting_with_a_carer_action(scenario)
    StabilityMeeting.objects.filter(pk=meeting.pk).update(household=scenario.households["other"])
    page = _home(client, scenario)
    assert CARER_ACTION not in page
    assert f"/portal/meetings/{meeting.pk}/agreed/" not in page


def test_a_child_who_has_moved_on_takes_their_actions_and_meetings_with_them(client, scenario):
    meeting = an_authorised_meeting_with_a_carer_action(scenario)
    upcoming = an_upcoming_meeting(scenario)
    scenario.children["own"].placements.update(end_date=days_ago(0), end_reason="other", ending_planned=True)
    page = _home(client, scenario)
    assert CARER_ACTION not in page
    assert f"/portal/meetings/{meeting.pk}/agreed/" not in page
    assert f"/portal/meetings/{upcoming.pk}/views/" not in page


def test_the_meetings_the_carer_is_invited_to_are_listed_with_a_link_to_give_views(client, scenario):
    upcoming = an_upcoming_meeting(scenario)
    held = an_authorised_meeting_with_a_carer_action(scenario)
    page = _home(client, scenario)
    assert f"/portal/meetings/{upcoming.pk}/views/" in page
    assert "Give your views" in page
    assert f"/portal/meetings/{held.pk}/views/" not in page
    assert f"/portal/meetings/{held.pk}/agreed/" in page
    assert f"/portal/meetings/{upcoming.pk}/agreed/" not in page


def test_a_restricted_childs_meeting_is_not_shown_though_the_carer_is_invited(client, scenario):
    meeting = an_upcoming_meeting(scenario, child=scenario.children["restricted"])
    assert meeting.invitees.filter(user=scenario.users["foster_carer"]).exists()
    page = _home(client, scenario)
    assert f"/portal/meetings/{meeting.pk}/" not in page
    assert "Rhea" not in page


def test_the_carer_gives_their_views_for_a_meeting_they_are_invited_to(client, scenario):
    meeting = an_upcoming_meeting(scenario)
    carer = scenario.users["foster_carer"]
    client.force_login(carer)
    path = f"/portal/meetings/{meeting.pk}/views/"
    page = client.get(path).content.decode()
    assert "Your views before the meeting" in page
    assert f'href="/meetings/{meeting.pk}/"' not in page  # no link to the staff record
    drawn = Invitee.objects.get(meeting=meeting, user=carer).version
    response = client.post(
        path, {"worries": "Evenings are hard.", "working_well": "School mornings", "seen_version": drawn}
    )
    assert response.status_code == 302 and response.url == "/portal/"
    invitee = Invitee.objects.get(meeting=meeting, user=carer)
    assert invitee.worries == "Evenings are hard."
    assert invitee.views_recorded_by == carer
    assert AuditEvent.objects.filter(actor=carer, event_type=VIEWS_RECORDED).exists()
    assert "Views sent" in client.get("/portal/").content.decode()


def test_empty_views_are_explained_and_nothing_is_saved(client, scenario):
    meeting = an_upcoming_meeting(scenario)
    carer = scenario.users["foster_carer"]
    client.force_login(carer)
    drawn = Invitee.objects.get(meeting=meeting, user=carer).version
    page = client.post(f"/portal/meetings/{meeting.pk}/views/", {"seen_version": drawn}).content.decode()
    assert VIEWS_EMPTY in page
    assert "govuk-error-summary" in page
    assert not Invitee.objects.filter(meeting=meeting, views_recorded_at__isnull=False).exists()
    assert not AuditEvent.objects.filter(event_type=VIEWS_RECORDED).exists()


def test_views_cannot_be_given_once_the_meeting_has_started(client, scenario):
    meeting = an_upcoming_meeting(scenario)
    StabilityMeeting.objects.filter(pk=meeting.pk).update(
        scheduled_at=timezone.now() - datetime.timedelta(minutes=5)
    )
    client.force_login(scenario.users["foster_carer"])
    assert client.get(f"/portal/meetings/{meeting.pk}/views/").status_code == 404
    assert client.post(f"/portal/meetings/{meeting.pk}/views/", {"worries": "x"}).status_code == 404


def test_what_was_agreed_is_summarised_in_plain_words_without_worries_or_scores(client, scenario):
    meeting = an_authorised_meeting_with_a_carer_action(scenario)
    # A worry said in the meeting stays off the carer's summary.
    Invitee.objects.filter(meeting=meeting, user=scenario.users["social_worker"]).update(
        worries="A worry the social worker wrote before the meeting"
    )
    carer = scenario.users["foster_carer"]
    client.force_login(carer)
    page = client.get(f"/portal/meetings/{meeting.pk}/agreed/").content.decode()
    assert "What was agreed" in page
    assert "The home can hold with respite and more visits." in page  # the chair's summary
    assert CARER_ACTION in page and CARER_ACTION_MEASURE in page
    assert "Arrange two weekends of respite" in page
    assert "The carer says she feels rested" in page
    next_review = meeting.next_review_date
    assert f"{next_review.day} {next_review:%B %Y}" in page
    assert "Test Carer (Carer)" in page  # who was there, with their role
    assert str(scenario.users["social_worker"]) in page
    assert "Reason 0 for the score" not in page
    assert "A worry the social worker wrote" not in page
    assert AuditEvent.objects.filter(
        actor=carer, event_type="STABILITY_MEETING_VIEWED", child_id=meeting.child_id
    ).exists()


def test_a_meeting_not_yet_authorised_has_no_summary_for_the_carer(client, scenario):
    meeting = an_upcoming_meeting(scenario)
    client.force_login(scenario.users["foster_carer"])
    assert client.get(f"/portal/meetings/{meeting.pk}/agreed/").status_code == 404


def test_the_carer_raises_a_concern_about_a_child_living_with_them(client, scenario):
    carer = scenario.users["foster_carer"]
    client.force_login(carer)
    page = client.get("/portal/concerns/raise/").content.decode()
    assert "Owen" in page
    assert "Rhea" not in page  # restricted: never offered to someone who may not see her
    assert "Who is raising it?" not in page  # the carer is
    response = client.post(
        "/portal/concerns/raise/",
        {
            "child": scenario.children["own"].pk,
            "factors": ["school", "fragile_relationships"],
            "what_is_happening": "Excluded twice this month; arguments at home every evening.",
            "urgency": "under_pressure",
        },
    )
    assert response.status_code == 302 and response.url == "/portal/"
    concern = StabilityConcern.objects.get()
    assert concern.child == scenario.children["own"]
    assert concern.household == scenario.households["own"]
    assert concern.raised_by == "carer"
    assert concern.created_by == carer
    assert AuditEvent.objects.filter(actor=carer, event_type=CONCERN_RAISED).exists()


def test_an_empty_concern_is_explained_and_nothing_is_saved(client, scenario):
    client.force_login(scenario.users["foster_carer"])
    page = client.post("/portal/concerns/raise/", {}).content.decode()
    for message in (
        "Choose which child this is about",
        "Choose at least one thing that is happening",
        "Say what is happening",
        "Choose how urgent it is",
    ):
        assert message in page
    assert not StabilityConcern.objects.exists()
    assert not AuditEvent.objects.filter(event_type=CONCERN_RAISED).exists()


def test_a_concern_about_a_restricted_child_living_there_is_refused(client, scenario):
    client.force_login(scenario.users["foster_carer"])
    page = client.post(
        "/portal/concerns/raise/",
        {
            "child": scenario.children["restricted"].pk,
            "factors": ["school"],
            "what_is_happening": "Something",
            "urgency": "under_pressure",
        },
    ).content.decode()
    assert "Choose a child who lives with you" in page
    assert not StabilityConcern.objects.exists()


def test_the_portal_home_costs_the_same_queries_however_many_meetings_and_actions(client, scenario):
    an_authorised_meeting_with_a_carer_action(scenario)
    an_upcoming_meeting(scenario)
    client.force_login(scenario.users["foster_carer"])
    few = queries_for(client, "/portal/")
    for _ in range(3):
        an_authorised_meeting_with_a_carer_action(scenario)
        an_upcoming_meeting(scenario)
    assert queries_for(client, "/portal/") == few


def test_the_summary_of_what_was_agreed_costs_the_same_queries_however_many_actions(client, scenario):
    meeting = an_authorised_meeting_with_a_carer_action(scenario)
    client.force_login(scenario.users["foster_carer"])
    path = f"/portal/meetings/{meeting.pk}/agreed/"
    few = queries_for(client, path)
    for n in range(3):
        StabilityAction.objects.create(
            meeting=meeting,
            child=meeting.child,
            what=f"Another action {n}",
            owner_kind="worker",
            owner=scenario.users["social_worker"],
            due_date=timezone.localdate(),
            measure="It is done",
            status="agreed",
        )
    assert queries_for(client, path) == few
