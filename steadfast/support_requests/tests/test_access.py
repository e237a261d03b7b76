"""Who may read and act on requests for help, tried for every user of the scenario against
requests of their own household, another household, a restricted child and a restricted
household. Anyone who may not see a request gets 404, as for one that does not exist."""

import pytest
from django.utils import timezone

from steadfast.accounts import access
from steadfast.support_requests.models import SupportRequest
from tests.scenario import USERNAMES

from .helpers import a_request

pytestmark = pytest.mark.django_db

OWENS_WORKERS = {
    "social_worker",
    "team_colleague",
    "team_manager",
    "assistant_team_manager",
    "senior_practitioner",
    "iro",
}
OWN_FOSTERING = {"supervising_social_worker", "fostering_team_manager"}

# Who gets 200 from a request's page, for each request; everyone else gets 404.
READERS = {
    "own_household": OWN_FOSTERING,
    "own_child": OWN_FOSTERING | OWENS_WORKERS,
    "other_household": {"other_supervising_social_worker"},
    "restricted_child": {"social_worker"},  # granted the child by name; the household's SSW is not
    "restricted_household": set(),
}
ACTORS = {
    "own_household": OWN_FOSTERING,
    "own_child": OWN_FOSTERING,
    "other_household": {"other_supervising_social_worker"},
    "restricted_child": set(),
    "restricted_household": set(),
}
CARER_READS = {"own_household", "own_child"}
ASKERS = {"own": OWN_FOSTERING, "other": {"other_supervising_social_worker"}, "restricted": set()}


def _directly(scenario, *, household: str, child: str | None) -> SupportRequest:
    """A request the services would not let these test users make, written as the scene."""
    today = timezone.localdate()
    return SupportRequest.objects.create(
        household=scenario.households[household],
        child=scenario.children[child] if child else None,
        kind="therapy",
        urgency="soon",
        what_is_needed="Therapy (test).",
        asked_at=timezone.now(),
        acknowledgement_due=today,
        response_due=today,
    )


@pytest.fixture
def requests(scenario) -> dict[str, SupportRequest]:
    return {
        "own_household": a_request(scenario, child=None),
        "own_child": a_request(scenario),
        "other_household": a_request(
            scenario,
            actor="other_supervising_social_worker",
            child=None,
            household=scenario.households["other"],
        ),
        "restricted_child": _directly(scenario, household="own", child="restricted"),
        "restricted_household": _directly(scenario, household="restricted", child=None),
    }


def _who_gets_200(client, scenario, path: str) -> set[str]:
    allowed = set()
    for name in sorted(set(USERNAMES)):
        client.force_login(scenario.users[name])
        status = client.get(path).status_code
        assert status in (200, 404), f"{name} got {status} from {path}"
        if status == 200:
            allowed.add(name)
    return allowed


def test_every_user_of_the_scenario_is_tried(scenario):
    assert set(scenario.users) == set(USERNAMES) and len(set(USERNAMES)) == 16


@pytest.mark.parametrize("which", sorted(READERS))
def test_who_reads_a_request(client, scenario, requests, which):
    assert _who_gets_200(client, scenario, f"/help/{requests[which].pk}/") == READERS[which]


@pytest.mark.parametrize("which", sorted(ACTORS))
def test_who_acts_on_a_request(client, scenario, requests, which):
    pk = requests[which].pk
    for step in ("respond", "not-obtained", "escalate", "close"):
        assert _who_gets_200(client, scenario, f"/help/{pk}/{step}/") == ACTORS[which], step


@pytest.mark.parametrize("household", sorted(ASKERS))
def test_who_asks_on_the_carers_behalf(client, scenario, household):
    path = f"/households/{scenario.households[household].pk}/help/ask/"
    assert _who_gets_200(client, scenario, path) == ASKERS[household]


@pytest.mark.parametrize("which", sorted(READERS))
def test_the_carer_reads_only_their_own_households_requests_in_the_portal(client, scenario, requests, which):
    expected = {"foster_carer"} if which in CARER_READS else set()
    assert _who_gets_200(client, scenario, f"/portal/help/{requests[which].pk}/") == expected


def test_the_portal_pages_are_the_carers_only(client, scenario):
    for path in ("/portal/help/", "/portal/help/ask/"):
        assert _who_gets_200(client, scenario, path) == {"foster_carer"}


def test_a_request_that_does_not_exist_answers_as_one_the_user_may_not_see(client, scenario, requests):
    client.force_login(scenario.users["other_supervising_social_worker"])
    unseen = client.get(f"/help/{requests['own_household'].pk}/")
    missing = client.get("/help/999999/")
    assert unseen.status_code == missing.status_code == 404


def test_the_manager_list_holds_only_requests_the_user_has_fostering_access_to(client, scenario, requests):
    for name in sorted(set(USERNAMES) - {"foster_carer"}):
        client.force_login(scenario.users[name])
        page = client.get("/help/").content.decode()
        listed = {which for which, r in requests.items() if f'href="/help/{r.pk}/"' in page}
        assert listed == {w for w in ACTORS if name in READERS[w] and name in ACTORS[w]}, name


def test_a_planted_mistake_in_the_policy_is_caught(client, scenario, requests, monkeypatch):
    monkeypatch.setattr(access, "can_record_fostering_work", lambda user, household: True)
    assert (
        _who_gets_200(client, scenario, f"/help/{requests['own_child'].pk}/respond/") != ACTORS["own_child"]
    )
