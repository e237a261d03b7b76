"""Granting access to a household by name, as for a child."""

import pytest

from steadfast.accounts.models import AccessGrant
from steadfast.accounts.services import ACCESS_GRANTED, ACCESS_REVOKED
from steadfast.audit.models import AuditEvent
from tests.scenario import USERNAMES

pytestmark = pytest.mark.django_db


def test_the_fostering_team_manager_grants_and_revokes_access_to_a_restricted_household(client, scenario):
    household = scenario.households["restricted"]
    manager = scenario.users["fostering_team_manager"]
    AccessGrant.objects.create(user=manager, household=household, reason="Fostering team manager (test)")
    ssw = scenario.users["supervising_social_worker"]
    other = type(client)()
    other.force_login(ssw)
    assert other.get(f"/households/{household.pk}/").status_code == 404

    client.force_login(manager)
    assert (
        "Nobody has been granted access by name."
        not in client.get(f"/households/{household.pk}/").content.decode()
    )
    response = client.post(
        f"/households/{household.pk}/grants/add/", {"user": ssw.pk, "reason": "Supervises the household"}
    )
    assert response.status_code == 302
    assert other.get(f"/households/{household.pk}/").status_code == 200

    grant = AccessGrant.objects.get(user=ssw, household=household)
    client.post(f"/households/{household.pk}/grants/{grant.pk}/revoke/", {"seen_version": grant.version})
    assert other.get(f"/households/{household.pk}/").status_code == 404
    events = AuditEvent.objects.filter(
        household_id=household.pk, event_type__startswith="ACCESS_", actor=manager
    )
    assert list(events.order_by("id").values_list("event_type", flat=True)) == [
        ACCESS_GRANTED,
        ACCESS_REVOKED,
    ]


def test_a_household_grant_needs_a_reason(client, scenario):
    household = scenario.households["own"]
    client.force_login(scenario.users["fostering_team_manager"])
    page = client.post(
        f"/households/{household.pk}/grants/add/", {"user": scenario.users["analyst"].pk}
    ).content.decode()
    assert "Say why they need access" in page
    assert not AccessGrant.objects.filter(household=household).exists()


@pytest.mark.parametrize("username", [u for u in USERNAMES if u != "fostering_team_manager"])
def test_only_the_fostering_team_manager_reaches_the_household_grant_pages(client, scenario, username):
    household = scenario.households["own"]
    grant = AccessGrant.objects.create(
        user=scenario.users["analyst"], household=household, reason="Audit (test)"
    )
    client.force_login(scenario.users[username])
    assert client.get(f"/households/{household.pk}/grants/add/").status_code == 404
    assert client.post(f"/households/{household.pk}/grants/{grant.pk}/revoke/").status_code == 404
    assert AccessGrant.objects.get(pk=grant.pk).revoked_at is None
    page = client.get(f"/households/{household.pk}/")
    assert page.status_code == 404 or "Grant access by name" not in page.content.decode()
