"""A model moved to another app keeps its rows, ids, indexes and permissions: its new app's first
migration adopts the table a database already has (`core.moved_models`), and creates it on a
new database (every other test runs on one of those)."""

import datetime
import uuid

import pytest
from django.contrib.contenttypes.models import ContentType
from django.db import connection, models
from django.db.migrations.executor import MigrationExecutor
from django.db.migrations.recorder import MigrationRecorder
from django.utils import timezone

from steadfast.core.moved_models import CreateOrAdoptModel

pytestmark = pytest.mark.django_db(transaction=True)


def _a_measures_result(model):
    return model.objects.create(
        year_ending=datetime.date(2026, 3, 31),
        day=datetime.date(2026, 12, 5),
        worked_out_at=timezone.now(),
        fingerprint=f"synthetic {uuid.uuid4()}",
        shape="test",
        plan_days=20,
        figures={},
        children={},
    )


def _signal_settings(model):
    return model.objects.create()


def _portal_contacts(model):
    return model.objects.create(
        duty_line="01632 960 001",
        duty_line_hours="Monday to Friday, 9am to 5pm",
        out_of_hours="01632 960 002",
    )


# Each new app's first migration: the app the models came from, and a model and a row to keep.
MOVED = {
    ("measures", "0001_initial"): ("monitoring", "MeasuresResult", _a_measures_result),
    ("signals", "0001_initial"): ("monitoring", "SignalSettings", _signal_settings),
    ("carer_messages", "0001_initial"): ("carers_portal", "PortalContacts", _portal_contacts),
}


def _migrate(target: tuple[str, str | None] | list) -> MigrationExecutor:
    executor = MigrationExecutor(connection)
    executor.migrate(target if isinstance(target, list) else [target])
    return MigrationExecutor(connection)


def _model_at(
    executor: MigrationExecutor, app_label: str, migration_name: str, name: str
) -> type[models.Model]:
    return executor.loader.project_state((app_label, migration_name)).apps.get_model(app_label, name)


def _adopting_operations(executor: MigrationExecutor, app_label: str, migration_name: str) -> list:
    migration = executor.loader.get_migration(app_label, migration_name)
    return [op for op in migration.operations if isinstance(op, CreateOrAdoptModel)]


def _as_the_old_app_left_it(executor, app_label: str, migration_name: str, old_app_label: str) -> None:
    """Give the moved tables and their indexes their old names, the content types their old
    app, and forget that the new app's migration ran: a database as the old app left it."""
    with connection.schema_editor() as editor:
        for operation in _adopting_operations(executor, app_label, migration_name):
            model = _model_at(executor, app_label, migration_name, operation.name)
            for index in model._meta.indexes:
                old_name = operation.old_index_names[index.name]
                editor.rename_index(model, index, models.Index(fields=index.fields, name=old_name))
            editor.alter_db_table(model, model._meta.db_table, operation.moved_from)
    moved = [
        operation.name.lower() for operation in _adopting_operations(executor, app_label, migration_name)
    ]
    ContentType.objects.filter(app_label=app_label, model__in=moved).update(app_label=old_app_label)
    MigrationRecorder(connection).record_unapplied(app_label, migration_name)


@pytest.mark.parametrize(("app_label", "migration_name"), list(MOVED))
def test_a_database_the_old_app_left_keeps_every_row_when_the_new_app_adopts_its_tables(
    app_label, migration_name
):
    old_app_label, model_name, make_one = MOVED[(app_label, migration_name)]
    leaves = [key for key in MigrationExecutor(connection).loader.graph.leaf_nodes() if key[0] == app_label]
    # The tables as the first migration left them, with a row in one.
    executor = _migrate((app_label, migration_name))
    kept = make_one(_model_at(executor, app_label, migration_name, model_name))
    permissions_before = sorted(
        ContentType.objects.filter(app_label=app_label).values_list("model", "permission__codename")
    )
    _as_the_old_app_left_it(executor, app_label, migration_name, old_app_label)
    tables = connection.introspection.table_names()
    for operation in _adopting_operations(executor, app_label, migration_name):
        assert operation.moved_from in tables

    executor = _migrate((app_label, migration_name))

    tables = connection.introspection.table_names()
    with connection.cursor() as cursor:
        for operation in _adopting_operations(executor, app_label, migration_name):
            model = _model_at(executor, app_label, migration_name, operation.name)
            assert operation.moved_from not in tables
            assert model._meta.db_table in tables
            constraints = connection.introspection.get_constraints(cursor, model._meta.db_table)
            assert {index.name for index in model._meta.indexes} <= set(constraints)
    model = _model_at(executor, app_label, migration_name, model_name)
    assert model.objects.filter(pk=kept.pk).exists()
    assert make_one(model).pk > kept.pk
    moved = [
        operation.name.lower() for operation in _adopting_operations(executor, app_label, migration_name)
    ]
    assert not ContentType.objects.filter(app_label=old_app_label, model__in=moved).exists()
    assert (
        sorted(ContentType.objects.filter(app_label=app_label).values_list("model", "permission__codename"))
        == permissions_before
    )
    # And the later migrations still run on the adopted tables.
    _migrate(leaves)
