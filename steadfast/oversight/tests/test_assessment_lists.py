"""The oversight lists of assessments: brothers and sisters living apart with no sibling
assessment, and households whose latest impact and stress assessment has a low rating or is
overdue. Each counts only the records the manager may see."""

import datetime
import html

import pytest
from django.utils import timezone

from steadfast.assessments import services
from steadfast.assessments.models import ImpactReason
from steadfast.assessments.rules import IMPACT_ASSESSMENT_DUE_DAYS, LOW_RATING
from steadfast.assessments.tests.helpers import a_sibling, a_sibling_assessment, all_ratings
from steadfast.oversight import selectors
from steadfast.placements.models import Placement
from tests.factories import PlacementFactory, days_ago
from tests.queries import queries_for

from .test_oversight import csv_rows

pytestmark = pytest.mark.django_db

INDEX = "/oversight/"
SIBLINGS = "/oversight/siblings-apart-unassessed/"
LOW = "/oversight/impact-ratings-low/"
OVERDUE = "/oversight/impact-assessments-overdue/"


def a_brother_living_elsewhere(scenario, *, worker="other_social_worker", household="other", **kwargs):
    """Owen's brother Sam, another team's child unless told, living in another household."""
    sam = a_sibling(scenario, worker=worker, **kwargs)
    PlacementFactory(child=sam, household=scenario.households[household])
    return sam


def counts(client, user) -> dict[str, int]:
    client.force_login(user)
    today = timezone.localdate()
    return {
        "siblings": len(selectors.siblings_apart_rows(user, today=today)),
        "low": selectors.households_with_low_impact_ratings(user, today=today).count(),
        "overdue": selectors.households_overdue_impact(user, today=today).count(),
    }


def assess(scenario, *, days_ago_=0, household="own", rating=6, low_domain=None):
    ratings = all_ratings(rating)
    if low_domain is not None:
        ratings[low_domain] = (LOW_RATING, "Struggling.")
    return services.record_impact_stress_assessment(
        actor=scenario.users["supervising_social_worker"],
        household=scenario.households[household],
        date=timezone.localdate() - datetime.timedelta(days=days_ago_),
        reason=ImpactReason.SUPERVISION,
        ratings=ratings,
        overall="Coping.",
        support_plan="Monthly supervision.",
    )


# Brothers and sisters living apart -----------------------------------------------------------


def test_a_brother_in_another_home_with_no_assessment_is_listed_once_naming_him_by_age(client, scenario):
    sam = a_brother_living_elsewhere(scenario)
    rows = selectors.siblings_apart_rows(scenario.users["team_manager"], today=timezone.localdate())
    assert [(r.child.pk, r.sibling.pk, r.sibling_visible) for r in rows] == [
        (scenario.children["own"].pk, sam.pk, False)
    ]
    client.force_login(scenario.users["team_manager"])
    page = client.get(SIBLINGS).content.decode()
    assert rows[0].sibling_named in page and ", aged " in rows[0].sibling_named
    assert f"/children/{sam.pk}/" not in page
    assert f"/children/{scenario.children['own'].pk}/sibling-assessments/record/" in page
    # The other team's manager sees the same pair from Sam's side, with Owen unlinked.
    client.force_login(scenario.users["other_team_manager"])
    other = client.get(SIBLINGS).content.decode()
    assert f"/children/{sam.pk}/" in other and f'/children/{scenario.children["own"].pk}/"' not in other


def test_a_sibling_assessment_or_a_shared_home_takes_the_pair_off_the_list(client, scenario):
    sam = a_brother_living_elsewhere(scenario)
    assert counts(client, scenario.users["team_manager"])["siblings"] == 1
    a_sibling_assessment(scenario, sam)
    assert counts(client, scenario.users["team_manager"])["siblings"] == 0


def test_brothers_in_the_same_home_or_one_not_placed_are_not_listed(client, scenario):
    a_brother_living_elsewhere(scenario, household="own")
    a_sibling(scenario)  # no placement
    assert counts(client, scenario.users["team_manager"])["siblings"] == 0


def test_the_list_counts_only_children_the_manager_may_see(client, scenario):
    a_brother_living_elsewhere(scenario)
    assert counts(client, scenario.users["team_manager"])["siblings"] == 1
    assert counts(client, scenario.users["other_team_manager"])["siblings"] == 1
    assert counts(client, scenario.users["analyst"])["siblings"] == 0


def test_a_restricted_brother_the_manager_may_not_see_is_never_named(client, scenario):
    sam = a_brother_living_elsewhere(scenario, restricted=True)
    assert counts(client, scenario.users["team_manager"])["siblings"] == 0
    client.force_login(scenario.users["team_manager"])
    page = client.get(SIBLINGS).content.decode()
    assert f"/children/{sam.pk}/" not in page and "Sam" not in page


# Impact and stress -----------------------------------------------------------------------------


def test_a_rating_of_the_low_threshold_is_low_and_one_above_is_not(client, scenario):
    assess(scenario, rating=LOW_RATING + 1)
    assert counts(client, scenario.users["fostering_team_manager"])["low"] == 0
    assess(scenario, low_domain="health")
    assert counts(client, scenario.users["fostering_team_manager"])["low"] == 1
    client.force_login(scenario.users["fostering_team_manager"])
    page = client.get(LOW).content.decode()
    household = scenario.households["own"]
    assert html.escape(household.label) in page and "Health" in page
    assert csv_rows(client.get(LOW, {"format": "csv"}))[1][3] == f"Health: {LOW_RATING}"


def test_only_the_latest_assessment_counts(client, scenario):
    assess(scenario, days_ago_=30, low_domain="health")
    assess(scenario)
    assert counts(client, scenario.users["fostering_team_manager"])["low"] == 0


def test_the_childs_team_manager_sees_the_low_rating_of_a_home_in_their_line_and_no_other(client, scenario):
    assess(scenario, low_domain="work_and_money")
    assert counts(client, scenario.users["team_manager"])["low"] == 1
    assert counts(client, scenario.users["other_team_manager"])["low"] == 0


def test_an_assessment_a_year_old_is_due_today_and_a_day_older_is_overdue(client, scenario):
    assessment = assess(scenario, days_ago_=IMPACT_ASSESSMENT_DUE_DAYS)
    assert counts(client, scenario.users["fostering_team_manager"])["overdue"] == 0
    type(assessment).objects.filter(pk=assessment.pk).update(date=days_ago(IMPACT_ASSESSMENT_DUE_DAYS + 1))
    assert counts(client, scenario.users["fostering_team_manager"])["overdue"] == 1
    assert counts(client, scenario.users["other_team_manager"])["overdue"] == 0


def test_a_household_caring_a_year_with_no_assessment_is_overdue_and_one_with_nobody_placed_is_not(
    client, scenario
):
    own = Placement.objects.filter(household=scenario.households["own"])
    own.update(start_date=days_ago(IMPACT_ASSESSMENT_DUE_DAYS))
    assert counts(client, scenario.users["fostering_team_manager"])["overdue"] == 0
    own.update(start_date=days_ago(IMPACT_ASSESSMENT_DUE_DAYS + 1))
    assert counts(client, scenario.users["fostering_team_manager"])["overdue"] == 1
    client.force_login(scenario.users["fostering_team_manager"])
    page = client.get(OVERDUE).content.decode()
    assert "The Own household" in page and "Never" in page and "1 day late" in page
    own.update(end_date=days_ago(1), end_reason="other", ending_planned=True)
    assert counts(client, scenario.users["fostering_team_manager"])["overdue"] == 0


def test_the_dashboard_counts_the_assessment_lists(client, scenario):
    a_brother_living_elsewhere(scenario)
    assess(scenario, low_domain="health")
    client.force_login(scenario.users["team_manager"])
    page = client.get(INDEX).content.decode()
    assert 'id="assessment-counts"' in page
    for path in (SIBLINGS, LOW, OVERDUE):
        assert path in page


@pytest.mark.parametrize(
    "username", ["social_worker", "supervising_social_worker", "analyst", "foster_carer"]
)
def test_the_assessment_lists_answer_404_to_anyone_but_a_manager(client, scenario, username):
    client.force_login(scenario.users[username])
    for path in (SIBLINGS, LOW, OVERDUE, f"{LOW}?format=csv"):
        assert client.get(path).status_code == 404, path


def test_the_assessment_lists_cost_the_same_queries_however_many_rows(client, scenario):
    client.force_login(scenario.users["team_manager"])
    paths = (INDEX, SIBLINGS, LOW, OVERDUE, f"{SIBLINGS}?format=csv")
    a_brother_living_elsewhere(scenario)
    assess(scenario, low_domain="health")
    before = {path: queries_for(client, path) for path in paths}
    for _ in range(3):
        a_brother_living_elsewhere(scenario, worker="social_worker")
    assert {path: queries_for(client, path) for path in paths} == before
