"""Which background tasks are due to be queued, queued once per slot however many schedulers run:
the reminder sweep and the service measures every few minutes, the daily sweep once a day.

`manage.py run_schedule` asks every half minute. A slot is recorded in `ScheduledRun`, whose
unique constraint lets one scheduler, and one only, queue each slot's task: in the same
transaction as the task's own row, so a slot is never recorded without its task."""

import datetime

from django.conf import settings
from django.db import IntegrityError, transaction
from django.tasks import Task
from django.utils import timezone

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


def _queued_already(name: str, slot: datetime.datetime) -> bool:
    return ScheduledRun.objects.filter(name=name, slot=slot).exists()


def queue_due_sweeps(*, now: datetime.datetime) -> list[str]:
    """Queue each task whose slot has come and is not yet queued; returns their names. Another
    scheduler queuing the same slot at the same moment loses to this one, or this one to it."""
    queued = []
    for name, slot in due_slots(now):
        if _queued_already(name, slot):
            continue
        try:
            with transaction.atomic():
                ScheduledRun.objects.create(name=name, slot=slot)
                TASKS[name].enqueue()
        except IntegrityError:
            continue
        queued.append(name)
    return queued
