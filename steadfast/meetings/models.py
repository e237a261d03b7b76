"""Stability meetings: who is invited and what they said before it, what was said and scored
in it, the Stability Actions agreed, the manager's authorisation, and who received the minutes.
Review meetings look back at the actions; disruption meetings and learning circles look back
at a home that ended."""

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils import timezone
from simple_history.models import HistoricalRecords

from steadfast.concerns.models import MeetingKind
from steadfast.core.models import BaseModel


class MeetingStatus(models.TextChoices):
    PLANNED = "planned", "Planned"
    DRAFT = "draft", "Record in draft"
    AWAITING_AUTHORISATION = "awaiting_authorisation", "Awaiting authorisation"
    RETURNED = "returned", "Returned with comments"
    AUTHORISED = "authorised", "Authorised"
    CANCELLED = "cancelled", "Cancelled"


class ChairRole(models.TextChoices):
    TEAM_MANAGER = "team_manager", "Team manager"
    ASSISTANT_TEAM_MANAGER = "assistant_team_manager", "Assistant team manager"
    SENIOR_PRACTITIONER = "senior_practitioner", "Senior practitioner"
    FOSTERING_TEAM_MANAGER = "fostering_team_manager", "Fostering team manager"
    INDEPENDENT_CHAIR = "independent_chair", "Independent chair"


class ReviewOutcome(models.TextChoices):
    HOME_STABLE = "home_stable", "The home is stable"
    SUPPORT_CONTINUES = "support_continues", "Support continues"
    PLANNED_MOVE = "planned_move", "A planned and supported move"
    PLACEMENT_ENDED = "placement_ended", "The placement ended"


class LearningTheme(models.TextChoices):
    RECORDING = "recording", "Recording"
    SUPERVISION = "supervision", "Supervision"
    VISITING = "visiting", "Visiting"
    SUPPORT = "support", "Support"
    ESCALATION = "escalation", "Escalation"
    PLANNING = "planning", "Planning"
    MATCHING = "matching", "Matching"
    ASSESSMENT = "assessment", "Assessment"
    TRAINING = "training", "Training"
    JOINT_WORKING = "joint_working", "Joint working"
    WORDS_AND_PICTURES = "words_and_pictures", "Words and pictures"


class MeetingTimescale(BaseModel):
    """How many working days after a placement ends its disruption meeting or learning circle
    is due, as the authority sets it."""

    kind = models.CharField(
        max_length=30,
        unique=True,
        choices=[(k, MeetingKind(k).label) for k in (MeetingKind.DISRUPTION, MeetingKind.LEARNING_CIRCLE)],
    )
    working_days = models.PositiveSmallIntegerField()

    class Meta:
        ordering = ["kind"]
        constraints = [
            models.CheckConstraint(condition=Q(working_days__gte=1), name="meeting_timescale_at_least_a_day")
        ]

    def __str__(self) -> str:
        return f"{self.get_kind_display()}: {self.working_days} working days"


class StandingMeetingManager(models.Manager):
    """Meetings that stand. A cancelled meeting stays on the child's and the household's
    records (`StabilityMeeting.with_cancelled`), but counts nowhere else: not as held, not as
    due, not as answering a concern."""

    def get_queryset(self) -> models.QuerySet:
        return super().get_queryset().exclude(status=MeetingStatus.CANCELLED)


class StabilityMeeting(BaseModel):
    child = models.ForeignKey("children.Child", on_delete=models.PROTECT, related_name="meetings")
    household = models.ForeignKey(
        "households.Household",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="meetings",
        help_text="The fostering household the meeting is about",
    )
    concern = models.ForeignKey(
        "concerns.StabilityConcern",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="meetings",
    )
    reviews = models.ForeignKey(
        "self",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="review_meetings",
        help_text="The meeting whose actions this review meeting looks at",
    )
    placement = models.ForeignKey(
        "placements.Placement",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="meetings",
        help_text="For a disruption meeting or learning circle, the placement that ended",
    )
    kind = models.CharField(max_length=30, choices=MeetingKind.choices)
    status = models.CharField(max_length=30, choices=MeetingStatus.choices, default=MeetingStatus.PLANNED)
    due_date = models.DateField(null=True, blank=True)
    scheduled_at = models.DateTimeField()
    venue = models.CharField(max_length=300, help_text="The place, or how to join the call")
    chair = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    chair_name = models.CharField(max_length=200, blank=True, help_text="An independent chair's name")
    chair_role = models.CharField(max_length=30, choices=ChairRole.choices)
    # The tab the record was last saved from (a token its form carries): a save drawn from an
    # older version is refused unless every save since came from the same tab. Emptied by every
    # other change (sent, authorised, moved...), which a tab open before it never saw.
    record_editor = models.CharField(max_length=32, blank=True, editable=False)
    opening = models.TextField(blank=True)
    perspective = models.TextField(blank=True)
    impact = models.TextField(blank=True)
    solutions = models.TextField(blank=True)
    summary = models.TextField(blank=True)
    next_review_date = models.DateField(null=True, blank=True)
    outcome = models.CharField(max_length=30, choices=ReviewOutcome.choices, blank=True)
    what_happened = models.TextField(blank=True)
    lessons = models.TextField(blank=True)
    repair_and_relationships = models.TextField(blank=True)
    themes = models.JSONField(default=list, blank=True)
    submitted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    submitted_at = models.DateTimeField(null=True, blank=True)
    authorised_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    authorised_at = models.DateTimeField(null=True, blank=True)
    return_comments = models.TextField(blank=True)
    returned_at = models.DateTimeField(null=True, blank=True)
    # Why an authorised record was reopened; the next authorisation makes it a new version.
    correction_reason = models.TextField(blank=True)
    cancelled_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    cancelled_at = models.DateTimeField(null=True, blank=True)
    cancellation_reason = models.TextField(blank=True)
    history = HistoricalRecords()

    objects = StandingMeetingManager()
    with_cancelled = models.Manager()

    class Meta:
        ordering = ["-scheduled_at", "-id"]
        indexes = [
            models.Index(fields=["child", "-scheduled_at"]),
            models.Index(fields=["household", "-scheduled_at"]),
            models.Index(fields=["status", "due_date"]),
        ]
        constraints = [
            models.CheckConstraint(
                condition=~Q(chair_role=ChairRole.INDEPENDENT_CHAIR) | ~Q(chair_name=""),
                name="meeting_independent_chair_named",
            ),
            models.CheckConstraint(
                condition=Q(chair_role=ChairRole.INDEPENDENT_CHAIR) | Q(chair__isnull=False),
                name="meeting_chair_chosen",
            ),
            models.CheckConstraint(
                condition=~Q(status=MeetingStatus.AUTHORISED)
                | Q(authorised_by__isnull=False, authorised_at__isnull=False),
                name="meeting_authorisation_recorded_whole",
            ),
            models.CheckConstraint(
                condition=~Q(status=MeetingStatus.CANCELLED)
                | (Q(cancelled_at__isnull=False) & ~Q(cancellation_reason="")),
                name="meeting_cancellation_recorded_whole",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.get_kind_display()} for {self.child} on {self.scheduled_at:%Y-%m-%d}"

    @property
    def chair_label(self) -> str:
        who = self.chair_name if self.chair_role == ChairRole.INDEPENDENT_CHAIR else str(self.chair)
        return f"{who} ({self.get_chair_role_display().lower()})"

    @property
    def held(self) -> bool:
        """Has the meeting's time come? Its record can be written up only from then."""
        return self.scheduled_at <= timezone.now()

    @property
    def looks_back(self) -> bool:
        """Disruption meetings and learning circles record what happened and the lessons,
        rather than the three columns and a plan."""
        return self.kind in (MeetingKind.DISRUPTION, MeetingKind.LEARNING_CIRCLE)

    def theme_labels(self) -> list[str]:
        labels = dict(LearningTheme.choices)
        return [labels.get(t, t) for t in self.themes]


class InviteeRole(models.TextChoices):
    CHILD = "child", "The child or young person"
    ADVOCATE = "advocate", "The child's advocate"
    CARER = "carer", "Carer"
    SOCIAL_WORKER = "social_worker", "Child's social worker"
    SUPERVISING_SOCIAL_WORKER = "supervising_social_worker", "Supervising social worker"
    TEAM_MANAGER = "team_manager", "Team manager"
    PLACEMENT_SUPPORT = "placement_support", "Placement support team"
    IRO = "iro", "Independent reviewing officer"
    PARENT = "parent", "Parent"
    VIRTUAL_SCHOOL = "virtual_school", "Virtual school lead"
    CIC_NURSE = "cic_nurse", "Children in care nurse"
    CAMHS = "camhs", "CAMHS"
    OTHER = "other", "Someone else"


class InviteeGroup(models.TextChoices):
    CORE = "core", "Core group"
    VIEWS_SOUGHT = "views_sought", "Views sought"


class ViewsGathered(models.TextChoices):
    DIRECT = "direct", "Directly from the child"
    ADVOCATE = "advocate", "Through their advocate"
    OBSERVATION = "observation", "By observation (for younger children)"
    # Only the child's own page records this: a worker recording views chooses one of the others.
    OWN_PAGE = "own_page", "In their own words, through their own page"


class Invitee(BaseModel):
    """Someone invited to a meeting, or whose views are sought for it, with the views they gave
    before it and whether they came."""

    meeting = models.ForeignKey(StabilityMeeting, on_delete=models.PROTECT, related_name="invitees")
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    name = models.CharField(max_length=200)
    role = models.CharField(max_length=30, choices=InviteeRole.choices)
    group = models.CharField(max_length=20, choices=InviteeGroup.choices)
    email = models.EmailField(blank=True)
    told_at = models.DateTimeField(null=True, blank=True)
    attended = models.BooleanField(null=True, blank=True)
    worries = models.TextField(blank=True)
    working_well = models.TextField(blank=True)
    needs_to_happen = models.TextField(blank=True)
    support_offered = models.TextField(blank=True)
    views_gathered = models.CharField(max_length=20, choices=ViewsGathered.choices, blank=True)
    views_recorded_at = models.DateTimeField(null=True, blank=True)
    views_recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    # A hash of the link an invitee outside the authority uses to send their views; the link
    # itself is only ever in the email to them.
    views_link_hash = models.CharField(max_length=64, blank=True, db_index=True)
    # A hash of the short code sent with the link: what was sent through the link is shown
    # again only to someone who also has the code, so a forwarded link alone shows nothing.
    views_code_hash = models.CharField(max_length=64, blank=True)
    views_code_failures = models.PositiveSmallIntegerField(default=0)
    # When the link was made and sent: it works for VIEWS_LINK_DAYS from then, or until the
    # meeting starts, whichever is sooner.
    views_link_sent_at = models.DateTimeField(null=True, blank=True)
    history = HistoricalRecords()

    class Meta:
        ordering = ["group", "id"]
        constraints = [
            models.CheckConstraint(
                condition=~Q(role=InviteeRole.CHILD)
                | Q(views_recorded_at__isnull=True)
                | ~Q(views_gathered=""),
                name="invitee_childs_views_say_how_gathered",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.name} ({self.get_role_display()})"

    @property
    def has_views(self) -> bool:
        return self.views_recorded_at is not None

    @property
    def person_key(self) -> str:
        """Who this is, across meetings: their account, or their role and name."""
        return f"user:{self.user_id}" if self.user_id else f"{self.role}:{self.name.strip().lower()}"


class Column(models.TextChoices):
    WORRIED = "worried", "What are we worried about?"
    WORKING_WELL = "working_well", "What is working well?"
    NEEDS_TO_HAPPEN = "needs_to_happen", "What needs to happen?"


class Basis(models.TextChoices):
    FACT = "fact", "Fact"
    OPINION = "opinion", "Opinion"
    HYPOTHESIS = "hypothesis", "Hypothesis"


class PointMarker(models.TextChoices):
    HARM = "harm", "Harm"
    RISK = "risk", "Risk"
    COMPLICATING = "complicating", "Complicating factor"
    STRENGTH = "strength", "Strength"
    SAFETY = "safety", "Safety"


WORRY_MARKERS = (PointMarker.HARM, PointMarker.RISK, PointMarker.COMPLICATING)
STRENGTH_MARKERS = (PointMarker.STRENGTH, PointMarker.SAFETY)


class MeetingPoint(BaseModel):
    """One point in the three columns, attributed to who said it."""

    meeting = models.ForeignKey(StabilityMeeting, on_delete=models.PROTECT, related_name="points")
    column = models.CharField(max_length=20, choices=Column.choices)
    text = models.TextField()
    said_by = models.ForeignKey(Invitee, on_delete=models.PROTECT, related_name="points")
    basis = models.CharField(max_length=20, choices=Basis.choices)
    marker = models.CharField(max_length=20, choices=PointMarker.choices, blank=True)
    history = HistoricalRecords()

    class Meta:
        ordering = ["column", "id"]
        constraints = [
            models.CheckConstraint(
                condition=(Q(column=Column.WORRIED) & Q(marker__in=WORRY_MARKERS))
                | (Q(column=Column.WORKING_WELL) & Q(marker__in=STRENGTH_MARKERS))
                | (Q(column=Column.NEEDS_TO_HAPPEN) & Q(marker="")),
                name="meeting_point_marker_fits_column",
            ),
        ]

    def __str__(self) -> str:
        return self.text[:60]


class StabilityScore(BaseModel):
    """One member's 0-10 score of how stable the home is, with their reason."""

    meeting = models.ForeignKey(StabilityMeeting, on_delete=models.PROTECT, related_name="scores")
    invitee = models.ForeignKey(Invitee, on_delete=models.PROTECT, related_name="scores")
    score = models.PositiveSmallIntegerField()
    reason = models.TextField()
    history = HistoricalRecords()

    class Meta:
        ordering = ["id"]
        constraints = [
            models.CheckConstraint(condition=Q(score__gte=0, score__lte=10), name="stability_score_0_to_10"),
            models.CheckConstraint(condition=~Q(reason=""), name="stability_score_has_reason"),
            models.UniqueConstraint(fields=["meeting", "invitee"], name="stability_score_one_per_member"),
        ]

    def __str__(self) -> str:
        return f"{self.invitee.name}: {self.score}"


class OwnerKind(models.TextChoices):
    WORKER = "worker", "A worker"
    CARER = "carer", "The carer"
    AGENCY = "agency", "An agency"
    NAMED_PERSON = "named_person", "A named person"


class ActionStatus(models.TextChoices):
    PROPOSED = "proposed", "Proposed"
    AGREED = "agreed", "Agreed"
    DONE = "done", "Done"
    PARTLY_DONE = "partly_done", "Partly done"
    NOT_DONE = "not_done", "Not done"


class StabilityAction(BaseModel):
    """What will happen, who owns it, by when, and how everyone will know it worked. Once its
    meeting is authorised it is part of the Child's Plan."""

    meeting = models.ForeignKey(StabilityMeeting, on_delete=models.PROTECT, related_name="actions")
    child = models.ForeignKey("children.Child", on_delete=models.PROTECT, related_name="stability_actions")
    what = models.TextField()
    owner_kind = models.CharField(max_length=20, choices=OwnerKind.choices)
    owner = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    owner_name = models.CharField(max_length=200, blank=True)
    due_date = models.DateField()
    measure = models.TextField(help_text="How everyone will know it worked")
    status = models.CharField(max_length=20, choices=ActionStatus.choices, default=ActionStatus.PROPOSED)
    history = HistoricalRecords()

    class Meta:
        ordering = ["due_date", "id"]
        indexes = [models.Index(fields=["child", "status", "due_date"])]
        constraints = [
            models.CheckConstraint(
                condition=(Q(owner_kind=OwnerKind.WORKER) & Q(owner__isnull=False))
                | (~Q(owner_kind=OwnerKind.WORKER) & Q(owner__isnull=True) & ~Q(owner_name="")),
                name="stability_action_has_an_owner",
            ),
            models.CheckConstraint(condition=~Q(what="") & ~Q(measure=""), name="stability_action_whole"),
        ]

    def __str__(self) -> str:
        return self.what[:60]

    @property
    def owner_label(self) -> str:
        if self.owner_kind == OwnerKind.WORKER:
            return str(self.owner)
        return f"{self.owner_name} ({self.get_owner_kind_display().lower()})"


class ActionReview(BaseModel):
    """A review meeting's view of one action: done, partly done or not done, and the evidence."""

    meeting = models.ForeignKey(StabilityMeeting, on_delete=models.PROTECT, related_name="action_reviews")
    action = models.ForeignKey(StabilityAction, on_delete=models.PROTECT, related_name="reviews")
    progress = models.CharField(
        max_length=20,
        choices=[
            (s, ActionStatus(s).label)
            for s in (ActionStatus.DONE, ActionStatus.PARTLY_DONE, ActionStatus.NOT_DONE)
        ],
    )
    evidence = models.TextField()
    history = HistoricalRecords()

    class Meta:
        ordering = ["id"]
        constraints = [
            models.UniqueConstraint(fields=["meeting", "action"], name="action_review_once_per_meeting"),
            models.CheckConstraint(condition=~Q(evidence=""), name="action_review_has_evidence"),
        ]

    def __str__(self) -> str:
        return f"{self.action}: {self.get_progress_display()}"


class SentBy(models.TextChoices):
    EMAIL = "email", "Email"
    POST = "post", "Post"
    BY_HAND = "by_hand", "By hand"
    PORTAL = "portal", "Carers' portal"


class MinutesCirculation(BaseModel):
    """Who the authorised minutes went to, how and when."""

    meeting = models.ForeignKey(StabilityMeeting, on_delete=models.PROTECT, related_name="circulation")
    invitee = models.ForeignKey(Invitee, on_delete=models.PROTECT, related_name="+")
    sent_on = models.DateField()
    sent_by = models.CharField(max_length=20, choices=SentBy.choices)

    class Meta:
        ordering = ["sent_on", "id"]

    def __str__(self) -> str:
        return f"Minutes to {self.invitee.name} on {self.sent_on}"


class AuthorisedVersion(BaseModel):
    """The minutes as a manager authorised them. A correction reopens the record and is
    authorised again as the next version; every earlier version stays readable as it was."""

    meeting = models.ForeignKey(
        StabilityMeeting, on_delete=models.PROTECT, related_name="authorised_versions"
    )
    number = models.PositiveSmallIntegerField()
    authorised_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    authorised_at = models.DateTimeField()
    correction_reason = models.TextField(blank=True, help_text="Why this version corrects the one before")
    minutes = models.JSONField(help_text="What the minutes said, section by section")

    class Meta:
        ordering = ["meeting", "number"]
        constraints = [
            models.UniqueConstraint(fields=["meeting", "number"], name="authorised_version_numbered_once"),
            models.CheckConstraint(
                condition=Q(number=1) | ~Q(correction_reason=""), name="authorised_correction_has_reason"
            ),
        ]

    def __str__(self) -> str:
        return f"Version {self.number} of {self.meeting}"
