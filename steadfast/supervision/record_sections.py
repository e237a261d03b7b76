"""The supervision section of a household's record."""

from steadfast.accounts import access
from steadfast.core.record_sections import HOUSEHOLD, RecordSection

from .selectors import (
    concern_raised_by,
    latest_scales_in_household,
    sessions_of_household,
    supervision_due_for,
)


def _on_household(viewer, household, **shared) -> dict | None:
    """What the fostering service sees of the household's supervision; None for anyone else."""
    if not access.can_read_fostering_record(viewer, household):
        return None
    return {
        "supervision": {
            "due": supervision_due_for(household),
            "sessions": sessions_of_household(household)[:12],
            # Prompts lead to the child's record, so only children the viewer may open, living here now.
            "scales": latest_scales_in_household(
                household,
                children=access.children_visible_to(viewer).filter(
                    placements__household=household, placements__end_date__isnull=True
                ),
            ),
            "raised_by": concern_raised_by(viewer),
            "can_record": access.can_record_fostering_work(viewer, household),
        }
    }


SECTIONS = (
    RecordSection(
        key="supervision",
        record=HOUSEHOLD,
        order=10,
        template="supervision/household_supervision_section.html",
        context=_on_household,
    ),
)
