"""A record with an impossible date, stored before the forms refused it (or loaded from
elsewhere), never takes the measures down: it is left out of every figure, counted, and the page
says so, naming the children only to those who may see them."""

import datetime

import pytest
from django.utils import timezone

from steadfast.children.models import Child
from steadfast.measures.report import Report
from steadfast.measures.service_measures import (
    ConcernRecord,
    MeetingRecord,
    PlacementRecord,
    leave_out_impossible_dates,
)
from steadfast.measures.survival import age_band_at_start
from steadfast.meetings.models import StabilityMeeting
from steadfast.meetings.tests.helpers import a_concern_needing_a_meeting, an_authorised_meeting
from steadfast.placements.models import Placement

from .test_measures_views import no_published_figures as no_published_figures
from .test_measures_views import three_placements_in_the_year

pytestmark = pytest.mark.django_db

TODAY = datetime.date(2026, 6, 1)


def _placement(child_id: int, born: datetime.date, start: datetime.date, end=None) -> PlacementRecord:
    return PlacementRecord(
        id=child_id, child_id=child_id, date_of_birth=born, start=start, end=end, kind="u1"
    )


@pytest.mark.parametrize(
    "born,start,end",
    [
        (datetime.date(2020, 1, 1), datetime.date(2019, 1, 1), None),  # born after moving in
        (datetime.date(2027, 1, 1), datetime.date(2026, 1, 1), None),  # born in the future
        (datetime.date(1066, 1, 1), datetime.date(2020, 1, 1), None),  # before 1900
        (datetime.date(2010, 1, 1), datetime.date(9999, 1, 1), None),  # starts years ahead
        (datetime.date(2010, 1, 1), datetime.date(2020, 1, 1), datetime.date(9999, 12, 31)),
    ],
)
def test_a_child_with_an_impossible_placement_is_left_out_with_all_their_records(born, start, end):
    good = _placement(1, datetime.date(2010, 1, 1), datetime.date(2020, 1, 1))
    bad = _placement(2, born, start, end)
    counted = leave_out_impossible_dates(
        [good, bad, _placement(2, datetime.date(2010, 1, 1), datetime.date(2021, 1, 1))],
        [ConcernRecord(2, datetime.date(2021, 2, 1), "x"), ConcernRecord(1, datetime.date(2021, 2, 1), "x")],
        [MeetingRecord(2, "review", "authorised", datetime.date(2021, 3, 1))],
        today=TODAY,
    )
    assert counted.placements == [good]
    assert [c.child_id for c in counted.concerns] == [1]
    assert counted.meetings == []
    assert counted.left_out == frozenset({2})


def test_a_meeting_in_the_year_9999_leaves_its_child_out():
    counted = leave_out_impossible_dates(
        [], [], [MeetingRecord(3, "review", "planned", datetime.date(9999, 12, 31))], today=TODAY
    )
    assert counted.left_out == frozenset({3})


def test_a_negative_age_is_what_used_to_take_the_measures_down():
    # Why the records are sifted first: the age band of a negative age does not exist.
    with pytest.raises(StopIteration):
        age_band_at_start(_placement(2, datetime.date(2020, 1, 1), datetime.date(2019, 1, 1)))


def _store_impossible_records(scenario) -> Child:
    """Rows no form would take, written past the services: a date of birth after the child moved
    in, a placement before 1900 of another child, and a meeting in the year 9999."""
    child = three_placements_in_the_year(scenario.users["social_worker"], "Impossible")
    first = Placement.objects.filter(child=child).order_by("start_date").first()
    Child.objects.filter(pk=child.pk).update(date_of_birth=first.start_date + datetime.timedelta(days=30))
    other = three_placements_in_the_year(scenario.users["social_worker"], "Ancient")
    Placement.objects.filter(
        pk=Placement.objects.filter(child=other).order_by("start_date").first().pk
    ).update(start_date=datetime.date(1066, 10, 14))
    meeting = an_authorised_meeting(scenario)
    StabilityMeeting.objects.filter(pk=meeting.pk).update(
        scheduled_at=timezone.make_aware(datetime.datetime(9999, 12, 30, 10, 0))
    )
    a_concern_needing_a_meeting(scenario)
    three_placements_in_the_year(scenario.users["social_worker"], "Sound")
    return child


MEASURES_PATHS = [
    "/measures/",
    *(f"/measures/charts/{chart}.svg" for chart in Report.CHARTS),
    *(f"/measures/tables/{table}.{fmt}" for table in Report.TABLES for fmt in ("csv", "xlsx")),
    "/measures/children/three-or-more-placements-in-year/",
    "/measures/children/three-or-more-placements-in-year.csv",
]
AGGREGATE_PATHS = ["/", "/oversight/", "/oversight/signals/", "/children/", "/reminders/"]


def test_every_measures_page_chart_and_download_answers_with_impossible_records_stored(
    client, scenario, no_published_figures
):
    _store_impossible_records(scenario)
    client.force_login(scenario.users["team_manager"])
    for path in MEASURES_PATHS:
        assert client.get(path).status_code == 200, path


def test_the_page_says_how_many_are_left_out_and_links_those_the_user_may_see(
    client, scenario, no_published_figures
):
    child = _store_impossible_records(scenario)
    client.force_login(scenario.users["team_manager"])
    page = client.get("/measures/").content.decode()
    assert (
        "3 children&#39;s records have impossible dates" in page
        or "3 children's records have impossible dates" in page
    )
    assert f'href="/children/{child.pk}/"' in page


def test_an_analyst_is_told_the_count_and_shown_no_names(client, scenario, no_published_figures):
    _store_impossible_records(scenario)
    client.force_login(scenario.users["analyst"])
    page = client.get("/measures/").content.decode()
    assert "impossible dates" in page
    assert "Impossible" not in page and "Ancient" not in page


@pytest.mark.parametrize("username", ["team_manager", "social_worker", "supervising_social_worker"])
def test_the_oversight_counts_signals_and_lists_answer_with_impossible_records_stored(
    client, scenario, username
):
    _store_impossible_records(scenario)
    client.force_login(scenario.users[username])
    for path in AGGREGATE_PATHS:
        assert client.get(path).status_code in (200, 404), path
