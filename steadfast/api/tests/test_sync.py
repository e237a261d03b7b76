"""A case system keeps Steadfast in step through the API: it sends 1,000 children and their
placements, then changes to 50 of them (new details for 25, a move for 25). Steadfast ends
holding what the case system holds, and sending the same calls again changes nothing."""

import datetime
import random

import pytest
from django.db.models import Max

from steadfast.accounts.models import Scope
from steadfast.audit.models import AuditEvent
from steadfast.children.models import Child
from steadfast.placements.models import Placement
from tests.factories import ProviderFactory

from .helpers import connected_system

# Once, on PostgreSQL, in `make test`: each call it makes is tested on both databases elsewhere.
pytestmark = pytest.mark.postgresql_half

CHILDREN = 1_000
CHANGED = 50
TODAY = datetime.date.today()


def _child(n: int, rng: random.Random) -> dict:
    return {
        "child_identifier": f"CS-{n:06d}",
        "legal_first_name": f"Synthetic{n}",
        "legal_last_name": "Casesystem",
        "date_of_birth": (TODAY - datetime.timedelta(days=rng.randint(365, 17 * 365))).isoformat(),
        "sex": rng.choice(["female", "male"]),
        "ethnicity": "not_yet_obtained",
        "social_worker": "social_worker",
        "allocated_from": (TODAY - datetime.timedelta(days=400)).isoformat(),
    }


@pytest.fixture
def sync(scenario, settings):
    settings.API_CALLS_PER_MINUTE = 1_000_000
    return connected_system(scenario, scopes=[Scope.READ, Scope.WRITE_CHILDREN])


def _state(case_system) -> dict[str, tuple]:
    """Steadfast's picture of the children the case system sent, read through the API: each
    child's details and current placement, by identifier."""
    state, cursor = {}, None
    while True:
        page = case_system.get("/children/", limit=500, **({"cursor": cursor} if cursor else {})).json()
        for child in page["items"]:
            if child["child_identifier"].startswith("CS-"):
                placement = child["current_placement"]
                state[child["child_identifier"]] = (
                    child["school"],
                    placement and (placement["provider_id"], placement["start_date"]),
                )
        if (cursor := page["next_cursor"]) is None:
            return state


def test_a_case_system_sends_children_and_changes_and_steadfast_ends_the_same(scenario, sync):
    rng = random.Random(18)
    homes = [ProviderFactory().pk for _ in range(10)]
    held: dict[str, tuple] = {}  # the case system's own records: identifier -> (school, placement)
    ids: dict[str, int] = {}
    sent: list[tuple[str, dict, str, int]] = []  # every POST and its answer, to send again

    def post(path: str, body: dict, key: str, status: int = 201) -> dict:
        answer = sync.post(path, body, key=key)
        assert answer.status_code == status, (path, body, answer.json())
        sent.append((path, body, key, status))
        return answer.json()

    for n in range(CHILDREN):
        body = _child(n, rng)
        child = post("/children/", body, f"child-{n}")
        ids[body["child_identifier"]] = child["id"]
        start = (TODAY - datetime.timedelta(days=rng.randint(30, 300))).isoformat()
        home = rng.choice(homes)
        post(
            "/placements/",
            {
                "child_id": child["id"],
                "placement_type": "residential",
                "start_date": start,
                "provider_id": home,
            },
            f"placement-{n}",
        )
        held[body["child_identifier"]] = ("", (home, start))
    assert _state(sync) == held

    changed = rng.sample(sorted(held), CHANGED)
    patches = []
    for identifier in changed[: CHANGED // 2]:
        child = sync.get(f"/children/{ids[identifier]}").json()
        body = {"version": child["version"], "school": f"School of {identifier}"}
        assert sync.patch(f"/children/{child['id']}", body).status_code == 200
        patches.append((child["id"], body))
        held[identifier] = (body["school"], held[identifier][1])
    for identifier in changed[CHANGED // 2 :]:
        placement = sync.get("/placements/", child_id=ids[identifier], current="true").json()["items"][0]
        ending = {
            "version": placement["version"],
            "end_date": TODAY.isoformat(),
            "end_reason": "care_plan_changed",
            "ending_planned": True,
        }
        post(f"/placements/{placement['id']}/end", ending, f"end-{identifier}", status=200)
        home = rng.choice(homes)
        post(
            "/placements/",
            {
                "child_id": ids[identifier],
                "placement_type": "residential",
                "start_date": TODAY.isoformat(),
                "provider_id": home,
            },
            f"move-{identifier}",
        )
        held[identifier] = (held[identifier][0], (home, TODAY.isoformat()))
    assert _state(sync) == held

    before = (
        Child.objects.count(),
        Placement.objects.count(),
        Child.objects.aggregate(Max("version"))["version__max"],
        AuditEvent.objects.exclude(event_type="CHILD_VIEWED").count(),
    )
    for path, body, key, status in sent:
        again = sync.post(path, body, key=key)
        assert again.status_code == status and again["Idempotent-Replayed"] == "true", (path, again.json())
    for child_id, body in patches:
        assert sync.patch(f"/children/{child_id}", body).status_code == 409
    after = (
        Child.objects.count(),
        Placement.objects.count(),
        Child.objects.aggregate(Max("version"))["version__max"],
        AuditEvent.objects.exclude(event_type="CHILD_VIEWED").count(),
    )
    assert after == before
    assert _state(sync) == held
