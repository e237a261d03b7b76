"""Nothing typed is lost to a stale page: two people, and one person in two tabs, make 200
interleaved edits to a child's details, to a meeting's record, to a point and to a Stability
Action of a meeting, to where a meeting is held and to someone's views before it. Every save
either lands on the version the tab last saw, or is refused and the saved version shown; no save
replaces a change its tab never saw.

Each tab keeps what it last saw of the record (the value, with the version and tab token its page
carries), as a browser would. A save that is accepted is checked against the record's history:
the value it replaced must be the one its tab saw. A refused save is not a loss: the page shows
the saved version, and the tab then holds it, as the person has now seen it."""

import datetime
import itertools
import random
import re
from dataclasses import dataclass

import pytest
from django.test import Client
from django.utils import timezone

from steadfast.children.models import Child
from steadfast.meetings import services as meetings
from steadfast.meetings.models import MeetingPoint, StabilityAction, StabilityMeeting
from steadfast.meetings.tests.helpers import a_meeting_ready_to_submit, an_arranged_meeting

pytestmark = pytest.mark.django_db

EDITS = 200


@dataclass
class Tab:
    client: Client
    seen_value: str | None = None
    fields: dict | None = None


def _hidden(page: str, name: str) -> str:
    return re.search(rf'name="{name}" value="([^"]*)"', page).group(1)


def _clients(scenario, *usernames) -> dict[str, Client]:
    clients = {}
    for username in usernames:
        clients[username] = Client()
        clients[username].force_login(scenario.users[username])
    return clients


def _tabs(scenario, first: str, second: str) -> list[Tab]:
    clients = _clients(scenario, first, second)
    # The first person has the record open in two tabs; the second in one.
    return [Tab(clients[first]), Tab(clients[first]), Tab(clients[second])]


def _replaced_values(record, field: str) -> list[tuple[str, str]]:
    """Each change of `field`, oldest first: (the value before, the value after)."""
    values = list(record.history.order_by("history_date", "history_id").values_list(field, flat=True))
    return [(before, after) for before, after in itertools.pairwise(values) if before != after]


def _interleaved_saves(tabs, *, seed: int, open_tab, save, reopen: float = 0.0) -> tuple[dict, int, int]:
    """Make EDITS saves, each from a tab chosen at random, opening a tab's page first where it
    has none open (and, with the chance `reopen`, again). `save(tab, value)` answers whether the
    save was accepted. Returns what each saved value's tab had seen, and the accepted and
    refused counts."""
    turns = random.Random(seed)
    saw_before_save: dict[str, str] = {}
    accepted = refused = 0
    for n in itertools.count():
        if accepted + refused == EDITS:
            return saw_before_save, accepted, refused
        tab = turns.choice(tabs)
        if tab.fields is None or turns.random() < reopen:
            open_tab(tab)
            continue
        value = f"Edit {n}"
        saw_before_save[value] = tab.seen_value
        if save(tab, value):
            accepted += 1
        else:
            refused += 1


def _lost(record, field: str, saw_before_save: dict) -> list[str]:
    """The accepted saves that replaced a value their tab had not seen."""
    return [
        after
        for before, after in _replaced_values(record, field)
        if saw_before_save.get(after, before) != before
    ]


def test_two_people_and_one_person_in_two_tabs_lose_no_edit_to_a_childs_details(scenario):
    child = scenario.children["own"]
    path = f"/children/{child.pk}/edit/"

    def open_tab(tab):
        page = tab.client.get(path).content.decode()
        tab.fields = {"seen_version": _hidden(page, "seen_version")}
        tab.seen_value = Child.objects.get(pk=child.pk).school

    def save(tab, value) -> bool:
        response = tab.client.post(path, _child_form(child, school=value, **tab.fields))
        if response.status_code == 302:
            tab.fields = None
            return True
        # Refused: the page says so, and the person now sees the saved version.
        assert "Someone else changed this record" in response.content.decode()
        open_tab(tab)
        return False

    tabs = _tabs(scenario, "social_worker", "team_manager")
    saw, accepted, refused = _interleaved_saves(tabs, seed=1, open_tab=open_tab, save=save)
    assert accepted + refused == EDITS and accepted > 50 and refused > 20
    assert _lost(Child.objects.get(pk=child.pk), "school", saw) == []


def test_two_people_and_one_person_in_two_tabs_lose_no_edit_to_a_meetings_record(scenario):
    meeting = an_arranged_meeting(scenario)
    path = f"/meetings/{meeting.pk}/record/"

    def open_tab(tab):
        page = tab.client.get(path).content.decode()
        tab.fields = {"seen_version": _hidden(page, "seen_version"), "editor": _hidden(page, "editor")}
        tab.seen_value = StabilityMeeting.objects.get(pk=meeting.pk).opening

    def save(tab, value) -> bool:
        form = _record_form(meeting, opening=value, **tab.fields)
        response = tab.client.post(path, form, HTTP_X_AUTOSAVE="1")
        if response.status_code == 200:
            # The page keeps the version it is answered with, as it goes on typing.
            tab.fields["seen_version"] = response.json()["version"]
            tab.seen_value = value
            return True
        assert response.status_code == 409 and response.json()["stale"]
        tab.fields = None
        return False

    tabs = _tabs(scenario, "senior_practitioner", "team_manager")
    saw, accepted, refused = _interleaved_saves(tabs, seed=2, open_tab=open_tab, save=save, reopen=0.1)
    assert accepted + refused == EDITS and accepted > 50 and refused > 20
    assert _lost(StabilityMeeting.objects.get(pk=meeting.pk), "opening", saw) == []


def _correct_repeatedly(scenario, *, path: str, record, field: str, form, seed: int) -> None:
    """Interleaved saves of one field of `record` through its own change form at `path`. A
    refused page lists what changed meanwhile and carries the version saved, so the tab, having
    been shown it, goes on from there, as the person would, without opening the page again."""
    model = type(record)

    def open_tab(tab):
        page = tab.client.get(path).content.decode()
        tab.fields = {"seen_version": _hidden(page, "seen_version")}
        tab.seen_value = getattr(model.objects.get(pk=record.pk), field)

    def save(tab, value) -> bool:
        current = model.objects.get(pk=record.pk)
        response = tab.client.post(path, form(current, **{field: value}) | tab.fields)
        if response.status_code == 302:
            tab.fields = None
            return True
        page = response.content.decode()
        assert "Someone else changed this" in page and 'id="changed-meanwhile"' in page
        tab.fields = {"seen_version": _hidden(page, "seen_version")}
        tab.seen_value = getattr(current, field)
        return False

    tabs = _tabs(scenario, "senior_practitioner", "team_manager")
    saw, accepted, refused = _interleaved_saves(tabs, seed=seed, open_tab=open_tab, save=save)
    assert accepted + refused == EDITS and accepted > 50 and refused > 20
    assert _lost(model.objects.get(pk=record.pk), field, saw) == []


def test_two_people_and_one_person_in_two_tabs_lose_no_edit_to_a_point_of_a_meeting(scenario):
    meeting = a_meeting_ready_to_submit(scenario)
    point = meetings.add_meeting_point(
        actor=scenario.users["senior_practitioner"],
        meeting=meeting,
        column="needs_to_happen",
        text="Nights are hard (test).",
        said_by=meeting.invitees.first(),
        basis="opinion",
    )
    _correct_repeatedly(
        scenario,
        path=f"/meetings/{meeting.pk}/points/{point.pk}/change/",
        record=point,
        field="text",
        form=_point_form,
        seed=3,
    )


def test_two_people_and_one_person_in_two_tabs_lose_no_edit_to_a_stability_action(scenario):
    meeting = a_meeting_ready_to_submit(scenario)
    action = meeting.actions.get()
    _correct_repeatedly(
        scenario,
        path=f"/meetings/{meeting.pk}/actions/{action.pk}/change/",
        record=action,
        field="measure",
        form=_action_form,
        seed=4,
    )


def test_two_people_and_one_person_in_two_tabs_lose_no_edit_to_where_a_meeting_is_held(scenario):
    meeting = an_arranged_meeting(scenario, when=timezone.now() + datetime.timedelta(days=5))
    _correct_repeatedly(
        scenario,
        path=f"/meetings/{meeting.pk}/rearrange/",
        record=meeting,
        field="venue",
        form=_where_form,
        seed=5,
    )


def test_two_people_and_one_person_in_two_tabs_lose_no_edit_to_someones_views_before_a_meeting(scenario):
    meeting = an_arranged_meeting(scenario, when=timezone.now() + datetime.timedelta(days=5))
    iro = meeting.invitees.get(role="iro")
    _correct_repeatedly(
        scenario,
        path=f"/meetings/{meeting.pk}/views/{iro.pk}/",
        record=iro,
        field="worries",
        form=_views_form,
        seed=6,
    )


def _views_form(invitee, **overrides):
    return {
        "worries": invitee.worries,
        "working_well": "School mornings are calm (test).",
        "needs_to_happen": "",
        "support_offered": "",
    } | overrides


def _point_form(point: MeetingPoint, **overrides):
    return {
        "column": point.column,
        "text": point.text,
        "said_by": point.said_by_id,
        "basis": point.basis,
        "marker": point.marker,
    } | overrides


def _action_form(action: StabilityAction, **overrides):
    due = action.due_date
    return {
        "what": action.what,
        "owner_kind": action.owner_kind,
        "owner": action.owner_id or "",
        "owner_name": action.owner_name,
        "due_date-day": due.day,
        "due_date-month": due.month,
        "due_date-year": due.year,
        "measure": action.measure,
    } | overrides


def _where_form(meeting: StabilityMeeting, **overrides):
    at = timezone.localtime(meeting.scheduled_at)
    return {
        "date-day": at.day,
        "date-month": at.month,
        "date-year": at.year,
        "time": at.strftime("%H:%M"),
        "venue": meeting.venue,
    } | overrides


def _child_form(child, **overrides):
    dob = child.date_of_birth
    return {
        "legal_first_name": child.legal_first_name,
        "legal_last_name": child.legal_last_name,
        "preferred_name": child.preferred_name,
        "date_of_birth-day": dob.day,
        "date_of_birth-month": dob.month,
        "date_of_birth-year": dob.year,
        "sex": child.sex,
        "ethnicity": child.ethnicity,
        "school": child.school,
    } | overrides


def _record_form(meeting, **fields):
    return {
        "present": [str(pk) for pk in meeting.invitees.values_list("pk", flat=True)],
        "summary": "",
    } | fields
