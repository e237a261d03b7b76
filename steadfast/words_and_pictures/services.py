"""Keeping a child's words and pictures story, and the child-friendly plan: every change by a
named actor, in one transaction with its audit event, refused when the record moved on since
the page was drawn."""

import datetime
from dataclasses import dataclass

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone

from steadfast.accounts import access
from steadfast.accounts.models import User
from steadfast.children.models import Child
from steadfast.core.errors import STALE_EDIT, StaleEditError
from steadfast.core.services import create_audited, refuse_if_stale, update_audited
from steadfast.meetings.models import MeetingStatus, StabilityMeeting

from .drafting import draft_from_plan
from .models import ChildFriendlyPlan, StoryForm, StoryPage, StoryVersion, WordsAndPicturesStory
from .uploads import CheckedFile

STORY_STARTED = "WORDS_AND_PICTURES_STORY_STARTED"
STORY_UPDATED = "WORDS_AND_PICTURES_STORY_UPDATED"
STORY_SHARED = "WORDS_AND_PICTURES_STORY_SHARED"
PLAN_DRAFTED = "CHILD_FRIENDLY_PLAN_DRAFTED"
PLAN_EDITED = "CHILD_FRIENDLY_PLAN_EDITED"
PLAN_SHARED = "CHILD_FRIENDLY_PLAN_SHARED"

NOT_ALLOWED = (
    "Only a social worker, senior practitioner, team manager or assistant team manager who can "
    "change this child's record can change their words and pictures story or child-friendly plan."
)
TITLE_NEEDED = "Enter a title for the story"
MADE_BY_NEEDED = "Say who made the story with the child"
PAGES_NEEDED = "Write at least one page of the story"
MAX_PAGES = 30
TOO_MANY_PAGES = f"A written story can have at most {MAX_PAGES} pages. Upload a longer story as a document"
SHARED_IN_FUTURE = "The date it was shared must be today or in the past"
SHARED_BEFORE_STORY = "The date it was shared must be on or after the day the story was last updated"
SHARED_BEFORE_MEETING = "The date it was shared must be on or after the day of the meeting"
PLAN_NOT_AUTHORISED = "A child-friendly plan can only be written once the stability plan is authorised"


@dataclass(frozen=True)
class PageInput:
    """One page of a written story as typed: its words, and its picture if it has one."""

    text: str
    picture: CheckedFile | None = None


def _refuse_unless_may_write(actor: User, child: Child) -> None:
    if not (
        access.can_write_words_and_pictures(actor, child)
        and access.children_visible_to(actor).filter(pk=child.pk).exists()
    ):
        raise ValidationError(NOT_ALLOWED)


def _locked_story(child: Child, seen_version: int | None) -> WordsAndPicturesStory | None:
    """The child's story, locked, refused as stale when it is not the one the page was drawn
    from (0: there was none). The child's row is locked first, so that two first stories for
    one child are made one after the other and the second is refused."""
    Child.objects.select_for_update().filter(pk=child.pk).first()
    story = WordsAndPicturesStory.objects.select_for_update().filter(child=child).first()
    if story is None:
        # 0 stands for "no story yet" (`SeenVersionForm`): one started meanwhile is a change.
        if seen_version != 0:
            raise StaleEditError(STALE_EDIT)
        return None
    refuse_if_stale(story, seen_version)
    return story


def _add_version(
    *, actor: User, child: Child, seen_version: int | None, version: StoryVersion, pages: list[PageInput]
) -> StoryVersion:
    story = _locked_story(child, seen_version)
    today = timezone.localdate()
    if story is None:
        story = create_audited(
            WordsAndPicturesStory(child=child, last_updated_on=today),
            actor=actor,
            event_type=STORY_STARTED,
            child=child,
            details={"form": version.form},
        )
        number = 1
    else:
        number = (story.versions.order_by("-number").values_list("number", flat=True).first() or 0) + 1
        story.last_updated_on = today
        update_audited(
            story,
            actor=actor,
            fields=["last_updated_on"],
            event_type=STORY_UPDATED,
            child=child,
            details={"form": version.form, "version": number},
        )
    version.story = story
    version.number = number
    version.created_by = version.updated_by = actor
    version.full_clean(exclude=["document"])
    version.save()
    StoryPage.objects.bulk_create(
        [
            StoryPage(
                version=version,
                number=n,
                text=page.text,
                picture=page.picture.content if page.picture else None,
                picture_type=page.picture.document_type if page.picture else "",
                created_by=actor,
                updated_by=actor,
            )
            for n, page in enumerate(pages, start=1)
        ]
    )
    return version


def _check_about(title: str, made_by: str) -> dict[str, str]:
    errors = {}
    if not title.strip():
        errors["title"] = TITLE_NEEDED
    if not made_by.strip():
        errors["made_by"] = MADE_BY_NEEDED
    return errors


@transaction.atomic
def upload_story(
    *,
    actor: User,
    child: Child,
    title: str,
    made_by: str,
    document: CheckedFile,
    seen_version: int | None,
) -> StoryVersion:
    """Add an uploaded document (already checked by its content, `uploads.checked_document`) as
    the newest version of the child's story, starting the story if they have none. Every
    earlier version is kept."""
    _refuse_unless_may_write(actor, child)
    if errors := _check_about(title, made_by):
        raise ValidationError(errors)
    version = StoryVersion(
        form=StoryForm.UPLOADED,
        title=title.strip(),
        made_by=made_by.strip(),
        document=document.content,
        document_type=document.document_type,
    )
    return _add_version(actor=actor, child=child, seen_version=seen_version, version=version, pages=[])


@transaction.atomic
def write_story(
    *,
    actor: User,
    child: Child,
    title: str,
    made_by: str,
    pages: list[PageInput],
    seen_version: int | None,
) -> StoryVersion:
    """Add written pages, each with its picture if it has one, as the newest version of the
    child's story, starting it if they have none. Pages with no words and no picture are left
    out. Every earlier version is kept."""
    _refuse_unless_may_write(actor, child)
    kept = [PageInput(text=p.text.strip(), picture=p.picture) for p in pages if p.text.strip() or p.picture]
    errors = _check_about(title, made_by)
    if not kept:
        errors["pages"] = PAGES_NEEDED
    elif len(kept) > MAX_PAGES:
        errors["pages"] = TOO_MANY_PAGES
    if errors:
        raise ValidationError(errors)
    version = StoryVersion(form=StoryForm.WRITTEN, title=title.strip(), made_by=made_by.strip())
    return _add_version(actor=actor, child=child, seen_version=seen_version, version=version, pages=kept)


@transaction.atomic
def record_story_shared(
    *,
    actor: User,
    story: WordsAndPicturesStory,
    shared_on: datetime.date,
    shared_how: str,
    seen_version: int | None,
) -> WordsAndPicturesStory:
    """Record when and how the story, as it is now, was last shared with the child."""
    _refuse_unless_may_write(actor, story.child)
    story = WordsAndPicturesStory.objects.select_for_update().get(pk=story.pk)
    refuse_if_stale(story, seen_version)
    if shared_on > timezone.localdate():
        raise ValidationError({"shared_on": SHARED_IN_FUTURE})
    if shared_on < story.last_updated_on:
        raise ValidationError({"shared_on": SHARED_BEFORE_STORY})
    story.last_shared_on = shared_on
    story.shared_how = shared_how
    return update_audited(
        story,
        actor=actor,
        fields=["last_shared_on", "shared_how"],
        event_type=STORY_SHARED,
        child=story.child_id,
        details={"shared_on": shared_on.isoformat(), "shared_how": shared_how},
    )


@transaction.atomic
def draft_child_friendly_plan(*, actor: User, meeting: StabilityMeeting) -> ChildFriendlyPlan:
    """Draft the child-friendly plan of an authorised stability plan from the plan itself
    (`drafting.draft_from_plan`), for the social worker to edit before it is shared. A plan
    already drafted is kept and returned, never drafted over."""
    meeting = StabilityMeeting.objects.select_for_update().select_related("child").get(pk=meeting.pk)
    _refuse_unless_may_write(actor, meeting.child)
    existing = ChildFriendlyPlan.objects.filter(meeting=meeting).first()
    if existing is not None:
        return existing
    if meeting.status != MeetingStatus.AUTHORISED or meeting.looks_back:
        raise ValidationError(PLAN_NOT_AUTHORISED)
    draft = draft_from_plan(meeting)
    return create_audited(
        ChildFriendlyPlan(
            meeting=meeting,
            child=meeting.child,
            talked_about=draft.talked_about,
            agreed=draft.agreed,
            who_will_help=draft.who_will_help,
            drafted_from_authorised_at=meeting.authorised_at,
        ),
        actor=actor,
        event_type=PLAN_DRAFTED,
        child=meeting.child,
        details={"meeting": meeting.pk},
    )


@transaction.atomic
def edit_child_friendly_plan(
    *,
    actor: User,
    plan: ChildFriendlyPlan,
    talked_about: str,
    agreed: str,
    who_will_help: str,
    seen_version: int | None,
) -> ChildFriendlyPlan:
    """Save the social worker's words for the child-friendly plan; the field history keeps
    every earlier wording."""
    _refuse_unless_may_write(actor, plan.child)
    plan = ChildFriendlyPlan.objects.select_for_update().get(pk=plan.pk)
    refuse_if_stale(plan, seen_version)
    plan.talked_about = talked_about.strip()
    plan.agreed = agreed.strip()
    plan.who_will_help = who_will_help.strip()
    return update_audited(
        plan,
        actor=actor,
        fields=["talked_about", "agreed", "who_will_help"],
        event_type=PLAN_EDITED,
        child=plan.child_id,
        details={"meeting": plan.meeting_id},
    )


@transaction.atomic
def record_child_friendly_plan_shared(
    *,
    actor: User,
    plan: ChildFriendlyPlan,
    shared_on: datetime.date,
    shared_how: str,
    seen_version: int | None,
) -> ChildFriendlyPlan:
    """Record when and how the child-friendly plan was shared with the child."""
    _refuse_unless_may_write(actor, plan.child)
    plan = ChildFriendlyPlan.objects.select_for_update().select_related("meeting").get(pk=plan.pk)
    refuse_if_stale(plan, seen_version)
    if shared_on > timezone.localdate():
        raise ValidationError({"shared_on": SHARED_IN_FUTURE})
    if shared_on < timezone.localdate(plan.meeting.scheduled_at):
        raise ValidationError({"shared_on": SHARED_BEFORE_MEETING})
    plan.shared_on = shared_on
    plan.shared_how = shared_how
    return update_audited(
        plan,
        actor=actor,
        fields=["shared_on", "shared_how"],
        event_type=PLAN_SHARED,
        child=plan.child_id,
        details={"meeting": plan.meeting_id, "shared_on": shared_on.isoformat(), "shared_how": shared_how},
    )
