"""The supervision of the demo authority's fostering households over the last eighteen months,
as often as the policy in force asks, each session with a placement stability scale for exactly
the children placed that day. About one household in six has fallen behind with its supervision
or its unannounced visit; some children's latest scale is low or has fallen steeply; a child
with a stability meeting in a household has a scale from its supervision shortly before it."""

import datetime

from django.utils import timezone

from steadfast.households.models import Household
from steadfast.placements.models import Placement
from steadfast.supervision.models import PlacementStabilityScale, SupervisionSession, SupervisionTopic
from steadfast.supervision.rules import LOW_SCALE, STEEP_FALL, Policy, supervision_due
from steadfast.supervision.selectors import policy_in_force

from .builder import Builder
from .meetings import DemoMeeting
from .rules import working_day_on_or_before
from .writing import write_in_bulk

# Supervision: how far back the demo's sessions go, and how many households have fallen behind.
SUPERVISION_WINDOW_DAYS = 548
BEHIND_SHARE = 1 / 6
SESSIONS_PER_WRITE = 5000
# A session falls this many days after approval, at first.
FIRST_SESSION_AFTER_DAYS = (7, 21)
# How settled a child usually is in their home, on the placement stability scale.
SETTLED_LEVELS = (6, 7, 7, 8, 8, 8, 9)
# Besides the children with a stability concern, whose scale dipped around it, one open placement
# in this many shows a scale fallen low at the last session, and as many one that fell steeply.
SCALE_PROMPT_EVERY = 30
# Why a child was given a score, by the lowest score the reason fits.
SCALE_REASONS = (
    (
        8,
        (
            "Settled and part of the family; talks about staying here for good (fictional).",
            "Happy at home and at school; the carers are confident with the routines (fictional).",
            "Calm evenings and a good report from school; contact is going well (fictional).",
        ),
    ),
    (
        6,
        (
            "Mostly settled, though weekends after contact are hard (fictional).",
            "Getting on well with the carers; school mornings are still a struggle (fictional).",
            "Settling, but worried about a change of social worker (fictional).",
        ),
    ),
    (
        5,
        (
            "Some difficult weeks: arguments at bedtime and a fixed-term exclusion (fictional).",
            "The carers are managing, but contact cancelled twice has unsettled them (fictional).",
            "Up and down; a late night out worried the carers (fictional).",
        ),
    ),
    (
        3,
        (
            "Two missing nights this month; the carers are exhausted and have asked for a break (fictional).",
            "Rows most evenings; the carers are not sure how long they can go on (fictional).",
            "Refusing school and angry at home since contact stopped (fictional).",
        ),
    ),
    (
        0,
        (
            "The carers have said they cannot go on; the home may end within days (fictional).",
            "An allegation has been made and the placement is at risk of ending (fictional).",
            "Missing most nights; the carers have given notice (fictional).",
        ),
    ),
)
FELL_REASON = "A sudden change since the last visit: {reason}"
# How the household is managing, in two parts, by how the children placed are doing.
MANAGING = {
    "none": (
        (
            "No child is placed at present.",
            "The carers are between placements.",
        ),
        (
            "They are using the time for training (fictional).",
            "They are ready for a new child and have asked about a sibling group (fictional).",
            "They have redecorated the spare room and are keen to hear of a match (fictional).",
        ),
    ),
    "well": (
        (
            "The household is managing well.",
            "Things are calm at home.",
            "The carers are confident and well organised.",
            "A good few months for the household.",
        ),
        (
            "Routines are settled and school reports are good (fictional).",
            "The carers make good use of the support group (fictional).",
            "The family holiday went well and everyone came back rested (fictional).",
            "Contact is steady and the children look forward to it (fictional).",
        ),
    ),
    "mixed": (
        (
            "The household is coping, though tired.",
            "Mostly steady, with some hard weeks.",
            "The carers are managing but stretched.",
        ),
        (
            "School mornings are a daily battle (fictional).",
            "Contact cancelled at short notice has unsettled everyone (fictional).",
            "The carers would like more help with bedtimes (fictional).",
        ),
    ),
    "strained": (
        (
            "The household is under real strain.",
            "A hard month for the carers.",
            "The carers are exhausted and worried.",
        ),
        (
            "Missing nights have worn them down and they have asked for respite (fictional).",
            "Rows at home most evenings; one carer is not sleeping (fictional).",
            "They feel unsupported by school and are unsure they can go on (fictional).",
        ),
    ),
}
SUPERVISION_ACTIONS = {
    "none": ("", "Send the carers the dates of the next training course (fictional)."),
    "well": (
        "",
        "",
        "Book the carers on the therapeutic parenting refresher (fictional).",
        "Renew the carers' first aid training before it lapses (fictional).",
        "Update the safer caring plan now the children are older (fictional).",
    ),
    "mixed": (
        "",
        "Ask the child's social worker for a contact plan that holds (fictional).",
        "Put the carers in touch with the virtual school about mornings (fictional).",
        "Offer a place in the carers' support group (fictional).",
    ),
    "strained": (
        "Ask the fostering team manager for respite this month (fictional).",
        "Arrange a joint visit with the child's social worker within a week (fictional).",
        "Talk to the carers about raising a stability concern (fictional).",
    ),
}


def _placed_on(homes: list[Placement], day: datetime.date) -> dict[int, Placement]:
    """The children placed in a household on the day, by child, as supervision counts them:
    from the first day of the placement up to, not including, the day they move."""
    return {p.child_id: p for p in homes if p.start_date <= day and (p.end_date is None or day < p.end_date)}


def _dipped(level: int, day: datetime.date, dips: list[tuple]) -> float:
    """A settled `level` on the day, pulled down by the deepest of the dips it falls in."""
    found = float(level)
    for falls_from, low_from, low_until, back_by, low in dips:
        if falls_from < day < low_from:
            share = (day - falls_from).days / (low_from - falls_from).days
        elif low_from <= day <= low_until:
            share = 1.0
        elif low_until < day < back_by:
            share = (back_by - day).days / (back_by - low_until).days
        else:
            continue
        found = min(found, level + (low - level) * share)
    return found


def _mood(lowest: int | None) -> str:
    """How the household is managing, as the lowest scale given at the session suggests."""
    if lowest is None:
        return "none"
    if lowest <= LOW_SCALE:
        return "strained"
    return "mixed" if lowest <= 6 else "well"


class SupervisionBuilder(Builder):
    """The supervision of fostering households."""

    def _supervision(self, placements: list[Placement], meetings: list[DemoMeeting]) -> int:
        """Supervision sessions over the last eighteen months for every fostering household, as
        often as the policy in force asks, each with a placement stability scale for exactly
        the children placed with the household that day. About one household in six has fallen
        behind with its supervision or its unannounced visit; some children's latest scale is
        low or has fallen steeply; a child with a stability meeting in a household has a scale
        from its supervision shortly before it. Returns how many sessions were written."""
        policy = policy_in_force()
        placed_with: dict[int, list[Placement]] = {}
        for placement in placements:
            if placement.household is not None:
                placed_with.setdefault(placement.household_id, []).append(placement)
        meeting_days: dict[int, list[tuple[datetime.date, int]]] = {}
        for m in meetings:
            if m.meeting.household is not None and not m.meeting.looks_back:
                day = timezone.localdate(m.meeting.scheduled_at)
                meeting_days.setdefault(m.meeting.household_id, []).append((day, m.meeting.child_id))
        behind = self._behind(policy, set(meeting_days))

        # Each session: its household, day, whether unannounced, and the children placed then.
        planned: list[tuple[Household, datetime.date, bool, dict[int, Placement]]] = []
        scaled_at: dict[int, list[int]] = {}  # each placement's sessions, by id(placement)
        for household in self.households:
            homes = placed_with.get(household.pk, [])
            days = self._session_days(household, policy)
            if household.pk in behind:
                days = self._fall_behind(household, days, behind[household.pk], policy)
            days = self._before_meetings(household, days, meeting_days.get(household.pk, []), homes)
            for day, unannounced in days:
                placed = _placed_on(homes, day)
                for placement in placed.values():
                    scaled_at.setdefault(id(placement), []).append(len(planned))
                planned.append((household, day, unannounced, placed))

        by_id = {id(p): p for p in placements}
        dips = self._scale_dips(meetings)
        prompts = self._scale_prompts(scaled_at, by_id, dips)
        score_at: dict[tuple[int, int], int] = {}
        for key, indices in scaled_at.items():
            placement = by_id[key]
            days = [planned[i][1] for i in indices]
            for i, score in zip(
                indices, self._scale_scores(placement, days, dips, prompts.get(key)), strict=True
            ):
                score_at[i, placement.child_id] = score

        sessions, scales = [], []
        last_score: dict[tuple[int, int], int] = {}
        written = 0
        for i, (household, day, unannounced, placed) in enumerate(planned):
            if len(sessions) >= SESSIONS_PER_WRITE:
                # Written as they are made, so that a large authority's sessions, their scales
                # and their history rows are never all in memory at once.
                write_in_bulk(sessions, SupervisionSession)
                write_in_bulk(scales, PlacementStabilityScale)
                written += len(sessions)
                sessions, scales = [], []
            ssw = self.supervising_social_worker[household.pk]
            scores = {child_id: score_at[i, child_id] for child_id in placed}
            mood = _mood(min(scores.values(), default=None))
            opening, detail = MANAGING[mood]
            session = SupervisionSession(
                household=household,
                date=day,
                unannounced=unannounced,
                present=self._carers_present(household, unannounced),
                topics=self._topics(household, unannounced, placed=bool(placed), mood=mood),
                household_managing=f"{self.rng.choice(opening)} {self.rng.choice(detail)}",
                actions=self.rng.choice(SUPERVISION_ACTIONS[mood]),
                created_by=ssw,
                updated_by=ssw,
            )
            sessions.append(session)
            for child_id, placement in placed.items():
                score = scores[child_id]
                previous = last_score.get((household.pk, child_id))
                last_score[household.pk, child_id] = score
                scales.append(
                    PlacementStabilityScale(
                        session=session,
                        child=placement.child,
                        score=score,
                        reason=self._scale_reason(score, previous),
                        created_by=ssw,
                        updated_by=ssw,
                    )
                )
        write_in_bulk(sessions, SupervisionSession)
        write_in_bulk(scales, PlacementStabilityScale)
        return written + len(sessions)

    def _session_days(self, household: Household, policy: Policy) -> list[tuple[datetime.date, bool]]:
        """Working days from approval (or eighteen months ago) to today, each within the
        policy's interval of the one before, so that the next is not yet overdue; each marked
        unannounced once enough days have passed since the last unannounced visit, so that
        the next of those is not overdue either."""
        approved = household.approval_date
        window_opens = self.today - datetime.timedelta(days=SUPERVISION_WINDOW_DAYS)
        # With sessions at most `later_interval_days` apart, marking one unannounced this long
        # after the last leaves no more than the policy's interval between unannounced visits.
        most = max(1, policy.unannounced_interval_days - policy.later_interval_days - 4)
        every = (min(most, policy.unannounced_interval_days // 2), most)
        if approved >= window_opens:
            day = approved + datetime.timedelta(days=self.rng.randint(*FIRST_SESSION_AFTER_DAYS))
            last_unannounced = approved
        else:
            day = window_opens + datetime.timedelta(days=self.rng.randint(0, 45))
            last_unannounced = window_opens - datetime.timedelta(days=self.rng.randint(0, every[0]))
        gap = self.rng.randint(*every)
        days = []
        while (day := working_day_on_or_before(day)) <= self.today:
            unannounced = (day - last_unannounced).days >= gap
            if unannounced:
                last_unannounced, gap = day, self.rng.randint(*every)
            days.append((day, unannounced))
            due = supervision_due(approved_on=approved, sessions=[(day, False)], policy=policy).supervision
            interval = (due - day).days
            day += datetime.timedelta(days=self.rng.randint(max(1, interval * 2 // 3), interval))
        return days

    def _behind(self, policy: Policy, preparing: set[int]) -> dict[int, str]:
        """Which households have fallen behind, and with what: about one in BEHIND_SHARE, none
        preparing for a stability meeting (their supervising social worker has been lately);
        and always, among the demo supervising social worker's, one behind with supervision and
        one with its unannounced visit. A household approved under a year ago (and a little)
        cannot yet have missed an unannounced visit."""
        visit_missable_by = self.today - datetime.timedelta(days=policy.unannounced_interval_days + 120)
        behind = {}
        for household in self.households:
            if household.pk in preparing or self.rng.random() >= BEHIND_SHARE:
                continue
            if household.approval_date <= visit_missable_by:
                behind[household.pk] = self.rng.choice(("supervision", "supervision", "visit", "both"))
            else:
                behind[household.pk] = "supervision"
        demo_ssw = self.named["supervising.social.worker"]
        # Not the demo carer's own household: theirs is the one the carer signs in to.
        theirs = [
            h
            for h in self.households[1:]
            if self.supervising_social_worker[h.pk].pk == demo_ssw.pk and h.pk not in preparing
        ]
        if theirs and not any(behind.get(h.pk) in ("supervision", "both") for h in theirs):
            behind[theirs[0].pk] = "supervision"
        if not any(behind.get(h.pk) in ("visit", "both") for h in theirs):
            old_enough = [h for h in theirs if h.approval_date <= visit_missable_by]
            free = [h for h in old_enough if h.pk not in behind]
            if free:
                behind[free[0].pk] = "visit"
            elif old_enough:
                behind[old_enough[0].pk] = "both"
        return behind

    def _fall_behind(
        self, household: Household, days: list[tuple[datetime.date, bool]], kind: str, policy: Policy
    ) -> list[tuple[datetime.date, bool]]:
        """The household's sessions with the last ones not held, so that supervision is a week
        to ten weeks overdue; or with no unannounced visit for longer than the policy allows."""
        approved = household.approval_date
        if kind in ("supervision", "both"):
            overdue_since = self.today - datetime.timedelta(days=self.rng.randint(7, 70))
            while (
                len(days) > 1
                and supervision_due(approved_on=approved, sessions=days, policy=policy).supervision
                >= overdue_since
            ):
                days = days[:-1]
        if kind in ("visit", "both"):
            last_visit_by = self.today - datetime.timedelta(
                days=policy.unannounced_interval_days + self.rng.randint(10, 90)
            )
            days = [(day, unannounced and day <= last_visit_by) for day, unannounced in days]
            if not any(unannounced for _, unannounced in days):
                # There was one, a while ago, within the demo's eighteen months.
                earlier = [n for n, (day, _) in enumerate(days) if day <= last_visit_by]
                if earlier:
                    days[earlier[-1]] = (days[earlier[-1]][0], True)
        return days

    def _before_meetings(
        self,
        household: Household,
        days: list[tuple[datetime.date, bool]],
        meetings: list[tuple[datetime.date, int]],
        homes: list[Placement],
    ) -> list[tuple[datetime.date, bool]]:
        """The household's sessions, with one added a few days before each stability meeting
        about a child placed there (or lately, for one still to come) unless one was held in
        the fortnight before."""
        held = {day for day, _ in days}
        for meeting_day, child_id in meetings:
            by = min(meeting_day - datetime.timedelta(days=1), self.today)
            if any(by - datetime.timedelta(days=14) <= day <= by for day in held):
                continue
            day = working_day_on_or_before(by - datetime.timedelta(days=self.rng.randint(1, 6)))
            if day > household.approval_date and child_id in _placed_on(homes, day) and day not in held:
                held.add(day)
                days = [*days, (day, False)]
        return sorted(days)

    def _scale_prompts(
        self, scaled_at: dict[int, list[int]], by_id: dict[int, Placement], dips: dict
    ) -> dict[int, str]:
        """Which open placements' latest scale should prompt a stability concern, by
        id(placement), among children with no concern there yet: one in SCALE_PROMPT_EVERY
        falls low and as many fall steeply; and always, in the demo supervising social worker's
        households, a child whose scale is low and another's that fell."""
        prompts = {}
        candidates = [
            key
            for key, sessions in scaled_at.items()
            if by_id[key].end_date is None
            and len(sessions) >= 2
            and (by_id[key].household_id, by_id[key].child_id) not in dips
        ]
        for key in candidates:
            roll = self.rng.randrange(SCALE_PROMPT_EVERY)
            if roll < 2:
                prompts[key] = ("low", "fall")[roll]
        demo_ssw = self.named["supervising.social.worker"]
        theirs = [
            key
            for key in candidates
            if self.supervising_social_worker[by_id[key].household_id].pk == demo_ssw.pk
            and not by_id[key].child.restricted
        ]
        for kind in ("low", "fall"):
            if not any(prompts.get(key) == kind for key in theirs):
                free = [key for key in theirs if key not in prompts]
                if free:
                    prompts[free[0]] = kind
        return prompts

    def _scale_dips(self, meetings: list[DemoMeeting]) -> dict[tuple[int, int], list[tuple]]:
        """When a child's scale in a household dipped, by (household, child): around each
        stability concern raised about them there, falling over the two months before it, low
        until the meeting it led to (or a fortnight), and back in two months. Each dip is
        (starts falling, low from, low until, back by, how low)."""
        held = {
            m.meeting.concern_id: timezone.localdate(m.meeting.scheduled_at)
            for m in meetings
            if m.meeting.concern_id is not None
        }
        dips: dict[tuple[int, int], list[tuple]] = {}
        for concern in self.concerns:
            if concern.household is None:
                continue
            raised = timezone.localdate(concern.raised_at)
            low_until = max(raised, held.get(concern.pk, raised + datetime.timedelta(days=14)))
            dips.setdefault((concern.household_id, concern.child_id), []).append(
                (
                    raised - datetime.timedelta(days=67),
                    raised - datetime.timedelta(days=7),
                    low_until,
                    low_until + datetime.timedelta(days=60),
                    self.rng.randint(3, 5),
                )
            )
        return dips

    def _scale_scores(
        self, placement: Placement, days: list[datetime.date], dips: dict, prompt: str | None
    ) -> list[int]:
        """The child's scale at each of the household's sessions during the placement: about
        a settled level of their own, wandering a point either way, dipping around concerns
        and in the months before an unplanned ending; and, where `prompt` says, low or fallen
        steeply at the last."""
        level = self.rng.choice(SETTLED_LEVELS)
        own = list(dips.get((placement.household_id, placement.child_id), ()))
        if placement.end_date is not None and placement.ending_planned is False:
            end = placement.end_date
            own.append(
                (
                    end - datetime.timedelta(days=150),
                    end - datetime.timedelta(days=21),
                    end,
                    end,
                    self.rng.randint(1, LOW_SCALE),
                )
            )
        if prompt == "low":
            last = days[-1]
            own.append((last - datetime.timedelta(days=90), last, last, last, self.rng.randint(2, LOW_SCALE)))
        wobble, scores = 0, []
        for day in days:
            wobble = max(-1, min(1, wobble + self.rng.choice((-1, 0, 0, 1))))
            scores.append(max(0, min(10, round(_dipped(level, day, own)) + wobble)))
        if prompt == "low":
            scores[-1] = min(scores[-1], LOW_SCALE)
        elif prompt == "fall":
            # From a settled scale to one that is not yet low: the fall is what prompts.
            scores[-2] = max(scores[-2], self.rng.randint(LOW_SCALE + STEEP_FALL + 1, 10))
            scores[-1] = max(LOW_SCALE + 1, scores[-2] - self.rng.randint(STEEP_FALL, STEEP_FALL + 1))
        return scores

    def _scale_reason(self, score: int, previous: int | None) -> str:
        reason = self.rng.choice(next(texts for lowest, texts in SCALE_REASONS if score >= lowest))
        if previous is not None and previous - score >= STEEP_FALL:
            return FELL_REASON.format(reason=reason[0].lower() + reason[1:])
        return reason

    def _carers_present(self, household: Household, unannounced: bool) -> str:
        """The carers there: usually all of them; at an unannounced visit, or now and then,
        one while the other was out."""
        names = sorted(c.full_name for c in self.carers.get(household.pk, []))
        if len(names) > 1 and (unannounced or self.rng.random() < 0.2):
            here, away = self.rng.sample(names, 2)
            return f"{here} ({away} was out)"
        return " and ".join([", ".join(names[:-1]), names[-1]]) if len(names) > 1 else names[0]

    def _topics(self, household: Household, unannounced: bool, *, placed: bool, mood: str) -> list[str]:
        topics = {SupervisionTopic.CHILDREN_PLACED} if placed else set()
        if unannounced:
            topics.add(SupervisionTopic.SAFER_CARING)
        else:
            topics |= set(
                self.rng.sample(
                    [SupervisionTopic.SAFER_CARING, SupervisionTopic.TRAINING, SupervisionTopic.WELLBEING],
                    self.rng.randint(1, 3),
                )
            )
            if household.pk in self.with_own_children and self.rng.random() < 0.5:
                topics.add(SupervisionTopic.OWN_CHILDREN)
        if mood == "strained":
            topics.add(SupervisionTopic.WELLBEING)
        return [t.value for t in SupervisionTopic if t in topics]
