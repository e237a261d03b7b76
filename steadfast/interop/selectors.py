"""Reading the import runs: only an administrator reads them, and they are theirs to read."""

from django.db.models import QuerySet

from steadfast.accounts.models import Role, User

from .models import ImportRun


def may_import_returns(user: User) -> bool:
    """Importing a year's SSDA903 files rewrites many children's records at once: administrators
    only. Everyone else is answered 404."""
    return bool(user.is_authenticated and user.is_active and user.role == Role.ADMINISTRATOR)


def import_runs() -> QuerySet[ImportRun]:
    """Every import run, the latest first, with who asked for it."""
    return ImportRun.objects.select_related("created_by").order_by("-created_at", "-id")
