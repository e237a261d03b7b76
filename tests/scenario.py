"""A small synthetic authority with one person in every role and three kinds of record:
one the North team works with, one another team works with, and one that is restricted.
The access matrix reads expectations against exactly this set-up."""

from dataclasses import dataclass, field

from steadfast.accounts.models import AllocationRole, Role, TeamKind, User
from steadfast.children.models import Child
from steadfast.households.models import Household

from .factories import (
    AccessGrantFactory,
    AllocationFactory,
    ChildFactory,
    HouseholdAllocationFactory,
    HouseholdFactory,
    HouseholdMemberFactory,
    PlacementFactory,
    ProviderFactory,
    TeamFactory,
    UserFactory,
    WordsAndPicturesStoryFactory,
)

# Everyone the scenario signs in as, staff first: access tests try each of them.
STAFF_USERNAMES = (
    "team_manager",
    "other_team_manager",
    "fostering_team_manager",
    "social_worker",
    "team_colleague",
    "assistant_team_manager",
    "senior_practitioner",
    "other_social_worker",
    "supervising_social_worker",
    "other_supervising_social_worker",
    "iro",
    "iro_colleague",
    "placement_support_worker",
    "analyst",
    "administrator",
)
USERNAMES = (*STAFF_USERNAMES, "foster_carer")


@dataclass
class Scenario:
    users: dict[str, User] = field(default_factory=dict)
    children: dict[str, Child] = field(default_factory=dict)
    households: dict[str, Household] = field(default_factory=dict)


def build_scenario() -> Scenario:
    s = Scenario()
    north = TeamFactory(name="Test North", kind=TeamKind.CHILDRENS_SOCIAL_WORK)
    south = TeamFactory(name="Test South", kind=TeamKind.CHILDRENS_SOCIAL_WORK)
    fostering = TeamFactory(name="Test Fostering", kind=TeamKind.FOSTERING)
    fostering_east = TeamFactory(name="Test Fostering East", kind=TeamKind.FOSTERING)
    support = TeamFactory(name="Test Support", kind=TeamKind.PLACEMENT_SUPPORT)
    reviewing = TeamFactory(name="Test Reviewing", kind=TeamKind.REVIEWING)
    performance = TeamFactory(name="Test Performance", kind=TeamKind.PERFORMANCE)
    administration = TeamFactory(name="Test Administration", kind=TeamKind.ADMINISTRATION)

    def user(key: str, role: str, team, **extra) -> User:
        s.users[key] = UserFactory(username=key, role=role, team=team, **extra)
        return s.users[key]

    tm_north = user("team_manager", Role.TEAM_MANAGER, north)
    north.manager = tm_north
    north.save(update_fields=["manager"])
    tm_south = user("other_team_manager", Role.TEAM_MANAGER, south)
    south.manager = tm_south
    south.save(update_fields=["manager"])
    ftm = user("fostering_team_manager", Role.FOSTERING_TEAM_MANAGER, fostering)
    fostering.manager = ftm
    fostering.save(update_fields=["manager"])
    sw = user("social_worker", Role.SOCIAL_WORKER, north, line_manager=tm_north)
    user("team_colleague", Role.SOCIAL_WORKER, north, line_manager=tm_north)
    user("assistant_team_manager", Role.ASSISTANT_TEAM_MANAGER, north, line_manager=tm_north)
    user("senior_practitioner", Role.SENIOR_PRACTITIONER, north, line_manager=tm_north)
    other_sw = user("other_social_worker", Role.SOCIAL_WORKER, south, line_manager=tm_south)
    ssw = user("supervising_social_worker", Role.SUPERVISING_SOCIAL_WORKER, fostering, line_manager=ftm)
    other_ssw = user("other_supervising_social_worker", Role.SUPERVISING_SOCIAL_WORKER, fostering_east)
    iro = user("iro", Role.IRO, reviewing)
    user("iro_colleague", Role.IRO, reviewing)
    user("placement_support_worker", Role.PLACEMENT_SUPPORT_WORKER, support)
    user("analyst", Role.PERFORMANCE_ANALYST, performance)
    user("administrator", Role.ADMINISTRATOR, administration, is_staff=True)
    carer = user("foster_carer", Role.FOSTER_CARER, None)

    own_home = HouseholdFactory(name="The Own household")
    HouseholdAllocationFactory(household=own_home, worker=ssw)
    HouseholdMemberFactory(household=own_home, user=carer, full_name="Test Carer")
    other_home = HouseholdFactory(name="The Other household")
    HouseholdAllocationFactory(household=other_home, worker=other_ssw)
    restricted_home = HouseholdFactory(name="The Restricted household", restricted=True)
    HouseholdAllocationFactory(household=restricted_home, worker=ssw)
    s.households.update(own=own_home, other=other_home, restricted=restricted_home)

    own = ChildFactory(legal_first_name="Owen")
    AllocationFactory(child=own, worker=sw, role=AllocationRole.SOCIAL_WORKER)
    AllocationFactory(child=own, worker=iro, role=AllocationRole.IRO)
    PlacementFactory(child=own, household=own_home)

    other = ChildFactory(legal_first_name="Otto")
    AllocationFactory(child=other, worker=other_sw, role=AllocationRole.SOCIAL_WORKER)
    PlacementFactory(child=other, household=None, provider=ProviderFactory())

    restricted = ChildFactory(legal_first_name="Rhea", restricted=True)
    AllocationFactory(child=restricted, worker=sw, role=AllocationRole.SOCIAL_WORKER)
    AccessGrantFactory(child=restricted, user=sw)
    PlacementFactory(child=restricted, household=own_home)
    s.children.update(own=own, other=other, restricted=restricted)
    # Each child has an up-to-date words and pictures story, so no story is due in the scenario
    # unless a test makes it so.
    for child in s.children.values():
        WordsAndPicturesStoryFactory(child=child)
    return s
