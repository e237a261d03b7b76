import pytest

from steadfast.accounts.selectors import allocatable_workers

pytestmark = pytest.mark.django_db


def test_a_manager_chooses_among_their_own_social_workers_and_any_iro_or_support_worker(scenario):
    choices = set(allocatable_workers(scenario.users["team_manager"]).values_list("username", flat=True))
    assert {"social_worker", "team_colleague", "iro", "iro_colleague", "placement_support_worker"} <= choices
    assert not choices & {"other_social_worker", "other_team_manager", "supervising_social_worker", "analyst"}
