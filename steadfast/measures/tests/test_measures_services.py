"""Working the measures out and keeping the result: the background task's work (a result stored,
nothing done when nothing changed, a new result after a change or on a new day, every year asked
for kept up to date), what a page is given (the newest stored result, or one worked out and
stored when there is none), two workers at once, and the stored result read back from the
database exactly as it was worked out."""

import dataclasses
import datetime
import json
import threading

import pytest
from django.db import connection
from django.utils import timezone

from steadfast.measures import report
from steadfast.measures.models import MeasuresResult
from steadfast.measures.report import Report, latest_year_ended
from steadfast.measures.services import (
    KEEP_RESULTS_PER_YEAR,
    measures_fingerprint,
    measures_to_show,
    refresh_measures,
    stored_measures,
    work_out_measures,
)
from steadfast.meetings.tests.helpers import a_concern_needing_a_meeting, an_authorised_meeting
from tests.factories import PlacementFactory

from .test_measures_views import three_placements_in_the_year

pytestmark = pytest.mark.django_db

IN_YEAR = "three-or-more-placements-in-year"


@pytest.fixture
def today() -> datetime.date:
    return timezone.localdate()


@pytest.fixture
def latest(today) -> datetime.date:
    return latest_year_ended(today)


def counted_in_year(result: report.WorkedOut) -> int:
    return result.dfe.three_or_more_placements_in_year.numerator


def a_second_placement_in_the_year_moved_back(child, latest) -> None:
    """The child's first placement corrected to the year before: two placements in the year."""
    placement = child.placements.order_by("start_date").first()
    placement.start_date = datetime.date(latest.year - 2, 1, 1)
    placement.end_date = datetime.date(latest.year - 1, 3, 31)
    placement.save()


# The background task ---------------------------------------------------------------------------


def test_the_task_stores_a_result_for_the_latest_year_that_has_ended(scenario, today, latest):
    child = three_placements_in_the_year(scenario.users["social_worker"], "Quentin")
    before = timezone.now()
    assert refresh_measures(today=today) == [latest]
    row = MeasuresResult.objects.get()
    assert (row.year_ending, row.day) == (latest, today)
    assert before <= row.worked_out_at <= timezone.now()
    assert row.fingerprint == measures_fingerprint(today=today)
    stored = stored_measures(latest)
    assert stored.year_ending == latest and counted_in_year(stored) == 1
    assert stored_measures(latest, with_children=True).children.lists[IN_YEAR] == {child.pk}


def test_a_second_run_with_no_change_reads_two_things_and_writes_nothing(
    scenario, today, django_assert_num_queries
):
    three_placements_in_the_year(scenario.users["social_worker"], "Quentin")
    refresh_measures(today=today)
    before = list(MeasuresResult.objects.values_list("pk", "worked_out_at", "updated_at"))
    # The records' version, and the newest stored result of each year.
    with django_assert_num_queries(2):
        assert refresh_measures(today=today) == []
    assert list(MeasuresResult.objects.values_list("pk", "worked_out_at", "updated_at")) == before


def test_a_change_to_a_record_leads_to_a_new_result(scenario, today, latest):
    child = three_placements_in_the_year(scenario.users["social_worker"], "Quentin")
    refresh_measures(today=today)
    first = stored_measures(latest)
    a_second_placement_in_the_year_moved_back(child, latest)
    assert refresh_measures(today=today) == [latest]
    newest = stored_measures(latest)
    assert newest.worked_out_at > first.worked_out_at
    assert counted_in_year(first) == 1 and counted_in_year(newest) == 0
    assert refresh_measures(today=today) == []


@pytest.mark.parametrize(
    "change",
    [
        lambda s: s.children["own"].save(update_fields=["updated_at"]),
        lambda s: s.children["other"].placements.get().save(update_fields=["updated_at"]),
        lambda s: PlacementFactory(),
        lambda s: a_concern_needing_a_meeting(s),
        lambda s: an_authorised_meeting(s),
    ],
    ids=["a child changed", "a placement changed", "a child placed", "a concern", "a meeting"],
)
def test_each_kind_of_record_the_measures_read_is_noticed(scenario, today, change):
    refresh_measures(today=today)
    change(scenario)
    assert refresh_measures(today=today) != []


def test_a_new_day_leads_to_a_new_result(scenario, today, latest):
    refresh_measures(today=today)
    tomorrow = today + datetime.timedelta(days=1)
    assert refresh_measures(today=tomorrow) == [latest_year_ended(tomorrow)]
    assert stored_measures(latest_year_ended(tomorrow)).day == tomorrow


def test_the_newest_two_results_of_a_year_are_kept(scenario, today, latest):
    placement = scenario.children["own"].placements.get()
    for _ in range(4):
        placement.save(update_fields=["updated_at"])
        refresh_measures(today=today)
    assert MeasuresResult.objects.count() == KEEP_RESULTS_PER_YEAR
    newest = MeasuresResult.objects.order_by("-worked_out_at").first()
    assert stored_measures(latest).worked_out_at == newest.worked_out_at


def test_every_year_asked_for_is_kept_up_to_date(scenario, today, latest):
    earlier = datetime.date(latest.year - 1, 3, 31)
    child = three_placements_in_the_year(scenario.users["social_worker"], "Quentin", earlier)
    # Working out the year asked for, and the latest, whose figures say which years there are.
    assert measures_to_show(year_ending=earlier, today=today).year_ending == earlier
    assert sorted(MeasuresResult.objects.values_list("year_ending", flat=True)) == [earlier, latest]
    assert refresh_measures(today=today) == []
    child.placements.order_by("start_date").first().save(update_fields=["updated_at"])
    assert refresh_measures(today=today) == [latest, earlier]
    assert stored_measures(earlier).year_ending == earlier


def test_a_year_the_records_do_not_cover_is_never_worked_out_or_stored(scenario, today, latest):
    three_placements_in_the_year(scenario.users["social_worker"], "Quentin")
    shown = measures_to_show(year_ending=datetime.date(1990, 3, 31), today=today)
    assert shown.year_ending == latest
    assert list(MeasuresResult.objects.values_list("year_ending", flat=True)) == [latest]


def test_with_no_year_ended_the_latest_is_stored_to_say_so(today, latest):
    PlacementFactory(start_date=today)
    assert refresh_measures(today=today) == [latest]
    stored = stored_measures(latest)
    assert stored.year_ending is None and stored.dfe is None and stored.figures.years == []


# What a page is given --------------------------------------------------------------------------


def test_a_page_is_given_the_stored_result_though_a_record_has_changed_since(scenario, today, latest):
    child = three_placements_in_the_year(scenario.users["social_worker"], "Quentin")
    refresh_measures(today=today)
    a_second_placement_in_the_year_moved_back(child, latest)
    shown = measures_to_show(year_ending=None, today=today, with_children=True)
    assert counted_in_year(shown) == 1 and shown.children.lists[IN_YEAR] == {child.pk}
    assert MeasuresResult.objects.count() == 1


def test_with_none_stored_a_page_works_the_measures_out_and_stores_them(scenario, today, latest):
    child = three_placements_in_the_year(scenario.users["social_worker"], "Quentin")
    shown = measures_to_show(year_ending=None, today=today, with_children=True)
    assert counted_in_year(shown) == 1 and shown.children.lists[IN_YEAR] == {child.pk}
    assert shown.children.placements == {child.pk: (3, 0)}
    # Read back from the database, it is what was worked out, to the last digit.
    assert stored_measures(latest, with_children=True) == shown
    assert stored_measures(latest) == dataclasses.replace(shown, children=None)


def test_a_stored_result_in_a_form_this_code_cannot_read_is_not_read(scenario, today, latest):
    three_placements_in_the_year(scenario.users["social_worker"], "Quentin")
    refresh_measures(today=today)
    # As stored by an older version of the code: its fingerprint names its form too.
    MeasuresResult.objects.update(shape="an older form", fingerprint="worked out in the older form")
    assert stored_measures(latest) is None
    assert measures_to_show(year_ending=None, today=today).year_ending == latest
    assert list(MeasuresResult.objects.values_list("shape", flat=True)) == [report.STORED_FORM.shape]


def test_the_stored_result_names_no_child(scenario, today):
    three_placements_in_the_year(scenario.users["social_worker"], "Quentin")
    refresh_measures(today=today)
    row = MeasuresResult.objects.get()
    stored = json.dumps([row.figures, row.children])
    for child in scenario.children.values():
        assert child.legal_first_name not in stored and child.legal_last_name not in stored
    assert "Quentin" not in stored and "Example" not in stored


# Two workers -----------------------------------------------------------------------------------


def test_two_workers_working_out_the_same_records_store_them_once(scenario, today, latest):
    first = work_out_measures(today=today, years=[latest])[latest]
    second = work_out_measures(today=today, years=[latest])[latest]
    row = MeasuresResult.objects.get()
    assert row.worked_out_at == second.worked_out_at > first.worked_out_at


def test_a_worker_that_read_the_records_earlier_never_hides_a_newer_result(
    scenario, today, latest, monkeypatch
):
    """Worker A reads the records; meanwhile a placement changes, and worker B works the measures
    out and stores them, start to finish; then A stores what it read."""
    child = three_placements_in_the_year(scenario.users["social_worker"], "Quentin")
    reading = report.work_out

    def worker_a_reads_then_waits(**kwargs):
        read = reading(**kwargs)
        monkeypatch.setattr(report, "work_out", reading)
        a_second_placement_in_the_year_moved_back(child, latest)
        assert refresh_measures(today=today) == [latest]  # worker B
        return read

    monkeypatch.setattr(report, "work_out", worker_a_reads_then_waits)
    assert refresh_measures(today=today) == [latest]  # worker A
    assert MeasuresResult.objects.count() == 2
    assert counted_in_year(stored_measures(latest)) == 0
    assert refresh_measures(today=today) == []


@pytest.mark.django_db(transaction=True)
def test_two_workers_at_the_same_moment_store_one_result(monkeypatch):
    if connection.vendor != "postgresql":
        pytest.skip("SQLite lets one connection write at a time; PostgreSQL shows the race")
    PlacementFactory()
    today = timezone.localdate()
    both_have_read = threading.Barrier(2, timeout=60)
    reading = report.work_out

    def read_then_wait(**kwargs):
        read = reading(**kwargs)
        both_have_read.wait()
        return read

    monkeypatch.setattr(report, "work_out", read_then_wait)
    outcomes = []

    def worker() -> None:
        try:
            outcomes.append(refresh_measures(today=today))
        except Exception as error:
            outcomes.append(error)
        finally:
            connection.close()

    workers = [threading.Thread(target=worker) for _ in range(2)]
    for thread in workers:
        thread.start()
    for thread in workers:
        thread.join()
    assert outcomes == [[latest_year_ended(today)]] * 2
    assert MeasuresResult.objects.count() == 1


# Read back exactly ----------------------------------------------------------------------------


@pytest.mark.parametrize("year_back", [0, 1])
def test_a_demo_authoritys_measures_read_back_exactly_and_draw_the_same_page(settings, tmp_path, year_back):
    """Everything the page, its charts and its downloads show, drawn from the stored result, is
    what the same figures give as first worked out."""
    from steadfast.demo.services import seed_demo_authority

    settings.PUBLISHED_STATISTICS_DIR = tmp_path
    seed_demo_authority(children=200, password="demo-password-for-tests")
    today = timezone.localdate()
    year = datetime.date(latest_year_ended(today).year - year_back, 3, 31)
    worked_out = work_out_measures(today=today, years=[year])[year]
    stored = stored_measures(year, with_children=True)
    assert stored == worked_out
    assert worked_out.figures.survival_by_type and worked_out.children.placements
    fresh, again = Report(result=worked_out), Report(result=stored)
    for key in Report.TABLES:
        assert again.table(key) == fresh.table(key)
    for key in Report.CHARTS:
        a, b = again.chart(key), fresh.chart(key)
        assert (a.key, a.summary, a.draw()) == (b.key, b.summary, b.draw())
    for measure in report.DFE_CHILDREN:
        ids = again.dfe_children(measure)
        assert ids == fresh.dfe_children(measure)
        assert again.dfe_child_placements(ids) == fresh.dfe_child_placements(ids)
