"""Reads every app shares: what changed in a record since a version someone saw."""

import datetime
from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Any

from django.db import models

from .jinja2 import govuk_date

# Bookkeeping, not anything a person changed: never listed as a change.
NOT_SHOWN = frozenset({"id", "created_at", "created_by", "updated_at", "updated_by", "version"})


@dataclass(frozen=True)
class FieldChange:
    label: str
    value: str


@dataclass(frozen=True)
class Change:
    """One saved change to a record: its version, who made it and when, and the new values."""

    version: int
    by: str
    at: datetime.datetime
    fields: list[FieldChange] = field(default_factory=list)


def _shown(record: models.Model, name: str, value: Any) -> str:
    model_field = record._meta.get_field(name)
    if value in (None, ""):
        return "Blank"
    if model_field.is_relation:
        related = model_field.related_model._default_manager.filter(pk=value).first()
        return _person(related) if hasattr(related, "get_full_name") else str(related or "Removed")
    if model_field.choices:
        return str(dict(model_field.flatchoices).get(value, value))
    if isinstance(value, bool):
        return "Yes" if value else "No"
    if isinstance(value, datetime.date):
        return govuk_date(value)
    if isinstance(value, list | tuple):
        return ", ".join(str(v) for v in value) or "None"
    return str(value)


def _shown_as_change(record: models.Model, name: str) -> bool:
    return name not in NOT_SHOWN and record._meta.get_field(name).editable


def _label(record: models.Model, name: str) -> str:
    label = str(record._meta.get_field(name).verbose_name)
    return label[:1].upper() + label[1:]


def _person(user: Any) -> str:
    return (user.get_full_name() or user.get_username()) if user else "Someone"


def changes_since(
    record: models.Model,
    seen_version: int | None,
    *,
    viewer: Any = None,
    fields: Iterable[str] | None = None,
) -> list[Change]:
    """The changes saved to `record` after `seen_version`, oldest first, from its field
    history: who made each (`You` when it was `viewer`, in another tab or window), when, and
    each field's new value. Empty when the version is unknown or nothing is recorded. With
    `fields`, only those are listed: a form showing part of a record lists only that part,
    never the bookkeeping beside it."""
    history = getattr(record, "history", None)
    if history is None or seen_version is None:
        return []
    rows = list(
        history.filter(version__gte=seen_version)
        .select_related("history_user")
        .order_by("version", "history_date")
    )
    only = None if fields is None else frozenset(fields)
    changes = []
    before = None
    for after in rows:
        if after.version <= seen_version:
            before = after
            continue
        changes.append(_change(record, before, after, viewer=viewer, only=only))
        before = after
    return changes


def _change(record: Any, before: Any, after: Any, *, viewer: Any, only: frozenset | None) -> Change:
    """One history row of `record` (a record or its model) as a change: against the row it
    replaced, `before`, the fields that changed; a row added, every value it was added with."""
    if before is not None:
        pairs = [(c.field, c.new) for c in after.diff_against(before).changes]
    elif after.history_type == "+":
        pairs = _values(record, after)
    else:
        # Without the row it replaced (history kept from later on), who and when still show.
        pairs = []
    return _as_change(
        record, after.version, after.history_user, after.history_date, pairs, viewer=viewer, only=only
    )


def _values(record: Any, row: Any) -> list[tuple[str, Any]]:
    return [(f.name, getattr(row, f.attname)) for f in record._meta.concrete_fields]


def _as_change(
    record: Any,
    version: int,
    user: Any,
    at: datetime.datetime,
    pairs: list,
    *,
    viewer: Any,
    only: frozenset | None,
) -> Change:
    shown = [
        FieldChange(label=_label(record, name), value=_shown(record, name, value))
        for name, value in pairs
        if _shown_as_change(record, name) and (only is None or name in only)
    ]
    by = "You, in another tab or window" if viewer is not None and user == viewer else _person(user)
    return Change(version=version, by=by, at=at, fields=shown)


def rows_version(rows: models.QuerySet) -> int:
    """The version of a set of rows that a form changes as a whole (a child's allocations, the
    list of people a meeting's minutes went to): how many changes have been saved to them,
    given as their field history, or as the rows themselves where rows are only ever added. It
    grows by one with every change made through `core.services`, so a form carries it as it
    would a record's `version`; the service, holding the rows' parent locked, compares it again
    (`core.services.refuse_if_rows_changed`)."""
    return rows.count()


def changes_to_rows_since(
    rows: models.QuerySet,
    seen_version: int | None,
    *,
    viewer: Any = None,
    fields: Iterable[str] | None = None,
) -> list[Change]:
    """The changes saved to a set of rows (`rows_version`) after `seen_version`, oldest first,
    as `changes_since` gives them: for a row added, what it was added with; for a row changed,
    what changed."""
    if seen_version is None:
        return []
    only = None if fields is None else frozenset(fields)
    model = getattr(rows.model, "instance_type", None)
    if model is None:  # rows only ever added
        added = rows.select_related("created_by").order_by("id")[seen_version:]
        return [
            _as_change(
                rows.model,
                n,
                row.created_by,
                row.created_at,
                _values(rows.model, row),
                viewer=viewer,
                only=only,
            )
            for n, row in enumerate(added, start=seen_version + 1)
        ]
    history = rows.select_related("history_user").order_by("history_id")[seen_version:]
    return [_change(model, after.prev_record, after, viewer=viewer, only=only) for after in history]
