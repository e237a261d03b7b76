"""Everything the service holds about one record, found by following the foreign keys that
point at it: the rows about a child (their placements, allocations, meetings, concerns, visits,
logs and the rest) and the rows that hang off those (a meeting's points and actions, a
placement's matching record), whichever app owns them. Reads the model registry only, so a new
app's records are found without a change here; subject access and retention both use it.

Only foreign keys pointing *at* rows already found are followed, so a child's holdings never
wander into the whole record of the household they live with, nor into a member of staff's
other work."""

from collections.abc import Iterator
from dataclasses import dataclass

from django.db import models

# How many steps from the record: the child, a meeting about them, a point made at it.
DEPTH = 3
# Tables that are not the record's content: the field history (read separately, per model),
# the audit trail (read as the access log) and the access rules' own bookkeeping.
SKIPPED_APPS = frozenset(
    {"audit", "sessions", "admin", "contenttypes", "auth", "otp_totp", "otp_static", "axes"}
)


@dataclass
class Holding:
    """The rows of one model held about the record, found through `via` (the foreign key's
    name)."""

    model: type[models.Model]
    via: str
    rows: list[models.Model]
    depth: int


def _is_history(model: type[models.Model]) -> bool:
    return model.__name__.startswith("Historical") and hasattr(model, "history_id")


def holdings_of(record: models.Model, *, depth: int = DEPTH) -> Iterator[Holding]:
    """Each model's rows about `record`, nearest first, each model once, up to `depth` steps."""
    seen: set[type[models.Model]] = {type(record)}
    frontier: list[tuple[type[models.Model], list[int]]] = [(type(record), [record.pk])]
    for step in range(1, depth + 1):
        next_frontier: list[tuple[type[models.Model], list[int]]] = []
        for parent, ids in frontier:
            if not ids:
                continue
            for relation in parent._meta.related_objects:
                model = relation.related_model
                if (
                    model in seen
                    or _is_history(model)
                    or model._meta.app_label in SKIPPED_APPS
                    or not (relation.one_to_many or relation.one_to_one)
                ):
                    continue
                field = relation.field
                rows = list(model._default_manager.filter(**{f"{field.name}__in": ids}).order_by("pk"))
                if not rows:
                    continue
                seen.add(model)
                yield Holding(model=model, via=field.name, rows=rows, depth=step)
                next_frontier.append((model, [row.pk for row in rows]))
        frontier = next_frontier


def history_of(model: type[models.Model], ids: list) -> list[models.Model]:
    """The field history (django-simple-history) of the given rows, oldest first; empty for a
    model without one."""
    history = getattr(model, "history", None)
    if history is None or not ids:
        return []
    return list(
        history.model.objects.filter(**{f"{model._meta.pk.attname}__in": ids}).order_by(
            "history_date", "history_id"
        )
    )
