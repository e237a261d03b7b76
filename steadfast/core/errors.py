"""The error a service raises when what it was asked to record cannot be true."""

from django.core.exceptions import ValidationError


class StaleEditError(ValidationError):
    """Someone else changed the record after this user opened it."""


STALE_EDIT = (
    "Someone else changed this record after you opened it. Your changes have not been saved: "
    "check the record as it is now and make your changes again."
)
