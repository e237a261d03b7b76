"""Accounts made, changed, activated and confirmed, each in one transaction with its audit
rows (ADR 0036). The administrator makes and changes accounts but never sets a password: the
owner does, through a link sent to them; and an account that may read records after the change
reads none until a manager other than the person who changed it confirms its role and team."""

from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone

from steadfast.accounts import access
from steadfast.accounts.models import Team, User
from steadfast.audit.services import record_event

from . import notifications

ACCOUNT_CREATED = "ACCOUNT_CREATED"
ACCOUNT_ROLE_CHANGED = "ACCOUNT_ROLE_CHANGED"
ACCOUNT_TEAM_CHANGED = "ACCOUNT_TEAM_CHANGED"
ACCOUNT_LINE_MANAGER_CHANGED = "ACCOUNT_LINE_MANAGER_CHANGED"
ACCOUNT_SWITCHED_ON = "ACCOUNT_SWITCHED_ON"
ACCOUNT_SWITCHED_OFF = "ACCOUNT_SWITCHED_OFF"
ACCOUNT_PERMISSIONS_CHANGED = "ACCOUNT_PERMISSIONS_CHANGED"
ACCOUNT_DETAILS_CHANGED = "ACCOUNT_DETAILS_CHANGED"
ACCOUNT_ACTIVATION_SENT = "ACCOUNT_ACTIVATION_SENT"
ACCOUNT_ACTIVATED = "ACCOUNT_ACTIVATED"
ACCOUNT_CONFIRMATION_ASKED = "ACCOUNT_CONFIRMATION_ASKED"
ACCOUNT_CONFIRMED = "ACCOUNT_CONFIRMED"
ACCOUNT_CONFIRMATION_REFUSED = "ACCOUNT_CONFIRMATION_REFUSED"
TEAM_CREATED = "TEAM_CREATED"
TEAM_MANAGER_CHANGED = "TEAM_MANAGER_CHANGED"
TEAM_CHANGED = "TEAM_CHANGED"

# Every kind of account change, as the list of account changes names it.
ACCOUNT_CHANGE_KINDS = {
    ACCOUNT_CREATED: "Account made",
    ACCOUNT_ROLE_CHANGED: "Role changed",
    ACCOUNT_TEAM_CHANGED: "Team changed",
    ACCOUNT_LINE_MANAGER_CHANGED: "Line manager changed",
    ACCOUNT_SWITCHED_ON: "Switched on",
    ACCOUNT_SWITCHED_OFF: "Switched off",
    ACCOUNT_PERMISSIONS_CHANGED: "Permissions changed",
    ACCOUNT_DETAILS_CHANGED: "Name or contact details changed",
    ACCOUNT_ACTIVATION_SENT: "Activation link sent",
    ACCOUNT_ACTIVATED: "Activated by its owner",
    ACCOUNT_CONFIRMATION_ASKED: "Waiting for confirmation",
    ACCOUNT_CONFIRMED: "Role and team confirmed",
    ACCOUNT_CONFIRMATION_REFUSED: "Role and team refused",
    TEAM_CREATED: "Team made",
    TEAM_MANAGER_CHANGED: "Team manager changed",
    TEAM_CHANGED: "Team renamed or its kind changed",
}

# The fields an account is made and changed with, and the change each one is recorded as.
# Before and after are kept for all but the personal details, whose names alone are kept (a
# mobile number is never logged).
ACCOUNT_FIELDS = {
    "role": ACCOUNT_ROLE_CHANGED,
    "team": ACCOUNT_TEAM_CHANGED,
    "line_manager": ACCOUNT_LINE_MANAGER_CHANGED,
    "is_staff": ACCOUNT_PERMISSIONS_CHANGED,
    "is_superuser": ACCOUNT_PERMISSIONS_CHANGED,
    "username": ACCOUNT_DETAILS_CHANGED,
    "first_name": ACCOUNT_DETAILS_CHANGED,
    "last_name": ACCOUNT_DETAILS_CHANGED,
    "email": ACCOUNT_DETAILS_CHANGED,
    "mobile_number": ACCOUNT_DETAILS_CHANGED,
}
PERSONAL_FIELDS = frozenset({"username", "first_name", "last_name", "email", "mobile_number"})

NOT_YOURS_TO_CONFIRM = "This account is not waiting for your confirmation."
EMAIL_NEEDED = "Enter the email address the activation link is to be sent to"
ALREADY_ACTIVATED = "{user} has already activated their account."


def _stored(value: Any) -> Any:
    """A value as an audit row keeps it: a person or team by id."""
    return getattr(value, "pk", value)


def _ask_for_confirmation(*, actor: User | None, user: User, now) -> None:
    user.confirmed_at = None
    user.confirmed_by = None
    user.confirmation_refused_at = None
    user.confirmation_asked_by = actor
    user.confirmation_asked_at = now
    user.save(
        update_fields=[
            "confirmed_at",
            "confirmed_by",
            "confirmation_refused_at",
            "confirmation_asked_by",
            "confirmation_asked_at",
        ]
    )
    confirmers = list(access.confirmers_of(user).exclude(pk=getattr(actor, "pk", None)))
    record_event(
        actor=actor,
        event_type=ACCOUNT_CONFIRMATION_ASKED,
        subject=user,
        details={"user_id": user.pk, "confirmer_ids": [c.pk for c in confirmers]},
    )
    transaction.on_commit(lambda: notifications.tell_confirmers(user, confirmers))


@transaction.atomic
def create_account(
    *,
    actor: User | None,
    username: str,
    email: str,
    role: str,
    first_name: str = "",
    last_name: str = "",
    team: Team | None = None,
    line_manager: User | None = None,
    mobile_number: str = "",
    is_staff: bool = False,
    confirmed: bool = False,
) -> User:
    """Make an account with no password: its owner sets one through the activation link sent
    to `email`. It reads no record until then, nor until its role and team are confirmed
    (`confirm_account`). `confirmed` is for the first accounts of an installation alone
    (`manage.py create_first_account`), which no manager is there yet to confirm."""
    if not email.strip():
        raise ValidationError({"email": EMAIL_NEEDED})
    now = timezone.now()
    user = User(
        username=username,
        email=email.strip(),
        role=role,
        first_name=first_name,
        last_name=last_name,
        team=team,
        line_manager=line_manager,
        mobile_number=mobile_number,
        is_staff=is_staff,
        confirmed_at=now if confirmed else None,
    )
    user.set_unusable_password()
    user.full_clean(exclude=["password"])
    user.save()
    record_event(
        actor=actor,
        event_type=ACCOUNT_CREATED,
        subject=user,
        details={
            "user_id": user.pk,
            "after": {
                "role": role,
                "team": _stored(team),
                "line_manager": _stored(line_manager),
                "is_staff": is_staff,
                "is_active": True,
            },
            "confirmed_at_once": confirmed,
        },
    )
    _send_activation(actor=actor, user=user)
    if not confirmed:
        _ask_for_confirmation(actor=actor, user=user, now=now)
    return user


def _send_activation(*, actor: User | None, user: User) -> None:
    record_event(actor=actor, event_type=ACCOUNT_ACTIVATION_SENT, subject=user, details={"user_id": user.pk})
    transaction.on_commit(lambda: notifications.send_activation_link(user))


@transaction.atomic
def send_new_activation_link(*, actor: User, user: User) -> User:
    """Send the owner a fresh link, for one that expired or went astray. An account already
    activated needs none: its owner changes their password on their account page."""
    user = User.objects.select_for_update().get(pk=user.pk)
    if user.activated_at is not None:
        raise ValidationError(ALREADY_ACTIVATED.format(user=user))
    _send_activation(actor=actor, user=user)
    return user


@transaction.atomic
def change_account(*, actor: User, user: User, changes: dict[str, Any]) -> User:
    """Change the account's fields in `changes` (names from ACCOUNT_FIELDS, and is_active),
    with an audit row for each kind of change, holding who and, but for personal details,
    before and after. A change of role or team, or switching the account back on, asks for
    its confirmation again: until then it reads no record."""
    user = User.objects.select_for_update().get(pk=user.pk)
    now = timezone.now()
    by_kind: dict[str, dict[str, Any]] = {}
    changed: list[str] = []
    for name, value in changes.items():
        if name not in ACCOUNT_FIELDS and name != "is_active":
            raise ValueError(f"{name} is not a field an account is changed by")
        before = getattr(user, name)
        if _stored(before) == _stored(value):
            continue
        setattr(user, name, value)
        changed.append(name)
        if name == "is_active":
            kind = ACCOUNT_SWITCHED_ON if value else ACCOUNT_SWITCHED_OFF
        else:
            kind = ACCOUNT_FIELDS[name]
        entry = by_kind.setdefault(kind, {"user_id": user.pk, "fields": []})
        entry["fields"].append(name)
        if name not in PERSONAL_FIELDS:
            entry.setdefault("before", {})[name] = _stored(before)
            entry.setdefault("after", {})[name] = _stored(value)
    if not changed:
        return user
    user.full_clean(exclude=["password"])
    user.save(update_fields=[*changed, "updated_at"])
    for kind, details in by_kind.items():
        record_event(actor=actor, event_type=kind, subject=user, details=details)
    widens = {"role", "team"} & set(changed) or (ACCOUNT_SWITCHED_ON in by_kind)
    if widens:
        _ask_for_confirmation(actor=actor, user=user, now=now)
    return user


@transaction.atomic
def create_team(*, actor: User, name: str, kind: str, manager: User | None = None) -> Team:
    team = Team(name=name, kind=kind, manager=manager, created_by=actor, updated_by=actor)
    team.full_clean()
    team.save()
    record_event(
        actor=actor,
        event_type=TEAM_CREATED,
        subject=team,
        details={"team_id": team.pk, "after": {"name": name, "kind": kind, "manager": _stored(manager)}},
    )
    if manager is not None:
        _ask_for_confirmation(actor=actor, user=manager, now=timezone.now())
    return team


@transaction.atomic
def change_team(*, actor: User, team: Team, changes: dict[str, Any]) -> Team:
    """Rename a team, change its kind or its manager. A new manager sees the team's work, so
    their own confirmation is asked for again."""
    team = Team.objects.select_for_update().get(pk=team.pk)
    before = {name: _stored(getattr(team, name)) for name in changes}
    for name, value in changes.items():
        if name not in ("name", "kind", "manager"):
            raise ValueError(f"{name} is not a field a team is changed by")
        setattr(team, name, value)
    after = {name: _stored(getattr(team, name)) for name in changes}
    changed = [name for name in changes if before[name] != after[name]]
    if not changed:
        return team
    team.updated_by = actor
    team.full_clean()
    team.save(update_fields=[*changed, "updated_by", "updated_at"])
    if "manager" in changed:
        record_event(
            actor=actor,
            event_type=TEAM_MANAGER_CHANGED,
            subject=team,
            details={
                "team_id": team.pk,
                "before": {"manager": before["manager"]},
                "after": {"manager": after["manager"]},
            },
        )
        if team.manager is not None:
            _ask_for_confirmation(actor=actor, user=team.manager, now=timezone.now())
    others = [name for name in changed if name != "manager"]
    if others:
        record_event(
            actor=actor,
            event_type=TEAM_CHANGED,
            subject=team,
            details={
                "team_id": team.pk,
                "before": {n: before[n] for n in others},
                "after": {n: after[n] for n in others},
            },
        )
    return team


@transaction.atomic
def activate_account(*, user: User, password: str) -> User:
    """The owner sets their own password through their activation link (the link has been
    checked, and the password validators run, by the form)."""
    user = User.objects.select_for_update().get(pk=user.pk)
    user.set_password(password)
    user.activated_at = timezone.now()
    user.save(update_fields=["password", "activated_at"])
    record_event(actor=user, event_type=ACCOUNT_ACTIVATED, subject=user, details={"user_id": user.pk})
    return user


@transaction.atomic
def confirm_account(*, actor: User, account: User) -> User:
    """The manager of the account's team (or, where it has none, a security officer) confirms
    its role and team; from then it reads what the access rules give it."""
    account = User.objects.select_for_update(of=("self",)).select_related("team__manager").get(pk=account.pk)
    if not access.may_confirm(actor, account):
        raise ValidationError(NOT_YOURS_TO_CONFIRM)
    account.confirmed_at = timezone.now()
    account.confirmed_by = actor
    account.save(update_fields=["confirmed_at", "confirmed_by"])
    record_event(
        actor=actor,
        event_type=ACCOUNT_CONFIRMED,
        subject=account,
        details={"user_id": account.pk, "role": account.role, "team": account.team_id},
    )
    return account


@transaction.atomic
def refuse_account(*, actor: User, account: User) -> User:
    """The confirmer does not recognise the role or team: the account stays without any record
    until an administrator changes it, which asks again."""
    account = User.objects.select_for_update(of=("self",)).select_related("team__manager").get(pk=account.pk)
    if not access.may_confirm(actor, account):
        raise ValidationError(NOT_YOURS_TO_CONFIRM)
    account.confirmation_refused_at = timezone.now()
    account.save(update_fields=["confirmation_refused_at"])
    record_event(
        actor=actor,
        event_type=ACCOUNT_CONFIRMATION_REFUSED,
        subject=account,
        details={"user_id": account.pk, "role": account.role, "team": account.team_id},
    )
    return account
