"""Reads about assessments: what the household's and the child's records show, and the events
that prompt an impact and stress assessment."""

import datetime
from collections.abc import Callable, Iterable
from dataclasses import dataclass

from django.db.models import Exists, F, Min, OuterRef, Q, QuerySet, Subquery
from django.db.models.functions import Coalesce
from django.http import Http404
from django.utils import timezone

from steadfast.accounts import access
from steadfast.accounts.models import User
from steadfast.audit.refusals import note_refused
from steadfast.carer_logs.models import CarerLog, SignificantEvent
from steadfast.children.models import Child, Relationship, RelationshipKind
from steadfast.concerns.models import InstabilityFactor, StabilityConcern
from steadfast.core.jinja2 import govuk_date
from steadfast.households.models import Household, HouseholdMember, MemberRole
from steadfast.placements.models import Placement
from steadfast.placements.rules import age_on

from .models import (
    CarerTraining,
    ImpactDomain,
    ImpactDomainRating,
    ImpactReason,
    ImpactStressAssessment,
    MatchingRecord,
    SiblingAssessment,
    TrainingCourse,
)
from .rules import (
    CORE_COURSES,
    IMPACT_ASSESSMENT_DUE_DAYS,
    LOW_RATING,
    Prompt,
    PromptEvent,
    impact_assessment_due_on,
    impact_assessment_prompts,
    is_low,
    prompts_since,
    written_when,
)

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
            "written": matching_written(p.matching_record) if _has_matching(p) else "",
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
    child's placements with a fostering household, beside how it went and when it was written;
    the ratings of the latest impact and stress assessment of the household the child lives in
    (`home_impact_for`); and the child's sibling assessments, the other child named only when
    their record is not restricted from the viewer."""
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
            Q(child=child) & (Q(sibling__restricted=False) | Q(sibling__in=visible))
            | Q(sibling=child) & (Q(child__restricted=False) | Q(child__in=visible))
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
                "written": matching_written(p.matching_record) if _has_matching(p) else "",
                "can_record": can_record_matching and p is current,
            }
            for p in placements
        ],
        "can_record_matching": can_record_matching,
        "current": current,
        "home_impact": home_impact_for(current, viewer=viewer) if current is not None else None,
        "siblings": siblings,
        "can_record_sibling": access.can_record_sibling_assessment(viewer)
        and siblings_to_assess(child, viewer=viewer).exists(),
    }


def matching_written(record: MatchingRecord) -> str:
    """When a matching record was written, beside the day its placement began: "Written 3 March
    2026, 41 days after the placement began"."""
    written_on = timezone.localdate(record.created_at)
    when = written_when(written_on=written_on, placement_began=record.placement.start_date)
    return f"Written {govuk_date(written_on)}, {when}"


@dataclass(frozen=True)
class RatingShown:
    domain: str
    rating: int
    low: bool


def home_impact_for(placement: Placement, *, viewer: User) -> dict | None:
    """For the record of a child living in a fostering household now (`placement`), the
    household's latest impact and stress assessment as the child's worker sees it: its date,
    reason and domain ratings, each flagged when low (`rules.LOW_RATING`), with when the next is
    due (`rules.impact_assessment_due_on`). None for anyone who may not see them
    (`access.can_see_impact_ratings_of_home`). The evidence, overall view and support plan stay
    with the fostering service."""
    household = placement.household
    if household is None or not access.can_see_impact_ratings_of_home(viewer, household):
        return None
    latest = impact_assessments_of_household(household).prefetch_related("ratings").first()
    caring_since = Placement.objects.filter(household=household, end_date__isnull=True).aggregate(
        since=Min("start_date")
    )["since"]
    today = timezone.localdate()
    due_on = impact_assessment_due_on(
        last_assessed_on=latest.date if latest else None, caring_since=caring_since or placement.start_date
    )
    order = list(ImpactDomain.values)
    ratings = (
        [
            RatingShown(domain=r.get_domain_display(), rating=r.rating, low=is_low(r.rating))
            for r in sorted(latest.ratings.all(), key=lambda r: order.index(r.domain))
        ]
        if latest
        else []
    )
    return {
        "household": household,
        "assessment": latest,
        "ratings": ratings,
        "low_rating": LOW_RATING,
        "any_low": any(r.low for r in ratings),
        "due_on": due_on,
        "overdue": due_on < today,
        "can_open": latest is not None and access.can_read_fostering_record(viewer, household),
    }


SIBLING_KINDS = (RelationshipKind.SIBLING, RelationshipKind.HALF_SIBLING)


def siblings_to_assess(child: Child, *, viewer: User) -> QuerySet[Child]:
    """The brothers and sisters linked in the child's relationships, whoever's case they are,
    except one whose record is restricted from the viewer (never named to them)."""
    return (
        Child.objects.filter(
            pk__in=Relationship.objects.filter(
                child=child, kind__in=SIBLING_KINDS, related_child__isnull=False
            ).values("related_child")
        )
        .filter(Q(restricted=False) | Q(pk__in=access.children_visible_to(viewer).values("pk")))
        .exclude(pk=child.pk)
        .order_by("legal_first_name", "pk")
    )


def named_with_age(child: Child) -> str:
    """How a brother or sister is named to someone who may not open their record: their name and
    age, nothing more."""
    return f"{child.display_name}, aged {age_on(child.date_of_birth, timezone.localdate())}"


@dataclass(frozen=True)
class SiblingsApart:
    """A child and a linked brother or sister living in different homes now, with no sibling
    assessment of the two."""

    child_id: int
    sibling: Child
    sibling_visible: bool


def siblings_placed_apart_unassessed(children: QuerySet[Child], *, viewer: User) -> list[SiblingsApart]:
    """Each pair of a child among `children` and a brother or sister linked in their
    relationships, the two in current placements in different homes (household or provider),
    with no sibling assessment of them in either order; a pair once, however it is linked. A
    brother or sister whose record is restricted from `viewer` is left out, as on the child's
    record. Five queries, however many children."""
    links = list(
        Relationship.objects.filter(
            child__in=children.values("pk"), kind__in=SIBLING_KINDS, related_child__isnull=False
        )
        .exclude(related_child=F("child"))
        .order_by("child_id", "related_child_id")
        .values_list("child_id", "related_child_id")
    )
    ids = {pk for link in links for pk in link}
    homes = {
        child_id: (household_id, provider_id)
        for child_id, household_id, provider_id in Placement.objects.filter(
            child__in=ids, end_date__isnull=True
        ).values_list("child_id", "household_id", "provider_id")
    }
    assessed = {
        frozenset(pair)
        for pair in SiblingAssessment.objects.filter(child__in=ids, sibling__in=ids).values_list(
            "child_id", "sibling_id"
        )
    }
    apart: dict[frozenset, tuple[int, int]] = {}
    for child_id, sibling_id in links:
        pair = frozenset((child_id, sibling_id))
        if pair in apart or pair in assessed or child_id not in homes or sibling_id not in homes:
            continue
        if homes[child_id] != homes[sibling_id]:
            apart[pair] = (child_id, sibling_id)
    siblings = Child.objects.in_bulk({sibling_id for _, sibling_id in apart.values()})
    visible = set(
        access.children_visible_to(viewer).filter(pk__in=list(siblings)).values_list("pk", flat=True)
    )
    return [
        SiblingsApart(child_id=child_id, sibling=siblings[sibling_id], sibling_visible=sibling_id in visible)
        for child_id, sibling_id in apart.values()
        if not siblings[sibling_id].restricted or sibling_id in visible
    ]


def with_latest_impact_assessment(households: QuerySet[Household]) -> QuerySet[Household]:
    """The households, each with `latest_assessment_id` and `latest_assessed_on`, those of its
    latest impact and stress assessment (None without one)."""
    latest = ImpactStressAssessment.objects.filter(household=OuterRef("pk")).order_by("-date", "-pk")
    return households.annotate(
        latest_assessment_id=Subquery(latest.values("pk")[:1]),
        latest_assessed_on=Subquery(latest.values("date")[:1]),
    )


def households_with_low_ratings(households: QuerySet[Household]) -> QuerySet[Household]:
    """The households whose latest impact and stress assessment rates a domain low
    (`rules.LOW_RATING` or lower), the most recently assessed first. One query."""
    low = ImpactDomainRating.objects.filter(
        assessment=OuterRef("latest_assessment_id"), rating__lte=LOW_RATING
    )
    return (
        with_latest_impact_assessment(households)
        .filter(Exists(low))
        .order_by("-latest_assessed_on", "name", "pk")
    )


def low_ratings_of(assessment_ids: Iterable[int]) -> dict[int, list[ImpactDomainRating]]:
    """The low domain ratings of each assessment, lowest first; one query."""
    found: dict[int, list[ImpactDomainRating]] = {}
    for rating in ImpactDomainRating.objects.filter(
        assessment__in=list(assessment_ids), rating__lte=LOW_RATING
    ).order_by("rating", "domain"):
        found.setdefault(rating.assessment_id, []).append(rating)
    return found


def households_overdue_impact_assessment(
    households: QuerySet[Household], *, today: datetime.date
) -> QuerySet[Household]:
    """The households with a child placed now whose impact and stress assessment is overdue
    (`rules.impact_assessment_due_on` before `today`), each with `caring_since`, the day the
    earliest of its current placements began, and `latest_assessed_on`; the longest overdue
    first. One query."""
    caring = Placement.objects.filter(household=OuterRef("pk"), end_date__isnull=True).order_by("start_date")
    return (
        with_latest_impact_assessment(households)
        .annotate(caring_since=Subquery(caring.values("start_date")[:1]))
        .filter(caring_since__isnull=False)
        .annotate(counted_from=Coalesce("latest_assessed_on", "caring_since"))
        .filter(counted_from__lt=today - datetime.timedelta(days=IMPACT_ASSESSMENT_DUE_DAYS))
        .order_by("counted_from", "name", "pk")
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
    """A sibling assessment, for someone who may see either child (it belongs to both
    records)."""
    assessment = (
        SiblingAssessment.objects.select_related("child", "sibling", "created_by").filter(pk=pk).first()
    )
    if assessment is None:
        raise Http404("No such sibling assessment")
    both = [assessment.child_id, assessment.sibling_id]
    if not access.children_visible_to(user).filter(pk__in=both).exists():
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
