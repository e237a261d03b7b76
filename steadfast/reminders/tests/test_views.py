"""The reminders page: a person's own reminders and escalations, newest first, naming only the
children they may still see; reading and dismissing; and the count in the navigation."""

import datetime
import re
from dataclasses import replace

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from steadfast.accounts.models import Allocation
from steadfast.reminders import services
from steadfast.reminders.models import Reminder
from steadfast.reminders.selectors import NO_LONGER_A_CHILD, NO_LONGER_A_HOUSEHOLD
from steadfast.reminders.views import ALL_READ_MESSAGE, DISMISSED_MESSAGE
from tests.queries import queries_for
from tests.scenario import STAFF_USERNAMES

from .helpers import a_supervision, a_visit

pytestmark = pytest.mark.django_db


def _today() -> datetime.date:
    return timezone.localdate()


def _raise(scenario, *items) -> list[Reminder]:
    return services.raise_reminders(work=list(items), today=_today())


def _page(client, path="/reminders/") -> str:
    response = client.get(path)
    assert response.status_code == 200
    return response.content.decode()


def _rows(page: str) -> list[str]:
    """Each reminder listed, as the words it shows."""
    items = page.split('<li class="app-reminder">')[1:]
    return [re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", item.split("</li>")[0])).strip() for item in items]


def test_the_list_shows_the_persons_reminders_newest_first_with_the_unread_marked(client, scenario):
    older = _raise(scenario, a_visit(scenario, due=_today() - datetime.timedelta(days=9)))[0]
    newer = _raise(scenario, a_visit(scenario, overdue=False))[0]
    Reminder.objects.filter(pk=older.pk).update(created_at=timezone.now() - datetime.timedelta(days=1))
    services.mark_reminder_read(actor=scenario.users["social_worker"], reminder=older)
    client.force_login(scenario.users["social_worker"])
    rows = _rows(_page(client))
    owen = scenario.children["own"].display_name
    assert len(rows) == 2
    assert rows[0].startswith("Unread Statutory visit due About " + owen)
    assert f"Raised {newer.created_at.day} " in rows[0]
    assert rows[1].startswith(f"Statutory visit overdue About {owen}")
    assert "Unread" not in rows[1] and "Mark as read" not in rows[1]


def test_the_work_links_to_where_to_act(client, scenario):
    _raise(scenario, a_visit(scenario))
    client.force_login(scenario.users["social_worker"])
    assert f'href="/children/{scenario.children["own"].pk}/">Statutory visit overdue</a>' in _page(client)


def test_an_escalation_says_whose_work_it_is(client, scenario):
    due = datetime.date(2026, 11, 2)
    services.raise_reminders(work=[a_visit(scenario, due=due)], today=datetime.date(2026, 11, 9))
    client.force_login(scenario.users["team_manager"])
    (row,) = _rows(_page(client))
    assert row.startswith("Unread Escalation Statutory visit overdue")
    assert f"Whose work {scenario.users['social_worker'].get_full_name()}" in row


def test_a_child_the_person_no_longer_works_with_is_not_named_nor_linked(client, scenario):
    _raise(scenario, a_visit(scenario))
    Allocation.objects.filter(child=scenario.children["own"], worker=scenario.users["social_worker"]).update(
        end_date=_today() - datetime.timedelta(days=1)
    )
    client.force_login(scenario.users["social_worker"])
    page = _page(client)
    (row,) = _rows(page)
    assert NO_LONGER_A_CHILD in row
    assert scenario.children["own"].legal_first_name not in page
    assert f'href="/children/{scenario.children["own"].pk}/"' not in page


def test_a_household_is_named_only_while_the_person_may_see_it(client, scenario):
    (reminder,) = _raise(scenario, a_supervision(scenario, due=_today()))
    client.force_login(scenario.users["supervising_social_worker"])
    assert "The Own household" in _rows(_page(client))[0]
    Reminder.objects.filter(pk=reminder.pk).update(household_id=scenario.households["other"].pk)
    page = _page(client)
    assert NO_LONGER_A_HOUSEHOLD in _rows(page)[0] and "The Other household" not in page


def test_someone_else_never_sees_a_persons_reminders(client, scenario):
    _raise(scenario, a_visit(scenario))
    client.force_login(scenario.users["team_colleague"])
    page = _page(client)
    assert "You have no reminders." in page and "Statutory visit" not in page


@pytest.mark.parametrize("action", ["read", "dismiss"])
def test_reading_or_dismissing_someone_elses_reminder_answers_404_and_changes_nothing(
    client, scenario, action
):
    (reminder,) = _raise(scenario, a_visit(scenario))
    client.force_login(scenario.users["team_manager"])  # their manager, even
    assert client.post(f"/reminders/{reminder.pk}/{action}/").status_code == 404
    assert client.post(f"/reminders/999999/{action}/").status_code == 404
    reminder.refresh_from_db()
    assert reminder.read_at is None and reminder.dismissed_at is None


@pytest.mark.parametrize("action", ["read", "dismiss"])
def test_reading_and_dismissing_only_take_a_post(client, scenario, action):
    (reminder,) = _raise(scenario, a_visit(scenario))
    client.force_login(scenario.users["social_worker"])
    assert client.get(f"/reminders/{reminder.pk}/{action}/").status_code == 405


def test_marking_as_read_returns_to_the_same_page_of_the_list(client, scenario):
    (reminder,) = _raise(scenario, a_visit(scenario))
    client.force_login(scenario.users["social_worker"])
    response = client.post(f"/reminders/{reminder.pk}/read/", {"page": "2"})
    assert (response.status_code, response.url) == (302, "/reminders/?page=2")
    reminder.refresh_from_db()
    assert reminder.read_at is not None


def test_marking_all_as_read_reads_only_the_persons_own_and_says_so(client, scenario):
    mine = _raise(scenario, a_visit(scenario), a_visit(scenario, due=_today() - datetime.timedelta(days=3)))
    client.force_login(scenario.users["social_worker"])
    assert "Mark all as read" in _page(client)
    theirs = Reminder.objects.create(
        recipient=scenario.users["team_colleague"],
        key="k",
        stage="due",
        kind="reminder",
        work_kind="visit_due",
        title="Someone else's",
        url="/",
        due=_today(),
    )
    response = client.post("/reminders/read/", follow=True)
    page = response.content.decode()
    assert ALL_READ_MESSAGE in page
    assert "Mark all as read" not in page and "Unread" not in page
    assert all(r.read_at is not None for r in Reminder.objects.filter(pk__in=[m.pk for m in mine]))
    theirs.refresh_from_db()
    assert theirs.read_at is None
    assert client.get("/reminders/read/").status_code == 405


def test_dismissing_takes_the_reminder_off_the_list(client, scenario):
    (reminder,) = _raise(scenario, a_visit(scenario))
    client.force_login(scenario.users["social_worker"])
    response = client.post(f"/reminders/{reminder.pk}/dismiss/", follow=True)
    page = response.content.decode()
    assert DISMISSED_MESSAGE in page and "You have no reminders." in page


def test_posting_without_the_form_token_is_refused(scenario):
    from django.test import Client

    (reminder,) = _raise(scenario, a_visit(scenario))
    client = Client(enforce_csrf_checks=True)
    client.force_login(scenario.users["social_worker"])
    assert client.post(f"/reminders/{reminder.pk}/read/").status_code == 403


def test_the_navigation_counts_the_unread_reminders(client, scenario):
    first, _ = _raise(
        scenario, a_visit(scenario), a_visit(scenario, due=_today() - datetime.timedelta(days=3))
    )
    client.force_login(scenario.users["social_worker"])
    page = _page(client, "/children/")
    assert 'Reminders (2<span class="govuk-visually-hidden"> unread</span>)' in page
    services.mark_reminder_read(actor=scenario.users["social_worker"], reminder=first)
    assert 'Reminders (1<span class="govuk-visually-hidden"> unread</span>)' in _page(client, "/children/")
    client.force_login(scenario.users["team_colleague"])
    page = _page(client, "/children/")
    assert 'href="/reminders/"' in page and "Reminders (" not in page


def test_a_page_counts_the_unread_reminders_once(client, scenario):
    _raise(scenario, a_visit(scenario))
    client.force_login(scenario.users["social_worker"])
    with CaptureQueriesContext(connection) as queries:
        _page(client, "/children/")
    counts = [q["sql"] for q in queries if 'FROM "reminders_reminder"' in q["sql"]]
    assert len(counts) == 1, counts


@pytest.mark.parametrize("username", STAFF_USERNAMES)
def test_every_member_of_staff_has_a_reminders_page(client, scenario, username):
    client.force_login(scenario.users[username])
    assert 'href="/reminders/"' in _page(client)


def test_a_foster_carer_has_no_reminders_page_nor_link(client, scenario):
    client.force_login(scenario.users["foster_carer"])
    assert client.get("/reminders/").status_code == 404
    assert "/reminders/" not in client.get("/portal/").content.decode()


def test_signed_out_the_page_asks_for_a_sign_in(client, scenario):
    response = client.get("/reminders/")
    assert response.status_code == 302 and response.url.startswith("/accounts/login/")


def test_the_list_costs_the_same_queries_for_three_reminders_as_for_twenty(client, scenario):
    client.force_login(scenario.users["social_worker"])

    def raise_some(start: int, count: int) -> None:
        for n in range(start, start + count):
            visit = replace(a_visit(scenario), key=f"visit:test:{n}")
            supervision = replace(a_supervision(scenario, due=_today()), key=f"supervision:test:{n}")
            services.raise_reminders(
                work=[visit, replace(supervision, owner_id=scenario.users["social_worker"].pk)],
                today=_today(),
            )

    raise_some(0, 2)
    few = queries_for(client, "/reminders/")
    raise_some(2, 10)
    assert queries_for(client, "/reminders/") == few
