"""Every role against every page and action, for a record of the user's own team, one of
another team, and a restricted one. A page the user may not use answers 404, never 403, so
it does not say the record exists."""

import re

import pytest
from django.test import Client
from django.utils import timezone

from steadfast.accounts import access
from steadfast.children.models import Child
from steadfast.households.models import Household
from steadfast.meetings.models import ChairRole, MeetingStatus, StabilityMeeting
from tests.scenario import Scenario

# The full matrix checks every role whatever the order. The reviewing officer comes first because
# they see the North team's child and household but may change, allocate, write up, authorise and
# record nothing, and see neither the other team's records nor the restricted ones: the planted
# mistakes below show up within the first role or two, so those tests stop early instead of walking
# most of the matrix.
ROLES = (
    "iro",
    "social_worker",
    "team_colleague",
    "team_manager",
    "assistant_team_manager",
    "senior_practitioner",
    "other_social_worker",
    "other_team_manager",
    "supervising_social_worker",
    "other_supervising_social_worker",
    "fostering_team_manager",
    "iro_colleague",
    "placement_support_worker",
    "analyst",
    "administrator",
    "foster_carer",
)
RECORDS = ("own", "other", "restricted")

NORTH_CASEWORK = {
    "social_worker",
    "team_colleague",
    "team_manager",
    "assistant_team_manager",
    "senior_practitioner",
}
SEE_CHILD = {
    "own": NORTH_CASEWORK | {"iro", "supervising_social_worker", "fostering_team_manager"},
    "other": {"other_social_worker", "other_team_manager"},
    "restricted": {"social_worker"},
}
CHANGE_CHILD = {
    "own": NORTH_CASEWORK,
    "other": {"other_social_worker", "other_team_manager"},
    "restricted": {"social_worker"},
}
ALLOCATE_TO_CHILD = {
    "own": {"team_manager", "assistant_team_manager", "senior_practitioner"},
    "other": {"other_team_manager"},
    "restricted": set(),
}
ADD_CHILD = NORTH_CASEWORK | {"other_social_worker", "other_team_manager"}
ORGANISERS = {
    "social_worker",
    "team_colleague",
    "other_social_worker",
    "supervising_social_worker",
    "other_supervising_social_worker",
    "team_manager",
    "assistant_team_manager",
    "senior_practitioner",
    "other_team_manager",
    "fostering_team_manager",
}
ARRANGERS = ORGANISERS | {"iro", "iro_colleague"}
AUTHORISERS = {"team_manager", "other_team_manager", "fostering_team_manager"}
RECORD_SUPERVISION = {
    "own": {"supervising_social_worker", "fostering_team_manager"},
    "other": {"other_supervising_social_worker"},
    "restricted": set(),
}
SEE_HOUSEHOLD = {
    "own": SEE_CHILD["own"],
    "other": {"other_supervising_social_worker"},
    "restricted": set(),
}


def _without_nonce(content: bytes) -> bytes:
    return re.sub(rb'(nonce|value)="[^"]+"', b"", content)


def _status(client: Client, path: str) -> int:
    return client.get(path).status_code


def _meeting_for(child: Child) -> StabilityMeeting:
    meeting = StabilityMeeting.objects.filter(child=child).first()
    if meeting is None:
        meeting = StabilityMeeting.objects.create(
            child=child,
            kind="placement_stability",
            status=MeetingStatus.AWAITING_AUTHORISATION,
            scheduled_at=timezone.now(),
            venue="Call",
            chair_role=ChairRole.INDEPENDENT_CHAIR,
            chair_name="An Independent Chair",
        )
    return meeting


def mismatches(scenario: Scenario, *, roles: tuple[str, ...] = ROLES, first_only: bool = False) -> list[str]:
    """Each place where what a user in one of `roles` can do differs from what they should be
    able to do, or only the first found."""
    found = []
    meetings = {record: _meeting_for(scenario.children[record]) for record in RECORDS}
    for role in roles:
        client = Client()
        client.force_login(scenario.users[role])
        listed_children = client.get("/children/?placements=").content.decode()
        listed_households = client.get("/households/").content.decode()
        if _status(client, "/children/add/") != (200 if role in ADD_CHILD else 404):
            found.append(f"{role} add child")
        for record in RECORDS:
            child = scenario.children[record]
            household = scenario.households[record]
            placement = child.placements.get(end_date__isnull=True)
            checks = {
                "see child": (f"/children/{child.pk}/", role in SEE_CHILD[record]),
                "change child": (f"/children/{child.pk}/edit/", role in CHANGE_CHILD[record]),
                "start placement": (
                    f"/children/{child.pk}/placements/start/",
                    role in CHANGE_CHILD[record],
                ),
                "end placement": (f"/placements/{placement.pk}/end/", role in CHANGE_CHILD[record]),
                "allocate": (f"/children/{child.pk}/allocate/", role in ALLOCATE_TO_CHILD[record]),
                "grant access": (f"/children/{child.pk}/grants/add/", role in ALLOCATE_TO_CHILD[record]),
                "see household": (f"/households/{household.pk}/", role in SEE_HOUSEHOLD[record]),
                "raise a concern about the child": (
                    f"/children/{child.pk}/concerns/raise/",
                    role in SEE_CHILD[record],
                ),
                "raise a concern from the household": (
                    f"/households/{household.pk}/concerns/raise/",
                    role in SEE_HOUSEHOLD[record],
                ),
                "see a meeting": (f"/meetings/{meetings[record].pk}/", role in SEE_CHILD[record]),
                "see the child's plan": (f"/children/{child.pk}/plan/", role in SEE_CHILD[record]),
                "arrange a meeting": (
                    f"/children/{child.pk}/meetings/arrange/",
                    role in SEE_CHILD[record] & ARRANGERS,
                ),
                "write up a meeting": (
                    f"/meetings/{meetings[record].pk}/record/",
                    role in SEE_CHILD[record] & ORGANISERS,
                ),
                "record a statutory visit": (
                    f"/children/{child.pk}/visits/record/",
                    role in CHANGE_CHILD[record],
                ),
                "record supervision": (
                    f"/households/{household.pk}/supervision/record/",
                    role in RECORD_SUPERVISION[record],
                ),
                "authorise a plan": (
                    f"/meetings/{meetings[record].pk}/authorise/",
                    role in SEE_CHILD[record] & AUTHORISERS,
                ),
            }
            for action, (path, allowed) in checks.items():
                status = _status(client, path)
                if status != (200 if allowed else 404):
                    found.append(f"{role} {action} {record}: {status}")
                    if first_only:
                        return found
            if (f"/children/{child.pk}/" in listed_children) != (role in SEE_CHILD[record]):
                found.append(f"{role} lists child {record}")
            if (f"/households/{household.pk}/" in listed_households) != (role in SEE_HOUSEHOLD[record]):
                found.append(f"{role} lists household {record}")
            if first_only and found:
                return found
    return found


# One test per role, so that parallel test processes can share the matrix out between them.
@pytest.mark.parametrize("role", ROLES)
def test_every_role_sees_and_changes_exactly_what_the_policy_allows(scenario, role):
    assert mismatches(scenario, roles=(role,)) == []


def test_the_matrix_covers_every_role_in_the_scenario(scenario):
    assert sorted(ROLES) == sorted(scenario.users)


def _everyone_is_a_colleague(user):
    from steadfast.accounts.models import User

    return list(User.objects.values_list("pk", flat=True))


def _restriction_forgotten(original):
    return lambda user: original(user) | Child.objects.filter(restricted=True)


PLANTED_MISTAKES = {
    "everyone is a colleague": ("colleague_ids", lambda original: _everyone_is_a_colleague),
    "restricted records forgotten": ("children_visible_to", _restriction_forgotten),
    "every household visible": (
        "households_visible_to",
        lambda original: lambda user: Household.objects.all(),
    ),
    "anyone may change a child": ("can_change_child", lambda original: lambda user, child: True),
    "anyone may allocate": ("can_allocate_to_child", lambda original: lambda user, child: True),
    "anyone may add a child": ("can_add_child", lambda original: lambda user: True),
    "anyone may grant access": ("can_grant_access_to_child", lambda original: lambda user, child: True),
    "anyone may write up a meeting": ("can_record_meeting", lambda original: lambda user: True),
    "anyone may authorise a plan": ("can_authorise_stability_plan", lambda original: lambda user: True),
    "anyone may record supervision": (
        "can_record_fostering_work",
        lambda original: lambda user, household: True,
    ),
    "anyone may record a statutory visit": (
        "can_record_statutory_visit",
        lambda original: lambda user, child: True,
    ),
}


@pytest.mark.parametrize("mistake", PLANTED_MISTAKES)
def test_a_planted_mistake_in_the_policy_makes_the_matrix_fail(scenario, monkeypatch, mistake):
    name, mutate = PLANTED_MISTAKES[mistake]
    monkeypatch.setattr(access, name, mutate(getattr(access, name)))
    assert mismatches(scenario, first_only=True) != []


def test_a_child_the_user_may_not_see_answers_exactly_as_one_that_does_not_exist(scenario, client):
    client.force_login(scenario.users["other_social_worker"])
    hidden = client.get(f"/children/{scenario.children['own'].pk}/")
    missing = client.get("/children/987654321/")
    assert hidden.status_code == missing.status_code == 404
    # Identical but for the per-request script nonce and form token.
    assert _without_nonce(hidden.content) == _without_nonce(missing.content)


def test_a_restricted_child_is_not_counted_in_the_list_of_a_manager_who_cannot_see_them(scenario, client):
    client.force_login(scenario.users["team_manager"])
    page = client.get("/children/").content.decode()
    assert "Showing 1 to 1 of 1 child" in page
    assert "Rhea" not in page


def test_searching_for_a_restricted_childs_identifier_finds_nothing(scenario, client):
    client.force_login(scenario.users["team_manager"])
    identifier = scenario.children["restricted"].child_identifier
    page = client.get(f"/children/?q={identifier}").content.decode()
    assert "No children match." in page


def test_signed_out_visitors_are_sent_to_sign_in(scenario, client):
    response = client.get(f"/children/{scenario.children['own'].pk}/")
    assert response.status_code == 302
    assert response["Location"].startswith("/accounts/login/")


def test_only_administrators_reach_the_django_admin(scenario, client):
    client.force_login(scenario.users["administrator"])
    assert client.get("/admin/").status_code == 200
    client.force_login(scenario.users["team_manager"])
    assert client.get("/admin/").status_code == 302
