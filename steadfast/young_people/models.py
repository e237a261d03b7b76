"""A child's or young person's own page: the invitation that opens it, what they sent through
it, and the drawings or photos they added."""

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils import timezone
from simple_history.models import HistoricalRecords

from steadfast.core.models import BaseModel


class Purpose(models.TextChoices):
    MEETING = "meeting", "Before a stability meeting"
    VISIT = "visit", "Before a statutory visit"
    GENERAL = "general", "In general"


class PageVersion(models.TextChoices):
    OLDER = "older", "Older children, 8 and over, on their own"
    YOUNGER = "younger", "Younger children or children with additional needs, with a worker, in pictures"


class SentHow(models.TextChoices):
    EMAIL = "email", "By email"
    TEXT = "text", "By text message"
    QR = "qr", "As a code to scan in the room"


class Answer(models.TextChoices):
    YES = "yes", "Yes"
    NOT_SURE = "not_sure", "Not sure"
    NO = "no", "No"


class PrivateFor(models.TextChoices):
    SOCIAL_WORKER = "social_worker", "My social worker"
    IRO = "iro", "My independent reviewing officer (IRO)"
    TEAM_MANAGER = "team_manager", "My social worker's manager"


class ViewsInvitation(BaseModel):
    """An invitation to a child to give their views through their own page, by a link that
    works once, until it expires or is revoked. Only the SHA-256 of the link's token is kept;
    the token itself is only in the message or the code shown in the room."""

    child = models.ForeignKey("children.Child", on_delete=models.PROTECT, related_name="views_invitations")
    purpose = models.CharField(max_length=10, choices=Purpose.choices)
    meeting = models.ForeignKey(
        "meetings.StabilityMeeting",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="views_invitations",
    )
    page_version = models.CharField(max_length=10, choices=PageVersion.choices)
    sent_how = models.CharField(max_length=10, choices=SentHow.choices)
    token_hash = models.CharField(max_length=64, unique=True)
    expires_at = models.DateTimeField()
    used_at = models.DateTimeField(null=True, blank=True)
    # The child's own short word, hashed as passwords are: with it, a used link opens again to
    # show that what they sent arrived. Empty when they chose none.
    word_hash = models.CharField(max_length=200, blank=True)
    word_failures = models.PositiveSmallIntegerField(default=0)
    revoked_at = models.DateTimeField(null=True, blank=True)
    revoked_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    history = HistoricalRecords(excluded_fields=["token_hash", "word_hash"])

    class Meta:
        ordering = ["-created_at", "-pk"]
        constraints = [
            models.CheckConstraint(
                condition=~Q(purpose="meeting") | Q(meeting__isnull=False),
                name="views_invitation_before_a_meeting_names_it",
            ),
        ]

    def __str__(self) -> str:
        return f"Invitation to give their views ({self.get_purpose_display().lower()})"

    @property
    def state(self) -> str:
        """Stopped, used, expired, or sent and still to be used."""
        if self.revoked_at is not None:
            return "stopped"
        if self.used_at is not None:
            return "used"
        return "expired" if self.expires_at <= timezone.now() else "sent"


class ChildsViews(BaseModel):
    """What a child sent through their own page, in their own words. A message for one person
    only is shown to that person alone (`private_for_user`, who held that role when it was
    sent)."""

    invitation = models.OneToOneField(ViewsInvitation, on_delete=models.PROTECT, related_name="views")
    child = models.ForeignKey("children.Child", on_delete=models.PROTECT, related_name="own_views")
    going_well = models.TextField(blank=True)
    worrying = models.TextField(blank=True)
    better = models.TextField(blank=True)
    home_score = models.PositiveSmallIntegerField(null=True, blank=True)
    feels_safe = models.CharField(max_length=10, choices=Answer.choices, blank=True)
    feels_happy = models.CharField(max_length=10, choices=Answer.choices, blank=True)
    wants_to_come = models.CharField(max_length=10, choices=Answer.choices, blank=True)
    who_to_be_there = models.TextField(blank=True)
    private_message = models.TextField(blank=True)
    private_for = models.CharField(max_length=20, choices=PrivateFor.choices, blank=True)
    private_for_user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    # The child's social worker has read what was sent: until then it is on their My work.
    read_at = models.DateTimeField(null=True, blank=True)
    # A child not sure, or not, safe or happy is on My work as urgent until a worker says what
    # they did about it.
    acted_at = models.DateTimeField(null=True, blank=True)
    acted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    what_was_done = models.TextField(blank=True)
    history = HistoricalRecords(excluded_fields=["private_message"])

    class Meta:
        ordering = ["-created_at", "-pk"]
        verbose_name_plural = "children's views"
        constraints = [
            models.CheckConstraint(
                condition=Q(home_score__isnull=True) | Q(home_score__lte=10),
                name="childs_views_home_score_0_to_10",
            ),
            models.CheckConstraint(
                condition=Q(private_message="") | ~Q(private_for=""),
                name="childs_views_private_message_names_who_for",
            ),
        ]

    def __str__(self) -> str:
        return "Views in their own words"

    @property
    def worried_about_safety(self) -> bool:
        """The child said they do not feel, or are not sure they feel, safe or happy."""
        unsure = (Answer.NO, Answer.NOT_SURE)
        return self.feels_safe in unsure or self.feels_happy in unsure


class ChildsDrawing(BaseModel):
    """A drawing or photo a child added, drawn again as a WEBP so that nothing but the pixels is
    kept (no camera details, no place). Kept in the database, never at a public address: it is
    shown only through a signed-in, access-checked view."""

    views = models.ForeignKey(ChildsViews, on_delete=models.PROTECT, related_name="drawings")
    image = models.BinaryField()
    width = models.PositiveIntegerField()
    height = models.PositiveIntegerField()

    class Meta:
        ordering = ["pk"]

    def __str__(self) -> str:
        return f"Drawing {self.pk} ({self.width} by {self.height})"
