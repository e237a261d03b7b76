"""The demo authority's assessments: matching records for most placements with a fostering
household, impact and stress assessments for about half the households (some of them prompted
since and not yet done), the carers' training, and sibling assessments for some brothers and
sisters. Written in bulk from the records already seeded, with no emails."""

import datetime
import random
from dataclasses import dataclass

from django.db.models import F

from steadfast.accounts.models import Allocation, AllocationRole, HouseholdAllocation, User
from steadfast.assessments.models import (
    CarerTraining,
    ImpactDomain,
    ImpactDomainRating,
    ImpactReason,
    ImpactStressAssessment,
    MatchingRecord,
    SiblingAssessment,
    SiblingContext,
    SiblingDecision,
    TrainingCourse,
)
from steadfast.assessments.rules import PROMPT_LOOKBACK_DAYS
from steadfast.children.models import Relationship, RelationshipKind
from steadfast.households.models import HouseholdMember, MemberRole
from steadfast.placements.models import Placement

from .rules import working_day_on_or_after
from .writing import write_in_bulk

MATCHED_SHARE = 0.7  # of placements with a fostering household
ASSESSED_SHARE = 0.55  # of households with an impact and stress assessment
SIBLINGS_ASSESSED_SHARE = 0.4  # of pairs of brothers and sisters both looked after
DEMO_SSW = "supervising.social.worker"

NEEDS = (
    "Needs a calm, predictable home and help to settle at a new school (fictional).",
    "Needs carers who can manage night-time anxiety and keep contact with a grandparent (fictional).",
    "Needs support with speech and language and a home near the specialist school (fictional).",
    "Needs patient carers while trust is rebuilt after several moves (fictional).",
)
STRENGTHS = (
    "Approved for two children aged 5 to 12; experienced with children who have moved often (fictional).",
    "Approved for one child aged 0 to 17; a carer works from home and is available after school (fictional).",
    "Approved for three children; the carers have completed therapeutic parenting training (fictional).",
)
GAPS = (
    "No experience yet of a child who goes missing (fictional).",
    "Long journey to school until a transfer is agreed (fictional).",
    "The carers' own teenager may find sharing the carers' time hard (fictional).",
)
SUPPORT = (
    "Weekly SSW calls in the first month and a place on the next trauma-informed care course (fictional).",
    "Placement support worker visits fortnightly for three months; respite booked in month two (fictional).",
    "Joint visit by SW and SSW in week one; CAMHS consultation for the carers (fictional).",
)
EVIDENCE = {
    "low": "The carers said this has been hard lately and they are tired (fictional).",
    "middle": "Some strain, but the carers described ways they are managing (fictional).",
    "high": "The carers said this is going well and gave examples (fictional).",
}
OVERALL = (
    "Coping overall; the carers want more time to themselves (fictional).",
    "Under some strain since the last child joined; coping with support (fictional).",
    "Managing well; the family describes fostering as shared by everyone (fictional).",
)
SUPPORT_PLAN = (
    "Respite one weekend a month and a carers' support group (fictional).",
    "Fortnightly supervision for two months and a refresher on managing behaviour (fictional).",
    "Keep to monthly supervision; review the plan in three months (fictional).",
)
SIBLING_REASONS = {
    SiblingDecision.TOGETHER: "They are close and each child's needs can be met in one home (fictional).",
    SiblingDecision.TOGETHER_WITH_CONDITIONS: (
        "They want to live together; extra support at bedtime and separate rooms (fictional)."
    ),
    SiblingDecision.APART: "Each needs one-to-one care for now; weekly contact is planned (fictional).",
}


@dataclass
class AssessmentsSummary:
    matching_records: int
    impact_assessments: int
    training: int
    sibling_assessments: int


def seed_assessments(*, today: datetime.date, seed: int = 2026) -> AssessmentsSummary:
    """Write the demo's assessments from the children, households and placements already seeded."""
    # The demo's bulk writer lives beside the authority's builder, which calls this module.

    rng = random.Random(f"{seed}-assessments")
    ssw_of = dict(
        HouseholdAllocation.objects.filter(end_date__isnull=True).values_list("household", "worker")
    )
    sw_of = dict(
        Allocation.objects.filter(role=AllocationRole.SOCIAL_WORKER, end_date__isnull=True).values_list(
            "child", "worker"
        )
    )
    placements = list(
        Placement.objects.filter(household__isnull=False).only(
            "pk", "child_id", "household_id", "start_date", "end_date"
        )
    )

    matching = []
    for p in placements:
        if p.start_date < today - datetime.timedelta(days=3 * 365) or rng.random() > MATCHED_SHARE:
            continue
        author = sw_of.get(p.child_id) or ssw_of.get(p.household_id)
        matching.append(
            MatchingRecord(
                placement_id=p.pk,
                agreed_on=p.start_date - datetime.timedelta(days=rng.choice((0, 0, 3, 7, 14))),
                childs_needs=rng.choice(NEEDS),
                household_strengths=rng.choice(STRENGTHS),
                gaps=rng.choice(GAPS),
                support_planned=rng.choice(SUPPORT),
                created_by_id=author,
                updated_by_id=author,
            )
        )
    write_in_bulk(matching, MatchingRecord)

    assessments, ratings = _impact_assessments(rng, today, placements, ssw_of)
    write_in_bulk(assessments, ImpactStressAssessment)
    for rating in ratings:
        rating.assessment_id = rating.assessment.pk
    write_in_bulk(ratings, ImpactDomainRating)

    training = _training(rng, today, ssw_of)
    write_in_bulk(training, CarerTraining)

    siblings = _sibling_assessments(rng, today, placements, sw_of)
    write_in_bulk(siblings, SiblingAssessment)
    return AssessmentsSummary(
        matching_records=len(matching),
        impact_assessments=len(assessments),
        training=len(training),
        sibling_assessments=len(siblings),
    )


def _impact_assessments(
    rng: random.Random, today: datetime.date, placements: list[Placement], ssw_of: dict[int, int]
) -> tuple[list[ImpactStressAssessment], list[ImpactDomainRating]]:
    """About half the households are assessed, some before a child joined since, so that the
    prompt shows. Among the demo supervising social worker's households there is always one
    prompted and not yet assessed, and one assessed since its last child joined."""
    lookback = today - datetime.timedelta(days=PROMPT_LOOKBACK_DAYS)
    joined: dict[int, datetime.date] = {}
    for p in placements:
        if lookback < p.start_date <= today:
            joined[p.household_id] = max(joined.get(p.household_id, p.start_date), p.start_date)
    demo_ssw = User.objects.filter(username=DEMO_SSW).values_list("pk", flat=True).first()
    theirs = [h for h in sorted(ssw_of) if ssw_of[h] == demo_ssw and h in joined]
    prompted = theirs[0] if theirs else None
    answered = theirs[1] if len(theirs) > 1 else None

    assessments, ratings = [], []
    for household_id in sorted(ssw_of):
        if household_id == prompted:
            continue
        if household_id != answered and rng.random() > ASSESSED_SHARE:
            continue
        if household_id == answered:
            day = min(today, joined[household_id] + datetime.timedelta(days=rng.randint(7, 28)))
        else:
            day = today - datetime.timedelta(days=rng.randint(14, 330))
        recent_joiner = household_id in joined and datetime.timedelta(0) <= day - joined[household_id] <= (
            datetime.timedelta(days=60)
        )
        author = ssw_of[household_id]
        assessment = ImpactStressAssessment(
            household_id=household_id,
            date=day,
            reason=ImpactReason.NEW_CHILD
            if recent_joiner
            else rng.choice(
                (
                    ImpactReason.SUPERVISION,
                    ImpactReason.SUPERVISION,
                    ImpactReason.ALLEGATION,
                    ImpactReason.OTHER,
                )
            ),
            overall=rng.choice(OVERALL),
            support_plan=rng.choice(SUPPORT_PLAN),
            created_by_id=author,
            updated_by_id=author,
        )
        assessments.append(assessment)
        for domain in ImpactDomain.values:
            rating = rng.choice((3, 4, 5, 6, 6, 7, 7, 8, 8, 9))
            band = "low" if rating <= 4 else "middle" if rating <= 7 else "high"
            ratings.append(
                ImpactDomainRating(
                    assessment=assessment,
                    domain=domain,
                    rating=rating,
                    evidence=EVIDENCE[band],
                    created_by_id=author,
                    updated_by_id=author,
                )
            )
    return assessments, ratings


def _training(rng: random.Random, today: datetime.date, ssw_of: dict[int, int]) -> list[CarerTraining]:
    """Each approved carer has done up to five courses, some due a refresher, and some have not
    yet done one of the core courses."""
    courses = [c for c in TrainingCourse.values if c != TrainingCourse.OTHER]
    rows = []
    for member_id, household_id in HouseholdMember.objects.filter(role=MemberRole.APPROVED_CARER).values_list(
        "pk", "household_id"
    ):
        author = ssw_of.get(household_id)
        for course in rng.sample(courses, rng.randint(1, 5)):
            done = today - datetime.timedelta(days=rng.randint(30, 1500))
            # A refresher falls due three years on, on a working day.
            refresh = (
                working_day_on_or_after(done + datetime.timedelta(days=3 * 365))
                if course in ("first_aid", "safer_caring")
                else None
            )
            rows.append(
                CarerTraining(
                    member_id=member_id,
                    course=course,
                    completed_on=done,
                    refresh_due=refresh,
                    created_by_id=author,
                    updated_by_id=author,
                )
            )
    return rows


def _sibling_assessments(
    rng: random.Random, today: datetime.date, placements: list[Placement], sw_of: dict[int, int]
) -> list[SiblingAssessment]:
    """Some brothers and sisters who are both looked after are assessed, once for each pair:
    together when they live in one home now, otherwise before a possible reunification."""
    home_now = {p.child_id: p.household_id for p in placements if p.end_date is None}
    pairs = Relationship.objects.filter(
        kind__in=[RelationshipKind.SIBLING, RelationshipKind.HALF_SIBLING],
        related_child__isnull=False,
        child_id__lt=F("related_child_id"),
    ).values_list("child_id", "related_child_id")
    rows = []
    for child_id, sibling_id in pairs:
        if rng.random() > SIBLINGS_ASSESSED_SHARE:
            continue
        together = home_now.get(child_id) is not None and home_now.get(child_id) == home_now.get(sibling_id)
        decision = (
            SiblingDecision.TOGETHER
            if together
            else rng.choice((SiblingDecision.APART, SiblingDecision.TOGETHER_WITH_CONDITIONS))
        )
        author = sw_of.get(child_id)
        rows.append(
            SiblingAssessment(
                child_id=child_id,
                sibling_id=sibling_id,
                assessed_on=today - datetime.timedelta(days=rng.randint(10, 400)),
                context=SiblingContext.PLACING_TOGETHER if together else SiblingContext.REUNIFYING,
                childs_needs=rng.choice(NEEDS),
                siblings_needs=rng.choice(NEEDS),
                relationship="Close; they ask to see each other every week (fictional).",
                decision=decision,
                reasons=SIBLING_REASONS[decision],
                created_by_id=author,
                updated_by_id=author,
            )
        )
    return rows
