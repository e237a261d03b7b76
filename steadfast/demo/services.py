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

Each thing the demo seeds is built by a module of its own, each adding its methods to one
builder that shares what `demo.builder` declares: the people and teams (`demo.staff`), the
households and other providers (`demo.homes`), the children and their placements
(`demo.children`), recent stability concerns (`demo.concerns`), stability meetings
(`demo.meetings`) and what goes on their record (`demo.meeting_records`), the past stability
work (`demo.past_stability_work`), supervision (`demo.supervision`) and statutory visits
(`demo.visits`). The newer parts are functions of their own: requests for help
(`demo.support_requests`), carers' logs (`demo.carer_logs`), assessments (`demo.assessments`),
Safety and Well-being Grids (`demo.grids`) and
the carers' portal (`demo.carers_portal`), restricted records (`demo.restricted_records`) and
what the security pages watch (`demo.security_records`) and children's own pages
(`demo.young_people`). `seed_demo_authority` runs them all, in turn.
"""

import datetime
import random
from dataclasses import dataclass

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone

from steadfast.accounts.models import User
from steadfast.audit.services import record_event
from steadfast.placements.models import Placement

from .assessments import seed_assessments
from .carer_logs import seed_carer_logs
from .carers_portal import seed_carers_portal_demo, seed_portal_contacts
from .children import ChildrenBuilder
from .concerns import ConcernsBuilder
from .grids import seed_grids
from .homes import HomesBuilder
from .meeting_records import MeetingRecordsBuilder
from .meetings import MeetingsBuilder
from .past_stability_work import PastStabilityWorkBuilder
from .restricted_records import seed_restricted_records
from .security_records import seed_security_records
from .staff import StaffBuilder
from .supervision import SupervisionBuilder
from .support_requests import seed_support_requests
from .visits import VisitsBuilder
from .voice import seed_childs_voice
from .words_and_pictures import seed_words_and_pictures
from .young_people import seed_young_people_demo

DEMO_AUTHORITY_SEEDED = "DEMO_AUTHORITY_SEEDED"
ALREADY_SEEDED = "The demo authority is already here. Use a fresh database to seed it again."


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
    VisitsBuilder,
):
    """The demo's builder: every part's methods, on the state they share."""

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
    seed_grids(today=today, seed=seed)
    seed_portal_contacts()
    seed_carers_portal_demo()
    seed_childs_voice(today=today, seed=seed)
    seed_restricted_records(
        today=today,
        fostering_team_manager=builder.named["fostering.team.manager"],
        supervising_social_worker=builder.named["supervising.social.worker"],
    )
    seed_security_records(named=builder.named, today=today)
    seed_young_people_demo(named=builder.named, seed=seed)
    seed_words_and_pictures(today=today, seed=seed)
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
