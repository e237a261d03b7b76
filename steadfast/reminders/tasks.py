"""The background tasks the schedule queues and `manage.py db_worker` runs."""

from django.tasks import task
from django.utils import timezone

from . import services


@task
def sweep() -> dict[str, int]:
    """Every few minutes: raise the reminders and escalations due work calls for, and escalate
    late requests for help. Emails no digest, so that no one is emailed in the night."""
    return services.sweep_reminders(today=timezone.localdate(), send_digests=False).as_dict()


@task
def daily_sweep() -> dict[str, int]:
    """Once a day: the same sweep, then each person's digest email of what is new for them; and
    the schedule's records older than a month are let go."""
    outcome = services.sweep_reminders(today=timezone.localdate(), send_digests=True)
    services.forget_old_runs(now=timezone.now())
    return outcome.as_dict()
