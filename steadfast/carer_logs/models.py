"""A foster carer's log about a child placed with them, its review by the supervising social
worker, and the authority's policy on how soon a log is reviewed."""

from django.conf import settings
from django.db import models
from django.db.models import Q
from simple_history.models import HistoricalRecords

from steadfast.core.models import BaseModel


class LogCategory(models.TextChoices):
    HOME_LIFE = "home_life", "Home life"
    SCHOOL = "school", "School"
    HEALTH = "health", "Health"
    FAMILY_CONTACT = "family_contact", "Contact with family"
    BEHAVIOUR = "behaviour", "Behaviour"
    MISSING = "missing", "Missing from home"
    ACHIEVEMENT = "achievement", "Achievement"
    OTHER = "other", "Other"


class SignificantEvent(models.TextChoices):
    """A log that records one of these tells the child's social worker and the household's
    supervising social worker at once. Blank means none."""

    NONE = "", "None"
    ACCIDENT_OR_INJURY = "accident_or_injury", "Accident or injury"
    POLICE = "police", "Police involvement"
    ALLEGATION = "allegation", "Allegation"
    MISSING = "missing", "Missing"
    SERIOUS_ILLNESS = "serious_illness", "Serious illness"


class LogReviewPolicy(BaseModel):
    """How soon a log is reviewed, as the authority sets it. The newest row is in force; with
    none, `rules.DEFAULT_POLICY` applies."""

    review_within_days = models.PositiveSmallIntegerField(
        help_text="A log not reviewed more than this many days after its date is overdue"
    )

    class Meta:
        verbose_name_plural = "log review policies"
        ordering = ["-created_at", "-id"]
        constraints = [
            models.CheckConstraint(
                condition=Q(review_within_days__gte=1), name="log_review_policy_at_least_a_day"
            )
        ]

    def __str__(self) -> str:
        return f"Review each log within {self.review_within_days} days"


class CarerLog(BaseModel):
    household = models.ForeignKey("households.Household", on_delete=models.PROTECT, related_name="carer_logs")
    child = models.ForeignKey("children.Child", on_delete=models.PROTECT, related_name="carer_logs")
    date = models.DateField()
    category = models.CharField(max_length=32, choices=LogCategory.choices)
    what_happened = models.TextField()
    significant_event = models.CharField(
        max_length=32, choices=SignificantEvent.choices, blank=True, default=SignificantEvent.NONE
    )
    reviewed_at = models.DateTimeField(null=True, blank=True)
    reviewed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    review_comment = models.TextField(blank=True)
    discussed_with_carer_on = models.DateField(null=True, blank=True)
    history = HistoricalRecords()

    class Meta:
        ordering = ["date", "id"]
        indexes = [models.Index(fields=["household", "reviewed_at", "date"])]
        constraints = [
            models.CheckConstraint(condition=~Q(what_happened=""), name="carer_log_says_what_happened"),
            models.CheckConstraint(
                condition=Q(reviewed_at__isnull=True, reviewed_by__isnull=True)
                | Q(reviewed_at__isnull=False, reviewed_by__isnull=False),
                name="carer_log_reviewed_with_reviewer",
            ),
        ]

    def __str__(self) -> str:
        return f"Log of {self.date} ({self.get_category_display()})"


class CarerLogReply(BaseModel):
    """What the supervising social worker writes back to the carers about their log, which the
    carers read in their portal. The review comment is the fostering service's own, and is
    never shown to them; a reply always is."""

    log = models.ForeignKey(CarerLog, on_delete=models.PROTECT, related_name="replies")
    text = models.TextField()
    history = HistoricalRecords()

    class Meta:
        ordering = ["created_at", "id"]
        constraints = [models.CheckConstraint(condition=~Q(text=""), name="carer_log_reply_says_something")]

    def __str__(self) -> str:
        return f"Reply to the {self.log}"
