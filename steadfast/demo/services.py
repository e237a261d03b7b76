"""Building the fictional demo authority: teams, a worker for every role, households,
providers, children whose placement histories look like England's, stability concerns,
stability meetings in every state of their record, two years of past stability work
(`demo.history`), the supervision of every fostering household with a placement stability
scale for each child placed, and the statutory visits to each child in their current home, some
of those homes agreed as long-term.

Everything is bulk-written for speed (20,000 children take under three minutes rather than hours),
with field history rows written alongside and one audit event recording that the demo was
seeded. The domain services' checks are not run row by row: the histories are built to be
consistent (one open placement per child, no overlaps, homes within approval; a meeting on or
after its concern, a plan authorised by a manager who neither chaired nor sent it; supervision
after approval and never in the future, with a scale for exactly the children placed that day;
statutory visits only in the child's current placement and never in the future). It reads like
an authority's own records: each household is named after its approved carers and no two share a
name; meetings, reviews, due dates, managers' decisions and authorisations fall on working days;
and nothing that happened is dated after the demo was seeded.
"""

import datetime
import random
from dataclasses import dataclass

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone

from steadfast.accounts.models import User
from steadfast.audit.services import record_event
from steadfast.children.models import (
    Child,
)
from steadfast.placements.models import Placement, PlacementType
from steadfast.placements.rules import age_on
from steadfast.visits import rules as visit_rules
from steadfast.visits import selectors as visit_selectors
from steadfast.visits.models import StatutoryVisit

from .assessments import seed_assessments
from .carer_logs import seed_carer_logs
from .carers_portal import seed_carers_portal_demo, seed_portal_contacts
from .children import ChildrenBuilder
from .concerns import ConcernsBuilder
from .homes import HomesBuilder
from .meeting_records import MeetingRecordsBuilder
from .meetings import MeetingsBuilder
from .past_stability_work import PastStabilityWorkBuilder
from .rules import (
    working_day_on_or_before,
)
from .staff import StaffBuilder
from .supervision import SupervisionBuilder
from .support_requests import seed_support_requests
from .writing import write_in_bulk

DEMO_AUTHORITY_SEEDED = "DEMO_AUTHORITY_SEEDED"
ALREADY_SEEDED = "The demo authority is already here. Use a fresh database to seed it again."


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


@dataclass
class SeedSummary:
    children: int
    households: int
    providers: int
    staff: int
    placements: int
    supervision_sessions: int
    statutory_visits: int


class _Builder(
    StaffBuilder,
    HomesBuilder,
    ChildrenBuilder,
    ConcernsBuilder,
    MeetingsBuilder,
    MeetingRecordsBuilder,
    PastStabilityWorkBuilder,
    SupervisionBuilder,
):
    def build(self, households: int) -> int:
        """The authority, each part in turn, in the order each needs what the one before wrote
        (and each random stream's draws are made). Returns how many placements were written."""
        self.teams()
        self.staff(households)
        self.homes(households)
        children, workers, placements = self.children()
        homes: dict[int, list[Placement]] = {}
        for placement in placements:
            homes.setdefault(placement.child_id, []).append(placement)
        arranged = self._concerns(children, workers, homes)
        meetings = self._meetings(children, workers, homes, arranged)
        self.supervision_sessions = self._supervision(placements, meetings)
        self.statutory_visits = self._statutory_visits(children, workers, placements)
        self.support_requests = seed_support_requests(
            households=self.households,
            supervising_social_worker=self.supervising_social_worker,
            placements=placements,
            carers=self.carers,
            today=self.today,
            seed=self.seed,
        )
        self.carer_logs = seed_carer_logs(
            households=self.households,
            placements=placements,
            supervising_social_worker=self.supervising_social_worker,
            carers=self.carers,
            today=self.today,
            rng=random.Random(f"{self.seed}-carer-logs"),
        )
        return len(placements)

    # Statutory visits ---------------------------------------------------------------------------
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
            place=self.visit_rng.choice(places),
            child_seen=seen,
            seen_alone=alone,
            child_said=self.visit_rng.choice(CHILD_SAID) if seen else "",
            observations=self.visit_rng.choice(SEEN_OBSERVATIONS if seen else UNSEEN_OBSERVATIONS),
            created_by=worker,
            updated_by=worker,
        )


@transaction.atomic
def seed_demo_authority(
    *, children: int, password: str, seed: int = 2026, today: datetime.date | None = None
) -> SeedSummary:
    """Build the fictional authority in an empty database. Refuses if it is already there."""
    if User.objects.filter(username="social.worker").exists():
        raise ValidationError(ALREADY_SEEDED)
    today = today or timezone.localdate()
    builder = _Builder(count=children, password=password, seed=seed, today=today)
    households = max(4, children // 3)
    placements = builder.build(households)
    seed_assessments(today=today, seed=seed)
    seed_portal_contacts()
    seed_carers_portal_demo()
    summary = SeedSummary(
        children=children,
        households=households,
        providers=len(builder.providers),
        staff=builder.staff_count,
        placements=placements,
        supervision_sessions=builder.supervision_sessions,
        statutory_visits=builder.statutory_visits,
    )
    record_event(actor=None, event_type=DEMO_AUTHORITY_SEEDED, details=summary.__dict__)
    return summary
