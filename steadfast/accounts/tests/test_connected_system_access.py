"""What a connected system (another system of the authority's, registered to call the API) sees
and may do: the children of the teams it was registered with (allocated to their members, or
living in households they supervise) and the children it added itself, never a restricted
record, and nothing at all once revoked. It adds and changes children and allocates, and does
nothing else a person does."""

import inspect
from dataclasses import dataclass

import pytest

from steadfast.accounts import access, tokens
from steadfast.accounts.models import ApiClient, Role, Scope, Team, TeamKind, User
from steadfast.children.models import Child
from steadfast.households.models import Household
from steadfast.placements.models import Placement
from tests.factories import (
    AllocationFactory,
    ChildFactory,
    HouseholdAllocationFactory,
    PlacementFactory,
    TeamFactory,
    UserFactory,
)

pytestmark = pytest.mark.django_db

# What a connected system may do beyond seeing: what the case system sends.
SYSTEM_ACTIONS = {"can_add_child", "can_change_child", "can_allocate_to_child"}
# What anyone who sees a child may read of its record, a connected system too: the API answers
# its reads with them (a foster carer alone is kept from them).
SYSTEM_READS = {
    "can_see_statutory_visits",
    "can_see_grids",
    "can_read_childs_own_views",
    "can_read_words_and_pictures",
    "can_see_childs_voice",
    "can_see_matching",
}


@dataclass
class Authority:
    system: User
    client: ApiClient
    administrator: User
    north: Team
    fostering: Team
    allocated: Child
    living_in_supervised_home: Child
    supervised_home: Household
    other_teams_child: Child
    other_home: Household
    restricted_allocated: Child


@pytest.fixture
def authority() -> Authority:
    north = TeamFactory(name="North", kind=TeamKind.CHILDRENS_SOCIAL_WORK)
    fostering = TeamFactory(name="Fostering", kind=TeamKind.FOSTERING)
    south = TeamFactory(name="South", kind=TeamKind.CHILDRENS_SOCIAL_WORK)
    worker = UserFactory(team=north)
    supervising = UserFactory(team=fostering, role=Role.SUPERVISING_SOCIAL_WORKER)
    elsewhere = UserFactory(team=south)

    allocated = AllocationFactory(worker=worker).child
    restricted_allocated = AllocationFactory(worker=worker, child=ChildFactory(restricted=True)).child
    supervised_home = HouseholdAllocationFactory(worker=supervising).household
    living_in_supervised_home = PlacementFactory(household=supervised_home).child
    other_teams_child = AllocationFactory(worker=elsewhere).child
    other_home = HouseholdAllocationFactory(worker=UserFactory(team=south)).household
    PlacementFactory(household=other_home, child=other_teams_child)

    administrator = UserFactory(role=Role.ADMINISTRATOR, team=None)
    client, _ = tokens.register_client(
        actor=administrator,
        name="Case management system",
        scopes=[Scope.READ, Scope.WRITE_CHILDREN],
        teams=[north, fostering],
    )
    return Authority(
        system=client.account,
        client=client,
        administrator=administrator,
        north=north,
        fostering=fostering,
        allocated=allocated,
        living_in_supervised_home=living_in_supervised_home,
        supervised_home=supervised_home,
        other_teams_child=other_teams_child,
        other_home=other_home,
        restricted_allocated=restricted_allocated,
    )


def fresh(user: User) -> User:
    """The account as a new request would load it, with nothing worked out kept on it."""
    return User.objects.get(pk=user.pk)


def test_a_system_sees_its_teams_allocated_children_and_supervised_households_children(authority):
    visible = set(access.children_visible_to(authority.system))
    assert authority.allocated in visible
    assert authority.living_in_supervised_home in visible
    assert access.get_child_for_user_or_404(authority.system, authority.allocated.pk) == authority.allocated


def test_a_system_sees_its_teams_supervised_households_but_not_others(authority):
    households = set(access.households_visible_to(authority.system))
    assert authority.supervised_home in households
    assert authority.other_home not in households


def test_a_system_does_not_see_another_teams_child(authority):
    assert authority.other_teams_child not in access.children_visible_to(authority.system)
    with pytest.raises(access.Http404):
        access.get_child_for_user_or_404(authority.system, authority.other_teams_child.pk)


def test_a_system_never_sees_a_restricted_child_even_allocated_to_its_team(authority):
    assert authority.restricted_allocated not in access.children_visible_to(authority.system)
    # Nor one living in a household its team supervises.
    restricted_at_home = PlacementFactory(
        household=authority.supervised_home, child=ChildFactory(restricted=True)
    ).child
    assert restricted_at_home not in access.children_visible_to(fresh(authority.system))


def test_a_system_sees_the_children_it_added_itself_but_not_a_restricted_one(authority):
    added = ChildFactory(created_by=authority.system)
    added_then_restricted = ChildFactory(created_by=authority.system, restricted=True)
    added_by_someone_else = ChildFactory(created_by=authority.administrator)
    visible = set(access.children_visible_to(authority.system))
    assert added in visible
    assert added_then_restricted not in visible
    assert added_by_someone_else not in visible


def test_a_system_with_no_team_sees_only_the_children_it_added(authority):
    client, _ = tokens.register_client(
        actor=authority.administrator, name="Warehouse", scopes=[Scope.READ], teams=[]
    )
    added = ChildFactory(created_by=client.account)
    assert list(access.children_visible_to(client.account)) == [added]
    assert not access.households_visible_to(client.account).exists()


def test_a_system_does_not_see_what_another_system_added(authority):
    other, _ = tokens.register_client(
        actor=authority.administrator, name="Another system", scopes=[Scope.READ], teams=[]
    )
    theirs = ChildFactory(created_by=other.account)
    assert theirs not in access.children_visible_to(authority.system)


def test_the_members_of_a_team_it_was_not_registered_with_are_not_its_colleagues(authority):
    south = Team.objects.get(name="South")
    assert south not in authority.client.teams.all()
    assert not set(access.colleague_ids(authority.system)) & set(south.members.values_list("pk", flat=True))


def test_a_revoked_system_sees_nothing_and_may_do_nothing(authority):
    tokens.revoke_client(actor=authority.administrator, client=authority.client)
    system = fresh(authority.system)
    assert not access.children_visible_to(system).exists()
    assert not access.households_visible_to(system).exists()
    assert not access.can_add_child(system)
    assert not access.can_change_child(system, authority.allocated)
    assert not access.can_allocate_to_child(system, authority.allocated)


def test_a_revoked_clients_teams_are_not_its_colleagues_even_if_its_account_were_on(authority):
    ApiClient.objects.filter(pk=authority.client.pk).update(revoked_at=authority.client.created_at)
    assert access.colleague_ids(fresh(authority.system)) == []


def test_a_system_adds_and_changes_children_and_allocates(authority):
    system, child = authority.system, authority.allocated
    assert access.can_add_child(system)
    assert access.can_change_child(system, child)
    assert access.can_allocate_to_child(system, child)


def _answers(user: User, authority: Authority) -> dict[str, bool]:
    """Every `can_…` question of the access policy, asked of `user` about records it sees."""
    placement = Placement.objects.get(child=authority.living_in_supervised_home)
    arguments = {
        "child": authority.allocated,
        "household": authority.supervised_home,
        "placement": placement,
        "household_id": authority.supervised_home.pk,
    }
    answers = {}
    for name, question in inspect.getmembers(access, inspect.isfunction):
        if not name.startswith("can_") or question.__module__ != access.__name__:
            continue
        parameters = list(inspect.signature(question).parameters.values())[1:]
        if any(p.kind is p.KEYWORD_ONLY for p in parameters):
            answers[name] = bool(question(user, child=arguments["child"])) or bool(
                question(user, household=arguments["household"])
            )
        else:
            answers[name] = bool(question(user, *(arguments[p.name] for p in parameters)))
    return answers


def test_a_system_may_do_nothing_else_a_person_does(authority):
    answers = _answers(authority.system, authority)
    assert len(answers) > 30  # every question was asked
    granted = {name for name, yes in answers.items() if yes}
    assert granted == SYSTEM_ACTIONS | SYSTEM_READS
    for name in (
        "can_see_oversight",
        "can_triage_concern",
        "can_grant_access_to_child",
        "can_manage_api_clients",
    ):
        assert not answers[name]


def test_only_administrators_manage_api_clients(authority):
    assert access.can_manage_api_clients(authority.administrator)
    for role in Role.values:
        if role != Role.ADMINISTRATOR:
            assert not access.can_manage_api_clients(UserFactory(role=role)), role
    unconfirmed = UserFactory(role=Role.ADMINISTRATOR, confirmed_at=None)
    assert not access.can_manage_api_clients(unconfirmed)
