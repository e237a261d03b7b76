"""A foster carer's request for help (respite, therapy, advice, training, a visit, money),
acknowledged and answered within the authority's timescales, and escalated to a manager when
it is late or the help cannot be obtained; with every step kept as its history."""

import datetime

from django.conf import settings
from django.db import models
from django.db.models import Q
from simple_history.models import HistoricalRecords

from steadfast.core.models import BaseModel

from . import rules


class HelpKind(models.TextChoices):
    RESPITE = "respite", "Respite"
    THERAPY = "therapy", "Therapy"
    ADVICE = "advice", "Advice"
    TRAINING = "training", "Training"
    VISIT = "visit", "A visit"
    FINANCIAL = "financial", "Money"
    OTHER = "other", "Something else"


class HelpUrgency(models.TextChoices):
    """How soon the help is needed, in the carer's words. Each has its own response time."""

    URGENT = "urgent", "Urgent"
    SOON = "soon", "Soon"
    ROUTINE = "routine", "When it can be arranged"


class SupportRequestStatus(models.TextChoices):
    AWAITING_ACKNOWLEDGEMENT = "awaiting_acknowledgement", "Waiting to be acknowledged"
    ACKNOWLEDGED = "acknowledged", "Acknowledged"
    RESPONDED = "responded", "Answered"
    ESCALATED = "escalated", "Escalated to a manager"
    CLOSED = "closed", "Closed"


# Requests still waiting for something from the fostering service.
OPEN_STATUSES = (
    SupportRequestStatus.AWAITING_ACKNOWLEDGEMENT,
    SupportRequestStatus.ACKNOWLEDGED,
    SupportRequestStatus.ESCALATED,
)


class SupportRequestTimescale(BaseModel):
    """How soon a request for help is acknowledged and answered, in working days, as the
    authority sets it. The newest row is the one in force; with none, `rules.DEFAULT_TIMESCALE`."""

    acknowledge_working_days = models.PositiveSmallIntegerField(
        help_text="Acknowledge every request within this many working days"
    )
    urgent_working_days = models.PositiveSmallIntegerField(
        help_text="Answer an urgent request within this many working days"
    )
    soon_working_days = models.PositiveSmallIntegerField(
        help_text="Answer a request needed soon within this many working days"
    )
    routine_working_days = models.PositiveSmallIntegerField(
        help_text="Answer any other request within this many working days"
    )

    class Meta:
        ordering = ["-created_at", "-id"]
        constraints = [
            models.CheckConstraint(
                condition=Q(
                    acknowledge_working_days__gte=1,
                    urgent_working_days__gte=1,
                    soon_working_days__gte=1,
                    routine_working_days__gte=1,
                ),
                name="support_request_timescale_at_least_a_day",
            )
        ]

    def __str__(self) -> str:
        return (
            f"Acknowledge within {self.acknowledge_working_days} working days; answer within "
            f"{self.urgent_working_days} (urgent), {self.soon_working_days} (soon), "
            f"{self.routine_working_days} (routine)"
        )


class SupportRequest(BaseModel):
    household = models.ForeignKey(
        "households.Household", on_delete=models.PROTECT, related_name="support_requests"
    )
    # Empty when the help is for the household as a whole.
    child = models.ForeignKey(
        "children.Child", on_delete=models.PROTECT, null=True, blank=True, related_name="support_requests"
    )
    kind = models.CharField(max_length=20, choices=HelpKind.choices)
    urgency = models.CharField(max_length=20, choices=HelpUrgency.choices)
    what_is_needed = models.TextField()
    # Who asked is `created_by`: the carer in the portal, or a worker on the carer's behalf.
    on_behalf_of_carer = models.BooleanField(default=False)
    status = models.CharField(
        max_length=30,
        choices=SupportRequestStatus.choices,
        default=SupportRequestStatus.AWAITING_ACKNOWLEDGEMENT,
    )
    asked_at = models.DateTimeField()
    acknowledgement_due = models.DateField()
    response_due = models.DateField()
    acknowledged_at = models.DateTimeField(null=True, blank=True)
    acknowledged_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    responded_at = models.DateTimeField(null=True, blank=True)
    responded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    response = models.TextField(blank=True)
    escalated_at = models.DateTimeField(null=True, blank=True)
    escalation_reason = models.TextField(blank=True)
    escalated_to = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    closed_at = models.DateTimeField(null=True, blank=True)
    history = HistoricalRecords()

    class Meta:
        ordering = ["-asked_at", "-id"]
        indexes = [
            models.Index(fields=["household", "-asked_at"]),
            models.Index(fields=["child", "-asked_at"]),
            models.Index(fields=["status", "response_due"]),
        ]
        constraints = [
            models.CheckConstraint(
                condition=~Q(what_is_needed=""), name="support_request_says_what_is_needed"
            ),
            models.CheckConstraint(
                condition=Q(acknowledgement_due__lte=models.F("response_due")),
                name="support_request_acknowledged_before_answered",
            ),
            models.CheckConstraint(
                condition=~Q(status=SupportRequestStatus.ESCALATED) | Q(escalated_at__isnull=False),
                name="support_request_escalation_has_a_time",
            ),
        ]

    def __str__(self) -> str:
        return f"Request for {self.get_kind_display().lower()} from {self.household}"

    @property
    def is_open(self) -> bool:
        return self.status in OPEN_STATUSES

    def lateness(self, today: datetime.date) -> str:
        """Why the request is late, in plain words, or "" (see `rules.lateness`)."""
        return rules.lateness(self, today)


class UpdateKind(models.TextChoices):
    ASKED = "asked", "Asked for help"
    ACKNOWLEDGED = "acknowledged", "Acknowledged"
    RESPONDED = "responded", "Answered"
    NOT_OBTAINED = "not_obtained", "The help could not be obtained"
    ESCALATED = "escalated", "Escalated to a manager"
    CLOSED = "closed", "Closed"


class SupportRequestUpdate(BaseModel):
    """One step in a request's history, shown as its timeline."""

    request = models.ForeignKey(SupportRequest, on_delete=models.PROTECT, related_name="updates")
    kind = models.CharField(max_length=20, choices=UpdateKind.choices)
    text = models.TextField(blank=True)
    occurred_at = models.DateTimeField()
    history = HistoricalRecords()

    class Meta:
        ordering = ["occurred_at", "id"]

    def __str__(self) -> str:
        return f"{self.get_kind_display()} on {self.occurred_at:%Y-%m-%d}"
