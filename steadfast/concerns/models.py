"""Stability concerns: someone says a home is under strain, and a manager decides what happens
next, with a management oversight note on the child's and the household's record."""

from django.conf import settings
from django.db import models
from django.db.models import Q
from simple_history.models import HistoricalRecords

from steadfast.core.models import BaseModel


class Urgency(models.TextChoices):
    BREAKDOWN_IMMINENT = "breakdown_imminent", "Breakdown imminent"
    UNDER_PRESSURE = "under_pressure", "Home under pressure"
    PREVENTIVE = "preventive", "Preventive: early, or at planning"


class InstabilityFactor(models.TextChoices):
    FRAGILE_RELATIONSHIPS = "fragile_relationships", "Fragile relationships"
    CHILD_DISTRESS = "child_distress", "The child is overwhelmed by distress"
    CARER_WELLBEING = "carer_wellbeing", "The carer's wellbeing, knowledge or skills"
    CONCERN_OR_ALLEGATION = "concern_or_allegation", "A concern or allegation"
    SCHOOL = "school", "School attendance or exclusion"
    MISSING = "missing", "Missing episodes"
    AGGRESSION_OR_SELF_HARM = "aggression_or_self_harm", "Aggression or self-harm"
    BIRTH_FAMILY_CONTACT = "birth_family_contact", "Contact with birth family"
    CONFLICT_WITH_CHILDREN = "conflict_with_children", "Conflict with other children in the home"
    CARER_CIRCUMSTANCES = "carer_circumstances", "The carer's own circumstances"
    CARER_MAY_NOT_GO_ON = "carer_may_not_go_on", "The carer says they may not be able to go on"
    CHILD_WANTS_TO_LEAVE = "child_wants_to_leave", "The child says they want to leave"


class RaisedBy(models.TextChoices):
    CHILD = "child", "The child or young person"
    CHILDS_REPRESENTATIVE = "childs_representative", "The child's advocate or representative"
    CARER = "carer", "The carer"
    SOCIAL_WORKER = "social_worker", "The child's social worker"
    SUPERVISING_SOCIAL_WORKER = "supervising_social_worker", "The supervising social worker"
    IRO = "iro", "The independent reviewing officer"
    MANAGER = "manager", "A manager"
    FAMILY = "family", "A parent or family member"
    OTHER_PROFESSIONAL = "other_professional", "Another professional (school, health, CAMHS, other)"


class ConcernStatus(models.TextChoices):
    AWAITING_TRIAGE = "awaiting_triage", "Awaiting a manager's decision"
    MEETING_TO_ARRANGE = "meeting_to_arrange", "Meeting to be arranged"
    MEETING_ARRANGED = "meeting_arranged", "Meeting arranged"
    OTHER_RESPONSE = "other_response", "Other response agreed"


class Response(models.TextChoices):
    MEETING = "meeting", "A stability meeting"
    SUPERVISORY_VISIT = "supervisory_visit", "A supervisory visit"
    JOINT_VISIT = "joint_visit", "A joint visit"
    CARE_PLANNING_MEETING = "care_planning_meeting", "A care planning meeting"


class MeetingKind(models.TextChoices):
    STRENGTHENING_STABILITY = "strengthening_stability", "Strengthening stability meeting"
    PLACEMENT_STABILITY = "placement_stability", "Placement stability meeting"
    FOSTERING_STABILITY = "fostering_stability", "Fostering stability meeting"
    REVIEW = "review", "Review meeting"
    DISRUPTION = "disruption", "Disruption meeting"
    LEARNING_CIRCLE = "learning_circle", "Reflective learning circle"


class ConcernTimescale(BaseModel):
    """How many working days after a concern its meeting is due, for urgencies whose timescale
    the authority sets. Breakdown imminent is always five working days."""

    urgency = models.CharField(max_length=30, choices=Urgency.choices, unique=True)
    working_days = models.PositiveSmallIntegerField()

    class Meta:
        ordering = ["urgency"]
        constraints = [
            models.CheckConstraint(
                condition=~Q(urgency=Urgency.BREAKDOWN_IMMINENT), name="imminent_timescale_is_fixed"
            ),
            models.CheckConstraint(condition=Q(working_days__gte=1), name="timescale_at_least_a_day"),
        ]

    def __str__(self) -> str:
        return f"{self.get_urgency_display()}: {self.working_days} working days"


class StabilityConcern(BaseModel):
    child = models.ForeignKey("children.Child", on_delete=models.PROTECT, related_name="concerns")
    household = models.ForeignKey(
        "households.Household",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="concerns",
        help_text="The fostering household the child lived with when the concern was raised",
    )
    raised_at = models.DateTimeField()
    raised_by = models.CharField(max_length=30, choices=RaisedBy.choices)
    raised_by_name = models.CharField(max_length=200, blank=True)
    factors = models.JSONField(default=list)
    what_is_happening = models.TextField()
    urgency = models.CharField(max_length=30, choices=Urgency.choices)
    due_date = models.DateField(help_text="When the response is due, in working days from raising")
    status = models.CharField(
        max_length=30, choices=ConcernStatus.choices, default=ConcernStatus.AWAITING_TRIAGE
    )
    triaged_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    triaged_at = models.DateTimeField(null=True, blank=True)
    response = models.CharField(max_length=30, choices=Response.choices, blank=True)
    meeting_kind = models.CharField(max_length=30, choices=MeetingKind.choices, blank=True)
    response_reason = models.TextField(blank=True)
    history = HistoricalRecords()

    class Meta:
        ordering = ["-raised_at", "-id"]
        indexes = [
            models.Index(fields=["child", "-raised_at"]),
            models.Index(fields=["household", "-raised_at"]),
        ]
        constraints = [
            models.CheckConstraint(
                condition=Q(status=ConcernStatus.AWAITING_TRIAGE, triaged_at__isnull=True, response="")
                | (
                    ~Q(status=ConcernStatus.AWAITING_TRIAGE)
                    & Q(triaged_at__isnull=False, triaged_by__isnull=False)
                    & ~Q(response="")
                ),
                name="concern_triage_recorded_whole",
            ),
            models.CheckConstraint(
                condition=~Q(response=Response.MEETING) | ~Q(meeting_kind=""),
                name="concern_meeting_has_a_kind",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.get_urgency_display()} concern for {self.child} on {self.raised_at:%Y-%m-%d}"

    def factor_labels(self) -> list[str]:
        labels = dict(InstabilityFactor.choices)
        return [labels.get(f, f) for f in self.factors]


class ManagementOversightNote(BaseModel):
    """A manager's decision and the interim support agreed, kept on both the child's and the
    household's record."""

    concern = models.ForeignKey(StabilityConcern, on_delete=models.PROTECT, related_name="oversight_notes")
    child = models.ForeignKey("children.Child", on_delete=models.PROTECT, related_name="oversight_notes")
    household = models.ForeignKey(
        "households.Household",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="oversight_notes",
    )
    decision = models.TextField()
    interim_support = models.TextField(blank=True)
    history = HistoricalRecords()

    class Meta:
        ordering = ["-created_at", "-id"]

    def __str__(self) -> str:
        return f"Management oversight note on {self.concern}"
