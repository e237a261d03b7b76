"""The Safety and Well-being Grid: made for a child in a context (a stability meeting, a
supervision session, a statutory visit, a case discussion or direct work), it records who
contributed, what is working well (safety and strengths kept apart), what we are worried about
(harm, risk and complicating factors kept apart), the impact statement with the child's own
words, every contributor's 10 to 0 score with their reason, what good will look like, and the
steps that need to happen. Each statement says who made it and whether it is a fact, an opinion
or a hypothesis."""

from django.conf import settings
from django.db import models
from django.db.models import Q
from simple_history.models import HistoricalRecords

from steadfast.core.models import BaseModel
from steadfast.meetings.models import (
    STRENGTH_MARKERS,
    WORRY_MARKERS,
    Basis,
    InviteeRole,
    OwnerKind,
    PointMarker,
)


class GridContext(models.TextChoices):
    STABILITY_MEETING = "stability_meeting", "A stability meeting"
    SUPERVISION = "supervision", "A supervision session"
    STATUTORY_VISIT = "statutory_visit", "A statutory visit"
    CASE_DISCUSSION = "case_discussion", "A case discussion"
    DIRECT_WORK = "direct_work", "Direct work with the child or family"


class GridStatus(models.TextChoices):
    OPEN = "open", "Open"
    FINISHED = "finished", "Finished"


class Grid(BaseModel):
    child = models.ForeignKey("children.Child", on_delete=models.PROTECT, related_name="grids")
    context = models.CharField(max_length=30, choices=GridContext.choices)
    meeting = models.ForeignKey(
        "meetings.StabilityMeeting",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="grids",
        help_text="The stability meeting the Grid was made in",
    )
    date = models.DateField()
    impact_statement = models.TextField(
        blank=True, help_text="What life is like for the child now, in plain words"
    )
    childs_words = models.TextField(blank=True, help_text="What the child said, in their own words")
    status = models.CharField(max_length=20, choices=GridStatus.choices, default=GridStatus.OPEN)
    finished_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    finished_at = models.DateTimeField(null=True, blank=True)
    # Why a finished Grid was opened again to be corrected; kept until it is finished again.
    reopen_reason = models.TextField(blank=True)
    history = HistoricalRecords()

    class Meta:
        ordering = ["-date", "-id"]
        indexes = [models.Index(fields=["child", "-date"])]
        constraints = [
            models.CheckConstraint(
                condition=(Q(context=GridContext.STABILITY_MEETING) & Q(meeting__isnull=False))
                | (~Q(context=GridContext.STABILITY_MEETING) & Q(meeting__isnull=True)),
                name="grid_meeting_only_in_a_meeting",
            ),
            models.CheckConstraint(
                condition=~Q(status=GridStatus.FINISHED) | Q(finished_at__isnull=False),
                name="grid_finish_recorded",
            ),
        ]

    def __str__(self) -> str:
        return f"Safety and Well-being Grid for {self.child} on {self.date}"

    @property
    def is_open(self) -> bool:
        return self.status == GridStatus.OPEN


class GridContributor(BaseModel):
    """Someone who contributed to a Grid: a member of staff, or someone outside the council by
    name and role."""

    grid = models.ForeignKey(Grid, on_delete=models.PROTECT, related_name="contributors")
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    name = models.CharField(max_length=200)
    role = models.CharField(max_length=30, choices=InviteeRole.choices)
    history = HistoricalRecords()

    class Meta:
        ordering = ["id"]
        constraints = [
            models.CheckConstraint(condition=~Q(name=""), name="grid_contributor_named"),
            models.UniqueConstraint(
                fields=["grid", "user"], condition=Q(user__isnull=False), name="grid_contributor_once"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.name} ({self.get_role_display()})"

    @property
    def person_key(self) -> str:
        """Who this is, across Grids: their account, or their role and name."""
        return f"user:{self.user_id}" if self.user_id else f"{self.role}:{self.name.strip().lower()}"


class GridSection(models.TextChoices):
    WORKING_WELL = "working_well", "What's working well?"
    WORRIED = "worried", "What are we worried about?"
    GOOD_LOOKS_LIKE = "good_looks_like", "What will good look like?"


class GridStatement(BaseModel):
    """One statement in a section of the Grid, said by a contributor and marked as fact,
    opinion or hypothesis; in what's working well, as safety or strength; in what we are worried
    about, as harm, risk or complicating factor."""

    grid = models.ForeignKey(Grid, on_delete=models.PROTECT, related_name="statements")
    section = models.CharField(max_length=20, choices=GridSection.choices)
    text = models.TextField()
    contributor = models.ForeignKey(GridContributor, on_delete=models.PROTECT, related_name="statements")
    basis = models.CharField(max_length=20, choices=Basis.choices)
    marker = models.CharField(max_length=20, choices=PointMarker.choices, blank=True)
    history = HistoricalRecords()

    class Meta:
        ordering = ["section", "marker", "id"]
        constraints = [
            models.CheckConstraint(
                condition=(Q(section=GridSection.WORRIED) & Q(marker__in=WORRY_MARKERS))
                | (Q(section=GridSection.WORKING_WELL) & Q(marker__in=STRENGTH_MARKERS))
                | (Q(section=GridSection.GOOD_LOOKS_LIKE) & Q(marker="")),
                name="grid_statement_marker_fits_section",
            ),
            models.CheckConstraint(condition=~Q(text=""), name="grid_statement_has_text"),
        ]

    def __str__(self) -> str:
        return self.text[:60]


class GridScore(BaseModel):
    """One contributor's safety and well-being score, 10 (safe and well) to 0, with their
    reason. Each is kept beside the others; they are never averaged."""

    grid = models.ForeignKey(Grid, on_delete=models.PROTECT, related_name="scores")
    contributor = models.ForeignKey(GridContributor, on_delete=models.PROTECT, related_name="scores")
    score = models.PositiveSmallIntegerField()
    reason = models.TextField()
    history = HistoricalRecords()

    class Meta:
        ordering = ["score", "id"]
        constraints = [
            models.CheckConstraint(condition=Q(score__gte=0, score__lte=10), name="grid_score_0_to_10"),
            models.CheckConstraint(condition=~Q(reason=""), name="grid_score_has_reason"),
            models.UniqueConstraint(fields=["grid", "contributor"], name="grid_score_one_per_contributor"),
        ]

    def __str__(self) -> str:
        return f"{self.contributor.name}: {self.score}"


class GridStep(BaseModel):
    """A step in what needs to happen: what, who owns it, by when and how we will know it
    worked. A step of a Grid made in a stability meeting may join the meeting as a Stability
    Action (`stability_action`), which joins the Child's Plan once the meeting is authorised."""

    grid = models.ForeignKey(Grid, on_delete=models.PROTECT, related_name="steps")
    what = models.TextField()
    owner_kind = models.CharField(max_length=20, choices=OwnerKind.choices)
    owner = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    owner_name = models.CharField(max_length=200, blank=True)
    due_date = models.DateField()
    measure = models.TextField(help_text="How we will know it worked")
    stability_action = models.OneToOneField(
        "meetings.StabilityAction",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="grid_step",
        help_text="The meeting's Stability Action this step became",
    )
    history = HistoricalRecords()

    class Meta:
        ordering = ["due_date", "id"]
        constraints = [
            models.CheckConstraint(
                condition=(Q(owner_kind=OwnerKind.WORKER) & Q(owner__isnull=False))
                | (~Q(owner_kind=OwnerKind.WORKER) & Q(owner__isnull=True) & ~Q(owner_name="")),
                name="grid_step_has_an_owner",
            ),
            models.CheckConstraint(condition=~Q(what="") & ~Q(measure=""), name="grid_step_whole"),
        ]

    def __str__(self) -> str:
        return self.what[:60]

    @property
    def owner_label(self) -> str:
        if self.owner_kind == OwnerKind.WORKER:
            return str(self.owner)
        return f"{self.owner_name} ({self.get_owner_kind_display().lower()})"
