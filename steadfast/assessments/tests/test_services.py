import datetime

import pytest
from django.core.exceptions import ValidationError
from django.utils import timezone

from steadfast.assessments import services
from steadfast.assessments.models import (
    CarerTraining,
    ImpactDomain,
    ImpactDomainRating,
    ImpactStressAssessment,
    MatchingRecord,
    SiblingAssessment,
)
from steadfast.audit.models import AuditEvent
from steadfast.households.models import MemberRole
from tests.factories import HouseholdMemberFactory

from .helpers import (
    a_matching_record,
    a_sibling,
    a_sibling_assessment,
    all_ratings,
    an_impact_assessment,
    carer_of,
)

pytestmark = pytest.mark.django_db

TODAY = timezone.localdate


def _nothing_saved(model, event_type):
    assert not model.objects.exists()
    assert not AuditEvent.objects.filter(event_type=event_type).exists()


def test_the_ssw_records_an_impact_and_stress_assessment_with_every_domain(scenario):
    assessment = an_impact_assessment(scenario)
    assert sorted(r.domain for r in assessment.ratings.all()) == sorted(ImpactDomain.values)
    event = AuditEvent.objects.get(event_type=services.IMPACT_ASSESSMENT_RECORDED)
    assert event.household_id == scenario.households["own"].pk
    assert event.details["ratings"]["health"] == 6


@pytest.mark.parametrize(
    ("domain", "rating", "evidence", "field"),
    [
        ("health", None, "Fine", "rating_health"),
        ("health", 11, "Fine", "rating_health"),
        ("work_and_money", 5, "  ", "evidence_work_and_money"),
    ],
)
def test_an_assessment_missing_a_rating_or_evidence_is_refused_whole(
    scenario, domain, rating, evidence, field
):
    ratings = all_ratings() | {domain: (rating, evidence)}
    with pytest.raises(ValidationError) as error:
        services.record_impact_stress_assessment(
            actor=scenario.users["supervising_social_worker"],
            household=scenario.households["own"],
            date=TODAY(),
            reason="supervision",
            ratings=ratings,
            overall="Coping.",
            support_plan="Respite.",
        )
    assert field in error.value.error_dict
    _nothing_saved(ImpactStressAssessment, services.IMPACT_ASSESSMENT_RECORDED)
    assert not ImpactDomainRating.objects.exists()


def test_a_domain_left_out_altogether_is_named(scenario):
    ratings = all_ratings()
    del ratings["couple_relationship"]
    with pytest.raises(ValidationError) as error:
        services.record_impact_stress_assessment(
            actor=scenario.users["supervising_social_worker"],
            household=scenario.households["own"],
            date=TODAY(),
            reason="supervision",
            ratings=ratings,
            overall="",
            support_plan="",
        )
    messages = {k: v[0].message for k, v in error.value.error_dict.items()}
    assert messages["rating_couple_relationship"] == services.RATING_MISSING.format(
        domain="the couple relationship"
    )
    assert messages["overall"] == services.OVERALL_NEEDED
    assert messages["support_plan"] == services.SUPPORT_PLAN_NEEDED


@pytest.mark.parametrize("actor", ["social_worker", "team_manager", "iro", "other_supervising_social_worker"])
def test_only_the_households_fostering_service_records_an_impact_assessment(scenario, actor):
    with pytest.raises(ValidationError) as error:
        an_impact_assessment(scenario, actor=actor)
    assert error.value.messages == [services.HOUSEHOLD_NOT_ALLOWED]
    _nothing_saved(ImpactStressAssessment, services.IMPACT_ASSESSMENT_RECORDED)


@pytest.mark.parametrize("actor", ["social_worker", "supervising_social_worker", "fostering_team_manager"])
def test_the_childs_social_worker_or_the_fostering_service_records_the_match(scenario, actor):
    record = a_matching_record(scenario, actor=actor)
    event = AuditEvent.objects.get(event_type=services.MATCHING_RECORDED)
    assert (event.child_id, event.household_id) == (
        scenario.children["own"].pk,
        scenario.households["own"].pk,
    )
    assert record.placement.matching_record == record


def test_a_placement_is_matched_once(scenario):
    a_matching_record(scenario)
    with pytest.raises(ValidationError) as error:
        a_matching_record(scenario, actor="supervising_social_worker")
    assert error.value.messages == [services.MATCHING_ALREADY]
    assert MatchingRecord.objects.count() == 1


def test_a_placement_with_a_provider_has_no_matching_record(scenario):
    with pytest.raises(ValidationError) as error:
        a_matching_record(scenario, child="other", actor="other_social_worker")
    assert error.value.messages == [services.MATCHING_NOT_A_HOUSEHOLD]
    _nothing_saved(MatchingRecord, services.MATCHING_RECORDED)


@pytest.mark.parametrize(
    ("child", "actor"),
    [("own", "iro"), ("own", "other_supervising_social_worker"), ("restricted", "supervising_social_worker")],
)
def test_those_who_may_not_record_the_match_are_refused(scenario, child, actor):
    with pytest.raises(ValidationError) as error:
        a_matching_record(scenario, child=child, actor=actor)
    assert error.value.messages == [services.MATCHING_NOT_ALLOWED]
    _nothing_saved(MatchingRecord, services.MATCHING_RECORDED)


def test_a_match_agreed_after_the_placement_started_is_refused(scenario):
    placement = scenario.children["own"].placements.get()
    with pytest.raises(ValidationError) as error:
        services.record_matching(
            actor=scenario.users["social_worker"],
            placement=placement,
            agreed_on=placement.start_date + datetime.timedelta(days=1),
            childs_needs="Needs",
            household_strengths="Strengths",
            gaps=" ",
            support_planned="Support",
        )
    assert error.value.message_dict == {
        "agreed_on": [services.AGREED_BEFORE_START],
        "gaps": [services.GAPS_NEEDED],
    }
    _nothing_saved(MatchingRecord, services.MATCHING_RECORDED)


def test_a_sibling_assessment_is_on_both_childrens_records(scenario):
    brother = a_sibling(scenario)
    assessment = a_sibling_assessment(scenario, brother)
    events = AuditEvent.objects.filter(event_type=services.SIBLING_ASSESSMENT_RECORDED)
    assert sorted(e.child_id for e in events) == sorted([scenario.children["own"].pk, brother.pk])
    assert assessment.decision == "together_with_conditions"


def test_a_child_cannot_be_assessed_with_themself(scenario):
    with pytest.raises(ValidationError) as error:
        a_sibling_assessment(scenario, scenario.children["own"])
    assert error.value.message_dict == {"sibling": [services.SIBLING_SAME_CHILD]}
    _nothing_saved(SiblingAssessment, services.SIBLING_ASSESSMENT_RECORDED)


@pytest.mark.parametrize("actor", ["other_social_worker", "iro"])
def test_a_sibling_assessment_needs_an_editor_who_sees_the_child(scenario, actor):
    brother = a_sibling(scenario)
    with pytest.raises(ValidationError) as error:
        a_sibling_assessment(scenario, brother, actor=actor)
    assert error.value.messages == [services.SIBLING_NOT_ALLOWED]
    _nothing_saved(SiblingAssessment, services.SIBLING_ASSESSMENT_RECORDED)


def test_a_sibling_with_another_social_worker_is_assessed_with_the_child(scenario):
    brother = a_sibling(scenario, worker="other_social_worker")
    assessment = a_sibling_assessment(scenario, brother)
    events = AuditEvent.objects.filter(event_type=services.SIBLING_ASSESSMENT_RECORDED)
    assert sorted(e.child_id for e in events) == sorted([scenario.children["own"].pk, brother.pk])
    assert assessment.sibling == brother


@pytest.mark.parametrize("restricted", [True, False])
def test_only_a_linked_sibling_not_restricted_from_the_worker_is_assessed(scenario, restricted):
    """A restricted brother the worker may not see is never named to them, and a child who is
    not linked as a brother or sister is not one."""
    brother = a_sibling(scenario, worker="other_social_worker", restricted=restricted)
    if not restricted:
        brother.relationships.all().delete()
        scenario.children["own"].relationships.all().delete()
    with pytest.raises(ValidationError) as error:
        a_sibling_assessment(scenario, brother)
    assert error.value.message_dict == {"sibling": [services.SIBLING_NOT_LINKED]}
    _nothing_saved(SiblingAssessment, services.SIBLING_ASSESSMENT_RECORDED)


def test_the_ssw_records_a_carers_training(scenario):
    training = services.record_carer_training(
        actor=scenario.users["supervising_social_worker"],
        member=carer_of(scenario),
        course="other",
        course_name="Understanding contact",
        completed_on=TODAY(),
        refresh_due=None,
    )
    assert training.title == "Understanding contact"
    assert AuditEvent.objects.get(event_type=services.CARER_TRAINING_RECORDED).household_id == (
        scenario.households["own"].pk
    )


@pytest.mark.parametrize(
    ("changes", "field", "message"),
    [
        ({"course": "other", "course_name": " "}, "course_name", services.COURSE_NAME_NEEDED),
        ({"refresh_due": TODAY()}, "refresh_due", services.REFRESH_AFTER),
        ({"completed_on": TODAY() + datetime.timedelta(days=1)}, "completed_on", services.DATE_IN_FUTURE),
        ({"course": "juggling"}, "course", services.COURSE_NEEDED),
    ],
)
def test_wrong_training_is_refused_and_nothing_saved(scenario, changes, field, message):
    fields = {
        "actor": scenario.users["supervising_social_worker"],
        "member": carer_of(scenario),
        "course": "attachment",
        "course_name": "",
        "completed_on": TODAY(),
        "refresh_due": None,
    }
    with pytest.raises(ValidationError) as error:
        services.record_carer_training(**fields | changes)
    assert error.value.message_dict == {field: [message]}
    _nothing_saved(CarerTraining, services.CARER_TRAINING_RECORDED)


def test_training_is_only_for_an_approved_carer_and_only_by_the_fostering_service(scenario):
    child = HouseholdMemberFactory(household=scenario.households["own"], role=MemberRole.CARERS_CHILD)
    with pytest.raises(ValidationError) as error:
        services.record_carer_training(
            actor=scenario.users["supervising_social_worker"],
            member=child,
            course="attachment",
            course_name="",
            completed_on=TODAY(),
            refresh_due=None,
        )
    assert error.value.message_dict == {"member": [services.NOT_A_CARER]}
    with pytest.raises(ValidationError) as error:
        services.record_carer_training(
            actor=scenario.users["social_worker"],
            member=carer_of(scenario),
            course="attachment",
            course_name="",
            completed_on=TODAY(),
            refresh_due=None,
        )
    assert error.value.messages == [services.HOUSEHOLD_NOT_ALLOWED]
    _nothing_saved(CarerTraining, services.CARER_TRAINING_RECORDED)
