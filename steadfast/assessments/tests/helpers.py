"""Ready-made assessments for the tests, recorded through the services."""

import datetime

from django.utils import timezone

from steadfast.accounts.models import AllocationRole
from steadfast.assessments import services
from steadfast.assessments.models import ImpactDomain, ImpactReason, ImpactStressAssessment
from steadfast.children.models import Relationship, RelationshipKind
from steadfast.households.models import MemberRole
from tests.factories import AllocationFactory, ChildFactory


def all_ratings(rating: int = 6) -> dict[str, tuple[int | None, str]]:
    return {d.value: (rating, f"What the carers said about {d.label.lower()}.") for d in ImpactDomain}


def an_impact_assessment(scenario, *, household="own", actor="supervising_social_worker", days_ago=0):
    return services.record_impact_stress_assessment(
        actor=scenario.users[actor],
        household=scenario.households[household],
        date=timezone.localdate() - datetime.timedelta(days=days_ago),
        reason=ImpactReason.SUPERVISION,
        ratings=all_ratings(),
        overall="Tired but coping.",
        support_plan="Respite one weekend a month.",
    )


def a_restricted_impact_assessment(scenario) -> ImpactStressAssessment:
    """Only through the model: nobody in the scenario may record one for the restricted home."""
    return ImpactStressAssessment.objects.create(
        household=scenario.households["restricted"],
        date=timezone.localdate(),
        reason=ImpactReason.OTHER,
        overall="Coping.",
        support_plan="None needed.",
    )


def a_matching_record(scenario, *, child="own", actor="social_worker", placement=None):
    placement = placement or scenario.children[child].placements.get(end_date__isnull=True)
    return services.record_matching(
        actor=scenario.users[actor],
        placement=placement,
        agreed_on=placement.start_date,
        childs_needs="Needs a calm home near school.",
        household_strengths="Approved for two children, 5 to 12; patient carers.",
        gaps="No experience of night-time anxiety.",
        support_planned="Therapeutic parenting course in the first month.",
    )


def a_sibling(scenario, child="own", *, worker="social_worker", restricted=False):
    """A brother for the child, allocated to the worker, linked both ways as siblings."""
    brother = ChildFactory(legal_first_name="Sam", restricted=restricted)
    AllocationFactory(child=brother, worker=scenario.users[worker], role=AllocationRole.SOCIAL_WORKER)
    for a, b in ((scenario.children[child], brother), (brother, scenario.children[child])):
        Relationship.objects.create(child=a, kind=RelationshipKind.SIBLING, related_child=b)
    return brother


def a_sibling_assessment(scenario, sibling, *, child="own", actor="social_worker"):
    return services.record_sibling_assessment(
        actor=scenario.users[actor],
        child=scenario.children[child],
        sibling=sibling,
        assessed_on=timezone.localdate(),
        context="reunifying",
        childs_needs="Owen needs routine.",
        siblings_needs="Sam needs time with his mum.",
        relationship="Close; Owen looks out for Sam.",
        decision="together_with_conditions",
        reasons="They want to live together; extra support at bedtime.",
    )


def carer_of(scenario, household="own"):
    return scenario.households[household].members.get(role=MemberRole.APPROVED_CARER)
