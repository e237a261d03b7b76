"""Carers' logs for the demo authority: every fostering household with a child placed now has
logs about each of them over the last ten weeks. Most are reviewed by the household's
supervising social worker within a few days; some households have fallen behind, with logs
unreviewed past the review policy; about one household in five is under strain, and its recent
logs carry words of exhaustion, frustration, hopelessness or conflict; a few logs record a
significant event. Written directly in bulk, with their history rows, so seeding sends no email.
"""

import datetime
import random

from django.utils import timezone

from steadfast.accounts.models import User
from steadfast.carer_logs.models import CarerLog, LogCategory, SignificantEvent
from steadfast.carer_logs.rules import overdue_before
from steadfast.carer_logs.selectors import policy_in_force
from steadfast.households.models import Household, HouseholdMember
from steadfast.placements.models import Placement

from .writing import at_hour, write_in_bulk

WINDOW_DAYS = 70
# Days between one log about a child and the next.
LOG_GAP_DAYS = (3, 9)
STRAINED_SHARE = 1 / 5
BEHIND_SHARE = 1 / 8
SIGNIFICANT_SHARE = 0.02
LOGS_PER_WRITE = 5000

# (category, what happened), all fictional and naming no one.
EVERYDAY = (
    (LogCategory.HOME_LIFE, "A calm evening: tea together, then a film and bed by nine (fictional)."),
    (LogCategory.HOME_LIFE, "Helped cook Sunday lunch and set the table without being asked."),
    (LogCategory.HOME_LIFE, "Bedtime was unsettled; sat with them until they dropped off."),
    (LogCategory.SCHOOL, "Teacher says they are settling in well and making friends."),
    (LogCategory.SCHOOL, "Homework done together; spelling is getting easier."),
    (LogCategory.SCHOOL, "Came home upset after a falling-out at lunch; talked it through."),
    (LogCategory.HEALTH, "Dentist check-up: no fillings needed."),
    (LogCategory.HEALTH, "A cold; kept home for the day and fine by the evening."),
    (LogCategory.FAMILY_CONTACT, "Contact with mum went well; came back chatty and smiling."),
    (LogCategory.FAMILY_CONTACT, "Contact cancelled at short notice; upset but settled with a story."),
    (LogCategory.BEHAVIOUR, "Some shouting when asked to come off the console, calm after ten minutes."),
    (LogCategory.ACHIEVEMENT, "Got a merit certificate for a science project."),
    (LogCategory.ACHIEVEMENT, "Swam a whole length for the first time."),
    (LogCategory.OTHER, "Haircut and new school shoes, no fuss at all."),
)
STRAINED = (
    (LogCategory.BEHAVIOUR, "Another night of shouting at bedtime. I'm at the end of my tether."),
    (LogCategory.BEHAVIOUR, "Doors slammed for an hour after tea. We are exhausted."),
    (LogCategory.HOME_LIFE, "Up three times in the night again. I'm running on empty."),
    (LogCategory.HOME_LIFE, "Things are very tense in the house at the moment."),
    (LogCategory.SCHOOL, "School rang again. Nobody listens when we say the plan isn't working."),
    (LogCategory.SCHOOL, "Still waiting for the school to arrange the meeting they promised."),
    (
        LogCategory.FAMILY_CONTACT,
        "Hard evening after contact. I don't know how much longer we can go on like this.",
    ),
    (
        LogCategory.OTHER,
        "I've asked three times about respite and still nothing. We desperately need a break.",
    ),
    (LogCategory.BEHAVIOUR, "Every day is a battle over food, clothes and screens."),
)
SIGNIFICANT = (
    (
        LogCategory.MISSING,
        SignificantEvent.MISSING,
        "Not home by the agreed time; reported missing, home safe at 11pm.",
    ),
    (
        LogCategory.HEALTH,
        SignificantEvent.ACCIDENT_OR_INJURY,
        "Fell off a bike and cut a knee; cleaned and dressed.",
    ),
    (
        LogCategory.HEALTH,
        SignificantEvent.SERIOUS_ILLNESS,
        "High temperature overnight; seen at the hospital.",
    ),
    (LogCategory.BEHAVIOUR, SignificantEvent.POLICE, "Police brought them home after an incident in town."),
)
REVIEW_COMMENTS = (
    "Read; nothing further needed.",
    "Talked it through on the phone; the carers are managing.",
    "Discussed at supervision; the bedtime plan continues.",
    "Shared with the child's social worker.",
    "Rang the carers; respite to be looked at in supervision.",
)


def seed_carer_logs(
    *,
    households: list[Household],
    placements: list[Placement],
    supervising_social_worker: dict[int, User],
    carers: dict[int, list[HouseholdMember]],
    today: datetime.date,
    rng: random.Random,
) -> int:
    """Write the logs and return how many. The first household (the demo carer's, supervised by
    the demo supervising social worker) is always under strain and behind with its reviews."""

    cutoff = overdue_before(today, policy_in_force())
    window_opens = today - datetime.timedelta(days=WINDOW_DAYS)
    placed_now: dict[int, list[Placement]] = {}
    for placement in placements:
        if placement.household_id is not None and placement.end_date is None:
            placed_now.setdefault(placement.household_id, []).append(placement)
    logs: list[CarerLog] = []
    written = 0
    for i, household in enumerate(households):
        homes = placed_now.get(household.pk)
        if not homes:
            continue
        ssw = supervising_social_worker[household.pk]
        writer = next((m.user for m in carers.get(household.pk, []) if m.user_id), None) or ssw
        strained = i == 0 or rng.random() < STRAINED_SHARE
        behind = i == 0 or rng.random() < BEHIND_SHARE
        for placement in homes:
            day = max(window_opens, placement.start_date) + datetime.timedelta(days=rng.randint(0, 3))
            while day <= today:
                logs.append(
                    _log(household, placement, day, writer, ssw, rng, today, cutoff, strained, behind)
                )
                day += datetime.timedelta(days=rng.randint(*LOG_GAP_DAYS))
        if len(logs) >= LOGS_PER_WRITE:
            # Written as they are made, so that a large authority's logs are never all in memory.
            write_in_bulk(logs, CarerLog)
            written += len(logs)
            logs = []
    write_in_bulk(logs, CarerLog)
    # The database stamps each row as written today; a log was written on the evening of its
    # own date, or, for today's, just now.
    now = timezone.now()
    for offset in range(WINDOW_DAYS + 4):
        day = today - datetime.timedelta(days=offset)
        CarerLog.objects.filter(date=day).update(created_at=min(at_hour(day, 21), now))
    return written + len(logs)


def _log(
    household: Household,
    placement: Placement,
    day: datetime.date,
    writer: User,
    ssw: User,
    rng: random.Random,
    today: datetime.date,
    cutoff: datetime.date,
    strained: bool,
    behind: bool,
) -> CarerLog:
    event = SignificantEvent.NONE
    recent = (today - day).days <= 28
    if rng.random() < SIGNIFICANT_SHARE:
        category, event, text = rng.choice(SIGNIFICANT)
    elif strained and recent and rng.random() < 0.45:
        category, text = rng.choice(STRAINED)
    else:
        category, text = rng.choice(EVERYDAY)
    log = CarerLog(
        household=household,
        child_id=placement.child_id,
        date=day,
        category=category,
        what_happened=text,
        significant_event=event,
        created_by=writer,
        updated_by=writer,
    )
    # Reviewed one to six days after its date, unless that day is still to come, or the household
    # is behind: then none of its logs from the last three weeks has been reviewed.
    reviewed_on = day + datetime.timedelta(days=rng.randint(1, 6))
    waiting = behind and day >= cutoff - datetime.timedelta(days=14)
    if not waiting and reviewed_on < today:
        log.reviewed_at = at_hour(reviewed_on, rng.choice((10, 13, 16)))
        log.reviewed_by = ssw
        log.updated_by = ssw
        log.review_comment = rng.choice(REVIEW_COMMENTS)
        if rng.random() < 0.6:
            log.discussed_with_carer_on = min(
                today, reviewed_on + datetime.timedelta(days=rng.randint(0, 10))
            )
    return log
