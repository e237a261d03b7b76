"""Reading the audit trail."""

from django.db.models import Count, Max, QuerySet

from .models import AuditEvent
from .services import CHILD_VIEWED


def viewers_of_child(*, child_id: int) -> QuerySet:
    """Who has read a child's record: one row per person, with how often and when last."""
    return (
        AuditEvent.objects.filter(child_id=child_id, event_type=CHILD_VIEWED, actor__isnull=False)
        .values("actor", "actor__first_name", "actor__last_name", "actor__role")
        .annotate(views=Count("id"), last_viewed_at=Max("occurred_at"))
        .order_by("-last_viewed_at")
    )
