from django.db import migrations


class Migration(migrations.Migration):
    """The signals' settings and considerations moved to the signals app, which adopts their
    tables (`signals.0001_initial`); tables left behind, empty, on a new database are dropped."""

    dependencies = [
        ("monitoring", "0003_measures_result_moved"),
        ("signals", "0001_initial"),
    ]

    operations = [
        migrations.SeparateDatabaseAndState(
            state_operations=[
                migrations.DeleteModel(name="HistoricalSignalConsideration"),
                migrations.DeleteModel(name="SignalConsideration"),
                migrations.DeleteModel(name="SignalSettings"),
            ],
            database_operations=[
                migrations.RunSQL(f"DROP TABLE IF EXISTS monitoring_{name}", migrations.RunSQL.noop)
                for name in ("historicalsignalconsideration", "signalconsideration", "signalsettings")
            ],
        ),
    ]
