"""`manage.py ssda903 validate <folder> [--year YYYY] [--csv report.csv]`"""

import csv
import dataclasses
from pathlib import Path

from django.core.management.base import CommandError
from tqdm import tqdm

from .. import reading, validation
from ._years import add_year_argument, year_of

HELP = "Check a folder of SSDA903 files with the Department's rules for the year."

ERROR_NO_RULES = "Steadfast holds the Department's rules from {first} on. Choose {first} or a later year."
ERROR_NO_FOLDER = "There is no folder {folder}. Give the folder that holds the year's CSV files."


def add_arguments(parser) -> None:
    parser.add_argument("folder", type=Path, help="the folder holding the year's CSV files")
    add_year_argument(parser)
    parser.add_argument("--csv", type=Path, help="write every problem found to this CSV file")


def run(options, out) -> None:
    year = year_of(options)
    rules = validation.rules_for(year)
    if not rules:
        raise CommandError(ERROR_NO_RULES.format(first=reading.year_label(validation.FIRST_YEAR)))
    collection = read(options["folder"], year=year)
    with tqdm(total=len(rules), desc="Rules", unit="rule", file=out, disable=not out.isatty()) as bar:
        report = validation.validate(collection, progress=lambda _rule: bar.update())
    summary = report.summary()
    rows = report.problems.select("table", "ROW").n_unique()
    out.write(
        f"{_counted(len(report.ran), 'rule')} ran; {len(report.skipped)} skipped for tables not given; "
        f"{_counted(len(report.problems), 'problem')} on {_counted(rows, 'row')}."
    )
    for code, message, table, rows in summary.iter_rows():
        out.write(f"{code:>10}  {table:<15} {rows:>8}  {message}")
    if options["csv"]:
        with options["csv"].open("w", newline="", encoding="utf-8") as stream:
            writer = csv.writer(stream)
            writer.writerow([f.name for f in dataclasses.fields(validation.ProblemRow)])
            for problem in validation.problem_rows(report, collection):
                writer.writerow(dataclasses.astuple(problem))
        out.write(f"Every problem is in {options['csv']}.")


def _counted(number: int, noun: str) -> str:
    return f"{number:,} {noun}" + ("" if number == 1 else "s")


def read(folder: Path, *, year: int) -> reading.Collection:
    """The collection in `folder`, or a `CommandError` saying what is wrong with its files."""
    if not folder.is_dir():
        raise CommandError(ERROR_NO_FOLDER.format(folder=folder))
    collection = reading.read_collection(folder, year=year)
    if not collection.readable:
        raise CommandError("\n".join(problem.message for problem in collection.problems))
    return collection
