"""Changes made in the Django admin go through the audited services: a role change there is in
the audit trail with before and after, and the account reads nothing until confirmed again."""

import pytest

from steadfast.accounts.models import Role
from steadfast.accounts.tests.test_mobile_number import _admin_change
from steadfast.audit.models import AuditEvent
from steadfast.security import services

pytestmark = pytest.mark.django_db


def test_a_role_change_in_the_admin_is_audited_and_closes_the_records_until_confirmed(client, scenario):
    worker = scenario.users["social_worker"]
    owen = scenario.children["own"]
    client.force_login(scenario.users["administrator"])
    response = _admin_change(client, worker, role=Role.SENIOR_PRACTITIONER)
    assert response.status_code == 302
    event = AuditEvent.objects.get(event_type=services.ACCOUNT_ROLE_CHANGED, object_id=str(worker.pk))
    assert event.actor == scenario.users["administrator"]
    assert event.details["before"] == {"role": Role.SOCIAL_WORKER}
    assert event.details["after"] == {"role": Role.SENIOR_PRACTITIONER}

    client.force_login(worker)
    assert client.get(f"/children/{owen.pk}/").status_code == 404
    client.force_login(scenario.users["team_manager"])
    assert client.post(f"/security/confirmations/{worker.pk}/confirm/").status_code == 302
    client.force_login(worker)
    assert client.get(f"/children/{owen.pk}/").status_code == 200


def test_a_new_team_manager_set_in_the_admin_is_audited_and_asked_for(client, scenario):
    colleague = scenario.users["team_colleague"]
    north = colleague.team
    client.force_login(scenario.users["administrator"])
    response = client.post(
        f"/admin/accounts/team/{north.pk}/change/",
        {"name": north.name, "kind": north.kind, "manager": colleague.pk, "_save": "Save"},
    )
    assert response.status_code == 302
    event = AuditEvent.objects.get(event_type=services.TEAM_MANAGER_CHANGED)
    assert event.details["after"] == {"manager": colleague.pk}
    colleague.refresh_from_db()
    assert colleague.confirmed_at is None
