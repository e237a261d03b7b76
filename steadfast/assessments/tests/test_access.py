"""Who may open and record each assessment page, for every person in the test authority against
the North team's records ("own"), another team's ("other") and the restricted ones. A page a
person may not use answers 404, exactly as for a record that does not exist."""

import datetime

import pytest

from steadfast.accounts import access
from steadfast.accounts.models import AllocationRole
from steadfast.accounts.tests.test_access_matrix import _without_nonce
from steadfast.children.models import Child
from tests.factories import AccessGrantFactory, AllocationFactory, ChildFactory, PlacementFactory
from tests.scenario import USERNAMES

from .helpers import (
    a_matching_record,
    a_restricted_impact_assessment,
    a_sibling,
    a_sibling_assessment,
    an_impact_assessment,
)

pytestmark = pytest.mark.django_db

NORTH_EDITORS = {
    "social_worker",
    "team_colleague",
    "assistant_team_manager",
    "senior_practitioner",
    "team_manager",
}
SOUTH_EDITORS = {"other_social_worker", "other_team_manager"}
OWN_FOSTERING = {"supervising_social_worker", "fostering_team_manager"}
OTHER_FOSTERING = {"other_supervising_social_worker"}

# Who gets 200 from each page, written out rather than worked out from the policy. For matching,
# "other" is another team's child living with another team's household, and "restricted" the
# restricted child living with the North team's household. For siblings, each child's brother
# is allocated to the child's own social worker (and a restricted child's brother is restricted
# and granted to them).
EXPECTED = {
    "impact_record": {"own": OWN_FOSTERING, "other": OTHER_FOSTERING, "restricted": set()},
    "impact_detail": {"own": OWN_FOSTERING, "other": OTHER_FOSTERING, "restricted": set()},
    "training_record": {"own": OWN_FOSTERING, "other": OTHER_FOSTERING, "restricted": set()},
    "matching_record": {
        "own": NORTH_EDITORS | OWN_FOSTERING,
        "other": SOUTH_EDITORS | OTHER_FOSTERING,
        "restricted": {"social_worker"},
    },
    "matching_detail": {
        "own": NORTH_EDITORS | OWN_FOSTERING | {"iro"},
        "other": SOUTH_EDITORS | OTHER_FOSTERING,
        "restricted": {"social_worker"},
    },
    "sibling_record": {"own": NORTH_EDITORS, "other": SOUTH_EDITORS, "restricted": {"social_worker"}},
    # A sibling assessment belongs to both children's records: anyone who may see either opens it.
    "sibling_detail": {
        "own": NORTH_EDITORS | OWN_FOSTERING | {"iro"},
        "other": SOUTH_EDITORS,
        "restricted": {"social_worker"},
    },
}


def _build_pages(scenario) -> dict[tuple[str, str], str]:
    """Every assessment page's path for each of the three kinds of record."""
    otis = ChildFactory(legal_first_name="Otis")
    AllocationFactory(
        child=otis, worker=scenario.users["other_social_worker"], role=AllocationRole.SOCIAL_WORKER
    )
    PlacementFactory(child=otis, household=scenario.households["other"])
    placed = {"own": scenario.children["own"], "other": otis, "restricted": scenario.children["restricted"]}
    editor = {"own": "social_worker", "other": "other_social_worker", "restricted": "social_worker"}
    impact = {
        "own": an_impact_assessment(scenario),
        "other": an_impact_assessment(scenario, household="other", actor="other_supervising_social_worker"),
        "restricted": a_restricted_impact_assessment(scenario),
    }
    pages = {}
    for key in ("own", "other", "restricted"):
        household = scenario.households[key]
        child = scenario.children[key]
        current = placed[key].placements.get()
        # The match is recorded on an earlier stay with the same household, so that the page
        # recording the current one stays open.
        earlier = PlacementFactory(
            child=placed[key],
            household=current.household,
            start_date=current.start_date - datetime.timedelta(days=100),
            end_date=current.start_date - datetime.timedelta(days=50),
            ended=True,
        )
        matching = a_matching_record(scenario, actor=editor[key], placement=earlier)
        brother = a_sibling(scenario, key, worker=editor[key], restricted=child.restricted)
        if child.restricted:
            AccessGrantFactory(child=brother, user=scenario.users[editor[key]])
        sibling = a_sibling_assessment(scenario, brother, child=key, actor=editor[key])
        pages |= {
            (key, "impact_record"): f"/households/{household.pk}/impact-assessments/record/",
            (key, "impact_detail"): f"/impact-assessments/{impact[key].pk}/",
            (key, "training_record"): f"/households/{household.pk}/training/record/",
            (key, "matching_record"): f"/placements/{current.pk}/matching/record/",
            (key, "matching_detail"): f"/matching/{matching.pk}/",
            (key, "sibling_record"): f"/children/{child.pk}/sibling-assessments/record/",
            (key, "sibling_detail"): f"/sibling-assessments/{sibling.pk}/",
        }
    return pages


def _answers(client, scenario, pages, username) -> dict[tuple[str, str], int]:
    client.force_login(scenario.users[username])
    return {where: client.get(path).status_code for where, path in pages.items()}


@pytest.mark.parametrize("username", USERNAMES)
def test_each_person_opens_exactly_the_assessment_pages_the_policy_allows(client, scenario, username):
    pages = _build_pages(scenario)
    expected = {(key, page): 200 if username in EXPECTED[page][key] else 404 for key, page in pages}
    assert _answers(client, scenario, pages, username) == expected


def test_a_planted_mistake_in_who_may_record_the_match_is_caught(client, scenario, monkeypatch):
    """Letting anyone record any child's match would let the IRO in: the expectations above
    would then fail."""
    pages = _build_pages(scenario)
    monkeypatch.setattr(access, "matching_recordable_children", lambda user, household: Child.objects.all())
    assert "iro" not in EXPECTED["matching_record"]["own"]
    assert _answers(client, scenario, pages, "iro")["own", "matching_record"] == 200


def test_an_assessment_the_user_may_not_see_answers_exactly_as_one_that_does_not_exist(client, scenario):
    pages = _build_pages(scenario)
    client.force_login(scenario.users["social_worker"])
    hidden = client.get(pages["other", "sibling_detail"])
    missing = client.get("/sibling-assessments/987654321/")
    assert hidden.status_code == missing.status_code == 404
    assert _without_nonce(hidden.content) == _without_nonce(missing.content)
