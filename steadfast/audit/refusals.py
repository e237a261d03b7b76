"""Refused requests: a record that exists, asked for by someone the access rules do not let see
it. They are answered exactly as a record that does not exist (404), and traced here (ADR 0037).

The access helpers call `note_refused`; within a request, `RefusedRequestsMiddleware` writes
what was noted once the response is ready, outside any transaction the view began (so a
rolled-back transaction cannot lose the trace), with the address asked for and where the
request came from. Each refusal is one statement: a row per person, record and hour, its count
of attempts raised when the row is already there."""

import contextvars
import datetime
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from django.db import connection
from django.http import HttpRequest, HttpResponse
from django.utils import timezone

from .addresses import client_address
from .models import RefusedRequest

PATH_LENGTH = RefusedRequest._meta.get_field("path").max_length


@dataclass
class _Request:
    refused: list[tuple[int, str, str]] = field(default_factory=list)


_current: contextvars.ContextVar[_Request | None] = contextvars.ContextVar("refused_requests", default=None)


def note_refused(*, actor: Any, record_type: str, record_id: object) -> None:
    """Trace that `actor` was refused the existing record `record_type` `record_id`. Within a
    request it is written when the response is ready; elsewhere at once."""
    if not getattr(actor, "is_authenticated", False):
        return
    current = _current.get()
    if current is None:
        record_refused(actor_id=actor.pk, record_type=record_type, record_id=str(record_id))
    else:
        current.refused.append((actor.pk, record_type, str(record_id)))


def record_refused(
    *,
    actor_id: int,
    record_type: str,
    record_id: str,
    path: str = "",
    ip_address: str | None = None,
    at: datetime.datetime | None = None,
) -> None:
    """One insert, or one update of the hour's row: never a read first."""
    at = at or timezone.now()
    hour = at.replace(minute=0, second=0, microsecond=0)
    table = RefusedRequest._meta.db_table
    adapt = connection.ops.adapt_datetimefield_value
    with connection.cursor() as cursor:
        cursor.execute(
            # The table name is the model's own; every value is a parameter.
            f"INSERT INTO {table} "
            "(actor_id, record_type, record_id, hour, first_at, last_at, attempts, path, ip_address) "
            "VALUES (%s, %s, %s, %s, %s, %s, 1, %s, %s) "
            "ON CONFLICT (actor_id, record_type, record_id, hour) DO UPDATE SET "
            f"attempts = {table}.attempts + 1, last_at = excluded.last_at, "
            "path = excluded.path, ip_address = excluded.ip_address",
            [
                actor_id,
                record_type,
                record_id[:64],
                adapt(hour),
                adapt(at),
                adapt(at),
                path[:PATH_LENGTH],
                ip_address,
            ],
        )


class RefusedRequestsMiddleware:
    """Writes the refusals noted while a request was answered, once its response is ready."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        current = _Request()
        token = _current.set(current)
        try:
            response = self.get_response(request)
        finally:
            _current.reset(token)
        # Where the request came from is worked out only for a request that was refused.
        for actor_id, record_type, record_id in current.refused:
            record_refused(
                actor_id=actor_id,
                record_type=record_type,
                record_id=record_id,
                path=request.get_full_path(),
                ip_address=client_address(request),
            )
        return response
