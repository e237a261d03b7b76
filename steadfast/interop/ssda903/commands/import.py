"""`manage.py ssda903 import <folder> [--year YYYY] [--dry-run]`"""

from pathlib import Path

from django.core.management.base import CommandError

from steadfast.interop import services

from .. import loading, validation
from ._years import add_year_argument, year_of
from .validate import read

HELP = "Import a folder of SSDA903 Header and Episodes files into Steadfast's records, all or nothing."

NOTHING_CHANGED = "Nothing changed: Steadfast's records already hold everything in these files."
DRY_RUN_NOTE = "This was a dry run: nothing was written."


def add_arguments(parser) -> None:
    parser.add_argument("folder", type=Path, help="the folder holding the year's CSV files")
    add_year_argument(parser)
    parser.add_argument("--dry-run", action="store_true", help="say what would change, and write nothing")


def run(options, out) -> None:
    year = year_of(options)
    collection = read(options["folder"], year=year)
    report = validation.validate(collection)
    for code, message, table, rows in report.summary().iter_rows():
        out.write(f"Rule {code} ({table}, {rows} rows): {message}")
    plan = loading.plan_import(collection)
    if plan.refused:
        raise CommandError(
            "Nothing was imported. These rows cannot be used:\n"
            + "\n".join(f"{r.table} line {r.line}: {r.message}" for r in plan.refusals)
        )
    try:
        outcome = services.import_plan(actor=None, plan=plan, dry_run=options["dry_run"])
    except services.ImportFailed as error:
        raise CommandError(str(error)) from error
    write_outcome(outcome, out)


def write_outcome(outcome: services.ImportOutcome, out) -> None:
    for child in outcome.children:
        if child.changes:
            out.write(f"Child {child.child}: {'; '.join(child.changes)}")
    if not outcome.added and not outcome.changed:
        out.write(NOTHING_CHANGED)
    else:
        out.write(
            f"{outcome.added} children added, {outcome.changed} changed, {outcome.unchanged} unchanged."
        )
    if outcome.dry_run:
        out.write(DRY_RUN_NOTE)
