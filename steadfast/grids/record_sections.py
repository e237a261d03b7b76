"""The Safety and Well-being Grids on a child's record: the latest Grids, every contributor's
score on each date as a chart with its table, and the steps from Grids that stayed on them."""

from django.urls import reverse

from steadfast.accounts import access
from steadfast.core.record_sections import CHILD, RecordSection

from . import selectors


def _on_child(viewer, child, **shared) -> dict | None:
    """None for those who may not read the child's Grids."""
    if not access.can_see_grids(viewer, child):
        return None
    over_time = selectors.scores_over_time_for(child)
    chart = selectors.scores_chart(over_time, child_name=child.display_name) if over_time.dates else None
    return {
        "grids": {
            "recent": list(selectors.grids_of_child(child)[: selectors.GRIDS_SHOWN]),
            "over_time": over_time,
            "chart": chart,
            "steps": list(selectors.steps_from_grids(child)),
            "make_url": reverse("grids:grid-make", args=[child.pk])
            if access.can_record_grid(viewer, child)
            else None,
        }
    }


SECTIONS = (
    RecordSection(
        key="safety-and-wellbeing-grids",
        record=CHILD,
        order=75,
        template="grids/child_grids_section.html",
        context=_on_child,
    ),
)
