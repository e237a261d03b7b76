"""The child's voice in a decision, recorded with the Lundy model of participation: space (were
their views sought, how and where, with an advocate), voice (what they said), audience (who heard
it), influence (what changed because of each thing they asked for, or why not), and how that was
fed back to them. One record for each stability meeting, or for a significant decision taken on
its own (a planned move, contact, school)."""

from django.db import models
from django.db.models import Q
from simple_history.models import HistoricalRecords

from steadfast.core.models import BaseModel


class FeedbackMethod(models.TextChoices):
    IN_PERSON = "in_person", "In person"
    LETTER = "letter", "By letter"
    OWN_PAGE = "own_page", "Through their own page"
    ADVOCATE = "advocate", "Through their advocate"
    OTHER = "other", "Another way"


class LundyStage(models.TextChoices):
    """How far the child's voice in a decision has been followed through, in the model's order."""

    NOT_STARTED = "not_started", "Nothing recorded yet"
    NOT_SOUGHT = "not_sought", "Views not sought"
    SPACE = "space", "Space: views sought"
    VOICE = "voice", "Voice: what they said is recorded"
    AUDIENCE = "audience", "Audience: who heard it is recorded"
    INFLUENCE = "influence", "Influence: what changed is recorded"
    FED_BACK = "fed_back", "Fed back to the child"


class VoiceRecord(BaseModel):
    """The child's voice in one decision: a stability meeting (`meeting`), or a significant
    decision recorded on its own (`decision`, when and by whom)."""

    child = models.ForeignKey("children.Child", on_delete=models.PROTECT, related_name="voice_records")
    meeting = models.OneToOneField(
        "meetings.StabilityMeeting",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="voice_record",
    )
    decision = models.TextField(blank=True, help_text="What was decided, for a decision outside a meeting")
    decided_on = models.DateField(help_text="The day of the meeting or decision")
    decision_maker = models.CharField(max_length=200, blank=True, help_text="Who made the decision")
    # Space
    views_sought = models.BooleanField(null=True, blank=True)
    how_sought = models.TextField(blank=True, help_text="How and where the child's views were sought")
    advocate_helped = models.BooleanField(default=False)
    not_sought_reason = models.TextField(blank=True)
    # Voice
    child_said = models.TextField(blank=True, help_text="What the child said")
    own_words = models.BooleanField(
        default=False, help_text="Written in the child's own words, rather than written down by someone"
    )
    # Audience
    heard_by = models.TextField(blank=True, help_text="Who heard the child's views")
    # Feedback: the text written for the child, and when, how and by whom it was shared.
    feedback_text = models.TextField(blank=True)
    fed_back_on = models.DateField(null=True, blank=True)
    fed_back_how = models.CharField(max_length=20, choices=FeedbackMethod.choices, blank=True)
    fed_back_by = models.CharField(max_length=200, blank=True)
    history = HistoricalRecords()

    class Meta:
        ordering = ["-decided_on", "-id"]
        indexes = [models.Index(fields=["child", "-decided_on"])]
        constraints = [
            models.CheckConstraint(
                condition=Q(meeting__isnull=False) | ~Q(decision=""),
                name="voice_record_for_a_meeting_or_a_decision",
            ),
            models.CheckConstraint(
                condition=~Q(views_sought=False) | ~Q(not_sought_reason=""),
                name="voice_record_says_why_views_not_sought",
            ),
            models.CheckConstraint(
                condition=Q(fed_back_on__isnull=True) | ~Q(fed_back_how=""),
                name="voice_record_feedback_says_how",
            ),
        ]

    def __str__(self) -> str:
        return f"The child's voice in {self.described}"

    @property
    def described(self) -> str:
        """The decision as lists name it: the meeting, or the decision's own words."""
        if self.meeting_id:
            return str(self.meeting.get_kind_display()).lower()
        return self.decision.splitlines()[0] if self.decision else "a decision"

    @property
    def sought(self) -> bool:
        return bool(self.views_sought)

    @property
    def space_recorded(self) -> bool:
        """The space part is answered: views sought, or a reason why not."""
        return self.views_sought is True or (self.views_sought is False and bool(self.not_sought_reason))

    def stage(self, *, influence_rows: int) -> str:
        """The furthest Lundy stage reached with every stage before it recorded; `influence_rows`
        is how many things the child asked for have what came of them recorded."""
        if self.views_sought is None:
            return LundyStage.NOT_STARTED
        if not self.views_sought:
            return LundyStage.NOT_SOUGHT
        steps = (
            (LundyStage.VOICE, bool(self.child_said)),
            (LundyStage.AUDIENCE, bool(self.heard_by)),
            (LundyStage.INFLUENCE, influence_rows > 0),
            (LundyStage.FED_BACK, self.fed_back_on is not None),
        )
        reached = LundyStage.SPACE
        for stage, done in steps:
            if not done:
                break
            reached = stage
        return reached


class InfluenceOutcome(models.TextChoices):
    CHANGED = "changed", "Changed"
    PARTLY = "partly", "Partly changed"
    NOT_CHANGED = "not_changed", "Not changed"


class Influence(BaseModel):
    """One thing the child asked for, and what changed because of it, or why not."""

    record = models.ForeignKey(VoiceRecord, on_delete=models.PROTECT, related_name="influences")
    asked_for = models.TextField(help_text="What the child asked for")
    outcome = models.CharField(max_length=20, choices=InfluenceOutcome.choices)
    explanation = models.TextField(help_text="What changed because of it, or why not")
    history = HistoricalRecords()

    class Meta:
        ordering = ["id"]
        constraints = [
            models.CheckConstraint(condition=~Q(asked_for=""), name="influence_says_what_was_asked"),
            models.CheckConstraint(condition=~Q(explanation=""), name="influence_says_what_came_of_it"),
        ]

    def __str__(self) -> str:
        return f"{self.asked_for[:40]} ({self.get_outcome_display()})"
