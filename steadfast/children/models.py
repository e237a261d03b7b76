"""The child's record: identity, legal status history and relationships."""

from django.db import models
from django.db.models import Q
from simple_history.models import HistoricalRecords

from steadfast.core.models import BaseModel, end_not_before_start

from .search import folded


class Sex(models.TextChoices):
    FEMALE = "female", "Female"
    MALE = "male", "Male"


class Ethnicity(models.TextChoices):
    WHITE_BRITISH = "white_british", "White: English, Welsh, Scottish, Northern Irish or British"
    WHITE_IRISH = "white_irish", "White: Irish"
    WHITE_TRAVELLER = "white_traveller", "White: Gypsy, Roma or Irish Traveller"
    WHITE_OTHER = "white_other", "White: any other White background"
    MIXED_WHITE_BLACK_CARIBBEAN = "mixed_white_black_caribbean", "Mixed: White and Black Caribbean"
    MIXED_WHITE_BLACK_AFRICAN = "mixed_white_black_african", "Mixed: White and Black African"
    MIXED_WHITE_ASIAN = "mixed_white_asian", "Mixed: White and Asian"
    MIXED_OTHER = "mixed_other", "Mixed: any other mixed background"
    ASIAN_INDIAN = "asian_indian", "Asian or Asian British: Indian"
    ASIAN_PAKISTANI = "asian_pakistani", "Asian or Asian British: Pakistani"
    ASIAN_BANGLADESHI = "asian_bangladeshi", "Asian or Asian British: Bangladeshi"
    ASIAN_OTHER = "asian_other", "Asian or Asian British: any other Asian background"
    BLACK_CARIBBEAN = "black_caribbean", "Black or Black British: Caribbean"
    BLACK_AFRICAN = "black_african", "Black or Black British: African"
    BLACK_OTHER = "black_other", "Black or Black British: any other Black background"
    CHINESE = "chinese", "Chinese"
    OTHER = "other", "Any other ethnic group"
    REFUSED = "refused", "Refused to say"
    NOT_YET_OBTAINED = "not_yet_obtained", "Information not yet obtained"


class Child(BaseModel):
    child_identifier = models.CharField(
        "Child identifier", max_length=20, unique=True, help_text="The authority's own identifier"
    )
    legal_first_name = models.CharField(max_length=100)
    legal_last_name = models.CharField(max_length=100)
    preferred_name = models.CharField(max_length=100, blank=True)
    date_of_birth = models.DateField()
    # Only when the child has died: how long the record is kept turns on it (retention.rules).
    date_of_death = models.DateField(null=True, blank=True)
    sex = models.CharField(max_length=10, choices=Sex.choices)
    gender = models.CharField(
        max_length=100, blank=True, help_text="How the child describes their gender, if different"
    )
    ethnicity = models.CharField(max_length=40, choices=Ethnicity.choices)
    school = models.CharField(max_length=200, blank=True)
    restricted = models.BooleanField(default=False, help_text="Visible only to people granted it by name")
    # The names and identifier as searches compare them (`search.folded`), kept by `save()`.
    # Nullable so that adding it did not make SQLite rebuild the table, which would drop the
    # access rules' triggers on it (see accounts.AccessRulesVersion).
    search_text = models.CharField(max_length=400, null=True, editable=False)  # noqa: DJ001
    history = HistoricalRecords(excluded_fields=["search_text"])

    class Meta:
        ordering = ["legal_last_name", "legal_first_name", "id"]
        verbose_name_plural = "children"
        indexes = [
            models.Index(fields=["legal_last_name", "legal_first_name"]),
        ]

    def __str__(self) -> str:
        return self.display_name

    @property
    def display_name(self) -> str:
        first = self.preferred_name or self.legal_first_name
        return f"{first} {self.legal_last_name}"

    def searchable(self) -> str:
        """What a search compares: the legal and preferred names and the identifier, folded."""
        names = [self.legal_first_name, self.legal_last_name, self.preferred_name, self.child_identifier]
        return folded(" ".join(names))

    def save(self, *args, **kwargs) -> None:
        self.search_text = self.searchable()
        if kwargs.get("update_fields") is not None:
            kwargs["update_fields"] = {*kwargs["update_fields"], "search_text"}
        super().save(*args, **kwargs)


class LegalStatusKind(models.TextChoices):
    INTERIM_CARE_ORDER = "interim_care_order", "Interim care order"
    FULL_CARE_ORDER = "full_care_order", "Full care order"
    PLACEMENT_ORDER = "placement_order", "Placement order"
    VOLUNTARY_ACCOMMODATION = "voluntary_accommodation", "Accommodated by agreement (section 20)"
    EMERGENCY_PROTECTION = "emergency_protection", "Emergency protection order"
    POLICE_PROTECTION = "police_protection", "Police protection"
    REMAND = "remand", "Remanded to local authority accommodation"


class LegalStatus(BaseModel):
    child = models.ForeignKey(Child, on_delete=models.PROTECT, related_name="legal_statuses")
    status = models.CharField(max_length=40, choices=LegalStatusKind.choices)
    start_date = models.DateField()
    end_date = models.DateField(null=True, blank=True)
    history = HistoricalRecords()

    class Meta:
        ordering = ["-start_date"]
        verbose_name_plural = "legal statuses"
        constraints = [
            end_not_before_start("legal_status_end_not_before_start"),
        ]

    def __str__(self) -> str:
        return f"{self.get_status_display()} from {self.start_date}"


class RelationshipKind(models.TextChoices):
    SIBLING = "sibling", "Sibling"
    HALF_SIBLING = "half_sibling", "Half-sibling"
    PARENT = "parent", "Parent"
    GRANDPARENT = "grandparent", "Grandparent"
    OTHER_SIGNIFICANT = "other_significant", "Other significant person"


class Relationship(BaseModel):
    """Someone who matters to the child. A sibling who is also looked after is linked by record;
    everyone else is named."""

    child = models.ForeignKey(Child, on_delete=models.PROTECT, related_name="relationships")
    kind = models.CharField(max_length=30, choices=RelationshipKind.choices)
    related_child = models.ForeignKey(
        Child, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    person_name = models.CharField(max_length=200, blank=True)
    notes = models.CharField(max_length=500, blank=True)
    history = HistoricalRecords()

    class Meta:
        ordering = ["kind", "id"]
        constraints = [
            models.CheckConstraint(
                condition=Q(related_child__isnull=False) | ~Q(person_name=""),
                name="relationship_names_someone",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.get_kind_display()} of {self.child}"
