"""The demo authority's children: each with the placement history `demo.rules` draws to look
like England's, a social worker and an independent reviewing officer, a legal status, a school
once old enough, a birth parent and, now and then, a brother or sister in care; and two earlier
reads of each record, so the audit trail has a live system's volume."""

import datetime

from steadfast.accounts.models import AccessGrant, Allocation, AllocationRole, User
from steadfast.audit.models import AuditEvent
from steadfast.audit.services import CHILD_VIEWED
from steadfast.children.models import (
    Child,
    Ethnicity,
    LegalStatus,
    LegalStatusKind,
    Relationship,
    RelationshipKind,
    Sex,
)
from steadfast.households.models import ApprovalKind, ProviderKind
from steadfast.placements.models import EndReason, Placement, PlacementType
from steadfast.placements.rules import age_on, placements_in_last_twelve_months

from .builder import Builder
from .homes import STREETS
from .rules import FIRST_NAMES, DemoChild, demo_children
from .writing import write_in_bulk

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

# Children younger than this have no school recorded.
SCHOOL_AGE = 4


class ChildrenBuilder(Builder):
    """The children and everything about them written with them, their placements most of all."""

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
        street = self.rng.choice(STREETS)  # drawn for every child, so the rest of the demo stays as it was
        age = age_on(history.date_of_birth, self.today)
        if age < SCHOOL_AGE:
            return ""
        return f"{street} {'Primary' if age < 11 else 'Academy'} (fictional)"

    def children(self) -> tuple[list[Child], list[User], list[Placement]]:
        """The children, each with their social worker and independent reviewing officer, legal
        status, placements and family; returns the children, each one's social worker, in turn,
        and the placements."""
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
        for row in rows:  # as `Child.save()` would, which writing in bulk does not call
            row.search_text = row.searchable()
        children = write_in_bulk(rows, Child)
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
                agreed = None
                if p.end is None:
                    reason, planned = "", None
                    agreed = self._agreed_long_term_on(p.start)
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
                        agreed_long_term_on=agreed,
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
            write_in_bulk(objs, model)
        # Earlier reads of records, so the audit trail has the volume a live system has.
        AuditEvent.objects.bulk_create(
            [
                AuditEvent(actor=workers[i], event_type=CHILD_VIEWED, child_id=c.pk)
                for i, c in enumerate(children)
                for _ in range(2)
            ],
            batch_size=2000,
        )
        return children, workers, placements
