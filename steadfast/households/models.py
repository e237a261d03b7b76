"""Fostering households and the providers (children's homes, agencies) children live with."""

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.text import get_text_list
from simple_history.models import HistoricalRecords

from steadfast.core.models import BaseModel


class ApprovalKind(models.TextChoices):
    SHORT_TERM = "short_term", "Short-term"
    LONG_TERM = "long_term", "Long-term"
    RESPITE = "respite", "Respite"
    CONNECTED_PERSON = "connected_person", "Connected person"


class Household(BaseModel):
    name = models.CharField(max_length=200, help_text="For example, the Okafor household")
    reference = models.CharField(max_length=20, unique=True)
    address_line_1 = models.CharField(max_length=200)
    address_line_2 = models.CharField(max_length=200, blank=True)
    town = models.CharField(max_length=100)
    postcode = models.CharField(max_length=10)
    approval_kind = models.CharField(max_length=20, choices=ApprovalKind.choices)
    approved_age_from = models.PositiveSmallIntegerField(default=0)
    approved_age_to = models.PositiveSmallIntegerField(default=17)
    approved_places = models.PositiveSmallIntegerField(default=1)
    approval_date = models.DateField()
    restricted = models.BooleanField(default=False)
    history = HistoricalRecords()

    class Meta:
        ordering = ["name", "id"]
        constraints = [
            models.CheckConstraint(
                condition=Q(approved_age_to__gte=models.F("approved_age_from")),
                name="household_age_range_in_order",
            ),
            models.CheckConstraint(
                condition=Q(approved_places__gte=1), name="household_approved_for_a_child"
            ),
        ]

    def __str__(self) -> str:
        return self.name

    @property
    def carer_names(self) -> str:
        """The approved carers' names, "Jan Whitlock and Sam Whitlock", or "" when none is
        recorded. Reads the members `selectors.carers_prefetch` read with the list, else asks."""
        names = sorted(m.full_name for m in self.members.all() if m.role == MemberRole.APPROVED_CARER)
        return get_text_list(names, "and")

    @property
    def label(self) -> str:
        """How every list names the household: its name, its reference and its approved carers,
        "The Whitlock household (FH-0042; Jan Whitlock and Sam Whitlock)", so that two of the
        same name are told apart (ADR 0043)."""
        carers = self.carer_names
        return f"{self.name} ({self.reference}; {carers})" if carers else f"{self.name} ({self.reference})"


class MemberRole(models.TextChoices):
    APPROVED_CARER = "approved_carer", "Approved carer"
    CARERS_CHILD = "carers_child", "Carer's own child"
    OTHER_ADULT = "other_adult", "Other adult in the household"
    OTHER_CHILD = "other_child", "Other child in the household"


class HouseholdMember(BaseModel):
    """Everyone who lives in the household. An approved carer may have a sign-in of their own."""

    household = models.ForeignKey(Household, on_delete=models.PROTECT, related_name="members")
    full_name = models.CharField(max_length=200)
    role = models.CharField(max_length=20, choices=MemberRole.choices)
    date_of_birth = models.DateField(null=True, blank=True)
    user = models.OneToOneField(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="household_membership",
    )
    history = HistoricalRecords()

    class Meta:
        ordering = ["role", "full_name"]

    def __str__(self) -> str:
        return self.full_name


class ProviderKind(models.TextChoices):
    CHILDRENS_HOME = "childrens_home", "Children's home"
    AGENCY = "agency", "Independent fostering agency"
    OTHER = "other", "Other provider"


class Provider(BaseModel):
    name = models.CharField(max_length=200)
    kind = models.CharField(max_length=20, choices=ProviderKind.choices)
    key_worker_name = models.CharField(max_length=200, blank=True)
    town = models.CharField(max_length=100, blank=True)
    history = HistoricalRecords()

    class Meta:
        ordering = ["name", "id"]

    def __str__(self) -> str:
        return self.name
