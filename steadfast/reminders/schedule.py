"""Which background tasks are due to be queued, queued once per slot however many schedulers run:
the reminder sweep and the service measures every few minutes, the daily sweep once a day.

`manage.py run_schedule` asks every half minute. A slot is recorded in `ScheduledRun`, whose
unique constraint lets one scheduler, and one only, queue each slot's task: in the same
transaction as the task's own row, so a slot is never recorded without its task.

The frequent tasks come round again in minutes, but the daily sweep sends the day's digests: if
it failed (the database away for a moment at 07:00, say), it is queued again RETRY_AFTER after
it failed, up to DAILY_ATTEMPTS times in all."""

import datetime

from django.conf import settings
from django.db import IntegrityError, transaction
from django.tasks import Task
from django.utils import timezone
from django_tasks_db.models import DBTaskResult

from . import rules, tasks
from .models import ScheduledRun

SWEEP = "sweep"
DAILY_SWEEP = "daily_sweep"
MEASURES = "measures"
TASKS: dict[str, Task] = {
    SWEEP: tasks.sweep,
    DAILY_SWEEP: tasks.daily_sweep,
    MEASURES: tasks.refresh_measures,
}
RETRY_AFTER = datetime.timedelta(minutes=5)
DAILY_ATTEMPTS = 5


def due_slots(now: datetime.datetime) -> list[tuple[str, datetime.datetime]]:
    """The slot of each task that has come at `now`: the frequent sweep's and the measures'
    always (the same slots), the daily sweep's from its time of day until midnight."""
    frequent = rules.sweep_slot(now, every_minutes=settings.REMINDER_SWEEP_EVERY_MINUTES)
    slots = [(SWEEP, frequent)]
    at = rules.parse_time_of_day(settings.REMINDER_DAILY_SWEEP_AT)
    daily = rules.daily_slot(timezone.localtime(now), at=at)
    if daily is not None:
        slots.append((DAILY_SWEEP, daily))
    slots.append((MEASURES, frequent))
    return slots


def _queued_already(name: str, slot: datetime.datetime) -> ScheduledRun | None:
    return ScheduledRun.objects.filter(name=name, slot=slot).first()


def _failed_a_while_ago(run: ScheduledRun, now: datetime.datetime) -> bool:
    return DBTaskResult.objects.failed().filter(id=run.task_id, finished_at__lte=now - RETRY_AFTER).exists()


def _try_again(run: ScheduledRun) -> bool:
    """Queue a failed daily sweep again, unless another scheduler has just done so."""
    with transaction.atomic():
        again = ScheduledRun.objects.filter(pk=run.pk, attempts=run.attempts).update(
            attempts=run.attempts + 1, task_id=str(TASKS[run.name].enqueue().id)
        )
        if not again:
            transaction.set_rollback(True)
    return bool(again)


def queue_due_sweeps(*, now: datetime.datetime) -> list[str]:
    """Queue each task whose slot has come and is not yet queued, and a daily sweep that failed;
    returns their names. Another scheduler queuing the same slot at the same moment loses to this
    one, or this one to it."""
    queued = []
    for name, slot in due_slots(now):
        run = _queued_already(name, slot)
        if run is not None:
            if (
                name == DAILY_SWEEP
                and run.attempts < DAILY_ATTEMPTS
                and _failed_a_while_ago(run, now)
                and _try_again(run)
            ):
                queued.append(name)
            continue
        try:
            with transaction.atomic():
                ScheduledRun.objects.create(name=name, slot=slot, task_id=str(TASKS[name].enqueue().id))
        except IntegrityError:
            continue
        queued.append(name)
    return queued
