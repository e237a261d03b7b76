"""The assessments on a child's and a household's record."""

from steadfast.core.record_sections import CHILD, HOUSEHOLD, RecordSection

from .selectors import child_assessments_section, household_assessments_section


def _on_child(viewer, child, **shared) -> dict:
    return {"assessments": child_assessments_section(child, viewer=viewer)}


def _on_household(viewer, household, **shared) -> dict:
    return {"assessments": household_assessments_section(household, viewer=viewer)}


SECTIONS = (
    RecordSection(
        key="assessments",
        record=CHILD,
        order=80,
        template="assessments/child_section.html",
        context=_on_child,
    ),
    RecordSection(
        key="assessments",
        record=HOUSEHOLD,
        order=20,
        template="assessments/household_section.html",
        context=_on_household,
    ),
)
