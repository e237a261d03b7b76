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
        if before is not None:
            pairs = [(c.field, c.new) for c in after.diff_against(before).changes]
        elif after.history_type == "+":
            # Added meanwhile: every value it was added with.
            pairs = [(f.name, getattr(after, f.attname)) for f in record._meta.concrete_fields]
        else:
            # Without the row it replaced (history kept from later on), who and when still show.
            pairs = []
        before = after
        shown = [
            FieldChange(label=_label(record, name), value=_shown(record, name, value))
            for name, value in pairs
            if _shown_as_change(record, name) and (only is None or name in only)
        ]
        user = after.history_user
        by = "You, in another tab or window" if viewer is not None and user == viewer else _person(user)
        changes.append(Change(version=after.version, by=by, at=after.history_date, fields=shown))
    return changes
