"""A restricted record's reviews, on the child's and the household's record."""

from steadfast.accounts import access
from steadfast.core.record_sections import CHILD, HOUSEHOLD, RecordSection

from .selectors import reviews_of, schedule_for


def _section(viewer, record, *, today, whose: dict, url: str) -> dict | None:
    """Shown on a restricted record to everyone who may see it (they hold a grant), and on an
    open record that was once reviewed, so lifting a restriction leaves its reason in view."""
    reviews = list(reviews_of(**whose)[:3])
    if not record.restricted and not reviews:
        return None
    return {
        "restriction_review": {
            "restricted": record.restricted,
            "schedule": schedule_for(record, today=today) if record.restricted else None,
            "reviews": reviews,
            "can_review": record.restricted and access.can_review_restriction(viewer, **whose),
            "review_url": url,
            "record_pk": record.pk,
        }
    }


def _on_child(viewer, child, *, today, **shared) -> dict | None:
    return _section(
        viewer, child, today=today, whose={"child": child}, url="restrictions:child-restriction-review"
    )


def _on_household(viewer, household, *, today, **shared) -> dict | None:
    return _section(
        viewer,
        household,
        today=today,
        whose={"household": household},
        url="restrictions:household-restriction-review",
    )


SECTIONS = (
    RecordSection(
        key="restriction-review",
        record=CHILD,
        order=5,
        template="restrictions/restriction_section.html",
        context=_on_child,
    ),
    RecordSection(
        key="restriction-review",
        record=HOUSEHOLD,
        order=5,
        template="restrictions/restriction_section.html",
        context=_on_household,
    ),
)
