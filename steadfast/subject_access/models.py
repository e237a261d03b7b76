"""Subject access bundles: everything held about a child or a foster carer, gathered once by a
records officer for the records team."""

from django.db import models
from django.db.models import Q

from steadfast.core.models import BaseModel


class SubjectAccessBundle(BaseModel):
    """One bundle: who made it (`created_by`), when (`created_at`), about whom (a child, or one
    approved carer of a household), and what it held at that moment (`content`, the JSON the
    download gives, from which the PDF is also drawn). Kept so that what was disclosed can be
    shown later exactly as it was.

    The PDF takes long to draw, so a background task draws it once, asked for when the bundle is
    made (`pdf_requested_at`), and keeps it here (`pdf`, `pdf_made_at`), in the database with the
    rest of the record: it goes with the bundle, and is emptied (not missing, so never drawn
    again) when the record the bundle is about is destroyed. `pdf_failed_at` says the last
    drawing failed, until it is asked again."""

    child = models.ForeignKey(
        "children.Child",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="subject_access_bundles",
    )
    carer = models.ForeignKey(
        "households.HouseholdMember",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="subject_access_bundles",
    )
    subject_name = models.CharField(max_length=200)
    content = models.JSONField()
    pdf = models.BinaryField(null=True, blank=True, editable=False)
    pdf_requested_at = models.DateTimeField(null=True, blank=True)
    pdf_made_at = models.DateTimeField(null=True, blank=True)
    pdf_failed_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-created_at", "-id"]
        constraints = [
            models.CheckConstraint(
                condition=(Q(child__isnull=False) & Q(carer__isnull=True))
                | (Q(child__isnull=True) & Q(carer__isnull=False)),
                name="bundle_names_one_subject",
            ),
        ]

    def __str__(self) -> str:
        return f"Subject access bundle {self.pk} about {self.subject_name}"
