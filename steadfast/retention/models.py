"""Proposals to destroy a record past its retention date, and the second person's decision."""

from django.conf import settings
from django.db import models
from django.db.models import Q

from steadfast.core.models import BaseModel


class DestructionKind(models.TextChoices):
    CHILD = "child", "A child's record"
    HOUSEHOLD = "household", "A foster carer's record (the household)"
    AUDIT_TRAIL = "audit_trail", "Audit trail past its retention"


class ProposalStatus(models.TextChoices):
    PROPOSED = "proposed", "Waiting for a second records officer"
    CONFIRMED = "confirmed", "Confirmed: destroyed"
    REFUSED = "refused", "Refused: kept"


class DestructionProposal(BaseModel):
    """One records officer (`created_by`) proposes, with a reason; a different one decides
    (`decided_by`). Only a confirmed proposal destroys anything."""

    kind = models.CharField(max_length=20, choices=DestructionKind.choices)
    child = models.ForeignKey(
        "children.Child",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="destruction_proposals",
    )
    household = models.ForeignKey(
        "households.Household",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="destruction_proposals",
    )
    audit_before = models.DateField(null=True, blank=True, help_text="Audit rows before this day")
    reason = models.TextField(max_length=2000)
    status = models.CharField(max_length=20, choices=ProposalStatus.choices, default=ProposalStatus.PROPOSED)
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    decided_at = models.DateTimeField(null=True, blank=True)
    decision_reason = models.TextField(max_length=2000, blank=True)

    class Meta:
        ordering = ["-created_at", "-id"]
        constraints = [
            models.CheckConstraint(
                condition=(Q(kind="child") & Q(child__isnull=False) & Q(household__isnull=True))
                | (Q(kind="household") & Q(child__isnull=True) & Q(household__isnull=False))
                | (
                    Q(kind="audit_trail")
                    & Q(child__isnull=True)
                    & Q(household__isnull=True)
                    & Q(audit_before__isnull=False)
                ),
                name="destruction_proposal_names_one_record",
            ),
            # The database itself refuses a decision by the person who proposed.
            models.CheckConstraint(
                condition=Q(decided_by__isnull=True) | ~Q(decided_by=models.F("created_by")),
                name="destruction_decided_by_a_second_person",
            ),
            models.UniqueConstraint(
                fields=["child"], condition=Q(status="proposed"), name="one_open_proposal_per_child"
            ),
            models.UniqueConstraint(
                fields=["household"], condition=Q(status="proposed"), name="one_open_proposal_per_household"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.get_kind_display()}: {self.get_status_display()}"
