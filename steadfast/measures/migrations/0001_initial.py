from django.db import migrations, models

from steadfast.core.moved_models import CreateOrAdoptModel, moved_content_types


class Migration(migrations.Migration):
    """The measures' stored results, moved from the app that held oversight and measures
    together: a database that has their table keeps it and its rows (`core.moved_models`)."""

    initial = True

    dependencies = [
        ("contenttypes", "0002_remove_content_type_name"),
    ]

    operations = [
        CreateOrAdoptModel(
            name="MeasuresResult",
            moved_from="monitoring_measuresresult",
            old_index_names={"measures_me_year_en_5bbbe1_idx": "monitoring__year_en_2463d2_idx"},
            fields=[
                (
                    "id",
                    models.BigAutoField(
                        auto_created=True, primary_key=True, serialize=False, verbose_name="ID"
                    ),
                ),
                (
                    "year_ending",
                    models.DateField(
                        help_text="The year of the Department's measures: the year a page asks for"
                    ),
                ),
                ("day", models.DateField(help_text="The day the figures were worked out for")),
                ("worked_out_at", models.DateTimeField(help_text="When the records they count were read")),
                (
                    "fingerprint",
                    models.CharField(
                        help_text="What the figures were worked out from: the records as they stood, the day, the local timescale and the code that counts",
                        max_length=64,
                    ),
                ),
                (
                    "shape",
                    models.CharField(
                        help_text="The stored form of the figures, which the code reads", max_length=16
                    ),
                ),
                ("plan_days", models.PositiveSmallIntegerField()),
                ("figures", models.JSONField(help_text="Every figure the page, charts and downloads show")),
                (
                    "children",
                    models.JSONField(
                        help_text="The children behind each of the Department's measures, by id, with their placements during the year and the 2 years: only their lists read them"
                    ),
                ),
                ("created_at", models.DateTimeField(auto_now_add=True)),
                ("updated_at", models.DateTimeField(auto_now=True)),
            ],
            options={
                "ordering": ["-worked_out_at", "-pk"],
                "indexes": [
                    models.Index(
                        fields=["year_ending", "shape", "-worked_out_at"],
                        name="measures_me_year_en_5bbbe1_idx",
                    )
                ],
                "constraints": [
                    models.UniqueConstraint(
                        fields=("year_ending", "fingerprint"),
                        name="measures_result_once_per_year_and_records",
                    )
                ],
            },
        ),
        moved_content_types("monitoring", "measures", ["measuresresult"]),
    ]
