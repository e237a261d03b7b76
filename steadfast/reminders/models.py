"""The reminder ledger, and the record of which scheduled sweeps have been queued.

A `Reminder` row is what was raised, for whom and when; its unique constraint on (recipient,
work, stage) is what makes the sweep safe to run again, or twice at once: the second attempt
to raise the same reminder finds the first. Children and households are held as plain ids, as
audit rows hold them (ADR 0005), so a reminder never keeps a record from being changed."""

from django.conf import settings
from django.db import models


class ReminderKind(models.TextChoices):
    REMINDER = "reminder", "Reminder"
    ESCALATION = "escalation", "Escalation"


class ReminderStage(models.TextChoices):
    DUE = "due", "Due"
    OVERDUE = "overdue", "Overdue"
    ESCALATED = "escalated", "Overdue and escalated"


class Reminder(models.Model):
    """One reminder to the person whose work it is, or one escalation to their manager, about
    one piece of due work (`key`, from `my_work.work`) at one stage."""

    recipient = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="reminders"
    )
    key = models.CharField(max_length=200)
    stage = models.CharField(max_length=16, choices=ReminderStage.choices)
    kind = models.CharField(max_length=16, choices=ReminderKind.choices)
    work_kind = models.CharField(max_length=40)
    title = models.CharField(max_length=200)
    url = models.CharField(max_length=500)
    due = models.DateField()
    # Whose work it is: the recipient's own for a reminder, their report's for an escalation.
    owner = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    child_id = models.PositiveBigIntegerField(null=True, blank=True)
    household_id = models.PositiveBigIntegerField(null=True, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)
    emailed_at = models.DateTimeField(null=True, blank=True)
    read_at = models.DateTimeField(null=True, blank=True)
    dismissed_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-created_at", "-pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["recipient", "key", "stage"], name="reminder_once_per_work_and_stage"
            ),
        ]
        indexes = [
            models.Index(fields=["recipient", "dismissed_at", "created_at"]),
            models.Index(fields=["emailed_at", "recipient"]),
        ]

    def __str__(self) -> str:
        return f"{self.get_kind_display()} to {self.recipient}: {self.title}"


class ScheduledRun(models.Model):
    """A slot of the schedule whose task has been queued. The unique constraint means a slot
    is queued once, however many schedulers run and however often they restart; `task_id` is the
    queued task's result, so that a daily sweep that failed can be queued again (`attempts`)."""

    name = models.CharField(max_length=40)
    slot = models.DateTimeField()
    created_at = models.DateTimeField(auto_now_add=True)
    task_id = models.CharField(max_length=64, blank=True)
    attempts = models.PositiveSmallIntegerField(default=1)

    class Meta:
        ordering = ["-slot"]
        constraints = [models.UniqueConstraint(fields=["name", "slot"], name="scheduled_run_once_per_slot")]

    def __str__(self) -> str:
        return f"{self.name} at {self.slot:%Y-%m-%d %H:%M}"
