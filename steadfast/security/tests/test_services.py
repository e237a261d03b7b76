"""Separation of duties: an account reads no record until its owner has activated it and a
manager other than the person who made or changed it has confirmed its role and team; every
account and team change is in the audit trail, with who and before and after."""

import datetime
import re

import pytest
from django.core import mail
from django.core.exceptions import ValidationError
from django.utils import timezone

from steadfast.accounts import access
from steadfast.accounts.models import AccessRulesVersion, AllocationRole, Role
from steadfast.audit.models import AuditEvent
from steadfast.security import services
from steadfast.security.tokens import account_for_activation, activation_tokens
from tests.factories import AllocationFactory, TeamFactory, UserFactory

pytestmark = pytest.mark.django_db

LINK = re.compile(r"/security/activate/([^/]+)/([^/]+)/")


def _new_worker(scenario, *, actor=None, **extra):
    team = scenario.users["team_manager"].team
    return services.create_account(
        actor=actor or scenario.users["administrator"],
        username="new.starter",
        email="new.starter@example.invalid",
        role=Role.SOCIAL_WORKER,
        first_name="Newt",
        last_name="Starter",
        team=team,
        **extra,
    )


def _activate(user):
    return services.activate_account(user=user, password="a-long-chosen-passphrase-9")


def _events(user, event_type):
    return AuditEvent.objects.filter(
        object_type="accounts.User", object_id=str(user.pk), event_type=event_type
    )


def test_a_new_account_has_no_password_and_reads_nothing_though_allocated(
    scenario, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        user = _new_worker(scenario)
    assert not user.has_usable_password()
    assert user.activated_at is None and user.confirmed_at is None
    AllocationFactory(child=scenario.children["own"], worker=user, role=AllocationRole.SOCIAL_WORKER)
    _activate(user)
    user.refresh_from_db()
    assert not access.children_visible_to(user).exists()
    assert not access.households_visible_to(user).exists()


def test_making_an_account_emails_the_owner_a_link_and_the_team_manager_a_request(
    scenario, django_capture_on_commit_callbacks
):
    manager = scenario.users["team_manager"]
    manager.email = "north.manager@example.invalid"
    manager.save(update_fields=["email"])
    with django_capture_on_commit_callbacks(execute=True):
        user = _new_worker(scenario)
    to_owner = [m for m in mail.outbox if m.to == ["new.starter@example.invalid"]]
    to_manager = [m for m in mail.outbox if m.to == ["north.manager@example.invalid"]]
    assert len(to_owner) == 1 and LINK.search(to_owner[0].body)
    assert len(to_manager) == 1 and "Newt Starter" in to_manager[0].body
    created = _events(user, services.ACCOUNT_CREATED).get()
    assert created.actor == scenario.users["administrator"]
    assert created.details["after"]["role"] == Role.SOCIAL_WORKER
    assert created.details["after"]["team"] == scenario.users["team_manager"].team_id


def test_the_activation_link_works_once(scenario, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        user = _new_worker(scenario)
    uid, token = LINK.search(mail.outbox[0].body).groups()
    assert account_for_activation(uid, token) == user
    _activate(user)
    assert account_for_activation(uid, token) is None
    user.refresh_from_db()
    assert user.check_password("a-long-chosen-passphrase-9")
    assert _events(user, services.ACCOUNT_ACTIVATED).get().actor == user


def test_the_activation_link_expires(scenario, settings):
    user = _new_worker(scenario)
    uid, token = LINK.search(
        __import__("steadfast.security.notifications", fromlist=["x"]).activation_link(user)
    ).groups()
    later = activation_tokens._now() + datetime.timedelta(seconds=settings.PASSWORD_RESET_TIMEOUT + 60)
    activation_tokens._now = lambda: later
    try:
        assert account_for_activation(uid, token) is None
    finally:
        del activation_tokens._now
    assert account_for_activation(uid, token) == user
    assert account_for_activation(uid, token[:-1] + ("0" if token[-1] != "0" else "1")) is None
    assert account_for_activation("bm9wZQ", token) is None


def test_the_team_manager_confirms_and_then_the_account_reads_its_children(scenario):
    user = _new_worker(scenario)
    _activate(user)
    AllocationFactory(child=scenario.children["own"], worker=user, role=AllocationRole.SOCIAL_WORKER)
    manager = scenario.users["team_manager"]
    assert access.may_confirm(manager, user)
    services.confirm_account(actor=manager, account=user)
    user.refresh_from_db()
    assert user.confirmed_by == manager
    assert list(access.children_visible_to(user)) == [scenario.children["own"]]
    assert _events(user, services.ACCOUNT_CONFIRMED).get().actor == manager


@pytest.mark.parametrize("who", ["administrator", "other_team_manager", "social_worker", "analyst"])
def test_nobody_but_the_confirmer_may_confirm(scenario, who):
    user = _new_worker(scenario)
    with pytest.raises(ValidationError):
        services.confirm_account(actor=scenario.users[who], account=user)
    user.refresh_from_db()
    assert user.confirmed_at is None


def test_the_person_who_made_the_change_may_not_confirm_it_even_as_the_team_manager(scenario):
    manager = scenario.users["team_manager"]
    user = _new_worker(scenario, actor=manager)
    assert not access.may_confirm(manager, user)
    with pytest.raises(ValidationError):
        services.confirm_account(actor=manager, account=user)


def test_an_account_whose_team_has_no_manager_is_confirmed_by_a_security_officer(scenario):
    officer = UserFactory(role=Role.SECURITY_OFFICER, team=None)
    team = TeamFactory(name="Managerless")
    user = services.create_account(
        actor=scenario.users["administrator"],
        username="lonely",
        email="lonely@example.invalid",
        role=Role.SOCIAL_WORKER,
        team=team,
    )
    assert list(access.confirmers_of(user)) == [officer]
    assert not access.may_confirm(scenario.users["team_manager"], user)
    services.confirm_account(actor=officer, account=user)
    user.refresh_from_db()
    assert user.confirmed_by == officer


def test_a_refused_account_stays_without_records_and_leaves_the_list(scenario):
    user = _new_worker(scenario)
    manager = scenario.users["team_manager"]
    services.refuse_account(actor=manager, account=user)
    user.refresh_from_db()
    assert user.confirmation_refused_at is not None and user.confirmed_at is None
    assert not access.may_confirm(manager, user)
    assert _events(user, services.ACCOUNT_CONFIRMATION_REFUSED).get().actor == manager


def test_an_administrator_who_makes_themself_a_team_manager_reads_nothing(scenario):
    admin = scenario.users["administrator"]
    north = scenario.users["team_manager"].team
    services.change_account(actor=admin, user=admin, changes={"role": Role.TEAM_MANAGER, "team": north})
    admin.refresh_from_db()
    assert admin.confirmed_at is None
    AllocationFactory(child=scenario.children["own"], worker=admin, role=AllocationRole.SOCIAL_WORKER)
    assert not access.children_visible_to(admin).exists()
    role = _events(admin, services.ACCOUNT_ROLE_CHANGED).get()
    assert role.actor == admin
    assert role.details["before"] == {"role": Role.ADMINISTRATOR}
    assert role.details["after"] == {"role": Role.TEAM_MANAGER}
    team = _events(admin, services.ACCOUNT_TEAM_CHANGED).get()
    assert team.details["after"] == {"team": north.pk}


def test_making_someone_a_team_manager_asks_for_their_confirmation_again(scenario):
    admin = scenario.users["administrator"]
    colleague = scenario.users["team_colleague"]
    north = colleague.team
    services.change_team(actor=admin, team=north, changes={"manager": colleague})
    colleague.refresh_from_db()
    assert colleague.confirmed_at is None
    event = AuditEvent.objects.get(event_type=services.TEAM_MANAGER_CHANGED)
    assert event.details["before"] == {"manager": scenario.users["team_manager"].pk}
    assert event.details["after"] == {"manager": colleague.pk}
    # Its manager is the colleague themself, so a security officer confirms.
    officer = UserFactory(role=Role.SECURITY_OFFICER, team=None)
    assert list(access.confirmers_of(colleague)) == [officer]


def test_switching_an_account_back_on_asks_again_and_switching_off_does_not(scenario):
    admin = scenario.users["administrator"]
    worker = scenario.users["social_worker"]
    services.change_account(actor=admin, user=worker, changes={"is_active": False})
    worker.refresh_from_db()
    assert worker.confirmed_at is not None
    assert _events(worker, services.ACCOUNT_SWITCHED_OFF).get().details["after"] == {"is_active": False}
    services.change_account(actor=admin, user=worker, changes={"is_active": True})
    worker.refresh_from_db()
    assert worker.confirmed_at is None
    assert _events(worker, services.ACCOUNT_SWITCHED_ON).exists()


def test_line_manager_permission_and_detail_changes_are_audited_without_personal_values(scenario):
    admin = scenario.users["administrator"]
    worker = scenario.users["social_worker"]
    services.change_account(
        actor=admin,
        user=worker,
        changes={
            "line_manager": scenario.users["other_team_manager"],
            "is_staff": True,
            "mobile_number": "07700 900 982",
        },
    )
    worker.refresh_from_db()
    assert worker.confirmed_at is not None  # none of these asks again
    line = _events(worker, services.ACCOUNT_LINE_MANAGER_CHANGED).get()
    assert line.details["before"] == {"line_manager": scenario.users["team_manager"].pk}
    assert line.details["after"] == {"line_manager": scenario.users["other_team_manager"].pk}
    assert _events(worker, services.ACCOUNT_PERMISSIONS_CHANGED).get().details["after"] == {"is_staff": True}
    details = _events(worker, services.ACCOUNT_DETAILS_CHANGED).get()
    assert details.details == {"user_id": worker.pk, "fields": ["mobile_number"]}
    assert "900" not in str(details.details)


def test_a_change_to_nothing_records_nothing(scenario):
    worker = scenario.users["social_worker"]
    before = AuditEvent.objects.count()
    services.change_account(actor=scenario.users["administrator"], user=worker, changes={"role": worker.role})
    assert AuditEvent.objects.count() == before


def test_confirming_gives_the_access_rules_a_new_version(scenario):
    user = _new_worker(scenario)
    _activate(user)
    version = AccessRulesVersion.objects.get().value
    services.confirm_account(actor=scenario.users["team_manager"], account=user)
    assert AccessRulesVersion.objects.get().value != version


def test_existing_accounts_and_factories_are_activated_and_confirmed(scenario):
    for user in scenario.users.values():
        assert user.may_read_records
    assert scenario.users["social_worker"].confirmed_at <= timezone.now()


def test_a_new_activation_link_is_refused_for_an_account_already_activated(scenario):
    worker = scenario.users["social_worker"]
    with pytest.raises(ValidationError):
        services.send_new_activation_link(actor=scenario.users["administrator"], user=worker)
