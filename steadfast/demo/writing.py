"""How the demo writes its rows: in bulk, with the field history a service's save would leave,
for every part of the demo to share."""

import datetime

from django.db import connection
from django.utils import timezone


def at_hour(day: datetime.date, hour: int) -> datetime.datetime:
    """That day at that hour, local time."""
    return timezone.make_aware(datetime.datetime.combine(day, datetime.time(hour)))


def write_in_bulk(objs: list, model: type) -> list:
    """Write the rows in bulk and, for a model with field history, a history row for each
    naming who last changed the row, as a service's save would."""
    created = model.objects.bulk_create(objs, batch_size=1000)
    if hasattr(model, "history"):
        write_history(model, [obj.pk for obj in created])
    return created


# History rows are copied in statements of this many rows.
HISTORY_ROWS_PER_STATEMENT = 500


def write_history(model: type, pks: list) -> None:
    """A history row ("created", now, by the row's `updated_by`) for each of the rows just
    written, copied by the database from the rows themselves: building a historical instance
    for each row in Python took longer than writing the rows."""
    if None in pks:
        raise ValueError(f"The database did not say which {model.__name__} rows it wrote")
    history = model.history.model
    quote = connection.ops.quote_name
    columns = {f.attname: f.column for f in model._meta.concrete_fields}
    recorded = {
        "history_date": ("%s", [connection.ops.adapt_datetimefield_value(timezone.now())]),
        "history_type": ("%s", ["+"]),
        "history_change_reason": ("NULL", []),
        "history_user_id": (quote(columns["updated_by_id"]) if "updated_by_id" in columns else "NULL", []),
    }
    names, values, params = [], [], []
    for f in history._meta.concrete_fields:
        if f.primary_key:
            continue
        if f.attname in columns:
            value, value_params = quote(columns[f.attname]), []
        elif f.attname in recorded:
            value, value_params = recorded[f.attname]
        else:
            raise ValueError(f"The demo cannot fill {history.__name__}.{f.name}")
        names.append(quote(f.column))
        values.append(value)
        params += value_params
    pk = quote(model._meta.pk.column)
    copy = (
        f"INSERT INTO {quote(history._meta.db_table)} ({', '.join(names)}) "
        f"SELECT {', '.join(values)} FROM {quote(model._meta.db_table)} WHERE {pk} IN"
    )
    with connection.cursor() as cursor:
        for start in range(0, len(pks), HISTORY_ROWS_PER_STATEMENT):
            chunk = pks[start : start + HISTORY_ROWS_PER_STATEMENT]
            cursor.execute(f"{copy} ({', '.join(['%s'] * len(chunk))}) ORDER BY {pk}", [*params, *chunk])
