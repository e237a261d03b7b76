"""Assessments behind a placement: the impact and stress of fostering on the household, the
match made when a placement starts, whether siblings live together, and the carers' training."""

from django.db import models
from django.db.models import F, Q
from simple_history.models import HistoricalRecords

from steadfast.core.models import BaseModel


class ImpactReason(models.TextChoices):
    OFFENDING_OR_SUBSTANCES = "offending_or_substances", "A child placed is offending or misusing substances"
    ALLEGATION = "allegation", "After a concern or allegation"
    NEW_CHILD = "new_child", "A new child joined the household"
    SUPERVISION = "supervision", "Part of supervision"
    OTHER = "other", "Another reason"


class ImpactDomain(models.TextChoices):
    CARERS_WELLBEING = "carers_wellbeing", "The carers' wellbeing"
    COUPLE_RELATIONSHIP = "couple_relationship", "The couple relationship"
    OWN_CHILDREN = "own_children", "The carers' own children"
    OTHER_CHILDREN_PLACED = "other_children_placed", "Other children placed"
    WORK_AND_MONEY = "work_and_money", "Work and money"
    SUPPORT_NETWORK = "support_network", "Support network"
    HEALTH = "health", "Health"


class ImpactStressAssessment(BaseModel):
    """How fostering is affecting the whole household, domain by domain, with the support
    agreed. Recorded and read in full by the fostering service; the record of a child living in
    the household shows the latest one's ratings, without the evidence (ADR 0042)."""

    household = models.ForeignKey(
        "households.Household", on_delete=models.PROTECT, related_name="impact_assessments"
    )
    date = models.DateField()
    reason = models.CharField(max_length=30, choices=ImpactReason.choices)
    overall = models.TextField(help_text="The overall view of how the household is coping")
    support_plan = models.TextField(help_text="The support agreed for the household")
    history = HistoricalRecords()

    class Meta:
        ordering = ["-date", "-id"]
        indexes = [models.Index(fields=["household", "-date"])]

    def __str__(self) -> str:
        return f"Impact and stress assessment of {self.household} on {self.date}"


class ImpactDomainRating(BaseModel):
    """One domain of an impact and stress assessment, rated on a scale from 0 (not coping at
    all) to 10 (coping well), as the carers and the worker agree it, with the evidence."""

    assessment = models.ForeignKey(ImpactStressAssessment, on_delete=models.PROTECT, related_name="ratings")
    domain = models.CharField(max_length=30, choices=ImpactDomain.choices)
    rating = models.PositiveSmallIntegerField()
    evidence = models.TextField()
    history = HistoricalRecords()

    class Meta:
        constraints = [
            models.CheckConstraint(condition=Q(rating__gte=0, rating__lte=10), name="impact_rating_0_to_10"),
            models.CheckConstraint(condition=~Q(evidence=""), name="impact_rating_has_evidence"),
            models.UniqueConstraint(fields=["assessment", "domain"], name="impact_rating_once_per_domain"),
        ]

    def __str__(self) -> str:
        return f"{self.get_domain_display()}: {self.rating}"


class MatchingRecord(BaseModel):
    """Why a child and a fostering household were matched, made when the placement starts: the
    child's needs, the household's approval and strengths, the gaps, and the support planned
    from the first day rather than in answer to a crisis. One for each placement."""

    placement = models.OneToOneField(
        "placements.Placement", on_delete=models.PROTECT, related_name="matching_record"
    )
    agreed_on = models.DateField()
    childs_needs = models.TextField()
    household_strengths = models.TextField()
    gaps = models.TextField()
    support_planned = models.TextField()
    history = HistoricalRecords()

    class Meta:
        ordering = ["-agreed_on", "-id"]

    def __str__(self) -> str:
        return f"Matching record for {self.placement}"


class SiblingContext(models.TextChoices):
    PLACING_TOGETHER = "placing_together", "Placing together"
    REUNIFYING = "reunifying", "Reunifying"


class SiblingDecision(models.TextChoices):
    TOGETHER = "together", "Together"
    TOGETHER_WITH_CONDITIONS = "together_with_conditions", "Together, with conditions"
    APART = "apart", "Apart"


class SiblingAssessment(BaseModel):
    """Before siblings are placed together or reunited: each child's own needs, their
    relationship, whether they should live together or apart, and why."""

    child = models.ForeignKey("children.Child", on_delete=models.PROTECT, related_name="sibling_assessments")
    sibling = models.ForeignKey("children.Child", on_delete=models.PROTECT, related_name="+")
    assessed_on = models.DateField()
    context = models.CharField(max_length=30, choices=SiblingContext.choices)
    childs_needs = models.TextField()
    siblings_needs = models.TextField()
    relationship = models.TextField()
    decision = models.CharField(max_length=30, choices=SiblingDecision.choices)
    reasons = models.TextField()
    history = HistoricalRecords()

    class Meta:
        ordering = ["-assessed_on", "-id"]
        indexes = [models.Index(fields=["sibling", "-assessed_on"])]
        constraints = [
            models.CheckConstraint(condition=~Q(child=F("sibling")), name="sibling_assessment_two_children")
        ]

    def __str__(self) -> str:
        return f"Sibling assessment of {self.child} and {self.sibling} on {self.assessed_on}"


class TrainingCourse(models.TextChoices):
    ATTACHMENT = "attachment", "Attachment"
    BRAIN_DEVELOPMENT = "brain_development", "Brain development"
    TRAUMA_INFORMED_CARE = "trauma_informed_care", "Trauma-informed care"
    SAFER_CARING = "safer_caring", "Safer caring"
    FIRST_AID = "first_aid", "First aid"
    MANAGING_BEHAVIOUR = "managing_behaviour", "Managing behaviour"
    OTHER = "other", "Other"


class CarerTraining(BaseModel):
    """A course an approved carer completed, and when it should be refreshed."""

    member = models.ForeignKey(
        "households.HouseholdMember", on_delete=models.PROTECT, related_name="training"
    )
    course = models.CharField(max_length=30, choices=TrainingCourse.choices)
    course_name = models.CharField(
        max_length=200, blank=True, help_text="The course's name, for another course"
    )
    completed_on = models.DateField()
    refresh_due = models.DateField(null=True, blank=True)
    history = HistoricalRecords()

    class Meta:
        verbose_name_plural = "carer training"
        ordering = ["-completed_on", "-id"]
        constraints = [
            models.CheckConstraint(
                condition=~Q(course=TrainingCourse.OTHER) | ~Q(course_name=""),
                name="carer_training_other_named",
            ),
            models.CheckConstraint(
                condition=Q(refresh_due__isnull=True) | Q(refresh_due__gt=F("completed_on")),
                name="carer_training_refresh_after_completion",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.title} for {self.member}, {self.completed_on}"

    @property
    def title(self) -> str:
        return self.course_name if self.course == TrainingCourse.OTHER else self.get_course_display()
