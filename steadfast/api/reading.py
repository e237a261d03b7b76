"""Reads through the API are audited as the pages' are: each child's or household's record
read, on a page of a list as much as on its own, shows in "who has viewed this record"."""

from collections.abc import Iterable

from django.http import HttpRequest

from steadfast.audit.addresses import client_address
from steadfast.audit.services import record_views


def audit_read(
    request: HttpRequest,
    *,
    what: str,
    child_ids: Iterable[int | None] = (),
    household_ids: Iterable[int | None] = (),
) -> None:
    """Record that the caller read `what` of these children and households."""
    record_views(
        actor=request.user,
        child_ids=[pk for pk in child_ids if pk is not None],
        household_ids=[pk for pk in household_ids if pk is not None],
        details={"through": "api", "what": what, "path": request.path[:200]},
        ip_address=client_address(request),
    )
