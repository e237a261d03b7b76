"""Inviting a child to give their views through their own page, what happens when they send
them, and what workers record about them afterwards."""

import datetime
import secrets
from dataclasses import dataclass

from django.contrib.auth.hashers import check_password, make_password
from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone

from steadfast.accounts import access
from steadfast.accounts.models import User
from steadfast.audit.services import record_event
from steadfast.children.models import Child
from steadfast.core.errors import StaleEditError
from steadfast.core.services import create_audited, refuse_if_stale, update_audited
from steadfast.meetings import services as meeting_services
from steadfast.meetings.invitations import hash_views_link
from steadfast.meetings.models import (
    Invitee,
    InviteeGroup,
    InviteeRole,
    MeetingStatus,
    StabilityMeeting,
    ViewsGathered,
)

from . import notifications
from .drawings import Drawing
from .models import ChildsDrawing, ChildsViews, PageVersion, Purpose, SentHow, ViewsInvitation
from .selectors import invitation_open, listeners_for, meetings_to_invite_for

INVITATION_SENT = "CHILDS_VIEWS_INVITATION_SENT"
INVITATION_REVOKED = "CHILDS_VIEWS_INVITATION_REVOKED"
INVITATION_USED = "CHILDS_VIEWS_INVITATION_USED"
PAGE_OPENED = "CHILDS_VIEWS_PAGE_OPENED"
PAGE_REFUSED = "CHILDS_VIEWS_PAGE_REFUSED"
WORD_REFUSED = "CHILDS_VIEWS_WORD_REFUSED"
VIEWS_SENT = "CHILDS_VIEWS_SENT"
VIEWS_READ = "CHILDS_VIEWS_READ"
VIEWS_VIEWED = "CHILDS_VIEWS_VIEWED"
SAFETY_ACTED_ON = "CHILDS_SAFETY_ANSWER_ACTED_ON"
PRIVATE_MESSAGE_READ = "CHILDS_PRIVATE_MESSAGE_READ"
DRAWING_VIEWED = "CHILDS_DRAWING_VIEWED"

LINK_DAYS = 14
"""A link works for this many days unless the worker chooses fewer, and never past the start
of the meeting it is for."""
WORD_TRIES = 5
"""Wrong words before a used link no longer opens at all."""

NOT_ALLOWED = (
    "Only the child's social worker, or a manager or advocate who can change the child's record, "
    "can invite them to give their views."
)
NOT_THEIR_MEETING = "Choose one of the child's meetings still to come"
MEETING_NEEDED = "Choose the meeting the child is giving their views for"
DAYS_OUT_OF_RANGE = f"The link can work for 1 to {LINK_DAYS} days"
EMAIL_NEEDED = "Enter the email address to send the link to"
MOBILE_NEEDED = "Enter the mobile number to send the link to"
ALREADY_REVOKED = "This link was already stopped."
NOTHING_SENT = "Write or choose at least one thing before you send"
NOT_WORRIED = (
    "The child did not say they were unsure about being safe or happy, so there is nothing to record"
)
WHAT_WAS_DONE_NEEDED = "Say what you did after reading what the child said"
ALREADY_USED = "already used"


@dataclass(frozen=True)
class IssuedInvitation:
    """An invitation just made, and the token of its link: the only time the token is known."""

    invitation: ViewsInvitation
    token: str


def _require(allowed: bool) -> None:
    if not allowed:
        raise ValidationError(NOT_ALLOWED)


def _may_invite(actor: User, child: Child) -> bool:
    return (
        access.can_change_child(actor, child)
        and access.children_visible_to(actor).filter(pk=child.pk).exists()
    )


@transaction.atomic
def invite_child_to_give_views(
    *,
    actor: User,
    child: Child,
    purpose: str,
    meeting: StabilityMeeting | None,
    page_version: str,
    days: int,
    sent_how: str,
    email: str = "",
    mobile: str = "",
) -> IssuedInvitation:
    """A single-use link for the child to give their views through their own page, sent by email
    or text once committed, or shown as a code to scan in the room. Neither the address nor the
    token is kept: only the token's SHA-256. A link for the same meeting (or the same purpose,
    without one) that the child has not used yet is stopped: a code drawn again, or a link sent
    again because the first went astray, leaves one way in, not two."""
    _require(_may_invite(actor, child))
    errors: dict[str, str] = {}
    if purpose == Purpose.MEETING:
        if meeting is None:
            errors["meeting"] = MEETING_NEEDED
        elif not meetings_to_invite_for(child).filter(pk=meeting.pk).exists():
            errors["meeting"] = NOT_THEIR_MEETING
    else:
        meeting = None
    if not 1 <= days <= LINK_DAYS:
        errors["days"] = DAYS_OUT_OF_RANGE
    if sent_how == SentHow.EMAIL and not email.strip():
        errors["email"] = EMAIL_NEEDED
    if sent_how == SentHow.TEXT and not mobile.strip():
        errors["mobile"] = MOBILE_NEEDED
    if errors:
        raise ValidationError(errors)
    _replace_unused_links(actor=actor, child=child, purpose=purpose, meeting=meeting)
    token = secrets.token_urlsafe(32)
    expires_at = timezone.now() + datetime.timedelta(days=days)
    if meeting is not None:
        expires_at = min(expires_at, meeting.scheduled_at)
    invitation = create_audited(
        ViewsInvitation(
            child=child,
            purpose=purpose,
            meeting=meeting,
            page_version=PageVersion(page_version),
            sent_how=SentHow(sent_how),
            token_hash=hash_views_link(token),
            expires_at=expires_at,
        ),
        actor=actor,
        event_type=INVITATION_SENT,
        child=child,
        details={"sent_how": sent_how, "purpose": purpose},
    )
    if sent_how == SentHow.EMAIL:
        transaction.on_commit(
            lambda: notifications.send_link_by_email(invitation, token=token, to=email.strip())
        )
    elif sent_how == SentHow.TEXT:
        transaction.on_commit(lambda: notifications.send_link_by_text(invitation, token=token, to=mobile))
    return IssuedInvitation(invitation=invitation, token=token)


def _replace_unused_links(
    *, actor: User, child: Child, purpose: str, meeting: StabilityMeeting | None
) -> None:
    now = timezone.now()
    unused = ViewsInvitation.objects.select_for_update().filter(
        child=child,
        purpose=purpose,
        meeting=meeting,
        used_at__isnull=True,
        revoked_at__isnull=True,
        expires_at__gt=now,
    )
    for invitation in unused:
        invitation.revoked_at = now
        invitation.revoked_by = actor
        update_audited(
            invitation,
            actor=actor,
            fields=["revoked_at", "revoked_by"],
            event_type=INVITATION_REVOKED,
            child=child.pk,
            details={"replaced_by_a_new_link": True},
        )


@transaction.atomic
def revoke_views_invitation(
    *, actor: User, invitation: ViewsInvitation, seen_version: int
) -> ViewsInvitation:
    """Stop the link: it answers as a link that never was, a used one included."""
    _require(_may_invite(actor, invitation.child))
    invitation = ViewsInvitation.objects.select_for_update().get(pk=invitation.pk)
    refuse_if_stale(invitation, seen_version)
    if invitation.revoked_at is not None:
        raise ValidationError(ALREADY_REVOKED)
    invitation.revoked_at = timezone.now()
    invitation.revoked_by = actor
    return update_audited(
        invitation,
        actor=actor,
        fields=["revoked_at", "revoked_by"],
        event_type=INVITATION_REVOKED,
        child=invitation.child_id,
    )


def note_page_use(*, invitation: ViewsInvitation, event_type: str, reason: str = "") -> None:
    """Audit a use of the child's page: no one is signed in, so no actor; against the child."""
    record_event(
        actor=None,
        event_type=event_type,
        subject=invitation,
        child_id=invitation.child_id,
        details={"reason": reason} if reason else None,
    )


@transaction.atomic
def check_word(*, invitation: ViewsInvitation, word: str) -> bool:
    """Whether `word` is the child's own word for a used link. Each wrong one is counted and
    audited; after WORD_TRIES, none is taken."""
    invitation = ViewsInvitation.objects.select_for_update().get(pk=invitation.pk)
    if not invitation.word_hash or invitation.word_failures >= WORD_TRIES:
        return False
    if check_password(word.strip().lower(), invitation.word_hash):
        return True
    invitation.word_failures += 1
    invitation.save(update_fields=["word_failures"])
    note_page_use(invitation=invitation, event_type=WORD_REFUSED)
    return False


def word_tries_left(invitation: ViewsInvitation) -> int:
    return max(WORD_TRIES - invitation.word_failures, 0) if invitation.word_hash else 0


@dataclass(frozen=True)
class SentViews:
    """What the child's page sends, already checked by its form."""

    going_well: str = ""
    worrying: str = ""
    better: str = ""
    home_score: int | None = None
    feels_safe: str = ""
    feels_happy: str = ""
    wants_to_come: str = ""
    who_to_be_there: str = ""
    private_message: str = ""
    private_for: str = ""
    word: str = ""
    drawing: Drawing | None = None

    def is_empty(self) -> bool:
        texts = (self.going_well, self.worrying, self.better, self.who_to_be_there, self.private_message)
        answers = (self.feels_safe, self.feels_happy, self.wants_to_come)
        return (
            not any(t.strip() for t in texts)
            and not any(answers)
            and self.home_score is None
            and not self.drawing
        )


class AlreadySent(Exception):
    """The link was used to send views already: this second send is refused, nothing lost."""

    def __init__(self, used_at: datetime.datetime) -> None:
        super().__init__(ALREADY_USED)
        self.used_at = used_at


@transaction.atomic
def send_childs_views(*, invitation: ViewsInvitation, sent: SentViews) -> ChildsViews:
    """Keep what the child sent through their own page, all of it or nothing. Before a meeting,
    their words become their views for it, in their own words (`ViewsGathered.OWN_PAGE`): the
    child's invitee row is filled, or, when it holds views already, a new one is added beside it
    so that nothing recorded is replaced. Their social worker is told at once; when the child is
    not sure they are safe or happy, their social worker's manager too. No actor: the child is not
    signed in. Raises AlreadySent for a used link, and ValidationError for an empty one or a link
    no longer open."""
    invitation = ViewsInvitation.objects.select_for_update().select_related("child").get(pk=invitation.pk)
    if invitation.used_at is not None:
        raise AlreadySent(invitation.used_at)
    if not invitation_open(invitation):
        raise ValidationError(ALREADY_USED)
    if sent.is_empty():
        raise ValidationError(NOTHING_SENT)
    child = invitation.child
    listener = listeners_for(child).get(sent.private_for) if sent.private_message.strip() else None
    views = create_audited(
        ChildsViews(
            invitation=invitation,
            child=child,
            going_well=sent.going_well.strip(),
            worrying=sent.worrying.strip(),
            better=sent.better.strip(),
            home_score=sent.home_score,
            feels_safe=sent.feels_safe,
            feels_happy=sent.feels_happy,
            wants_to_come=sent.wants_to_come,
            who_to_be_there=sent.who_to_be_there.strip(),
            private_message=sent.private_message.strip() if listener else "",
            private_for=listener.key if listener else "",
            private_for_user=listener.user if listener else None,
        ),
        actor=None,
        event_type=VIEWS_SENT,
        child=child,
        details={"invitation": invitation.pk, "drawings": int(sent.drawing is not None)},
    )
    if sent.drawing is not None:
        ChildsDrawing.objects.create(
            views=views, image=sent.drawing.data, width=sent.drawing.width, height=sent.drawing.height
        )
    invitation.used_at = timezone.now()
    invitation.word_hash = make_password(sent.word.strip().lower()) if sent.word.strip() else ""
    update_audited(
        invitation, actor=None, fields=["used_at", "word_hash"], event_type=INVITATION_USED, child=child
    )
    if invitation.meeting_id is not None:
        _views_for_meeting(invitation.meeting, child=child, views=views)
    transaction.on_commit(lambda: notifications.tell_workers_views_sent(views))
    return views


def _views_for_meeting(meeting: StabilityMeeting, *, child: Child, views: ChildsViews) -> None:
    """The child's words as their views for the meeting, while it is still being prepared."""
    meeting = StabilityMeeting.with_cancelled.get(pk=meeting.pk)
    texts = {"worries": views.worrying, "working_well": views.going_well, "needs_to_happen": views.better}
    if meeting.status not in (MeetingStatus.PLANNED, MeetingStatus.DRAFT) or not any(texts.values()):
        return
    invitee = meeting.invitees.filter(role=InviteeRole.CHILD, views_recorded_at__isnull=True).first()
    if invitee is None:
        invitee = create_audited(
            Invitee(
                meeting=meeting,
                name=child.display_name,
                role=InviteeRole.CHILD,
                group=InviteeGroup.VIEWS_SOUGHT,
            ),
            actor=None,
            event_type=meeting_services.INVITEE_ADDED,
            child=child,
            household=meeting.household_id,
        )
    try:
        meeting_services.record_views(
            actor=None,
            invitee=invitee,
            **texts,
            support_offered="",
            views_gathered=ViewsGathered.OWN_PAGE,
            seen_version=invitee.version,
        )
    except (ValidationError, StaleEditError):
        # The meeting closed, or the row changed, in the moment between: the child's views are
        # kept on their own record all the same, where their social worker reads them.
        return


@transaction.atomic
def note_childs_views_read(*, actor: User, views: ChildsViews) -> None:
    """The child's social worker has read what the child sent: it leaves their My work."""
    views = ChildsViews.objects.select_for_update().get(pk=views.pk)
    if views.read_at is not None:
        return
    views.read_at = timezone.now()
    update_audited(views, actor=actor, fields=["read_at"], event_type=VIEWS_READ, child=views.child_id)


@transaction.atomic
def record_safety_acted_on(
    *, actor: User, views: ChildsViews, what_was_done: str, seen_version: int
) -> ChildsViews:
    """A worker records what they did after a child said they are not sure, or not, safe or
    happy where they live: it leaves My work as urgent."""
    _require(_may_invite(actor, views.child))
    views = ChildsViews.objects.select_for_update().get(pk=views.pk)
    refuse_if_stale(views, seen_version)
    if not views.worried_about_safety:
        raise ValidationError(NOT_WORRIED)
    if not what_was_done.strip():
        raise ValidationError({"what_was_done": WHAT_WAS_DONE_NEEDED})
    views.what_was_done = what_was_done.strip()
    views.acted_at = timezone.now()
    views.acted_by = actor
    if views.read_at is None:
        views.read_at = views.acted_at
    return update_audited(
        views,
        actor=actor,
        fields=["what_was_done", "acted_at", "acted_by", "read_at"],
        event_type=SAFETY_ACTED_ON,
        child=views.child_id,
    )
