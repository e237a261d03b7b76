"""Reading the import runs: only an administrator reads them, and they are theirs to read."""

from django.db.models import QuerySet

from .models import ImportRun


def import_runs() -> QuerySet[ImportRun]:
    """Every import run, the latest first, with who asked for it."""
    return ImportRun.objects.select_related("created_by").order_by("-created_at", "-id")
