"""The demo's past stability work, drawn as plain data: about two years of concerns about homes
that exist, the stability meetings they led to (most in time, some late, a few never held) with
the plan's authorisation and its review, and the disruption meetings and learning circles held
after endings, each with its learning themes. `demo.past_stability_work` writes what is drawn here.

Everything is fitted to the placements already drawn, which are not changed: a concern is raised
inside a home, its meeting is held before the home ended, and the review of the plan is held
while the home lasted (just before it ended, if it did).
"""

import datetime
import random
from dataclasses import dataclass

from steadfast.concerns.models import MeetingKind, Urgency
from steadfast.concerns.services import DEFAULT_WORKING_DAYS
from steadfast.core.working_days import add_working_days
from steadfast.meetings.models import LearningTheme, ReviewOutcome
from steadfast.placements.models import Placement

from .rules import working_day_on_or_after, working_day_on_or_before

# Concerns are raised from this many days ago up to RECENT_DAYS ago; the recent ones are the
# demo's concerns in every state (see DEMO_CONCERN_STATES in demo.concerns).
HISTORY_DAYS = 730
RECENT_DAYS = 120
# A concern is raised at least this long after a home began, and, in a home that ended, at least
# ENDING_MARGIN_DAYS before the end.
SETTLING_DAYS = 14
ENDING_MARGIN_DAYS = 30
# The chance a home has a past concern: higher for a home that went on to end unplanned.
TROUBLE_SHARE = 0.16
ENDED_UNPLANNED_TROUBLE_SHARE = 0.35
# A home that ended unplanned had its concern this many days before the end.
BEFORE_ENDING_DAYS = (30, 240)
# Urgency of the past concerns, as shares in turn.
URGENCY_SHARES = (
    (Urgency.BREAKDOWN_IMMINENT, 0.35),
    (Urgency.UNDER_PRESSURE, 0.45),
    (Urgency.PREVENTIVE, 0.2),
)
# How many past concerns led to a meeting, and how many of those were held in time.
MEETING_SHARE = 0.9
IN_TIME_SHARE = 0.85
# A late meeting was held this many working days after its due date.
LATE_BY_WORKING_DAYS = (2, 15)
# A meeting is held at least this many days before its home ended.
MEETING_BEFORE_ENDING_DAYS = 10
# Plans sent for authorisation: most authorised within this many working days, the rest late.
AUTHORISED_IN_WORKING_DAYS = (1, 4)
AUTHORISED_LATE_WORKING_DAYS = (7, 15)
AUTHORISED_IN_TIME_SHARE = 0.85
# The child's own views were recorded before most meetings.
CHILDS_VIEWS_SHARE = 0.8
# A plan is reviewed about nine weeks after its meeting; an older home still going had its latest
# review between these many days ago, so its next review is still to come.
REVIEW_AFTER_DAYS = 63
LATEST_REVIEW_DAYS_AGO = (30, 85)

# Looking back: endings older than LOOKING_BACK_AFTER_DAYS, in the last LOOKING_BACK_DAYS, had a
# disruption meeting or learning circle this often.
LOOKING_BACK_DAYS = 548
LOOKING_BACK_AFTER_DAYS = 42
LOOKING_BACK_SHARE = 0.75
# How often each learning theme is named, relative to the others: the demo's picture.
THEME_WEIGHTS = {
    LearningTheme.SUPPORT: 9,
    LearningTheme.MATCHING: 8,
    LearningTheme.PLANNING: 7,
    LearningTheme.JOINT_WORKING: 6,
    LearningTheme.ESCALATION: 5,
    LearningTheme.SUPERVISION: 4,
    LearningTheme.RECORDING: 4,
    LearningTheme.VISITING: 3,
    LearningTheme.WORDS_AND_PICTURES: 3,
    LearningTheme.ASSESSMENT: 2,
    LearningTheme.TRAINING: 1,
}


@dataclass(frozen=True)
class PastTrouble:
    """A past concern about the child's home and what came of it."""

    child_index: int
    placement: Placement
    raised_on: datetime.date
    urgency: str
    meeting_kind: str
    meeting_on: datetime.date | None
    authorised_after: int  # working days from the plan's sending to its authorisation
    childs_views: bool
    review_on: datetime.date | None
    review_outcome: str


def _urgency(rng: random.Random) -> str:
    roll = rng.random()
    for urgency, share in URGENCY_SHARES:
        if roll < share:
            return urgency
        roll -= share
    return URGENCY_SHARES[-1][0]


def _meeting_kind(urgency: str, placement: Placement) -> str:
    if urgency == Urgency.PREVENTIVE:
        return MeetingKind.STRENGTHENING_STABILITY
    if urgency == Urgency.UNDER_PRESSURE and placement.household is not None:
        return MeetingKind.FOSTERING_STABILITY
    return MeetingKind.PLACEMENT_STABILITY


def past_troubles(
    homes: list[tuple[int, list[Placement]]], *, today: datetime.date, rng: random.Random
) -> list[PastTrouble]:
    """Past concerns for about one home in six of the last two years, given each child's index
    and placements."""
    earliest = today - datetime.timedelta(days=HISTORY_DAYS)
    latest = today - datetime.timedelta(days=RECENT_DAYS)
    troubles = []
    for i, placements in homes:
        for placement in placements:
            lo = max(placement.start_date + datetime.timedelta(days=SETTLING_DAYS), earliest)
            hi = latest
            if placement.end_date is not None:
                hi = min(hi, placement.end_date - datetime.timedelta(days=ENDING_MARGIN_DAYS))
            if hi < lo:
                continue
            ended_unplanned = placement.end_date is not None and placement.ending_planned is False
            share = ENDED_UNPLANNED_TROUBLE_SHARE if ended_unplanned else TROUBLE_SHARE
            if rng.random() >= share:
                continue
            if ended_unplanned:
                raised = placement.end_date - datetime.timedelta(days=rng.randint(*BEFORE_ENDING_DAYS))
                raised = min(max(raised, lo), hi)
            else:
                raised = lo + datetime.timedelta(days=rng.randint(0, (hi - lo).days))
            troubles.append(
                _trouble(
                    i,
                    placement,
                    _working_day_near(raised, lo, hi, home_began=placement.start_date),
                    today=today,
                    rng=rng,
                )
            )
    return troubles


def _working_day_near(
    day: datetime.date, lo: datetime.date, hi: datetime.date, *, home_began: datetime.date
) -> datetime.date:
    """A working day near `day`, so that a manager decides on the concern the day it is raised:
    the one on or before it, or else the one after, within `lo` to `hi`; failing both, the one
    before if the home had begun by then, or else the one after."""
    before, after = working_day_on_or_before(day), working_day_on_or_after(day)
    if before >= lo:
        return before
    if after <= hi:
        return after
    return before if before > home_began else after


def _trouble(
    i: int, placement: Placement, raised: datetime.date, *, today: datetime.date, rng: random.Random
) -> PastTrouble:
    urgency = _urgency(rng)
    due = DEFAULT_WORKING_DAYS[Urgency(urgency)]
    meeting_on = None
    if rng.random() < MEETING_SHARE:
        if rng.random() < IN_TIME_SHARE:
            meeting_on = add_working_days(raised, rng.randint(1, due))
        else:
            meeting_on = add_working_days(raised, due + rng.randint(*LATE_BY_WORKING_DAYS))
        if placement.end_date is not None and meeting_on > placement.end_date - datetime.timedelta(
            days=MEETING_BEFORE_ENDING_DAYS
        ):
            meeting_on = None  # the home ended before a meeting could be held
    if rng.random() < AUTHORISED_IN_TIME_SHARE:
        authorised_after = rng.randint(*AUTHORISED_IN_WORKING_DAYS)
    else:
        authorised_after = rng.randint(*AUTHORISED_LATE_WORKING_DAYS)
    review_on, outcome = None, ""
    if meeting_on is not None:
        review_on, outcome = _review(placement, meeting_on, today=today, rng=rng)
        if review_on <= _authorised_on(meeting_on, authorised_after):
            authorised_after = AUTHORISED_IN_WORKING_DAYS[0]
        if review_on <= _authorised_on(meeting_on, authorised_after):
            # The home ended too soon after the meeting for its plan to be reviewed: the demo
            # leaves no plan waiting for a review that can never be held.
            meeting_on, review_on, outcome = None, None, ""
    return PastTrouble(
        child_index=i,
        placement=placement,
        raised_on=raised,
        urgency=urgency,
        meeting_kind=_meeting_kind(urgency, placement),
        meeting_on=meeting_on,
        authorised_after=authorised_after,
        childs_views=rng.random() < CHILDS_VIEWS_SHARE,
        review_on=review_on,
        review_outcome=outcome,
    )


def _authorised_on(meeting_on: datetime.date, working_days: int) -> datetime.date:
    """The day a plan is authorised: it is sent the working day after its meeting."""
    return add_working_days(add_working_days(meeting_on, 1), working_days)


def _review(
    placement: Placement, meeting_on: datetime.date, *, today: datetime.date, rng: random.Random
) -> tuple[datetime.date, str]:
    """When the plan was reviewed and what the review found: for a home that ended, on the last
    working day before it did; for one still going, lately, so its next review is still to come."""
    if placement.end_date is not None:
        review_on = working_day_on_or_before(placement.end_date - datetime.timedelta(days=1))
        planned = placement.ending_planned
        return review_on, ReviewOutcome.PLANNED_MOVE if planned else ReviewOutcome.PLACEMENT_ENDED
    lately = today - datetime.timedelta(days=rng.randint(*LATEST_REVIEW_DAYS_AGO))
    review_on = max(meeting_on + datetime.timedelta(days=REVIEW_AFTER_DAYS), lately)
    latest = today - datetime.timedelta(days=LATEST_REVIEW_DAYS_AGO[0])
    return working_day_on_or_before(min(review_on, latest)), ReviewOutcome.HOME_STABLE


def endings_looked_back_on(
    homes: list[tuple[int, list[Placement]]], *, today: datetime.date, rng: random.Random, taken: set[int]
) -> list[tuple[int, Placement]]:
    """About three in four of the endings of the last eighteen months older than six weeks, given
    each child's index and placements, leaving out those in `taken` (by id of the placement)."""
    earliest = today - datetime.timedelta(days=LOOKING_BACK_DAYS)
    latest = today - datetime.timedelta(days=LOOKING_BACK_AFTER_DAYS)
    return [
        (i, placement)
        for i, placements in homes
        for placement in placements
        if placement.end_date is not None
        and earliest < placement.end_date <= latest
        and id(placement) not in taken
        and rng.random() < LOOKING_BACK_SHARE
    ]


def learning_themes(rng: random.Random) -> list[str]:
    """Two or three different themes, the commoner ones more often."""
    themes = list(THEME_WEIGHTS)
    weights = list(THEME_WEIGHTS.values())
    chosen: list[str] = []
    for _ in range(rng.choice((2, 2, 3))):
        theme = rng.choices(themes, weights=weights)[0]
        if theme not in chosen:
            chosen.append(theme)
    return chosen
