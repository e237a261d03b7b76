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
