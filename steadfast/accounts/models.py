"""People, teams, allocations and explicit grants: the facts the access policy reads."""

from django.conf import settings
from django.contrib.auth.hashers import check_password
from django.contrib.auth.models import AbstractUser
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django_otp.models import Device, ThrottlingMixin, TimestampMixin
from simple_history.models import HistoricalRecords

from steadfast.core.models import BaseModel, end_not_before_start
from steadfast.core.texts import normalised_uk_mobile


class TeamKind(models.TextChoices):
    CHILDRENS_SOCIAL_WORK = "childrens_social_work", "Children's social work"
    FOSTERING = "fostering", "Fostering"
    PLACEMENT_SUPPORT = "placement_support", "Placement support"
    REVIEWING = "reviewing", "Independent reviewing"
    PERFORMANCE = "performance", "Performance and quality assurance"
    ADMINISTRATION = "administration", "Administration"


class Role(models.TextChoices):
    SOCIAL_WORKER = "social_worker", "Child's social worker"
    SUPERVISING_SOCIAL_WORKER = "supervising_social_worker", "Supervising social worker"
    TEAM_MANAGER = "team_manager", "Team manager"
    ASSISTANT_TEAM_MANAGER = "assistant_team_manager", "Assistant team manager"
    SENIOR_PRACTITIONER = "senior_practitioner", "Senior practitioner"
    IRO = "iro", "Independent reviewing officer"
    PLACEMENT_SUPPORT_WORKER = "placement_support_worker", "Placement support worker"
    FOSTERING_TEAM_MANAGER = "fostering_team_manager", "Fostering team manager"
    PERFORMANCE_ANALYST = "performance_analyst", "Performance analyst"
    ADMINISTRATOR = "administrator", "Administrator"
    # Confirms the accounts no team manager can (see ADR 0036) and watches account changes and
    # refused requests across the authority. Reads no case record.
    SECURITY_OFFICER = "security_officer", "Security officer"
    RECORDS_OFFICER = "records_officer", "Records officer"
    FOSTER_CARER = "foster_carer", "Foster carer"
    # The account of another system of the authority's (its case system, its data warehouse)
    # that calls the API with OAuth2 client credentials. It never signs in to the pages.
    CONNECTED_SYSTEM = "connected_system", "Connected system"


class Team(BaseModel):
    name = models.CharField(max_length=120, unique=True)
    kind = models.CharField(max_length=32, choices=TeamKind.choices)
    manager = models.ForeignKey(
        "accounts.User",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="managed_teams",
    )

    class Meta:
        ordering = ["name"]

    def __str__(self) -> str:
        return self.name


class UKMobileNumberField(models.CharField):
    """A UK mobile number, or blank. It may be given as 07 or +447 and nine digits, with spaces
    anywhere, and is kept as +447 and nine digits; anything else is refused with a message
    saying what to enter."""

    def __init__(self, *args, **kwargs) -> None:
        kwargs.setdefault("max_length", 13)
        super().__init__(*args, **kwargs)

    def to_python(self, value):
        value = super().to_python(value)
        return normalised_uk_mobile(value) if value and value.strip() else ""

    def formfield(self, **kwargs):
        # Room for the number as people write it, spaces and all, before it is put in one form.
        return super().formfield(**{"max_length": 20, **kwargs})


class User(AbstractUser):
    role = models.CharField(max_length=32, choices=Role.choices)
    team = models.ForeignKey(Team, on_delete=models.PROTECT, null=True, blank=True, related_name="members")
    line_manager = models.ForeignKey(
        "self", on_delete=models.PROTECT, null=True, blank=True, related_name="reports"
    )
    # For text messages (core.texts), for carers and others who give one. Personal: shown and
    # changed only in the admin, never logged.
    mobile_number = UKMobileNumberField(
        blank=True,
        help_text="A UK mobile number, like 07700 900 982, for text messages. Leave blank if none.",
    )
    # Every session begun before this moment is over: an administrator ended them.
    sessions_ended_at = models.DateTimeField(null=True, blank=True, editable=False)
    # Separation of duties (ADR 0036): an account reads no record until its owner has activated
    # it, setting their own password through a link sent to them, and a manager (not whoever
    # made or changed it) has confirmed its role and team. A change that may widen what it
    # reads (its role, its team, being switched back on) asks for confirmation again.
    activated_at = models.DateTimeField(null=True, blank=True, editable=False)
    confirmed_at = models.DateTimeField(null=True, blank=True, editable=False)
    confirmed_by = models.ForeignKey(
        "self", on_delete=models.PROTECT, null=True, blank=True, editable=False, related_name="+"
    )
    # Who made the change now waiting for confirmation: they may not confirm it themselves.
    confirmation_asked_by = models.ForeignKey(
        "self", on_delete=models.PROTECT, null=True, blank=True, editable=False, related_name="+"
    )
    confirmation_asked_at = models.DateTimeField(null=True, blank=True, editable=False)
    confirmation_refused_at = models.DateTimeField(null=True, blank=True, editable=False)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["last_name", "first_name"]

    def __str__(self) -> str:
        return self.get_full_name() or self.username

    @property
    def may_read_records(self) -> bool:
        """Activated by its owner and its role and team confirmed: until both, the access rules
        give the account no record at all."""
        return self.activated_at is not None and self.confirmed_at is not None


class RecoveryCodeDevice(TimestampMixin, ThrottlingMixin, Device):
    """A person's recovery codes, as one second factor django-otp knows: each code signs in
    once, for when the authenticator app is not to hand. The codes are stored only as password
    hashes, so a copy of the database gives none of them away."""

    class Meta(Device.Meta):
        verbose_name = "recovery codes"

    def get_throttle_factor(self) -> int:
        # As django-otp's own devices: after n wrong codes in a row, 2^(n-1) seconds' wait.
        return getattr(settings, "OTP_RECOVERY_CODE_THROTTLE_FACTOR", 1)

    def verify_token(self, token) -> bool:
        allowed, _ = self.verify_is_allowed()
        if not allowed:
            return False
        typed = normalised_recovery_code(str(token))
        match = (
            next((c for c in self.codes.all() if check_password(typed, c.code_hash)), None) if typed else None
        )
        if match is None:
            self.throttle_increment()
            return False
        match.delete()
        self.throttle_reset(commit=False)
        self.set_last_used_timestamp(commit=False)
        self.save()
        return True


def normalised_recovery_code(text: str) -> str:
    """A recovery code as stored: lower case, without the spaces and hyphens people type."""
    return "".join(ch for ch in text.lower() if ch.isalnum())[:32]


class RecoveryCode(models.Model):
    """One unused recovery code, hashed. A code is deleted when it is used."""

    device = models.ForeignKey(RecoveryCodeDevice, on_delete=models.CASCADE, related_name="codes")
    code_hash = models.CharField(max_length=200)

    def __str__(self) -> str:
        return f"Recovery code {self.pk}"


class AllocationRole(models.TextChoices):
    SOCIAL_WORKER = "social_worker", "Child's social worker"
    IRO = "iro", "Independent reviewing officer"
    PLACEMENT_SUPPORT = "placement_support", "Placement support worker"


# Which roles may hold which allocation to a child.
ROLES_FOR_ALLOCATION = {
    AllocationRole.SOCIAL_WORKER: {
        Role.SOCIAL_WORKER,
        Role.SENIOR_PRACTITIONER,
        Role.ASSISTANT_TEAM_MANAGER,
        Role.TEAM_MANAGER,
    },
    AllocationRole.IRO: {Role.IRO},
    AllocationRole.PLACEMENT_SUPPORT: {Role.PLACEMENT_SUPPORT_WORKER},
}


class Allocation(BaseModel):
    """A worker allocated to a child for a period, in one capacity."""

    worker = models.ForeignKey(User, on_delete=models.PROTECT, related_name="allocations")
    child = models.ForeignKey("children.Child", on_delete=models.PROTECT, related_name="allocations")
    role = models.CharField(max_length=32, choices=AllocationRole.choices)
    start_date = models.DateField()
    end_date = models.DateField(null=True, blank=True)
    history = HistoricalRecords()

    class Meta:
        ordering = ["-start_date"]
        constraints = [
            end_not_before_start("allocation_end_not_before_start"),
        ]
        indexes = [models.Index(fields=["child", "end_date"]), models.Index(fields=["worker", "end_date"])]

    def __str__(self) -> str:
        return f"{self.worker} as {self.get_role_display()} for {self.child}"


class HouseholdAllocation(BaseModel):
    """A supervising social worker allocated to a fostering household for a period."""

    worker = models.ForeignKey(User, on_delete=models.PROTECT, related_name="household_allocations")
    household = models.ForeignKey(
        "households.Household", on_delete=models.PROTECT, related_name="allocations"
    )
    start_date = models.DateField()
    end_date = models.DateField(null=True, blank=True)
    history = HistoricalRecords()

    class Meta:
        ordering = ["-start_date"]
        constraints = [
            end_not_before_start("household_allocation_end_not_before_start"),
        ]
        indexes = [models.Index(fields=["household", "end_date"])]

    def __str__(self) -> str:
        return f"{self.worker} supervising {self.household}"


class GrantKind(models.TextChoices):
    NAMED = "named", "Granted by name"
    EMERGENCY = "emergency", "Opened in an emergency"


class AccessGrant(BaseModel):
    """Explicit, named permission to see one child's or one household's record: granted by a
    manager (`named`, until revoked), or taken by a member of staff who opened a child's record
    in an emergency (`emergency`, until `expires_at` or revoked, whichever comes first)."""

    user = models.ForeignKey(User, on_delete=models.PROTECT, related_name="access_grants")
    child = models.ForeignKey(
        "children.Child", on_delete=models.PROTECT, null=True, blank=True, related_name="grants"
    )
    household = models.ForeignKey(
        "households.Household",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="grants",
    )
    reason = models.CharField(max_length=500)
    kind = models.CharField(max_length=16, choices=GrantKind.choices, default=GrantKind.NAMED)
    expires_at = models.DateTimeField(null=True, blank=True)
    revoked_at = models.DateTimeField(null=True, blank=True)
    history = HistoricalRecords()

    class Meta:
        constraints = [
            models.CheckConstraint(
                condition=(Q(child__isnull=False) & Q(household__isnull=True))
                | (Q(child__isnull=True) & Q(household__isnull=False)),
                name="grant_names_one_record",
            ),
            # An emergency opening is of a child's record and always ends.
            models.CheckConstraint(
                condition=~Q(kind="emergency") | (Q(expires_at__isnull=False) & Q(child__isnull=False)),
                name="emergency_grant_ends_and_names_a_child",
            ),
        ]
        indexes = [models.Index(fields=["kind", "created_at"])]

    def __str__(self) -> str:
        return f"{self.user} granted {self.child or self.household}"


class AccessRulesVersion(models.Model):
    """One row whose value changes, in the same transaction, whenever anything the access rules
    read changes: users' roles, teams and managers, allocations, grants, placements, carers'
    households and restricted records. Database triggers change it (see the migration that adds
    them), so a queryset `update()` or a raw write changes it too. A request that reads only keeps
    what a user may see between requests under this value (`access.remember_visibility`).

    The value is random rather than counted up, so that a transaction rolled back and another
    begun never meet the same value with different records."""

    value = models.BigIntegerField(default=0)

    def __str__(self) -> str:
        return f"Access rules version {self.value}"


class Scope(models.TextChoices):
    """What an API token may do, on top of what its account may see and change."""

    READ = "read", "Read the records the account may see"
    WRITE_CHILDREN = "write:children", "Add and change children, placements, allocations and legal status"
    WRITE_CONCERNS = "write:concerns", "Raise concerns"
    WRITE_LOGS = "write:logs", "Write carers' logs"
    WRITE_VISITS = "write:visits", "Record statutory visits"
    WRITE_ACTIONS = "write:actions", "Record how Stability Actions went, for their review"


class ApiClient(models.Model):
    """Another system of the authority's, registered by an administrator to call the API with
    OAuth2 client credentials. It acts as its own account (role "connected system"), which sees
    the records of the teams named here and the children it sent, never a restricted record.
    Only a hash of its secret is kept; the secret is shown once, when it is made."""

    name = models.CharField(max_length=120, unique=True)
    client_id = models.CharField(max_length=64, unique=True)
    secret_hash = models.CharField(max_length=64)
    account = models.OneToOneField(User, on_delete=models.PROTECT, related_name="api_client")
    scopes = models.JSONField(default=list)
    teams = models.ManyToManyField(Team, related_name="api_clients")
    registered_by = models.ForeignKey(User, on_delete=models.PROTECT, related_name="+")
    created_at = models.DateTimeField(auto_now_add=True)
    revoked_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["name"]

    def __str__(self) -> str:
        return self.name


class ApiToken(models.Model):
    """A bearer token for the API, acting as `user` with `scopes`, until `expires_at` or until
    revoked. A person makes their own (a personal access token, `client` empty); a registered
    system gets short-lived ones from the token endpoint. Only the SHA-256 of the token is kept:
    it is random and long, so a slow hash would add nothing but time to every call."""

    user = models.ForeignKey(User, on_delete=models.PROTECT, related_name="api_tokens")
    client = models.ForeignKey(
        ApiClient, on_delete=models.CASCADE, null=True, blank=True, related_name="tokens"
    )
    name = models.CharField(max_length=120)
    key_hash = models.CharField(max_length=64, unique=True)
    scopes = models.JSONField(default=list)
    created_at = models.DateTimeField(auto_now_add=True)
    expires_at = models.DateTimeField()
    last_used_at = models.DateTimeField(null=True, blank=True)
    revoked_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-created_at", "-id"]
        indexes = [models.Index(fields=["user", "-created_at"], name="api_token_user_idx")]

    def __str__(self) -> str:
        return f"{self.name} ({self.user})"

    @property
    def state(self) -> str:
        """The token's state as of now: "revoked", "expired" or "active". Revoked wins over
        expired, since it was someone's decision."""
        if self.revoked_at is not None:
            return "revoked"
        if self.expires_at <= timezone.now():
            return "expired"
        return "active"
