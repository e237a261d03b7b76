"""The access rules' version: one row, and triggers that give it a new random value whenever a
table the access rules read changes (see `AccessRulesVersion`).

On SQLite a migration that rebuilds one of these tables drops its triggers; the tests in
`accounts/tests/test_access_rules_version.py` change every table and fail if one is missing."""

from django.db import migrations, models

# Each table the rules read, and the columns whose change matters (None: any column). Rows
# added or removed always matter.
WATCHED = {
    "accounts_user": ("is_active", "role", "team_id", "line_manager_id"),
    "accounts_team": None,
    "accounts_allocation": None,
    "accounts_householdallocation": None,
    "accounts_accessgrant": None,
    "placements_placement": ("child_id", "household_id", "start_date", "end_date"),
    "children_child": ("restricted",),
    "households_household": ("restricted",),
    "households_householdmember": ("household_id", "user_id"),
}
VERSION_TABLE = "accounts_accessrulesversion"
FUNCTION = "steadfast_access_rules_changed"


def _trigger_name(table: str, event: str) -> str:
    return f"{table}_access_rules_{event}"


def _postgresql(table: str, columns: tuple[str, ...] | None) -> tuple[str, str]:
    update = f"UPDATE OF {', '.join(columns)}" if columns else "UPDATE"
    name = _trigger_name(table, "changed")
    return (
        f"CREATE TRIGGER {name} AFTER INSERT OR DELETE OR {update} ON {table} "
        f"FOR EACH STATEMENT EXECUTE FUNCTION {FUNCTION}()",
        f"DROP TRIGGER IF EXISTS {name} ON {table}",
    )


def _sqlite(table: str, columns: tuple[str, ...] | None) -> list[tuple[str, str]]:
    statements = []
    for event in ("INSERT", "DELETE", "UPDATE"):
        name = _trigger_name(table, event.lower())
        on = f"UPDATE OF {', '.join(columns)}" if event == "UPDATE" and columns else event
        statements.append(
            (
                f"CREATE TRIGGER {name} AFTER {on} ON {table} "
                f"BEGIN UPDATE {VERSION_TABLE} SET value = random(); END",
                f"DROP TRIGGER IF EXISTS {name}",
            )
        )
    return statements


def add_triggers(apps, schema_editor):
    """The triggers, and then the version row. On a database other than PostgreSQL and SQLite,
    neither: without the row, `access` keeps nothing between requests and asks the rules
    afresh each time, so nothing depends on triggers that are not there."""
    vendor = schema_editor.connection.vendor
    if vendor == "postgresql":
        schema_editor.execute(
            f"CREATE OR REPLACE FUNCTION {FUNCTION}() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN "
            f"UPDATE {VERSION_TABLE} SET value = floor(random() * 4e18)::bigint; RETURN NULL; END $$"
        )
        for table, columns in WATCHED.items():
            schema_editor.execute(_postgresql(table, columns)[0])
    elif vendor == "sqlite":
        for table, columns in WATCHED.items():
            for create, _ in _sqlite(table, columns):
                schema_editor.execute(create)
    else:
        return
    apps.get_model("accounts", "AccessRulesVersion").objects.create(value=0)


def remove_triggers(apps, schema_editor):
    vendor = schema_editor.connection.vendor
    if vendor not in ("postgresql", "sqlite"):
        return
    for table, columns in WATCHED.items():
        if vendor == "postgresql":
            schema_editor.execute(_postgresql(table, columns)[1])
        else:
            for _, drop in _sqlite(table, columns):
                schema_editor.execute(drop)
    if vendor == "postgresql":
        schema_editor.execute(f"DROP FUNCTION IF EXISTS {FUNCTION}()")


class Migration(migrations.Migration):
    dependencies = [
        ("accounts", "0002_initial"),
        ("children", "0001_initial"),
        ("households", "0001_initial"),
        ("placements", "0002_placement_agreed_long_term_on"),
    ]

    operations = [
        migrations.CreateModel(
            name="AccessRulesVersion",
            fields=[
                (
                    "id",
                    models.BigAutoField(
                        auto_created=True, primary_key=True, serialize=False, verbose_name="ID"
                    ),
                ),
                ("value", models.BigIntegerField(default=0)),
            ],
        ),
        migrations.RunPython(add_triggers, remove_triggers),
    ]
