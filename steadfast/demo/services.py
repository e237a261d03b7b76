"""Building the fictional demo authority: teams, a worker for every role, households,
providers, and children whose placement histories look like England's.

Everything is bulk-written for speed (20,000 children take about a minute rather than hours),
with field history rows written alongside and one audit event recording that the demo was
seeded. The domain services' checks are not run row by row: the histories are built to be
consistent (one open placement per child, no overlaps, homes within approval).
"""

import datetime
import math
import random
from dataclasses import dataclass

from django.contrib.auth.hashers import make_password
from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from simple_history.utils import bulk_create_with_history

from steadfast.accounts.models import (
    AccessGrant,
    Allocation,
    AllocationRole,
    HouseholdAllocation,
    Role,
    Team,
    TeamKind,
    User,
)
from steadfast.audit.models import AuditEvent
from steadfast.audit.services import CHILD_VIEWED, record_event
from steadfast.children.models import (
    Child,
    Ethnicity,
    LegalStatus,
    LegalStatusKind,
    Relationship,
    RelationshipKind,
    Sex,
)
from steadfast.concerns.models import (
    ConcernStatus,
    InstabilityFactor,
    ManagementOversightNote,
    MeetingKind,
    RaisedBy,
    Response,
    StabilityConcern,
    Urgency,
)
from steadfast.concerns.services import DEFAULT_WORKING_DAYS
from steadfast.core.working_days import add_working_days
from steadfast.households.models import (
    ApprovalKind,
    Household,
    HouseholdMember,
    MemberRole,
    Provider,
    ProviderKind,
)
from steadfast.placements.models import EndReason, Placement, PlacementType
from steadfast.placements.rules import age_on, placements_in_last_twelve_months

from .rules import FIRST_NAMES, LAST_NAMES, DemoChild, demo_children

DEMO_AUTHORITY_SEEDED = "DEMO_AUTHORITY_SEEDED"
ALREADY_SEEDED = "The demo authority is already here. Use a fresh database to seed it again."

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
)
TEAMS = {
    "north": ("Children in Care North", TeamKind.CHILDRENS_SOCIAL_WORK),
    "south": ("Children in Care South", TeamKind.CHILDRENS_SOCIAL_WORK),
    "fostering": ("Fostering Northbridge", TeamKind.FOSTERING),
    "support": ("Promoting Stability Team", TeamKind.PLACEMENT_SUPPORT),
    "reviewing": ("Independent Reviewing Service", TeamKind.REVIEWING),
    "performance": ("Performance and Quality Assurance", TeamKind.PERFORMANCE),
    "administration": ("Systems Administration", TeamKind.ADMINISTRATION),
}
CASELOAD = 16  # children per social worker
TEAM_SIZE = 8  # workers in a social work or fostering team
HOUSEHOLDS_PER_SSW = 12
STREETS = [
    "Alder",
    "Birch",
    "Cedar",
    "Damson",
    "Elder",
    "Fern",
    "Hawthorn",
    "Juniper",
    "Larch",
    "Maple",
    "Rowan",
    "Willow",
]
PLANNED_ENDINGS = [
    EndReason.PLAN_MOVE_TO_PERMANENCE,
    EndReason.CARE_PLAN_CHANGED,
    EndReason.RETURNED_HOME,
    EndReason.SPECIAL_GUARDIANSHIP,
]
UNPLANNED_ENDINGS = [
    EndReason.CARER_REQUESTED,
    EndReason.CHILD_REQUESTED,
    EndReason.ALLEGATION,
    EndReason.CARER_CIRCUMSTANCES,
]


# The states the demo's concerns are in, in turn: waiting and in time, waiting and late, a
# meeting to arrange, and another response agreed.
DEMO_CONCERN_STATES = (
    {
        "days_ago": 1,
        "urgency": Urgency.BREAKDOWN_IMMINENT,
        "raised_by": RaisedBy.CARER,
        "status": ConcernStatus.AWAITING_TRIAGE,
        "response": "",
        "meeting_kind": "",
        "reason": "",
        "what": "The carer rang the duty line: two nights missing this week; she is exhausted (fictional).",
    },
    {
        "days_ago": 21,
        "urgency": Urgency.UNDER_PRESSURE,
        "raised_by": RaisedBy.CHILD,
        "status": ConcernStatus.AWAITING_TRIAGE,
        "response": "",
        "meeting_kind": "",
        "reason": "",
        "what": "Told their social worker they want to leave because of rows with another child (fictional).",
    },
    {
        "days_ago": 4,
        "urgency": Urgency.BREAKDOWN_IMMINENT,
        "raised_by": RaisedBy.SUPERVISING_SOCIAL_WORKER,
        "status": ConcernStatus.MEETING_TO_ARRANGE,
        "response": Response.MEETING,
        "meeting_kind": MeetingKind.PLACEMENT_STABILITY,
        "reason": "The network needs to meet this week to plan support (fictional).",
        "what": "Carer's logs show growing frustration after a school exclusion (fictional).",
    },
    {
        "days_ago": 30,
        "urgency": Urgency.PREVENTIVE,
        "raised_by": RaisedBy.SOCIAL_WORKER,
        "status": ConcernStatus.OTHER_RESPONSE,
        "response": Response.JOINT_VISIT,
        "meeting_kind": "",
        "reason": "A joint visit first: the carer and child both say things are settling (fictional).",
        "what": "Contact with birth family has unsettled the child at bedtimes (fictional).",
    },
)


@dataclass
class SeedSummary:
    children: int
    households: int
    providers: int
    staff: int
    placements: int


def _bulk(objs: list, model: type) -> list:
    if hasattr(model, "history"):
        return bulk_create_with_history(objs, model, batch_size=1000)
    return model.objects.bulk_create(objs, batch_size=1000)


class _Builder:
    def __init__(self, *, count: int, password: str, seed: int, today: datetime.date) -> None:
        self.count = count
        self.rng = random.Random(seed)
        self.seed = seed
        self.today = today
        self.password_hash = make_password(password)

    # People and teams -------------------------------------------------------------------
    def teams(self) -> None:
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

    # Homes -------------------------------------------------------------------------------
    def homes(self, households: int) -> None:
        kinds = (
            [ApprovalKind.LONG_TERM] * 4
            + [ApprovalKind.SHORT_TERM] * 4
            + [ApprovalKind.CONNECTED_PERSON] * 2
            + [ApprovalKind.RESPITE]
        )
        rows = []
        for i in range(households):
            kind = self.rng.choice(kinds)
            age_from = self.rng.choice([0, 0, 0, 5, 11])
            rows.append(
                Household(
                    name=f"The {self.rng.choice(LAST_NAMES)} household",
                    reference=f"FH-{i + 1:04d}",
                    address_line_1=f"{self.rng.randint(1, 120)} {self.rng.choice(STREETS)} Road",
                    town="Northbridge",
                    postcode=f"NB{self.rng.randint(1, 9)} {self.rng.randint(1, 9)}DM",
                    approval_kind=kind,
                    approved_age_from=age_from,
                    approved_age_to=17,
                    approved_places=self.rng.choice([1, 2, 2, 3]),
                    approval_date=self.today - datetime.timedelta(days=self.rng.randint(200, 5000)),
                )
            )
        self.households = _bulk(rows, Household)
        members, allocations = [], []
        for i, household in enumerate(self.households):
            for _ in range(self.rng.choice([1, 2, 2])):
                first, _ = self._name()
                surname = household.name.split()[1]
                members.append(
                    HouseholdMember(
                        household=household, full_name=f"{first} {surname}", role=MemberRole.APPROVED_CARER
                    )
                )
            if self.rng.random() < 0.35:
                first, _ = self._name()
                members.append(
                    HouseholdMember(
                        household=household,
                        full_name=f"{first} {household.name.split()[1]}",
                        role=MemberRole.CARERS_CHILD,
                    )
                )
            allocations.append(
                HouseholdAllocation(
                    household=household,
                    worker=self.ssws[i % len(self.ssws)],
                    start_date=max(household.approval_date, self.today - datetime.timedelta(days=900)),
                )
            )
        _bulk(members, HouseholdMember)
        _bulk(allocations, HouseholdAllocation)
        # The demo carer signs in as an approved carer of the first household, which the demo
        # supervising social worker supervises.
        carer_household = self.households[0]
        Household.objects.filter(pk=carer_household.pk).update(approved_places=3, approved_age_from=0)
        carer_household.approved_places, carer_household.approved_age_from = 3, 0
        HouseholdMember.objects.create(
            household=carer_household,
            full_name="Pat Fairweather",
            role=MemberRole.APPROVED_CARER,
            user=self.named["foster.carer"],
        )
        provider_count = max(3, self.count // 40)
        self.providers = _bulk(
            [
                Provider(
                    name=f"{self.rng.choice(STREETS)} House"
                    if i % 2 == 0
                    else f"{self.rng.choice(STREETS)} Fostering Agency",
                    kind=ProviderKind.CHILDRENS_HOME if i % 2 == 0 else ProviderKind.AGENCY,
                    key_worker_name=" ".join(self._name()),
                    town="Northbridge",
                )
                for i in range(provider_count)
            ],
            Provider,
        )
        self.homes_by_kind = {
            ProviderKind.CHILDRENS_HOME: [p for p in self.providers if p.kind == ProviderKind.CHILDRENS_HOME],
            ProviderKind.AGENCY: [p for p in self.providers if p.kind == ProviderKind.AGENCY],
        }
        self.occupancy = {h.pk: 0 for h in self.households}

    # Children ------------------------------------------------------------------------------
    def _social_worker_order(self, histories: list[DemoChild]) -> list[User]:
        """Which social worker each child has. The demo social worker's caseload always holds
        a child with three or more placements this year, so the demo shows one."""
        unsettled = next(
            (
                i
                for i, c in enumerate(histories)
                if placements_in_last_twelve_months(
                    [(p.start, p.end) for p in c.placements], today=self.today
                )
                >= 3
            ),
            0,
        )
        order = [self.social_workers[i % len(self.social_workers)] for i in range(len(histories))]
        order[unsettled], order[0] = order[0], order[unsettled]
        return order

    def _home_for(self, child: DemoChild, placement_index: int, is_open: bool, start: datetime.date):
        age = age_on(child.date_of_birth, start)
        roll = self.rng.random()
        if age >= 12 and roll < 0.2:
            return (
                PlacementType.RESIDENTIAL,
                None,
                self.rng.choice(self.homes_by_kind[ProviderKind.CHILDRENS_HOME]),
            )
        if age >= 16 and roll < 0.3:
            return (
                PlacementType.INDEPENDENT_LIVING,
                None,
                self.rng.choice(self.homes_by_kind[ProviderKind.AGENCY]),
            )
        if roll > 0.9:
            return PlacementType.FOSTER_AGENCY, None, self.rng.choice(self.homes_by_kind[ProviderKind.AGENCY])
        candidates = self.rng.sample(self.households, min(8, len(self.households)))
        if is_open and self.occupancy[self.households[0].pk] == 0:
            # The demo carer's household always has a child living there.
            candidates.insert(0, self.households[0])
        for household in candidates:
            if not is_open:
                break
            if (
                self.occupancy[household.pk] < household.approved_places
                and household.approved_age_from <= age
            ):
                break
        else:
            return PlacementType.FOSTER_AGENCY, None, self.rng.choice(self.homes_by_kind[ProviderKind.AGENCY])
        if is_open:
            self.occupancy[household.pk] += 1
        kind = (
            PlacementType.FOSTER_CONNECTED_PERSON
            if household.approval_kind == ApprovalKind.CONNECTED_PERSON
            else PlacementType.FOSTER_APPROVED_CARER
        )
        return kind, household, None

    def _school(self, history: DemoChild) -> str:
        phase = "Primary" if age_on(history.date_of_birth, self.today) < 11 else "Academy"
        return f"{self.rng.choice(STREETS)} {phase} (fictional)"

    def children(self) -> int:
        histories = demo_children(self.count, seed=self.seed, today=self.today)
        rows = [
            Child(
                child_identifier=f"DEMO{i + 1:06d}",
                legal_first_name=h.first_name,
                legal_last_name=h.last_name,
                date_of_birth=h.date_of_birth,
                sex=self.rng.choice([Sex.FEMALE, Sex.MALE]),
                ethnicity=self.rng.choice(Ethnicity.values[:17]),
                school=self._school(h),
                restricted=i % 97 == 50,
            )
            for i, h in enumerate(histories)
        ]
        children = _bulk(rows, Child)
        workers = self._social_worker_order(histories)
        allocations, statuses, placements, grants, relationships = [], [], [], [], []
        for i, (child, history) in enumerate(zip(children, histories, strict=True)):
            since = max(history.entered_care, self.today - datetime.timedelta(days=self.rng.randint(30, 700)))
            allocations.append(
                Allocation(
                    child=child, worker=workers[i], role=AllocationRole.SOCIAL_WORKER, start_date=since
                )
            )
            allocations.append(
                Allocation(
                    child=child,
                    worker=self.iros[i % len(self.iros)],
                    role=AllocationRole.IRO,
                    start_date=since,
                )
            )
            if child.restricted:
                grants.append(
                    AccessGrant(
                        user=workers[i],
                        child=child,
                        reason="Allocated social worker of a restricted record (demo)",
                    )
                )
            order_start = history.entered_care + datetime.timedelta(days=180)
            if order_start < self.today and self.rng.random() < 0.8:
                statuses.append(
                    LegalStatus(
                        child=child,
                        status=LegalStatusKind.INTERIM_CARE_ORDER,
                        start_date=history.entered_care,
                        end_date=order_start - datetime.timedelta(days=1),
                    )
                )
                statuses.append(
                    LegalStatus(child=child, status=LegalStatusKind.FULL_CARE_ORDER, start_date=order_start)
                )
            else:
                statuses.append(
                    LegalStatus(
                        child=child,
                        status=LegalStatusKind.VOLUNTARY_ACCOMMODATION,
                        start_date=history.entered_care,
                    )
                )
            for n, p in enumerate(history.placements):
                kind, household, provider = self._home_for(history, n, p.end is None, p.start)
                if p.end is None:
                    reason, planned = "", None
                else:
                    planned = p.planned
                    reason = self.rng.choice(PLANNED_ENDINGS if planned else UNPLANNED_ENDINGS)
                placements.append(
                    Placement(
                        child=child,
                        household=household,
                        provider=provider,
                        placement_type=kind,
                        start_date=p.start,
                        end_date=p.end,
                        end_reason=reason,
                        ending_planned=planned,
                    )
                )
            if i > 0 and i % 6 == 0:
                relationships.append(
                    Relationship(child=child, kind=RelationshipKind.SIBLING, related_child=children[i - 1])
                )
                relationships.append(
                    Relationship(child=children[i - 1], kind=RelationshipKind.SIBLING, related_child=child)
                )
            relationships.append(
                Relationship(
                    child=child,
                    kind=RelationshipKind.PARENT,
                    person_name=f"{self.rng.choice(FIRST_NAMES)} {history.last_name}",
                    notes="Birth parent (fictional)",
                )
            )
        for model, objs in (
            (Allocation, allocations),
            (LegalStatus, statuses),
            (Placement, placements),
            (AccessGrant, grants),
            (Relationship, relationships),
        ):
            _bulk(objs, model)
        # Earlier reads of records, so the audit trail has the volume a live system has.
        AuditEvent.objects.bulk_create(
            [
                AuditEvent(actor=workers[i], event_type=CHILD_VIEWED, child_id=c.pk)
                for i, c in enumerate(children)
                for _ in range(2)
            ],
            batch_size=2000,
        )
        open_homes = {p.child_id: p.household for p in placements if p.end_date is None}
        self._concerns(children, workers, open_homes)
        return len(placements)

    def _concerns(self, children: list[Child], workers: list[User], open_homes: dict) -> None:
        """Concerns in every state, some late, for one child in eight."""
        now = timezone.now()
        manager = self.named["team.manager"]
        concerns, triaged = [], []
        for i in range(0, len(children), 8):
            state = DEMO_CONCERN_STATES[(i // 8) % len(DEMO_CONCERN_STATES)]
            raised_at = now - datetime.timedelta(days=state["days_ago"], hours=self.rng.randint(1, 8))
            concern = StabilityConcern(
                child=children[i],
                household=open_homes.get(children[i].pk),
                raised_at=raised_at,
                raised_by=state["raised_by"],
                factors=self.rng.sample(InstabilityFactor.values, 2),
                what_is_happening=state["what"],
                urgency=state["urgency"],
                due_date=add_working_days(
                    timezone.localdate(raised_at), DEFAULT_WORKING_DAYS[Urgency(state["urgency"])]
                ),
                status=state["status"],
                created_by=workers[i],
                updated_by=workers[i],
            )
            if state["response"]:
                concern.response = state["response"]
                concern.meeting_kind = state["meeting_kind"]
                concern.response_reason = state["reason"]
                concern.triaged_by, concern.triaged_at = manager, raised_at + datetime.timedelta(days=1)
                triaged.append(concern)
            concerns.append(concern)
        _bulk(concerns, StabilityConcern)
        _bulk(
            [
                ManagementOversightNote(
                    concern=c,
                    child=c.child,
                    household=c.household,
                    decision=f"{Response(c.response).label}: {c.response_reason}",
                    interim_support="Weekly visits from the supervising social worker until the meeting.",
                    created_by=manager,
                    updated_by=manager,
                )
                for c in triaged
            ],
            ManagementOversightNote,
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
    builder.teams()
    builder.staff(households)
    builder.homes(households)
    placements = builder.children()
    summary = SeedSummary(
        children=children,
        households=households,
        providers=len(builder.providers),
        staff=builder.staff_count,
        placements=placements,
    )
    record_event(actor=None, event_type=DEMO_AUTHORITY_SEEDED, details=summary.__dict__)
    return summary
