"""Reads for the child's own page and for the staff who see what a child sent through it."""

import datetime
from dataclasses import dataclass

from django.db.models import Prefetch, Q, QuerySet
from django.utils import timezone

from steadfast.accounts.models import AllocationRole, User
from steadfast.accounts.selectors import current_allocations_for, manager_of
from steadfast.children.models import Child
from steadfast.meetings.invitations import hash_views_link
from steadfast.meetings.models import MeetingStatus, StabilityMeeting
from steadfast.voice.models import FeedbackMethod, VoiceRecord

from .models import Answer, ChildsDrawing, ChildsViews, PrivateFor, ViewsInvitation


def invitation_for_token(token: str) -> ViewsInvitation | None:
    """The invitation whose link carries `token`, whatever its state, or None."""
    return (
        ViewsInvitation.objects.filter(token_hash=hash_views_link(token))
        .select_related("child", "meeting", "created_by")
        .first()
    )


def invitation_open(invitation: ViewsInvitation, *, now: datetime.datetime | None = None) -> bool:
    """Whether the link may still send views: not used, not revoked, not expired."""
    now = now or timezone.now()
    return invitation.used_at is None and invitation.revoked_at is None and now < invitation.expires_at


def meetings_to_invite_for(child: Child) -> QuerySet[StabilityMeeting]:
    """The child's meetings still to come, which a child can be asked to give views before."""
    return StabilityMeeting.objects.filter(
        child=child, status=MeetingStatus.PLANNED, scheduled_at__gt=timezone.now()
    ).order_by("scheduled_at")


def invitations_of_child(child: Child) -> QuerySet[ViewsInvitation]:
    return ViewsInvitation.objects.filter(child=child).select_related(
        "meeting", "created_by", "revoked_by", "views"
    )


@dataclass(frozen=True)
class Listener:
    """Someone a child may send a message for them only: who, and how the child knows them."""

    key: str  # a PrivateFor value
    user: User

    @property
    def label(self) -> str:
        # First name only: the page shows a child nothing more of the people who work with them.
        role = PrivateFor(self.key).label.removeprefix("My ").split(" (")[0]
        return f"{self.user.first_name}, your {role}"


def listeners_for(child: Child) -> dict[str, Listener]:
    """Who the child may write to privately now: their social worker, their independent
    reviewing officer and their social worker's manager, those of them allocated and active."""
    found: dict[str, Listener] = {}
    for allocation in current_allocations_for(child).select_related(
        "worker__line_manager", "worker__team__manager"
    ):
        worker = allocation.worker
        if not worker.is_active:
            continue
        if allocation.role == AllocationRole.SOCIAL_WORKER and PrivateFor.SOCIAL_WORKER not in found:
            found[PrivateFor.SOCIAL_WORKER] = Listener(PrivateFor.SOCIAL_WORKER, worker)
            manager = manager_of(worker)
            if manager is not None:
                found[PrivateFor.TEAM_MANAGER] = Listener(PrivateFor.TEAM_MANAGER, manager)
        elif allocation.role == AllocationRole.IRO and PrivateFor.IRO not in found:
            found[PrivateFor.IRO] = Listener(PrivateFor.IRO, worker)
    return {key: found[key] for key in PrivateFor.values if key in found}


def social_worker_of(child: Child) -> User | None:
    listener = listeners_for(child).get(PrivateFor.SOCIAL_WORKER)
    return listener.user if listener else None


WORRIED = Q(feels_safe__in=(Answer.NO, Answer.NOT_SURE)) | Q(feels_happy__in=(Answer.NO, Answer.NOT_SURE))


def childs_views_awaiting_a_worker() -> QuerySet[ChildsViews]:
    """Views a worker still has to act on: a child's answer that they may not be safe or happy,
    until someone records what they did, and anything else until their social worker reads it."""
    return ChildsViews.objects.filter(
        (WORRIED & Q(acted_at__isnull=True)) | (~WORRIED & Q(read_at__isnull=True))
    )


def views_of_child_by_pk(pk: int) -> ChildsViews | None:
    return (
        ChildsViews.objects.filter(pk=pk)
        .select_related("child", "invitation", "invitation__meeting", "acted_by", "private_for_user")
        .prefetch_related(Prefetch("drawings", queryset=ChildsDrawing.objects.defer("image")))
        .first()
    )


def what_has_happened_for(invitation: ViewsInvitation) -> list[str]:
    """What the child was told has happened because they spoke, to show on their page when they
    open it again with their word: the paragraphs of the feedback written for them in the voice
    record of the meeting their link was for, once their worker has recorded it shared through
    their own page. Nothing before then, and nothing for a link not for a meeting."""
    if invitation.meeting_id is None:
        return []
    record = (
        VoiceRecord.objects.filter(
            meeting_id=invitation.meeting_id, fed_back_how=FeedbackMethod.OWN_PAGE, fed_back_on__isnull=False
        )
        .exclude(feedback_text="")
        .only("feedback_text")
        .first()
    )
    if record is None:
        return []
    return [
        " ".join(part.split())
        for part in record.feedback_text.replace("\r\n", "\n").split("\n\n")
        if part.strip()
    ]
