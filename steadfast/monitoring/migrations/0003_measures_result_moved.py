from django.db import migrations


class Migration(migrations.Migration):
    """The measures' stored results moved to the measures app, which adopts their table
    (`measures.0001_initial`); a table left behind, empty, on a new database is dropped."""

    dependencies = [
        ("monitoring", "0002_measures_result"),
        ("measures", "0001_initial"),
    ]

    operations = [
        migrations.SeparateDatabaseAndState(
            state_operations=[migrations.DeleteModel(name="MeasuresResult")],
            database_operations=[
                migrations.RunSQL("DROP TABLE IF EXISTS monitoring_measuresresult", migrations.RunSQL.noop)
            ],
        ),
    ]
