"""The base every case-record table stands on: who created and last changed a row, when, and
which version of it this is."""

from django.conf import settings
from django.db import models
from django.db.models import F, Q


class BaseModel(models.Model):
    """Created and updated at and by, and the version, on every table."""

    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
    )
    updated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
    )
    version = models.PositiveIntegerField(
        default=1,
        editable=False,
        help_text="1 when added, one more with each change: a form opened before a change is stale",
    )

    class Meta:
        abstract = True


def end_not_before_start(name: str) -> models.CheckConstraint:
    """The database's guard that a period with a start and an optional end ends no earlier
    than it starts."""
    return models.CheckConstraint(
        condition=Q(end_date__isnull=True) | Q(end_date__gte=F("start_date")), name=name
    )


class SentForm(models.Model):
    """A form post that was answered, or is being answered, kept for a day so that the same
    post sent again (going back and sending, a double click) is not acted on twice (see
    `core.middleware.ResubmissionMiddleware`). `fingerprint` is a hash of the path and the whole
    body, whose CSRF token differs each time a page is drawn; nothing of the body is kept."""

    fingerprint = models.CharField(max_length=64, unique=True)
    # Where the first post's answer sent the person; empty while it is being answered.
    answered_with = models.CharField(max_length=2000, blank=True)
    sent_at = models.DateTimeField(auto_now_add=True, db_index=True)

    def __str__(self) -> str:
        return f"Form sent at {self.sent_at:%Y-%m-%d %H:%M}"
