"""The first administrator and security officer of a new installation."""

import io

import pytest
from django.core.management import CommandError, call_command

from steadfast.accounts.models import Role, User
from steadfast.audit.models import AuditEvent
from steadfast.security import services
from steadfast.security.tokens import account_for_activation

pytestmark = pytest.mark.django_db


def _make(role: str = "administrator", username: str = "first.admin") -> str:
    out = io.StringIO()
    call_command(
        "create_first_account", username=username, email=f"{username}@example.invalid", role=role, stdout=out
    )
    return out.getvalue()


def test_the_first_administrator_is_made_without_a_password_and_activates_by_the_printed_link():
    printed = _make()
    admin = User.objects.get(username="first.admin")
    assert admin.role == Role.ADMINISTRATOR and admin.is_staff
    assert not admin.has_usable_password() and admin.activated_at is None
    assert admin.confirmed_at is not None
    uid, token = printed.strip().splitlines()[-1].rstrip("/").split("/")[-2:]
    assert account_for_activation(uid, token) == admin
    created = AuditEvent.objects.get(event_type=services.ACCOUNT_CREATED)
    assert created.actor is None and created.details["confirmed_at_once"] is True


def test_a_second_first_administrator_is_refused():
    _make()
    with pytest.raises(CommandError, match="already an active administrator"):
        _make(username="another.admin")
    assert not User.objects.filter(username="another.admin").exists()


def test_the_first_security_officer_is_made_alongside():
    _make()
    _make(role="security_officer", username="first.officer")
    officer = User.objects.get(username="first.officer")
    assert officer.role == Role.SECURITY_OFFICER and not officer.is_staff
