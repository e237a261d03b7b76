import pytest
from django.core.exceptions import ValidationError

from steadfast.accounts.models import AccessGrant
from steadfast.accounts.services import ACCESS_GRANTED, ACCESS_REVOKED, GRANT_ALREADY_REVOKED, revoke_access
from steadfast.audit.models import AuditEvent

pytestmark = pytest.mark.django_db


def test_a_manager_grants_a_colleague_from_another_team_access_and_then_revokes_it(client, scenario):
    child = scenario.children["own"]
    outsider = scenario.users["other_social_worker"]
    client.force_login(scenario.users["team_manager"])
    response = client.post(
        f"/children/{child.pk}/grants/add/", {"user": outsider.pk, "reason": "Covering a court hearing"}
    )
    assert response.status_code == 302
    other = type(client)()
    other.force_login(outsider)
    assert other.get(f"/children/{child.pk}/").status_code == 200

    grant = AccessGrant.objects.get(user=outsider, child=child)
    client.post(f"/children/{child.pk}/grants/{grant.pk}/revoke/", {"seen_version": grant.version})
    assert other.get(f"/children/{child.pk}/").status_code == 404
    assert list(
        AuditEvent.objects.filter(child_id=child.pk, event_type__startswith="ACCESS_")
        .values_list("event_type", flat=True)
        .order_by("id")
    ) == [
        ACCESS_GRANTED,
        ACCESS_REVOKED,
    ]


def test_a_grant_needs_a_reason_and_saves_nothing_without_one(client, scenario):
    child = scenario.children["own"]
    client.force_login(scenario.users["team_manager"])
    page = client.post(
        f"/children/{child.pk}/grants/add/", {"user": scenario.users["analyst"].pk}
    ).content.decode()
    assert "Say why they need access" in page
    assert not AccessGrant.objects.filter(child=child, user=scenario.users["analyst"]).exists()


def test_granting_twice_is_refused_with_a_message(client, scenario):
    child = scenario.children["own"]
    client.force_login(scenario.users["team_manager"])
    data = {"user": scenario.users["analyst"].pk, "reason": "Audit of recording"}
    client.post(f"/children/{child.pk}/grants/add/", data)
    page = client.post(f"/children/{child.pk}/grants/add/", data).content.decode()
    assert "already has access to this record by name" in page
    assert AccessGrant.objects.filter(child=child, user=scenario.users["analyst"]).count() == 1


def test_a_grant_can_only_be_revoked_once(scenario):
    grant = AccessGrant.objects.get(child=scenario.children["restricted"])
    revoke_access(actor=scenario.users["team_manager"], grant=grant)
    with pytest.raises(ValidationError) as error:
        revoke_access(actor=scenario.users["team_manager"], grant=grant)
    assert GRANT_ALREADY_REVOKED in error.value.messages


def test_revoking_needs_a_post_and_a_manager(client, scenario):
    child = scenario.children["restricted"]
    grant = AccessGrant.objects.get(child=child)
    client.force_login(scenario.users["social_worker"])
    assert client.post(f"/children/{child.pk}/grants/{grant.pk}/revoke/").status_code == 404
    assert client.get(f"/children/{child.pk}/grants/{grant.pk}/revoke/").status_code == 405
    grant.refresh_from_db()
    assert grant.revoked_at is None
