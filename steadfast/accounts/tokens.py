"""API credentials: personal access tokens, systems registered for OAuth2 client credentials,
and finding the account a bearer token acts as.

A token or a client secret is shown once, when made; only its SHA-256 is kept. Tokens are 32
random bytes, so a slow hash (as for passwords) would protect nothing more and cost every call.
"""

import datetime
import hashlib
import secrets
from dataclasses import dataclass

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone

from steadfast.audit.services import record_event

from .models import ApiClient, ApiToken, Role, Scope, Team, User

PERSONAL_PREFIX = "sfp_"
SYSTEM_PREFIX = "sfs_"
SECRET_PREFIX = "sfc_"
TOKEN_CREATED = "API_TOKEN_CREATED"
TOKEN_REVOKED = "API_TOKEN_REVOKED"
CLIENT_REGISTERED = "API_CLIENT_REGISTERED"
CLIENT_REVOKED = "API_CLIENT_REVOKED"
CLIENT_TOKEN_ISSUED = "API_CLIENT_TOKEN_ISSUED"

UNKNOWN_SCOPE = "{scope} is not a scope. The scopes are: {scopes}."
NO_SCOPE = "Choose at least one scope."
EXPIRY_NOT_AHEAD = "The expiry date must be after today."
EXPIRY_TOO_FAR = "A token can last at most {days} days. Choose an earlier expiry date."
CANNOT_HOLD_TOKENS = "Your account cannot hold API tokens."
TOKEN_ALREADY_REVOKED = "This token has already been revoked."
CLIENT_ALREADY_REVOKED = "This system has already been revoked."
NAME_LENGTH = 120
TOKEN_NAME_MISSING = "Enter a name for the token, so that you know what it is for."
CLIENT_NAME_MISSING = "Enter the name of the system."
NAME_TOO_LONG = f"The name must be {NAME_LENGTH} characters or fewer."
CLIENT_NAME_TAKEN = "A system called {name} is already registered. Choose another name."
# A token's "last used" is written at most this often, so that a busy token costs no write a call.
LAST_USED_GRAIN = datetime.timedelta(minutes=1)


@dataclass(frozen=True)
class Bearer:
    """Who a call to the API acts as, and what it may do."""

    user: User
    scopes: frozenset[str]
    token_id: int
    client_id: str | None = None

    def may(self, scope: str) -> bool:
        return scope in self.scopes


def _hash(raw: str) -> str:
    return hashlib.sha256(raw.encode()).hexdigest()


def _checked_scopes(scopes: list[str] | tuple[str, ...] | set[str]) -> list[str]:
    known = set(Scope.values)
    for scope in scopes:
        if scope not in known:
            raise ValidationError(
                {"scopes": UNKNOWN_SCOPE.format(scope=scope, scopes=", ".join(Scope.values))}
            )
    if not scopes:
        raise ValidationError({"scopes": NO_SCOPE})
    return sorted(set(scopes))


def scope_words(scopes: list[str]) -> list[str]:
    """Each scope as a person reads it, in the order `Scope` lists them; one no longer known is
    shown as it was stored."""
    words = dict(Scope.choices)
    order = {value: n for n, value in enumerate(Scope.values)}
    return [str(words.get(s, s)) for s in sorted(scopes, key=lambda s: order.get(s, len(order)))]


def _checked_name(name: str, *, missing: str) -> str:
    name = " ".join(name.split())
    if not name:
        raise ValidationError({"name": missing})
    if len(name) > NAME_LENGTH:
        raise ValidationError({"name": NAME_TOO_LONG})
    return name


def may_hold_personal_tokens(user: User) -> bool:
    """Staff who read or change records may make tokens for themselves; carers and systems may not."""
    return user.is_authenticated and user.role not in (Role.FOSTER_CARER, Role.CONNECTED_SYSTEM)


@transaction.atomic
def issue_personal_token(
    *, actor: User, name: str, scopes: list[str], expires_on: datetime.date
) -> tuple[ApiToken, str]:
    """A new token for `actor`, acting as them. Returns the token and its secret, which is not
    kept and cannot be shown again."""
    if not may_hold_personal_tokens(actor):
        raise ValidationError(CANNOT_HOLD_TOKENS)
    today = timezone.localdate()
    if expires_on <= today:
        raise ValidationError({"expires_on": EXPIRY_NOT_AHEAD})
    longest = settings.API_PERSONAL_TOKEN_MAX_DAYS
    if expires_on > today + datetime.timedelta(days=longest):
        raise ValidationError({"expires_on": EXPIRY_TOO_FAR.format(days=longest)})
    name = _checked_name(name, missing=TOKEN_NAME_MISSING)
    raw = PERSONAL_PREFIX + secrets.token_urlsafe(32)
    expires_at = timezone.make_aware(datetime.datetime.combine(expires_on, datetime.time.max))
    token = ApiToken.objects.create(
        user=actor,
        name=name,
        key_hash=_hash(raw),
        scopes=_checked_scopes(scopes),
        expires_at=expires_at,
    )
    record_event(
        actor=actor,
        event_type=TOKEN_CREATED,
        subject=token,
        details={"name": token.name, "scopes": token.scopes},
    )
    return token, raw


@transaction.atomic
def revoke_token(*, actor: User, token: ApiToken) -> ApiToken:
    """End a token at once. A person revokes their own; an administrator any."""
    token = ApiToken.objects.select_for_update().get(pk=token.pk)
    if token.revoked_at is not None:
        raise ValidationError(TOKEN_ALREADY_REVOKED)
    token.revoked_at = timezone.now()
    token.save(update_fields=["revoked_at"])
    record_event(actor=actor, event_type=TOKEN_REVOKED, subject=token, details={"name": token.name})
    return token


@transaction.atomic
def register_client(*, actor: User, name: str, scopes: list[str], teams: list[Team]) -> tuple[ApiClient, str]:
    """Register another system to call the API, with its own account. Returns the client and its
    secret, which is not kept and cannot be shown again."""
    name = _checked_name(name, missing=CLIENT_NAME_MISSING)
    if ApiClient.objects.filter(name__iexact=name).exists():
        raise ValidationError({"name": CLIENT_NAME_TAKEN.format(name=name)})
    scopes = _checked_scopes(scopes)
    client_id = "sfclient_" + secrets.token_hex(8)
    account = User.objects.create(
        username=client_id,
        first_name=name,
        last_name="(connected system)",
        role=Role.CONNECTED_SYSTEM,
        activated_at=timezone.now(),
        confirmed_at=timezone.now(),
        confirmed_by=actor,
    )
    account.set_unusable_password()
    account.save(update_fields=["password"])
    secret = SECRET_PREFIX + secrets.token_urlsafe(32)
    client = ApiClient.objects.create(
        name=name,
        client_id=client_id,
        secret_hash=_hash(secret),
        account=account,
        scopes=scopes,
        registered_by=actor,
    )
    client.teams.set(teams)
    record_event(
        actor=actor,
        event_type=CLIENT_REGISTERED,
        subject=client,
        details={"name": client.name, "scopes": client.scopes, "teams": [team.name for team in teams]},
    )
    return client, secret


@transaction.atomic
def revoke_client(*, actor: User, client: ApiClient) -> ApiClient:
    """Stop a system calling the API: its tokens end now, and it can get no more."""
    now = timezone.now()
    client = ApiClient.objects.select_for_update().get(pk=client.pk)
    if client.revoked_at is not None:
        raise ValidationError(CLIENT_ALREADY_REVOKED)
    client.revoked_at = now
    client.save(update_fields=["revoked_at"])
    client.tokens.filter(revoked_at__isnull=True).update(revoked_at=now)
    User.objects.filter(pk=client.account_id).update(is_active=False)
    record_event(actor=actor, event_type=CLIENT_REVOKED, subject=client, details={"name": client.name})
    return client


@transaction.atomic
def issue_client_token(*, client_id: str, secret: str, scopes: list[str] | None = None) -> ApiToken | None:
    """The client credentials grant: a short-lived token for a registered system whose secret
    matches, with the scopes asked for (all of its own when none are). None when the client is
    unknown, revoked or the secret wrong, or a scope asked for is not the client's: the caller
    answers each alike. A token issued is audited, with the system's account as the actor."""
    client = (
        ApiClient.objects.select_related("account")
        .filter(client_id=client_id, revoked_at__isnull=True)
        .first()
    )
    if client is None or not secrets.compare_digest(client.secret_hash, _hash(secret)):
        return None
    wanted = set(scopes) if scopes else set(client.scopes)
    if not wanted <= set(client.scopes):
        return None
    raw = SYSTEM_PREFIX + secrets.token_urlsafe(32)
    token = ApiToken.objects.create(
        user=client.account,
        client=client,
        name=client.name,
        key_hash=_hash(raw),
        scopes=sorted(wanted),
        expires_at=timezone.now() + settings.API_CLIENT_TOKEN_LIFETIME,
    )
    record_event(
        actor=client.account,
        event_type=CLIENT_TOKEN_ISSUED,
        subject=client,
        details={"token_id": token.pk, "scopes": token.scopes},
    )
    token.raw = raw
    return token


def bearer_of(raw: str) -> Bearer | None:
    """The account and scopes a bearer token acts with, or None for a token unknown, expired or
    revoked, or whose account may no longer sign in."""
    if not raw.startswith((PERSONAL_PREFIX, SYSTEM_PREFIX)):
        return None
    now = timezone.now()
    token = (
        ApiToken.objects.select_related("user", "client")
        .filter(key_hash=_hash(raw), revoked_at__isnull=True, expires_at__gt=now)
        .first()
    )
    if token is None or not token.user.is_active:
        return None
    if token.client is None and not may_hold_personal_tokens(token.user):
        # The person's role changed to one that holds no token (a carer, say) since they made it.
        return None
    if token.client is not None and token.client.revoked_at is not None:
        return None
    if token.last_used_at is None or now - token.last_used_at > LAST_USED_GRAIN:
        ApiToken.objects.filter(pk=token.pk).update(last_used_at=now)
    return Bearer(
        user=token.user,
        scopes=frozenset(token.scopes),
        token_id=token.pk,
        client_id=token.client.client_id if token.client else None,
    )
