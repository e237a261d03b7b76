"""Queue the reminder sweeps and the service measures on their schedule, for `manage.py db_worker`
to run. Safe to run more than once, on one server or several, and to restart: each slot is
queued once."""

import time

from django.conf import settings
from django.core.management.base import BaseCommand
from django.db import close_old_connections
from django.utils import timezone

from steadfast.reminders import schedule

LABELS = {
    schedule.SWEEP: "the reminder sweep",
    schedule.DAILY_SWEEP: "the daily sweep and digest emails",
    schedule.MEASURES: "the service measures, worked out again if the records have changed",
}


class Command(BaseCommand):
    help = (
        "Queue the reminder sweep and the service measures every few minutes and the daily sweep "
        "once a day, each slot once."
    )

    def add_arguments(self, parser) -> None:
        parser.add_argument("--once", action="store_true", help="Queue what is due now, then stop.")
        parser.add_argument(
            "--interval", type=float, default=30, help="Seconds between looks at the clock (default 30)."
        )

    def handle(self, *args, once: bool, interval: float, **options) -> None:
        self.stdout.write(
            f"Queuing the reminder sweep and the service measures every "
            f"{settings.REMINDER_SWEEP_EVERY_MINUTES} minutes and the daily sweep at "
            f"{settings.REMINDER_DAILY_SWEEP_AT}"
        )
        try:
            while True:
                # As a request would: drop a connection the database has closed meanwhile.
                close_old_connections()
                for name in schedule.queue_due_sweeps(now=timezone.now()):
                    self.stdout.write(f"{timezone.localtime():%Y-%m-%d %H:%M:%S} queued {LABELS[name]}")
                if once:
                    return
                time.sleep(interval)
        except KeyboardInterrupt:
            self.stdout.write("Stopped")
