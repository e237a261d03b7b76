"""What every part of the demo's building shares: the size of the authority, the day it is
seeded, its random streams, and what each part has written that a later one reads. Each part,
one for each kind of record the demo seeds, adds its methods to one builder, and they run in the
order `seed_demo_authority` calls them, so the draws from each random stream come in the same
order every time: the same seed and day build the same authority, row for row.
"""

import datetime
import random

from django.contrib.auth.hashers import make_password

from steadfast.accounts.models import Team, User
from steadfast.concerns.models import StabilityConcern
from steadfast.households.models import Household, HouseholdMember, Provider


class Builder:
    """The state every part shares; each part subclasses it with the methods that build its records."""

    # People and teams.
    team: dict[str, Team]
    named: dict[str, User]
    social_workers: list[User]
    iros: list[User]
    ssws: list[User]
    staff_count: int
    # Fostering households and other providers.
    households: list[Household]
    with_own_children: set[int]
    supervising_social_worker: dict[int, User]
    carers: dict[int, list[HouseholdMember]]
    providers: list[Provider]
    homes_by_kind: dict[str, list[Provider]]
    occupancy: dict[int, int]
    # Stability concerns, recent and past.
    concerns: list[StabilityConcern]
    # For stability meetings: each team's manager, and those managers, by id.
    team_manager_of: dict[int, int | None]
    users: dict[int, User]
    # How many of each were written.
    supervision_sessions: int
    statutory_visits: int
    support_requests: int
    carer_logs: int

    def __init__(self, *, count: int, password: str, seed: int, today: datetime.date) -> None:
        self.count = count
        self.rng = random.Random(seed)
        self.seed = seed
        # Statutory visits draw from their own stream, so that the rest of the demo stays as it was.
        self.visit_rng = random.Random(f"{seed}-visits")
        # So does the past stability work (demo.history).
        self.history_rng = random.Random(f"{seed}-history")
        self.today = today
        self.password_hash = make_password(password)
