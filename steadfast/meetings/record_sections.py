"""The stability meetings on a child's and a household's record: on a child's, the endings
that still await a meeting, the meetings, and the link to the Child's Plan; on a household's,
its meetings and the Stability Actions still to do."""

from django.urls import reverse

from steadfast.accounts import access
from steadfast.children.models import Child
from steadfast.core.record_sections import CHILD, HOUSEHOLD, RecordSection

from . import selectors


def _endings_on_child(viewer, child, **shared) -> dict:
    return {
        "endings_awaiting_a_meeting": selectors.endings_awaiting_a_meeting(child),
        "unplanned_endings": selectors.unplanned_endings_in_last_twelve_months(
            children=Child.objects.filter(pk=child.pk)
        ),
        "can_arrange_meeting": access.can_arrange_meeting(viewer),
    }


def _meetings_on_child(viewer, child, **shared) -> dict:
    return {
        "meetings": [(m, selectors.is_late(m)) for m in selectors.meetings_of_child(child)],
        "arrange_meeting_url": reverse("meetings:meeting-arrange", args=[child.pk])
        if access.can_arrange_meeting(viewer)
        else None,
    }


def _plan_on_child(viewer, child, **shared) -> dict:
    return {
        "open_actions": selectors.plan_of_child(child)
        .filter(status__in=selectors.OPEN_ACTION_STATUSES)
        .count()
    }


def _on_household(viewer, household, **shared) -> dict:
    return {
        "unplanned_endings": selectors.unplanned_endings_in_last_twelve_months(
            children=access.children_named_on_household(viewer, household), household=household
        ),
        "meetings": [
            (m, selectors.is_late(m)) for m in selectors.meetings_of_household(household, viewer=viewer)
        ],
        "open_actions": list(selectors.open_actions_of_household(household, viewer=viewer)),
    }


SECTIONS = (
    RecordSection(
        key="endings-awaiting-a-meeting",
        record=CHILD,
        order=10,
        template="meetings/child_endings_section.html",
        context=_endings_on_child,
    ),
    RecordSection(
        key="stability-meetings",
        record=CHILD,
        order=70,
        template="meetings/child_meetings_section.html",
        context=_meetings_on_child,
    ),
    RecordSection(
        key="childs-plan",
        record=CHILD,
        order=90,
        template="meetings/child_plan_section.html",
        context=_plan_on_child,
    ),
    RecordSection(
        key="stability-meetings",
        record=HOUSEHOLD,
        order=60,
        template="meetings/household_meetings_section.html",
        context=_on_household,
    ),
)
