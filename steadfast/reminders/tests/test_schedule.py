"""The schedule: each sweep, and the service measures, queued once per slot, however many
schedulers run or restart."""

import datetime
import io
from zoneinfo import ZoneInfo

import pytest
from django.core.management import call_command
from django_tasks_db.models import DBTaskResult

from steadfast.reminders import schedule, services
from steadfast.reminders.models import ScheduledRun

pytestmark = pytest.mark.django_db

LONDON = ZoneInfo("Europe/London")


def _at(hour: int, minute: int = 0, *, day: int = 2) -> datetime.datetime:
    return datetime.datetime(2026, 11, day, hour, minute, tzinfo=LONDON)


def _queued() -> list[str]:
    return sorted(DBTaskResult.objects.values_list("task_path", flat=True))


SWEEP, DAILY = "steadfast.reminders.tasks.sweep", "steadfast.reminders.tasks.daily_sweep"
MEASURES = "steadfast.reminders.tasks.refresh_measures"
FREQUENT = ["sweep", "measures"]
WITH_DAILY = ["sweep", "daily_sweep", "measures"]


def test_before_the_daily_time_only_the_frequent_sweep_and_the_measures_are_queued():
    assert schedule.queue_due_sweeps(now=_at(6, 58)) == FREQUENT
    assert _queued() == [MEASURES, SWEEP]


def test_a_slot_is_queued_once_however_often_the_scheduler_looks():
    for second in range(0, 240, 30):
        schedule.queue_due_sweeps(now=_at(6, 30) + datetime.timedelta(seconds=second))
    assert _queued() == [MEASURES, SWEEP]
    assert schedule.queue_due_sweeps(now=_at(6, 35)) == FREQUENT
    assert _queued() == [MEASURES, MEASURES, SWEEP, SWEEP]


def test_the_daily_sweep_is_queued_once_a_day_from_its_time():
    assert schedule.queue_due_sweeps(now=_at(7, 0)) == WITH_DAILY
    assert schedule.queue_due_sweeps(now=_at(9, 30)) == FREQUENT
    assert schedule.queue_due_sweeps(now=_at(23, 59)) == FREQUENT
    assert schedule.queue_due_sweeps(now=_at(0, 1, day=3)) == FREQUENT
    assert schedule.queue_due_sweeps(now=_at(7, 2, day=3)) == WITH_DAILY
    assert _queued().count(DAILY) == 2


def test_a_scheduler_started_after_the_daily_time_still_queues_the_days_sweep():
    assert schedule.queue_due_sweeps(now=_at(11, 17)) == WITH_DAILY
    assert ScheduledRun.objects.get(name="daily_sweep").slot == _at(7, 0)


def test_the_measures_share_the_frequent_sweeps_slots():
    schedule.queue_due_sweeps(now=_at(11, 17))
    slots = dict(ScheduledRun.objects.values_list("name", "slot"))
    assert slots["measures"] == slots["sweep"] == _at(11, 15)


def test_the_times_are_settings(settings):
    settings.REMINDER_SWEEP_EVERY_MINUTES = 15
    settings.REMINDER_DAILY_SWEEP_AT = "06:30"
    assert schedule.queue_due_sweeps(now=_at(6, 31)) == WITH_DAILY
    assert schedule.queue_due_sweeps(now=_at(6, 44)) == []
    assert schedule.queue_due_sweeps(now=_at(6, 45)) == FREQUENT


def test_a_second_scheduler_at_the_same_moment_queues_nothing(monkeypatch):
    """Both look before either has recorded the slot; the database lets one record it."""
    assert schedule.queue_due_sweeps(now=_at(7, 0)) == WITH_DAILY
    monkeypatch.setattr(schedule, "_queued_already", lambda name, slot: None)
    assert schedule.queue_due_sweeps(now=_at(7, 0)) == []
    assert _queued() == [DAILY, MEASURES, SWEEP]
    assert ScheduledRun.objects.count() == 3


# A real transaction, as the command has in production: it lets go of a connection the database
# has closed (close_old_connections), which would close a test's wrapping transaction.
@pytest.mark.django_db(transaction=True)
def test_the_command_queues_once_across_restarts():
    out = io.StringIO()
    call_command("run_schedule", "--once", stdout=out)
    call_command("run_schedule", "--once", stdout=out)
    lines = out.getvalue().splitlines()
    assert lines[0] == (
        "Queuing the reminder sweep and the service measures every 5 minutes and the daily sweep at 07:00"
    )
    assert sum("queued the reminder sweep" in line for line in lines) == 1
    assert sum("queued the service measures" in line for line in lines) == 1
    assert _queued().count(SWEEP) == 1
    assert _queued().count(MEASURES) == 1


def test_records_of_old_slots_and_finished_sweeps_are_let_go_after_a_month():
    schedule.queue_due_sweeps(now=_at(7, 0, day=1))
    schedule.queue_due_sweeps(now=_at(7, 0, day=20))
    DBTaskResult.objects.update(status="SUCCESSFUL", finished_at=_at(7, 1, day=1))
    services.forget_old_runs(now=_at(8, 0, day=30))
    assert ScheduledRun.objects.count() == 6
    services.forget_old_runs(now=_at(8, 0, day=2) + datetime.timedelta(days=30))
    assert sorted(ScheduledRun.objects.values_list("name", flat=True)) == ["daily_sweep", "measures", "sweep"]
    assert DBTaskResult.objects.count() == 0


def _the_daily_sweep_fails(at: datetime.datetime) -> None:
    run = ScheduledRun.objects.get(name="daily_sweep")
    DBTaskResult.objects.filter(id=run.task_id).update(status="FAILED", finished_at=at)


def test_a_daily_sweep_that_failed_is_queued_again_five_minutes_later():
    schedule.queue_due_sweeps(now=_at(7, 0))
    _the_daily_sweep_fails(_at(7, 1))
    assert schedule.queue_due_sweeps(now=_at(7, 5)) == FREQUENT  # not yet
    assert schedule.queue_due_sweeps(now=_at(7, 6)) == ["daily_sweep"]
    assert _queued().count(DAILY) == 2
    run = ScheduledRun.objects.get(name="daily_sweep")
    assert run.attempts == 2
    assert DBTaskResult.objects.get(id=run.task_id).status == "READY"
    assert schedule.queue_due_sweeps(now=_at(7, 30)) == FREQUENT  # the new one has not failed


def test_a_daily_sweep_that_keeps_failing_is_tried_five_times_in_all():
    schedule.queue_due_sweeps(now=_at(7, 0))
    for minutes in range(10, 100, 10):
        _the_daily_sweep_fails(_at(7) + datetime.timedelta(minutes=minutes - 9))
        schedule.queue_due_sweeps(now=_at(7) + datetime.timedelta(minutes=minutes))
    assert _queued().count(DAILY) == schedule.DAILY_ATTEMPTS == 5


def test_a_daily_sweep_that_succeeded_and_the_frequent_ones_that_failed_are_not_queued_again():
    schedule.queue_due_sweeps(now=_at(7, 0))
    DBTaskResult.objects.filter(task_path=DAILY).update(status="SUCCESSFUL", finished_at=_at(7, 1))
    DBTaskResult.objects.filter(task_path=SWEEP).update(status="FAILED", finished_at=_at(7, 1))
    assert schedule.queue_due_sweeps(now=_at(7, 3)) == []
    assert _queued() == [DAILY, MEASURES, SWEEP]


def test_two_schedulers_trying_a_failed_daily_sweep_again_queue_it_once():
    schedule.queue_due_sweeps(now=_at(7, 0))
    _the_daily_sweep_fails(_at(7, 1))
    stale = ScheduledRun.objects.get(name="daily_sweep")  # read by the second before the first wrote
    assert "daily_sweep" in schedule.queue_due_sweeps(now=_at(7, 6))
    assert not schedule._try_again(stale)
    assert _queued().count(DAILY) == 2
