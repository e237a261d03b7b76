"""The statutory visits on a child's record."""

from steadfast.accounts import access
from steadfast.core.record_sections import CHILD, RecordSection

from .selectors import next_visit_due_for, visits_of_child


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


SECTIONS = (
    RecordSection(
        key="statutory-visits",
        record=CHILD,
        order=30,
        template="visits/child_visits_section.html",
        context=_on_child,
    ),
)
