"""The child's words and pictures story, and their child-friendly plans, on their record."""

from steadfast.accounts import access
from steadfast.core.record_sections import CHILD, RecordSection

from .selectors import PLANS_SHOWN, plans_of_child, story_status_of


def _story_on_child(viewer, child, *, current_placement, today, **shared) -> dict | None:
    """Where the story stands (two queries); None for those who may not read it."""
    if not access.can_read_words_and_pictures(viewer, child):
        return None
    return {
        "words_and_pictures": {
            "status": story_status_of(child, current_placement=current_placement, today=today),
            "can_write": access.can_write_words_and_pictures(viewer, child),
        }
    }


def _plans_on_child(viewer, child, **shared) -> dict | None:
    """The child's newest authorised plans, each with its child-friendly plan if drafted (one
    query); None when there are none or the viewer may not read them."""
    if not access.can_read_words_and_pictures(viewer, child):
        return None
    plans = list(plans_of_child(child)[:PLANS_SHOWN])
    if not plans:
        return None
    return {
        "child_friendly_plans": {
            # A meeting with no child-friendly plan yet has no `child_friendly_plan` to read.
            "meetings": [(meeting, getattr(meeting, "child_friendly_plan", None)) for meeting in plans],
            "can_write": access.can_write_words_and_pictures(viewer, child),
        }
    }


SECTIONS = (
    RecordSection(
        key="words-and-pictures",
        record=CHILD,
        order=32,
        template="words_and_pictures/child_story_section.html",
        context=_story_on_child,
    ),
    RecordSection(
        key="child-friendly-plans",
        record=CHILD,
        order=95,
        template="words_and_pictures/child_plans_section.html",
        context=_plans_on_child,
    ),
)
