"""The sections of a child's and a household's record, and of a stability meeting's page, each
offered by the app that owns it.

An app that shows something on a record declares it in its own `record_sections.py` and
registers it from its `AppConfig.ready()`; the record's page draws the sections registered for
it, in order, and imports nothing from the apps that offer them. So a new part of the service
reaches the record by registering a section, with no change to `children` or `households`.

A section's `context(viewer, record, **shared)` answers the names its template reads, or None
to leave the section out for this viewer. It makes a fixed number of queries, however long the
record's history. `shared` holds what the page has already worked out and several sections
need (always `today`; on a child's record, `current_placement`), so no section asks again.
Each section's names join the page's context, so no two sections of a record may use the same
name, nor one the page uses itself: composing the page refuses that rather than let one
section silently hide another's.
"""

from collections.abc import Callable, Mapping
from dataclasses import dataclass
from typing import Any

from django.core.exceptions import ImproperlyConfigured

CHILD = "child"
HOUSEHOLD = "household"
# A stability meeting's page: what the apps beside meetings record about the meeting.
MEETING = "meeting"
RECORDS = (CHILD, HOUSEHOLD, MEETING)


@dataclass(frozen=True)
class RecordSection:
    """One section of a record: `key` names it (unique on its record), `order` places it
    (lowest first), `template` draws it, and `context` answers what the template reads, or None
    when the viewer is not shown it."""

    key: str
    record: str
    order: int
    template: str
    context: Callable[..., dict[str, Any] | None]


_registry: dict[str, dict[str, RecordSection]] = {record: {} for record in RECORDS}


def register(*sections: RecordSection) -> None:
    """Offer sections to their records. Registering the same section again changes nothing; a
    different section under a key already taken is refused."""
    for section in sections:
        if section.record not in RECORDS:
            raise ImproperlyConfigured(f"A record section is for one of {RECORDS}, not {section.record!r}")
        taken = _registry[section.record].get(section.key)
        if taken is not None and taken != section:
            raise ImproperlyConfigured(
                f"The {section.record}'s record already has a section called {section.key!r}"
            )
        _registry[section.record][section.key] = section


def sections_for(record: str) -> list[RecordSection]:
    """The sections registered for a record, in the order the page shows them."""
    return sorted(_registry[record].values(), key=lambda section: (section.order, section.key))


def compose(record: str, viewer, subject, *, page: Mapping[str, Any], **shared) -> dict[str, Any]:
    """The context of `subject`'s record as `viewer` sees it: the page's own names (`page`),
    `shared`, and `sections`, the sections the viewer is shown in order, with the names their
    templates read."""
    shown: list[RecordSection] = []
    context: dict[str, Any] = {**page, **shared}
    owner: dict[str, str] = dict.fromkeys([*context, "sections"], "the page")
    for section in sections_for(record):
        names = section.context(viewer, subject, **shared)
        if names is None:
            continue
        for name in names:
            if name in owner:
                raise ImproperlyConfigured(
                    f"The {record}'s record section {section.key!r} uses the name {name!r}, "
                    f"already used by {owner[name]}"
                )
            owner[name] = f"section {section.key!r}"
        context.update(names)
        shown.append(section)
    context["sections"] = shown
    return context
