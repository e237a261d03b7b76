import datetime

import pytest
from django.utils import timezone
from markupsafe import escape

from steadfast.assessments import services, views
from steadfast.assessments.models import ImpactDomain, ImpactStressAssessment, MatchingRecord
from steadfast.audit.models import AuditEvent
from steadfast.carer_logs.models import CarerLog
from steadfast.concerns.models import StabilityConcern
from steadfast.placements.models import Placement
from tests.factories import AccessGrantFactory, ChildFactory, PlacementFactory, days_ago
from tests.queries import queries_for

from .helpers import a_matching_record, a_sibling, a_sibling_assessment, an_impact_assessment, carer_of

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
