import pytest

from steadfast.audit.models import AuditEvent
from steadfast.audit.services import SIGN_IN_FAILED, USER_SIGNED_IN, USER_SIGNED_OUT
from tests.factories import UserFactory

pytestmark = pytest.mark.django_db


def test_signing_in_and_out_is_audited(client):
    user = UserFactory(username="audited.person")
    response = client.post(
        "/accounts/login/", {"username": "audited.person", "password": "a-test-password-123"}
    )
    assert response.status_code == 302
    client.post("/accounts/logout/")
    assert list(
        AuditEvent.objects.filter(actor=user).values_list("event_type", flat=True).order_by("id")
    ) == [
        USER_SIGNED_IN,
        USER_SIGNED_OUT,
    ]


def test_a_failed_sign_in_is_audited_without_the_password_and_explained(client):
    UserFactory(username="audited.person")
    response = client.post("/accounts/login/", {"username": "audited.person", "password": "wrong-password"})
    assert "Enter a correct username and password" in response.content.decode()
    event = AuditEvent.objects.get(event_type=SIGN_IN_FAILED)
    assert event.details == {"username": "audited.person"}
    assert "wrong-password" not in str(event.details)


def test_an_empty_sign_in_form_says_what_is_missing(client):
    page = client.post("/accounts/login/", {}).content.decode()
    assert "Enter your username" in page
    assert "Enter your password" in page
