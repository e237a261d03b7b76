"""Run the sector's SSDA903 validator (`lac_validator`, package csc-validator-be-903) on a folder
of CSV files, the way its web front end does (`rpc_main.lac_validate`), and print as JSON the rows
it flags by rule code, the rules that ran, and the time and peak memory it took.

It runs in the validator's own virtual environment (pandas 1.5, Python 3.11), never in Steadfast's:
`make peer-903-venv` builds it. Usage:

    benchmarks/.peer-venv/bin/python benchmarks/ssda903/peer/run_peer.py FOLDER --year 2026 \
        [--authority E08000035] [--rules 103 144] [--list-rules]

The folder's CSV files are the year's; a `previous` folder inside it, if any, the year before.
Rows are numbered from 0 in each file, after the heading, as Steadfast numbers them.
"""

import argparse
import contextlib
import json
import logging
import os
import resource
import sys
import tempfile
import time
from pathlib import Path


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("folder", type=Path)
    parser.add_argument(
        "--year", required=True, help="the collection year, by its 31 March: 2026 for 2025/26"
    )
    parser.add_argument("--authority", default="E08000035", help="the local authority's code")
    parser.add_argument("--rules", nargs="*", help="run only these rule codes")
    parser.add_argument("--list-rules", action="store_true", help="print the year's rule codes and stop")
    args = parser.parse_args()

    if args.list_rules:
        os.chdir(tempfile.mkdtemp(prefix="peer-903-"))
        logging.disable(logging.INFO)
        from lac_validator.rules.ruleset_utils import get_year_ruleset

        json.dump(sorted(str(code) for code in get_year_ruleset(str(args.year))), sys.stdout)
        sys.stdout.write("\n")
        return 0

    folder = args.folder.resolve()
    files = {"This year": sorted(str(p) for p in folder.glob("*.csv"))}
    previous = folder / "previous"
    if previous.is_dir():
        files["Prev year"] = sorted(str(p) for p in previous.glob("*.csv"))

    # The validator's module writes a log file into the working folder when imported, and logs
    # every rule at INFO: keep both out of the way.
    os.chdir(tempfile.mkdtemp(prefix="peer-903-"))
    logging.disable(logging.INFO)
    import rpc_main
    from lac_validator import lac_validator

    runs = []

    class Recorded(lac_validator.LacValidator):
        def __init__(self, *a, **k):
            super().__init__(*a, **k)
            runs.append(self)

    rpc_main.lac_validator.LacValidator = Recorded
    began = time.perf_counter()
    # Some of its rules print: only the JSON goes to standard output.
    with contextlib.redirect_stdout(sys.stderr):
        try:
            rpc_main.lac_validate(
                files,
                {"collectionYear": str(args.year), "localAuthority": args.authority},
                args.rules or None,
            )
        except ValueError as error:
            # Its issue list is a concatenation of each rule's issues, which fails when no rule
            # found any: by then every rule has run and its report is built.
            if "No objects to concatenate" not in str(error) or not runs:
                raise
    seconds = time.perf_counter() - began

    # The rows each rule flagged, as the validator marks them on its tables (ERR_<code>).
    run = runs[0]
    flagged: dict[str, dict[str, list[int]]] = {}
    for table, frame in run.ds_results.items():
        if table == "metadata":
            continue
        for column in frame.columns:
            if column.startswith("ERR_"):
                rows = frame.index[frame[column].eq(True)].tolist()
                if rows:
                    flagged.setdefault(column[4:], {})[table] = rows
    json.dump(
        {
            "year": int(args.year),
            "seconds": round(seconds, 3),
            "peak_memory_mb": round(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024, 1),
            "ran": sorted(map(str, run.dones)),
            "skipped": sorted(map(str, run.skips)),
            "failed": sorted(map(str, run.fails)),
            "flagged": {
                code: {table: sorted(int(r) for r in rows) for table, rows in by_table.items()}
                for code, by_table in sorted(flagged.items())
            },
        },
        sys.stdout,
    )
    sys.stdout.write("\n")
    return 0


if __name__ == "__main__":
    sys.exit(main())
