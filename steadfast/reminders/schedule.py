"""Which sweeps are due to be queued, queued once per slot however many schedulers run.

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
TASKS: dict[str, Task] = {SWEEP: tasks.sweep, DAILY_SWEEP: tasks.daily_sweep}


def due_slots(now: datetime.datetime) -> list[tuple[str, datetime.datetime]]:
    """The slot of each sweep that has come at `now`: the frequent sweep's always, the daily
    sweep's from its time of day until midnight."""
    slots = [(SWEEP, rules.sweep_slot(now, every_minutes=settings.REMINDER_SWEEP_EVERY_MINUTES))]
    at = rules.parse_time_of_day(settings.REMINDER_DAILY_SWEEP_AT)
    daily = rules.daily_slot(timezone.localtime(now), at=at)
    if daily is not None:
        slots.append((DAILY_SWEEP, daily))
    return slots


def _queued_already(name: str, slot: datetime.datetime) -> bool:
    return ScheduledRun.objects.filter(name=name, slot=slot).exists()


def queue_due_sweeps(*, now: datetime.datetime) -> list[str]:
    """Queue each sweep whose slot has come and is not yet queued; returns their names. Another
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
