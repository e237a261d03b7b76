"""The measures pages: who may see them, the charts as images, the downloads and their audit,
a wrong year, the published figures present and missing, the children behind a measure, query
counts that do not grow with the records, and the stored figures: shown with the time they were
worked out, the same on every page until worked out again, and worked out on the first view
when none are stored."""

import csv
import datetime
import io
import xml.etree.ElementTree as ET
from zoneinfo import ZoneInfo

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone
from django.utils.html import escape
from hypothesis import HealthCheck, given
from hypothesis import settings as hypothesis_settings
from hypothesis import strategies as st
from openpyxl import load_workbook

from steadfast.accounts.models import AllocationRole
from steadfast.audit.models import AuditEvent
from steadfast.core import exports
from steadfast.measures import report
from steadfast.measures.forms import WRONG_YEAR
from steadfast.measures.models import MeasuresResult
from steadfast.measures.published_statistics import NOT_AVAILABLE
from steadfast.measures.services import refresh_measures
from steadfast.measures.views import MEASURES_EXPORTED
from steadfast.meetings.tests.helpers import a_concern_needing_a_meeting, an_authorised_meeting
from tests.factories import AllocationFactory, ChildFactory, PlacementFactory
from tests.queries import queries_for
from tests.scenario import STAFF_USERNAMES, USERNAMES

from .test_published_statistics import use_synthetic_figures

pytestmark = pytest.mark.django_db

MAY_SEE = {
    "team_manager",
    "other_team_manager",
    "fostering_team_manager",
    "assistant_team_manager",
    "senior_practitioner",
    "analyst",
}
LIST = "/measures/children/three-or-more-placements-in-year/"
ROW = '<th scope="row" class="govuk-table__header">{}</th>'


def latest_year_ending() -> datetime.date:
    today = timezone.localdate()
    year = today.year if today > datetime.date(today.year, 3, 31) else today.year - 1
    return datetime.date(year, 3, 31)


def three_placements_in_the_year(worker, name: str, year_ending: datetime.date | None = None):
    """A child of `worker`'s with three placements during the year ending `year_ending` (the
    latest that has ended), still in the third on 31 March."""
    year_ending = year_ending or latest_year_ending()
    first = datetime.date(year_ending.year - 1, 4, 10)
    child = ChildFactory(legal_first_name=name)
    AllocationFactory(child=child, worker=worker, role=AllocationRole.SOCIAL_WORKER)
    PlacementFactory(child=child, start_date=first, end_date=first + datetime.timedelta(days=50), ended=True)
    PlacementFactory(
        child=child,
        start_date=first + datetime.timedelta(days=50),
        end_date=first + datetime.timedelta(days=150),
        end_reason="carer_requested",
        ending_planned=False,
    )
    PlacementFactory(child=child, start_date=first + datetime.timedelta(days=150))
    return child


@pytest.fixture
def no_published_figures(settings, tmp_path):
    settings.PUBLISHED_STATISTICS_DIR = tmp_path
    return tmp_path


@pytest.fixture
def synthetic_published_figures(settings, tmp_path):
    """The Department's file, with SYNTHETIC figures for the latest year that has ended."""
    return use_synthetic_figures(settings, tmp_path, year=latest_year_ending().year)


# Who may see them ------------------------------------------------------------------------------


@pytest.mark.parametrize("username", USERNAMES)
@pytest.mark.parametrize(
    "path", ["/measures/", "/measures/charts/timeliness.svg", "/measures/tables/dfe.csv", LIST]
)
def test_only_managers_and_analysts_reach_the_measures(
    client, scenario, no_published_figures, username, path
):
    three_placements_in_the_year(scenario.users["social_worker"], "Quentin")
    client.force_login(scenario.users[username])
    expected = 200 if username in MAY_SEE else 404
    assert client.get(path).status_code == expected


@pytest.mark.parametrize("username", STAFF_USERNAMES)
def test_the_navigation_offers_measures_to_those_who_may_see_them(client, scenario, username):
    client.force_login(scenario.users[username])
    page = client.get("/children/").content.decode()
    assert ('href="/measures/"' in page) == (username in MAY_SEE)


def test_an_analyst_sees_the_figures_and_no_names(client, scenario, no_published_figures):
    three_placements_in_the_year(scenario.users["social_worker"], "Quentin")
    client.force_login(scenario.users["analyst"])
    page = client.get("/measures/").content.decode()
    assert "Service measures" in page
    assert "Children looked after on 31 March with 3 or more placements during the year" in page
    for name in ("Quentin", "Owen", "Otto", "Rhea"):
        assert name not in page


# Charts ----------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "chart",
    [
        "timeliness",
        "childs-voice",
        "still-together",
        "survival-type",
        "survival-age",
        "survival-meeting",
        "scales",
        "dfe-1",
        "dfe-2",
        "dfe-3",
        "themes",
    ],
)
def test_each_chart_is_an_svg_image_the_content_security_policy_allows(
    client, scenario, no_published_figures, chart
):
    three_placements_in_the_year(scenario.users["social_worker"], "Quentin")
    client.force_login(scenario.users["team_manager"])
    page = client.get("/measures/").content.decode()
    assert f'src="/measures/charts/{chart}.svg' in page
    response = client.get(f"/measures/charts/{chart}.svg")
    assert response["Content-Type"] == "image/svg+xml; charset=utf-8"
    assert "img-src 'self'" in response["Content-Security-Policy"]
    root = ET.fromstring(response.content)
    assert root.tag == "{http://www.w3.org/2000/svg}svg"
    assert b"style=" not in response.content and b"<script" not in response.content
    # The image's alt text is the one-line summary the chart's <desc> holds.
    summary = root.find("{http://www.w3.org/2000/svg}desc").text
    assert f'alt="{summary}"'.replace("'", "&#39;") in page or f'alt="{summary}"' in page


def test_an_unknown_chart_or_table_answers_404(client, scenario):
    client.force_login(scenario.users["team_manager"])
    assert client.get("/measures/charts/nothing.svg").status_code == 404
    assert client.get("/measures/tables/nothing.csv").status_code == 404
    assert client.get("/measures/tables/dfe.pdf").status_code == 404
    assert client.get("/measures/children/nobody/").status_code == 404


# Downloads -------------------------------------------------------------------------------------


def test_a_table_downloads_as_csv_and_excel_and_each_download_is_audited_without_names(
    client, scenario, no_published_figures
):
    three_placements_in_the_year(scenario.users["social_worker"], "Quentin")
    client.force_login(scenario.users["analyst"])
    response = client.get("/measures/tables/dfe.csv")
    assert response["Content-Type"] == "text/csv; charset=utf-8"
    assert response["Content-Disposition"] == 'attachment; filename="dfe.csv"'
    rows = list(csv.reader(io.StringIO(response.content.decode("utf-8-sig"))))[1:]  # below the marking
    assert rows[0][:4] == [
        "Measure",
        "Children counted",
        "Children in the group",
        "Percentage (%)",
    ]
    assert rows[1][:2] == ["Children looked after on 31 March with 3 or more placements during the year", "1"]
    workbook = load_workbook(io.BytesIO(client.get("/measures/tables/survival-type.xlsx").content))
    assert workbook.active.cell(row=exports.HEADER_ROW, column=1).value == "Type of placement"
    events = AuditEvent.objects.filter(event_type=MEASURES_EXPORTED).order_by("pk")
    assert [(e.details["table"], e.details["format"], e.details["rows"]) for e in events] == [
        ("dfe", "csv", 3),
        ("survival-type", "xlsx", 2),
    ]
    assert all(e.actor == scenario.users["analyst"] and e.child_id is None for e in events)
    assert "Quentin" not in str([e.details for e in events])


# The year and the published figures ------------------------------------------------------------


@pytest.mark.parametrize("year", ["1990", "abc", "", "0000", "99999"])
def test_a_wrong_year_gives_a_plain_message_and_the_latest_years_figures(
    client, scenario, no_published_figures, year
):
    three_placements_in_the_year(scenario.users["social_worker"], "Quentin")
    client.force_login(scenario.users["team_manager"])
    response = client.get(f"/measures/?year={year}")
    assert response.status_code == 200
    page = response.content.decode()
    assert WRONG_YEAR in page and "<title>Error:" in page
    assert f"records, year ending 31 March {latest_year_ending().year}</caption>" in page


def test_a_year_the_records_cover_can_be_chosen(client, scenario, no_published_figures):
    earlier = latest_year_ending().year - 1
    three_placements_in_the_year(scenario.users["social_worker"], "Quentin", datetime.date(earlier, 3, 31))
    client.force_login(scenario.users["team_manager"])
    page = client.get(f"/measures/?year={earlier}").content.decode()
    assert WRONG_YEAR not in page
    assert f"records, year ending 31 March {earlier}</caption>" in page
    assert f'src="/measures/charts/dfe-1.svg?year={earlier}"' in page


def test_without_published_figures_the_page_says_so_and_shows_its_own(client, scenario, no_published_figures):
    three_placements_in_the_year(scenario.users["social_worker"], "Quentin")
    client.force_login(scenario.users["team_manager"])
    page = client.get("/measures/").content.decode()
    assert NOT_AVAILABLE.format(year=latest_year_ending().year) in page
    assert ROW.format("Northbridge Council (fictional) (Steadfast&#39;s records)") in page
    assert ROW.format("England") not in page


def test_the_published_figures_stand_beside_the_authoritys_own(client, scenario, synthetic_published_figures):
    three_placements_in_the_year(scenario.users["social_worker"], "Quentin")
    client.force_login(scenario.users["team_manager"])
    page = client.get("/measures/").content.decode()
    assert "not available" not in page
    for area in ("England", "Synthetic Region", "Synthetic Borough"):
        assert ROW.format(area) in page
    # Published percentages as the Department gives them, in whole numbers.
    assert '<td class="govuk-table__cell govuk-table__cell--numeric">13</td>' in page
    chart = client.get("/measures/charts/dfe-1.svg").content.decode()
    assert "Synthetic Borough" in chart and "13%" in chart and "11%" in chart


# The children behind a measure ----------------------------------------------------------------


def test_the_children_behind_a_measure_are_only_those_the_user_may_see(
    client, scenario, no_published_figures
):
    three_placements_in_the_year(scenario.users["social_worker"], "Quentin")
    three_placements_in_the_year(scenario.users["other_social_worker"], "Ursula")
    client.force_login(scenario.users["team_manager"])
    page = client.get(LIST).content.decode()
    assert "Quentin" in page and "Ursula" not in page
    assert "1 other child is in this list but not shown" in page
    client.force_login(scenario.users["analyst"])
    page = client.get(LIST).content.decode()
    assert "Quentin" not in page and "Ursula" not in page
    assert "2 other children are in this list but not shown" in page


def test_the_children_behind_a_measure_download_with_only_those_shown(client, scenario, no_published_figures):
    three_placements_in_the_year(scenario.users["social_worker"], "Quentin")
    three_placements_in_the_year(scenario.users["other_social_worker"], "Ursula")
    client.force_login(scenario.users["team_manager"])
    response = client.get("/measures/children/three-or-more-placements-in-year.csv")
    rows = list(csv.reader(io.StringIO(response.content.decode("utf-8-sig"))))[1:]  # below the marking
    assert [row[0] for row in rows[1:]] == ["Quentin Example"]
    assert rows[1][2:] == ["3", "0"]
    event = AuditEvent.objects.get(event_type=MEASURES_EXPORTED)
    assert event.details["rows"] == 1 and "Quentin" not in str(event.details)


# Query counts ----------------------------------------------------------------------------------


def _more_records(scenario, n: int) -> None:
    for i in range(n):
        three_placements_in_the_year(scenario.users["social_worker"], f"Many{i}")
    a_concern_needing_a_meeting(scenario)
    an_authorised_meeting(scenario)


PAGES = ["/measures/", "/measures/charts/survival-meeting.svg", "/measures/charts/scales.svg", LIST]


@pytest.mark.parametrize("path", PAGES)
def test_query_counts_do_not_grow_with_the_records(client, scenario, no_published_figures, path):
    client.force_login(scenario.users["team_manager"])
    three_placements_in_the_year(scenario.users["social_worker"], "First")
    refresh_measures(today=timezone.localdate())
    first_read = queries_for(client, path)  # this process reads the new result
    again = queries_for(client, path)
    _more_records(scenario, 5)
    refresh_measures(today=timezone.localdate())
    assert queries_for(client, path) == first_read
    assert queries_for(client, path) == again


@pytest.mark.parametrize("path", PAGES)
def test_a_view_with_the_figures_stored_costs_a_few_queries_and_no_work(
    client, scenario, no_published_figures, path, monkeypatch
):
    """The page reads the stored result (one query, and one more the first time a process reads
    it), never the records the figures are worked out from."""
    _more_records(scenario, 3)
    client.force_login(scenario.users["team_manager"])
    refresh_measures(today=timezone.localdate())
    client.get(path)

    def no_working_out(**kwargs):
        raise AssertionError("The figures were worked out on a request")

    monkeypatch.setattr(report, "work_out", no_working_out)
    with CaptureQueriesContext(connection) as queries:
        assert client.get(path).status_code == 200
    assert sum("measures_measuresresult" in q["sql"] for q in queries) == 1


# Worked out in the background, shown with the time ---------------------------------------------


def _counted(client, path="/measures/tables/dfe.csv") -> str:
    rows = list(csv.reader(io.StringIO(client.get(path).content.decode("utf-8-sig"))))[
        1:
    ]  # below the marking
    return rows[1][1]


def test_the_page_shows_the_stored_figures_and_when_they_were_worked_out(
    client, scenario, no_published_figures
):
    three_placements_in_the_year(scenario.users["social_worker"], "Quentin")
    refresh_measures(today=timezone.localdate())
    at = datetime.datetime(2026, 12, 5, 7, 5, tzinfo=ZoneInfo("Europe/London"))
    MeasuresResult.objects.update(worked_out_at=at)
    client.force_login(scenario.users["analyst"])
    page = client.get("/measures/").content.decode()
    assert "Figures worked out at 07:05 on 5 December 2026." in page
    assert "Children looked after on 31 March with 3 or more placements during the year" in page
    client.force_login(scenario.users["team_manager"])
    page = client.get(LIST).content.decode()
    assert "Figures worked out at 07:05 on 5 December 2026." in page


def test_the_page_chart_downloads_and_list_agree_until_the_figures_are_worked_out_again(
    client, scenario, no_published_figures
):
    """A change to a record shows everywhere at once, when the background task has worked the
    figures out again; until then the page, its chart, its download and its list all show the
    figures stored."""
    child = three_placements_in_the_year(scenario.users["social_worker"], "Quentin")
    today = timezone.localdate()
    refresh_measures(today=today)
    client.force_login(scenario.users["team_manager"])

    def everywhere() -> tuple:
        page = client.get("/measures/").content.decode()
        chart = ET.fromstring(client.get("/measures/charts/dfe-1.svg").content)
        summary = chart.find("{http://www.w3.org/2000/svg}desc").text
        assert f'alt="{summary}"' in page  # the page and its chart say the same
        listed = client.get(LIST).content.decode()
        download = client.get("/measures/children/three-or-more-placements-in-year.csv")
        rows = list(csv.reader(io.StringIO(download.content.decode("utf-8-sig"))))[1:]  # below the marking
        return summary, _counted(client), "Quentin" in listed, [row[0] for row in rows[1:]]

    before = everywhere()
    assert before[1:] == ("1", True, ["Quentin Example"])
    # The first placement is corrected to the year before: two placements in the year.
    placement = child.placements.order_by("start_date").first()
    placement.start_date = datetime.date(latest_year_ending().year - 2, 1, 1)
    placement.end_date = datetime.date(latest_year_ending().year - 1, 3, 31)
    placement.save()
    assert everywhere() == before
    refresh_measures(today=today)
    after = everywhere()
    assert after[1:] == ("0", False, [])
    assert after[0] != before[0]


def test_with_no_figures_stored_the_first_view_works_them_out_and_stores_them(
    client, scenario, no_published_figures
):
    three_placements_in_the_year(scenario.users["social_worker"], "Quentin")
    assert not MeasuresResult.objects.exists()
    client.force_login(scenario.users["team_manager"])
    response = client.get("/measures/")
    assert response.status_code == 200
    assert _counted(client) == "1"
    assert MeasuresResult.objects.count() == 1
    assert "Figures worked out at " in response.content.decode()


@pytest.mark.parametrize("path", ["/measures/", "/measures/charts/timeliness.svg", LIST])
def test_a_social_worker_gets_404_and_nothing_is_worked_out(client, scenario, path):
    three_placements_in_the_year(scenario.users["social_worker"], "Quentin")
    client.force_login(scenario.users["social_worker"])
    assert client.get(path).status_code == 404
    assert not MeasuresResult.objects.exists()


# The year the page opens on --------------------------------------------------------------------


def test_the_page_opens_on_the_latest_year_with_published_figures_and_says_why(
    client, scenario, settings, tmp_path
):
    """Published figures exist for the year before the latest that has ended (as they do from
    about December, when the Department publishes the year before's): the page opens on that
    year, beside them, not on the latest year, which it offers."""
    latest = latest_year_ending()
    published = latest.year - 1
    use_synthetic_figures(settings, tmp_path, year=published)
    three_placements_in_the_year(scenario.users["social_worker"], "Quentin", datetime.date(published, 3, 31))
    client.force_login(scenario.users["team_manager"])
    page = client.get("/measures/").content.decode()
    assert f"records, year ending 31 March {published}</caption>" in page
    assert (
        f"These figures are for the year ending 31 March {published}, the latest year with published "
        "figures to compare with. The Department has not published its figures for the year ending "
        f"31 March {latest.year} yet"
    ) in page
    assert f'<option value="{published}" selected>' in page
    option = f"{latest.year} (1 April {latest.year - 1} to 31 March {latest.year}), no published figures"
    assert f'<option value="{latest.year}">{option}</option>' in page
    assert ROW.format("Synthetic Borough") in page
    assert f'src="/measures/charts/dfe-1.svg?year={published}"' in page
    assert f'href="/measures/tables/dfe.csv?year={published}"' in page
    # The other downloads and charts, with no year, give the same year.
    assert f"31 March {published}" in client.get("/measures/charts/dfe-1.svg").content.decode()
    # The user may choose the latest year, and is told it is their choice.
    page = client.get(f"/measures/?year={latest.year}").content.decode()
    assert WRONG_YEAR not in page
    assert f"records, year ending 31 March {latest.year}</caption>" in page
    assert f"These figures are for the year ending 31 March {latest.year}, the year you chose." in page
    assert NOT_AVAILABLE.format(year=latest.year) in page


def test_with_no_published_figures_for_any_year_the_page_opens_on_the_latest_that_has_ended(
    client, scenario, no_published_figures
):
    three_placements_in_the_year(scenario.users["social_worker"], "Quentin")
    client.force_login(scenario.users["team_manager"])
    page = client.get("/measures/").content.decode()
    year = latest_year_ending().year
    assert f"records, year ending 31 March {year}</caption>" in page
    assert f"These figures are for the year ending 31 March {year}, the latest year that has ended." in page


HOSTILE_YEARS = [
    "\N{SUPERSCRIPT TWO}\N{SUPERSCRIPT ZERO}\N{SUPERSCRIPT TWO}\N{SUPERSCRIPT FIVE}",
    "\N{FULLWIDTH DIGIT TWO}\N{FULLWIDTH DIGIT ZERO}\N{FULLWIDTH DIGIT TWO}\N{FULLWIDTH DIGIT FIVE}",
    "\u0662\u0660\u0662\u0665",  # Arabic-Indic digits
    "2025\n",
    " 2025",
    "-2025",
    "2025.0",
    "9999",
    "0001",
    "\x00",
    "2025&year=",
    "<script>",
]


@pytest.mark.parametrize("year", HOSTILE_YEARS)
@pytest.mark.parametrize(
    "path", ["/measures/", "/measures/charts/dfe-1.svg", "/measures/tables/dfe.csv", LIST]
)
def test_a_hostile_year_is_refused_plainly_everywhere(client, scenario, no_published_figures, path, year):
    three_placements_in_the_year(scenario.users["social_worker"], "Quentin")
    client.force_login(scenario.users["team_manager"])
    response = client.get(path, {"year": year})
    assert response.status_code == 200
    if path == "/measures/":
        page = response.content.decode()
        assert WRONG_YEAR in page and "<title>Error:" in page
        assert f"records, year ending 31 March {latest_year_ending().year}</caption>" in page


@given(year=st.one_of(st.text(max_size=12), st.integers(-10_000, 100_000).map(str)))
@hypothesis_settings(
    max_examples=40, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
def test_any_year_in_the_query_string_gets_a_page_never_an_error(
    client, scenario, no_published_figures, year
):
    if not MeasuresResult.objects.exists():
        three_placements_in_the_year(scenario.users["social_worker"], "Quentin")
    client.force_login(scenario.users["team_manager"])
    response = client.get("/measures/", {"year": year})
    assert response.status_code == 200
    page = response.content.decode()
    if year != str(latest_year_ending().year):
        assert WRONG_YEAR in page
    assert client.get("/measures/tables/dfe.csv", {"year": year}).status_code == 200


# Which way is better, and small counts, on the page and in the downloads ------------------------


def test_every_measure_says_which_way_is_better_on_the_page_and_in_every_download(
    client, scenario, no_published_figures
):
    three_placements_in_the_year(scenario.users["social_worker"], "Quentin")
    client.force_login(scenario.users["analyst"])
    page = client.get("/measures/").content.decode()
    for measure in report.MEASURES:
        for table, heading in measure.columns:
            header = report.labelled(heading, measure.better)
            assert str(escape(header)) in page, (measure.key, table)
            rows = _below_the_marking(client.get(f"/measures/tables/{table}.csv"))
            assert header in rows[0], (measure.key, table)
            workbook = load_workbook(io.BytesIO(client.get(f"/measures/tables/{table}.xlsx").content))
            headings = [cell.value for cell in workbook.active[exports.HEADER_ROW]]
            assert header in headings, (measure.key, table)
        for chart in measure.charts:
            svg = client.get(f"/measures/charts/{chart}.svg").content.decode()
            assert measure.better.lower() in svg.lower(), (measure.key, chart)
    rows = _below_the_marking(client.get("/measures/tables/dfe.csv"))
    assert [row[-1] for row in rows] == [
        "Which is better",
        "Lower is better",
        "Lower is better",
        "Higher is better",
    ]


def _below_the_marking(response) -> list[list[str]]:
    """A CSV download's rows, from its header down: the protective marking is its first line."""
    rows = list(csv.reader(io.StringIO(response.content.decode("utf-8-sig"))))
    assert rows[0] == ["OFFICIAL-SENSITIVE"]
    return rows[1:]


def test_a_share_of_fewer_than_5_children_is_its_count_on_the_page_chart_and_downloads(
    client, scenario, no_published_figures
):
    """One child with 3 placements during the year, of one looked after on 31 March: 1 of 1,
    never 100%."""
    three_placements_in_the_year(scenario.users["social_worker"], "Quentin")
    client.force_login(scenario.users["analyst"])
    one_of_one = "1 of 1 (too few for a percentage)"
    page = client.get("/measures/").content.decode()
    assert f'<td class="govuk-table__cell govuk-table__cell--numeric">{one_of_one}</td>' in page
    assert report.TOO_FEW_NOTE in page
    for table in ("dfe", "dfe-comparison"):
        shown = page[page.index(f'id="table-{table}"') :]
        shown = shown[: shown.index("</table>")]
        assert one_of_one in shown and "100.0" not in shown, table
    for table in ("dfe", "dfe-comparison"):
        rows = _below_the_marking(client.get(f"/measures/tables/{table}.csv"))
        assert one_of_one in rows[1], table
        assert "100.0" not in rows[1] and "100" not in rows[1]
        workbook = load_workbook(io.BytesIO(client.get(f"/measures/tables/{table}.xlsx").content))
        values = [cell.value for cell in workbook.active[exports.HEADER_ROW + 1]]
        assert one_of_one in values and 100 not in values, table
    svg = client.get("/measures/charts/dfe-1.svg").content.decode()
    root = ET.fromstring(svg.encode())
    assert [r for r in root.iter("{http://www.w3.org/2000/svg}rect") if r.get("fill") != "#ffffff"] == []
    words = " ".join(" ".join(t.itertext()) for t in root.iter("{http://www.w3.org/2000/svg}text"))
    assert one_of_one in words and "100%" not in words and "100.0%" not in words
    assert report.TOO_FEW_CHART_NOTE in svg


def test_opening_on_the_year_with_published_figures_costs_one_more_query_and_no_work(
    client, scenario, settings, tmp_path, monkeypatch
):
    """The year the page opens on is found from the latest year's stored result; its own stored
    result is one more query. The first view stores it, and the background task keeps it up to
    date from then on."""
    published = latest_year_ending().year - 1
    use_synthetic_figures(settings, tmp_path, year=published)
    three_placements_in_the_year(scenario.users["social_worker"], "Quentin", datetime.date(published, 3, 31))
    refresh_measures(today=timezone.localdate())
    client.force_login(scenario.users["team_manager"])
    client.get("/measures/")  # works out the year opened on, and stores it
    client.get("/measures/")  # this process reads it back
    assert set(MeasuresResult.objects.values_list("year_ending", flat=True)) == {
        latest_year_ending(),
        datetime.date(published, 3, 31),
    }

    def no_working_out(**kwargs):
        raise AssertionError("The figures were worked out on a request")

    monkeypatch.setattr(report, "work_out", no_working_out)
    with CaptureQueriesContext(connection) as queries:
        page = client.get("/measures/").content.decode()
    assert f"records, year ending 31 March {published}</caption>" in page
    assert sum("measures_measuresresult" in q["sql"] for q in queries) == 2
