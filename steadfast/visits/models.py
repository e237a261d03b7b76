"""The child's social worker's statutory visits to the child, and the authority's visiting
policy: how often the child is visited in their placement."""

from django.db import models
from django.db.models import Q
from simple_history.models import HistoricalRecords

from steadfast.core.jinja2 import govuk_date
from steadfast.core.models import BaseModel


class VisitingPolicy(BaseModel):
    """How often a child in care is visited by their social worker, as the authority sets it.
    The newest row is the one in force; with none, the defaults in `rules.DEFAULT_POLICY` apply."""

    first_visit_within_days = models.PositiveSmallIntegerField(
        help_text="The first visit is due within this many days of a placement starting"
    )
    interval_days = models.PositiveSmallIntegerField(
        help_text=(
            "At most this many days between visits in the placement's first year, and after it "
            "unless the placement is agreed as long-term"
        )
    )
    long_term_interval_days = models.PositiveSmallIntegerField(
        help_text=(
            "At most this many days between visits after the placement's first year, once it is "
            "agreed as long-term"
        )
    )

    class Meta:
        verbose_name_plural = "visiting policies"
        ordering = ["-created_at", "-id"]
        constraints = [
            models.CheckConstraint(
                condition=Q(
                    first_visit_within_days__gte=1,
                    interval_days__gte=1,
                    long_term_interval_days__gte=1,
                ),
                name="visiting_policy_intervals_at_least_a_day",
            )
        ]

    def __str__(self) -> str:
        return (
            f"First visit within {self.first_visit_within_days} days, then every "
            f"{self.interval_days}; every {self.long_term_interval_days} once long-term"
        )


class StatutoryVisit(BaseModel):
    """One visit by the child's social worker to the child: the home they were living in that
    day, where the visit took place, whether the child was seen and seen alone, what they said
    in their own words, and what the worker observed."""

    child = models.ForeignKey("children.Child", on_delete=models.PROTECT, related_name="statutory_visits")
    date = models.DateField()
    # The placement the child was living in on the visit's date, worked out from the date when
    # the visit is recorded. Empty only for a visit recorded before homes were recorded whose
    # date falls in no placement; every visit recorded since has one.
    placement = models.ForeignKey(
        "placements.Placement",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="statutory_visits",
        help_text="The home the child was living in on the day of the visit",
    )
    place = models.CharField(max_length=200, help_text="Where the visit took place")
    child_seen = models.BooleanField()
    seen_alone = models.BooleanField(default=False)
    child_said = models.TextField(blank=True, help_text="What the child said, in their own words")
    observations = models.TextField(blank=True)
    history = HistoricalRecords()

    class Meta:
        ordering = ["-date", "-id"]
        indexes = [models.Index(fields=["child", "-date"])]
        constraints = [
            models.CheckConstraint(condition=~Q(place=""), name="statutory_visit_has_place"),
            models.CheckConstraint(
                condition=Q(child_seen=True) | Q(seen_alone=False),
                name="statutory_visit_seen_alone_only_when_seen",
            ),
            models.CheckConstraint(
                condition=Q(child_seen=False) | ~Q(child_said=""),
                name="statutory_visit_child_said_when_seen",
            ),
        ]

    def __str__(self) -> str:
        return f"Statutory visit to {self.child} on {self.date}"

    @property
    def home(self) -> object | None:
        """The household or provider the child was living with on the day of the visit."""
        return self.placement.home if self.placement_id else None

    @property
    def described(self) -> str:
        """The visit as lists and confirmations name it: Visit on 3 March 2026, at the Okafor
        household."""
        home = self.home
        where = f"at {home}" if home is not None else "home not recorded"
        return f"Visit on {govuk_date(self.date)}, {where}"
