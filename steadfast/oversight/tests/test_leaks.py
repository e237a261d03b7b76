"""What the oversight, signals, measures, My work and reminders pages must never give away:
children of other teams, restricted children and the tone of another home's logs, through a
list, a count, a filter's options, a download or a crafted query string; and a plain answer,
never a server error, for any query string."""

import csv
import html
import io
import re

import pytest

from steadfast.accounts.models import AllocationRole
from steadfast.audit.models import AuditEvent
from steadfast.carer_logs.models import SignificantEvent
from steadfast.children.models import Child
from steadfast.measures.tests.test_measures_views import three_placements_in_the_year
from steadfast.oversight.forms import SIGNAL_NOT_OFFERED, TEAM_NOT_IN_LINE, WORKER_NOT_IN_LINE
from steadfast.oversight.views import OVERSIGHT_LIST_EXPORTED, SIGNALS_EXPORTED
from steadfast.signals.tests.helpers import a_log
from steadfast.signals.tests.test_signal_views import TIRED
from tests.factories import AccessGrantFactory, AllocationFactory, ChildFactory, PlacementFactory, days_ago

from .test_oversight import a_child_who_moved

pytestmark = pytest.mark.django_db

SIGNALS = "/oversight/signals/"


def missing_twice(child, household) -> None:
    for days in (20, 10):
        a_log(child, household, days_ago=days, event=SignificantEvent.MISSING, reviewed=days)


def tone_rising(child, household) -> None:
    for days in (12, 4):
        a_log(child, household, days_ago=days, text=TIRED, reviewed=days)


def a_child_of_the_south_team_with_signals(scenario):
    """Sabine, allocated to the South team's social worker, living in the other fostering home,
    missing twice lately."""
    sabine = ChildFactory(legal_first_name="Sabine")
    AllocationFactory(
        child=sabine, worker=scenario.users["other_social_worker"], role=AllocationRole.SOCIAL_WORKER
    )
    PlacementFactory(child=sabine, household=scenario.households["other"])
    missing_twice(sabine, scenario.households["other"])
    return sabine


def csv_rows(response) -> list[list[str]]:
    assert response.status_code == 200
    marking, *rows = csv.reader(io.StringIO(response.content.decode("utf-8-sig")))
    assert marking == ["OFFICIAL-SENSITIVE"]
    return rows


def options_of(page: str, name: str) -> list[str]:
    select = page.split(f'name="{name}"')[1].split("</select>")[0]
    return re.findall(r"<option[^>]*>([^<]*)</option>", select)


# The signals list ------------------------------------------------------------------------------


def test_tone_cues_rising_is_not_offered_as_a_filter_to_a_manager_who_reads_no_cues(client, scenario):
    client.force_login(scenario.users["team_manager"])
    offered = options_of(client.get(SIGNALS).content.decode(), "rule")
    assert "Repeated missing episodes" in offered and "Tone cues rising" not in offered
    client.force_login(scenario.users["fostering_team_manager"])
    assert "Tone cues rising" in options_of(client.get(SIGNALS).content.decode(), "rule")


def test_asking_for_tone_cues_rising_finds_nothing_for_a_manager_who_reads_no_cues(client, scenario):
    owen, home = scenario.children["own"], scenario.households["own"]
    tone_rising(owen, home)
    client.force_login(scenario.users["team_manager"])
    # Owen is listed for his other signals (no statutory visit yet), never for this one.
    for query in ("", "?rule=tone_rising"):
        assert "Tone cues rising" not in client.get(SIGNALS + query).content.decode()
    for query in ("?format=csv", "?format=csv&rule=tone_rising"):
        assert "Tone cues rising" not in {row[5] for row in csv_rows(client.get(SIGNALS + query))}
    assert "Tone cues rising" not in client.get("/oversight/").content.decode()
    # Those who read the home's logs with their cues do see it, listed and downloaded.
    client.force_login(scenario.users["fostering_team_manager"])
    assert f"/children/{owen.pk}/" in client.get(SIGNALS + "?rule=tone_rising").content.decode()
    rows = csv_rows(client.get(SIGNALS + "?format=csv&rule=tone_rising"))
    assert [row[5] for row in rows[1:]] == ["Tone cues rising"]


def test_the_fostering_service_is_not_told_of_a_restricted_childs_signals_in_the_home_it_supervises(
    client, scenario
):
    rhea, home = scenario.children["restricted"], scenario.households["own"]
    tone_rising(rhea, home)
    missing_twice(rhea, home)
    missing_twice(scenario.children["own"], home)
    for username in ("fostering_team_manager", "supervising_social_worker"):
        client.force_login(scenario.users[username])
        assert client.get(f"/children/{rhea.pk}/").status_code == 404
        assert client.get(f"/children/{rhea.pk}/signals/tone_rising/consider/").status_code == 404
    client.force_login(scenario.users["fostering_team_manager"])
    for query in ("", "?rule=tone_rising", "?rule=missing_episodes"):
        page = client.get(SIGNALS + query).content.decode()
        assert f"/children/{rhea.pk}/" not in page and "Rhea" not in page
        assert query != "?rule=missing_episodes" or "1 child has 1 signal to consider" in page
        assert (
            "Rhea"
            not in client.get(SIGNALS + query + ("&" if query else "?") + "format=csv").content.decode()
        )
    dashboard = client.get("/oversight/").content.decode()
    for rule, count in (("Tone cues rising", []), ("Repeated missing episodes", ["1"])):
        card = dashboard.split(f"{rule}</a>")[1].split("</tr>")[0]
        assert re.findall(r"<strong>(\d+)</strong>", card) == count, rule


@pytest.mark.parametrize(
    ("query", "message"),
    [
        ("team=abc", TEAM_NOT_IN_LINE),
        ("worker=999999", WORKER_NOT_IN_LINE),
        ("rule=nonsense", SIGNAL_NOT_OFFERED),
        ("rule=tone_rising", SIGNAL_NOT_OFFERED),
    ],
)
def test_a_filter_not_offered_on_the_signals_list_is_refused_in_plain_words(client, scenario, query, message):
    client.force_login(scenario.users["team_manager"])
    page = html.unescape(client.get(f"{SIGNALS}?{query}").content.decode())
    assert message in page and "nonsense" not in page.split("<main")[1].split('name="rule"')[0]


@pytest.mark.parametrize(
    "query",
    [
        "team={south}",
        "worker={south_worker}",
        "team={south}&worker={south_worker}",
        "team=abc",
        "worker=abc",
        "team=-1",
        "team=999999",
        "worker=999999&rule=missing_episodes",
        "rule=nonsense",
        "rule=tone_rising",
    ],
)
def test_a_crafted_filter_on_the_signals_list_shows_no_child_outside_the_line(client, scenario, query):
    sabine = a_child_of_the_south_team_with_signals(scenario)
    rhea = scenario.children["restricted"]
    missing_twice(rhea, scenario.households["own"])
    south_worker = scenario.users["other_social_worker"]
    query = query.format(south=south_worker.team_id, south_worker=south_worker.pk)
    client.force_login(scenario.users["team_manager"])
    response = client.get(f"{SIGNALS}?{query}")
    assert response.status_code == 200
    page = response.content.decode()
    for hidden in (sabine, rhea):
        assert f"/children/{hidden.pk}/" not in page and hidden.legal_first_name not in page
    assert "Test South" not in page and south_worker.get_full_name() not in page
    download = client.get(f"{SIGNALS}?{query}&format=csv").content.decode("utf-8-sig")
    assert "Sabine" not in download and "Rhea" not in download


def test_the_signals_count_list_and_download_agree_for_a_manager(client, scenario):
    owen, home = scenario.children["own"], scenario.households["own"]
    missing_twice(owen, home)
    missing_twice(scenario.children["restricted"], home)
    a_child_of_the_south_team_with_signals(scenario)
    client.force_login(scenario.users["team_manager"])
    dashboard = client.get("/oversight/").content.decode()
    card = dashboard.split("Repeated missing episodes")[1].split("</tr>")[0]
    assert re.search(r">\s*1\s*<", card), card
    page = client.get(f"{SIGNALS}?rule=missing_episodes").content.decode()
    assert "1 child has 1 signal to consider" in page
    assert len(re.findall(r'href="/children/\d+/', page)) == 1
    rows = csv_rows(client.get(f"{SIGNALS}?rule=missing_episodes&format=csv"))
    assert [row[0] for row in rows[1:]] == [owen.display_name]
    event = AuditEvent.objects.get(event_type=SIGNALS_EXPORTED)
    assert event.details["rows"] == 1 and owen.legal_first_name not in str(event.details)


# Team oversight --------------------------------------------------------------------------------


def test_a_managers_counts_lists_and_downloads_hold_the_same_children(client, scenario):
    north = a_child_who_moved(scenario, days_ago(300), days_ago(100), days_ago(20), name="Northmover")
    a_child_who_moved(
        scenario, days_ago(300), days_ago(100), days_ago(20), worker="other_social_worker", name="Southmover"
    )
    hidden = a_child_who_moved(scenario, days_ago(300), days_ago(100), days_ago(20), name="Hiddenmover")
    Child.objects.filter(pk=hidden.pk).update(restricted=True)
    client.force_login(scenario.users["team_manager"])
    counts = client.get("/oversight/").content.decode().split('id="placement-counts"')[1].split("</table>")[0]
    for name in ("two-or-more-placements", "three-or-more-placements"):
        count = counts.split(f'href="/oversight/{name}/"')[1].split("</tr>")[0]
        assert re.findall(r"<strong>(\d+)</strong>", count) == ["1"], name
        page = client.get(f"/oversight/{name}/").content.decode()
        listed = set(re.findall(r'href="/children/(\d+)/"', page.split('id="oversight-list"')[1]))
        assert listed == {str(north.pk)}
        for file_format in ("csv", "xlsx"):
            assert client.get(f"/oversight/{name}/?format={file_format}").status_code == 200
        assert [row[0] for row in csv_rows(client.get(f"/oversight/{name}/?format=csv"))[1:]] == [
            north.display_name
        ]
    events = AuditEvent.objects.filter(event_type=OVERSIGHT_LIST_EXPORTED)
    assert events.count() == 6 and {e.details["rows"] for e in events} == {1}
    assert not any(n in str(e.details) for e in events for n in ("Northmover", "Southmover", "Hiddenmover"))


def test_a_managers_work_count_list_and_download_leave_out_the_same_children(client, scenario):
    # Every child of the scenario is placed and not yet visited, so each visit is overdue:
    # Owen's is the manager's to see; Rhea's (restricted, allocated in their team) and Otto's
    # (another team) are not.
    owen, rhea, otto = (scenario.children[k] for k in ("own", "restricted", "other"))
    client.force_login(scenario.users["team_manager"])
    counts = client.get("/oversight/").content.decode().split('id="work-counts"')[1].split("</table>")[0]
    count = counts.split('href="/oversight/visits-overdue/"')[1].split("</tr>")[0]
    page = client.get("/oversight/visits-overdue/").content.decode().split('id="oversight-list"')[1]
    listed = set(re.findall(r'href="/children/(\d+)/"', page))
    rows = csv_rows(client.get("/oversight/visits-overdue/?format=csv"))[1:]
    assert listed == {str(owen.pk)}
    assert re.findall(r"<strong>(\d+)</strong>", count) == ["1"]
    assert [row[0] for row in rows] == [owen.display_name]
    for hidden in (rhea, otto):
        assert hidden.legal_first_name not in page
        assert hidden.legal_first_name not in str(rows)
    # Rhea's visit is overdue all the same: her social worker, granted her, sees it.
    client.force_login(scenario.users["social_worker"])
    assert rhea.display_name in client.get("/").content.decode()


@pytest.mark.parametrize(
    "query", ["team=abc", "worker=abc", "team=-1", "worker=999999", "team=1.5", "page=-1", "page=abc"]
)
@pytest.mark.parametrize(
    "path", ["/oversight/", "/oversight/visits-overdue/", "/oversight/two-or-more-placements/"]
)
def test_a_malformed_oversight_filter_is_refused_or_ignored_never_an_error(client, scenario, path, query):
    client.force_login(scenario.users["team_manager"])
    response = client.get(f"{path}?{query}")
    assert response.status_code == 200
    assert "Otto" not in response.content.decode()


# The measures' children --------------------------------------------------------------------------


def test_an_analyst_sees_by_name_only_the_children_granted_to_them(client, scenario, settings, tmp_path):
    settings.PUBLISHED_STATISTICS_DIR = tmp_path
    quentin = three_placements_in_the_year(scenario.users["social_worker"], "Quentin")
    three_placements_in_the_year(scenario.users["other_social_worker"], "Ursula")
    analyst = scenario.users["analyst"]
    AccessGrantFactory(user=analyst, child=quentin)
    client.force_login(analyst)
    page = client.get("/measures/children/three-or-more-placements-in-year/").content.decode()
    assert "Quentin" in page and "Ursula" not in page
    assert "1 other child is in this list but not shown" in page
    rows = csv_rows(client.get("/measures/children/three-or-more-placements-in-year.csv"))
    assert [row[0] for row in rows[1:]] == [quentin.display_name]
    event = AuditEvent.objects.get(actor=analyst, event_type="MEASURES_EXPORTED")
    assert event.details["rows"] == 1 and "Quentin" not in str(event.details)


# Any query string ------------------------------------------------------------------------------

NEW_PAGES = (
    "/",
    "/oversight/",
    "/oversight/signals/",
    "/oversight/concerns-awaiting-a-decision/",
    "/oversight/three-or-more-placements/",
    "/measures/",
    "/measures/charts/timeliness.svg",
    "/measures/tables/dfe.csv",
    "/measures/children/three-or-more-placements-in-year/",
    "/measures/children/three-or-more-placements-in-year.xlsx",
    "/reminders/",
)
BAD_QUERIES = (
    "format=pdf",
    "format=",
    "team=abc",
    "worker=%00",
    "page=-1",
    "page=0",
    "page=99999",
    "year=2099",
    "year=0001",
    "year=abc",
    "year=-2024",
    "year=%EF%BC%92%EF%BC%90%EF%BC%92%EF%BC%94",  # 2024 in full-width digits
    "rule=nonsense",
    "team=1&team=2",
)


@pytest.mark.parametrize("username", ["team_manager", "analyst", "social_worker"])
def test_no_query_string_makes_a_new_page_fail(client, scenario, settings, tmp_path, username):
    settings.PUBLISHED_STATISTICS_DIR = tmp_path
    three_placements_in_the_year(scenario.users["social_worker"], "Quentin")
    client.force_login(scenario.users[username])
    failed = [
        f"{path}?{query} answered {status}"
        for path in NEW_PAGES
        for query in BAD_QUERIES
        if (status := client.get(f"{path}?{query}").status_code) >= 500
    ]
    assert failed == []


def test_a_signed_out_visitor_is_sent_to_sign_in_from_every_new_page(client, scenario):
    owen = scenario.children["own"]
    paths = (*NEW_PAGES, f"/children/{owen.pk}/signals/missing_episodes/consider/")
    for path in paths:
        response = client.get(path)
        assert response.status_code == 302 and "/accounts/login/" in response["Location"], path
    for path in ("/reminders/1/read/", "/reminders/1/dismiss/"):
        response = client.post(path)
        assert response.status_code == 302 and "/accounts/login/" in response["Location"], path
