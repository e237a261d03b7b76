"""Reviews of restricted records: a manager granted the record looks again, at least every
`RESTRICTED_RECORD_REVIEW_DAYS`, at whether it must stay restricted."""

from django.db import models
from django.db.models import Q

from steadfast.core.models import BaseModel


class ReviewDecision(models.TextChoices):
    KEEP = "keep", "Keep restricted"
    LIFT = "lift", "Lift the restriction"


class RestrictionReview(BaseModel):
    """One review of one restricted child's or household's record: who (`created_by`), when
    (`reviewed_at`), what they decided and why. Never changed once written."""

    child = models.ForeignKey(
        "children.Child", on_delete=models.PROTECT, null=True, blank=True, related_name="restriction_reviews"
    )
    household = models.ForeignKey(
        "households.Household",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="restriction_reviews",
    )
    decision = models.CharField(max_length=10, choices=ReviewDecision.choices)
    reason = models.TextField(max_length=2000)
    reviewed_at = models.DateTimeField()

    class Meta:
        ordering = ["-reviewed_at", "-id"]
        constraints = [
            models.CheckConstraint(
                condition=(Q(child__isnull=False) & Q(household__isnull=True))
                | (Q(child__isnull=True) & Q(household__isnull=False)),
                name="restriction_review_names_one_record",
            ),
        ]
        indexes = [
            models.Index(fields=["child", "-reviewed_at"]),
            models.Index(fields=["household", "-reviewed_at"]),
        ]

    def __str__(self) -> str:
        return f"{self.get_decision_display()} on {self.reviewed_at:%Y-%m-%d}"
