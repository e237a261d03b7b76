"""The audit trail: one append-only row for every change to, and every read of, a case record."""

from django.conf import settings
from django.db import models


class AuditEvent(models.Model):
    """Who did what, when, and to which child or household.

    Child and household are kept as plain ids rather than foreign keys so that the audit app
    depends on no domain app and an audit row can never block or be removed with a record.
    """

    occurred_at = models.DateTimeField(auto_now_add=True, db_index=True)
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    event_type = models.CharField(max_length=64)
    child_id = models.BigIntegerField(null=True, blank=True)
    household_id = models.BigIntegerField(null=True, blank=True)
    object_type = models.CharField(max_length=64, blank=True)
    object_id = models.CharField(max_length=64, blank=True)
    details = models.JSONField(default=dict, blank=True)
    ip_address = models.GenericIPAddressField(null=True, blank=True)

    class Meta:
        ordering = ["-occurred_at", "-id"]
        indexes = [
            models.Index(fields=["child_id", "event_type", "-occurred_at"], name="audit_child_idx"),
            models.Index(fields=["household_id", "event_type", "-occurred_at"], name="audit_household_idx"),
            models.Index(fields=["actor", "-occurred_at"], name="audit_actor_idx"),
        ]

    def __str__(self) -> str:
        return f"{self.event_type} by {self.actor_id} at {self.occurred_at:%Y-%m-%d %H:%M}"


class RefusedRequest(models.Model):
    """Someone asked for a record that exists but that the access rules do not let them see, and
    was answered 404 as if it did not exist. One row per person, record and hour, counting the
    attempts, so that a flood of them costs one small write each and no more rows (ADR 0037).

    The record is named by its kind and id rather than a foreign key, as on `AuditEvent`."""

    actor = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    record_type = models.CharField(max_length=32)
    record_id = models.CharField(max_length=64)
    hour = models.DateTimeField()
    first_at = models.DateTimeField()
    last_at = models.DateTimeField()
    attempts = models.PositiveIntegerField(default=1)
    # The last address asked for and where it came from, in the hour.
    path = models.CharField(max_length=500, blank=True)
    ip_address = models.GenericIPAddressField(null=True, blank=True)

    class Meta:
        ordering = ["-last_at", "-id"]
        constraints = [
            models.UniqueConstraint(
                fields=["actor", "record_type", "record_id", "hour"], name="refused_request_once_an_hour"
            ),
        ]
        indexes = [models.Index(fields=["hour"], name="refused_request_hour_idx")]

    def __str__(self) -> str:
        return f"{self.record_type} {self.record_id} refused to {self.actor_id} ({self.attempts})"
