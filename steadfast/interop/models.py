"""What the exchanges with other systems keep: each SSDA903 import run, and the return's own
codes for the children and episodes it brought in, which Steadfast's records have no place for
but the export must give back."""

from django.db import models

from steadfast.core.models import BaseModel


class ImportRunStatus(models.TextChoices):
    QUEUED = "queued", "Waiting to start"
    RUNNING = "running", "Importing"
    IMPORTED = "imported", "Imported"
    REFUSED = "refused", "Refused"
    FAILED = "failed", "Failed"


class ImportRun(BaseModel):
    """One import of a year's SSDA903 files asked for from the page: who (`created_by`), when,
    the files, how far it has gone and, once done, its report."""

    year = models.PositiveSmallIntegerField(help_text="The collection year, named by the 31 March it ends on")
    files = models.JSONField(default=list, help_text="The names of the files uploaded")
    folder = models.CharField(max_length=500, help_text="Where the uploaded files wait for the import")
    status = models.CharField(max_length=10, choices=ImportRunStatus.choices, default=ImportRunStatus.QUEUED)
    children_total = models.PositiveIntegerField(default=0)
    report = models.JSONField(default=dict, blank=True)
    finished_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-created_at", "-id"]

    def __str__(self) -> str:
        return f"SSDA903 import of {self.created_at:%Y-%m-%d %H:%M}"

    @property
    def finished(self) -> bool:
        return self.status in {ImportRunStatus.IMPORTED, ImportRunStatus.REFUSED, ImportRunStatus.FAILED}


class ReturnHeader(BaseModel):
    """The Header columns Steadfast's child record does not hold, and the codes as the return gave
    them, for a child brought in by an import."""

    child = models.OneToOneField("children.Child", on_delete=models.PROTECT, related_name="return_header")
    sex = models.CharField(max_length=4)
    ethnic = models.CharField(max_length=4)
    upn = models.CharField(max_length=20, blank=True)
    mother = models.CharField(max_length=4, blank=True)
    mc_dob = models.CharField(max_length=10, blank=True)

    def __str__(self) -> str:
        return f"Return header of child {self.child_id}"


class ReturnEpisode(BaseModel):
    """One row of the Episodes table as last imported, with the placement and legal status it
    became. Its dates are the return's (DEC is the day the episode ceased)."""

    child = models.ForeignKey("children.Child", on_delete=models.PROTECT, related_name="return_episodes")
    decom = models.DateField()
    rne = models.CharField(max_length=4)
    ls = models.CharField(max_length=4)
    cin = models.CharField(max_length=4, blank=True)
    place = models.CharField(max_length=4)
    place_provider = models.CharField(max_length=4, blank=True)
    dec = models.DateField(null=True, blank=True)
    rec = models.CharField(max_length=4, blank=True)
    reason_place_change = models.CharField(max_length=6, blank=True)
    home_post = models.CharField(max_length=10, blank=True)
    pl_post = models.CharField(max_length=10, blank=True)
    urn = models.CharField(max_length=10, blank=True)
    placement = models.ForeignKey(
        "placements.Placement", on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    legal_status = models.ForeignKey(
        "children.LegalStatus", on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )

    class Meta:
        ordering = ["child", "decom"]
        constraints = [
            models.UniqueConstraint(fields=["child", "decom"], name="return_episode_one_per_child_and_start"),
        ]

    def __str__(self) -> str:
        return f"Return episode of child {self.child_id} from {self.decom}"
