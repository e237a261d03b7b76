"""Recording assessments: the impact and stress on a fostering household, the match made for a
placement, a sibling assessment, and a carer's training. Each is refused whole, saving nothing,
when anything is missing or the person may not record it."""

import datetime
from collections.abc import Mapping

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from simple_history.utils import bulk_create_with_history

from steadfast.accounts import access
from steadfast.accounts.models import User
from steadfast.audit.services import record_event
from steadfast.children.models import Child
from steadfast.core.services import create_audited
from steadfast.households.models import Household, HouseholdMember, MemberRole
from steadfast.placements.models import Placement

from .models import (
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
from .selectors import siblings_to_assess

IMPACT_ASSESSMENT_RECORDED = "IMPACT_STRESS_ASSESSMENT_RECORDED"
MATCHING_RECORDED = "MATCHING_RECORDED"
SIBLING_ASSESSMENT_RECORDED = "SIBLING_ASSESSMENT_RECORDED"
CARER_TRAINING_RECORDED = "CARER_TRAINING_RECORDED"

HOUSEHOLD_NOT_ALLOWED = (
    "Only a supervising social worker or fostering team manager with access to this household "
    "can record this."
)
MATCHING_NOT_ALLOWED = (
    "Only the child's social worker, their managers, or the household's supervising social worker "
    "or fostering team manager can record how this placement was matched."
)
MATCHING_NOT_A_HOUSEHOLD = "A matching record is made only for a placement with a fostering household"
MATCHING_ALREADY = "This placement already has a matching record. It is kept as it was agreed."
SIBLING_NOT_ALLOWED = (
    "Only a social worker, senior practitioner, team manager or assistant team manager who can see "
    "the child can record a sibling assessment."
)
SIBLING_SAME_CHILD = "Choose a brother or sister, not the child themself"
SIBLING_NOT_LINKED = "Choose a brother or sister linked in the child's relationships"
DATE_IN_FUTURE = "The date must be today or in the past"
REASON_NEEDED = "Choose why the assessment was done"
RATING_MISSING = "Give a rating from 0 to 10 for {domain}"
EVIDENCE_MISSING = "Give the evidence for the rating of {domain}"
OVERALL_NEEDED = "Give your overall view of how the household is coping"
SUPPORT_PLAN_NEEDED = "Say what support is planned for the household"
CHILDS_NEEDS_NEEDED = "Describe the child's needs"
STRENGTHS_NEEDED = "Describe the household's approval and strengths for this child"
GAPS_NEEDED = "Say where the household's strengths do not meet the child's needs, or that there are no gaps"
SUPPORT_NEEDED = "Say what support is planned from the first day"
AGREED_BEFORE_START = "The match must be agreed on or before the day the placement started"
CONTEXT_NEEDED = "Choose whether the children would be placed together or reunited"
DECISION_NEEDED = "Choose whether the children should live together or apart"
SIBLING_NEEDS_NEEDED = "Describe each child's own needs"
RELATIONSHIP_NEEDED = "Describe the children's relationship"
REASONS_NEEDED = "Say why"
NOT_A_CARER = "Choose an approved carer in this household"
COURSE_NEEDED = "Choose the course"
COURSE_NAME_NEEDED = "Give the name of the course"
REFRESH_AFTER = "The refresher must be due after the course was completed"


def _not_future(errors: dict[str, str], field: str, day: datetime.date) -> None:
    if day > timezone.localdate():
        errors[field] = DATE_IN_FUTURE


def _required(errors: dict[str, str], field: str, value: str, message: str) -> None:
    if not (value or "").strip():
        errors[field] = message


def _check_may_record_fostering_work(actor: User, household: Household) -> None:
    if not (
        access.can_record_fostering_work(actor, household)
        and access.households_visible_to(actor).filter(pk=household.pk).exists()
    ):
        raise ValidationError(HOUSEHOLD_NOT_ALLOWED)


@transaction.atomic
def record_impact_stress_assessment(
    *,
    actor: User,
    household: Household,
    date: datetime.date,
    reason: str,
    ratings: Mapping[str, tuple[int | None, str]],
    overall: str,
    support_plan: str,
) -> ImpactStressAssessment:
    """Record an impact and stress assessment with a rating (0 to 10, where 10 is coping well)
    and its evidence for every domain (`ratings` maps each `ImpactDomain` to (rating, evidence)).
    Refused whole when any domain lacks a rating or evidence."""
    _check_may_record_fostering_work(actor, household)
    errors: dict[str, str] = {}
    _not_future(errors, "date", date)
    if reason not in ImpactReason.values:
        errors["reason"] = REASON_NEEDED
    for domain in ImpactDomain:
        rating, evidence = ratings.get(domain.value, (None, ""))
        if rating is None or not 0 <= rating <= 10:
            errors[f"rating_{domain.value}"] = RATING_MISSING.format(domain=domain.label.lower())
        _required(
            errors, f"evidence_{domain.value}", evidence, EVIDENCE_MISSING.format(domain=domain.label.lower())
        )
    _required(errors, "overall", overall, OVERALL_NEEDED)
    _required(errors, "support_plan", support_plan, SUPPORT_PLAN_NEEDED)
    if errors:
        raise ValidationError(errors)
    assessment = create_audited(
        ImpactStressAssessment(
            household=household,
            date=date,
            reason=reason,
            overall=overall.strip(),
            support_plan=support_plan.strip(),
        ),
        actor=actor,
        event_type=IMPACT_ASSESSMENT_RECORDED,
        household=household,
        details={"reason": reason, "ratings": {d: ratings[d][0] for d in ImpactDomain.values}},
    )
    bulk_create_with_history(
        [
            ImpactDomainRating(
                assessment=assessment,
                domain=domain,
                rating=ratings[domain][0],
                evidence=ratings[domain][1].strip(),
                created_by=actor,
                updated_by=actor,
            )
            for domain in ImpactDomain.values
        ],
        ImpactDomainRating,
        default_user=actor,
    )
    return assessment


@transaction.atomic
def record_matching(
    *,
    actor: User,
    placement: Placement,
    agreed_on: datetime.date,
    childs_needs: str,
    household_strengths: str,
    gaps: str,
    support_planned: str,
) -> MatchingRecord:
    """Record how a placement with a fostering household was matched. Once for each placement:
    the record keeps what was agreed at the start, beside how the placement went."""
    if placement.household_id is None:
        raise ValidationError(MATCHING_NOT_A_HOUSEHOLD)
    if not access.can_record_matching(actor, placement):
        raise ValidationError(MATCHING_NOT_ALLOWED)
    # The one-to-one column refuses a second record made at the same moment.
    if MatchingRecord.objects.filter(placement=placement).exists():
        raise ValidationError(MATCHING_ALREADY)
    errors: dict[str, str] = {}
    _not_future(errors, "agreed_on", agreed_on)
    if agreed_on > placement.start_date:
        errors["agreed_on"] = AGREED_BEFORE_START
    _required(errors, "childs_needs", childs_needs, CHILDS_NEEDS_NEEDED)
    _required(errors, "household_strengths", household_strengths, STRENGTHS_NEEDED)
    _required(errors, "gaps", gaps, GAPS_NEEDED)
    _required(errors, "support_planned", support_planned, SUPPORT_NEEDED)
    if errors:
        raise ValidationError(errors)
    return create_audited(
        MatchingRecord(
            placement=placement,
            agreed_on=agreed_on,
            childs_needs=childs_needs.strip(),
            household_strengths=household_strengths.strip(),
            gaps=gaps.strip(),
            support_planned=support_planned.strip(),
        ),
        actor=actor,
        event_type=MATCHING_RECORDED,
        child=placement.child_id,
        household=placement.household_id,
        details={"placement": placement.pk},
    )


@transaction.atomic
def record_sibling_assessment(
    *,
    actor: User,
    child: Child,
    sibling: Child,
    assessed_on: datetime.date,
    context: str,
    childs_needs: str,
    siblings_needs: str,
    relationship: str,
    decision: str,
    reasons: str,
) -> SiblingAssessment:
    """Record a sibling assessment of two children, before they are placed together or reunited:
    a child the actor may see and a brother or sister linked in the child's relationships,
    whoever's case they are (`selectors.siblings_to_assess`). Refused when the actor may not see
    the child, or the other is the child themself or not such a brother or sister."""
    if not (
        access.can_record_sibling_assessment(actor)
        and access.children_visible_to(actor).filter(pk=child.pk).exists()
    ):
        raise ValidationError(SIBLING_NOT_ALLOWED)
    errors: dict[str, str] = {}
    if child.pk == sibling.pk:
        errors["sibling"] = SIBLING_SAME_CHILD
    elif not siblings_to_assess(child, viewer=actor).filter(pk=sibling.pk).exists():
        errors["sibling"] = SIBLING_NOT_LINKED
    _not_future(errors, "assessed_on", assessed_on)
    if context not in SiblingContext.values:
        errors["context"] = CONTEXT_NEEDED
    if decision not in SiblingDecision.values:
        errors["decision"] = DECISION_NEEDED
    _required(errors, "childs_needs", childs_needs, SIBLING_NEEDS_NEEDED)
    _required(errors, "siblings_needs", siblings_needs, SIBLING_NEEDS_NEEDED)
    _required(errors, "relationship", relationship, RELATIONSHIP_NEEDED)
    _required(errors, "reasons", reasons, REASONS_NEEDED)
    if errors:
        raise ValidationError(errors)
    assessment = create_audited(
        SiblingAssessment(
            child=child,
            sibling=sibling,
            assessed_on=assessed_on,
            context=context,
            childs_needs=childs_needs.strip(),
            siblings_needs=siblings_needs.strip(),
            relationship=relationship.strip(),
            decision=decision,
            reasons=reasons.strip(),
        ),
        actor=actor,
        event_type=SIBLING_ASSESSMENT_RECORDED,
        child=child,
        details={"sibling": sibling.pk, "decision": decision},
    )
    # The same assessment belongs to the sibling's record too.
    record_event(
        actor=actor,
        event_type=SIBLING_ASSESSMENT_RECORDED,
        subject=assessment,
        child_id=sibling.pk,
        details={"sibling": child.pk, "decision": decision},
    )
    return assessment


@transaction.atomic
def record_carer_training(
    *,
    actor: User,
    member: HouseholdMember,
    course: str,
    course_name: str,
    completed_on: datetime.date,
    refresh_due: datetime.date | None,
) -> CarerTraining:
    """Record a course an approved carer completed."""
    household = member.household
    _check_may_record_fostering_work(actor, household)
    errors: dict[str, str] = {}
    if member.role != MemberRole.APPROVED_CARER:
        errors["member"] = NOT_A_CARER
    if course not in TrainingCourse.values:
        errors["course"] = COURSE_NEEDED
    elif course == TrainingCourse.OTHER:
        _required(errors, "course_name", course_name, COURSE_NAME_NEEDED)
    _not_future(errors, "completed_on", completed_on)
    if refresh_due is not None and refresh_due <= completed_on:
        errors["refresh_due"] = REFRESH_AFTER
    if errors:
        raise ValidationError(errors)
    return create_audited(
        CarerTraining(
            member=member,
            course=course,
            course_name=course_name.strip() if course == TrainingCourse.OTHER else "",
            completed_on=completed_on,
            refresh_due=refresh_due,
        ),
        actor=actor,
        event_type=CARER_TRAINING_RECORDED,
        household=household,
        details={"course": course},
    )
