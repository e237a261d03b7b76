"""The statutory visits to the demo authority's children over the last eighteen months, by each
child's allocated social worker, in their current placement only and never in the future, as
often as the policy in force asks: most children are up to date and about one in eight is
overdue. About a third of the placements open for over a year were agreed as long-term, which
spaces their visits out. Drawn from a random stream of their own."""

import datetime

from steadfast.accounts.models import User
from steadfast.children.models import Child
from steadfast.placements.models import Placement, PlacementType
from steadfast.placements.rules import age_on
from steadfast.visits import rules as visit_rules
from steadfast.visits import selectors as visit_selectors
from steadfast.visits.models import StatutoryVisit

from .builder import Builder
from .rules import working_day_on_or_before
from .writing import write_in_bulk

# Statutory visits: how far back the demo's visits go, how many children's visits have fallen
# behind, and how many placements open for over a year have been agreed as long-term.
VISIT_WINDOW_DAYS = 548
VISITS_BEHIND_SHARE = 1 / 8
LONG_TERM_SHARE = 1 / 3
VISITS_PER_WRITE = 5000
# Where the child was seen, by the kind of home they live in.
VISIT_PLACES = {
    PlacementType.RESIDENTIAL: (
        "At the children's home",
        "At the children's home",
        "At school",
        "Contact centre",
    ),
    PlacementType.INDEPENDENT_LIVING: ("At their flat", "At their flat", "At college", "In a café in town"),
}
FOSTER_VISIT_PLACES = (
    "At the carers' home",
    "At the carers' home",
    "At the carers' home",
    "At school",
    "Contact centre",
)
CHILD_SAID = (
    "I like my bedroom and the dog sleeps on my bed (fictional).",
    "School is alright. I got a sticker for reading (fictional).",
    "I want to see my mum more often (fictional).",
    "I'm happy here. Can I stay for Christmas? (fictional)",
    "I don't like it when contact is cancelled (fictional).",
    "I've joined the football team and we won on Saturday (fictional).",
    "My carer makes the best pancakes (fictional).",
    "I miss my brother. When can I see him? (fictional)",
    "It's OK here. I'd like a later bedtime (fictional).",
    "I'm worried about my exams (fictional).",
)
SEEN_OBSERVATIONS = (
    "Warm and relaxed at home; their room was clean and welcoming (fictional).",
    "Showed me their room and school work; chatted easily (fictional).",
    "Quieter than last time but opened up during a walk (fictional).",
    "Settled and comfortable; the routines at home are working (fictional).",
    "A bit tired after contact but engaged well (fictional).",
)
UNSEEN_OBSERVATIONS = (
    "The child was at a friend's birthday party; the carers gave an update (fictional).",
    "The child was asleep after a late night with a cold; a visit is booked next week (fictional).",
    "The child did not want to talk today; we agreed to try again soon (fictional).",
)


class VisitsBuilder(Builder):
    """The statutory visits, and the placements agreed as long-term."""

    def _agreed_long_term_on(self, start: datetime.date) -> datetime.date | None:
        """For about a third of the current placements that began over a year ago, the day
        they were agreed as long-term: from three months after the start, a while before today."""
        days_in = (self.today - start).days
        if days_in <= 365 or self.visit_rng.random() >= LONG_TERM_SHARE:
            return None
        return start + datetime.timedelta(days=self.visit_rng.randint(90, min(days_in - 14, 3 * 365)))

    def _statutory_visits(
        self, children: list[Child], workers: list[User], placements: list[Placement]
    ) -> int:
        """Statutory visits over the last eighteen months by each child's allocated social
        worker, in their current placement only and never in the future, as often as the policy
        in force asks: most children are up to date, and about one in eight is overdue, always
        including one of the demo social worker's. Returns how many visits were written."""
        policy = visit_selectors.policy_in_force()
        current = {p.child_id: p for p in placements if p.end_date is None}
        behind = self._visits_behind(children, workers, current)
        visits, written = [], 0
        for i, child in enumerate(children):
            placement = current.get(child.pk)
            if placement is None:
                continue
            days = self._visit_days(placement, policy)
            if child.pk in behind:
                overdue_since = self.today - datetime.timedelta(days=self.visit_rng.randint(3, 60))
                # A placement older than the window keeps a visit in it.
                keep = (
                    1 if placement.start_date < self.today - datetime.timedelta(days=VISIT_WINDOW_DAYS) else 0
                )
                while len(days) > keep and self._visit_due(placement, days, policy) >= overdue_since:
                    days.pop()
            for day in days:
                visits.append(self._visit(child, placement, day, workers[i]))
            if len(visits) >= VISITS_PER_WRITE:
                # Written as they are made, so that a large authority's visits are never all in
                # memory at once.
                write_in_bulk(visits, StatutoryVisit)
                written += len(visits)
                visits = []
        write_in_bulk(visits, StatutoryVisit)
        return written + len(visits)

    @staticmethod
    def _visit_due(
        placement: Placement, days: list[datetime.date], policy: visit_rules.Policy
    ) -> datetime.date:
        return visit_rules.next_visit_due(
            placement_start=placement.start_date,
            agreed_long_term_on=placement.agreed_long_term_on,
            visits=days[-1:],
            policy=policy,
        )

    def _visits_behind(self, children: list[Child], workers: list[User], current: dict) -> set[int]:
        """The children whose visits have fallen behind, by id: about one in eight of those in
        a home long enough to be overdue; among the demo social worker's, at least one and no
        more than one in four."""
        settled_by = self.today - datetime.timedelta(days=90)
        demo_sw = self.named["social.worker"]
        eligible = [c.pk for c in children if c.pk in current and current[c.pk].start_date <= settled_by]
        behind = set(self.visit_rng.sample(eligible, round(len(eligible) * VISITS_BEHIND_SHARE)))
        theirs = [
            c.pk
            for c, worker in zip(children, workers, strict=True)
            if worker.pk == demo_sw.pk and c.pk in current and current[c.pk].start_date <= settled_by
        ]
        theirs_behind = [pk for pk in theirs if pk in behind]
        if theirs and not theirs_behind:
            behind.add(self.visit_rng.choice(theirs))
        behind -= set(theirs_behind[max(1, len(theirs) // 4) :])
        return behind

    def _visit_days(self, placement: Placement, policy: visit_rules.Policy) -> list[datetime.date]:
        """The days of the visits in the placement within the demo's window, up to today, each
        within the policy's interval of the one before (the first within its days of the start),
        so that the next is not yet overdue. Before the window a visit is assumed, not written."""
        start = placement.start_date
        window_opens = self.today - datetime.timedelta(days=VISIT_WINDOW_DAYS)
        day = start + datetime.timedelta(days=self.visit_rng.randint(0, policy.first_visit_within_days - 1))
        if start < window_opens:
            day = max(day, window_opens - datetime.timedelta(days=self.visit_rng.randint(1, 40)))
        days = []
        while day <= self.today:
            if day >= window_opens:
                days.append(day)
            gap = (self._visit_due(placement, [day], policy) - day).days
            later = day + datetime.timedelta(days=self.visit_rng.randint(max(1, gap * 2 // 3), gap))
            # On a working day where that keeps it after the last visit.
            working = working_day_on_or_before(later)
            day = working if working > day else later
        return days

    def _visit(self, child: Child, placement: Placement, day: datetime.date, worker: User) -> StatutoryVisit:
        seen = self.visit_rng.random() < 0.92
        alone = seen and age_on(child.date_of_birth, day) >= 5 and self.visit_rng.random() < 0.75
        places = VISIT_PLACES.get(placement.placement_type, FOSTER_VISIT_PLACES)
        return StatutoryVisit(
            child=child,
            date=day,
            placement=placement,
            place=self.visit_rng.choice(places),
            child_seen=seen,
            seen_alone=alone,
            child_said=self.visit_rng.choice(CHILD_SAID) if seen else "",
            observations=self.visit_rng.choice(SEEN_OBSERVATIONS if seen else UNSEEN_OBSERVATIONS),
            created_by=worker,
            updated_by=worker,
        )
