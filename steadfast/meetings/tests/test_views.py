import datetime
import html

import pytest
from django.utils import timezone
from markupsafe import escape

from steadfast.audit.models import AuditEvent
from steadfast.households.models import MemberRole
from steadfast.meetings import invitations, services
from steadfast.meetings.forms import MEETING_IN_PAST
from steadfast.meetings.models import InviteeRole, MeetingStatus, OwnerKind, StabilityMeeting
from tests.factories import HouseholdMemberFactory
from tests.queries import queries_for

from .helpers import (
    a_concern_needing_a_meeting,
    a_meeting_ready_to_submit,
    an_arranged_meeting,
    an_authorised_meeting,
)

pytestmark = pytest.mark.django_db


def _arrange_form(**extra):
    when = timezone.localdate() + datetime.timedelta(days=3)
    return {
        "date-day": when.day,
        "date-month": when.month,
        "date-year": when.year,
        "time": "2:30pm",
        "venue": "Family room, Town Hall",
        "kind": "strengthening_stability",
    } | extra


def test_a_social_worker_arranges_a_meeting_for_a_concern_from_its_page(client, scenario):
    concern = a_concern_needing_a_meeting(scenario)
    client.force_login(scenario.users["social_worker"])
    page = client.get(f"/concerns/{concern.pk}/").content.decode()
    assert f"/children/{concern.child_id}/meetings/arrange/?concern={concern.pk}" in page
    form = client.get(f"/children/{concern.child_id}/meetings/arrange/?concern={concern.pk}").content.decode()
    assert "Test Carer" in form and "Always invited" in form
    response = client.post(
        f"/children/{concern.child_id}/meetings/arrange/",
        _arrange_form(concern=concern.pk, chair=scenario.users["team_manager"].pk, invitees=[]),
    )
    meeting = StabilityMeeting.objects.get()
    assert response["Location"] == f"/meetings/{meeting.pk}/"
    assert meeting.kind == "placement_stability"
    assert meeting.scheduled_at.astimezone().time() == datetime.time(14, 30)
    assert list(meeting.invitees.values_list("role", flat=True)) == [InviteeRole.CARER]


def test_a_wrong_arrangement_form_explains_each_problem_and_saves_nothing(client, scenario):
    client.force_login(scenario.users["social_worker"])
    child = scenario.children["own"]
    page = client.post(
        f"/children/{child.pk}/meetings/arrange/", {"date-day": "31", "date-month": "2", "time": "25 o'clock"}
    ).content.decode()
    for message in (
        "Date of the meeting must include a day, month and year",
        "Enter the time like 2pm, 2:30pm or 14:30",
        "Say where the meeting is, or how to join the call",
        "Choose who will chair the meeting, or give the independent chair",
    ):
        assert message in page
    assert not StabilityMeeting.objects.exists()


def test_a_meeting_in_the_past_is_refused_against_the_date_and_nothing_is_sent(client, scenario, mailoutbox):
    concern = a_concern_needing_a_meeting(scenario, raised_days_ago=2)
    client.force_login(scenario.users["social_worker"])
    before = timezone.localdate() - datetime.timedelta(days=10)
    page = client.post(
        f"/children/{concern.child_id}/meetings/arrange/",
        _arrange_form(
            concern=concern.pk,
            chair=scenario.users["team_manager"].pk,
            **{"date-day": before.day, "date-month": before.month, "date-year": before.year},
        ),
    ).content.decode()
    assert MEETING_IN_PAST in page
    assert "#id_date-day" in page
    assert not StabilityMeeting.objects.exists()
    assert not mailoutbox


@pytest.mark.parametrize(
    "days_ahead,refused",
    [(0, ""), (365, ""), (367, "Date of the meeting must be within 1 year from today")],
)
def test_a_meeting_may_be_today_or_up_to_a_year_ahead_and_no_further(client, scenario, days_ahead, refused):
    client.force_login(scenario.users["social_worker"])
    child = scenario.children["own"]
    when = timezone.localdate() + datetime.timedelta(days=days_ahead)
    response = client.post(
        f"/children/{child.pk}/meetings/arrange/",
        _arrange_form(
            chair=scenario.users["team_manager"].pk,
            time="11:59pm",
            **{"date-day": when.day, "date-month": when.month, "date-year": when.year},
        ),
    )
    if refused:
        assert refused in response.content.decode()
        assert not StabilityMeeting.objects.exists()
    else:
        assert response.status_code == 302
        assert timezone.localdate(StabilityMeeting.objects.get().scheduled_at) == when


def test_the_service_refuses_a_meeting_in_the_year_9999(scenario):
    from django.core.exceptions import ValidationError

    with pytest.raises(ValidationError) as error:
        services.arrange_stability_meeting(
            actor=scenario.users["social_worker"],
            child=scenario.children["own"],
            kind="strengthening_stability",
            scheduled_at=timezone.make_aware(datetime.datetime(9999, 1, 1, 10, 0)),
            venue="Town Hall",
            chair_name="An independent chair",
        )
    assert services.MEETING_TOO_FAR_AHEAD in error.value.messages


@pytest.mark.parametrize("name", ["concern", "reviews", "placement", "invitee"])
@pytest.mark.parametrize("value", ["abc", "²", "9" * 25, "-1", "1\x00", "٣"])
def test_a_hostile_id_in_the_arrangement_query_finds_nothing_and_never_errs(client, scenario, name, value):
    client.force_login(scenario.users["social_worker"])
    child = scenario.children["own"]
    response = client.get(f"/children/{child.pk}/meetings/arrange/", {name: value})
    assert response.status_code in (200, 404)


@pytest.mark.parametrize(
    "path",
    [
        "/meetings/{pk}/",
        "/meetings/{pk}/record/",
        "/meetings/{pk}/scores/add/",
        "/meetings/{pk}/minutes.pdf",
        "/meetings/{pk}/minutes.docx",
        "/children/{child}/plan/",
        "/children/{child}/meetings/arrange/",
    ],
)
def test_a_worker_outside_the_team_gets_404_for_a_meeting_and_the_plan(client, scenario, path):
    meeting = an_arranged_meeting(scenario)
    client.force_login(scenario.users["other_social_worker"])
    url = path.format(pk=meeting.pk, child=meeting.child_id)
    assert client.get(url).status_code == 404
    missing = path.format(pk=999999, child=999999)
    assert client.get(missing).content == client.get(url).content or client.get(missing).status_code == 404


def test_an_iro_sees_the_meeting_but_cannot_write_up_the_record(client, scenario):
    meeting = an_arranged_meeting(scenario)
    client.force_login(scenario.users["iro"])
    page = client.get(f"/meetings/{meeting.pk}/").content.decode()
    assert "Write up the record" not in page
    assert client.get(f"/meetings/{meeting.pk}/record/").status_code == 404
    iro = meeting.invitees.get(role=InviteeRole.IRO)
    assert f"/meetings/{meeting.pk}/views/{iro.pk}/" in page
    carer = meeting.invitees.get(role=InviteeRole.CARER)
    assert client.get(f"/meetings/{meeting.pk}/views/{carer.pk}/").status_code == 404


def test_reading_a_meeting_is_audited(client, scenario):
    meeting = an_arranged_meeting(scenario)
    client.force_login(scenario.users["social_worker"])
    client.get(f"/meetings/{meeting.pk}/")
    assert AuditEvent.objects.filter(
        event_type="STABILITY_MEETING_VIEWED", child_id=meeting.child_id
    ).exists()


def _record_form(meeting, *, editor="one tab", **extra):
    return {
        "seen_version": meeting.version,
        "editor": editor,
        "present": [str(pk) for pk in meeting.invitees.values_list("pk", flat=True)],
        "opening": "We are here to support the home.",
        "summary": "",
    } | extra


def test_a_draft_autosaves_and_answers_with_the_new_version(client, scenario):
    meeting = an_arranged_meeting(scenario)
    client.force_login(scenario.users["senior_practitioner"])
    response = client.post(f"/meetings/{meeting.pk}/record/", _record_form(meeting), HTTP_X_AUTOSAVE="1")
    assert response.status_code == 200
    assert response.json()["version"] == meeting.version + 1
    meeting.refresh_from_db()
    assert meeting.opening == "We are here to support the home."
    assert meeting.status == MeetingStatus.DRAFT


def test_a_stale_save_is_refused_shows_both_versions_and_keeps_what_was_typed(client, scenario):
    meeting = an_arranged_meeting(scenario)
    opened = meeting.version
    services.save_meeting_record(
        actor=scenario.users["social_worker"],
        meeting=meeting,
        seen_version=opened,
        changes={"opening": "The social worker's opening"},
    )
    client.force_login(scenario.users["senior_practitioner"])
    autosave = client.post(
        f"/meetings/{meeting.pk}/record/", _record_form(meeting, seen_version=opened), HTTP_X_AUTOSAVE="1"
    )
    assert autosave.status_code == 409 and autosave.json()["stale"]
    response = client.post(
        f"/meetings/{meeting.pk}/record/",
        _record_form(meeting, seen_version=opened, opening="The chair's own words"),
    )
    page = response.content.decode()
    assert response.status_code == 409
    assert escape(services.MEETING_STALE_EDIT) in page
    assert escape("The social worker's opening") in page  # the saved version
    assert escape("The chair's own words") in page  # what they typed, still in the form
    meeting.refresh_from_db()
    assert meeting.opening == "The social worker's opening"
    # Having seen both, saving again replaces the newer version on purpose.
    again = client.post(
        f"/meetings/{meeting.pk}/record/",
        _record_form(meeting, seen_version=meeting.version, opening="The chair's own words"),
    )
    assert again.status_code == 302
    meeting.refresh_from_db()
    assert meeting.opening == "The chair's own words"


def test_scores_are_shown_side_by_side_with_the_spread(client, scenario):
    meeting = a_meeting_ready_to_submit(scenario)
    client.force_login(scenario.users["social_worker"])
    page = client.get(f"/meetings/{meeting.pk}/").content.decode()
    count = meeting.invitees.count()
    assert f"Scores range from <strong>3</strong> to <strong>{3 + count - 1}</strong>" in page
    for n in range(count):
        assert f"Reason {n} for the score" in page


def test_a_score_form_without_a_reason_explains_and_saves_nothing(client, scenario):
    meeting = an_arranged_meeting(scenario)
    services.save_meeting_record(
        actor=scenario.users["senior_practitioner"],
        meeting=meeting,
        seen_version=meeting.version,
        changes={},
        present=meeting.invitees.values_list("pk", flat=True),
    )
    client.force_login(scenario.users["senior_practitioner"])
    invitee = meeting.invitees.first()
    page = client.post(
        f"/meetings/{meeting.pk}/scores/add/", {"invitee": invitee.pk, "score": "12", "reason": ""}
    ).content.decode()
    assert "Say why you gave this score" in page
    assert not meeting.scores.exists()


def test_an_action_form_without_an_owner_explains_and_saves_nothing(client, scenario):
    meeting = an_arranged_meeting(scenario)
    client.force_login(scenario.users["senior_practitioner"])
    when = timezone.localdate() + datetime.timedelta(days=5)
    page = client.post(
        f"/meetings/{meeting.pk}/actions/add/",
        {
            "what": "Respite",
            "owner_kind": OwnerKind.AGENCY,
            "owner_name": "",
            "due_date-day": when.day,
            "due_date-month": when.month,
            "due_date-year": when.year,
            "measure": "Rested",
        },
    ).content.decode()
    assert services.ACTION_OWNER_NAME in page
    assert not meeting.actions.exists()


def test_an_empty_action_form_says_everything_missing_at_once_in_plain_words(client, scenario):
    meeting = an_arranged_meeting(scenario)
    client.force_login(scenario.users["senior_practitioner"])
    page = html.unescape(client.post(f"/meetings/{meeting.pk}/actions/add/", {}).content.decode())
    for message in (
        services.ACTION_WHAT,
        services.ACTION_OWNER,
        "Enter the date it will be done by",
        services.ACTION_MEASURE,
    ):
        assert message in page
    assert (
        "by when?" not in page.lower().replace("<legend", "").split("there is a problem")[1].split("</ul>")[0]
    )
    page = html.unescape(
        client.post(
            f"/meetings/{meeting.pk}/actions/add/",
            {
                "owner_kind": OwnerKind.WORKER,
                "due_date-day": "31",
                "due_date-month": "2",
                "due_date-year": "2030",
            },
        ).content.decode()
    )
    for message in (
        services.ACTION_WHAT,
        services.ACTION_OWNER,
        "The date it will be done by must be a real date",
        services.ACTION_MEASURE,
    ):
        assert message in page
    assert not meeting.actions.exists()


def test_an_action_for_the_carer_names_the_households_carers(client, scenario):
    meeting = an_arranged_meeting(scenario)
    HouseholdMemberFactory(household=meeting.household, full_name="Sam Carer")  # beside "Test Carer"
    HouseholdMemberFactory(household=meeting.household, full_name="Ann Child", role=MemberRole.CARERS_CHILD)
    client.force_login(scenario.users["senior_practitioner"])
    form = html.unescape(client.get(f"/meetings/{meeting.pk}/actions/add/").content.decode())
    assert "The carer: Sam Carer and Test Carer" in form and "Ann Child" not in form
    when = timezone.localdate() + datetime.timedelta(days=5)
    client.post(
        f"/meetings/{meeting.pk}/actions/add/",
        {
            "what": "Keep a diary of the evenings",
            "owner_kind": OwnerKind.CARER,
            "owner_name": "",
            "due_date-day": when.day,
            "due_date-month": when.month,
            "due_date-year": when.year,
            "measure": "The diary shows which evenings go well",
        },
    )
    assert meeting.actions.get().owner_name == "Sam Carer and Test Carer"


def test_the_meeting_page_shows_what_sending_needs_ticked_as_the_record_has_it(client, scenario):
    meeting = an_arranged_meeting(scenario)
    client.force_login(scenario.users["senior_practitioner"])
    page = html.unescape(client.get(f"/meetings/{meeting.pk}/").content.decode())
    checklist = page.split("data-sending-checklist")[1].split("</ul>")[0]
    assert checklist.count("Not yet") == 6 and "Done" not in checklist
    assert "The chair's summary is written" in checklist
    ready = a_meeting_ready_to_submit(scenario)
    page = html.unescape(client.get(f"/meetings/{ready.pk}/").content.decode())
    checklist = page.split("data-sending-checklist")[1].split("</ul>")[0]
    assert "Not yet" not in checklist and checklist.count("Done") == 6
    client.force_login(scenario.users["iro"])  # reads the meeting, records nothing: no checklist
    assert "data-sending-checklist" not in client.get(f"/meetings/{meeting.pk}/").content.decode()


def test_sending_an_incomplete_plan_lists_what_is_missing(client, scenario):
    meeting = an_arranged_meeting(scenario)
    client.force_login(scenario.users["senior_practitioner"])
    page = client.post(f"/meetings/{meeting.pk}/submit/").content.decode()
    assert escape(services.SUBMIT_NO_ATTENDANCE) in page
    meeting.refresh_from_db()
    assert meeting.status == MeetingStatus.PLANNED


def test_a_manager_authorises_and_the_actions_appear_in_the_childs_plan(client, scenario):
    meeting = a_meeting_ready_to_submit(scenario)
    services.submit_stability_plan(actor=scenario.users["senior_practitioner"], meeting=meeting)
    client.force_login(scenario.users["team_manager"])
    seen = {"seen_version": StabilityMeeting.objects.get(pk=meeting.pk).version}
    response = client.post(f"/meetings/{meeting.pk}/authorise/", {"decision": "authorise"} | seen)
    assert response.status_code == 302
    plan = client.get(f"/children/{meeting.child_id}/plan/").content.decode()
    assert "Arrange two weekends of respite" in plan
    assert "The carer says she feels rested" in plan
    record = client.get(f"/children/{meeting.child_id}/").content.decode()
    assert "1 action still to do" in record


def test_the_chair_is_not_offered_and_cannot_authorise_their_own_plan(client, scenario):
    meeting = a_meeting_ready_to_submit(scenario, chair=scenario.users["team_manager"])
    services.submit_stability_plan(actor=scenario.users["social_worker"], meeting=meeting)
    client.force_login(scenario.users["team_manager"])
    assert "Authorise or return the plan" not in client.get(f"/meetings/{meeting.pk}/").content.decode()
    seen = {"seen_version": StabilityMeeting.objects.get(pk=meeting.pk).version}
    page = client.post(
        f"/meetings/{meeting.pk}/authorise/", {"decision": "authorise"} | seen
    ).content.decode()
    assert escape(services.OWN_PLAN) in page
    meeting.refresh_from_db()
    assert meeting.status == MeetingStatus.AWAITING_AUTHORISATION


def test_the_minutes_download_as_pdf_and_word_and_the_download_is_audited(client, scenario):
    meeting = an_authorised_meeting(scenario)
    client.force_login(scenario.users["social_worker"])
    pdf = client.get(f"/meetings/{meeting.pk}/minutes.pdf")
    assert pdf["Content-Type"] == "application/pdf" and pdf.content.startswith(b"%PDF")
    docx = client.get(f"/meetings/{meeting.pk}/minutes.docx")
    assert docx.content.startswith(b"PK")
    assert AuditEvent.objects.filter(event_type="MEETING_MINUTES_DOWNLOADED").count() == 2


def test_someone_outside_the_council_sees_only_their_own_views_request_through_their_link(client, scenario):
    meeting = an_arranged_meeting(scenario, when=timezone.now() + datetime.timedelta(days=2))
    from steadfast.meetings.selectors import ProposedInvitee

    invitee = services.add_invitee(
        actor=scenario.users["social_worker"],
        meeting=meeting,
        invitee=ProposedInvitee(name="Val Teacher", role=InviteeRole.VIRTUAL_SCHOOL, group="views_sought"),
    )
    link = invitations.issue_views_link(actor=None, invitee=invitee)
    token = link.token
    assert 'name="code"' in client.get(f"/meetings/views/{token}/").content.decode()
    assert client.post(f"/meetings/views/{token}/", {"code": link.spoken_code}).status_code == 302
    page = client.get(f"/meetings/views/{token}/").content.decode()
    assert "Your views before the meeting" in page
    assert scenario.children["own"].legal_first_name not in page
    assert "Test Carer" not in page
    invitee.refresh_from_db()
    response = client.post(
        f"/meetings/views/{token}/",
        {"worries": "Attendance has fallen to 60%.", "seen_version": invitee.version},
    )
    assert "Views sent" in response.content.decode()
    invitee.refresh_from_db()
    assert invitee.worries == "Attendance has fallen to 60%." and invitee.views_recorded_by is None
    assert client.get(f"/meetings/views/{token}x/").status_code == 404
    assert client.get(f"/meetings/{meeting.pk}/").status_code == 302  # the meeting itself needs a sign-in


def test_the_meeting_page_costs_the_same_queries_however_much_is_recorded(client, scenario):
    meeting = an_arranged_meeting(scenario)
    client.force_login(scenario.users["social_worker"])
    before = queries_for(client, f"/meetings/{meeting.pk}/")
    a_meeting_ready_to_submit(scenario)  # a second, fuller meeting
    fuller = StabilityMeeting.objects.latest("id")
    for n in range(3):
        services.add_stability_action(
            actor=scenario.users["senior_practitioner"],
            meeting=fuller,
            what=f"Action {n}",
            owner_kind=OwnerKind.CARER,
            owner_name="Test Carer",
            due_date=timezone.localdate() + datetime.timedelta(days=9),
            measure="Measured",
        )
    assert queries_for(client, f"/meetings/{fuller.pk}/") <= before + 1


def test_the_childs_plan_costs_the_same_queries_however_many_actions(client, scenario):
    meeting = an_authorised_meeting(scenario)
    client.force_login(scenario.users["social_worker"])
    one = queries_for(client, f"/children/{meeting.child_id}/plan/")
    an_authorised_meeting(scenario, when=timezone.now() - datetime.timedelta(days=3))
    assert queries_for(client, f"/children/{meeting.child_id}/plan/") == one


def test_an_unplanned_ending_prompts_for_a_disruption_meeting_on_the_childs_record(client, scenario):
    from steadfast.placements.services import end_placement

    child = scenario.children["own"]
    end_placement(
        actor=scenario.users["social_worker"],
        placement=child.placements.get(end_date__isnull=True),
        end_date=timezone.localdate(),
        end_reason="carer_requested",
        ending_planned=False,
    )
    client.force_login(scenario.users["social_worker"])
    page = client.get(f"/children/{child.pk}/").content.decode()
    assert "Arrange a disruption meeting" in page
    assert "Arrange a learning circle" in page


def test_the_household_record_lists_its_meetings_and_the_actions_still_to_do(client, scenario):
    meeting = an_authorised_meeting(scenario)
    client.force_login(scenario.users["supervising_social_worker"])
    page = client.get(f"/households/{meeting.household_id}/").content.decode()
    assert f"/meetings/{meeting.pk}/" in page
    assert "Arrange two weekends of respite" in page


def test_two_unplanned_endings_in_a_year_prompt_a_disruption_meeting_on_the_household(client, scenario):
    from tests.factories import PlacementFactory, days_ago

    household = scenario.households["own"]
    for start, end in ((300, 200), (150, 100)):
        PlacementFactory(
            household=household,
            start_date=days_ago(start),
            end_date=days_ago(end),
            end_reason="carer_requested",
            ending_planned=False,
        )
    client.force_login(scenario.users["supervising_social_worker"])
    page = client.get(f"/households/{household.pk}/").content.decode()
    assert "This household has had 2 unplanned endings in the last 12 months" in page


def test_a_views_link_is_gone_once_the_meeting_has_started(client, scenario):
    from steadfast.meetings.selectors import ProposedInvitee

    meeting = an_arranged_meeting(scenario, when=timezone.now() - datetime.timedelta(minutes=5))
    invitee = services.add_invitee(
        actor=scenario.users["social_worker"],
        meeting=meeting,
        invitee=ProposedInvitee(name="Cam Worker", role=InviteeRole.CAMHS, group="views_sought"),
    )
    token = invitations.issue_views_link(actor=None, invitee=invitee).token
    assert client.get(f"/meetings/views/{token}/").status_code == 410


def test_the_household_count_of_unplanned_endings_leaves_out_children_the_viewer_may_not_know_of(
    client, scenario
):
    from tests.factories import PlacementFactory, days_ago

    household = scenario.households["own"]
    restricted = scenario.children["restricted"]
    for start, end in ((300, 200), (150, 100)):
        PlacementFactory(
            child=restricted,
            household=household,
            start_date=days_ago(start),
            end_date=days_ago(end),
            end_reason="carer_requested",
            ending_planned=False,
        )
    client.force_login(scenario.users["supervising_social_worker"])
    page = client.get(f"/households/{household.pk}/").content.decode()
    assert "unplanned endings" not in page


def test_a_review_and_a_learning_circle_are_arranged_from_what_they_look_back_at(client, scenario):
    from tests.factories import PlacementFactory, days_ago

    first = an_authorised_meeting(scenario, when=timezone.now() - datetime.timedelta(days=20))
    client.force_login(scenario.users["social_worker"])
    chair = {"chair": scenario.users["team_manager"].pk}
    response = client.post(
        f"/children/{first.child_id}/meetings/arrange/", _arrange_form(reviews=first.pk, kind="", **chair)
    )
    review = StabilityMeeting.objects.get(reviews=first)
    assert response["Location"] == f"/meetings/{review.pk}/"
    assert review.kind == "review"
    ended = PlacementFactory(
        child=first.child,
        household=first.household,
        start_date=days_ago(900),
        end_date=days_ago(800),
        ended=True,
    )
    client.post(
        f"/children/{first.child_id}/meetings/arrange/",
        _arrange_form(placement=ended.pk, kind="learning_circle", **chair),
    )
    assert StabilityMeeting.objects.get(placement=ended).kind == "learning_circle"


def test_the_households_record_keeps_its_meetings_and_concerns_once_the_child_has_moved_on(client, scenario):
    """The carers' record keeps what was held about their home: listed by child, date and status
    for its fostering service, opened only by those who may see the child."""
    from steadfast.placements.models import Placement
    from steadfast.signals.tests.helpers import raise_concern

    concern = raise_concern(scenario)
    meeting = an_arranged_meeting(scenario)
    household, owen = scenario.households["own"], scenario.children["own"]
    Placement.objects.filter(child=owen, household=household).update(
        end_date=timezone.localdate(), end_reason="carer_requested", ending_planned=False
    )

    supervising = scenario.users["supervising_social_worker"]
    client.force_login(supervising)
    page = client.get(f"/households/{household.pk}/").content.decode()
    assert page.count(owen.display_name) >= 2  # the concern's row and the meeting's
    assert f"/meetings/{meeting.pk}/" not in page and f"/concerns/{concern.pk}/" not in page
    assert client.get(f"/meetings/{meeting.pk}/").status_code == 404
    assert client.get(f"/concerns/{concern.pk}/").status_code == 404

    # The child's social worker, who still sees Owen, opens both from the household's record.
    client.force_login(scenario.users["social_worker"])
    page = client.get(f"/households/{household.pk}/").content.decode()
    assert f"/meetings/{meeting.pk}/" in page and f"/concerns/{concern.pk}/" in page


def test_a_households_record_names_no_restricted_child_in_its_meetings_or_concerns(client, scenario):
    from steadfast.signals.tests.helpers import raise_concern

    restricted = scenario.children["restricted"]
    raise_concern(scenario, child="restricted", actor="administrator")
    client.force_login(scenario.users["supervising_social_worker"])
    page = client.get(f"/households/{scenario.households['own'].pk}/").content.decode()
    assert restricted.display_name not in page
