"""Every form that changes a saved record refuses a save drawn from an earlier version of it:
the page says so, shows what changed since and who changed it (the same person in another tab
included), keeps what was typed, and saves nothing; a save from the version saved goes through.
Each case opens the page, has the record changed elsewhere through its service, then saves."""

import html
import re
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

import pytest
from django.test import Client

from steadfast.core.errors import STALE_EDIT
from steadfast.placements import services as placements
from steadfast.support_requests import services as support_requests
from steadfast.support_requests.tests.helpers import a_request
from tests.factories import days_ago

pytestmark = pytest.mark.django_db


def _date(prefix: str, day) -> dict[str, str]:
    return {f"{prefix}-day": str(day.day), f"{prefix}-month": str(day.month), f"{prefix}-year": str(day.year)}


@dataclass
class Case:
    """One form: who uses it, the record it changes and its page, what is typed (including a
    phrase to find on the page again), a change made elsewhere by `by`, and whether the form's
    change has landed."""

    role: str
    record: Callable[[Any], Any]
    path: Callable[[Any], str]
    typed: Callable[[Any], dict[str, str]]
    change_elsewhere: Callable[[Any, Any, Any], None]
    saved: Callable[[Any], bool]
    colleague: str
    # Whether the form's change can still be made once the other change has been seen.
    again: bool = True


def _own_placement(s):
    return s.children["own"].placements.get()


CASES = {
    "ending a placement": Case(
        role="social_worker",
        record=_own_placement,
        path=lambda p: f"/placements/{p.pk}/end/",
        typed=lambda p: {
            **_date("end_date", days_ago(1)),
            "end_reason": "carer_requested",
            "ending_planned": "no",
        },
        change_elsewhere=lambda s, p, by: placements.agree_placement_long_term(
            actor=by, placement=p, agreed_on=days_ago(2)
        ),
        saved=lambda p: p.end_date is not None,
        colleague="team_manager",
    ),
    "agreeing a placement as long-term": Case(
        role="social_worker",
        record=_own_placement,
        path=lambda p: f"/placements/{p.pk}/long-term/",
        typed=lambda p: _date("agreed_on", days_ago(3)),
        change_elsewhere=lambda s, p, by: placements.agree_placement_long_term(
            actor=by, placement=p, agreed_on=days_ago(5)
        ),
        saved=lambda p: p.agreed_long_term_on == days_ago(3),
        colleague="team_manager",
        again=False,
    ),
    "answering a request for help": Case(
        role="supervising_social_worker",
        record=a_request,
        path=lambda r: f"/help/{r.pk}/respond/",
        typed=lambda r: {"response": "A respite carer is booked for Saturday (typed)."},
        change_elsewhere=lambda s, r, by: support_requests.respond_to_support_request(
            actor=by, support_request=r, response="Looking for a respite carer (elsewhere)."
        ),
        saved=lambda r: r.response == "A respite carer is booked for Saturday (typed).",
        colleague="fostering_team_manager",
        again=False,
    ),
    "escalating a request for help": Case(
        role="supervising_social_worker",
        record=a_request,
        path=lambda r: f"/help/{r.pk}/escalate/",
        typed=lambda r: {"reason": "Nothing is moving on this (typed)."},
        change_elsewhere=lambda s, r, by: support_requests.acknowledge_support_request(
            actor=by, support_request=r
        ),
        saved=lambda r: r.escalation_reason == "Nothing is moving on this (typed).",
        colleague="fostering_team_manager",
    ),
    "closing a request for help": Case(
        role="supervising_social_worker",
        record=a_request,
        path=lambda r: f"/help/{r.pk}/close/",
        typed=lambda r: {"note": "The carers found help themselves (typed)."},
        change_elsewhere=lambda s, r, by: support_requests.acknowledge_support_request(
            actor=by, support_request=r
        ),
        saved=lambda r: r.closed_at is not None,
        colleague="fostering_team_manager",
    ),
}


def _opened(client: Client, path: str) -> str:
    page = client.get(path).content.decode()
    return re.search(r'name="seen_version" value="(\d+)"', page).group(1)


def _page(response) -> str:
    return html.unescape(response.content.decode())


@pytest.fixture(params=list(CASES))
def case(request) -> Case:
    return CASES[request.param]


def test_a_save_from_the_version_saved_goes_through(client, scenario, case):
    record = case.record(scenario)
    client.force_login(scenario.users[case.role])
    seen = _opened(client, case.path(record))
    assert seen == str(record.version)
    response = client.post(case.path(record), {"seen_version": seen, **case.typed(record)})
    assert response.status_code == 302, _page(response)
    record.refresh_from_db()
    assert case.saved(record)


@pytest.mark.parametrize("who", ["a colleague", "the same person in another tab"])
def test_a_save_from_an_earlier_version_is_refused_showing_what_changed_and_keeping_what_was_typed(
    client, scenario, case, who
):
    record = case.record(scenario)
    user = scenario.users[case.role]
    other = user if who == "the same person in another tab" else scenario.users[case.colleague]
    client.force_login(user)
    seen = _opened(client, case.path(record))
    case.change_elsewhere(scenario, record, other)
    typed = case.typed(record)
    response = client.post(case.path(record), {"seen_version": seen, **typed})
    page = _page(response)
    assert response.status_code == 200
    assert STALE_EDIT in page
    changed = page.split('id="changed-meanwhile"')[1]
    expected = "You, in another tab or window" if other == user else other.get_full_name()
    assert expected in changed
    for value in typed.values():
        assert value in page  # what was typed is still in the form
    record.refresh_from_db()
    assert not case.saved(record)
    if case.again:
        # Having seen the changes, saving again from the page as refused goes through.
        now = re.search(r'name="seen_version" value="(\d+)"', page).group(1)
        assert now == str(record.version)
        response = client.post(case.path(record), {"seen_version": now, **typed})
        assert response.status_code == 302, _page(response)
        record.refresh_from_db()
        assert case.saved(record)


def test_a_save_with_no_version_or_a_mangled_one_is_refused_and_saves_nothing(client, scenario, case):
    record = case.record(scenario)
    client.force_login(scenario.users[case.role])
    for seen in ({}, {"seen_version": "not-a-number"}):
        response = client.post(case.path(record), {**seen, **case.typed(record)})
        assert response.status_code == 200
        assert STALE_EDIT in _page(response)
    record.refresh_from_db()
    assert not case.saved(record)
