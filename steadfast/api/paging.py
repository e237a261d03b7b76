"""Cursor pagination for every list: records in the order they last changed (then by id), so
that a list read page by page misses nothing and a sync can start again from where it stopped
(`changed_since`). The cursor is opaque to callers: the change time and id of the last record
given, base64 encoded."""

import base64
import binascii
import datetime
from collections.abc import Callable
from typing import Any

from django.db.models import Q, QuerySet
from ninja import Schema
from pydantic import BaseModel, Field

from steadfast.accounts.models import Allocation

from .fields import Id, text
from .problems import Problem

DEFAULT_LIMIT = 50
MAX_LIMIT = 500
OUT_OF_RANGE = "Give a time well within the years 1 to 9999, for example 2026-04-01T09:00:00Z."
NEEDS_OFFSET = "Give the time with its offset from UTC, for example 2026-04-01T09:00:00Z."
BAD_CURSOR = (
    "This cursor is not one the API gave. Start again without it, or use the last page's next_cursor."
)


class PageQuery(Schema):
    limit: int = Field(DEFAULT_LIMIT, ge=1, le=MAX_LIMIT, description="How many records, at most 500")
    cursor: str | None = Field(None, max_length=200, description="The previous page's next_cursor")
    changed_since: datetime.datetime | None = Field(
        None, description="Only records changed at or after this moment (ISO 8601, with its offset)"
    )


class ChildRecordsQuery(PageQuery):
    """A list of records each of which belongs to a child, filtered as a case system matches them."""

    child_id: Id | None = Field(None, description="Only this child's")
    child_identifier: text(20) | None = Field(None, description="Only the child with this identifier")
    team: Id | None = Field(None, description="Only children allocated now to a member of this team")


def children_of_team(team_id: int) -> QuerySet:
    """The ids of the children allocated now to a member of the team."""
    return Allocation.objects.filter(end_date__isnull=True, worker__team_id=team_id).values("child")


def of_the_children(records: QuerySet, filters: ChildRecordsQuery) -> QuerySet:
    """`records` narrowed to the child or team `filters` name."""
    if filters.child_id is not None:
        records = records.filter(child_id=filters.child_id)
    if filters.child_identifier is not None:
        records = records.filter(child__child_identifier=filters.child_identifier)
    if filters.team is not None:
        records = records.filter(child__in=children_of_team(filters.team))
    return records


class Page[Item](BaseModel):
    items: list[Item]
    next_cursor: str | None = Field(description="Give this as cursor for the next page; null on the last")


def _encode(at: datetime.datetime, pk: int) -> str:
    return base64.urlsafe_b64encode(f"{at.isoformat()}|{pk}".encode()).decode()


def _decode(cursor: str) -> tuple[datetime.datetime, int]:
    try:
        at, pk = base64.urlsafe_b64decode(cursor.encode()).decode().split("|")
        moment = datetime.datetime.fromisoformat(at)
        if moment.tzinfo is None:
            raise ValueError(at)
        return moment.astimezone(datetime.UTC), int(pk)
    except (ValueError, OverflowError, UnicodeError, binascii.Error):
        raise bad_cursor() from None


def bad_cursor() -> Problem:
    """The answer to a cursor that is not one the API gave."""
    return Problem(400, "bad-cursor", "Bad cursor", BAD_CURSOR, errors={"cursor": BAD_CURSOR})


def _refused(title: str, message: str) -> Problem:
    return Problem(400, "bad-query", title, message, errors={"changed_since": message})


def changed_since_as[T](changed_since: datetime.datetime, convert: Callable[[datetime.datetime], T]) -> T:
    """`changed_since` converted as a list compares it (to UTC, or to a day in Steadfast's time
    zone), refused with 400 without its offset, or where the conversion leaves the years 1 to
    9999 (in London, the first seconds of the year 1 in UTC fall in the year 0)."""
    if changed_since.tzinfo is None:
        raise _refused("changed_since needs its offset", NEEDS_OFFSET)
    try:
        return convert(changed_since)
    except OverflowError:
        raise _refused("changed_since out of range", OUT_OF_RANGE) from None


def page_of(records: QuerySet, query: PageQuery, out: Callable[[Any], Any]) -> dict[str, Any]:
    """One page of `records` (already filtered to what the caller may see), each given through
    `out`, and the cursor for the next."""
    if query.changed_since is not None:
        # In UTC, as stored: a database may not take every offset ISO 8601 allows (+22:50).
        since = changed_since_as(query.changed_since, lambda moment: moment.astimezone(datetime.UTC))
        records = records.filter(updated_at__gte=since)
    if query.cursor:
        at, pk = _decode(query.cursor)
        records = records.filter(Q(updated_at__gt=at) | Q(updated_at=at, pk__gt=pk))
    rows = list(records.order_by("updated_at", "pk")[: query.limit + 1])
    more = len(rows) > query.limit
    rows = rows[: query.limit]
    return {
        "items": [out(row) for row in rows],
        "next_cursor": _encode(rows[-1].updated_at, rows[-1].pk) if more else None,
    }
