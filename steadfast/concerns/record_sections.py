"""The stability concerns and management oversight notes on a child's and a household's record."""

from steadfast.core.record_sections import CHILD, HOUSEHOLD, RecordSection

from .selectors import (
    concerns_of_child,
    concerns_of_household,
    oversight_notes_of_child,
    oversight_notes_of_household,
)


def _on_child(viewer, child, **shared) -> dict:
    return {"concerns": concerns_of_child(child), "oversight_notes": oversight_notes_of_child(child)}


def _on_household(viewer, household, **shared) -> dict:
    return {
        "concerns": concerns_of_household(household, viewer=viewer),
        "oversight_notes": oversight_notes_of_household(household, viewer=viewer),
    }


SECTIONS = (
    RecordSection(
        key="stability-concerns",
        record=CHILD,
        order=50,
        template="concerns/child_concerns_section.html",
        context=_on_child,
    ),
    RecordSection(
        key="stability-concerns",
        record=HOUSEHOLD,
        order=50,
        template="concerns/household_concerns_section.html",
        context=_on_household,
    ),
)
