"""The statutory visits on a child's record, and on a household's, those to the children living
there."""

from steadfast.accounts import access
from steadfast.core.record_sections import CHILD, HOUSEHOLD, RecordSection

from .selectors import next_visit_due_for, visits_in_household, visits_of_child


def _on_child(viewer, child, *, current_placement, **shared) -> dict | None:
    """When the next visit is due, from the current placement the page holds, and the latest
    visits; None for those who may not read them."""
    if not access.can_see_statutory_visits(viewer, child):
        return None
    return {
        "statutory_visits": {
            "due": next_visit_due_for(child, placement=current_placement),
            "recent": visits_of_child(child)[:5],
            "can_record": access.can_record_statutory_visit(viewer, child),
        }
    }


def _on_household(viewer, household, **shared) -> dict | None:
    """The visits to the children living in the household whom the viewer may see; None when
    there are none to show."""
    visits = visits_in_household(household, viewer=viewer)
    if not (visits["children"] or visits["recent"]):
        return None
    return {"household_visits": visits}


SECTIONS = (
    RecordSection(
        key="statutory-visits",
        record=CHILD,
        order=30,
        template="visits/child_visits_section.html",
        context=_on_child,
    ),
    RecordSection(
        key="statutory-visits",
        record=HOUSEHOLD,
        order=35,
        template="visits/household_visits_section.html",
        context=_on_household,
    ),
)
