"""The stability signals on a child's record."""

from steadfast.core.record_sections import CHILD, RecordSection

from .selectors import child_signals_section


def _on_child(viewer, child, *, today, **shared) -> dict:
    return {"signals_shown": child_signals_section(viewer, child, today=today)}


SECTIONS = (
    RecordSection(
        key="stability-signals",
        record=CHILD,
        order=20,
        template="signals/child_signals_section.html",
        context=_on_child,
    ),
)
