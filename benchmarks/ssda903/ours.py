"""Steadfast's SSDA903 validation of one folder, alone in its process, for `bench`: prints as JSON
the seconds reading and checking took, the rows flagged and the process's peak memory.

    .venv/bin/python -m benchmarks.ssda903.ours FOLDER --year 2026 [--rules 103 ...]
"""

import argparse
import json
import resource
import sys
import time
from pathlib import Path


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("folder", type=Path)
    parser.add_argument("--year", type=int, required=True)
    parser.add_argument("--rules", nargs="*")
    args = parser.parse_args(argv)

    from steadfast.interop.ssda903 import reading, validation

    began = time.perf_counter()
    collection = reading.read_collection(args.folder, year=args.year)
    if not collection.readable:
        print("\n".join(p.message for p in collection.problems), file=sys.stderr)
        return 2
    read = time.perf_counter()
    report = validation.validate(collection, codes=args.rules or None)
    checked = time.perf_counter()
    json.dump(
        {
            "seconds": round(checked - began, 3),
            "read_seconds": round(read - began, 3),
            "rules_seconds": round(checked - read, 3),
            "rows": {name: len(table) for name, table in collection.tables.items()},
            "ran": list(report.ran),
            "problems": len(report.problems),
            "peak_memory_mb": round(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024, 1),
        },
        sys.stdout,
    )
    sys.stdout.write("\n")
    return 0


if __name__ == "__main__":
    sys.exit(main())
