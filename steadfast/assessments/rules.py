"""Pure rules about assessments: when a household's impact and stress assessment is prompted."""

import datetime
from collections.abc import Iterable
from dataclasses import dataclass

from .models import ImpactReason, TrainingCourse

# Without an assessment since, events further back than this no longer prompt one: a household
# approved years ago is asked about what has happened lately, not about every child it has had.
PROMPT_LOOKBACK_DAYS = 365

# What each kind of event asks of the fostering service, in plain words. The kinds are the
# reasons an assessment is recorded for, so a prompt answered says why it was done.
PROMPT_REASONS = {
    ImpactReason.NEW_CHILD: "A child joined the household",
    ImpactReason.ALLEGATION: "A concern or allegation was raised about a child placed here",
    ImpactReason.OFFENDING_OR_SUBSTANCES: "A child placed here was involved in offending or substance misuse",
}


@dataclass(frozen=True)
class PromptEvent:
    """Something that happened in the household that should prompt an impact and stress
    assessment: its kind (an `ImpactReason` in `PROMPT_REASONS`) and its date."""

    kind: str
    date: datetime.date


@dataclass(frozen=True)
class Prompt:
    kind: str
    date: datetime.date
    reason: str


def prompts_since(last_assessed_on: datetime.date | None, today: datetime.date) -> datetime.date:
    """The day after which events prompt an assessment: the last assessment, or a year ago when
    that is later or there is none."""
    lookback = today - datetime.timedelta(days=PROMPT_LOOKBACK_DAYS)
    return max(last_assessed_on or lookback, lookback)


def impact_assessment_prompts(
    *, last_assessed_on: datetime.date | None, events: Iterable[PromptEvent], today: datetime.date
) -> list[Prompt]:
    """Each event since the last assessment (and within the lookback), newest first, once for
    each kind and day. An assessment on the day of an event answers it. Events of a kind
    this rule does not know, and events after today, are left out."""
    since = prompts_since(last_assessed_on, today)
    found = {
        (event.kind, event.date)
        for event in events
        if event.kind in PROMPT_REASONS and since < event.date <= today
    }
    return [
        Prompt(kind=kind, date=day, reason=PROMPT_REASONS[kind])
        for kind, day in sorted(found, key=lambda pair: (pair[1], pair[0]), reverse=True)
    ]


# The courses the fostering service expects every approved carer to have done: care rooted in
# attachment, brain development and trauma.
CORE_COURSES = (
    TrainingCourse.ATTACHMENT,
    TrainingCourse.BRAIN_DEVELOPMENT,
    TrainingCourse.TRAUMA_INFORMED_CARE,
)


# Impact and stress ratings run from 0 (not coping at all) to 10 (coping well). A domain rated
# this or lower is low: the household says it is barely coping there, and the child's social
# worker and the managers are shown it rather than left to find it.
LOW_RATING = 3


def is_low(rating: int) -> bool:
    return rating <= LOW_RATING


# How often a household caring for a child is assessed, at least. The guidance asks for an
# assessment when something happens (the prompts above) and sets no cadence; the prompts look back
# a year, and a household's approval is reviewed each year, so a household is assessed at least
# once a year while it has a child placed: a year after its last assessment, or, with none, a year
# after the earliest of its current placements began.
IMPACT_ASSESSMENT_DUE_DAYS = 365


def impact_assessment_due_on(
    *, last_assessed_on: datetime.date | None, caring_since: datetime.date
) -> datetime.date:
    return (last_assessed_on or caring_since) + datetime.timedelta(days=IMPACT_ASSESSMENT_DUE_DAYS)


def written_when(*, written_on: datetime.date, placement_began: datetime.date) -> str:
    """How long after (or before) a placement began its record was written, in words, so a record
    written long after the start never reads as if written at the time."""
    days = (written_on - placement_began).days
    if days == 0:
        return "on the day the placement began"
    count = f"{abs(days)} day{'' if abs(days) == 1 else 's'}"
    return f"{count} {'after' if days > 0 else 'before'} the placement began"
