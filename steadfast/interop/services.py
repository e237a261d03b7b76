"""Writing what the exchanges bring in: applying an SSDA903 import plan to Steadfast's records,
all or nothing, and the import runs asked for from the page.

A plan (`ssda903.loading.plan_import`) is applied child by child in one transaction, through the
domain's services wherever they accept the change, so that each write has its audit event. Two
changes have no service, and take the narrowest path, `core.services.update_audited`, with an
event of their own: correcting a placement or legal status the return now gives differently (the
services only add and end them, as a worker does, never rewrite them). A child is added without a
social worker, which `children.services.add_child` insists on, because the return names none.
"""

import datetime
import shutil
from collections.abc import Callable
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone

from steadfast.accounts.models import User
from steadfast.children.models import Child, LegalStatus
from steadfast.children.services import (
    CHILD_ADDED,
    LEGAL_STATUS_ENDED,
    record_legal_status,
    update_child_details,
)
from steadfast.core.services import create_audited, update_audited
from steadfast.households.models import Provider
from steadfast.households.services import add_provider
from steadfast.placements.models import Placement
from steadfast.placements.services import end_placement, start_placement

from .models import ImportRun, ImportRunStatus, ReturnEpisode, ReturnHeader
from .selectors import PROGRESS_FILE
from .ssda903.loading import ChildPlan, HomePlan, Plan

PLACEMENT_CORRECTED = "PLACEMENT_CORRECTED"
LEGAL_STATUS_CORRECTED = "LEGAL_STATUS_CORRECTED"
RETURN_HEADER_RECORDED = "RETURN_HEADER_RECORDED"
RETURN_EPISODE_RECORDED = "RETURN_EPISODE_RECORDED"
RETURN_EPISODE_CORRECTED = "RETURN_EPISODE_CORRECTED"
IMPORT_RUN_ASKED = "IMPORT_RUN_ASKED"

NAME_NOT_GIVEN = "Child"
"""The legal first name of a child the return brought in: the return holds no names. With the
identifier as the last name, the pages show "Child <identifier>" until a worker enters them."""

FAILED_ON_CHILD = "Nothing was imported. Child {child}: {message}"

_EPISODE_FIELDS = (
    "rne",
    "ls",
    "cin",
    "place",
    "place_provider",
    "dec",
    "rec",
    "reason_place_change",
    "home_post",
    "pl_post",
    "urn",
)


class ImportFailed(Exception):
    """A child's records could not be imported; nothing was."""


class _DryRun(Exception):
    """Raised to roll back a dry run once its outcome is known."""


@dataclass
class ChildOutcome:
    child: str
    added: bool = False
    changes: list[str] = field(default_factory=list)


@dataclass
class ImportOutcome:
    year: int
    dry_run: bool
    children: list[ChildOutcome]

    @property
    def added(self) -> int:
        return sum(1 for c in self.children if c.added)

    @property
    def changed(self) -> int:
        return sum(1 for c in self.children if c.changes and not c.added)

    @property
    def unchanged(self) -> int:
        return sum(1 for c in self.children if not c.changes)

    def as_dict(self) -> dict[str, Any]:
        return {
            "year": self.year,
            "dry_run": self.dry_run,
            "added": self.added,
            "changed": self.changed,
            "unchanged": self.unchanged,
            "children": [asdict(c) for c in self.children if c.changes],
        }


def _day(value: datetime.date | None) -> str:
    return f"{value:%d/%m/%Y}" if value else "(none)"


class _Importer:
    def __init__(self, *, actor: User | None, year: int) -> None:
        self.actor = actor
        self.year = year
        self.providers: dict[HomePlan, Provider] = {}

    def provider(self, home: HomePlan) -> Provider:
        if home not in self.providers:
            found = Provider.objects.filter(name=home.name, kind=home.kind).order_by("id").first()
            self.providers[home] = found or add_provider(actor=self.actor, name=home.name, kind=home.kind)
        return self.providers[home]

    def child(self, plan: ChildPlan) -> ChildOutcome:
        outcome = ChildOutcome(child=plan.child_identifier)
        child = Child.objects.filter(child_identifier=plan.child_identifier).first()
        if child is None:
            child = Child(
                child_identifier=plan.child_identifier,
                legal_first_name=NAME_NOT_GIVEN,
                legal_last_name=plan.child_identifier,
                date_of_birth=plan.date_of_birth,
                sex=plan.sex,
                ethnicity=plan.ethnicity,
            )
            create_audited(
                child, actor=self.actor, event_type=CHILD_ADDED, child=child, details={"from": "SSDA903"}
            )
            outcome.added = True
            outcome.changes.append("added")
        else:
            wanted = {"date_of_birth": plan.date_of_birth, "sex": plan.sex, "ethnicity": plan.ethnicity}
            changed = {k: v for k, v in wanted.items() if getattr(child, k) != v}
            if changed:
                before = {k: str(getattr(child, k)) for k in changed}
                child = update_child_details(
                    actor=self.actor, child=child, seen_version=child.version, changes=changed
                )
                outcome.changes += [f"{k.replace('_', ' ')} {before[k]} → {v}" for k, v in changed.items()]
        self.header(child, plan, outcome)
        placements = self.placements(child, plan, outcome)
        statuses = self.legal_statuses(child, plan, outcome)
        self.episodes(child, plan, outcome, placements=placements, statuses=statuses)
        if outcome.added:
            outcome.changes = ["added"]
        return outcome

    def header(self, child: Child, plan: ChildPlan, outcome: ChildOutcome) -> None:
        values = {key.lower(): value for key, value in plan.header.items()}
        kept = ReturnHeader.objects.filter(child=child).first()
        if kept is None:
            create_audited(
                ReturnHeader(child=child, **values),
                actor=self.actor,
                event_type=RETURN_HEADER_RECORDED,
                child=child,
            )
            return
        before = self._corrected(kept, values, event_type=RETURN_HEADER_RECORDED, child=child)
        outcome.changes += [
            f"{k.upper()} {before[k] or '(blank)'} → {values[k] or '(blank)'}" for k in before
        ]

    def _corrected(
        self, record, wanted: dict, *, event_type: str, child: Child, imported: bool = False
    ) -> dict:
        """Set each of `wanted` that differs on `record`, saved and audited in one step; the fields
        changed, each with what it held before, as text (empty when nothing differed)."""
        changed = {k: v for k, v in wanted.items() if getattr(record, k) != v}
        if not changed:
            return {}
        before = {k: str(getattr(record, k)) for k in changed}
        for k, v in changed.items():
            setattr(record, k, v)
        update_audited(
            record,
            actor=self.actor,
            fields=list(changed),
            event_type=event_type,
            child=child,
            details={"before": before, **({"from": "SSDA903"} if imported else {})},
        )
        return before

    def placements(
        self, child: Child, plan: ChildPlan, outcome: ChildOutcome
    ) -> dict[datetime.date, Placement]:
        existing = {p.start_date: p for p in Placement.objects.filter(child=child).select_related("provider")}
        for wanted in plan.placements:
            placement = existing.get(wanted.start_date)
            if placement is None and wanted.continues_earlier:
                placement = _covering(existing.values(), wanted.start_date)
            provider = self.provider(wanted.home)
            started = placement is None
            if started:
                placement = start_placement(
                    actor=self.actor,
                    child=child,
                    placement_type=wanted.placement_type,
                    start_date=wanted.start_date,
                    provider=provider,
                )
                outcome.changes.append(f"placement from {_day(wanted.start_date)} added")
            if placement.end_date is None and wanted.end_date is not None:
                placement = end_placement(
                    actor=self.actor,
                    placement=placement,
                    end_date=wanted.end_date,
                    end_reason=wanted.end_reason,
                    ending_planned=bool(wanted.ending_planned),
                )
                if not started:
                    outcome.changes.append(
                        f"placement from {_day(placement.start_date)} ended on {_day(wanted.end_date)}"
                    )
            corrections = {
                "placement_type": wanted.placement_type,
                "end_date": wanted.end_date,
                "end_reason": wanted.end_reason,
                "ending_planned": wanted.ending_planned,
            }
            # A home recorded in Steadfast as a fostering household is richer than the return's
            # postcode and URN: it is kept.
            if placement.household_id is None:
                corrections["provider"] = provider
            before = self._corrected(
                placement, corrections, event_type=PLACEMENT_CORRECTED, child=child, imported=True
            )
            if before:
                outcome.changes.append(
                    f"placement from {_day(placement.start_date)} corrected: "
                    + _words({k: corrections[k] for k in before})
                )
            existing[wanted.start_date] = placement
        return existing

    def legal_statuses(
        self, child: Child, plan: ChildPlan, outcome: ChildOutcome
    ) -> dict[datetime.date, LegalStatus]:
        existing = {s.start_date: s for s in LegalStatus.objects.filter(child=child)}
        for wanted in plan.legal_statuses:
            status = existing.get(wanted.start_date)
            if status is None and wanted.continues_earlier:
                status = _covering(existing.values(), wanted.start_date)
            if status is None:
                status = record_legal_status(
                    actor=self.actor,
                    child=child,
                    status=wanted.status,
                    start_date=wanted.start_date,
                    end_date=wanted.end_date,
                )
                outcome.changes.append(f"legal status from {_day(wanted.start_date)} added")
                existing[wanted.start_date] = status
                continue
            ended = status.end_date is None and wanted.end_date is not None and status.status == wanted.status
            corrections = {"status": wanted.status, "end_date": wanted.end_date}
            before = self._corrected(
                status,
                corrections,
                event_type=LEGAL_STATUS_ENDED if ended else LEGAL_STATUS_CORRECTED,
                child=child,
                imported=True,
            )
            if before:
                outcome.changes.append(
                    f"legal status from {_day(status.start_date)} "
                    + (
                        f"ended on {_day(wanted.end_date)}"
                        if ended
                        else f"corrected: {_words({k: corrections[k] for k in before})}"
                    )
                )
            existing[wanted.start_date] = status
        return existing

    def episodes(
        self,
        child: Child,
        plan: ChildPlan,
        outcome: ChildOutcome,
        *,
        placements: dict[datetime.date, Placement],
        statuses: dict[datetime.date, LegalStatus],
    ) -> None:
        kept = {e.decom: e for e in ReturnEpisode.objects.filter(child=child)}
        placement_starts = sorted(p.start_date for p in plan.placements)
        status_starts = sorted(s.start_date for s in plan.legal_statuses)
        for episode in plan.episodes:
            links = {
                "placement": placements[max(d for d in placement_starts if d <= episode.decom)],
                "legal_status": statuses[max(d for d in status_starts if d <= episode.decom)],
            }
            values = {name: getattr(episode, name) for name in _EPISODE_FIELDS}
            row = kept.get(episode.decom)
            if row is None:
                create_audited(
                    ReturnEpisode(child=child, decom=episode.decom, **values, **links),
                    actor=self.actor,
                    event_type=RETURN_EPISODE_RECORDED,
                    child=child,
                )
                outcome.changes.append(f"episode from {_day(episode.decom)} added")
                continue
            before = self._corrected(
                row, {**values, **links}, event_type=RETURN_EPISODE_CORRECTED, child=child
            )
            shown = [k for k in before if k in values]
            if shown:
                outcome.changes.append(
                    f"episode from {_day(episode.decom)}: "
                    + ", ".join(f"{k.upper()} {_shown(before[k])} → {_shown(values[k])}" for k in shown)
                )


def _covering(records, day: datetime.date):
    """The placement or legal status, begun before `day`, that `day` falls in."""
    return next(
        (r for r in records if r.start_date < day and (r.end_date is None or r.end_date >= day)),
        None,
    )


def _words(fields) -> str:
    return ", ".join(sorted(k.replace("_", " ") for k in fields))


def _shown(value: Any) -> str:
    if isinstance(value, datetime.date):
        return _day(value)
    return "(blank)" if value in ("", None, "None") else str(value)


def import_plan(
    *,
    actor: User | None,
    plan: Plan,
    dry_run: bool = False,
    progress: Callable[[int, int], None] | None = None,
) -> ImportOutcome:
    """Apply `plan` to Steadfast's records in one transaction: everything or, when any child's
    records cannot be written, nothing (`ImportFailed` says which child and why). A dry run works
    out the same outcome and then writes nothing. `progress` is told (done, total) after each
    child. Applying a plan twice changes nothing the second time."""
    if plan.refused:
        raise ValueError("A refused plan cannot be imported")
    importer = _Importer(actor=actor, year=plan.year)
    outcome = ImportOutcome(year=plan.year, dry_run=dry_run, children=[])
    try:
        with transaction.atomic():
            for done, child_plan in enumerate(plan.children, start=1):
                try:
                    with transaction.atomic():
                        outcome.children.append(importer.child(child_plan))
                except ValidationError as error:
                    raise ImportFailed(
                        FAILED_ON_CHILD.format(
                            child=child_plan.child_identifier, message=" ".join(error.messages)
                        )
                    ) from error
                if progress is not None:
                    progress(done, len(plan.children))
            if dry_run:
                raise _DryRun
    except _DryRun:
        pass
    return outcome


@transaction.atomic
def ask_for_import(*, actor: User, year: int, folder: Path, files: list[str]) -> ImportRun:
    """Record an import run of the files uploaded into `folder` and queue it for the worker."""
    from .tasks import run_import

    run = create_audited(
        ImportRun(year=year, folder=str(folder), files=files),
        actor=actor,
        event_type=IMPORT_RUN_ASKED,
        details={"year": year, "files": files},
    )
    # The database backend writes the task's row in this transaction: no run without its task.
    run_import.enqueue(run.pk)
    return run


def finish_import_run(*, run: ImportRun, status: str, report: dict[str, Any]) -> None:
    """Keep the run's report, and remove its uploaded files: the records hold what they gave."""
    ImportRun.objects.filter(pk=run.pk).update(status=status, report=report, finished_at=timezone.now())
    shutil.rmtree(run.folder, ignore_errors=True)


def note_children_to_import(*, run: ImportRun, total: int) -> None:
    ImportRun.objects.filter(pk=run.pk).update(status=ImportRunStatus.RUNNING, children_total=total)


def note_children_done(folder: Path, done: int, total: int) -> None:
    """Write `done` to the run's progress file, about a hundred times in a run and at its end;
    replaced whole, so a page never reads half a number."""
    if done != total and done % max(1, total // 100):
        return
    written = folder / f"{PROGRESS_FILE}.new"
    written.write_text(str(done))
    written.replace(folder / PROGRESS_FILE)


def carry_out_import_run(*, run_id: int) -> str:
    """Read the run's files, check them with the year's rules, and import them all or nothing;
    keep on the run what the rules found, what was refused and what changed, per child. Returns
    the run's final status."""
    from .ssda903 import loading, reading, validation

    run = ImportRun.objects.select_related("created_by").get(pk=run_id)
    ImportRun.objects.filter(pk=run.pk).update(status=ImportRunStatus.RUNNING)
    collection = reading.read_collection(Path(run.folder), year=run.year)
    if not collection.readable:
        finish_import_run(
            run=run,
            status=ImportRunStatus.REFUSED,
            report={"file_problems": [p.message for p in collection.problems]},
        )
        return ImportRunStatus.REFUSED
    checked = validation.validate(collection)
    rules = [
        {"code": code, "message": message, "table": table, "rows": rows}
        for code, message, table, rows in checked.summary().iter_rows()
    ]
    plan = loading.plan_import(collection)
    if plan.refused:
        refusals = [asdict(r) for r in plan.refusals]
        finish_import_run(
            run=run, status=ImportRunStatus.REFUSED, report={"rules": rules, "refusals": refusals}
        )
        return ImportRunStatus.REFUSED
    note_children_to_import(run=run, total=len(plan.children))
    try:
        outcome = import_plan(
            actor=run.created_by,
            plan=plan,
            progress=lambda done, total: note_children_done(Path(run.folder), done, total),
        )
    except ImportFailed as error:
        finish_import_run(
            run=run, status=ImportRunStatus.FAILED, report={"rules": rules, "failure": str(error)}
        )
        return ImportRunStatus.FAILED
    finish_import_run(run=run, status=ImportRunStatus.IMPORTED, report={"rules": rules, **outcome.as_dict()})
    return ImportRunStatus.IMPORTED
