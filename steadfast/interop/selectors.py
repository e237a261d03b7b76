"""Reading the import runs: only an administrator reads them, and they are theirs to read."""

import contextlib
from pathlib import Path

from django.db.models import QuerySet

from .models import ImportRun, ImportRunStatus

PROGRESS_FILE = "progress"
"""In the run's folder while it imports: how many children are done. The records are saved
together at the end, in one transaction that no other process sees into, so the worker tells the
page how far it has gone through the folder the two share."""


def import_runs() -> QuerySet[ImportRun]:
    """Every import run, the latest first, with who asked for it."""
    return ImportRun.objects.select_related("created_by").order_by("-created_at", "-id")


def children_done(run: ImportRun) -> int | None:
    """How many children a running import has been through so far, as its worker last wrote it;
    None before it starts on them, or once it is no longer running."""
    if run.status != ImportRunStatus.RUNNING:
        return None
    with contextlib.suppress(OSError, ValueError):
        return int((Path(run.folder) / PROGRESS_FILE).read_text())
    return None
