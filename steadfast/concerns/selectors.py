"""Reads about concerns, always through what the user may see."""

from django.db.models import Exists, OuterRef, QuerySet
from django.http import Http404
from django.utils import timezone

from steadfast.accounts.access import children_named_on_household, children_visible_to, refused
from steadfast.accounts.models import User
from steadfast.households.models import Household

from .models import ConcernStatus, ManagementOversightNote, StabilityConcern

# A concern still waiting for its response is late once its due date has passed.
OPEN_STATUSES = (ConcernStatus.AWAITING_TRIAGE, ConcernStatus.MEETING_TO_ARRANGE)


def is_late(concern: StabilityConcern) -> bool:
    return concern.status in OPEN_STATUSES and concern.due_date < timezone.localdate()


def concerns_visible_to(user: User) -> QuerySet[StabilityConcern]:
    return StabilityConcern.objects.filter(child__in=children_visible_to(user).values("pk"))


def get_concern_for_user_or_404(user: User, pk: int) -> StabilityConcern:
    """The concern, if the user may see its child; otherwise 404, as if there were none."""
    concern = (
        concerns_visible_to(user)
        .select_related("child", "household", "created_by", "triaged_by")
        .filter(pk=pk)
        .first()
    )
    if concern is None:
        refused(user, StabilityConcern.objects.all(), "concern", pk)
        raise Http404("No such concern")
    return concern


def concerns_of_child(child: object) -> QuerySet[StabilityConcern]:
    return StabilityConcern.objects.filter(child=child).select_related("household")


def concerns_of_household(household: Household, *, viewer: User) -> QuerySet[StabilityConcern]:
    """The household's concerns about the children the viewer may name on its record, as
    `meetings.selectors.meetings_of_household` gives its meetings, with `may_open`."""
    return (
        StabilityConcern.objects.filter(
            household=household, child__in=children_named_on_household(viewer, household).values("pk")
        )
        .annotate(may_open=Exists(children_visible_to(viewer).filter(pk=OuterRef("child_id"))))
        .select_related("child")
    )


def oversight_notes_of_child(child: object) -> QuerySet[ManagementOversightNote]:
    return ManagementOversightNote.objects.filter(child=child).select_related("created_by", "concern")


def oversight_notes_of_household(household: object, *, viewer: User) -> QuerySet[ManagementOversightNote]:
    return ManagementOversightNote.objects.filter(
        household=household, child__in=children_visible_to(viewer).values("pk")
    ).select_related("created_by", "concern", "child")
