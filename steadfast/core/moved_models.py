"""A model moved from one app to another keeps its rows.

The new app's first migration creates the model with `CreateOrAdoptModel` instead of Django's
`CreateModel`, naming the table the model had in its old app. On a database that ran the old
app's migrations, that table is renamed to the new app's name, with the indexes named in the
model's options, so every row, its id and its history stay as they were; on a new database the
table is created as usual. Either way the migration state is the same, so later migrations need
no special case. `moved_content_types` follows it, so that permissions and the admin's log
name the model in its new app.

Audit events keep the label the model had when they were written (`object_type`): the audit
trail says what happened, as it was named then.
"""

from django.db import migrations, models


class CreateOrAdoptModel(migrations.CreateModel):
    """`CreateModel`, or, where the table `moved_from` is there, the adoption of that table.
    `old_index_names` maps the name of each index in the model's options to its old name."""

    def __init__(
        self, *args, moved_from: str, old_index_names: dict[str, str] | None = None, **kwargs
    ) -> None:
        super().__init__(*args, **kwargs)
        self.moved_from = moved_from
        self.old_index_names = old_index_names or {}

    def deconstruct(self):
        name, args, kwargs = super().deconstruct()
        return name, args, {**kwargs, "moved_from": self.moved_from, "old_index_names": self.old_index_names}

    def database_forwards(self, app_label, schema_editor, from_state, to_state) -> None:
        model = to_state.apps.get_model(app_label, self.name)
        connection = schema_editor.connection
        if not self.allow_migrate_model(connection.alias, model):
            return
        with connection.cursor() as cursor:
            adopting = self.moved_from in connection.introspection.table_names(cursor)
        if not adopting:
            super().database_forwards(app_label, schema_editor, from_state, to_state)
            return
        schema_editor.alter_db_table(model, self.moved_from, model._meta.db_table)
        for index in model._meta.indexes:
            if index.name in self.old_index_names:
                old = models.Index(fields=index.fields, name=self.old_index_names[index.name])
                schema_editor.rename_index(model, old, index)

    def describe(self) -> str:
        return f"Create model {self.name}, or adopt its table {self.moved_from}"


def moved_content_types(
    old_app_label: str, new_app_label: str, model_names: list[str]
) -> migrations.RunPython:
    """Move the content types of `model_names` (lower case) from `old_app_label` to
    `new_app_label`, where a database has them."""

    def forwards(apps, schema_editor) -> None:
        content_type = apps.get_model("contenttypes", "ContentType")
        content_type.objects.using(schema_editor.connection.alias).filter(
            app_label=old_app_label, model__in=model_names
        ).update(app_label=new_app_label)

    return migrations.RunPython(forwards, migrations.RunPython.noop)
