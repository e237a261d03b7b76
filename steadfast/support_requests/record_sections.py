"""The requests for help on a child's and a household's record."""

from steadfast.core.record_sections import CHILD, HOUSEHOLD, RecordSection

from .selectors import record_section

TEMPLATE = "support_requests/record_section.html"


def _on_child(viewer, child, **shared) -> dict:
    return {"support_requests": record_section(viewer, child=child)}


def _on_household(viewer, household, **shared) -> dict:
    return {"support_requests": record_section(viewer, household=household)}


SECTIONS = (
    RecordSection(key="support-requests", record=CHILD, order=60, template=TEMPLATE, context=_on_child),
    RecordSection(
        key="support-requests", record=HOUSEHOLD, order=30, template=TEMPLATE, context=_on_household
    ),
)
