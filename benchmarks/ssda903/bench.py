"""`make bench-903`: Steadfast's SSDA903 validation against the sector's validator, and the
stability measures, on synthetic returns of 10,000, 100,000 and 1,000,000 children.

For each size it generates (once, then from the cache) a return of Header and Episodes files
with `synthetic.generate`, then, each in a process of its own, times Steadfast's validation
(`ours.py`) and the sector's validator (`peer/run_peer.py`, in its own environment) on the rules
both have, with each process's peak memory; a size is skipped for the sector's validator once it
has taken longer than the timeout. Then `manage.py ssda903 measures <folder> --json` on the largest
folder. It prints a table and writes the results as JSON (benchmarks/results/ssda903.json).

    .venv/bin/python -m benchmarks.ssda903.bench [--sizes 10000 100000] [--peer-timeout 600]
"""

import argparse
import datetime
import hashlib
import importlib.util
import json
import os
import platform
import shutil
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path

from benchmarks.common import commit, cpu_name
from benchmarks.ssda903.compare import PEER_DRIVER, peer_python

ROOT = Path(__file__).resolve().parents[2]
CACHE = ROOT / "benchmarks" / ".cache" / "ssda903"
RESULTS = ROOT / "benchmarks" / "results" / "ssda903.json"
SIZES = (10_000, 100_000, 1_000_000)
STAMP = "generated-by.txt"

GOAL_SPEED = 10.0
"""Steadfast's validation at least this many times faster than the sector's, at every size."""
GOAL_MEASURES_SECONDS = 10.0
GOAL_MEASURES_MB = 4096.0


def measured(command: list[str], *, timeout: float | None = None, env=None) -> dict:
    """Run `command` to its end (or kill it after `timeout` seconds): its exit code, output,
    wall-clock seconds and peak resident memory, from the kernel's accounting of that process."""
    with tempfile.TemporaryFile("w+") as out, tempfile.TemporaryFile("w+") as err:
        began = time.perf_counter()
        process = subprocess.Popen(command, stdout=out, stderr=err, cwd=ROOT, env=env)
        timed_out = threading.Event()

        def kill() -> None:
            timed_out.set()
            process.kill()

        timer = threading.Timer(timeout, kill) if timeout else None
        if timer:
            timer.start()
        _, status, usage = os.wait4(process.pid, 0)
        if timer:
            timer.cancel()
        process.returncode = os.waitstatus_to_exitcode(status)
        seconds = time.perf_counter() - began
        out.seek(0)
        err.seek(0)
        return {
            "returncode": process.returncode,
            "timed_out": timed_out.is_set(),
            "wall_seconds": round(seconds, 3),
            "peak_memory_mb": round(usage.ru_maxrss / 1024, 1),
            "stdout": out.read(),
            "stderr": err.read(),
        }


def generator_stamp(year: int, seed: int) -> str:
    """What the files in a cached folder depend on: the generator's code and data, year, seed."""
    from steadfast.interop.ssda903 import synthetic

    digest = hashlib.sha256()
    for path in (Path(synthetic.__file__), synthetic.POSTCODES):
        digest.update(path.read_bytes())
    return f"{digest.hexdigest()} {year} {seed}"


def folder_for(size: int, *, year: int, seed: int) -> tuple[Path, float | None]:
    """The cached folder of `size` children, generated first if missing or out of date, and the
    seconds generating took (None when it was cached)."""
    from steadfast.interop.ssda903 import synthetic

    folder = CACHE / f"{year}-{size}-{seed}"
    stamp = generator_stamp(year, seed)
    if (folder / STAMP).is_file() and (folder / STAMP).read_text() == stamp:
        return folder, None
    shutil.rmtree(folder, ignore_errors=True)
    began = time.perf_counter()
    synthetic.generate(folder, children=size, year=year, seed=seed)
    seconds = time.perf_counter() - began
    (folder / STAMP).write_text(stamp)
    return folder, round(seconds, 3)


def peer_rules(year: int) -> list[str] | None:
    python = peer_python()
    if not python.exists():
        return None
    done = subprocess.run(
        [str(python), str(PEER_DRIVER), ".", "--year", str(year), "--list-rules"],
        capture_output=True,
        text=True,
        check=False,
    )
    return json.loads(done.stdout) if done.returncode == 0 else None


def run_ours(folder: Path, *, year: int, rules: list[str]) -> dict:
    command = [sys.executable, "-m", "benchmarks.ssda903.ours", str(folder), "--year", str(year)]
    if rules:
        command += ["--rules", *rules]
    run = measured(command)
    if run["returncode"] != 0:
        return {"error": run["stderr"][-2000:]}
    report = json.loads(run["stdout"])
    return {**report, "wall_seconds": run["wall_seconds"], "peak_memory_mb": run["peak_memory_mb"]}


def run_peer(folder: Path, *, year: int, rules: list[str] | None, timeout: float) -> dict:
    """The sector's validator on `folder`, on `rules` only, or on all of its year's (None)."""
    command = [str(peer_python()), str(PEER_DRIVER), str(folder), "--year", str(year)]
    if rules is not None:
        command += ["--rules", *rules]
    run = measured(command, timeout=timeout)
    if run["timed_out"]:
        return {"timed_out": True, "wall_seconds": run["wall_seconds"]}
    if run["returncode"] != 0:
        return {"error": run["stderr"][-2000:]}
    report = json.loads(run["stdout"])
    return {
        "seconds": report["seconds"],
        "ran": report["ran"],
        "problems": sum(len(rows) for by_table in report["flagged"].values() for rows in by_table.values()),
        "wall_seconds": run["wall_seconds"],
        "peak_memory_mb": run["peak_memory_mb"],
    }


def run_measures(folder: Path, *, year: int) -> dict:
    if importlib.util.find_spec("steadfast.interop.ssda903.commands.measures") is None:
        return {"available": False, "note": "not available: manage.py ssda903 has no measures subcommand yet"}
    command = [sys.executable, "manage.py", "ssda903", "measures", str(folder), "--year", str(year), "--json"]
    # Django's start-up, timed apart (the command's help), is taken off the command's time: the
    # goal is for counting the measures, and on a busy machine starting Django alone can take
    # seconds.
    startup = measured([sys.executable, "manage.py", "ssda903", "measures", "--help"], timeout=600)
    run = measured(command, timeout=600)
    result = {
        "available": True,
        "returncode": run["returncode"],
        "wall_seconds": run["wall_seconds"],
        "startup_seconds": startup["wall_seconds"],
        "seconds": round(max(run["wall_seconds"] - startup["wall_seconds"], 0), 3),
        "peak_memory_mb": run["peak_memory_mb"],
        "timed_out": run["timed_out"],
    }
    if run["returncode"] != 0:
        result["error"] = run["stderr"][-2000:]
    else:
        result["counts"] = _counts(json.loads(run["stdout"]))
    result["meets_goal"] = (
        run["returncode"] == 0
        and result["seconds"] < GOAL_MEASURES_SECONDS
        and run["peak_memory_mb"] < GOAL_MEASURES_MB
    )
    return result


def _counts(counted: dict) -> dict:
    """How many children stand in each list of the measures' output: the results keep figures,
    not the million identifiers behind them."""
    return {
        key: {part: len(children) for part, children in value.items()}
        if isinstance(value, dict) and key != "placements_in_year"
        else len(value)
        for key, value in counted.items()
    }


def machine() -> dict:
    import polars

    cpu = cpu_name()
    return {
        "commit": commit(),
        "load_average_at_start": [round(n, 2) for n in os.getloadavg()],
        "platform": platform.platform(),
        "cpu": cpu,
        "cpus": os.cpu_count(),
        "python": platform.python_version(),
        "polars": polars.__version__,
    }


def _cell(value, spec: str = ".2f") -> str:
    return "-" if value is None else format(value, spec)


def table(sizes: list[dict], measures: dict | None) -> str:
    heads = ("children", "episodes", "ours s", "ours MB", "peer s", "peer MB", "speed x", "memory x")
    lines = [" ".join(f"{h:>10}" for h in heads)]
    for row in sizes:
        ours, peer = row["ours"], row.get("peer") or {}
        peer_seconds = (
            "skipped"
            if peer.get("skipped")
            else "timed out"
            if peer.get("timed_out")
            else _cell(peer.get("seconds"))
        )
        cells = (
            f"{row['children']:,}",
            f"{row.get('episodes', 0):,}",
            _cell(ours.get("seconds")),
            _cell(ours.get("peak_memory_mb"), ".0f"),
            peer_seconds,
            _cell(peer.get("peak_memory_mb"), ".0f"),
            _cell(row.get("speed_ratio"), ".1f"),
            _cell(row.get("memory_ratio"), ".1f"),
        )
        lines.append(" ".join(f"{c:>10}" for c in cells))
    if measures is not None:
        if not measures.get("available"):
            lines.append(f"measures ({measures.get('children', 0):,} children): {measures['note']}")
        else:
            lines.append(
                f"measures ({measures['children']:,} children): {measures['seconds']:.2f} s "
                f"({measures['wall_seconds']:.2f} s with Django's start-up), "
                f"{measures['peak_memory_mb']:.0f} MB peak"
                + ("" if measures["returncode"] == 0 else f", failed (exit {measures['returncode']})")
            )
    return "\n".join(lines)


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", type=int, nargs="+", default=list(SIZES))
    parser.add_argument("--year", type=int, default=2026)
    parser.add_argument("--seed", type=int, default=903)
    parser.add_argument("--peer-timeout", type=float, default=600, help="seconds before the peer is stopped")
    parser.add_argument("--no-measures", action="store_true")
    parser.add_argument(
        "--peer-all",
        action="store_true",
        help="also time the sector's validator with all its rules (those the files' tables allow)",
    )
    parser.add_argument("--results", type=Path, default=RESULTS)
    args = parser.parse_args(argv)

    from steadfast.interop.ssda903 import validation

    ours_codes = [r.code for r in validation.rules_for(args.year)]
    theirs = peer_rules(args.year)
    both = [code for code in ours_codes if theirs is not None and code in theirs]
    print(f"Rules: {len(ours_codes)} in Steadfast for {args.year}; ", end="")
    if theirs is None:
        print("the sector's validator is not installed (make peer-903-venv): it is left out.")
    else:
        print(f"{len(theirs)} in the sector's validator; {len(both)} in both, which both run.")
    started = machine()
    results = []
    peer_given_up = theirs is None or not both
    for size in sorted(args.sizes):
        folder, generated = folder_for(size, year=args.year, seed=args.seed)
        row: dict = {"children": size, "folder": str(folder.relative_to(ROOT)), "generate_seconds": generated}
        row["ours"] = run_ours(folder, year=args.year, rules=both or ours_codes)
        row["episodes"] = row["ours"].get("rows", {}).get("Episodes", 0)
        if peer_given_up:
            row["peer"] = {"skipped": True}
        else:
            row["peer"] = run_peer(folder, year=args.year, rules=both, timeout=args.peer_timeout)
            if row["peer"].get("timed_out") or row["peer"].get("seconds", 0) > args.peer_timeout:
                peer_given_up = True
            elif args.peer_all:
                row["peer_all_rules"] = run_peer(
                    folder, year=args.year, rules=None, timeout=args.peer_timeout
                )
        ours, peer = row["ours"], row["peer"]
        if "seconds" in ours and "seconds" in peer:
            row["speed_ratio"] = round(peer["seconds"] / ours["seconds"], 2)
            row["memory_ratio"] = round(peer["peak_memory_mb"] / ours["peak_memory_mb"], 2)
            row["meets_goal"] = row["speed_ratio"] >= GOAL_SPEED and row["memory_ratio"] > 1
        results.append(row)
        print(table([row], None).splitlines()[-1], flush=True)
    measures = None
    if not args.no_measures:
        largest = max(args.sizes)
        folder, _ = folder_for(largest, year=args.year, seed=args.seed)
        measures = {"children": largest, **run_measures(folder, year=args.year)}
    print()
    print(table(results, measures))
    document = {
        "year": args.year,
        "seed": args.seed,
        "rules_both_run": both,
        "rules_ours_only": [c for c in ours_codes if c not in both],
        "goals": {
            "speed_ratio_at_least": GOAL_SPEED,
            "memory": "ours below the peer's",
            "measures_seconds_below": GOAL_MEASURES_SECONDS,
            "measures_memory_mb_below": GOAL_MEASURES_MB,
        },
        "sizes": results,
        "measures": measures,
        "machine": {**started, "load_average_at_end": [round(n, 2) for n in os.getloadavg()]},
        "measured_at": datetime.datetime.now(datetime.UTC).isoformat(timespec="seconds"),
    }
    args.results.parent.mkdir(parents=True, exist_ok=True)
    args.results.write_text(json.dumps(document, indent=1) + "\n", encoding="utf-8")
    print(f"\nThe results are in {args.results}.")
    failed = any("error" in row["ours"] or "error" in row["peer"] for row in results)
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
