"""Each child's words and pictures story, kept version by version, and the child-friendly plan:
an authorised stability plan written in words the child can read."""

from django.db import models
from django.db.models import Q
from simple_history.models import HistoricalRecords

from steadfast.core.models import BaseModel


class StoryForm(models.TextChoices):
    UPLOADED = "uploaded", "An uploaded document"
    WRITTEN = "written", "Written pages"


class DocumentType(models.TextChoices):
    """What an uploaded file is, as its content shows, never its name."""

    PDF = "pdf", "PDF"
    PNG = "png", "PNG image"
    JPEG = "jpeg", "JPEG image"
    DOCX = "docx", "Word document"


class SharedHow(models.TextChoices):
    IN_PERSON = "in_person", "Read together in person"
    ON_PAPER = "on_paper", "Given to them on paper"
    ON_A_CALL = "on_a_call", "Shown on a video call"
    BY_EMAIL = "by_email", "Sent to them by email"
    THROUGH_CARER = "through_carer", "Read with them by their carer"


class WordsAndPicturesStory(BaseModel):
    """A child's words and pictures story: the one story the child has, which is built on over
    time. Each upload or rewrite adds a `StoryVersion`; the story keeps when it was last updated
    and last shared with the child, from which it is next due (`rules.story_due_on`)."""

    child = models.OneToOneField(
        "children.Child", on_delete=models.PROTECT, related_name="words_and_pictures_story"
    )
    last_updated_on = models.DateField(help_text="The day the newest version was added")
    last_shared_on = models.DateField(null=True, blank=True)
    shared_how = models.CharField(max_length=20, choices=SharedHow.choices, blank=True)
    history = HistoricalRecords()

    class Meta:
        verbose_name_plural = "words and pictures stories"
        constraints = [
            models.CheckConstraint(
                condition=Q(last_shared_on__isnull=True, shared_how="")
                | (Q(last_shared_on__isnull=False) & ~Q(shared_how="")),
                name="story_sharing_recorded_whole",
            )
        ]

    def __str__(self) -> str:
        return f"Words and pictures story of {self.child}"


class StoryVersion(BaseModel):
    """One version of a story, never changed once added: an uploaded document, or a title and
    written pages (`StoryPage`). `made_by` is who made it with the child, in their words."""

    story = models.ForeignKey(WordsAndPicturesStory, on_delete=models.PROTECT, related_name="versions")
    number = models.PositiveSmallIntegerField()
    form = models.CharField(max_length=20, choices=StoryForm.choices)
    title = models.CharField(max_length=200)
    made_by = models.CharField(max_length=200, help_text="Who made the story with the child")
    document = models.BinaryField(null=True, blank=True, editable=False)
    document_type = models.CharField(max_length=10, choices=DocumentType.choices, blank=True)

    class Meta:
        ordering = ["story", "-number"]
        constraints = [
            models.UniqueConstraint(fields=["story", "number"], name="story_version_numbered_once"),
            models.CheckConstraint(
                condition=(Q(form=StoryForm.UPLOADED) & Q(document__isnull=False) & ~Q(document_type=""))
                | (Q(form=StoryForm.WRITTEN) & Q(document__isnull=True) & Q(document_type="")),
                name="story_version_uploaded_has_document",
            ),
            models.CheckConstraint(condition=~Q(title="") & ~Q(made_by=""), name="story_version_whole"),
        ]

    def __str__(self) -> str:
        return f"Version {self.number} of {self.story}"

    @property
    def is_image(self) -> bool:
        return self.document_type in (DocumentType.PNG, DocumentType.JPEG)


class StoryPage(BaseModel):
    """A page of a written story: its words and, if it has one, its picture (re-encoded as PNG
    or JPEG when uploaded, so it carries no camera or location details)."""

    version = models.ForeignKey(StoryVersion, on_delete=models.PROTECT, related_name="pages")
    number = models.PositiveSmallIntegerField()
    text = models.TextField()
    picture = models.BinaryField(null=True, blank=True, editable=False)
    picture_type = models.CharField(max_length=10, choices=DocumentType.choices, blank=True)

    class Meta:
        ordering = ["version", "number"]
        constraints = [
            models.UniqueConstraint(fields=["version", "number"], name="story_page_numbered_once"),
            models.CheckConstraint(
                condition=(Q(picture__isnull=True) & Q(picture_type=""))
                | (Q(picture__isnull=False) & Q(picture_type__in=[DocumentType.PNG, DocumentType.JPEG])),
                name="story_page_picture_typed",
            ),
        ]

    def __str__(self) -> str:
        return f"Page {self.number} of {self.version}"


class ChildFriendlyPlan(BaseModel):
    """An authorised stability plan in words the child can read: what we talked about, what we
    agreed, and who will help them and when. Drafted from the plan, edited by the social worker
    before it is shared; its field history keeps every edit."""

    meeting = models.OneToOneField(
        "meetings.StabilityMeeting", on_delete=models.PROTECT, related_name="child_friendly_plan"
    )
    child = models.ForeignKey("children.Child", on_delete=models.PROTECT, related_name="child_friendly_plans")
    talked_about = models.TextField()
    agreed = models.TextField()
    who_will_help = models.TextField()
    # When the plan it was drafted from was authorised, so that a plan authorised again since
    # (a correction) is pointed out.
    drafted_from_authorised_at = models.DateTimeField()
    shared_on = models.DateField(null=True, blank=True)
    shared_how = models.CharField(max_length=20, choices=SharedHow.choices, blank=True)
    history = HistoricalRecords()

    class Meta:
        constraints = [
            models.CheckConstraint(
                condition=Q(shared_on__isnull=True, shared_how="")
                | (Q(shared_on__isnull=False) & ~Q(shared_how="")),
                name="child_friendly_plan_sharing_recorded_whole",
            )
        ]

    def __str__(self) -> str:
        return f"Child-friendly plan for {self.meeting}"
