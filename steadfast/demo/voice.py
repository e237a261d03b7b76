"""The child's voice in the demo authority's meetings and some significant decisions, all
fictional, at every stage of the Lundy model: views not sought (with the reason), what the child
said with nothing yet recorded of what changed, what changed but not yet fed back, fed back in
time and fed back late. Meetings sent for authorisation always have it; a few records still in
draft do not yet. Drawn from a random stream of its own."""

import datetime
import random

from django.utils import timezone

from steadfast.accounts.models import Allocation, AllocationRole, User
from steadfast.core.working_days import add_working_days
from steadfast.meetings.models import MeetingStatus, StabilityMeeting
from steadfast.voice import services
from steadfast.voice.models import FeedbackMethod, Influence, InfluenceOutcome, VoiceRecord
from steadfast.voice.rules import FEEDBACK_WORKING_DAYS, Asked, draft_feedback

from .writing import write_in_bulk

# How far each meeting's voice record has got, in turn, so that every stage is in the demo.
STAGES = ("fed_back", "fed_back", "fed_back_late", "influence", "voice", "fed_back", "not_sought")
# One in this many records still in draft has no voice record yet: its checklist says so.
DRAFTS_WITHOUT_VOICE = 3
HOW_SOUGHT = (
    "With their social worker on a walk after school, the week before the meeting (fictional)",
    "With their advocate at the carers' home (fictional)",
    "Through a words-and-pictures worksheet with their carer (fictional)",
    "In a video call with their social worker, at a time they chose (fictional)",
)
NOT_SOUGHT_REASONS = (
    "The meeting was called within a day and the child was in hospital (fictional).",
    "The child was too unwell to talk on the days before the meeting (fictional).",
)
ASKED = (
    (
        "I want to see my brother every weekend (fictional).",
        InfluenceOutcome.PARTLY,
        "You will see your brother every other weekend, and talk on video in between.",
    ),
    (
        "I want to stay at my school (fictional).",
        InfluenceOutcome.CHANGED,
        "You are staying at your school and a taxi will take you there.",
    ),
    (
        "I want a later bedtime (fictional).",
        InfluenceOutcome.CHANGED,
        "Your carers agreed bedtime is 9 o'clock on Fridays and Saturdays.",
    ),
    (
        "I want to live with my mum again (fictional).",
        InfluenceOutcome.NOT_CHANGED,
        "It is not safe yet. We will look at it again at your next review.",
    ),
)
CHILD_SAID = (
    "I like it here but I miss my brother. I want to stay at my school (fictional).",
    "The house is too loud sometimes. I want my own room and a later bedtime (fictional).",
    "I want to go home to mum. I like my carer's dog (fictional).",
)
DECISIONS = (
    "A planned move to a long-term home nearer school (fictional)",
    "Family time with mum moves to Saturdays (fictional)",
)


def _social_workers() -> dict[int, int]:
    """Each child's current social worker, by child id."""
    return dict(
        Allocation.objects.filter(role=AllocationRole.SOCIAL_WORKER, end_date__isnull=True)
        .order_by("start_date", "pk")
        .values_list("child_id", "worker_id")
    )


def _record(*, stage: str, rng: random.Random, worker_id: int, day: datetime.date) -> VoiceRecord:
    sought = stage != "not_sought"
    said = rng.choice(CHILD_SAID) if sought else ""
    return VoiceRecord(
        views_sought=sought,
        how_sought=rng.choice(HOW_SOUGHT) if sought else "",
        advocate_helped=sought and rng.random() < 0.3,
        not_sought_reason="" if sought else rng.choice(NOT_SOUGHT_REASONS),
        child_said=said,
        own_words=sought and rng.random() < 0.7,
        heard_by="The people at the meeting (fictional)" if sought else "",
        decided_on=day,
        created_by_id=worker_id,
        updated_by_id=worker_id,
    )


def _feedback(
    record: VoiceRecord, stage: str, rng: random.Random, today: datetime.date, first_name: str
) -> None:
    """Fill in what the child was told and when, for a record fed back."""
    due = add_working_days(record.decided_on, FEEDBACK_WORKING_DAYS)
    told = add_working_days(record.decided_on, rng.randint(2, FEEDBACK_WORKING_DAYS))
    if stage == "fed_back_late":
        told = due + datetime.timedelta(days=rng.randint(3, 20))
    record.fed_back_on = min(told, today)
    record.fed_back_how = rng.choice(FeedbackMethod.values)
    record.fed_back_by = "Their social worker (fictional)"
    asked = [Asked(*item) for item in ASKED[:2]]
    record.feedback_text = draft_feedback(
        first_name=first_name, about="your stability meeting", asked=asked, worker="Your social worker"
    )


def seed_childs_voice(*, today: datetime.date, seed: int) -> int:
    """A voice record for the held meetings (all sent for authorisation, most in draft), at every
    stage in turn, and a significant decision for a few children; returns how many records."""
    rng = random.Random(f"{seed}-childs-voice")
    workers = _social_workers()
    meetings = list(
        StabilityMeeting.objects.filter(scheduled_at__lte=timezone.now(), voice_record__isnull=True)
        .exclude(status=MeetingStatus.PLANNED)
        .select_related("child")
        .order_by("scheduled_at", "pk")
    )
    records, stages, names = [], [], []
    drafts = 0
    for n, meeting in enumerate(meetings):
        if meeting.status == MeetingStatus.DRAFT:
            drafts += 1
            if drafts % DRAFTS_WITHOUT_VOICE == 0:
                continue
        stage = STAGES[n % len(STAGES)]
        worker = workers.get(meeting.child_id) or meeting.created_by_id
        record = _record(stage=stage, rng=rng, worker_id=worker, day=timezone.localdate(meeting.scheduled_at))
        record.child_id, record.meeting_id = meeting.child_id, meeting.pk
        record.decision_maker = meeting.chair_name or "The chair (fictional)"
        records.append(record)
        stages.append(stage)
        names.append(meeting.child.preferred_name or meeting.child.legal_first_name)
    children = sorted({m.child for m in meetings if m.child_id in workers}, key=lambda c: c.pk)[
        : len(DECISIONS) * 2
    ]
    for n, child in enumerate(children):
        stage = ("fed_back", "voice", "influence", "not_sought")[n % 4]
        day = today - datetime.timedelta(days=rng.randint(5, 60))
        record = _record(stage=stage, rng=rng, worker_id=workers[child.pk], day=day)
        record.child_id = child.pk
        record.decision = DECISIONS[n % len(DECISIONS)]
        record.decision_maker = "The team manager (fictional)"
        records.append(record)
        stages.append(stage)
        names.append(child.preferred_name or child.legal_first_name)
    for record, stage, name in zip(records, stages, names, strict=True):
        if stage in ("fed_back", "fed_back_late"):
            _feedback(record, stage, rng, today, name)
    written = write_in_bulk(records, VoiceRecord)
    influences = [
        Influence(
            record_id=record.pk,
            asked_for=asked_for,
            outcome=outcome,
            explanation=explanation,
            created_by_id=record.created_by_id,
            updated_by_id=record.updated_by_id,
        )
        for record, stage in zip(written, stages, strict=True)
        if stage in ("influence", "fed_back", "fed_back_late")
        for asked_for, outcome, explanation in ASKED[: rng.randint(1, 3)]
    ]
    write_in_bulk(influences, Influence)
    return len(written)


def the_childs_voice_heard(meeting: StabilityMeeting, *, actor: User) -> VoiceRecord:
    """The child's views recorded for a meeting the demo sends for authorisation through the
    services, as its sending checklist asks."""
    return services.record_voice_for_meeting(
        actor=actor,
        meeting=meeting,
        views=services.Views(
            views_sought=True,
            how_sought="With their social worker at the carers' home, the week before (fictional)",
            child_said="I like it here. I want to stay and keep my school (fictional).",
            own_words=True,
            heard_by="The people at the meeting (fictional)",
        ),
        seen_version=0,
    )
