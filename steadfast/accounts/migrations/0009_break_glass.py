"""Opening a child's record in an emergency: an access grant has a kind (named, or emergency)
and, for an emergency opening, the moment it ends.

On SQLite, adding a column with a default, and a constraint, rebuild the table, and the rebuild
drops the table's triggers that give the access rules a new version (0003); so they are made
again after it, both ways, as 0004 does for the users' table."""

from importlib import import_module

from django.db import migrations, models

access_rules_version = import_module("steadfast.accounts.migrations.0003_access_rules_version")
TABLE = "accounts_accessgrant"


def remake_grant_triggers(apps, schema_editor):
    if schema_editor.connection.vendor != "sqlite":
        return
    for create, drop in access_rules_version._sqlite(TABLE, access_rules_version.WATCHED[TABLE]):
        schema_editor.execute(drop)
        schema_editor.execute(create)


KIND_CHOICES = [("named", "Granted by name"), ("emergency", "Opened in an emergency")]


class Migration(migrations.Migration):
    dependencies = [
        ("accounts", "0008_records_officer"),
        ("children", "0003_record_versions"),
        ("households", "0002_record_versions"),
    ]

    operations = [
        # Run in reverse only: after the columns are removed, which rebuilds the table again.
        migrations.RunPython(migrations.RunPython.noop, remake_grant_triggers),
        migrations.AddField(
            model_name="accessgrant",
            name="expires_at",
            field=models.DateTimeField(blank=True, null=True),
        ),
        migrations.AddField(
            model_name="accessgrant",
            name="kind",
            field=models.CharField(choices=KIND_CHOICES, default="named", max_length=16),
        ),
        migrations.AddField(
            model_name="historicalaccessgrant",
            name="expires_at",
            field=models.DateTimeField(blank=True, null=True),
        ),
        migrations.AddField(
            model_name="historicalaccessgrant",
            name="kind",
            field=models.CharField(choices=KIND_CHOICES, default="named", max_length=16),
        ),
        migrations.AddIndex(
            model_name="accessgrant",
            index=models.Index(fields=["kind", "created_at"], name="accounts_ac_kind_e323bc_idx"),
        ),
        migrations.AddConstraint(
            model_name="accessgrant",
            constraint=models.CheckConstraint(
                condition=~models.Q(kind="emergency")
                | (models.Q(expires_at__isnull=False) & models.Q(child__isnull=False)),
                name="emergency_grant_ends_and_names_a_child",
            ),
        ),
        migrations.RunPython(remake_grant_triggers, migrations.RunPython.noop),
    ]
