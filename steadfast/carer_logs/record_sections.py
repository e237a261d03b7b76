"""The carers' logs on a child's and a household's record."""

from steadfast.core.record_sections import CHILD, HOUSEHOLD, RecordSection

from .selectors import logs_about_child_for, logs_summary_for_household


def _on_child(viewer, child, **shared) -> dict | None:
    logs = logs_about_child_for(child, viewer=viewer)
    return None if logs is None else {"carer_logs": logs}


def _on_household(viewer, household, **shared) -> dict | None:
    summary = logs_summary_for_household(household, viewer=viewer)
    return None if summary is None else {"carer_logs": summary}


SECTIONS = (
    RecordSection(
        key="carer-logs",
        record=CHILD,
        order=40,
        template="carer_logs/child_logs_section.html",
        context=_on_child,
    ),
    RecordSection(
        key="carer-logs",
        record=HOUSEHOLD,
        order=40,
        template="carer_logs/household_logs_section.html",
        context=_on_household,
    ),
)
