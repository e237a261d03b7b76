"""Team oversight: the dashboard and its lists, who may see them, what they hold, the filters,
the downloads and what they cost."""

import csv
import dataclasses
import datetime
import html
import io

import pytest
from django.utils import timezone
from openpyxl import load_workbook

from steadfast.accounts.models import AllocationRole, TeamKind
from steadfast.audit.models import AuditEvent
from steadfast.children.selectors import child_list_for
from steadfast.concerns.models import MeetingKind
from steadfast.core import exports
from steadfast.households.models import Household
from steadfast.meetings.models import ChairRole, MeetingStatus, StabilityMeeting
from steadfast.my_work.work import WorkItem
from steadfast.oversight import selectors
from steadfast.oversight.forms import TEAM_NOT_IN_LINE, WORKER_NOT_IN_LINE
from steadfast.oversight.views import OVERSIGHT_LIST_EXPORTED, PLACEMENT_HEADERS, WORK_HEADERS
from steadfast.placements.rules import twelve_months_before
from steadfast.signals.tests.helpers import raise_concern
from tests.factories import (
    AccessGrantFactory,
    AllocationFactory,
    ChildFactory,
    HouseholdAllocationFactory,
    HouseholdFactory,
    HouseholdMemberFactory,
    PlacementFactory,
    TeamFactory,
    UserFactory,
    days_ago,
)
from tests.queries import queries_for
from tests.scenario import STAFF_USERNAMES

pytestmark = pytest.mark.django_db

INDEX = "/oversight/"
TWO = "/oversight/two-or-more-placements/"
THREE = "/oversight/three-or-more-placements/"
MANAGERS = (
    "team_manager",
    "other_team_manager",
    "assistant_team_manager",
    "senior_practitioner",
    "fostering_team_manager",
)


def a_child_who_moved(
    scenario, *starts: datetime.date, worker: str = "social_worker", name: str = "Testmover"
):
    """A child allocated to `worker`, who lived in one placement after another from each of
    `starts` (each ending the day the next began), and lives in the last now."""
    child = ChildFactory(legal_first_name=name)
    AllocationFactory(child=child, worker=scenario.users[worker], role=AllocationRole.SOCIAL_WORKER)
    ordered = sorted(starts)
    for start, end in zip(ordered, [*ordered[1:], None], strict=True):
        if end is None:
            PlacementFactory(
                child=child, start_date=start, household=HouseholdFactory(name=f"The {name} home")
            )
        else:
            PlacementFactory(child=child, start_date=start, end_date=end, ended=True)
    return child


def a_meeting(scenario, child, day: datetime.date, status: str = MeetingStatus.DRAFT) -> StabilityMeeting:
    return StabilityMeeting.objects.create(
        child=child,
        kind=MeetingKind.PLACEMENT_STABILITY,
        status=status,
        scheduled_at=timezone.make_aware(datetime.datetime.combine(day, datetime.time(10))),
        venue="Family room (test)",
        chair=scenario.users["team_manager"],
        chair_role=ChairRole.TEAM_MANAGER,
    )


def rows_of(user, at_least: int, **filters) -> dict[str, object]:
    return {
        c.legal_first_name: c for c in selectors.children_with_placements(user, at_least=at_least, **filters)
    }


def considered(user, name: str) -> str:
    return selectors.stability_considered(rows_of(user, 2)[name]).text


def csv_rows(response) -> list[list[str]]:
    """The download's header and rows, below the protective marking on its first line."""
    marking, *rows = csv.reader(io.StringIO(response.content.decode("utf-8-sig")))
    assert marking == ["OFFICIAL-SENSITIVE"]
    return rows


# Who sees which children on the placement lists -----------------------------------------------


def test_a_child_with_two_placements_is_on_the_two_list_and_not_the_three(scenario):
    a_child_who_moved(scenario, days_ago(800), days_ago(100), name="Twomoves")
    a_child_who_moved(scenario, days_ago(300), days_ago(200), days_ago(50), name="Threemoves")
    a_child_who_moved(scenario, days_ago(800), name="Settled")
    manager = scenario.users["team_manager"]

    assert set(rows_of(manager, 2)) == {"Twomoves", "Threemoves"}
    assert set(rows_of(manager, 3)) == {"Threemoves"}
    assert rows_of(manager, 2)["Twomoves"].second_move == days_ago(100)
    assert rows_of(manager, 3)["Threemoves"].second_move == days_ago(200)
    assert selectors.placement_list_counts(manager) == {2: 2, 3: 1}


def test_the_lists_count_placements_as_the_children_list_does(scenario):
    for n in range(3):
        a_child_who_moved(scenario, days_ago(900 - n), days_ago(30 + n), name=f"Moved{n}")
    a_child_who_moved(scenario, days_ago(400), days_ago(200), days_ago(20), name="Thrice")
    manager = scenario.users["team_manager"]
    for at_least in (2, 3):
        listed = set(
            child_list_for(manager, min_placements_last_12_months=at_least).values_list("pk", flat=True)
        )
        assert {c.pk for c in rows_of(manager, at_least).values()} == listed
        assert selectors.placement_list_counts(manager)[at_least] == len(listed)


def test_a_placement_that_ended_a_year_ago_today_still_counts_and_one_that_ended_the_day_before_does_not(
    scenario,
):
    today = timezone.localdate()
    year_ago = twelve_months_before(today)
    a_child_who_moved(scenario, year_ago - datetime.timedelta(days=300), year_ago, name="Boundary")
    a_child_who_moved(
        scenario,
        year_ago - datetime.timedelta(days=300),
        year_ago - datetime.timedelta(days=1),
        name="Outside",
    )
    rows = rows_of(scenario.users["team_manager"], 2)
    assert "Boundary" in rows
    assert rows["Boundary"].placements_last_12_months == 2
    assert "Outside" not in rows


def test_a_manager_never_sees_children_outside_their_line(scenario):
    a_child_who_moved(
        scenario, days_ago(300), days_ago(200), days_ago(50), worker="other_social_worker", name="South"
    )
    a_child_who_moved(scenario, days_ago(300), days_ago(200), days_ago(50), name="North")
    assert set(rows_of(scenario.users["team_manager"], 3)) == {"North"}
    assert set(rows_of(scenario.users["other_team_manager"], 3)) == {"South"}
    assert selectors.placement_list_counts(scenario.users["team_manager"]) == {2: 1, 3: 1}


def test_a_restricted_child_stays_off_the_lists_of_a_manager_not_granted_them(scenario):
    restricted = a_child_who_moved(scenario, days_ago(300), days_ago(50), name="Hidden")
    restricted.restricted = True
    restricted.save(update_fields=["restricted"])
    assert "Hidden" not in rows_of(scenario.users["team_manager"], 2)
    assert selectors.placement_list_counts(scenario.users["team_manager"])[2] == 0


# Whether stability has been considered since the second move -----------------------------------


def test_with_no_meeting_since_the_second_move_stability_has_not_been_considered(scenario):
    child = a_child_who_moved(scenario, days_ago(800), days_ago(100), name="Notyet")
    a_meeting(scenario, child, days_ago(101))  # the day before the move
    assert considered(scenario.users["team_manager"], "Notyet") == "No"


def test_a_meeting_held_on_or_after_the_second_move_counts(scenario):
    child = a_child_who_moved(scenario, days_ago(800), days_ago(100), name="Held")
    a_meeting(scenario, child, days_ago(100), status=MeetingStatus.AWAITING_AUTHORISATION)
    row = rows_of(scenario.users["team_manager"], 2)["Held"]
    result = selectors.stability_considered(row)
    day = days_ago(100)
    assert result.text == f"Yes \N{EM DASH} meeting held on {day.day} {day:%B %Y}"
    assert result.meeting_id == child.meetings.get().pk


def test_a_meeting_planned_since_the_second_move_counts_as_planned(scenario):
    child = a_child_who_moved(scenario, days_ago(800), days_ago(100), name="Planned")
    later = timezone.localdate() + datetime.timedelta(days=7)
    a_meeting(scenario, child, later, status=MeetingStatus.PLANNED)
    assert considered(scenario.users["team_manager"], "Planned") == (
        f"Yes \N{EM DASH} meeting planned for {later.day} {later:%B %Y}"
    )


def test_a_meeting_whose_day_has_passed_with_no_record_begun_is_still_planned(scenario):
    child = a_child_who_moved(scenario, days_ago(800), days_ago(100), name="Unwritten")
    a_meeting(scenario, child, days_ago(3), status=MeetingStatus.PLANNED)
    assert considered(scenario.users["team_manager"], "Unwritten").startswith(
        "Yes \N{EM DASH} meeting planned for"
    )


def test_a_meeting_held_answers_before_one_planned(scenario):
    child = a_child_who_moved(scenario, days_ago(800), days_ago(100), name="Both")
    a_meeting(scenario, child, days_ago(40))
    a_meeting(
        scenario, child, timezone.localdate() + datetime.timedelta(days=20), status=MeetingStatus.PLANNED
    )
    assert considered(scenario.users["team_manager"], "Both").startswith("Yes \N{EM DASH} meeting held on")


def test_the_second_move_is_the_start_of_the_second_placement_counted_in_the_year(scenario):
    # Four placements: the first ended more than a year ago, so the second move in the year is
    # the start of the third placement ever.
    child = a_child_who_moved(
        scenario, days_ago(900), days_ago(500), days_ago(200), days_ago(60), name="Four"
    )
    a_meeting(scenario, child, days_ago(300))  # after the move into the second, before the third
    row = rows_of(scenario.users["team_manager"], 2)["Four"]
    assert row.placements_last_12_months == 3
    assert row.second_move == days_ago(200)
    assert selectors.stability_considered(row).text == "No"


def test_children_not_considered_come_first_then_the_longest_since_the_move(scenario):
    done = a_child_who_moved(scenario, days_ago(800), days_ago(300), name="Considered")
    a_meeting(scenario, done, days_ago(200))
    a_child_who_moved(scenario, days_ago(800), days_ago(30), name="Recent")
    a_child_who_moved(scenario, days_ago(800), days_ago(90), name="Earlier")
    assert list(rows_of(scenario.users["team_manager"], 2)) == ["Earlier", "Recent", "Considered"]


def test_each_row_names_the_social_worker_their_team_and_the_current_home(scenario):
    a_child_who_moved(scenario, days_ago(800), days_ago(30), name="Named")
    row = rows_of(scenario.users["team_manager"], 2)["Named"]
    worker = scenario.users["social_worker"]
    assert row.social_worker_name == worker.get_full_name()
    assert row.team_name == "Test North"
    assert row.current_home == "The Named home"


def test_a_restricted_household_is_named_only_to_those_who_may_see_it(scenario):
    child = a_child_who_moved(scenario, days_ago(800), days_ago(30), name="Guarded")
    home = child.placements.get(end_date__isnull=True).household
    home.restricted = True
    home.save(update_fields=["restricted"])
    assert rows_of(scenario.users["team_manager"], 2)["Guarded"].current_home == selectors.RESTRICTED_HOME
    AccessGrantFactory(user=scenario.users["team_manager"], child=None, household=home)
    assert rows_of(scenario.users["team_manager"], 2)["Guarded"].current_home == "The Guarded home"


# Filters -----------------------------------------------------------------------------------------


def test_the_filters_offer_only_the_teams_and_workers_in_the_managers_line(scenario):
    manager = scenario.users["team_manager"]
    assert [t.name for t in selectors.teams_in_line(manager)] == ["Test North"]
    workers = set(selectors.workers_in_line(manager).values_list("username", flat=True))
    assert workers == {
        "team_manager",
        "social_worker",
        "team_colleague",
        "assistant_team_manager",
        "senior_practitioner",
    }
    fostering = set(
        selectors.workers_in_line(scenario.users["fostering_team_manager"]).values_list("username", flat=True)
    )
    assert fostering == {"fostering_team_manager", "supervising_social_worker"}


def test_filtering_by_worker_keeps_only_their_children(scenario, client):
    a_child_who_moved(scenario, days_ago(800), days_ago(30), name="Mine")
    a_child_who_moved(scenario, days_ago(800), days_ago(30), worker="team_colleague", name="Theirs")
    manager = scenario.users["team_manager"]
    colleague = scenario.users["team_colleague"]
    assert set(rows_of(manager, 2, worker_id=colleague.pk)) == {"Theirs"}
    assert selectors.placement_list_counts(manager, worker_id=colleague.pk) == {2: 1, 3: 0}

    client.force_login(manager)
    page = client.get(TWO, {"worker": colleague.pk}).content.decode()
    assert "Theirs" in page and "Mine" not in page


def test_filtering_by_team_keeps_children_whose_workers_are_in_it(scenario):
    a_child_who_moved(scenario, days_ago(800), days_ago(30), name="Northern")
    elsewhere = TeamFactory(name="Test Elsewhere", kind=TeamKind.CHILDRENS_SOCIAL_WORK)
    elsewhere_worker = UserFactory(team=elsewhere, line_manager=scenario.users["team_manager"])
    a_child = a_child_who_moved(scenario, days_ago(800), days_ago(30), name="Elsewhere")
    a_child.allocations.update(worker=elsewhere_worker)
    manager = scenario.users["team_manager"]
    assert {t.name for t in selectors.teams_in_line(manager)} == {"Test North", "Test Elsewhere"}
    assert set(rows_of(manager, 2, team_id=elsewhere.pk)) == {"Elsewhere"}
    assert set(rows_of(manager, 2)) == {"Northern", "Elsewhere"}


def test_a_fostering_manager_filters_by_a_supervising_social_worker(scenario):
    child = a_child_who_moved(scenario, days_ago(800), days_ago(30), name="Fostered")
    home = child.placements.get(end_date__isnull=True).household
    HouseholdAllocationFactory(household=home, worker=scenario.users["supervising_social_worker"])
    manager = scenario.users["fostering_team_manager"]
    ssw = scenario.users["supervising_social_worker"]
    assert set(rows_of(manager, 2, worker_id=ssw.pk)) == {"Fostered"}
    assert set(rows_of(manager, 2, worker_id=manager.pk)) == set()


def test_a_team_or_worker_outside_the_line_is_refused_with_a_message_and_shows_nothing_of_theirs(
    scenario, client
):
    a_child_who_moved(scenario, days_ago(800), days_ago(30), worker="other_social_worker", name="South")
    a_child_who_moved(scenario, days_ago(800), days_ago(30), name="North")
    client.force_login(scenario.users["team_manager"])
    south_team = scenario.users["other_social_worker"].team
    for path in (INDEX, TWO):
        response = client.get(
            path, {"team": south_team.pk, "worker": scenario.users["other_social_worker"].pk}
        )
        page = response.content.decode()
        assert response.status_code == 200
        assert TEAM_NOT_IN_LINE in page and WORKER_NOT_IN_LINE in page
        assert "South" not in page
    assert "Test South" not in client.get(INDEX).content.decode()


# Access --------------------------------------------------------------------------------------------


@pytest.mark.parametrize("username", STAFF_USERNAMES)
def test_only_managers_may_open_oversight_and_everyone_else_gets_404(scenario, client, username):
    client.force_login(scenario.users[username])
    expected = 200 if username in MANAGERS else 404
    for path in (INDEX, TWO, THREE, f"{TWO}?format=csv", "/oversight/visits-overdue/"):
        assert client.get(path).status_code == expected, path


def test_a_foster_carer_gets_404(scenario, client):
    client.force_login(scenario.users["foster_carer"])
    for path in (INDEX, TWO, "/oversight/visits-overdue/", f"{THREE}?format=xlsx"):
        assert client.get(path).status_code == 404, path


def test_a_list_that_does_not_exist_and_an_unknown_format_get_404(scenario, client):
    client.force_login(scenario.users["team_manager"])
    assert client.get("/oversight/four-or-more-placements/").status_code == 404
    assert client.get(f"{TWO}?format=pdf").status_code == 404


def test_managers_find_team_oversight_in_the_navigation_and_social_workers_do_not(scenario, client):
    client.force_login(scenario.users["team_manager"])
    assert 'href="/oversight/"' in client.get("/children/").content.decode()
    client.force_login(scenario.users["social_worker"])
    assert 'href="/oversight/"' not in client.get("/children/").content.decode()


# The pages -----------------------------------------------------------------------------------------


def test_the_dashboard_counts_link_to_their_lists_keeping_the_filters(scenario, client):
    a_child_who_moved(scenario, days_ago(300), days_ago(200), days_ago(50), name="Thrice")
    a_child_who_moved(scenario, days_ago(300), days_ago(50), worker="other_social_worker", name="Southern")
    client.force_login(scenario.users["team_manager"])
    page = client.get(INDEX).content.decode()
    assert f'href="{TWO}"' in page and f'href="{THREE}"' in page
    worker = scenario.users["social_worker"].pk
    filtered = client.get(INDEX, {"worker": worker}).content.decode()
    assert f'href="{TWO}?worker={worker}"' in filtered
    table = page.split('id="placement-counts"')[1].split("</table>")[0]
    assert table.count("<strong>1</strong>") == 2  # Thrice on both lists, Southern on neither


def test_the_list_links_each_child_and_offers_to_arrange_a_meeting_or_to_open_the_one_held(scenario, client):
    waiting = a_child_who_moved(scenario, days_ago(800), days_ago(30), name="Waiting")
    met = a_child_who_moved(scenario, days_ago(800), days_ago(60), name="Met")
    meeting = a_meeting(scenario, met, days_ago(10))
    client.force_login(scenario.users["team_manager"])
    page = client.get(TWO).content.decode()
    assert f'href="/children/{waiting.pk}/"' in page
    assert f'href="/children/{waiting.pk}/meetings/arrange/"' in page
    assert f'href="/meetings/{meeting.pk}/"' in page
    assert f'href="/children/{met.pk}/meetings/arrange/"' not in page
    assert page.index("Waiting") < page.index("Met")


def test_the_list_pages_on_screen_and_keeps_the_filters(scenario, client, settings):
    settings.PAGE_SIZE = 2
    for n in range(3):
        a_child_who_moved(scenario, days_ago(800), days_ago(30 + n), name=f"Paged{n}")
    client.force_login(scenario.users["team_manager"])
    worker = scenario.users["social_worker"].pk
    page = client.get(TWO, {"worker": worker}).content.decode()
    assert "Showing 1 to 2 of 3 children" in page
    assert f"worker={worker}&amp;page=2" in page
    assert f"worker={worker}&amp;format=csv" in page


# Downloads -----------------------------------------------------------------------------------------


def test_the_csv_holds_the_whole_list_and_its_download_is_audited_without_names(scenario, client, settings):
    settings.PAGE_SIZE = 1
    met = a_child_who_moved(scenario, days_ago(800), days_ago(60), name="Met")
    a_meeting(scenario, met, days_ago(10))
    a_child_who_moved(scenario, days_ago(800), days_ago(30), name="Waiting")
    a_child_who_moved(scenario, days_ago(800), days_ago(30), worker="other_social_worker", name="Southern")
    manager = scenario.users["team_manager"]
    client.force_login(manager)

    response = client.get(TWO, {"format": "csv"})
    assert response["Content-Type"].startswith("text/csv")
    assert (
        f'filename="two-or-more-placements-{timezone.localdate().isoformat()}.csv"'
        in response["Content-Disposition"]
    )
    rows = csv_rows(response)
    assert rows[0] == list(PLACEMENT_HEADERS)
    assert [r[0] for r in rows[1:]] == ["Waiting Example", "Met Example"]
    waiting = rows[1]
    social_worker = scenario.users["social_worker"].get_full_name()
    assert waiting[2:6] == [social_worker, "Test North", "2", days_ago(30).isoformat()]
    # The home named as every list names a household: with its reference (and carers, if any).
    assert waiting[6:] == ["No", Household.objects.get(name="The Waiting home").label]
    assert waiting[7].startswith("The Waiting home (")
    assert rows[2][6].startswith("Yes \N{EM DASH} meeting held on")

    event = AuditEvent.objects.get(event_type=OVERSIGHT_LIST_EXPORTED)
    assert event.actor == manager
    assert event.details == {
        "list": "two-or-more-placements",
        "rows": 2,
        "format": "csv",
        "team_id": None,
        "worker_id": None,
    }
    assert event.child_id is None


def test_the_excel_download_holds_the_same_rows_and_keeps_the_filters(scenario, client):
    a_child_who_moved(scenario, days_ago(800), days_ago(30), name="Mine")
    a_child_who_moved(scenario, days_ago(800), days_ago(30), worker="team_colleague", name="Theirs")
    client.force_login(scenario.users["team_manager"])
    colleague = scenario.users["team_colleague"].pk
    response = client.get(TWO, {"format": "xlsx", "worker": colleague})
    sheet = load_workbook(io.BytesIO(response.content)).active
    values = [[cell.value for cell in row] for row in sheet.iter_rows(min_row=exports.HEADER_ROW)]
    assert values[0] == list(PLACEMENT_HEADERS)
    assert [row[0] for row in values[1:]] == ["Theirs Example"]
    assert values[1][5].date() == days_ago(30)
    assert AuditEvent.objects.get(event_type=OVERSIGHT_LIST_EXPORTED).details["worker_id"] == colleague


# What the pages cost ---------------------------------------------------------------------------------


def test_the_dashboard_and_lists_cost_the_same_queries_however_many_children(scenario, client):
    def more_children(n: int, start: int) -> None:
        for i in range(n):
            child = a_child_who_moved(
                scenario, days_ago(400), days_ago(200 + i), days_ago(20 + i), name=f"Many{start + i}"
            )
            if i % 2:
                a_meeting(scenario, child, days_ago(10))

    client.force_login(scenario.users["team_manager"])
    paths = (INDEX, TWO, THREE, f"{TWO}?format=csv", f"{THREE}?format=xlsx")
    more_children(2, 0)
    before = {path: queries_for(client, path) for path in paths}
    more_children(12, 2)
    assert {path: queries_for(client, path) for path in paths} == before


def test_a_refused_download_is_not_recorded_as_an_export(scenario, client):
    client.force_login(scenario.users["social_worker"])
    assert client.get(TWO, {"format": "csv"}).status_code == 404
    assert not AuditEvent.objects.filter(event_type=OVERSIGHT_LIST_EXPORTED).exists()


# The work lists -------------------------------------------------------------------------------------

VISITS = "/oversight/visits-overdue/"
SUPERVISION = "/oversight/supervision-overdue/"
TRIAGE = "/oversight/concerns-awaiting-a-decision/"


def a_child_without_visits(scenario, worker: str = "social_worker", name: str = "Unvisited"):
    """A child placed 200 days ago and never visited: their statutory visit is overdue."""
    child = ChildFactory(legal_first_name=name)
    AllocationFactory(child=child, worker=scenario.users[worker], role=AllocationRole.SOCIAL_WORKER)
    PlacementFactory(child=child, start_date=days_ago(200))
    return child


def work_table(page: str, list_id: str = "work-counts") -> str:
    return page.split(f'id="{list_id}"')[1].split("</table>")[0]


def test_a_late_visit_is_counted_and_listed_with_its_worker_team_and_a_link_to_act(scenario, client):
    owen = scenario.children["own"]
    client.force_login(scenario.users["team_manager"])
    counts = work_table(client.get(INDEX).content.decode())
    assert f'href="{VISITS}"' in counts
    assert counts.split(f'href="{VISITS}"')[1].split("</tr>")[0].count("<strong>1</strong>") == 1

    page = client.get(VISITS).content.decode()
    row = page.split('id="oversight-list"')[1]
    assert f'href="/children/{owen.pk}/"' in row
    assert f'href="/children/{owen.pk}/visits/record/"' in row
    assert scenario.users["social_worker"].get_full_name() in row
    assert "Test North" in row
    assert " days late" in row
    assert "Otto" not in page


def test_a_manager_sees_the_work_of_their_own_line_only(scenario, client):
    client.force_login(scenario.users["other_team_manager"])
    page = client.get(VISITS).content.decode()
    assert "Otto Example" in page and "Owen Example" not in page


def test_the_work_lists_filter_by_worker_and_team(scenario, client):
    a_child_without_visits(scenario, worker="team_colleague", name="Colleagues")
    client.force_login(scenario.users["team_manager"])
    colleague = scenario.users["team_colleague"]
    page = client.get(VISITS, {"worker": colleague.pk}).content.decode()
    assert "Colleagues Example" in page and "Owen Example" not in page
    assert "Showing 1 to 1 of 1 item." in page
    page = client.get(VISITS, {"team": colleague.team_id}).content.decode()
    assert "Colleagues Example" in page and "Owen Example" in page
    counts = work_table(client.get(INDEX, {"worker": colleague.pk}).content.decode())
    assert (
        counts.split(f'href="{VISITS}?worker={colleague.pk}"')[1]
        .split("</tr>")[0]
        .count("<strong>1</strong>")
        == 1
    )


def test_a_fostering_manager_sees_late_supervision_linked_to_the_household(scenario, client):
    household = scenario.households["own"]
    client.force_login(scenario.users["fostering_team_manager"])
    page = client.get(SUPERVISION).content.decode()
    assert f'href="/households/{household.pk}/"' in page
    assert f'href="/households/{household.pk}/supervision/record/"' in page
    assert "The Restricted household" not in page


def test_two_households_of_one_name_are_told_apart_on_the_supervision_list(scenario, client):
    ssw = scenario.users["supervising_social_worker"]
    whitlocks = []
    for carer in ("Jan Whitlock", "Sam Whitlock"):
        home = HouseholdFactory(name="The Whitlock household", approval_date=days_ago(400))
        HouseholdAllocationFactory(household=home, worker=ssw)
        HouseholdMemberFactory(household=home, full_name=carer)
        whitlocks.append(home)
    client.force_login(scenario.users["fostering_team_manager"])
    page = client.get(SUPERVISION).content.decode()
    for home, carer in zip(whitlocks, ("Jan Whitlock", "Sam Whitlock"), strict=True):
        assert f'href="/households/{home.pk}/">The Whitlock household ({home.reference}; {carer})</a>' in page
    csv = client.get(SUPERVISION, {"format": "csv"}).content.decode()
    assert f"The Whitlock household ({whitlocks[0].reference}; Jan Whitlock)" in csv


def test_a_concern_awaiting_a_decision_is_on_the_managers_list(scenario, client):
    concern = raise_concern(scenario, urgency="breakdown_imminent")
    client.force_login(scenario.users["team_manager"])
    assert f'href="/concerns/{concern.pk}/triage/"' in client.get(TRIAGE).content.decode()
    client.force_login(scenario.users["other_team_manager"])
    assert f"/concerns/{concern.pk}/" not in client.get(TRIAGE).content.decode()


def test_work_about_a_child_or_household_the_manager_may_not_see_is_left_out_of_lists_counts_and_downloads(
    scenario, client, monkeypatch
):
    hidden = scenario.children["restricted"]
    item = WorkItem(
        kind="visit_overdue",
        title="Statutory visit overdue",
        detail=f"{hidden.display_name}: the next statutory visit is due",
        due=days_ago(10),
        overdue=True,
        url=f"/children/{hidden.pk}/visits/record/",
        key=f"visit:child:{hidden.pk}",
        owner_id=scenario.users["social_worker"].pk,
        team_id=scenario.users["social_worker"].team_id,
        child_id=hidden.pk,
        household_id=None,
    )
    elsewhere = dataclasses.replace(
        item, kind="supervision_overdue", child_id=None, household_id=scenario.households["other"].pk
    )
    monkeypatch.setattr(selectors, "team_work", lambda user, **kwargs: [item, elsewhere])
    client.force_login(scenario.users["team_manager"])
    assert "<strong>" not in work_table(client.get(INDEX).content.decode())
    for path in (VISITS, SUPERVISION):
        assert "Nothing is on this list." in client.get(path).content.decode()
        assert len(csv_rows(client.get(path, {"format": "csv"}))) == 1
    assert hidden.display_name not in str(list(AuditEvent.objects.values_list("details", flat=True)))


def test_the_work_csv_holds_every_item_with_its_due_date_and_days_late(scenario, client, settings):
    settings.PAGE_SIZE = 1
    a_child_without_visits(scenario, name="Second")
    client.force_login(scenario.users["team_manager"])
    assert "Showing 1 to 1 of 2 items." in client.get(VISITS).content.decode()
    rows = csv_rows(client.get(VISITS, {"format": "csv"}))
    assert rows[0] == list(WORK_HEADERS)
    assert sorted(r[0] for r in rows[1:]) == ["Owen Example", "Second Example"]
    owen = next(r for r in rows[1:] if r[0] == "Owen Example")
    assert owen[1] == f"The Own household ({scenario.households['own'].reference}; Test Carer)"
    assert owen[2] == "Statutory visit overdue"
    assert owen[4:6] == [scenario.users["social_worker"].get_full_name(), "Test North"]
    due = datetime.date.fromisoformat(owen[6])
    assert int(owen[7]) == (timezone.localdate() - due).days > 0
    event = AuditEvent.objects.get(event_type=OVERSIGHT_LIST_EXPORTED)
    assert event.details["list"] == "visits-overdue" and event.details["rows"] == 2


def test_the_work_lists_cost_the_same_queries_however_many_items(scenario, client):
    client.force_login(scenario.users["team_manager"])
    paths = (INDEX, VISITS, f"{VISITS}?format=xlsx")
    a_child_without_visits(scenario, name="First")
    before = {path: queries_for(client, path) for path in paths}
    for n in range(10):
        a_child_without_visits(scenario, worker=("social_worker", "team_colleague")[n % 2], name=f"More{n}")
    assert {path: queries_for(client, path) for path in paths} == before


@pytest.mark.parametrize(
    ("due_days_ago", "overdue", "words"),
    [
        (1, True, "1 day late"),
        (12, True, "12 days late"),
        (0, True, "Late today"),
        (0, False, "Due today"),
        (-1, False, "Due in 1 day"),
        (-5, False, "Due in 5 days"),
    ],
)
def test_how_late_says_it_in_days(due_days_ago, overdue, words):
    today = datetime.date(2026, 11, 30)
    item = WorkItem(
        kind="action_overdue",
        title="",
        detail="",
        due=today - datetime.timedelta(days=due_days_ago),
        overdue=overdue,
        url="",
        key="",
        owner_id=None,
        team_id=None,
        child_id=None,
        household_id=None,
    )
    assert selectors.how_late(item, today) == words


# The stability signals -------------------------------------------------------------------------------


def signal_row(page: str, rule_name: str) -> str:
    return next(row for row in work_table(page, "signal-counts").split("</tr>") if rule_name in row)


def test_the_dashboard_counts_the_children_with_each_signal_and_links_to_them_with_the_filters(
    scenario, client
):
    a_child_who_moved(scenario, days_ago(300), days_ago(200), days_ago(50), name="Moving")
    a_child_who_moved(
        scenario, days_ago(300), days_ago(200), days_ago(50), worker="other_social_worker", name="South"
    )
    worker = scenario.users["social_worker"].pk
    client.force_login(scenario.users["team_manager"])
    row = signal_row(client.get(INDEX, {"worker": worker}).content.decode(), "Moves in 12 months")
    assert f'href="/oversight/signals/?worker={worker}&amp;rule=moves_in_year"' in row
    assert "<strong>1</strong>" in row
    client.force_login(scenario.users["other_team_manager"])
    row = signal_row(client.get(INDEX).content.decode(), "Moves in 12 months")
    assert "<strong>1</strong>" in row


def test_the_dashboard_says_why_its_work_and_its_signals_can_differ(scenario, client):
    client.force_login(scenario.users["team_manager"])
    page = html.unescape(client.get(INDEX).content.decode())
    explained = page.split('id="counts-differ">')[1].split("</p>")[0]
    assert "the fostering team's work" in explained and "whoever's work it is" in explained


def test_filtering_by_another_worker_leaves_the_signal_uncounted(scenario, client):
    a_child_who_moved(scenario, days_ago(300), days_ago(200), days_ago(50), name="Moving")
    client.force_login(scenario.users["team_manager"])
    page = client.get(INDEX, {"worker": scenario.users["team_colleague"].pk}).content.decode()
    assert "<strong>" not in signal_row(page, "Moves in 12 months")
