"""Every form that changes a saved record refuses a save drawn from an earlier version of it:
the page says so, shows what changed since and who changed it (the same person in another tab
included), keeps what was typed, and saves nothing; a save from the version saved goes through.
Each case opens the page, has the record changed elsewhere through its service, then saves."""

import datetime
import html
import re
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

import pytest
from django.test import Client
from django.utils import timezone

from steadfast.accounts.models import User
from steadfast.accounts.selectors import allocation_history_of
from steadfast.accounts.services import allocate_worker, grant_access, revoke_access
from steadfast.carer_logs import services as carer_logs
from steadfast.carer_logs.tests.helpers import a_log
from steadfast.children.services import update_child_details
from steadfast.concerns import services as concerns
from steadfast.core.errors import STALE_EDIT
from steadfast.core.jinja2 import govuk_date
from steadfast.core.selectors import rows_version
from steadfast.meetings import invitations
from steadfast.meetings import services as meetings
from steadfast.meetings.models import Invitee, InviteeRole, MeetingStatus
from steadfast.meetings.selectors import ProposedInvitee, circulation_of, proposed_invitees
from steadfast.meetings.tests.helpers import (
    a_meeting_ready_to_submit,
    an_arranged_meeting,
    an_authorised_meeting,
)
from steadfast.placements import services as placements
from steadfast.support_requests import services as support_requests
from steadfast.support_requests.tests.helpers import a_request
from tests.factories import days_ago
from tests.test_nothing_lost import _child_form

pytestmark = pytest.mark.django_db


def _day(day) -> str:
    return f"{day.day} {day:%B %Y}"


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
    # Something of the change made elsewhere that the refused page lists.
    shows_changed: str
    saved: Callable[[Any], bool]
    colleague: str
    # Whether the form's change can still be made once the other change has been seen.
    again: bool = True
    # The page the form is on, where it is not the path it posts to.
    page: Callable[[Any], str] | None = None
    # What the refusal says: a meeting's items have their own words.
    message: str = STALE_EDIT
    # The version the form carries: the record's own, or that of the set of rows it changes as
    # a whole (`core.selectors.rows_version`), and how far one save moves it on.
    version: Callable[[Any], int] = lambda record: record.version
    moved_by_one_save: int = 1


def _own_placement(s):
    return s.children["own"].placements.get()


def _a_plan_to_decide(s):
    meeting = a_meeting_ready_to_submit(s)
    return meetings.submit_stability_plan(actor=s.users["senior_practitioner"], meeting=meeting)


def _moved(s, meeting, by):
    meetings.rearrange_stability_meeting(
        actor=by,
        meeting=meeting,
        seen_version=meeting.version,
        scheduled_at=timezone.now() + datetime.timedelta(days=3),
        venue="Room 9 (elsewhere)",
    )


def _a_review_meeting(s):
    """A review, held an hour ago, of an authorised meeting of a month ago, and its action."""
    first = an_authorised_meeting(s, when=timezone.now() - datetime.timedelta(days=30))
    chair = s.users["senior_practitioner"]
    review = meetings.arrange_stability_meeting(
        actor=chair,
        child=first.child,
        kind="placement_stability",
        reviews=first,
        scheduled_at=timezone.now() - datetime.timedelta(hours=1),
        venue="Call",
        chair=chair,
        invitees=proposed_invitees(first.child, first.household),
    )
    return review, first.actions.get()


def _an_action_reviewed(s):
    review, action = _a_review_meeting(s)
    return meetings.review_stability_action(
        actor=s.users["senior_practitioner"],
        meeting=review,
        action=action,
        progress="not_done",
        evidence="Not yet (first said).",
    )


def _reviewed_again(s, action_review, by):
    meetings.review_stability_action(
        actor=by,
        meeting=action_review.meeting,
        action=action_review.action,
        progress="partly_done",
        evidence="One weekend so far (elsewhere).",
    )


def _future_meeting(s):
    return an_arranged_meeting(s, when=timezone.now() + datetime.timedelta(days=2))


def _views(text: str) -> dict[str, str]:
    return {"worries": text, "working_well": "School mornings are calm (typed).", "needs_to_happen": ""}


def _views_given(s, invitee, by):
    meetings.record_views(
        actor=by,
        invitee=invitee,
        worries="Nights are hard (elsewhere).",
        working_well="",
        needs_to_happen="",
        support_offered="",
        seen_version=invitee.version,
    )


def _allocated_elsewhere(s, child, by):
    allocate_worker(
        actor=by,
        child=child,
        worker=s.users["placement_support_worker"],
        role="placement_support",
        start_date=days_ago(2),
    )


def _carer_of(meeting) -> Invitee:
    return meeting.invitees.get(role=InviteeRole.CARER)


def _circulated_elsewhere(s, meeting, by):
    meetings.record_minutes_circulation(
        actor=by, meeting=meeting, recipients=[_carer_of(meeting)], sent_on=days_ago(2), sent_by="post"
    )


def _a_concern(s):
    return concerns.raise_stability_concern(
        actor=s.users["social_worker"],
        child=s.children["own"],
        urgency="breakdown_imminent",
        factors=["missing"],
        what_is_happening="Missing overnight twice (test).",
        raised_by="social_worker",
    )


CASES = {
    "changing a child's details": Case(
        role="social_worker",
        record=lambda s: s.children["own"],
        path=lambda c: f"/children/{c.pk}/edit/",
        typed=lambda c: {k: str(v) for k, v in _child_form(c, school="Typed Academy").items()},
        change_elsewhere=lambda s, c, by: update_child_details(
            actor=by, child=c, seen_version=c.version, changes={"school": "Elsewhere High"}
        ),
        shows_changed="Elsewhere High",
        saved=lambda c: c.school == "Typed Academy",
        colleague="team_manager",
    ),
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
        shows_changed=_day(days_ago(2)),
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
        shows_changed=_day(days_ago(5)),
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
        shows_changed="Looking for a respite carer (elsewhere).",
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
        shows_changed="Acknowledged",
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
        shows_changed="Acknowledged",
        saved=lambda r: r.closed_at is not None,
        colleague="fostering_team_manager",
    ),
    "deciding what happens after a concern": Case(
        role="team_manager",
        record=_a_concern,
        path=lambda c: f"/concerns/{c.pk}/triage/",
        typed=lambda c: {
            "response": "meeting",
            "meeting_kind": "placement_stability",
            "reason": "The network needs to meet (typed).",
            "interim_support": "",
        },
        change_elsewhere=lambda s, c, by: concerns.triage_stability_concern(
            actor=by, concern=c, response="supervisory_visit", reason="A visit is enough (elsewhere)."
        ),
        shows_changed="A visit is enough (elsewhere).",
        saved=lambda c: c.response_reason == "The network needs to meet (typed).",
        colleague="assistant_team_manager",
        again=False,
    ),
    "reviewing a carer's log": Case(
        role="supervising_social_worker",
        record=lambda s: a_log(s, days_ago=2),
        page=lambda log: f"/logs/{log.pk}/",
        path=lambda log: f"/logs/{log.pk}/review/",
        typed=lambda log: {
            "comment": "Rang the carer; respite booked (typed).",
            "discussed_with_carer_on-day": "",
        },
        change_elsewhere=lambda s, log, by: carer_logs.review_carer_log(
            actor=by, log=log, comment="Seen (elsewhere).", discussed_with_carer_on=None
        ),
        shows_changed="Seen (elsewhere).",
        saved=lambda log: log.review_comment == "Rang the carer; respite booked (typed).",
        colleague="fostering_team_manager",
        again=False,
    ),
    "authorising or returning a plan": Case(
        role="team_manager",
        record=_a_plan_to_decide,
        path=lambda m: f"/meetings/{m.pk}/authorise/",
        typed=lambda m: {"decision": "return", "comments": "Add the carers' views (typed)."},
        change_elsewhere=lambda s, m, by: meetings.return_stability_plan(
            actor=by, meeting=m, comments="The scores need evidence (elsewhere)."
        ),
        shows_changed="The scores need evidence (elsewhere).",
        saved=lambda m: m.return_comments == "Add the carers' views (typed).",
        colleague="fostering_team_manager",
        again=False,
    ),
    "reopening an authorised record": Case(
        role="team_manager",
        record=lambda s: an_authorised_meeting(s),
        path=lambda m: f"/meetings/{m.pk}/reopen/",
        typed=lambda m: {"reason": "The review date was typed wrongly (typed)."},
        change_elsewhere=lambda s, m, by: meetings.reopen_stability_meeting(
            actor=by, meeting=m, reason="A score was recorded against the wrong person (elsewhere)."
        ),
        shows_changed="A score was recorded against the wrong person (elsewhere).",
        saved=lambda m: m.correction_reason == "The review date was typed wrongly (typed).",
        colleague="fostering_team_manager",
        again=False,
    ),
    "reviewing an action at a review meeting": Case(
        role="senior_practitioner",
        record=_an_action_reviewed,
        path=lambda r: f"/meetings/{r.meeting_id}/actions/{r.action_id}/review/",
        typed=lambda r: {"progress": "done", "evidence": "Both weekends happened (typed)."},
        change_elsewhere=_reviewed_again,
        shows_changed="One weekend so far (elsewhere).",
        saved=lambda r: r.evidence == "Both weekends happened (typed).",
        colleague="team_manager",
        message=meetings.RECORD_ITEM_STALE,
    ),
    "recording someone's views before a meeting": Case(
        role="social_worker",
        record=lambda s: _future_meeting(s).invitees.get(role="iro"),
        path=lambda i: f"/meetings/{i.meeting_id}/views/{i.pk}/",
        typed=lambda i: _views("Contact has stopped (typed)."),
        change_elsewhere=_views_given,
        shows_changed="Nights are hard (elsewhere).",
        saved=lambda i: i.worries == "Contact has stopped (typed).",
        colleague="team_manager",
    ),
    "a carer giving their views in the portal": Case(
        role="foster_carer",
        record=lambda s: _future_meeting(s).invitees.get(user=s.users["foster_carer"]),
        path=lambda i: f"/portal/meetings/{i.meeting_id}/views/",
        typed=lambda i: _views("Evenings are hard (typed)."),
        change_elsewhere=_views_given,
        shows_changed="Nights are hard (elsewhere).",
        # The social worker recording the carer's views on their behalf.
        colleague="social_worker",
        saved=lambda i: i.worries == "Evenings are hard (typed).",
    ),
    "allocating a worker to a child": Case(
        role="team_manager",
        record=lambda s: s.children["own"],
        path=lambda c: f"/children/{c.pk}/allocate/",
        typed=lambda c: {
            "role": "iro",
            "worker": str(User.objects.get(username="iro_colleague").pk),
            **_date("start_date", days_ago(1)),
        },
        change_elsewhere=_allocated_elsewhere,
        shows_changed="Placement support worker",
        saved=lambda c: c.allocations.filter(
            role="iro", worker__username="iro_colleague", end_date__isnull=True
        ).exists(),
        colleague="assistant_team_manager",
        version=lambda c: rows_version(allocation_history_of(c)),
        # The IRO allocated before ends, and the new one begins.
        moved_by_one_save=2,
    ),
    "recording who received the minutes": Case(
        role="social_worker",
        record=lambda s: an_authorised_meeting(s),
        path=lambda m: f"/meetings/{m.pk}/circulation/",
        typed=lambda m: {
            "recipients": str(_carer_of(m).pk),
            **_date("sent_on", days_ago(1)),
            "sent_by": "email",
        },
        change_elsewhere=_circulated_elsewhere,
        shows_changed=_day(days_ago(2)),
        saved=lambda m: m.circulation.filter(sent_on=days_ago(1)).exists(),
        colleague="team_manager",
        version=lambda m: rows_version(circulation_of(m)),
    ),
    "cancelling a meeting": Case(
        role="social_worker",
        record=lambda s: an_arranged_meeting(s),
        path=lambda m: f"/meetings/{m.pk}/cancel/",
        typed=lambda m: {"reason": "The child is on holiday (typed)."},
        change_elsewhere=_moved,
        shows_changed="Room 9 (elsewhere)",
        saved=lambda m: m.status == MeetingStatus.CANCELLED,
        colleague="team_manager",
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
    seen = _opened(client, (case.page or case.path)(record))
    assert seen == str(case.version(record))
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
    seen = _opened(client, (case.page or case.path)(record))
    case.change_elsewhere(scenario, record, other)
    typed = case.typed(record)
    response = client.post(case.path(record), {"seen_version": seen, **typed})
    page = _page(response)
    assert response.status_code == 200
    assert case.message in page
    changed = page.split('id="changed-meanwhile"')[1]
    expected = "You, in another tab or window" if other == user else other.get_full_name()
    assert expected in changed
    assert case.shows_changed in changed
    for value in typed.values():
        assert value in page  # what was typed is still in the form
    record.refresh_from_db()
    assert not case.saved(record)
    if case.again:
        # Having seen the changes, saving again from the page as refused goes through.
        now = re.search(r'name="seen_version" value="(\d+)"', page).group(1)
        assert now == str(case.version(record))
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


def test_the_same_form_sent_twice_is_answered_as_already_sent_not_as_stale(scenario, case):
    """A double click, or going back and sending again, sends the very same form: the
    fingerprint of ADR 0022 answers the second as already sent, before any version is
    compared, and the change is made once."""
    record = case.record(scenario)
    client = Client(enforce_csrf_checks=True)
    client.force_login(scenario.users[case.role])
    page = client.get((case.page or case.path)(record)).content.decode()
    sent = {
        "csrfmiddlewaretoken": re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', page).group(1),
        "seen_version": re.search(r'name="seen_version" value="(\d+)"', page).group(1),
        **case.typed(record),
    }
    first = client.post(case.path(record), sent)
    assert first.status_code == 302, _page(first)
    again = client.post(case.path(record), sent)
    assert again.status_code == 303 and again.url == first.url
    record.refresh_from_db()
    assert case.saved(record)
    assert case.version(record) == int(sent["seen_version"]) + case.moved_by_one_save  # changed once


def test_a_review_of_an_action_recorded_meanwhile_is_shown_and_not_replaced(client, scenario):
    review, action = _a_review_meeting(scenario)
    path = f"/meetings/{review.pk}/actions/{action.pk}/review/"
    client.force_login(scenario.users["senior_practitioner"])
    assert _opened(client, path) == "0"  # no review yet when the page was drawn
    meetings.review_stability_action(
        actor=scenario.users["team_manager"],
        meeting=review,
        action=action,
        progress="partly_done",
        evidence="One weekend so far (elsewhere).",
    )
    typed = {"progress": "done", "evidence": "Both weekends happened (typed)."}
    page = _page(client.post(path, {"seen_version": "0", **typed}))
    assert meetings.RECORD_ITEM_STALE in page
    changed = page.split('id="changed-meanwhile"')[1]
    assert scenario.users["team_manager"].get_full_name() in changed
    assert "One weekend so far (elsewhere)." in changed and "Partly done" in changed
    assert "Both weekends happened (typed)." in page
    assert review.action_reviews.get().evidence == "One weekend so far (elsewhere)."


# Someone outside the council gives their views through the link emailed to them, once they
# have entered the code that came with it. Nobody signs in, so every change made through a link
# is listed as made by "Someone".


def _an_outsiders_link(s):
    invitee = meetings.add_invitee(
        actor=s.users["social_worker"],
        meeting=_future_meeting(s),
        invitee=ProposedInvitee(name="Val Teacher", role=InviteeRole.VIRTUAL_SCHOOL, group="views_sought"),
    )
    link = invitations.issue_views_link(actor=None, invitee=invitee)
    return Invitee.objects.get(pk=invitee.pk), f"/meetings/views/{link.token}/", link


def _unlocked(link) -> Client:
    client = Client()
    path = f"/meetings/views/{link.token}/"
    assert client.post(path, {"code": link.spoken_code}).status_code == 302
    return client


def test_views_sent_through_the_link_from_the_version_saved_go_through(scenario):
    invitee, path, link = _an_outsiders_link(scenario)
    client = _unlocked(link)
    seen = _opened(client, path)
    assert seen == str(invitee.version)
    page = _page(client.post(path, {"seen_version": seen, **_views("Attendance has fallen (typed).")}))
    assert "Views sent" in page
    invitee.refresh_from_db()
    assert invitee.worries == "Attendance has fallen (typed)." and invitee.views_recorded_by is None


@pytest.mark.parametrize(
    "who", ["someone else with the code", "the same person in another tab", "the office"]
)
def test_views_sent_through_the_link_from_an_earlier_version_are_refused_keeping_what_was_typed(
    scenario, who
):
    invitee, path, link = _an_outsiders_link(scenario)
    client = _unlocked(link)
    seen = _opened(client, path)
    elsewhere = "Attendance is back to 90% (elsewhere)."
    if who == "the office":
        _views_given(scenario, invitee, scenario.users["social_worker"])
        elsewhere, by = "Nights are hard (elsewhere).", scenario.users["social_worker"].get_full_name()
    else:
        other = client if who == "the same person in another tab" else _unlocked(link)
        other_seen = _opened(other, path)
        assert other.post(path, {"seen_version": other_seen, "worries": elsewhere}).status_code == 200
        by = "Someone"
    typed = _views("Attendance has fallen (typed).")
    response = client.post(path, {"seen_version": seen, **typed})
    page = _page(response)
    assert response.status_code == 200 and STALE_EDIT in page and "Views sent" not in page
    changed = page.split('id="changed-meanwhile"')[1].split("<form")[0]
    assert by in changed and elsewhere in changed
    # Only the views are listed, never the link's own bookkeeping on the same row.
    assert "hash" not in changed.lower() and "failures" not in changed.lower()
    for value in typed.values():
        assert f">{value}</textarea>" in page or not value  # what was typed is still in the form
    invitee.refresh_from_db()
    assert invitee.worries == elsewhere
    # Having seen the change, sending again from the page as refused goes through.
    now = re.search(r'name="seen_version" value="(\d+)"', page).group(1)
    assert now == str(invitee.version)
    assert "Views sent" in _page(client.post(path, {"seen_version": now, **typed}))
    invitee.refresh_from_db()
    assert invitee.worries == "Attendance has fallen (typed)."


def test_views_sent_through_the_link_with_no_version_or_a_mangled_one_are_refused(scenario):
    invitee, path, link = _an_outsiders_link(scenario)
    client = _unlocked(link)
    typed = _views("Attendance has fallen (typed).")
    for seen in ({}, {"seen_version": "not-a-number"}, {"seen_version": "-1"}):
        response = client.post(path, {**seen, **typed})
        page = _page(response)
        assert response.status_code == 200 and STALE_EDIT in page
        assert "Attendance has fallen (typed).</textarea>" in page
    invitee.refresh_from_db()
    assert invitee.worries == "" and not invitee.has_views


def test_views_sent_twice_through_the_link_are_saved_once_and_the_second_says_they_were_already_sent(
    scenario,
):
    """The link answers with a page, not a redirect, so the fingerprint does not catch the same
    form sent twice: the second finds the views it carries already saved, and says so plainly,
    with when, rather than that they were not saved."""
    invitee, path, link = _an_outsiders_link(scenario)
    client = Client(enforce_csrf_checks=True)
    token = re.compile(r'name="csrfmiddlewaretoken" value="([^"]+)"')
    code_page = client.get(path).content.decode()
    unlock = {"csrfmiddlewaretoken": token.search(code_page).group(1), "code": link.spoken_code}
    assert client.post(path, unlock).status_code == 302
    page = client.get(path).content.decode()
    sent = {
        "csrfmiddlewaretoken": token.search(page).group(1),
        "seen_version": re.search(r'name="seen_version" value="(\d+)"', page).group(1),
        **_views("Attendance has fallen (typed)."),
    }
    assert "Views sent" in _page(client.post(path, sent))
    invitee.refresh_from_db()
    again = client.post(path, sent)
    page = _page(again)
    assert again.status_code == 200 and STALE_EDIT not in page
    assert "These views were already sent, on " in page and "nothing has been lost" in page
    assert govuk_date(invitee.views_recorded_at) in page
    invitee.refresh_from_db()
    assert invitee.worries == "Attendance has fallen (typed)."
    assert invitee.history.filter(version__gt=int(sent["seen_version"])).count() == 1


def test_different_views_sent_through_the_link_after_the_first_are_still_refused_as_stale(scenario):
    _, path, link = _an_outsiders_link(scenario)
    client = _unlocked(link)
    seen = _opened(client, path)
    assert "Views sent" in _page(client.post(path, {"seen_version": seen, **_views("First (typed).")}))
    page = _page(client.post(path, {"seen_version": seen, **_views("Second thoughts (typed).")}))
    assert STALE_EDIT in page and "already sent" not in page
    assert "Second thoughts (typed).</textarea>" in page


# Revoking a grant is a button with nothing typed, beside the grant on the record's page: the
# change made elsewhere is the very change the button makes, so a refusal says who revoked it
# and when, and revokes nothing a second time.


def _a_named_grant(s):
    return grant_access(
        actor=s.users["team_manager"],
        user=s.users["team_colleague"],
        child=s.children["own"],
        reason="Covering while the social worker is away (test).",
    )


def _revoke_path(grant) -> str:
    return f"/children/{grant.child_id}/grants/{grant.pk}/revoke/"


def test_revoking_a_grant_from_the_version_shown_goes_through(client, scenario):
    grant = _a_named_grant(scenario)
    client.force_login(scenario.users["team_manager"])
    seen = _opened(client, f"/children/{grant.child_id}/")
    assert seen == str(grant.version)
    response = client.post(_revoke_path(grant), {"seen_version": seen})
    assert response.status_code == 302
    grant.refresh_from_db()
    assert grant.revoked_at is not None and grant.updated_by == scenario.users["team_manager"]


@pytest.mark.parametrize("who", ["a colleague", "the same person in another tab"])
def test_revoking_a_grant_revoked_meanwhile_says_who_revoked_it_and_when_and_revokes_nothing(
    client, scenario, who
):
    grant = _a_named_grant(scenario)
    user = scenario.users["team_manager"]
    other = user if who == "the same person in another tab" else scenario.users["assistant_team_manager"]
    client.force_login(user)
    seen = _opened(client, f"/children/{grant.child_id}/")
    revoke_access(actor=other, grant=grant, seen_version=int(seen))
    response = client.post(_revoke_path(grant), {"seen_version": seen})
    page = _page(response)
    assert response.status_code == 200 and STALE_EDIT in page
    changed = page.split('id="changed-meanwhile"')[1]
    expected = "You, in another tab or window" if other == user else other.get_full_name()
    assert expected in changed and "Revoked at" in changed and _day(timezone.localdate()) in changed
    assert "nothing more needs doing" in page
    grant.refresh_from_db()
    assert grant.updated_by == other and grant.history.count() == 2  # added, and revoked once


def test_revoking_a_grant_with_no_version_or_a_mangled_one_is_refused_and_revokes_nothing(client, scenario):
    grant = _a_named_grant(scenario)
    client.force_login(scenario.users["team_manager"])
    for seen in ({}, {"seen_version": "not-a-number"}):
        response = client.post(_revoke_path(grant), seen)
        assert response.status_code == 200 and STALE_EDIT in _page(response)
    grant.refresh_from_db()
    assert grant.revoked_at is None


def test_the_same_revoke_sent_twice_is_answered_as_already_sent(scenario):
    grant = _a_named_grant(scenario)
    client = Client(enforce_csrf_checks=True)
    client.force_login(scenario.users["team_manager"])
    page = client.get(f"/children/{grant.child_id}/").content.decode()
    sent = {
        "csrfmiddlewaretoken": re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', page).group(1),
        "seen_version": re.search(r'name="seen_version" value="(\d+)"', page).group(1),
    }
    first = client.post(_revoke_path(grant), sent)
    assert first.status_code == 302
    again = client.post(_revoke_path(grant), sent)
    assert again.status_code == 303 and again.url == first.url
    grant.refresh_from_db()
    assert grant.revoked_at is not None and grant.history.count() == 2


def test_a_revoked_grant_of_another_record_is_not_found(client, scenario):
    grant = _a_named_grant(scenario)
    client.force_login(scenario.users["team_manager"])
    other_child = scenario.children["other"]
    response = client.post(
        f"/children/{other_child.pk}/grants/{grant.pk}/revoke/", {"seen_version": str(grant.version)}
    )
    assert response.status_code == 404
