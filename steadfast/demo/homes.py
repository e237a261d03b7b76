"""The demo authority's homes: fostering households, each named after its approved carers with
no two sharing a name, their members and their supervising social worker; the demo carer's own
household, which always has room; and the children's homes and agencies other children live
with."""

import datetime
import random

from steadfast.accounts.models import HouseholdAllocation
from steadfast.households.models import (
    ApprovalKind,
    Household,
    HouseholdMember,
    MemberRole,
    Provider,
    ProviderKind,
)

from .builder import Builder
from .rules import FIRST_NAMES, LAST_NAMES, household_name, household_surnames
from .writing import write_in_bulk

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


def _first_names_apart(
    carers: list[str], own_child: str | None, rng: random.Random
) -> tuple[list[str], str | None]:
    """The first names of a household's carers and own child, each drawn again, in turn, where
    it is already someone else's there: one household has no two people of the same name."""
    names: list[str] = []
    for name in [*carers, own_child]:
        if name in names:
            name = rng.choice([n for n in FIRST_NAMES if n not in names])
        names.append(name)
    return names[: len(carers)], names[-1]


class HomesBuilder(Builder):
    """The fostering households, their members and the other providers."""

    def homes(self, households: int) -> None:
        kinds = (
            [ApprovalKind.LONG_TERM] * 4
            + [ApprovalKind.SHORT_TERM] * 4
            + [ApprovalKind.CONNECTED_PERSON] * 2
            + [ApprovalKind.RESPITE]
        )
        rows, first_drawn = [], []
        for _ in range(households):
            kind = self.rng.choice(kinds)
            age_from = self.rng.choice([0, 0, 0, 5, 11])
            first_drawn.append(self.rng.choice(LAST_NAMES))
            rows.append(
                Household(
                    reference=f"FH-{len(rows) + 1:04d}",
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
        # Who lives there: the approved carers' and any own child's first names, then their
        # surnames, drawn apart so that no two households share a name.
        people = []
        for _ in rows:
            carers = [self._name()[0] for _ in range(self.rng.choice([1, 2, 2]))]
            own_child = self._name()[0] if self.rng.random() < 0.35 else None
            people.append((carers, own_child))
        # The demo carer, Pat Fairweather, is an approved carer of the first household, named
        # after them, which the demo supervising social worker supervises.
        demo_carer = self.named["foster.carer"]
        people[0][0][0] = demo_carer.first_name
        names_rng = random.Random(f"{self.seed}-household-names")
        people = [_first_names_apart(carers, own_child, names_rng) for carers, own_child in people]
        drawn = [(first, len(carers)) for first, (carers, _) in zip(first_drawn, people, strict=True)]
        surnames = [
            (demo_carer.last_name,) * len(people[0][0]),
            *household_surnames(drawn[1:], rng=names_rng),
        ]
        for row, theirs in zip(rows, surnames, strict=True):
            row.name = household_name(theirs)
        self.households = write_in_bulk(rows, Household)
        members, allocations = [], []
        for i, (household, (carers, own_child), theirs) in enumerate(
            zip(self.households, people, surnames, strict=True)
        ):
            for n, (first, surname) in enumerate(zip(carers, theirs, strict=True)):
                members.append(
                    HouseholdMember(
                        household=household,
                        full_name=f"{first} {surname}",
                        role=MemberRole.APPROVED_CARER,
                        user=demo_carer if i == 0 and n == 0 else None,
                    )
                )
            if own_child is not None:
                members.append(
                    HouseholdMember(
                        household=household,
                        full_name=f"{own_child} {theirs[0]}",
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
        write_in_bulk(members, HouseholdMember)
        write_in_bulk(allocations, HouseholdAllocation)
        self.with_own_children = {m.household_id for m in members if m.role == MemberRole.CARERS_CHILD}
        self.supervising_social_worker = {a.household_id: a.worker for a in allocations}
        self.carers = {}
        for member in members:
            if member.role == MemberRole.APPROVED_CARER:
                self.carers.setdefault(member.household_id, []).append(member)
        carer_household = self.households[0]
        Household.objects.filter(pk=carer_household.pk).update(approved_places=3, approved_age_from=0)
        carer_household.approved_places, carer_household.approved_age_from = 3, 0
        provider_count = max(3, self.count // 40)
        self.providers = write_in_bulk(
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
