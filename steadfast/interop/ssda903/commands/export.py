"""`manage.py ssda903 export --year YYYY <folder>`"""

from pathlib import Path

from .. import exporting
from ._years import add_year_argument, year_of

HELP = "Write a year's SSDA903 Header and Episodes files from Steadfast's records."


def add_arguments(parser) -> None:
    parser.add_argument("folder", type=Path, help="the folder to write the CSV files into")
    add_year_argument(parser, required=True)


def run(options, out) -> None:
    year = year_of(options)
    written = exporting.export_year(options["folder"], year=year)
    for table, rows in written.items():
        out.write(f"{exporting.FILE_NAMES[table]}: {rows} rows ({table})")
