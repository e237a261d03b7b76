"""Gathering a subject access bundle's content: every section of the record, the rows that hang
off them, the field history and the access log, as one plain structure (the JSON file, and what
the PDF is drawn from). Reads only; `services.make_subject_access_bundle` records it."""

import datetime
from typing import Any

from django.db import models
from django.utils import timezone

from steadfast.accounts.models import Role, User
from steadfast.audit.models import AuditEvent
from steadfast.children.models import Child
from steadfast.core.holdings import history_of, holdings_of
from steadfast.households.models import Household, HouseholdMember

from . import rules

# Bookkeeping every row carries that says nothing about the subject.
LEFT_OUT_FIELDS = frozenset({"search_text", "version", "password", "history_change_reason"})
NOTICE = (
    "Everything Steadfast holds about the subject when the bundle was made. Details marked as a "
    'third party\'s (highlighted in the PDF, "third_party": true in the JSON) are the names and '
    "contact details of other people: the records team decides what to redact before it is sent. "
    "Nothing has been removed. Free text is shown as written and must be read for other people's "
    "details too."
)


def _kind_of(obj: models.Model) -> str:
    if isinstance(obj, Child):
        return rules.CHILD
    if isinstance(obj, Household):
        return rules.HOUSEHOLD
    if isinstance(obj, HouseholdMember):
        return rules.HOUSEHOLD_MEMBER
    if isinstance(obj, User):
        return rules.CARER_ACCOUNT if obj.role == Role.FOSTER_CARER else rules.STAFF
    return ""


# A stored file (a words and pictures story's document or picture) is named, not copied into
# the bundle's text: its bytes would be unreadable there.
STORED_FILE = "A stored file of {size} bytes, kept in Steadfast"


def _plain(value: Any) -> Any:
    if isinstance(value, (bytes, memoryview)):
        return STORED_FILE.format(size=len(value))
    if isinstance(value, datetime.datetime):
        return (
            timezone.localtime(value).isoformat(timespec="seconds")
            if timezone.is_aware(value)
            else value.isoformat()
        )
    if isinstance(value, datetime.date):
        return value.isoformat()
    if isinstance(value, (str, int, float, bool)) or value is None:
        return value
    if isinstance(value, (list, dict)):
        return value
    return str(value)


class _Gatherer:
    def __init__(self, *, child: Child | None = None, carer: HouseholdMember | None = None) -> None:
        self.child = child
        self.carer = carer
        self.household = carer.household if carer is not None else None

    def _is_subject(self, obj: models.Model) -> bool:
        if self.child is not None:
            return isinstance(obj, Child) and obj.pk == self.child.pk
        if isinstance(obj, HouseholdMember):
            return obj.pk == self.carer.pk
        if isinstance(obj, User):
            return obj.pk is not None and obj.pk == self.carer.user_id
        return False

    def _is_subjects_household(self, obj: models.Model) -> bool:
        return self.household is not None and isinstance(obj, Household) and obj.pk == self.household.pk

    def row(self, obj: models.Model) -> dict[str, Any]:
        """One row: each field's label, value (a related record as its name) and whether it is
        a third party's."""
        fields = []
        row_is_subject = self._is_subject(obj)
        row_is_household = self._is_subjects_household(obj)
        for field in obj._meta.concrete_fields:
            if field.name in LEFT_OUT_FIELDS or field.primary_key:
                continue
            third_party = False
            if field.is_relation:
                related = getattr(obj, field.name, None)
                value = None if related is None else str(related)
                if related is not None:
                    kind = _kind_of(related)
                    if kind:
                        third_party = rules.is_third_party_reference(
                            kind=kind,
                            is_subject=self._is_subject(related),
                            is_subjects_household=self._is_subjects_household(related),
                        )
            else:
                raw = getattr(obj, field.attname)
                display = getattr(obj, f"get_{field.name}_display", None)
                value = display() if field.choices and display else _plain(raw)
                third_party = bool(raw) and rules.is_third_party_detail(
                    field_name=field.name,
                    row_is_subject=row_is_subject,
                    row_is_subjects_household=row_is_household,
                )
            fields.append(
                {
                    "name": field.name,
                    "label": str(field.verbose_name),
                    "value": value,
                    "third_party": third_party,
                }
            )
        return {"model": obj._meta.label, "id": obj.pk, "fields": fields}

    def history(self, model: type[models.Model], ids: list) -> list[dict[str, Any]]:
        rows = []
        for version in history_of(model, ids):
            entry = self.row_of_history(version, model)
            rows.append(entry)
        return rows

    def row_of_history(self, version: models.Model, model: type[models.Model]) -> dict[str, Any]:
        instance = version.instance
        row = self.row(instance)
        user = version.history_user
        return {
            "model": model._meta.label,
            "id": getattr(version, model._meta.pk.attname),
            "changed_at": _plain(version.history_date),
            "change": {"+": "added", "~": "changed", "-": "deleted"}.get(
                version.history_type, version.history_type
            ),
            "changed_by": str(user) if user is not None else "",
            "fields": row["fields"],
        }


def _access_log(events: models.QuerySet) -> list[dict[str, Any]]:
    return [
        {
            "at": _plain(e.occurred_at),
            "who": str(e.actor) if e.actor is not None else "",
            "role": e.actor.get_role_display() if e.actor is not None else "",
            "event": e.event_type,
        }
        for e in events.select_related("actor").order_by("occurred_at", "id")
    ]


def _sections(gatherer: _Gatherer, record: models.Model) -> tuple[list[dict], list[dict]]:
    sections, history = [], []
    history.extend(gatherer.history(type(record), [record.pk]))
    for holding in holdings_of(record):
        meta = holding.model._meta
        sections.append(
            {
                "title": str(meta.verbose_name_plural).capitalize(),
                "model": meta.label,
                "rows": [gatherer.row(r) for r in holding.rows],
            }
        )
        history.extend(gatherer.history(holding.model, [r.pk for r in holding.rows]))
    return sections, history


def bundle_content(
    *,
    made_by: User,
    made_at: datetime.datetime,
    child: Child | None = None,
    carer: HouseholdMember | None = None,
) -> dict[str, Any]:
    """The bundle about a child, or about one carer (their own entry and their household's
    record, which is the carers' record), as one JSON-ready structure."""
    gatherer = _Gatherer(child=child, carer=carer)
    if child is not None:
        subject = {"kind": "child", "id": child.pk, "name": child.display_name}
        record = child
        sections, history = _sections(gatherer, child)
        log = _access_log(AuditEvent.objects.filter(child_id=child.pk))
    else:
        subject = {"kind": "carer", "id": carer.pk, "name": carer.full_name}
        record = carer.household
        sections, history = _sections(gatherer, record)
        sections.insert(0, {"title": "The carer", "model": carer._meta.label, "rows": [gatherer.row(carer)]})
        if carer.user is not None:
            # What is held against the carer's own sign-in: the messages they were sent, and the
            # like; one step only, so nothing of anyone else's comes with it.
            for holding in holdings_of(carer.user, depth=1):
                if holding.model is HouseholdMember:
                    continue
                meta = holding.model._meta
                sections.append(
                    {
                        "title": f"{str(meta.verbose_name_plural).capitalize()} (their sign-in)",
                        "model": meta.label,
                        "rows": [gatherer.row(r) for r in holding.rows],
                    }
                )
        log = _access_log(AuditEvent.objects.filter(household_id=record.pk))
    return {
        "bundle": {
            "made_at": _plain(made_at),
            "made_by": made_by.get_full_name(),
            "subject": subject,
        },
        "notice": NOTICE,
        "record": gatherer.row(record),
        "sections": sections,
        "field_history": history,
        "access_log": log,
    }
