"""A person's mobile number, for text messages.

On SQLite, adding a column that may not be null rebuilds the table, and the rebuild drops the
table's triggers that give the access rules a new version (0003); so they are made again after
it, both ways."""

from importlib import import_module

from django.db import migrations

import steadfast.accounts.models

access_rules_version = import_module("steadfast.accounts.migrations.0003_access_rules_version")
TABLE = "accounts_user"


def remake_user_triggers(apps, schema_editor):
    if schema_editor.connection.vendor != "sqlite":
        return
    for create, drop in access_rules_version._sqlite(TABLE, access_rules_version.WATCHED[TABLE]):
        schema_editor.execute(drop)
        schema_editor.execute(create)


class Migration(migrations.Migration):
    dependencies = [
        ("accounts", "0003_access_rules_version"),
    ]

    operations = [
        # Run in reverse only: after the column is removed, which rebuilds the table again.
        migrations.RunPython(migrations.RunPython.noop, remake_user_triggers),
        migrations.AddField(
            model_name="user",
            name="mobile_number",
            field=steadfast.accounts.models.UKMobileNumberField(
                blank=True,
                help_text="A UK mobile number, like 07700 900 982, for text messages. Leave blank if none.",
                max_length=13,
            ),
        ),
        migrations.RunPython(remake_user_triggers, migrations.RunPython.noop),
    ]
