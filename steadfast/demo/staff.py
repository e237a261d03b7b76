"""The demo authority's people and teams: a sign-in for every role (`DEMO_USERS`, shown on the
README and by `make run`), the teams they work in, and as many more social workers, supervising
social workers and independent reviewing officers as the authority's size needs, in teams of
their own, each with a manager."""

import math

from django.utils import timezone

from steadfast.accounts.models import Role, Team, TeamKind, User

from .builder import Builder
from .rules import FIRST_NAMES, LAST_NAMES

# One sign-in per role, at least; these usernames are shown on the README and by `make run`.
DEMO_USERS = (
    ("social.worker", "Sam", "Okonjo", Role.SOCIAL_WORKER, "north"),
    ("other.social.worker", "Robin", "Thistlewood", Role.SOCIAL_WORKER, "south"),
    ("supervising.social.worker", "Jess", "Marchetti", Role.SUPERVISING_SOCIAL_WORKER, "fostering"),
    ("team.manager", "Morgan", "Adeyemi", Role.TEAM_MANAGER, "north"),
    ("assistant.team.manager", "Casey", "Lindgren", Role.ASSISTANT_TEAM_MANAGER, "north"),
    ("senior.practitioner", "Drew", "Patel", Role.SENIOR_PRACTITIONER, "north"),
    ("iro", "Avery", "Nwosu", Role.IRO, "reviewing"),
    ("placement.support", "Quinn", "Halloran", Role.PLACEMENT_SUPPORT_WORKER, "support"),
    ("fostering.team.manager", "Jordan", "Szabo", Role.FOSTERING_TEAM_MANAGER, "fostering"),
    ("foster.carer", "Pat", "Fairweather", Role.FOSTER_CARER, None),
    ("analyst", "Charlie", "Brookes", Role.PERFORMANCE_ANALYST, "performance"),
    ("admin", "Alex", "Whitcombe", Role.ADMINISTRATOR, "administration"),
    ("security.officer", "Rowan", "Achterberg", Role.SECURITY_OFFICER, "administration"),
    # Two, because destroying a record past its retention date needs two records officers.
    ("records.officer", "Robin", "Ellsworth", Role.RECORDS_OFFICER, "records"),
    ("second.records.officer", "Sasha", "Pemberton", Role.RECORDS_OFFICER, "records"),
)
TEAMS = {
    "north": ("Children in Care North", TeamKind.CHILDRENS_SOCIAL_WORK),
    "south": ("Children in Care South", TeamKind.CHILDRENS_SOCIAL_WORK),
    "fostering": ("Fostering Northbridge", TeamKind.FOSTERING),
    "support": ("Promoting Stability Team", TeamKind.PLACEMENT_SUPPORT),
    "reviewing": ("Independent Reviewing Service", TeamKind.REVIEWING),
    "performance": ("Performance and Quality Assurance", TeamKind.PERFORMANCE),
    "administration": ("Systems Administration", TeamKind.ADMINISTRATION),
    "records": ("Records and Information", TeamKind.ADMINISTRATION),
}
CASELOAD = 16  # children per social worker
TEAM_SIZE = 8  # workers in a social work or fostering team
HOUSEHOLDS_PER_SSW = 12


class StaffBuilder(Builder):
    """The teams, the demo sign-ins and the rest of the staff."""

    def teams(self) -> None:
        self.made_at = timezone.now()
        self.team = {key: Team.objects.create(name=name, kind=kind) for key, (name, kind) in TEAMS.items()}

    def _user(self, username: str, first: str, last: str, role: str, team_key: str | None) -> User:
        return User(
            username=username,
            first_name=first,
            last_name=last,
            email=f"{username}@example.invalid",
            role=role,
            team=self.team[team_key] if team_key else None,
            password=self.password_hash,
            is_staff=role == Role.ADMINISTRATOR,
            # The demo's people are made as if each had activated their account and a manager
            # had confirmed it, so that every demo sign-in works at once (ADR 0036).
            activated_at=self.made_at,
            confirmed_at=self.made_at,
        )

    def staff(self, households: int) -> None:
        named = [self._user(*row) for row in DEMO_USERS]
        User.objects.bulk_create(named)
        self.named = {u.username: u for u in User.objects.filter(username__in=[r[0] for r in DEMO_USERS])}
        manager = self.named["team.manager"]
        south_manager = self._user("south.manager", "Harper", "Quinlan", Role.TEAM_MANAGER, "south")
        south_manager.save()
        fostering_manager = self.named["fostering.team.manager"]
        Team.objects.filter(pk=self.team["north"].pk).update(manager=manager)
        Team.objects.filter(pk=self.team["south"].pk).update(manager=south_manager)
        Team.objects.filter(pk=self.team["fostering"].pk).update(manager=fostering_manager)
        for username in ("social.worker", "assistant.team.manager", "senior.practitioner"):
            self.named[username].line_manager = manager
        self.named["other.social.worker"].line_manager = south_manager
        self.named["supervising.social.worker"].line_manager = fostering_manager
        User.objects.bulk_update(self.named.values(), ["line_manager"])

        extra = self._fill_teams(
            prefix="sw",
            role=Role.SOCIAL_WORKER,
            needed=max(2, math.ceil(self.count / CASELOAD)) - 2,
            first=[("north", manager), ("south", south_manager)],
            kind=TeamKind.CHILDRENS_SOCIAL_WORK,
            manager_role=Role.TEAM_MANAGER,
        )
        extra += self._fill_teams(
            prefix="ssw",
            role=Role.SUPERVISING_SOCIAL_WORKER,
            needed=max(0, math.ceil(households / HOUSEHOLDS_PER_SSW) - 1),
            first=[("fostering", fostering_manager)],
            kind=TeamKind.FOSTERING,
            manager_role=Role.FOSTERING_TEAM_MANAGER,
        )
        for i in range(max(0, math.ceil(self.count / 60) - 1)):
            extra.append(self._user(f"iro{i + 1:03d}", *self._name(), Role.IRO, "reviewing"))
        User.objects.bulk_create(extra, batch_size=500)
        staff = User.objects.filter(is_active=True)
        self.social_workers = [
            self.named["social.worker"],
            self.named["other.social.worker"],
            *staff.filter(role=Role.SOCIAL_WORKER, username__startswith="sw").order_by("username"),
        ]
        self.iros = [
            self.named["iro"],
            *staff.filter(role=Role.IRO, username__regex=r"^iro[0-9]+$").order_by("username"),
        ]
        self.ssws = [
            self.named["supervising.social.worker"],
            *staff.filter(role=Role.SUPERVISING_SOCIAL_WORKER, username__startswith="ssw").order_by(
                "username"
            ),
        ]
        self.staff_count = User.objects.count()

    def _fill_teams(
        self, *, prefix: str, role: str, needed: int, first: list, kind: str, manager_role: str
    ) -> list[User]:
        """`needed` more workers in `role`: first the named teams in `first` are filled to
        TEAM_SIZE (each already holds one demo sign-in), then new teams of TEAM_SIZE are made,
        each with its own manager. A manager's caseload so stays the same however large the
        authority."""
        places = [(self.team[key], manager) for key, manager in first for _ in range(TEAM_SIZE - 1)]
        number = len(first)
        while len(places) < needed:
            number += 1
            team = Team.objects.create(name=f"{kind.label} team {number}", kind=kind)
            manager = self._user(f"{prefix}m{number:02d}", *self._name(), manager_role, None)
            manager.team = team
            manager.save()
            team.manager = manager
            team.save(update_fields=["manager"])
            places += [(team, manager)] * TEAM_SIZE
        workers = []
        for i, (team, manager) in enumerate(places[:needed]):
            worker = self._user(f"{prefix}{i + 1:03d}", *self._name(), role, None)
            worker.team, worker.line_manager = team, manager
            workers.append(worker)
        return workers

    def _name(self) -> tuple[str, str]:
        return self.rng.choice(FIRST_NAMES), self.rng.choice(LAST_NAMES)
