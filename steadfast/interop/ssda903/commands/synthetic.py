"""`manage.py ssda903 synthetic <folder> --children N [--year YYYY] [--seed S] [--dirty]`"""

from pathlib import Path

from django.conf import settings
from django.core.management.base import CommandError
from tqdm import tqdm

from steadfast.measures.published_statistics import published_statistics

from .. import synthetic
from ._years import add_year_argument, year_of

HELP = "Write made-up but valid SSDA903 files (Header and Episodes, or more) for any number of children."

ERROR_TOO_FEW = "Give at least one child, or at least 40 with --dirty (the planted errors need them)."


def add_arguments(parser) -> None:
    parser.add_argument("folder", type=Path, help="the folder to write the CSV files into")
    parser.add_argument("--children", type=int, required=True, help="how many children")
    add_year_argument(parser)
    parser.add_argument("--seed", type=int, default=903, help="the same seed writes the same files")
    parser.add_argument(
        "--dirty",
        action="store_true",
        help="plant known errors and list them, with the rules that should flag them, in manifest.json",
    )
    parser.add_argument(
        "--all-tables",
        action="store_true",
        help="write the UASC, Reviews and Missing tables too, beside Header and Episodes",
    )
    parser.add_argument(
        "--previous",
        action="store_true",
        help="write the year before's Header and Episodes too, in the folder previous inside the folder",
    )


def run(options, out) -> None:
    year = year_of(options)
    children = options["children"]
    if children < (40 if options["dirty"] else 1):
        raise CommandError(ERROR_TOO_FEW)
    targets = synthetic.targets_from_published(
        published_statistics(settings.PUBLISHED_STATISTICS_DIR), year=year
    )
    with tqdm(total=children, desc="Children", unit="child", file=out, disable=not out.isatty()) as bar:
        manifest = synthetic.generate(
            options["folder"],
            children=children,
            year=year,
            seed=options["seed"],
            dirty=options["dirty"],
            extra=options["all_tables"],
            previous=options["previous"],
            targets=targets,
            progress=bar.update,
        )
    rows = ", ".join(f"{count} {name}" for name, count in manifest.rows.items())
    out.write(f"{manifest.children} children: {rows} rows in {options['folder']}.")
    if options["dirty"]:
        out.write(f"{len(manifest.planted)} errors planted, listed in {synthetic.MANIFEST_FILE}.")
