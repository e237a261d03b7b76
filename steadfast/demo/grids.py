"""The demo authority's Safety and Well-being Grids: for a few children of the demo social
worker who live with foster carers, three Grids some months apart, made in a case discussion,
a supervision session and direct work, with the carer, the social worker and a teacher each
scoring, their scores differing and changing over time. The earlier Grids are finished; the
latest is still open. Made through the Grid's services, so each is audited as a worker's would
be; few enough that this takes a moment."""

import datetime
import random

from steadfast.accounts.models import Allocation, AllocationRole, User
from steadfast.grids import services
from steadfast.grids.models import GridContext
from steadfast.households.models import HouseholdMember, MemberRole
from steadfast.placements.models import Placement

DEMO_SW = "social.worker"
CHILDREN_WITH_GRIDS = 3
# Days before the demo's day each Grid was made, and where, oldest first.
GRIDS = (
    (150, GridContext.CASE_DISCUSSION),
    (80, GridContext.SUPERVISION),
    (12, GridContext.DIRECT_WORK),
)
# Each person's score on each Grid, before a little variety: the carer sees the most safety, the
# social worker the least, the teacher in between, and all three see things improve.
SCORES = {"carer": (6, 7, 8), "social_worker": (3, 4, 6), "virtual_school": (5, 5, 6)}
REASONS = {
    "carer": "Settled at home and sleeping better; still upset after contact (fictional).",
    "social_worker": "Contact remains unpredictable and school reports worries (fictional).",
    "virtual_school": "Attendance is improving but friendships are fragile (fictional).",
}
TEACHER = "Alex Demo-Teacher (fictional)"
STATEMENTS = (
    (
        "working_well",
        "safety",
        "fact",
        "carer",
        "The carers supervise every contact and stop it when it is unsafe (fictional).",
    ),
    (
        "working_well",
        "strength",
        "opinion",
        "virtual_school",
        "Reads every night with the carer and is proud of it (fictional).",
    ),
    ("worried", "harm", "fact", "social_worker", "Was hit by a relative at contact last term (fictional)."),
    (
        "worried",
        "risk",
        "hypothesis",
        "social_worker",
        "May run from school if contact is changed without warning (fictional).",
    ),
    (
        "worried",
        "complicating",
        "opinion",
        "carer",
        "A parent's drinking makes contact hard to predict (fictional).",
    ),
    (
        "good_looks_like",
        "",
        "opinion",
        "virtual_school",
        "Goes to school every day and has a friend to sit with (fictional).",
    ),
)
IMPACT = (
    "Home feels safe and the carers are kind. Contact is scary when it goes wrong, and afterwards "
    "it is hard to sleep or concentrate at school (fictional)."
)
STEP_WHAT = "Contact supervised at the family centre, with a plan for ending it early (fictional)."
STEP_MEASURE = "No contact ends in distress for a month; the carer's log says how sleep is (fictional)."
CHILDS_WORDS = "I like it here. I want to see my mum but not when she is cross (fictional)."


def _children_of(worker: User) -> list[tuple[Placement, str]]:
    """The demo social worker's first children living with foster carers now, each with their
    carer's name."""
    child_ids = Allocation.objects.filter(
        worker=worker, role=AllocationRole.SOCIAL_WORKER, end_date__isnull=True, child__restricted=False
    ).values("child_id")
    placements = list(
        Placement.objects.filter(child__in=child_ids, end_date__isnull=True, household__isnull=False)
        .select_related("child", "household")
        .order_by("child_id")[:CHILDREN_WITH_GRIDS]
    )
    carers = dict(
        HouseholdMember.objects.filter(
            household__in=[p.household_id for p in placements], role=MemberRole.APPROVED_CARER
        )
        .order_by("-pk")
        .values_list("household_id", "full_name")
    )
    return [(p, carers.get(p.household_id, "The carer (fictional)")) for p in placements]


def seed_grids(*, today: datetime.date, seed: int) -> int:
    """Make the demo's Grids; returns how many were made."""
    worker = User.objects.filter(username=DEMO_SW).first()
    if worker is None:
        return 0
    rng = random.Random(f"{seed}-grids")
    made = 0
    for placement, carer_name in _children_of(worker):
        for index, (days_ago, context) in enumerate(GRIDS):
            date = max(today - datetime.timedelta(days=days_ago), placement.start_date)
            grid = services.make_grid(actor=worker, child=placement.child, context=context, date=date)
            people = {"social_worker": grid.contributors.get()}
            people["carer"] = services.add_grid_contributor(
                actor=worker, grid=grid, name=carer_name, role="carer"
            )
            people["virtual_school"] = services.add_grid_contributor(
                actor=worker, grid=grid, name=TEACHER, role="virtual_school"
            )
            for section, marker, basis, who, text in STATEMENTS:
                services.add_grid_statement(
                    actor=worker,
                    grid=grid,
                    section=section,
                    text=text,
                    contributor=people[who],
                    basis=basis,
                    marker=marker,
                )
            for who, scores in SCORES.items():
                score = max(0, min(10, scores[index] + rng.choice((-1, 0, 0, 1))))
                services.record_grid_score(
                    actor=worker, grid=grid, contributor=people[who], score=score, reason=REASONS[who]
                )
            grid = services.save_impact_statement(
                actor=worker,
                grid=grid,
                seen_version=grid.version,
                impact_statement=IMPACT,
                childs_words=CHILDS_WORDS,
            )
            if index == len(GRIDS) - 1:
                services.add_grid_step(
                    actor=worker,
                    grid=grid,
                    what=STEP_WHAT,
                    owner_kind="worker",
                    owner=worker,
                    due_date=today + datetime.timedelta(days=21),
                    measure=STEP_MEASURE,
                )
            else:
                services.finish_grid(actor=worker, grid=grid, seen_version=grid.version)
            made += 1
    return made
