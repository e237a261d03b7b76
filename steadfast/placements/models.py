"""Placements: where and with whom a child lives, for how long, and how it ended."""

from django.conf import settings
from django.db import models
from django.db.models import F, Q
from simple_history.models import HistoricalRecords

from steadfast.core.models import BaseModel, end_not_before_start


class PlacementType(models.TextChoices):
    FOSTER_CONNECTED_PERSON = "foster_connected_person", "Foster care with a connected person"
    FOSTER_APPROVED_CARER = "foster_approved_carer", "Foster care with an approved carer"
    FOSTER_AGENCY = "foster_agency", "Foster care through an agency"
    RESIDENTIAL = "residential", "Children's home"
    PLACED_WITH_PARENTS = "placed_with_parents", "Placed with parents"
    INDEPENDENT_LIVING = "independent_living", "Independent or semi-independent living"
    PLACED_FOR_ADOPTION = "placed_for_adoption", "Placed for adoption"
    OTHER = "other", "Other placement"


class EndReason(models.TextChoices):
    PLAN_MOVE_TO_PERMANENCE = "move_to_permanence", "Planned move towards permanence"
    CARER_REQUESTED = "carer_requested", "Carer asked for the child to move"
    CHILD_REQUESTED = "child_requested", "Child asked to move"
    ALLEGATION = "allegation", "Allegation or safeguarding concern"
    CARE_PLAN_CHANGED = "care_plan_changed", "Change to the care plan"
    RETURNED_HOME = "returned_home", "Returned home to family"
    ADOPTED = "adopted", "Adopted"
    SPECIAL_GUARDIANSHIP = "special_guardianship", "Special guardianship order"
    LEFT_CARE = "left_care", "Left care (18 or over)"
    CARER_CIRCUMSTANCES = "carer_circumstances", "Carer's own circumstances changed"
    PROVIDER_CLOSED = "provider_closed", "Provider closed or deregistered"
    OTHER = "other", "Other reason"


class Placement(BaseModel):
    child = models.ForeignKey("children.Child", on_delete=models.PROTECT, related_name="placements")
    household = models.ForeignKey(
        "households.Household",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="placements",
    )
    provider = models.ForeignKey(
        "households.Provider",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="placements",
    )
    placement_type = models.CharField(max_length=40, choices=PlacementType.choices)
    start_date = models.DateField()
    end_date = models.DateField(null=True, blank=True)
    end_reason = models.CharField(max_length=40, choices=EndReason.choices, blank=True)
    ending_planned = models.BooleanField(null=True, blank=True)
    approval_exception_reason = models.TextField(
        blank=True, help_text="Why a manager agreed to place outside the household's approval"
    )
    approval_exception_authorised_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
    )
    agreed_long_term_on = models.DateField(
        null=True, blank=True, help_text="When the placement was agreed as the child's home until 18"
    )
    history = HistoricalRecords()

    class Meta:
        ordering = ["-start_date", "-id"]
        constraints = [
            end_not_before_start("placement_end_not_before_start"),
            models.CheckConstraint(
                condition=Q(agreed_long_term_on__isnull=True) | Q(agreed_long_term_on__gte=F("start_date")),
                name="placement_agreed_long_term_not_before_start",
            ),
            models.CheckConstraint(
                condition=(Q(household__isnull=False) & Q(provider__isnull=True))
                | (Q(household__isnull=True) & Q(provider__isnull=False)),
                name="placement_with_one_home",
            ),
            models.CheckConstraint(
                condition=(Q(end_date__isnull=True) & Q(end_reason="") & Q(ending_planned__isnull=True))
                | (Q(end_date__isnull=False) & ~Q(end_reason="") & Q(ending_planned__isnull=False)),
                name="placement_ending_recorded_whole",
            ),
            models.UniqueConstraint(
                fields=["child"],
                condition=Q(end_date__isnull=True),
                name="placement_one_open_per_child",
            ),
        ]
        indexes = [
            models.Index(fields=["child", "start_date"]),
            models.Index(fields=["household", "end_date"]),
            models.Index(fields=["end_date"]),
        ]

    def __str__(self) -> str:
        return f"{self.child} with {self.home} from {self.start_date}"

    @property
    def home(self) -> object:
        return self.household or self.provider
