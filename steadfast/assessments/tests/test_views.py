import datetime

import pytest
from django.utils import timezone
from markupsafe import escape

from steadfast.assessments import selectors, services, views
from steadfast.assessments.models import ImpactDomain, ImpactStressAssessment, MatchingRecord
from steadfast.assessments.rules import IMPACT_ASSESSMENT_DUE_DAYS, LOW_RATING
from steadfast.audit.models import AuditEvent
from steadfast.carer_logs.models import CarerLog
from steadfast.concerns.models import StabilityConcern
from steadfast.core.jinja2 import govuk_date
from steadfast.placements.models import Placement
from tests.factories import AccessGrantFactory, ChildFactory, PlacementFactory, days_ago
from tests.queries import queries_for

from .helpers import (
    a_matching_record,
    a_restricted_impact_assessment,
    a_sibling,
    a_sibling_assessment,
    all_ratings,
    an_impact_assessment,
    carer_of,
)

pytestmark = pytest.mark.django_db


def _date(name: str, day: datetime.date) -> dict[str, int]:
    return {f"{name}-day": day.day, f"{name}-month": day.month, f"{name}-year": day.year}


def _impact_form(**changes) -> dict:
    data = _date("date", timezone.localdate()) | {
        "reason": "new_child",
        "overall": "Coping, tired.",
        "support_plan": "Respite monthly.",
    }
    for domain in ImpactDomain.values:
        data |= {f"rating_{domain}": "7", f"evidence_{domain}": f"Said about {domain}."}
    return data | changes


def test_the_ssw_records_an_impact_assessment_and_a_missing_rating_is_named(client, scenario):
    household = scenario.households["own"]
    client.force_login(scenario.users["supervising_social_worker"])
    path = f"/households/{household.pk}/impact-assessments/record/"
    page = client.post(path, _impact_form(rating_health="")).content.decode()
    assert services.RATING_MISSING.format(domain="health") in page
    assert 'href="#id_rating_health"' in page
    assert not ImpactStressAssessment.objects.exists()
    response = client.post(path, _impact_form())
    assert response.status_code == 302
    detail = client.get(response["Location"]).content.decode()
    assert "Said about health." in detail and "Respite monthly." in detail
    viewed = AuditEvent.objects.filter(event_type=views.IMPACT_ASSESSMENT_VIEWED)
    assert [e.household_id for e in viewed] == [household.pk]


def test_the_form_shows_the_carers_training_beside_it(client, scenario):
    services.record_carer_training(
        actor=scenario.users["supervising_social_worker"],
        member=carer_of(scenario),
        course="attachment",
        course_name="",
        completed_on=days_ago(400),
        refresh_due=days_ago(35),
    )
    client.force_login(scenario.users["supervising_social_worker"])
    page = client.get(
        f"/households/{scenario.households['own'].pk}/impact-assessments/record/"
    ).content.decode()
    assert "Attachment, completed" in page and "Overdue" in page
    assert "Not yet recorded: Brain development, Trauma-informed care." in page


def test_a_child_joining_and_an_allegation_prompt_an_assessment_on_the_household_record(client, scenario):
    household = scenario.households["own"]
    an_impact_assessment(scenario, days_ago=30)
    PlacementFactory(child=ChildFactory(), household=household, start_date=days_ago(10))
    StabilityConcern.objects.create(
        child=scenario.children["own"],
        household=household,
        raised_at=timezone.now() - datetime.timedelta(days=3),
        raised_by="carer",
        factors=["concern_or_allegation"],
        what_is_happening="An allegation against the carer.",
        urgency="under_pressure",
        due_date=timezone.localdate(),
    )
    client.force_login(scenario.users["supervising_social_worker"])
    page = client.get(f"/households/{household.pk}/").content.decode()
    assert page.count("data-impact-prompt") == 2
    assert "A child joined the household on" in page
    assert f"/households/{household.pk}/impact-assessments/record/?reason=allegation" in page
    # A child's social worker sees the household but not its impact assessments.
    client.force_login(scenario.users["social_worker"])
    page = client.get(f"/households/{household.pk}/").content.decode()
    assert "data-impact-prompt" not in page and "Impact and stress" not in page


def test_a_carers_log_of_police_involvement_or_an_allegation_prompts_an_assessment(client, scenario):
    household = scenario.households["own"]
    an_impact_assessment(scenario, days_ago=30)
    for event in ("police", "allegation", "accident_or_injury"):
        CarerLog.objects.create(
            household=household,
            child=scenario.children["own"],
            date=days_ago(2),
            category="behaviour",
            what_happened="Something happened (test).",
            significant_event=event,
        )
    client.force_login(scenario.users["supervising_social_worker"])
    page = client.get(f"/households/{household.pk}/").content.decode()
    assert page.count("data-impact-prompt") == 2  # an accident alone prompts none
    assert "A child placed here was involved in offending or substance misuse" in page
    assert f"/households/{household.pk}/impact-assessments/record/?reason=offending_or_substances" in page
    assert f"/households/{household.pk}/impact-assessments/record/?reason=allegation" in page


def test_a_restricted_child_joining_does_not_prompt_those_who_may_not_know_of_them(client, scenario):
    household = scenario.households["own"]
    an_impact_assessment(scenario)
    restricted = scenario.children["restricted"]
    Placement.objects.filter(child=restricted).update(start_date=timezone.localdate())
    client.force_login(scenario.users["supervising_social_worker"])
    assert "data-impact-prompt" not in client.get(f"/households/{household.pk}/").content.decode()


def test_the_match_is_recorded_from_the_household_record_and_shows_on_both_records(client, scenario):
    household = scenario.households["own"]
    owen = scenario.children["own"]
    placement = owen.placements.get()
    client.force_login(scenario.users["supervising_social_worker"])
    page = client.get(f"/households/{household.pk}/").content.decode()
    path = f"/placements/{placement.pk}/matching/record/"
    assert path in page
    page = client.post(path, _date("agreed_on", placement.start_date)).content.decode()
    assert escape(services.CHILDS_NEEDS_NEEDED) in page and not MatchingRecord.objects.exists()
    response = client.post(
        path,
        _date("agreed_on", placement.start_date)
        | {
            "childs_needs": "Calm home.",
            "household_strengths": "Patient carers.",
            "gaps": "Night-time anxiety.",
            "support_planned": "Therapeutic parenting course.",
        },
    )
    assert response.status_code == 302
    assert "Therapeutic parenting course." in client.get(response["Location"]).content.decode()
    # Once recorded, the page to record it again is gone.
    assert client.get(path).status_code == 404
    client.force_login(scenario.users["social_worker"])
    child_page = client.get(f"/children/{owen.pk}/").content.decode()
    assert f"/matching/{placement.matching_record.pk}/" in child_page and "Continuing" in child_page


def test_the_matching_record_stays_linked_to_how_the_placement_ended(client, scenario):
    record = a_matching_record(scenario)
    Placement.objects.filter(pk=record.placement_id).update(
        end_date=timezone.localdate(), end_reason="carer_requested", ending_planned=False
    )
    client.force_login(scenario.users["supervising_social_worker"])
    page = client.get(f"/households/{scenario.households['own'].pk}/").content.decode()
    assert "unplanned, carer asked for the child to move" in page
    detail = client.get(f"/matching/{record.pk}/").content.decode()
    assert "unplanned, carer asked for the child to move" in detail
    event = AuditEvent.objects.filter(event_type=views.MATCHING_VIEWED).get()
    assert (event.child_id, event.household_id) == (record.placement.child_id, record.placement.household_id)


def test_the_sw_records_a_sibling_assessment_shown_on_both_childrens_records(client, scenario):
    owen = scenario.children["own"]
    sam = a_sibling(scenario)
    client.force_login(scenario.users["social_worker"])
    path = f"/children/{owen.pk}/sibling-assessments/record/"
    assert path in client.get(f"/children/{owen.pk}/").content.decode()
    page = client.post(path, {"sibling": sam.pk}).content.decode()
    assert services.DECISION_NEEDED in page
    response = client.post(
        path,
        _date("assessed_on", timezone.localdate())
        | {
            "sibling": sam.pk,
            "context": "reunifying",
            "childs_needs": "Owen needs routine.",
            "siblings_needs": "Sam needs his own space.",
            "relationship": "Close.",
            "decision": "apart",
            "reasons": "Each needs one-to-one care for now; weekly contact.",
        },
    )
    assert response.status_code == 302
    assert "weekly contact" in client.get(response["Location"]).content.decode()
    viewed = AuditEvent.objects.filter(event_type=views.SIBLING_ASSESSMENT_VIEWED)
    assert sorted(e.child_id for e in viewed) == sorted([owen.pk, sam.pk])
    assert "With Owen" in client.get(f"/children/{sam.pk}/").content.decode()


def test_a_sibling_the_viewer_may_not_see_is_never_named_on_the_childs_record(client, scenario):
    sam = a_sibling(scenario, restricted=True)
    AccessGrantFactory(child=sam, user=scenario.users["social_worker"])
    a_sibling_assessment(scenario, sam)
    client.force_login(scenario.users["team_colleague"])
    page = client.get(f"/children/{scenario.children['own'].pk}/").content.decode()
    assert "Sam" not in page and "No sibling assessments that you can see." in page


def test_training_is_recorded_from_the_household_record(client, scenario):
    household = scenario.households["own"]
    client.force_login(scenario.users["supervising_social_worker"])
    path = f"/households/{household.pk}/training/record/"
    assert path in client.get(f"/households/{household.pk}/").content.decode()
    page = client.post(path, {"member": carer_of(scenario).pk, "course": "other"}).content.decode()
    assert services.COURSE_NAME_NEEDED not in page  # the date is missing first
    page = client.post(
        path,
        {"member": carer_of(scenario).pk, "course": "other"} | _date("completed_on", timezone.localdate()),
    ).content.decode()
    assert services.COURSE_NAME_NEEDED in page
    response = client.post(
        path,
        {"member": carer_of(scenario).pk, "course": "trauma_informed_care"}
        | _date("completed_on", timezone.localdate()),
    )
    assert response.status_code == 302
    assert "Trauma-informed care, completed" in client.get(f"/households/{household.pk}/").content.decode()


def test_the_household_record_costs_the_same_queries_however_many_assessments(client, scenario):
    client.force_login(scenario.users["supervising_social_worker"])
    path = f"/households/{scenario.households['own'].pk}/"
    an_impact_assessment(scenario, days_ago=90)
    a_matching_record(scenario)
    services.record_carer_training(
        actor=scenario.users["supervising_social_worker"],
        member=carer_of(scenario),
        course="attachment",
        course_name="",
        completed_on=days_ago(10),
        refresh_due=None,
    )
    one = queries_for(client, path)
    for days in (60, 30, 5):
        an_impact_assessment(scenario, days_ago=days)
        child = ChildFactory()
        placement = PlacementFactory(
            child=child, household=scenario.households["own"], start_date=days_ago(days)
        )
        a_matching_record(scenario, actor="supervising_social_worker", placement=placement)
        services.record_carer_training(
            actor=scenario.users["supervising_social_worker"],
            member=carer_of(scenario),
            course="first_aid",
            course_name="",
            completed_on=days_ago(days),
            refresh_due=None,
        )
    assert queries_for(client, path) == one


def test_the_child_record_costs_the_same_queries_however_many_assessments(client, scenario):
    client.force_login(scenario.users["social_worker"])
    owen = scenario.children["own"]
    path = f"/children/{owen.pk}/"
    a_sibling_assessment(scenario, a_sibling(scenario))
    one = queries_for(client, path)
    current = owen.placements.get()
    for n in range(1, 4):
        a_sibling_assessment(scenario, a_sibling(scenario))
        earlier = PlacementFactory(
            child=owen,
            household=scenario.households["own"],
            start_date=current.start_date - datetime.timedelta(days=100 * n + 50),
            end_date=current.start_date - datetime.timedelta(days=100 * n),
            ended=True,
        )
        a_matching_record(scenario, placement=earlier)
    assert queries_for(client, path) == one


def test_an_unknown_reason_or_carer_is_answered_with_the_form_not_an_error(client, scenario):
    household = scenario.households["own"]
    client.force_login(scenario.users["supervising_social_worker"])
    response = client.get(f"/households/{household.pk}/impact-assessments/record/?reason=bogus")
    assert response.status_code == 200
    for member in ("abc", "999999"):
        response = client.post(f"/households/{household.pk}/training/record/", {"member": member})
        assert response.status_code == 200
        assert services.NOT_A_CARER in response.content.decode()


# A brother or sister with another social worker ------------------------------------------------


def test_the_sw_assesses_a_brother_with_another_social_worker_naming_him_by_name_and_age_only(
    client, scenario
):
    owen = scenario.children["own"]
    sam = a_sibling(scenario, worker="other_social_worker")
    named = selectors.named_with_age(sam)
    client.force_login(scenario.users["social_worker"])
    path = f"/children/{owen.pk}/sibling-assessments/record/"
    assert path in client.get(f"/children/{owen.pk}/").content.decode()
    form = client.get(path).content.decode()
    assert str(escape(named)) in form and ", aged " in named
    response = client.post(
        path,
        _date("assessed_on", timezone.localdate())
        | {
            "sibling": sam.pk,
            "context": "reunifying",
            "childs_needs": "Owen needs routine.",
            "siblings_needs": "Sam needs his own space.",
            "relationship": "Close.",
            "decision": "together",
            "reasons": "They ask to live together.",
        },
    )
    assert response.status_code == 302
    detail = client.get(response["Location"]).content.decode()
    assert str(escape(named)) in detail and f"/children/{sam.pk}/" not in detail
    viewed = AuditEvent.objects.filter(event_type=views.SIBLING_ASSESSMENT_VIEWED)
    assert sorted(e.child_id for e in viewed) == sorted([owen.pk, sam.pk])
    # Sam's social worker reads it from Sam's record, with Owen unlinked.
    client.force_login(scenario.users["other_social_worker"])
    assert "With Owen" in client.get(f"/children/{sam.pk}/").content.decode()
    theirs = client.get(response["Location"]).content.decode()
    assert "They ask to live together." in theirs and f"/children/{owen.pk}/" not in theirs
    # Someone who may see neither child gets 404.
    client.force_login(scenario.users["iro_colleague"])
    assert client.get(response["Location"]).status_code == 404


def test_the_link_to_record_a_sibling_assessment_shows_only_for_a_child_with_a_linked_sibling(
    client, scenario
):
    owen = scenario.children["own"]
    client.force_login(scenario.users["social_worker"])
    path = f"/children/{owen.pk}/sibling-assessments/record/"
    assert path not in client.get(f"/children/{owen.pk}/").content.decode()
    a_sibling(scenario, worker="other_social_worker")
    assert path in client.get(f"/children/{owen.pk}/").content.decode()


def test_a_child_not_linked_as_a_sibling_is_refused_with_the_form(client, scenario):
    owen = scenario.children["own"]
    a_sibling(scenario)
    stranger = ChildFactory(legal_first_name="Stranger")
    client.force_login(scenario.users["social_worker"])
    page = client.post(f"/children/{owen.pk}/sibling-assessments/record/", {"sibling": stranger.pk})
    assert page.status_code == 200
    assert "Choose the brother or sister" in page.content.decode()


# The home's impact and stress on the child's record ---------------------------------------------


def _assess_own_home(scenario, ratings: dict, *, days_ago_: int = 0):
    return services.record_impact_stress_assessment(
        actor=scenario.users["supervising_social_worker"],
        household=scenario.households["own"],
        date=days_ago(days_ago_),
        reason="supervision",
        ratings=ratings,
        overall="Tired but coping.",
        support_plan="Respite one weekend a month.",
    )


def test_the_childs_sw_sees_the_homes_latest_ratings_with_the_low_ones_flagged_but_not_the_evidence(
    client, scenario
):
    ratings = all_ratings(LOW_RATING + 1) | {"health": (LOW_RATING, "Back pain since the summer.")}
    _assess_own_home(scenario, all_ratings(1), days_ago_=60)
    _assess_own_home(scenario, ratings)
    client.force_login(scenario.users["social_worker"])
    page = client.get(f"/children/{scenario.children['own'].pk}/").content.decode()
    assert 'id="home-impact-ratings"' in page
    assert page.count("data-low-rating") == 1  # the rating of 3, not the ones of 4
    assert "Back pain" not in page and "Respite one weekend" not in page
    assert "/impact-assessments/" not in page
    assert "data-impact-overdue" not in page


def test_the_fostering_service_is_linked_to_the_whole_assessment_from_the_childs_record(client, scenario):
    assessment = _assess_own_home(scenario, all_ratings())
    client.force_login(scenario.users["supervising_social_worker"])
    page = client.get(f"/children/{scenario.children['own'].pk}/").content.decode()
    assert f"/impact-assessments/{assessment.pk}/" in page


def test_an_assessment_over_a_year_old_shows_as_overdue_on_the_childs_record(client, scenario):
    _assess_own_home(scenario, all_ratings(), days_ago_=IMPACT_ASSESSMENT_DUE_DAYS + 1)
    client.force_login(scenario.users["social_worker"])
    page = client.get(f"/children/{scenario.children['own'].pk}/").content.decode()
    assert "data-impact-overdue" in page


@pytest.mark.parametrize("username", ["analyst", "foster_carer"])
def test_the_homes_ratings_show_only_to_those_working_on_cases(client, scenario, username):
    _assess_own_home(scenario, all_ratings(1))
    owen = scenario.children["own"]
    AccessGrantFactory(child=owen, user=scenario.users[username])
    client.force_login(scenario.users[username])
    response = client.get(f"/children/{owen.pk}/")
    assert "home-impact" not in response.content.decode()


def test_a_restricted_homes_ratings_stay_hidden_from_a_worker_not_granted_the_household(client, scenario):
    rhea = scenario.children["restricted"]
    Placement.objects.filter(child=rhea).update(household=scenario.households["restricted"])
    a_restricted_impact_assessment(scenario)
    client.force_login(scenario.users["social_worker"])
    page = client.get(f"/children/{rhea.pk}/").content.decode()
    assert "home-impact" not in page


def test_a_worker_who_may_not_see_the_child_gets_404_not_the_ratings(client, scenario):
    _assess_own_home(scenario, all_ratings(1))
    client.force_login(scenario.users["other_social_worker"])
    assert client.get(f"/children/{scenario.children['own'].pk}/").status_code == 404


# When a matching record was written ------------------------------------------------------------


def test_a_matching_record_written_after_the_placement_began_says_so(client, scenario):
    record = a_matching_record(scenario)
    placement = record.placement
    written = timezone.now() - datetime.timedelta(days=5)
    MatchingRecord.objects.filter(pk=record.pk).update(created_at=written)
    Placement.objects.filter(pk=placement.pk).update(
        start_date=timezone.localdate(written) - datetime.timedelta(days=41)
    )
    expected = f"Written {govuk_date(timezone.localdate(written))}, 41 days after the placement began"
    client.force_login(scenario.users["social_worker"])
    assert expected in client.get(f"/children/{placement.child_id}/").content.decode()
    assert "41 days after the placement began" in client.get(f"/matching/{record.pk}/").content.decode()
    client.force_login(scenario.users["supervising_social_worker"])
    assert expected in client.get(f"/households/{placement.household_id}/").content.decode()
