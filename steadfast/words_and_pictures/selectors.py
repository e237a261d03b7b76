"""Reading a child's words and pictures story and child-friendly plans, and which children in
care are due a story."""

import datetime
from dataclasses import dataclass

from django.db.models import OuterRef, QuerySet, Subquery

from steadfast.concerns.models import MeetingKind
from steadfast.meetings.models import MeetingStatus, StabilityMeeting
from steadfast.placements.models import Placement

from .models import ChildFriendlyPlan, StoryVersion, WordsAndPicturesStory
from .rules import story_due_on

# Meetings that look back on a move record lessons, not a plan, so have no child-friendly plan.
LOOKING_BACK = (MeetingKind.DISRUPTION, MeetingKind.LEARNING_CIRCLE)
# The record section lists at most this many child-friendly plans; the meetings list has all.
PLANS_SHOWN = 5


@dataclass(frozen=True)
class StoryStatus:
    """Where a child's story stands: the story (None when they have none), its newest version,
    the day it is next due (None: no story and not in care now) and whether that has passed."""

    story: WordsAndPicturesStory | None
    latest: StoryVersion | None
    due_on: datetime.date | None
    overdue: bool


def story_of(child: object) -> WordsAndPicturesStory | None:
    return WordsAndPicturesStory.objects.filter(child=child).first()


def versions_of(story: WordsAndPicturesStory) -> QuerySet[StoryVersion]:
    """Every version of the story, newest first, without their documents' bytes."""
    return story.versions.defer("document").select_related("created_by")


def story_status_of(
    child: object, *, current_placement: Placement | None, today: datetime.date
) -> StoryStatus:
    """Where the child's story stands, with the placement the page already holds."""
    story = WordsAndPicturesStory.objects.filter(child=child).first()
    latest = versions_of(story).first() if story else None
    due = story_due_on(
        last_updated_on=story.last_updated_on if story else None,
        placement_start=current_placement.start_date if current_placement else None,
    )
    return StoryStatus(story=story, latest=latest, due_on=due, overdue=due is not None and due < today)


def placed_children_story_dates(placements: QuerySet[Placement]) -> QuerySet:
    """For each current placement in `placements`, the child, their names, the household, the
    day it began and the day the child's story was last updated (None: no story), in one
    query."""
    last_updated = WordsAndPicturesStory.objects.filter(child=OuterRef("child")).values("last_updated_on")[:1]
    return (
        placements.filter(end_date__isnull=True)
        .annotate(story_updated_on=Subquery(last_updated))
        .values(
            "child_id",
            "household_id",
            "start_date",
            "story_updated_on",
            "child__legal_first_name",
            "child__preferred_name",
            "child__legal_last_name",
        )
    )


def plans_of_child(child: object) -> QuerySet[StabilityMeeting]:
    """The child's authorised stability plans (meetings that agreed a plan), newest first, each
    with its child-friendly plan if one was drafted."""
    return (
        StabilityMeeting.objects.filter(child=child, status=MeetingStatus.AUTHORISED)
        .exclude(kind__in=LOOKING_BACK)
        .select_related("child_friendly_plan")
        .order_by("-scheduled_at", "-id")
    )


def child_friendly_plan_of(meeting: StabilityMeeting) -> ChildFriendlyPlan | None:
    return ChildFriendlyPlan.objects.filter(meeting=meeting).select_related("updated_by").first()
