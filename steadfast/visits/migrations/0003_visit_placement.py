import django.db.models.deletion
from django.db import migrations, models
from django.db.models import OuterRef, Q, Subquery


def home_from_date(apps, schema_editor):
    """Give each visit already recorded the placement the child was living in on its date, by
    the rule of `placements.selectors.placement_on`: on the day of a move, the one they moved
    to. A visit whose date falls in no placement keeps none."""
    StatutoryVisit = apps.get_model("visits", "StatutoryVisit")
    Placement = apps.get_model("placements", "Placement")
    living_there = (
        Placement.objects.filter(
            Q(end_date__isnull=True) | Q(end_date__gte=OuterRef("date")),
            child=OuterRef("child"),
            start_date__lte=OuterRef("date"),
        )
        .order_by("-start_date", "-pk")
        .values("pk")[:1]
    )
    StatutoryVisit.objects.filter(placement__isnull=True).update(placement=Subquery(living_there))


class Migration(migrations.Migration):
    dependencies = [
        ("placements", "0003_record_versions"),
        ("visits", "0002_record_versions"),
    ]

    operations = [
        migrations.AddField(
            model_name="historicalstatutoryvisit",
            name="placement",
            field=models.ForeignKey(
                blank=True,
                db_constraint=False,
                help_text="The home the child was living in on the day of the visit",
                null=True,
                on_delete=django.db.models.deletion.DO_NOTHING,
                related_name="+",
                to="placements.placement",
            ),
        ),
        migrations.AddField(
            model_name="statutoryvisit",
            name="placement",
            field=models.ForeignKey(
                blank=True,
                help_text="The home the child was living in on the day of the visit",
                null=True,
                on_delete=django.db.models.deletion.PROTECT,
                related_name="statutory_visits",
                to="placements.placement",
            ),
        ),
        migrations.RunPython(home_from_date, migrations.RunPython.noop),
    ]
