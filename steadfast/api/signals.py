"""Stability signals: what the rules say about each child's current home, as the child's
record shows them (why each fired, the records it rests on, and, for one a manager has
considered, who considered it, when and why). Worked out when asked, from the records; read
only.

A signal is named by its child and its rule (`id` is "<child_id>/<rule>"); a list is in the
order of the children's ids, then of the rules, and its cursor is where the last page ended."""

import base64
import binascii
import datetime
from typing import Literal

from django.http import HttpRequest
from django.utils import timezone
from ninja import Field, Path, Query, Router, Schema

from steadfast.accounts import access
from steadfast.accounts.models import Scope, User
from steadfast.children.models import Child
from steadfast.signals import rules, situations
from steadfast.signals.models import SignalConsideration
from steadfast.signals.selectors import EVIDENCE_NAMES, ChildSignals, signals_of_children

from .auth import require
from .fields import Id
from .paging import Page, PageQuery, bad_cursor, changed_since_as
from .problems import PROBLEMS, not_found
from .reading import audit_read

router = Router(tags=["Signals"])

RuleCode = Literal[tuple(rules.RULE_NAMES)]
RULE_ORDER = {rule: n for n, rule in enumerate(rules.RULE_NAMES)}
# Children whose signals are worked out together: each batch costs the same few queries.
BATCH = 200
# Evidence the child's record links to for anyone who may see the child; the others it names
# without a link to some, so the API gives no id for them.
ALWAYS_OPENABLE = frozenset(
    {
        situations.PLACEMENT,
        situations.STABILITY_CONCERN,
        situations.STABILITY_MEETING,
        situations.STABILITY_ACTION,
    }
)


class EvidenceOut(Schema):
    kind: str
    id: int | None = Field(description="The record's id, for a concern, meeting, action or placement")
    on: datetime.date | None
    text: str


class ConsiderationOut(Schema):
    considered_on: datetime.date
    considered_by: str
    reason: str


class SignalOut(Schema):
    id: str = Field(description='"<child_id>/<rule>"')
    child_id: int
    household_id: int | None = Field(description="The child's current home, when a fostering household")
    placement_id: int
    rule: str
    name: str
    why: str
    since: datetime.date = Field(description="The newest day something in its evidence happened")
    evidence: list[EvidenceOut]
    considered: ConsiderationOut | None = Field(
        description="A manager's record that they considered it; it then rests until newer evidence"
    )


class SignalFilters(PageQuery):
    child_id: Id | None = Field(None, description="Only this child's signals")
    rule: RuleCode | None = Field(None, description="Only signals of this rule")


def _day(value: datetime.date | None) -> str:
    return f"{value.day} {value:%B %Y}" if value else ""


def _out(
    child_id: int, found: ChildSignals, signal: rules.Signal, consideration: SignalConsideration | None
) -> dict:
    home = found.home
    evidence = []
    for item in signal.evidence:
        on = found.current_situation.days.get(item)
        evidence.append(
            {
                "kind": item.kind,
                "id": item.id if item.kind in ALWAYS_OPENABLE else None,
                "on": on,
                "text": EVIDENCE_NAMES[item.kind].format(day=_day(on)),
            }
        )
    return {
        "id": f"{child_id}/{signal.rule}",
        "child_id": child_id,
        "household_id": home.household_id,
        "placement_id": home.placement_id,
        "rule": signal.rule,
        "name": signal.name,
        "why": signal.why,
        "since": signal.since,
        "evidence": evidence,
        "considered": (
            {
                "considered_on": consideration.considered_on,
                "considered_by": consideration.considered_by.get_full_name(),
                "reason": consideration.reason,
            }
            if consideration
            else None
        ),
    }


def _signals_of(user: User, child_ids: list[int], today: datetime.date) -> list[tuple[int, int, dict]]:
    """Each signal of the children, as (child id, rule order, item), in that order."""
    found = signals_of_children(user, child_ids, today=today)
    shown = []
    for child_id in child_ids:
        if child_id not in found:
            continue
        child = found[child_id]
        for signal, consideration in [(s, None) for s in child.current] + list(child.quieted):
            shown.append((child_id, RULE_ORDER[signal.rule], _out(child_id, child, signal, consideration)))
    return sorted(shown, key=lambda row: (row[0], row[1]))


def _encode(child_id: int, order: int) -> str:
    return base64.urlsafe_b64encode(f"signal|{child_id}|{order}".encode()).decode()


def _decode(cursor: str) -> tuple[int, int]:
    try:
        tag, child_id, order = base64.urlsafe_b64decode(cursor.encode()).decode().split("|")
        if tag != "signal":
            raise ValueError(tag)
        return int(child_id), int(order)
    except (ValueError, UnicodeError, binascii.Error):
        raise bad_cursor() from None


@router.get("", response={200: Page[SignalOut], **PROBLEMS}, summary="List stability signals")
def signal_list(request: HttpRequest, filters: Query[SignalFilters]) -> dict:
    """The stability signals about the current homes of the children the caller may see, those
    still to consider and those considered, in the order of the children's ids and then of
    the rules. With `changed_since`, only signals whose evidence has something on or after
    that day."""
    require(request, Scope.READ)
    today = timezone.localdate()
    since = None
    if filters.changed_since is not None:
        since = changed_since_as(filters.changed_since, timezone.localdate)
    after = _decode(filters.cursor) if filters.cursor else (0, -1)
    children = access.children_visible_to(request.user).order_by("pk")
    if filters.child_id is not None:
        children = children.filter(pk=filters.child_id)
    items: list[dict] = []
    last: tuple[int, int] | None = None
    more = False
    next_child = after[0]
    while not more:
        ids = list(children.filter(pk__gte=next_child).values_list("pk", flat=True)[:BATCH])
        if not ids:
            break
        for child_id, order, item in _signals_of(request.user, ids, today):
            if (child_id, order) <= after:
                continue
            if filters.rule is not None and item["rule"] != filters.rule:
                continue
            if since is not None and item["since"] < since:
                continue
            if len(items) == filters.limit:
                more = True
                break
            items.append(item)
            last = (child_id, order)
        next_child = ids[-1] + 1
    audit_read(
        request,
        what="signals",
        child_ids={item["child_id"] for item in items},
        household_ids={item["household_id"] for item in items},
    )
    return {"items": items, "next_cursor": _encode(*last) if more and last else None}


@router.get("/{child_id}/{rule}", response={200: SignalOut, **PROBLEMS}, summary="Read a stability signal")
def signal_detail(request: HttpRequest, child_id: Path[Id], rule: Path[RuleCode]) -> dict:
    """One rule's signal about the child's current home, if it is showing (still to consider,
    or considered)."""
    require(request, Scope.READ)
    if not access.children_visible_to(request.user).filter(pk=child_id).exists():
        access.refused(request.user, Child.objects.all(), "child", child_id)
        raise not_found("signal")
    found = [
        item
        for _, _, item in _signals_of(request.user, [child_id], timezone.localdate())
        if item["rule"] == rule
    ]
    if not found:
        raise not_found("signal")
    audit_read(request, what="signal", child_ids=[child_id], household_ids=[found[0]["household_id"]])
    return found[0]
