"""The background tasks the schedule queues and `manage.py db_worker` runs."""

from django.tasks import task
from django.utils import timezone

from steadfast.core.sent_forms import forget_old_sent_forms
from steadfast.measures import services as measures

from . import services


@task
def sweep() -> dict[str, int]:
    """Every few minutes: raise the reminders and escalations due work calls for, and escalate
    late requests for help. Emails no digest, so that no one is emailed in the night."""
    return services.sweep_reminders(today=timezone.localdate(), send_digests=False).as_dict()


@task
def daily_sweep() -> dict[str, int]:
    """Once a day: the same sweep, then each person's digest email of what is new for them; the
    schedule's records older than a month, and the forms sent more than a day ago, are let go."""
    outcome = services.sweep_reminders(today=timezone.localdate(), send_digests=True)
    services.forget_old_runs(now=timezone.now())
    forget_old_sent_forms(now=timezone.now())
    # A new day: the measures count to a new today, so they are worked out before the day's
    # first views, rather than waiting for the next slot.
    refresh_measures.enqueue()
    return outcome.as_dict()


@task
def refresh_measures() -> dict[str, list[str]]:
    """Every few minutes, and after the daily sweep: if a record the service measures read has
    changed since they were last worked out (or the day has), work them out again and store
    them for the measures page. Does nothing otherwise."""
    years = measures.refresh_measures(today=timezone.localdate())
    return {"years_worked_out": [year.isoformat() for year in years]}
