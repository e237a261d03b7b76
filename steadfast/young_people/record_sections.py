"""On a child's record: the links the child was sent to their own page, and what they sent
through them."""

from steadfast.accounts import access
from steadfast.core.record_sections import CHILD, RecordSection

from .selectors import invitations_of_child


def _on_child(viewer, child, **shared) -> dict | None:
    """The child's invitations, newest first, each with what was sent through it; None for
    those who may not read what a child sent."""
    if not access.can_read_childs_own_views(viewer, child):
        return None
    return {
        "childs_own_views": {
            "invitations": list(invitations_of_child(child)[:10]),
            "may_invite": access.can_change_child(viewer, child),
        }
    }


SECTIONS = (
    RecordSection(
        key="childs-own-views",
        record=CHILD,
        order=35,
        template="young_people/child_own_views_section.html",
        context=_on_child,
    ),
)
