"""A foster carer's access, tested as thoroughly as staff access: every staff page answers a
carer 404, every portal page answers staff 404, and inside the portal a carer reaches only the
meetings of the children living with them now."""

import datetime
import io
import re
from collections.abc import Iterator
from dataclasses import dataclass

import pytest
from django.urls import URLPattern, URLResolver, get_resolver
from django.utils import timezone
from PIL import Image

from steadfast.accounts.models import AccessGrant, Allocation, Role
from steadfast.assessments.models import ImpactStressAssessment, MatchingRecord, SiblingAssessment
from steadfast.carer_logs import services as log_services
from steadfast.carer_logs.models import CarerLog
from steadfast.carers_portal import middleware, selectors
from steadfast.concerns import services as concern_services
from steadfast.concerns.models import StabilityConcern
from steadfast.meetings import invitations
from steadfast.meetings import services as meeting_services
from steadfast.meetings.models import (
    Invitee,
    MeetingPoint,
    MeetingStatus,
    StabilityAction,
    StabilityMeeting,
    StabilityScore,
)
from steadfast.meetings.selectors import ProposedInvitee
from steadfast.placements.models import Placement
from steadfast.reminders.models import Reminder
from steadfast.supervision import services as supervision_services
from steadfast.supervision.models import SupervisionSession
from steadfast.support_requests import services as help_services
from steadfast.support_requests.models import SupportRequest
from steadfast.visits import services as visit_services
from steadfast.visits.models import StatutoryVisit
from steadfast.voice.models import Influence, VoiceRecord
from steadfast.young_people import services as own_page
from steadfast.young_people.drawings import drawing_from
from steadfast.young_people.models import ChildsDrawing, ChildsViews, ViewsInvitation
from tests.factories import (
    AccessGrantFactory,
    ChildFactory,
    HouseholdMemberFactory,
    PlacementFactory,
    UserFactory,
)
from tests.scenario import STAFF_USERNAMES

from .helpers import an_authorised_meeting_with_a_carer_action, an_upcoming_meeting

pytestmark = pytest.mark.django_db


# The only pages outside the portal a carer may open: signing in and out, the start page (which
# sends them to the portal), the health check, the single-purpose link to give views that
# reaches them by email, and a child's own page, which a child may open on the family's
# computer while the carer is signed in. Widening this list is a decision: make it here, on
# purpose.
CARER_NAMESPACES = {"portal", "accounts"}
CARER_URL_NAMES = {"home", "healthz", "meetings:views-by-link", "young_people:my-views"}


def test_the_scenario_has_every_staff_user_and_one_carer(scenario):
    assert sorted(STAFF_USERNAMES) == sorted(
        k for k, u in scenario.users.items() if u.role != Role.FOSTER_CARER
    )
    assert len(STAFF_USERNAMES) == 15


@dataclass
class Records:
    """One real record of every kind a page is about, so that a staff page reached by a carer
    would answer with the record, not with a 404 for want of one."""

    authorised: StabilityMeeting
    upcoming: StabilityMeeting


@pytest.fixture
def records(scenario) -> Records:
    # Granted Owen by name, the access policy alone would open his record to the carer: what
    # keeps them out of the staff pages must then be the portal's rule.
    AccessGrantFactory(child=scenario.children["own"], user=scenario.users["foster_carer"])
    authorised = an_authorised_meeting_with_a_carer_action(scenario)
    upcoming = an_upcoming_meeting(scenario)
    concern_services.raise_stability_concern(
        actor=scenario.users["social_worker"],
        child=scenario.children["own"],
        urgency="under_pressure",
        factors=["school"],
        what_is_happening="Excluded twice this month.",
        raised_by="social_worker",
    )
    supervision_services.record_supervision_session(
        actor=scenario.users["supervising_social_worker"],
        household=scenario.households["own"],
        date=timezone.localdate(),
        unannounced=False,
        present="Test Carer",
        topics=["wellbeing"],
        household_managing="Coping.",
        actions="",
        scales=[(scenario.children["own"], 6, "The reason for Owen's score.")],
    )
    visit_services.record_statutory_visit(
        actor=scenario.users["social_worker"],
        child=scenario.children["own"],
        date=timezone.localdate(),
        place="At school",
        child_seen=True,
        seen_alone=False,
        child_said="I like it here.",
        observations="",
    )
    log_services.write_carer_log(
        actor=scenario.users["foster_carer"],
        household=scenario.households["own"],
        child=scenario.children["own"],
        date=timezone.localdate(),
        category="home_life",
        what_happened="A calm evening of board games.",
    )
    help_services.ask_for_help(
        actor=scenario.users["foster_carer"],
        household=scenario.households["own"],
        child=scenario.children["own"],
        kind="respite",
        urgency="soon",
        what_is_needed="A weekend's break.",
    )
    ImpactStressAssessment.objects.create(
        household=scenario.households["own"],
        date=timezone.localdate(),
        reason="supervision",
        overall="Coping well.",
        support_plan="Keep going.",
    )
    MatchingRecord.objects.create(
        placement=Placement.objects.get(child=scenario.children["own"]),
        agreed_on=timezone.localdate() - datetime.timedelta(days=300),
        childs_needs="Routine.",
        household_strengths="Patience.",
        gaps="None known.",
        support_planned="Monthly supervision.",
    )
    SiblingAssessment.objects.create(
        child=scenario.children["own"],
        sibling=scenario.children["restricted"],
        assessed_on=timezone.localdate(),
        context="placing_together",
        childs_needs="Stability.",
        siblings_needs="Stability.",
        relationship="Close.",
        decision="together",
        reasons="They keep each other steady.",
    )
    # Written as the scene: the sweep raises no reminders for carers, but were one there, the
    # reminders pages must still answer the carer 404.
    Reminder.objects.create(
        recipient=scenario.users["foster_carer"],
        key=f"visit:child:{scenario.children['own'].pk}:test",
        stage="due",
        kind="reminder",
        work_kind="visit_due",
        title="Statutory visit due",
        url=f"/children/{scenario.children['own'].pk}/",
        due=timezone.localdate(),
        child_id=scenario.children["own"].pk,
    )
    # What a child sent through their own page, with a drawing: the carer reads none of it.
    picture = io.BytesIO()
    Image.new("RGB", (20, 20), (200, 80, 40)).save(picture, format="PNG")
    own_page.send_childs_views(
        invitation=own_page.invite_child_to_give_views(
            actor=scenario.users["social_worker"],
            child=scenario.children["own"],
            purpose="general",
            meeting=None,
            page_version="older",
            days=14,
            sent_how="qr",
        ).invitation,
        sent=own_page.SentViews(going_well="Football.", drawing=drawing_from(picture.getvalue())),
    )
    return Records(authorised=authorised, upcoming=upcoming)


def _first_pk(records) -> int:
    """A real record's id where the scenario has one; the carer is kept out either way."""
    first = records.first()
    return first.pk if first is not None else 1


def _real_ids(scenario, records: Records) -> dict[tuple[str, str], str]:
    """(the path segment before a parameter, or "" for any, the parameter's name) -> an id
    of a real record the carer's home is part of."""
    owen, home, carer = scenario.children["own"], scenario.households["own"], scenario.users["foster_carer"]
    meeting = records.authorised
    return {
        ("children", "pk"): owen.pk,
        ("children", "child_id"): owen.pk,
        ("households", "pk"): home.pk,
        ("households", "household_id"): home.pk,
        ("placements", "pk"): Placement.objects.filter(child=owen).first().pk,
        ("placements", "placement_id"): Placement.objects.filter(child=owen).first().pk,
        ("allocations", "allocation_id"): Allocation.objects.filter(child=owen).first().pk,
        ("concerns", "pk"): StabilityConcern.objects.first().pk,
        ("meetings", "pk"): meeting.pk,
        # The API's concerns, actions and signals: the carer is kept out of them all.
        ("concerns", "concern_id"): StabilityConcern.objects.first().pk,
        ("actions", "action_id"): meeting.actions.first().pk,
        ("signals", "child_id"): owen.pk,
        # The API's carers' logs, requests for help and visits: the carer holds no token, so is
        # kept out of them all.
        ("carer-logs", "log_id"): CarerLog.objects.get().pk,
        ("support-requests", "request_id"): SupportRequest.objects.get().pk,
        ("visits", "visit_id"): StatutoryVisit.objects.first().pk,
        ("supervision", "pk"): SupervisionSession.objects.first().pk,
        ("visits", "pk"): StatutoryVisit.objects.first().pk,
        ("meetings", "meeting_id"): meeting.pk,
        ("voice", "pk"): VoiceRecord.objects.get(meeting=meeting).pk,
        ("influence", "pk"): _first_pk(Influence.objects.all()),
        ("logs", "pk"): CarerLog.objects.get().pk,
        ("help", "pk"): SupportRequest.objects.get().pk,
        ("impact-assessments", "pk"): ImpactStressAssessment.objects.get().pk,
        ("matching", "pk"): MatchingRecord.objects.get().pk,
        ("sibling-assessments", "pk"): SiblingAssessment.objects.get().pk,
        ("reminders", "pk"): Reminder.objects.get().pk,
        ("invitations", "pk"): ViewsInvitation.objects.get().pk,
        ("views", "pk"): ChildsViews.objects.get().pk,
        ("drawings", "pk"): ChildsDrawing.objects.get().pk,
        # A stability signal is named by its rule; the carer is kept out whichever it is.
        ("signals", "rule"): "missing_episodes",
        ("", "grant_id"): AccessGrant.objects.filter(user=carer).get().pk,
        ("", "invitee_id"): Invitee.objects.get(meeting=meeting, user=carer).pk,
        ("", "action_id"): StabilityAction.objects.filter(meeting=meeting).first().pk,
        ("points", "point_id"): _first_pk(MeetingPoint.objects.filter(meeting=meeting)),
        ("points", "item_id"): _first_pk(MeetingPoint.objects.filter(meeting=meeting)),
        ("scores", "item_id"): _first_pk(StabilityScore.objects.filter(meeting=meeting)),
        ("actions", "item_id"): StabilityAction.objects.filter(meeting=meeting).first().pk,
        ("versions", "number"): 1,
        # A child's Safety and Well-being Grids: the carer is kept out of them whatever the id, as
        # of every page outside the portal.
        ("grids", "pk"): owen.pk,
        ("statements", "statement_id"): owen.pk,
        ("statements", "item_id"): owen.pk,
        ("steps", "step_id"): owen.pk,
        ("steps", "item_id"): owen.pk,
        # A child's words and pictures story's files: the carer is kept out whatever the id.
        ("documents", "pk"): owen.pk,
        ("pictures", "pk"): owen.pk,
        # The measures' charts, tables and lists, by name.
        ("", "chart"): "timeliness",
        ("", "table"): "dfe",
        ("", "file_format"): "csv",
        ("", "measure"): "three-or-more-placements-in-year",
        # Separation of duties: the carer is kept out of confirming, the lists and a link
        # someone else's account is activated by.
        ("confirmations", "pk"): carer.pk,
        ("refusals", "pk"): carer.pk,
        # Registered systems and personal access tokens, administrators' alone: the carer is kept
        # out whatever the id.
        ("api-clients", "pk"): carer.pk,
        ("api-tokens", "pk"): carer.pk,
        ("activate", "uidb64"): "MQ",
        ("", "token"): "not-a-token",
        # The records team's bundles and retention proposals: the carer is kept out of them
        # whatever the id, as of every page outside the portal.
        ("bundles", "pk"): carer.pk,
        ("proposals", "pk"): carer.pk,
        # An SSDA903 import run: the carer is kept out whatever the id, as administrators alone
        # open them.
        ("import", "pk"): carer.pk,
        # The admin's own ids: any will do, as the admin is closed to carers whole.
        ("", "object_id"): carer.pk,
        ("", "id"): carer.pk,
        ("", "content_type_id"): 1,
    }


_PARAMETER = re.compile(r"<(?:\w+:)?(?P<name>\w+)>")
_GROUP = re.compile(r"\(\?P<\w+>(?P<body>[^)]*)\)")


def _concrete_path(route: str, ids: dict[tuple[str, str], str]) -> str:
    """The route with every parameter filled with a real id, and every regular expression
    group with a value it matches."""
    route = _GROUP.sub(lambda m: "anything" if m["body"] == ".*" else m["body"].split("|")[0], route)
    route = route.replace("^", "").replace("$", "")
    parts, before = [], ""

    def value(found: re.Match) -> str:
        name = found["name"]
        real = ids.get((before, name), ids.get(("", name)))
        if real is None:
            pytest.fail(
                f"Teach this test where to find a real id for {found[0]} after '{before}/' in {route}"
            )
        return str(real)

    for part in route.split("/"):
        if _PARAMETER.search(part) is None:
            parts.append(part)
            before = part
            continue
        # A part may be a parameter, or hold one or more beside other text (`<name>.svg`).
        parts.append(_PARAMETER.sub(value, part))
    return "/" + "/".join(parts)


def _every_route(patterns=None, prefix: str = "", namespace: str = "") -> Iterator[tuple[str, str, str]]:
    """(namespaced URL name, route, the view's module) for every page the project answers."""
    for pattern in get_resolver().url_patterns if patterns is None else patterns:
        if isinstance(pattern, URLResolver):
            inner = ":".join(n for n in (namespace, pattern.namespace) if n)
            yield from _every_route(pattern.url_patterns, prefix + str(pattern.pattern), inner)
        elif isinstance(pattern, URLPattern):
            name = ":".join(n for n in (namespace, pattern.name or "") if n)
            yield name, prefix + str(pattern.pattern), pattern.callback.__module__


def _staff_paths(scenario, records: Records) -> list[str]:
    ids = _real_ids(scenario, records)
    paths = []
    for name, route, _ in _every_route():
        if name.split(":")[0] in CARER_NAMESPACES or name in CARER_URL_NAMES:
            continue
        paths.append(_concrete_path(route, ids))
    return paths


def _answering_the_carer(client, scenario, paths: list[str]) -> list[str]:
    client.force_login(scenario.users["foster_carer"])
    return [f"{path} answered {status}" for path in paths if (status := client.get(path).status_code) != 404]


def test_the_middleware_lets_carers_use_only_the_pages_listed_here():
    assert middleware.CARER_NAMESPACES == CARER_NAMESPACES
    assert middleware.CARER_URL_NAMES == CARER_URL_NAMES


def test_every_staff_page_answers_404_to_a_carer(client, scenario, records):
    paths = _staff_paths(scenario, records)
    assert len(paths) > 40  # the walk found the staff pages and the admin
    assert f"/meetings/{records.authorised.pk}/" in paths
    assert f"/children/{scenario.children['own'].pk}/" in paths
    assert _answering_the_carer(client, scenario, paths) == []


def test_a_middleware_that_let_carers_through_would_be_caught(client, scenario, records, monkeypatch):
    # A planted mistake: the middleware no longer recognises a carer.
    monkeypatch.setattr(middleware, "is_carer", lambda user: False)
    leaks = _answering_the_carer(client, scenario, _staff_paths(scenario, records))
    assert "/children/ answered 200" in leaks
    assert f"/households/{scenario.households['own'].pk}/ answered 200" in leaks
    assert f"/children/{scenario.children['own'].pk}/ answered 200" in leaks
    assert f"/meetings/{records.authorised.pk}/ answered 200" in leaks
    assert "/reminders/ answered 200" in leaks


def _portal_paths(records: Records) -> list[str]:
    return [
        "/portal/",
        f"/portal/meetings/{records.upcoming.pk}/views/",
        f"/portal/meetings/{records.authorised.pk}/agreed/",
        "/portal/concerns/raise/",
        "/portal/messages/",
        "/portal/contacts/",
    ]


def test_every_page_of_this_app_is_among_the_portal_pages_tested_here():
    # Portal pages that other apps add (logs, requests for help) are tested with those apps.
    routes = {route for _, route, module in _every_route() if module == "steadfast.carers_portal.views"}
    assert routes == {
        "portal/",
        "portal/meetings/<int:pk>/views/",
        "portal/meetings/<int:pk>/agreed/",
        "portal/concerns/raise/",
        "portal/messages/",
        "portal/contacts/",
    }


def test_the_carer_opens_every_portal_page(client, scenario, records):
    client.force_login(scenario.users["foster_carer"])
    for path in _portal_paths(records):
        assert client.get(path).status_code == 200, path


@pytest.mark.parametrize("role", STAFF_USERNAMES)
def test_every_portal_page_answers_404_to_staff(client, scenario, records, role):
    client.force_login(scenario.users[role])
    for path in _portal_paths(records):
        assert client.get(path).status_code == 404, path
        assert client.post(path, {"worries": "x", "urgency": "under_pressure"}).status_code == 404, path
    assert StabilityConcern.objects.count() == 1  # the one the fixture raised
    assert not Invitee.objects.filter(worries="x").exists()


def test_every_portal_page_asks_someone_signed_out_to_sign_in(client, scenario, records):
    for path in _portal_paths(records):
        response = client.get(path)
        assert response.status_code == 302 and response.url.startswith("/accounts/login/"), path


def test_the_emailed_views_link_still_works_for_a_signed_in_carer(client, scenario, records):
    carer = scenario.users["foster_carer"]
    invitation = Invitee.objects.get(meeting=records.upcoming, user=carer)
    token = invitations.issue_views_link(actor=None, invitee=invitation).token
    client.force_login(carer)
    assert client.get(f"/meetings/views/{token}/").status_code == 200


def _carer_gets_404(client, scenario, meeting: StabilityMeeting) -> None:
    client.force_login(scenario.users["foster_carer"])
    for path in (f"/portal/meetings/{meeting.pk}/views/", f"/portal/meetings/{meeting.pk}/agreed/"):
        assert client.get(path).status_code == 404, path
    assert f"/portal/meetings/{meeting.pk}/" not in client.get("/portal/").content.decode()


def _authorise(meeting: StabilityMeeting, scenario) -> None:
    # Setting the scene only: these meetings are refused to the carer whatever their state.
    StabilityMeeting.objects.filter(pk=meeting.pk).update(
        status=MeetingStatus.AUTHORISED,
        authorised_by=scenario.users["team_manager"],
        authorised_at=timezone.now(),
    )


def test_a_carer_gets_404_for_a_meeting_about_a_child_of_another_household(client, scenario):
    olga = ChildFactory(legal_first_name="Olga")
    PlacementFactory(child=olga, household=scenario.households["other"])
    meeting = an_upcoming_meeting(scenario, child=olga)
    # Even were the carer invited by mistake, the child is not theirs to read about.
    meeting_services.add_invitee(
        actor=scenario.users["social_worker"],
        meeting=meeting,
        invitee=ProposedInvitee(
            name="Test Carer", role="carer", group="core", user=scenario.users["foster_carer"]
        ),
    )
    _carer_gets_404(client, scenario, meeting)
    _authorise(meeting, scenario)
    _carer_gets_404(client, scenario, meeting)


def test_a_carer_gets_404_for_a_meeting_about_their_child_held_about_another_home(client, scenario):
    upcoming = an_upcoming_meeting(scenario)
    authorised = an_authorised_meeting_with_a_carer_action(scenario)
    StabilityMeeting.objects.filter(pk__in=[upcoming.pk, authorised.pk]).update(
        household=scenario.households["other"]
    )
    _carer_gets_404(client, scenario, upcoming)
    _carer_gets_404(client, scenario, authorised)


def test_a_carer_gets_404_for_a_meeting_they_are_not_invited_to(client, scenario):
    meeting = an_upcoming_meeting(scenario)
    Invitee.objects.filter(meeting=meeting, user=scenario.users["foster_carer"]).update(user=None)
    client.force_login(scenario.users["foster_carer"])
    assert client.get(f"/portal/meetings/{meeting.pk}/views/").status_code == 404


def test_a_carer_gets_404_for_a_restricted_childs_meeting(client, scenario):
    meeting = an_upcoming_meeting(scenario, child=scenario.children["restricted"])
    assert meeting.invitees.filter(user=scenario.users["foster_carer"]).exists()
    _carer_gets_404(client, scenario, meeting)
    _authorise(meeting, scenario)
    _carer_gets_404(client, scenario, meeting)


def test_a_carer_gets_404_for_the_summary_of_a_meeting_not_yet_authorised(client, scenario):
    meeting = an_upcoming_meeting(scenario)
    client.force_login(scenario.users["foster_carer"])
    assert client.get(f"/portal/meetings/{meeting.pk}/agreed/").status_code == 404
    StabilityMeeting.objects.filter(pk=meeting.pk).update(status=MeetingStatus.AWAITING_AUTHORISATION)
    assert client.get(f"/portal/meetings/{meeting.pk}/agreed/").status_code == 404


def test_a_carer_gets_404_for_a_meeting_that_does_not_exist(client, scenario):
    client.force_login(scenario.users["foster_carer"])
    assert client.get("/portal/meetings/999999/views/").status_code == 404
    assert client.get("/portal/meetings/999999/agreed/").status_code == 404


def test_a_carer_of_another_household_reaches_nothing_of_this_one(client, scenario, records):
    other_carer = UserFactory(username="other_carer", role=Role.FOSTER_CARER, team=None)
    HouseholdMemberFactory(household=scenario.households["other"], user=other_carer)
    client.force_login(other_carer)
    page = client.get("/portal/").content.decode()
    assert "The Other household" in page
    assert "Owen" not in page
    for path in _portal_paths(records)[1:3]:
        assert client.get(path).status_code == 404, path
    page = client.get("/portal/concerns/raise/").content.decode()
    assert "Owen" not in page
    response = client.post(
        "/portal/concerns/raise/",
        {
            "child": scenario.children["own"].pk,
            "factors": ["school"],
            "what_is_happening": "Something",
            "urgency": "under_pressure",
        },
    )
    assert response.status_code == 200
    assert StabilityConcern.objects.count() == 1


def test_a_carer_with_no_household_has_no_portal(client, scenario):
    carer = UserFactory(username="carer_without_a_home", role=Role.FOSTER_CARER, team=None)
    client.force_login(carer)
    for path in ("/portal/", "/portal/concerns/raise/"):
        assert client.get(path).status_code == 404


def test_a_meeting_leaves_the_portal_with_the_child_and_comes_back_with_them(client, scenario):
    """Meetings follow where the child lives now."""
    meeting = an_authorised_meeting_with_a_carer_action(scenario)
    owen = scenario.children["own"]
    placement = Placement.objects.get(child=owen, end_date__isnull=True)
    Placement.objects.filter(pk=placement.pk).update(
        end_date=timezone.localdate() - datetime.timedelta(days=10), end_reason="other", ending_planned=True
    )
    client.force_login(scenario.users["foster_carer"])
    assert client.get(f"/portal/meetings/{meeting.pk}/agreed/").status_code == 404
    PlacementFactory(child=owen, household=scenario.households["own"], start_date=timezone.localdate())
    assert client.get(f"/portal/meetings/{meeting.pk}/agreed/").status_code == 200


def test_a_portal_that_forgot_which_children_are_the_carers_would_be_caught(client, scenario, monkeypatch):
    meeting = an_upcoming_meeting(scenario, child=scenario.children["restricted"])
    _carer_gets_404(client, scenario, meeting)

    # A planted mistake: every meeting about the household, whichever child it is about.
    def every_meeting_of_the_household(carer, household):
        return StabilityMeeting.objects.filter(household=household)

    monkeypatch.setattr(selectors, "meetings_for_carer", every_meeting_of_the_household)
    assert client.get(f"/portal/meetings/{meeting.pk}/views/").status_code == 200
