"""Who may open each carer log page: every user of the scenario against the own, other and
restricted records. Pages a user may not use answer 404, never 403."""

import pytest

from steadfast.accounts import access
from steadfast.carer_logs.models import CarerLog
from tests.factories import AllocationFactory, ChildFactory, PlacementFactory
from tests.scenario import USERNAMES

pytestmark = pytest.mark.django_db

FOSTERING_OWN = {"supervising_social_worker", "fostering_team_manager"}
FOSTERING_OTHER = {"other_supervising_social_worker"}
NORTH_CHILD_READERS = {"social_worker", "team_colleague", "team_manager", "assistant_team_manager"}
NORTH_CHILD_READERS |= {"senior_practitioner", "iro"}

# Which users may open each page, for each record, written out rather than worked out.
EXPECTED = {
    ("list", "own"): FOSTERING_OWN,
    ("list", "other"): FOSTERING_OTHER,
    ("list", "restricted"): set(),
    ("write", "own"): FOSTERING_OWN,
    ("write", "other"): FOSTERING_OTHER,
    ("write", "restricted"): set(),
    ("log", "own"): FOSTERING_OWN | NORTH_CHILD_READERS,
    ("log", "other"): FOSTERING_OTHER | {"other_social_worker", "other_team_manager"},
    ("log", "restricted"): {"social_worker"},  # granted the restricted child by name
    ("review", "own"): FOSTERING_OWN,
    ("review", "other"): FOSTERING_OTHER,
    ("review", "restricted"): set(),
}


def _log(household, child, **extra) -> CarerLog:
    return CarerLog.objects.create(
        household=household,
        child=child,
        date=child.placements.get().start_date,
        category="home_life",
        what_happened="We are exhausted.",
        **extra,
    )


@pytest.fixture
def records(scenario):
    """A log in each household: the own household's child; the restricted child, who lives in
    the own household; and a child placed in the other household."""
    placed_other = ChildFactory(legal_first_name="Olwen")
    AllocationFactory(child=placed_other, worker=scenario.users["other_social_worker"])
    PlacementFactory(child=placed_other, household=scenario.households["other"])
    restricted_home = scenario.households["restricted"]
    hidden = ChildFactory(legal_first_name="Hidden")
    PlacementFactory(child=hidden, household=restricted_home)
    return {
        "own": (scenario.households["own"], _log(scenario.households["own"], scenario.children["own"])),
        "other": (scenario.households["other"], _log(scenario.households["other"], placed_other)),
        "restricted": (restricted_home, _log(scenario.households["own"], scenario.children["restricted"])),
    }


def _path(page: str, household, log) -> str:
    return {
        "list": f"/households/{household.pk}/logs/",
        "write": f"/households/{household.pk}/logs/write/",
        "log": f"/logs/{log.pk}/",
        "review": f"/logs/{log.pk}/review/",
    }[page]


def _status(client, page, path):
    return client.post(path, {}).status_code if page == "review" else client.get(path).status_code


def _who_may_open(client, scenario, records, page, record) -> set[str]:
    household, log = records[record]
    allowed = set()
    for key in USERNAMES:
        client.force_login(scenario.users[key])
        status = _status(client, page, _path(page, household, log))
        assert status in (200, 404), f"{key} got {status} for {page} {record}"
        if status == 200:
            allowed.add(key)
    return allowed


@pytest.mark.parametrize(("page", "record"), sorted(EXPECTED))
def test_each_page_answers_exactly_those_the_policy_allows(client, scenario, records, page, record):
    assert _who_may_open(client, scenario, records, page, record) == EXPECTED[page, record]


@pytest.mark.parametrize("key", USERNAMES)
def test_the_list_of_households_with_overdue_logs_is_for_the_fostering_service_only(client, scenario, key):
    client.force_login(scenario.users[key])
    allowed = key in {
        "supervising_social_worker",
        "fostering_team_manager",
        "other_supervising_social_worker",
    }
    assert client.get("/carer-logs/unreviewed/").status_code == (200 if allowed else 404)


@pytest.mark.parametrize("key", USERNAMES)
def test_the_portal_log_pages_answer_only_a_carer(client, scenario, key):
    client.force_login(scenario.users[key])
    status = 200 if key == "foster_carer" else 404
    assert client.get("/portal/logs/").status_code == status
    assert client.get("/portal/logs/write/").status_code == status


def test_a_planted_mistake_in_the_policy_is_caught(client, scenario, records, monkeypatch):
    monkeypatch.setattr(access, "can_read_fostering_record", lambda user, household: True)
    assert _who_may_open(client, scenario, records, "list", "own") != EXPECTED["list", "own"]
