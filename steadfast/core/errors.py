"""The error a service raises when what it was asked to record cannot be true, and how a
database that cannot be reached is recognised."""

from django.core.exceptions import ValidationError
from django.db import InterfaceError, OperationalError


class StaleEditError(ValidationError):
    """Someone else changed the record after this user opened it."""


STALE_EDIT = (
    "Someone else changed this record after you opened it. Your changes have not been saved: "
    "check the record as it is now and make your changes again."
)


def database_unavailable(exception: BaseException | None) -> bool:
    """Whether an exception says the database could not be reached or used at all (refused,
    down, the connection lost), rather than that a query was wrong: what PostgreSQL and SQLite
    report as an operational or interface error."""
    return isinstance(exception, OperationalError | InterfaceError)
