from importlib import import_module

from django.apps import AppConfig
from django.db import connections
from django.db.models.signals import post_migrate


def remake_sqlite_access_rules_triggers(using: str = "default", **kwargs) -> None:
    """On SQLite, a migration that rebuilds a table (adding a column to it, say) drops the
    table's triggers, among them those that give the access rules a new version whenever a
    table the rules read changes (migrations 0003 and 0007). After every migrate they are made again, so
    that no migration has to remember to. PostgreSQL keeps its triggers."""
    connection = connections[using]
    if connection.vendor != "sqlite":
        return
    # The latest migration to change which columns the rules read holds the whole list.
    triggers = import_module("steadfast.accounts.migrations.0007_account_activation_and_confirmation")
    tables = set(connection.introspection.table_names())
    if triggers.VERSION_TABLE not in tables:
        return
    with connection.cursor() as cursor:
        for table, columns in triggers.WATCHED.items():
            if table in tables:
                for create, drop in triggers._sqlite(table, columns):
                    cursor.execute(drop)
                    cursor.execute(create)


class AccountsConfig(AppConfig):
    name = "steadfast.accounts"
    label = "accounts"

    def ready(self) -> None:
        from . import receivers  # noqa: F401

        post_migrate.connect(remake_sqlite_access_rules_triggers, sender=self)
