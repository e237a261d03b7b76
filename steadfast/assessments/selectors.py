"""Reads about assessments: what the household's and the child's records show, and the events
that prompt an impact and stress assessment."""

import datetime
from collections.abc import Callable, Iterable
from dataclasses import dataclass

from django.db.models import Q, QuerySet
from django.http import Http404
from django.utils import timezone

from steadfast.accounts import access
from steadfast.accounts.models import User
from steadfast.audit.refusals import note_refused
from steadfast.carer_logs.models import CarerLog, SignificantEvent
from steadfast.children.models import Child, Relationship, RelationshipKind
from steadfast.concerns.models import InstabilityFactor, StabilityConcern
from steadfast.households.models import Household, HouseholdMember, MemberRole
from steadfast.placements.models import Placement

from .models import (
    CarerTraining,
    ImpactReason,
    ImpactStressAssessment,
    MatchingRecord,
    SiblingAssessment,
    TrainingCourse,
)
from .rules import CORE_COURSES, Prompt, PromptEvent, impact_assessment_prompts, prompts_since

# Each source gives the events of one kind in a household after a day, about the children the
# viewer may name there (so a prompt never tells of a restricted child they may not know of).
EventSource = Callable[[Household, QuerySet[Child], datetime.date], Iterable[PromptEvent]]


def _children_joined(
    household: Household, named: QuerySet[Child], since: datetime.date
) -> Iterable[PromptEvent]:
    days = Placement.objects.filter(
        household=household, child__in=named.values("pk"), start_date__gt=since
    ).values_list("start_date", flat=True)
    return [PromptEvent(kind=ImpactReason.NEW_CHILD, date=day) for day in days]


def _allegations(household: Household, named: QuerySet[Child], since: datetime.date) -> Iterable[PromptEvent]:
    # Factors are a list in a JSON column, which SQLite cannot search: the household's few recent
    # concerns are checked here.
    concerns = StabilityConcern.objects.filter(
        household=household, child__in=named.values("pk"), raised_at__date__gt=since
    ).values_list("raised_at", "factors")
    return [
        PromptEvent(kind=ImpactReason.ALLEGATION, date=timezone.localdate(raised_at))
        for raised_at, factors in concerns
        if InstabilityFactor.CONCERN_OR_ALLEGATION in factors
    ]


# A carer's log of a significant event that should prompt an assessment, and why.
PROMPTING_SIGNIFICANT_EVENTS = {
    SignificantEvent.POLICE: ImpactReason.OFFENDING_OR_SUBSTANCES,
    SignificantEvent.ALLEGATION: ImpactReason.ALLEGATION,
}


def _significant_events_logged(
    household: Household, named: QuerySet[Child], since: datetime.date
) -> Iterable[PromptEvent]:
    logged = CarerLog.objects.filter(
        household=household,
        child__in=named.values("pk"),
        date__gt=since,
        significant_event__in=list(PROMPTING_SIGNIFICANT_EVENTS),
    ).values_list("significant_event", "date")
    return [PromptEvent(kind=PROMPTING_SIGNIFICANT_EVENTS[event], date=day) for event, day in logged]


PROMPT_EVENT_SOURCES: tuple[EventSource, ...] = (_children_joined, _allegations, _significant_events_logged)


def impact_prompts_for(
    household: Household, *, viewer: User, last_assessed_on: datetime.date | None
) -> list[Prompt]:
    today = timezone.localdate()
    since = prompts_since(last_assessed_on, today)
    named = access.children_named_on_household(viewer, household)
    events = [event for source in PROMPT_EVENT_SOURCES for event in source(household, named, since)]
    return impact_assessment_prompts(last_assessed_on=last_assessed_on, events=events, today=today)


def impact_assessments_of_household(household: object) -> QuerySet[ImpactStressAssessment]:
    return ImpactStressAssessment.objects.filter(household=household).select_related("created_by")


def impact_assessment_like(
    household: object, *, date: datetime.date, reason: str
) -> ImpactStressAssessment | None:
    """The household's assessment on `date` for `reason` saved last, if any: one like it may be
    the same assessment entered twice."""
    return (
        impact_assessments_of_household(household)
        .filter(date=date, reason=reason)
        .order_by("-created_at", "-pk")
        .first()
    )


def training_like(
    member: object, *, course: str, course_name: str, completed_on: datetime.date
) -> CarerTraining | None:
    """The carer's training in `course` completed on `completed_on` saved last, if any (for
    another course, one of the same name, whatever its capitals): one like it may be the same
    course entered twice."""
    same = CarerTraining.objects.filter(member=member, course=course, completed_on=completed_on)
    if course == TrainingCourse.OTHER:
        same = same.filter(course_name__iexact=course_name.strip())
    return same.select_related("created_by").order_by("-created_at", "-pk").first()


@dataclass(frozen=True)
class CarerCourses:
    carer: str
    training: list[CarerTraining]
    missing_core: list[str]


def approved_carers(household: Household) -> QuerySet[HouseholdMember]:
    return household.members.filter(role=MemberRole.APPROVED_CARER).order_by("full_name", "pk")


def training_summary_for(household: object) -> list[CarerCourses]:
    """For each approved carer in the household, the courses they completed (newest first) and
    which of the core courses (attachment, brain development, trauma-informed care) they have
    not done. Two queries, however many carers and courses."""
    carers = approved_carers(household)
    done: dict[int, list[CarerTraining]] = {}
    for course in CarerTraining.objects.filter(member__household=household).order_by("-completed_on", "-pk"):
        done.setdefault(course.member_id, []).append(course)
    summary = []
    for carer in carers:
        courses = done.get(carer.pk, [])
        taken = {c.course for c in courses}
        missing = [course.label for course in CORE_COURSES if course not in taken]
        summary.append(CarerCourses(carer=carer.full_name, training=courses, missing_core=missing))
    return summary


def household_assessments_section(household: Household, *, viewer: User) -> dict:
    """Everything the household's record shows of assessments: the impact and stress
    assessments, their prompts and the carers' training for the fostering service (None for
    anyone else), and the matching record of each child the viewer may name there, beside how
    the placement went."""
    fostering = None
    if access.can_read_fostering_record(viewer, household):
        assessments = list(impact_assessments_of_household(household)[:6])
        fostering = {
            "assessments": assessments,
            "prompts": impact_prompts_for(
                household, viewer=viewer, last_assessed_on=assessments[0].date if assessments else None
            ),
            "training": training_summary_for(household),
            "can_record": access.can_record_fostering_work(viewer, household),
        }
    placements = list(
        Placement.objects.filter(
            household=household,
            child__in=access.children_named_on_household(viewer, household).values("pk"),
        )
        .select_related("child", "matching_record")
        .order_by("-start_date", "-pk")
    )
    unmatched_now = [p.child_id for p in placements if p.end_date is None and not _has_matching(p)]
    recordable = (
        set(
            access.matching_recordable_children(viewer, household)
            .filter(pk__in=unmatched_now)
            .values_list("pk", flat=True)
        )
        if unmatched_now
        else set()
    )
    rows = [
        {
            "placement": p,
            "matching": p.matching_record if _has_matching(p) else None,
            "can_record": p.child_id in recordable,
        }
        for p in placements
        if _has_matching(p) or p.end_date is None
    ]
    return {"household": household, "fostering": fostering, "matching": rows, "today": timezone.localdate()}


def _has_matching(placement: Placement) -> bool:
    return hasattr(placement, "matching_record")


def child_assessments_section(child: Child, *, viewer: User) -> dict:
    """Everything the child's record shows of assessments: the matching record of each of the
    child's placements with a fostering household, beside how it went, and the child's sibling
    assessments with brothers and sisters the viewer may also see (never naming one they may
    not)."""
    placements = list(
        Placement.objects.filter(child=child, household__isnull=False)
        .select_related("household", "matching_record")
        .order_by("-start_date", "-pk")
    )
    current = next((p for p in placements if p.end_date is None), None)
    visible = access.children_visible_to(viewer).values("pk")
    siblings = [
        {"assessment": a, "other": a.sibling if a.child_id == child.pk else a.child}
        for a in SiblingAssessment.objects.filter(
            Q(child=child, sibling__in=visible) | Q(sibling=child, child__in=visible)
        ).select_related("child", "sibling")
    ]
    can_record_matching = (
        current is not None and not _has_matching(current) and access.can_record_matching(viewer, current)
    )
    return {
        "child": child,
        "matching": [
            {
                "placement": p,
                "matching": p.matching_record if _has_matching(p) else None,
                "can_record": can_record_matching and p is current,
            }
            for p in placements
        ],
        "can_record_matching": can_record_matching,
        "current": current,
        "siblings": siblings,
        "can_record_sibling": access.can_record_sibling_assessment(viewer),
    }


def siblings_to_assess(child: Child, *, viewer: User) -> QuerySet[Child]:
    """The brothers and sisters of the child on their record whom the viewer may also see."""
    return (
        access.children_visible_to(viewer)
        .filter(
            pk__in=Relationship.objects.filter(
                child=child,
                kind__in=[RelationshipKind.SIBLING, RelationshipKind.HALF_SIBLING],
                related_child__isnull=False,
            ).values("related_child")
        )
        .exclude(pk=child.pk)
        .order_by("legal_first_name", "pk")
    )


def get_matching_for_user_or_404(user: User, pk: object) -> MatchingRecord:
    record = (
        MatchingRecord.objects.select_related("placement__child", "placement__household", "created_by")
        .filter(pk=pk)
        .first()
    )
    if record is None:
        raise Http404("No such matching record")
    if not access.can_see_matching(user, record.placement):
        note_refused(actor=user, record_type="matching_record", record_id=record.pk)
        raise Http404("No such matching record")
    return record


def get_sibling_assessment_for_user_or_404(user: User, pk: object) -> SiblingAssessment:
    """A sibling assessment, only for someone who may see both children."""
    assessment = (
        SiblingAssessment.objects.select_related("child", "sibling", "created_by").filter(pk=pk).first()
    )
    if assessment is None:
        raise Http404("No such sibling assessment")
    both = [assessment.child_id, assessment.sibling_id]
    if access.children_visible_to(user).filter(pk__in=both).count() != 2:
        note_refused(actor=user, record_type="sibling_assessment", record_id=assessment.pk)
        raise Http404("No such sibling assessment")
    return assessment


def get_impact_assessment_for_user_or_404(user: User, pk: object) -> ImpactStressAssessment:
    assessment = (
        ImpactStressAssessment.objects.select_related("household", "created_by").filter(pk=pk).first()
    )
    if assessment is None:
        raise Http404("No such assessment")
    household = access.get_household_for_user_or_404(user, assessment.household_id)
    if not access.can_read_fostering_record(user, household):
        note_refused(actor=user, record_type="impact_assessment", record_id=assessment.pk)
        raise Http404("No such assessment")
    return assessment
