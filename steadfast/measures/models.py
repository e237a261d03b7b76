"""The service measures as worked out, kept so that no view waits for them."""

from django.db import models


class MeasuresResult(models.Model):
    """The service measures as worked out from the records at one time, with the Department's
    measures for one year: what `/measures/` shows, so that no view waits for them to be worked
    out (`services`). The newest row for a year is shown. Not a case record: it holds
    counts and child ids, never a name, and is worked out again, not edited."""

    year_ending = models.DateField(
        help_text="The year of the Department's measures: the year a page asks for"
    )
    day = models.DateField(help_text="The day the figures were worked out for")
    worked_out_at = models.DateTimeField(help_text="When the records they count were read")
    fingerprint = models.CharField(
        max_length=64,
        help_text="What the figures were worked out from: the records as they stood, the day, the "
        "local timescale and the code that counts",
    )
    shape = models.CharField(max_length=16, help_text="The stored form of the figures, which the code reads")
    plan_days = models.PositiveSmallIntegerField()
    figures = models.JSONField(help_text="Every figure the page, charts and downloads show")
    children = models.JSONField(
        help_text="The children behind each of the Department's measures, by id, with their placements "
        "during the year and the 2 years: only their lists read them"
    )
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["-worked_out_at", "-pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["year_ending", "fingerprint"], name="measures_result_once_per_year_and_records"
            ),
        ]
        indexes = [models.Index(fields=["year_ending", "shape", "-worked_out_at"])]

    def __str__(self) -> str:
        return f"Measures for the year ending {self.year_ending:%d %B %Y}, worked out at {self.worked_out_at}"
