"""Arranging a meeting takes several people from outside the council at once, every problem
said against its own row and nothing saved until all are right; the chair and owner lists name
each worker's role and team."""

import datetime

import pytest
from django.core import mail
from django.utils import timezone
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from markupsafe import escape

from steadfast.accounts.models import Role
from steadfast.audit.models import AuditEvent
from steadfast.meetings import forms, services
from steadfast.meetings.models import Invitee, InviteeGroup, InviteeRole, StabilityMeeting
from tests.factories import UserFactory
from tests.queries import queries_for

from .helpers import a_meeting_ready_to_submit

pytestmark = pytest.mark.django_db


def _arrange_form(scenario, **extra):
    when = timezone.localdate() + datetime.timedelta(days=3)
    return {
        "date-day": when.day,
        "date-month": when.month,
        "date-year": when.year,
        "time": "2:30pm",
        "venue": "Family room, Town Hall",
        "kind": "strengthening_stability",
        "chair": scenario.users["team_manager"].pk,
    } | extra


def _row(n: int, name: str = "", role: str = "", email: str = "") -> dict[str, str]:
    return {f"others-{n}-name": name, f"others-{n}-role": role, f"others-{n}-email": email}


def _arrange(client, scenario, **rows):
    child = scenario.children["own"]
    client.force_login(scenario.users["social_worker"])
    return client.post(f"/children/{child.pk}/meetings/arrange/", _arrange_form(scenario, **rows))


def test_several_people_from_outside_the_council_are_invited_at_once_and_each_told(
    client, scenario, django_capture_on_commit_callbacks
):
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        response = _arrange(
            client,
            scenario,
            **_row(0, "Val Teacher", InviteeRole.VIRTUAL_SCHOOL, "val@example.org"),
            **_row(1, "Nina Nurse", InviteeRole.CIC_NURSE, "nina@example.org"),
            **_row(3, "Pat Parent", InviteeRole.PARENT),
        )
    meeting = StabilityMeeting.objects.get()
    assert response["Location"] == f"/meetings/{meeting.pk}/"
    outsiders = {
        i.name: i for i in meeting.invitees.filter(user__isnull=True).exclude(role=InviteeRole.CHILD)
    }
    assert set(outsiders) == {"Val Teacher", "Nina Nurse", "Pat Parent"}
    assert outsiders["Val Teacher"].role == InviteeRole.VIRTUAL_SCHOOL
    assert outsiders["Val Teacher"].group == InviteeGroup.VIEWS_SOUGHT
    assert outsiders["Nina Nurse"].email == "nina@example.org"
    assert outsiders["Pat Parent"].email == ""
    sent_to = {address for email in mail.outbox for address in email.to}
    assert {"val@example.org", "nina@example.org"} <= sent_to
    for invitee in (outsiders["Val Teacher"], outsiders["Nina Nurse"]):
        invitee.refresh_from_db()
        assert invitee.told_at is not None
    added = AuditEvent.objects.filter(event_type=services.INVITEE_ADDED, child_id=meeting.child_id).count()
    assert added == meeting.invitees.count()


def test_wholly_empty_rows_are_ignored(client, scenario):
    rows = _row(0) | _row(1, "   ", "", "  ") | _row(2, "Val Teacher", InviteeRole.VIRTUAL_SCHOOL)
    response = _arrange(client, scenario, **rows)
    assert response.status_code == 302
    meeting = StabilityMeeting.objects.get()
    assert list(meeting.invitees.filter(name="Val Teacher").values_list("role", flat=True)) == [
        InviteeRole.VIRTUAL_SCHOOL
    ]
    assert not meeting.invitees.filter(name="").exists()


def test_a_form_with_no_rows_sent_at_all_still_arranges_the_meeting(client, scenario):
    assert _arrange(client, scenario).status_code == 302
    assert StabilityMeeting.objects.count() == 1


def test_each_wrong_row_is_said_against_itself_at_once_and_nothing_is_saved(client, scenario):
    rows = (
        _row(0, "", "", "val@example.org")
        | _row(1, "Nina Nurse")
        | _row(2, "Pat Parent", InviteeRole.PARENT, "not an address")
        | _row(3, "", InviteeRole.CAMHS)
        | _row(4, "Kept Person", InviteeRole.OTHER, "kept@example.org")
    )
    response = _arrange(client, scenario, **rows, venue="")
    assert response.status_code == 200
    page = response.content.decode()
    for message, target in (
        ("Say where the meeting is, or how to join the call", "id_venue"),
        (forms.OUTSIDER_NAME_NEEDED.format(n=1), "id_others-0-name"),
        (forms.OUTSIDER_ROLE_NEEDED.format(n=1), "id_others-0-role"),
        (forms.OUTSIDER_ROLE_NEEDED.format(n=2), "id_others-1-role"),
        (forms.OUTSIDER_EMAIL_INVALID.format(n=3), "id_others-2-email"),
        (forms.OUTSIDER_NAME_NEEDED.format(n=4), "id_others-3-name"),
    ):
        assert f'href="#{target}">{message}</a>' in page, message
        assert f'id="{target}-error"' in page
    assert "Person 5" in page and "Enter the name of person 5" not in page
    # What was typed is still there to put right.
    assert 'value="Kept Person"' in page and 'value="not an address"' in page
    assert not StabilityMeeting.objects.exists()
    assert not Invitee.objects.exists()


def test_the_same_person_twice_is_said_against_the_later_row(client, scenario):
    rows = _row(0, "Val Teacher", InviteeRole.VIRTUAL_SCHOOL) | _row(
        2, "val teacher", InviteeRole.VIRTUAL_SCHOOL
    )
    page = _arrange(client, scenario, **rows).content.decode()
    assert forms.OUTSIDER_TWICE.format(n=3, first=1) in page
    assert "#id_others-2-name" in page
    assert not StabilityMeeting.objects.exists()


def test_a_name_too_long_is_said_in_plain_words(client, scenario):
    page = _arrange(client, scenario, **_row(1, "x" * 201, InviteeRole.OTHER)).content.decode()
    assert forms.OUTSIDER_NAME_TOO_LONG.format(n=2) in page
    assert not StabilityMeeting.objects.exists()


ROW_FIELDS = [
    f"others-{n}-{part}" for n in range(forms.OUTSIDER_ROWS + 1) for part in ("name", "role", "email")
]


@given(st.dictionaries(st.sampled_from(ROW_FIELDS), st.text(max_size=300), max_size=8))
@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
def test_any_text_in_the_rows_answers_without_error(client, scenario, rows):
    before = StabilityMeeting.objects.count()
    response = _arrange(client, scenario, **rows)
    assert response.status_code in (200, 302)
    if response.status_code == 200:
        assert StabilityMeeting.objects.count() == before
        assert "There is a problem" in response.content.decode()


def test_the_chair_list_names_each_persons_role_and_team(client, scenario):
    child = scenario.children["own"]
    client.force_login(scenario.users["social_worker"])
    page = client.get(f"/children/{child.pk}/meetings/arrange/").content.decode()
    manager = scenario.users["team_manager"]
    assert f">{escape(manager.get_full_name())}, team manager, Test North</option>" in page
    senior = scenario.users["senior_practitioner"]
    assert f">{escape(senior.get_full_name())}, senior practitioner, Test North</option>" in page
    assert ">An independent chair</option>" in page
    assert "data-autocomplete" in page


def test_a_worker_with_no_team_is_named_with_their_role_alone(client, scenario):
    loner = UserFactory(role=Role.TEAM_MANAGER, team=None, first_name="Sol", last_name="Alone")
    child = scenario.children["own"]
    client.force_login(scenario.users["social_worker"])
    page = client.get(f"/children/{child.pk}/meetings/arrange/").content.decode()
    assert f'value="{loner.pk}">Sol Alone, team manager</option>' in page


def test_the_action_owner_lists_name_each_workers_role_and_team(client, scenario):
    meeting = a_meeting_ready_to_submit(scenario)
    action = meeting.actions.get()
    client.force_login(scenario.users["senior_practitioner"])
    ssw = scenario.users["supervising_social_worker"]
    label = f"{escape(ssw.get_full_name())}, supervising social worker, Test Fostering"
    added = client.get(f"/meetings/{meeting.pk}/actions/add/").content.decode()
    assert f">{label}</option>" in added
    changed = client.get(f"/meetings/{meeting.pk}/actions/{action.pk}/change/").content.decode()
    assert f"selected>{label}</option>" in changed or f'selected="selected">{label}</option>' in changed
    iro = scenario.users["iro"]
    assert f">{escape(iro.get_full_name())}, independent reviewing officer, Test Reviewing</option>" in added


def test_the_arrange_page_costs_the_same_queries_however_many_workers(client, scenario):
    child = scenario.children["own"]
    client.force_login(scenario.users["social_worker"])
    path = f"/children/{child.pk}/meetings/arrange/"
    before = queries_for(client, path)
    north = scenario.users["team_manager"].team
    for _ in range(6):
        UserFactory(role=Role.SENIOR_PRACTITIONER, team=north)
    assert queries_for(client, path) == before


def test_the_action_page_costs_the_same_queries_however_many_workers(client, scenario):
    meeting = a_meeting_ready_to_submit(scenario)
    client.force_login(scenario.users["senior_practitioner"])
    path = f"/meetings/{meeting.pk}/actions/add/"
    before = queries_for(client, path)
    fostering = scenario.users["supervising_social_worker"].team
    for _ in range(6):
        UserFactory(role=Role.SUPERVISING_SOCIAL_WORKER, team=fostering)
    assert queries_for(client, path) == before


def test_a_worker_outside_the_team_cannot_arrange_for_the_child_with_outsiders(client, scenario):
    child = scenario.children["own"]
    client.force_login(scenario.users["other_social_worker"])
    response = client.post(
        f"/children/{child.pk}/meetings/arrange/",
        _arrange_form(scenario, **_row(0, "Val Teacher", InviteeRole.VIRTUAL_SCHOOL)),
    )
    assert response.status_code == 404
    assert not StabilityMeeting.objects.exists()
