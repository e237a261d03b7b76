"""The sweeps and the service measures as background tasks: queued by the schedule and run by the
django-tasks-db worker (`manage.py db_worker`) against the records, as in production."""

import io

import pytest
from django.core import mail
from django.core.management import call_command
from django.tasks import TaskResultStatus
from django.utils import timezone
from django_tasks_db.models import DBTaskResult

from steadfast.measures.models import MeasuresResult
from steadfast.measures.report import latest_year_ended
from steadfast.reminders import tasks
from steadfast.reminders.models import Reminder
from tests.worker import run_the_worker

from .helpers import give_everyone_an_email

pytestmark = pytest.mark.django_db(transaction=True)

# The nine pieces of due work in the test authority (tests/scenario.py), all long overdue: three
# children's statutory visits, and three households' supervision and unannounced visits.
SCENARIO_LEDGER = sorted(
    [
        ("social_worker", "reminder"),
        ("social_worker", "reminder"),
        ("team_manager", "escalation"),
        ("team_manager", "escalation"),
        ("other_social_worker", "reminder"),
        ("other_team_manager", "escalation"),
        *[("supervising_social_worker", "reminder")] * 4,
        *[("fostering_team_manager", "escalation")] * 4,
        # Their team has no manager, and they no line manager: no one to escalate to.
        *[("other_supervising_social_worker", "reminder")] * 2,
    ]
)


@pytest.fixture
def emails(scenario):
    give_everyone_an_email(scenario)


def _ledger() -> list[tuple[str, str]]:
    return sorted(Reminder.objects.values_list("recipient__username", "kind"))


def test_the_worker_runs_the_queued_daily_sweep_over_the_records_once(scenario, emails, signal_handlers):
    mail.outbox.clear()
    tasks.daily_sweep.enqueue()
    tasks.sweep.enqueue()
    run_the_worker()
    results = {r.task_path.rsplit(".", 1)[1]: r for r in DBTaskResult.objects.all()}
    # The daily sweep queues the measures after it, and the worker runs them too.
    assert {name: r.status for name, r in results.items()} == {
        "daily_sweep": TaskResultStatus.SUCCESSFUL,
        "sweep": TaskResultStatus.SUCCESSFUL,
        "refresh_measures": TaskResultStatus.SUCCESSFUL,
    }
    latest = latest_year_ended(timezone.localdate())
    assert results["refresh_measures"].return_value == {"years_worked_out": [latest.isoformat()]}
    assert list(MeasuresResult.objects.values_list("year_ending", flat=True)) == [latest]
    assert results["daily_sweep"].return_value == {
        "reminders": 9,
        "escalations": 7,
        "late_requests_escalated": 0,
        "digests": 7,
    }
    assert results["sweep"].return_value == {
        "reminders": 0,
        "escalations": 0,
        "late_requests_escalated": 0,
        "digests": 0,
    }
    assert _ledger() == SCENARIO_LEDGER
    assert len(mail.outbox) == 7
    assert len({m.to[0] for m in mail.outbox}) == 7
    names = [c.legal_first_name for c in scenario.children.values()]
    names += [c.legal_last_name for c in scenario.children.values()]
    names += [h.name for h in scenario.households.values()] + ["Test Carer"]
    for message in mail.outbox:
        assert not [name for name in names if name in message.body or name in message.subject]


def test_the_schedule_queues_and_the_worker_runs_the_frequent_sweep_without_emailing(
    scenario, emails, signal_handlers, settings
):
    settings.REMINDER_DAILY_SWEEP_AT = "23:59:59.999999"  # not yet today
    mail.outbox.clear()
    call_command("run_schedule", "--once", stdout=io.StringIO())
    assert sorted(DBTaskResult.objects.values_list("task_path", flat=True)) == [
        "steadfast.reminders.tasks.refresh_measures",
        "steadfast.reminders.tasks.sweep",
    ]
    run_the_worker()
    assert set(DBTaskResult.objects.values_list("status", flat=True)) == {TaskResultStatus.SUCCESSFUL}
    assert _ledger() == SCENARIO_LEDGER
    assert mail.outbox == []
    assert MeasuresResult.objects.count() == 1


def test_the_worker_works_the_measures_out_once_until_a_record_changes(scenario, signal_handlers):
    for _ in range(2):
        tasks.refresh_measures.enqueue()
    run_the_worker()
    first, second = DBTaskResult.objects.order_by("enqueued_at", "id")
    latest = latest_year_ended(timezone.localdate()).isoformat()
    assert first.return_value == {"years_worked_out": [latest]}
    assert second.return_value == {"years_worked_out": []}
    assert MeasuresResult.objects.count() == 1
    placement = scenario.children["own"].placements.first()
    placement.save(update_fields=["updated_at"])
    tasks.refresh_measures.enqueue()
    run_the_worker()
    assert MeasuresResult.objects.count() == 2
