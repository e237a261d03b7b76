"""The supervising social worker's supervision of a fostering household, with the placement
stability scale for each child placed, and the authority's policy on how often it happens."""

from django.db import models
from django.db.models import Q
from simple_history.models import HistoricalRecords

from steadfast.core.models import BaseModel


class SupervisionTopic(models.TextChoices):
    SAFER_CARING = "safer_caring", "Safer caring"
    TRAINING = "training", "Training and development"
    WELLBEING = "wellbeing", "The carers' wellbeing"
    CHILDREN_PLACED = "children_placed", "Each child placed"
    OWN_CHILDREN = "own_children", "The carers' own children"


class SupervisionPolicy(BaseModel):
    """How often each household is supervised, as the authority sets it. The newest row is the
    one in force; with none, the defaults in `rules.DEFAULT_POLICY` apply."""

    first_year_interval_days = models.PositiveSmallIntegerField(
        help_text="At most this many days between sessions in the first year after approval"
    )
    later_interval_days = models.PositiveSmallIntegerField(
        help_text="At most this many days between sessions after the first year"
    )
    unannounced_interval_days = models.PositiveSmallIntegerField(
        help_text="At most this many days between unannounced visits"
    )

    class Meta:
        verbose_name_plural = "supervision policies"
        ordering = ["-created_at", "-id"]
        constraints = [
            models.CheckConstraint(
                condition=Q(
                    first_year_interval_days__gte=1,
                    later_interval_days__gte=1,
                    unannounced_interval_days__gte=1,
                ),
                name="supervision_policy_intervals_at_least_a_day",
            )
        ]

    def __str__(self) -> str:
        return (
            f"Every {self.first_year_interval_days} days in the first year, then every "
            f"{self.later_interval_days}; unannounced every {self.unannounced_interval_days}"
        )


class SupervisionSession(BaseModel):
    household = models.ForeignKey(
        "households.Household", on_delete=models.PROTECT, related_name="supervision_sessions"
    )
    date = models.DateField()
    unannounced = models.BooleanField(default=False)
    present = models.CharField(max_length=500, help_text="Who was there")
    topics = models.JSONField(default=list, blank=True)
    household_managing = models.TextField(help_text="How the household is managing")
    actions = models.TextField(blank=True)
    history = HistoricalRecords()

    class Meta:
        ordering = ["-date", "-id"]
        indexes = [models.Index(fields=["household", "-date"])]

    def __str__(self) -> str:
        return f"Supervision of {self.household} on {self.date}"

    def topic_labels(self) -> list[str]:
        labels = dict(SupervisionTopic.choices)
        return [labels.get(t, t) for t in self.topics]


class PlacementStabilityScale(BaseModel):
    """In supervision, how stable the placement of one child feels, 0 to 10, and why."""

    session = models.ForeignKey(SupervisionSession, on_delete=models.PROTECT, related_name="scales")
    child = models.ForeignKey("children.Child", on_delete=models.PROTECT, related_name="stability_scales")
    score = models.PositiveSmallIntegerField()
    reason = models.TextField()
    history = HistoricalRecords()

    class Meta:
        ordering = ["-session__date", "-id"]
        constraints = [
            models.CheckConstraint(condition=Q(score__gte=0, score__lte=10), name="stability_scale_0_to_10"),
            models.CheckConstraint(condition=~Q(reason=""), name="stability_scale_has_reason"),
            models.UniqueConstraint(fields=["session", "child"], name="stability_scale_once_per_child"),
        ]

    def __str__(self) -> str:
        return f"{self.child}: {self.score}"


class ScaleNotGiven(BaseModel):
    """In supervision, why no placement stability scale was given for a child placed with the
    household that day: every child placed has a scale or this."""

    session = models.ForeignKey(SupervisionSession, on_delete=models.PROTECT, related_name="scales_not_given")
    child = models.ForeignKey("children.Child", on_delete=models.PROTECT, related_name="scales_not_given")
    reason = models.TextField()
    history = HistoricalRecords()

    class Meta:
        ordering = ["-session__date", "-id"]
        constraints = [
            models.CheckConstraint(condition=~Q(reason=""), name="scale_not_given_has_reason"),
            models.UniqueConstraint(fields=["session", "child"], name="scale_not_given_once_per_child"),
        ]

    def __str__(self) -> str:
        return f"{self.child}: no scale"
