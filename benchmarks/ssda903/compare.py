"""Steadfast's SSDA903 validation beside the sector's validator on the same files: for every rule
both ran, the rows only Steadfast flags and the rows only the sector's validator flags.

    .venv/bin/python -m benchmarks.ssda903.compare FOLDER --year 2026 [--rules 103 ...] [--json PATH]

The sector's validator runs in its own virtual environment (`make peer-903-venv`), as a
subprocess, through `peer/run_peer.py`; PEER_PYTHON names another interpreter for it. The exit
status is 0 when both agree on every rule both ran, 1 when they differ, 2 when one cannot run.
"""

import argparse
import json
import os
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
PEER_PYTHON = ROOT / "benchmarks" / ".peer-venv" / "bin" / "python"
PEER_DRIVER = Path(__file__).resolve().parent / "peer" / "run_peer.py"
SHOWN = 20
"""Rows shown per rule and side in the text report; the JSON holds them all."""


def peer_python() -> Path:
    return Path(os.environ.get("PEER_PYTHON", PEER_PYTHON))


def ours(folder: Path, *, year: int, codes=None) -> dict:
    """Steadfast's rules on `folder`: the rules that ran and the rows each flags, by table."""
    from steadfast.interop.ssda903 import reading, validation

    began = time.perf_counter()
    collection = reading.read_collection(folder, year=year)
    if not collection.readable:
        raise SystemExit("\n".join(p.message for p in collection.problems))
    report = validation.validate(collection, codes=codes)
    flagged: dict[str, dict[str, list[int]]] = {}
    grouped = report.problems.group_by("code", "table").agg("ROW")
    for code, table, rows in grouped.iter_rows():
        flagged.setdefault(code, {})[table] = sorted(rows)
    return {"seconds": round(time.perf_counter() - began, 3), "ran": list(report.ran), "flagged": flagged}


def peer(folder: Path, *, year: int, codes=None, timeout: float | None = None) -> dict:
    """The sector's validator on `folder`, through its driver in its own environment."""
    python = peer_python()
    if not python.exists():
        raise SystemExit(f"The sector's validator has no environment at {python}: run `make peer-903-venv`.")
    command = [str(python), str(PEER_DRIVER), str(folder.resolve()), "--year", str(year)]
    if codes:
        command += ["--rules", *codes]
    done = subprocess.run(command, capture_output=True, text=True, timeout=timeout)
    if done.returncode != 0:
        raise SystemExit(f"The sector's validator failed:\n{done.stderr[-3000:]}")
    return json.loads(done.stdout)


def compare(our: dict, their: dict) -> dict:
    """For each rule both ran, by table: the rows only ours flags and the rows only theirs flags."""
    both = sorted(set(our["ran"]) & set(their["ran"]), key=lambda c: (len(c), c))
    rules = {}
    for code in both:
        mine, theirs = our["flagged"].get(code, {}), their["flagged"].get(code, {})
        tables = {}
        for table in sorted(set(mine) | set(theirs)):
            a, b = set(mine.get(table, ())), set(theirs.get(table, ()))
            tables[table] = {"both": len(a & b), "only_ours": sorted(a - b), "only_peer": sorted(b - a)}
        rules[code] = tables
    return {
        "rules_both_ran": both,
        "only_ours_ran": sorted(set(our["ran"]) - set(their["ran"])),
        "agree": all(not t["only_ours"] and not t["only_peer"] for r in rules.values() for t in r.values()),
        "rules": rules,
    }


def text(result: dict) -> str:
    verdict = "They agree." if result["agree"] else "They differ."
    lines = [f"Rules both ran: {len(result['rules_both_ran'])}. {verdict}"]
    for code, by_table in result["rules"].items():
        for table, rows in by_table.items():
            line = f"{code:>6} {table:<10} both {rows['both']:>7}"
            for side in ("only_ours", "only_peer"):
                found = rows[side]
                shown = ", ".join(map(str, found[:SHOWN])) + (" ..." if len(found) > SHOWN else "")
                line += f"  {side} {len(found)}" + (f" [{shown}]" if found else "")
            lines.append(line)
    return "\n".join(lines)


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("folder", type=Path)
    parser.add_argument("--year", type=int, required=True)
    parser.add_argument("--rules", nargs="*", help="compare only these rule codes")
    parser.add_argument("--json", type=Path, help="write the whole comparison here as JSON")
    args = parser.parse_args(argv)
    try:
        our = ours(args.folder, year=args.year, codes=args.rules)
        their = peer(args.folder, year=args.year, codes=args.rules)
    except SystemExit as failure:
        print(failure, file=sys.stderr)
        return 2
    result = compare(our, their)
    result["seconds"] = {"ours": our["seconds"], "peer": their["seconds"]}
    print(text(result))
    if args.json:
        args.json.write_text(json.dumps(result, indent=1) + "\n", encoding="utf-8")
    return 0 if result["agree"] else 1


if __name__ == "__main__":
    sys.exit(main())
