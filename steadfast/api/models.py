"""What the API keeps of its own: the answers to writes sent with an Idempotency-Key."""

from django.conf import settings
from django.db import models


class IdempotentRequest(models.Model):
    """A write sent with an `Idempotency-Key`, and the answer it was given, kept for a day so
    that the same write sent again (a retry after a lost answer) is answered the same way and
    done once. Keys belong to the account the token acts as. `fingerprint` is a hash of the
    method, path and body: the same key with another request is refused."""

    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")
    key = models.CharField(max_length=255)
    fingerprint = models.CharField(max_length=64)
    status = models.PositiveSmallIntegerField()
    body = models.TextField(blank=True)
    content_type = models.CharField(max_length=100)
    created_at = models.DateTimeField(auto_now_add=True, db_index=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["user", "key"], name="idempotency_key_once_per_account"),
        ]

    def __str__(self) -> str:
        return f"{self.key} ({self.status})"
