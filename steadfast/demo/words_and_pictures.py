"""The demo authority's words and pictures stories and child-friendly plans: about half the
children in care have an up-to-date story (one uploaded as a synthetic picture, others written
as pages, one with a picture), some stories are overdue, the rest of the children have none; a
few authorised stability plans have a child-friendly plan, some shared with the child and some
still drafts. Every text and picture is clearly synthetic. Written in bulk, deterministic."""

import datetime
import io
import random

from django.utils import timezone
from PIL import Image, ImageDraw

from steadfast.accounts.models import Allocation, AllocationRole, User
from steadfast.concerns.models import MeetingKind
from steadfast.meetings.models import MeetingStatus, StabilityMeeting
from steadfast.placements.models import Placement
from steadfast.words_and_pictures.drafting import draft_from_plan
from steadfast.words_and_pictures.models import (
    ChildFriendlyPlan,
    DocumentType,
    SharedHow,
    StoryForm,
    StoryPage,
    StoryVersion,
    WordsAndPicturesStory,
)

from .writing import at_hour, write_in_bulk

DEMO_SW = "social.worker"
# Of the children in care, in turn: up to date, up to date, overdue, none, up to date.
PATTERN = ("current", "current", "overdue", "none", "current")
PLANS = 6  # authorised plans given a child-friendly plan; every other one shared
PAGES = (
    "When you were a baby you lived with your mum. She loved you very much (synthetic).",
    "Your mum found it hard to keep you safe, so some grown-ups helped her (synthetic).",
    "A judge decided you would live with foster carers, who look after children (synthetic).",
    "Now you live with your carers. You have your own room and a cat called Pickle (synthetic).",
    "Your social worker visits you to see how you are. You can ask them anything (synthetic).",
)


def _picture(seed: int) -> bytes:
    """A plain synthetic drawing: a house under a sun, with the word "synthetic" on it."""
    rng = random.Random(seed)
    image = Image.new("RGB", (480, 320), (210, 232, 250))
    draw = ImageDraw.Draw(image)
    draw.ellipse((380, 20, 450, 90), fill=(255, 210, 60))
    colour = tuple(rng.randint(80, 200) for _ in range(3))
    draw.rectangle((140, 150, 340, 300), fill=colour)
    draw.polygon([(120, 150), (240, 60), (360, 150)], fill=(150, 60, 50))
    draw.rectangle((220, 220, 260, 300), fill=(90, 60, 30))
    draw.text((20, 20), "My story (synthetic demo picture)", fill=(11, 12, 12))
    out = io.BytesIO()
    image.save(out, format="PNG")
    return out.getvalue()


def _placed_children(today: datetime.date) -> list[tuple[int, datetime.date, int | None]]:
    """(child, current placement's start, social worker) for every child in care, the demo
    social worker's first, so that their work shows each kind of story."""
    workers = dict(
        Allocation.objects.filter(role=AllocationRole.SOCIAL_WORKER, end_date__isnull=True).values_list(
            "child_id", "worker_id"
        )
    )
    demo_sw = User.objects.filter(username=DEMO_SW).values_list("pk", flat=True).first()
    rows = Placement.objects.filter(end_date__isnull=True, start_date__lte=today).values_list(
        "child_id", "start_date"
    )
    placed = [(child, start, workers.get(child)) for child, start in rows]
    return sorted(placed, key=lambda row: (row[2] != demo_sw, row[0]))


def seed_words_and_pictures(*, today: datetime.date, seed: int) -> None:
    rng = random.Random(f"{seed}-words-and-pictures")
    users = {u.pk: u for u in User.objects.filter(pk__in={w for *_, w in _placed_children(today) if w})}
    stories, versions, pages, updated_on = [], [], [], {}
    for n, (child_id, start, worker_id) in enumerate(_placed_children(today)):
        kind = PATTERN[n % len(PATTERN)]
        if kind == "none":
            continue
        worker = users.get(worker_id)
        if kind == "current":
            day = min(
                today,
                max(
                    start + datetime.timedelta(days=rng.randint(3, 25)),
                    today - datetime.timedelta(days=rng.randint(20, 300)),
                ),
            )
        else:
            day = min(start, today) - datetime.timedelta(days=rng.randint(400, 700))
        shared = kind == "current" and rng.random() < 0.7
        stories.append(
            WordsAndPicturesStory(
                child_id=child_id,
                last_updated_on=day,
                last_shared_on=min(today, day + datetime.timedelta(days=rng.randint(0, 10)))
                if shared
                else None,
                shared_how=rng.choice(SharedHow.values) if shared else "",
                created_by=worker,
                updated_by=worker,
            )
        )
        updated_on[child_id] = (day, worker, len(stories) == 1)
    stories = write_in_bulk(stories, WordsAndPicturesStory)
    for story in stories:
        day, worker, first = updated_on[story.child_id]
        who = f"{worker.first_name} (social worker) with the child" if worker else "The child's social worker"
        if first:
            versions.append(
                StoryVersion(
                    story=story,
                    number=1,
                    form=StoryForm.UPLOADED,
                    title="My story, drawn together (synthetic)",
                    made_by=who,
                    document=_picture(seed),
                    document_type=DocumentType.PNG,
                    created_by=worker,
                    updated_by=worker,
                )
            )
        else:
            versions.append(
                StoryVersion(
                    story=story,
                    number=1,
                    form=StoryForm.WRITTEN,
                    title="Why I live with my carers (synthetic)",
                    made_by=who,
                    created_by=worker,
                    updated_by=worker,
                )
            )
    versions = StoryVersion.objects.bulk_create(versions)
    for n, version in enumerate(versions):
        if version.form != StoryForm.WRITTEN:
            continue
        for number, text in enumerate(PAGES[: rng.randint(3, len(PAGES))], start=1):
            picture = _picture(seed + n) if n == 1 and number == 1 else None
            pages.append(
                StoryPage(
                    version=version,
                    number=number,
                    text=text,
                    picture=picture,
                    picture_type=DocumentType.PNG if picture else "",
                    created_by=version.created_by,
                    updated_by=version.created_by,
                )
            )
    StoryPage.objects.bulk_create(pages)
    for version in versions:
        day = updated_on[version.story.child_id][0]
        StoryVersion.objects.filter(pk=version.pk).update(
            created_at=at_hour(day, 11), updated_at=at_hour(day, 11)
        )
    _plans(today=today)


def _plans(*, today: datetime.date) -> None:
    meetings = (
        StabilityMeeting.objects.filter(status=MeetingStatus.AUTHORISED)
        .exclude(kind__in=(MeetingKind.DISRUPTION, MeetingKind.LEARNING_CIRCLE))
        .select_related("child")
        .order_by("-authorised_at", "pk")[:PLANS]
    )
    plans = []
    for n, meeting in enumerate(meetings):
        draft = draft_from_plan(meeting)
        shared = n % 2 == 0
        held = timezone.localdate(meeting.scheduled_at)
        plans.append(
            ChildFriendlyPlan(
                meeting=meeting,
                child=meeting.child,
                talked_about=draft.talked_about,
                agreed=draft.agreed,
                who_will_help=draft.who_will_help,
                drafted_from_authorised_at=meeting.authorised_at,
                shared_on=min(today, held + datetime.timedelta(days=7)) if shared else None,
                shared_how=SharedHow.IN_PERSON if shared else "",
                created_by=meeting.authorised_by,
                updated_by=meeting.authorised_by,
            )
        )
    write_in_bulk(plans, ChildFriendlyPlan)
