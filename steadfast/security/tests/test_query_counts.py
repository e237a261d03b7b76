"""The lists of account changes, refused requests and accounts waiting stay flat as they grow."""

import pytest

from steadfast.accounts.models import Role, User
from steadfast.audit.refusals import record_refused
from steadfast.security import services
from tests.factories import ChildFactory
from tests.queries import queries_for

pytestmark = pytest.mark.django_db


def _more_changes(scenario, n: int) -> None:
    admin = scenario.users["administrator"]
    for i in range(n):
        worker = scenario.users["team_colleague"]
        role = Role.SENIOR_PRACTITIONER if i % 2 == 0 else Role.SOCIAL_WORKER
        services.change_account(actor=admin, user=worker, changes={"role": role, "first_name": f"Name{i}"})


def _more_refusals(scenario, n: int) -> None:
    for person in ("social_worker", "team_colleague"):
        for child in ChildFactory.create_batch(n):
            record_refused(actor_id=scenario.users[person].pk, record_type="child", record_id=str(child.pk))


def _more_waiting(scenario, n: int) -> None:
    for _ in range(n):
        services.create_account(
            actor=scenario.users["administrator"],
            username=f"waiting.{User.objects.count()}",
            email="w@example.invalid",
            role=Role.SOCIAL_WORKER,
            team=scenario.users["team_manager"].team,
        )


@pytest.mark.parametrize(
    ("path", "grow"),
    [
        ("/security/account-changes/", _more_changes),
        ("/security/refusals/", _more_refusals),
        ("/security/confirmations/", _more_waiting),
    ],
)
def test_a_list_costs_the_same_queries_with_more_rows(client, scenario, path, grow):
    client.force_login(scenario.users["team_manager"])
    grow(scenario, 2)
    few = queries_for(client, path)
    grow(scenario, 6)
    assert queries_for(client, path) == few


def test_a_persons_refusals_cost_the_same_queries_with_more_rows(client, scenario):
    client.force_login(scenario.users["team_manager"])
    worker = scenario.users["social_worker"]
    _more_refusals(scenario, 2)
    few = queries_for(client, f"/security/refusals/{worker.pk}/")
    _more_refusals(scenario, 6)
    assert queries_for(client, f"/security/refusals/{worker.pk}/") == few
