"""How fast the busiest pages answer as the authority grows: `make bench`.

For each size (1,000 and 20,000 children) this builds a fresh PostgreSQL database, migrates it,
seeds it with the demo authority (`seed_demo_authority`), runs VACUUM ANALYZE, and then times
`/children/`, `/children/<id>/`, `/households/<id>/`, My work (`/`), `/oversight/` and
`/measures/` in-process with Django's test Client, signed in as the demo team manager, and then
the first view of `/measures/` after a change to a record it reads, once the background task has
worked the figures out again. Each size
runs in its own subprocess (so Django is pointed at that size's database from the start); the
parent collects their JSON, prints a table and the scaling verdicts, and writes
benchmarks/results/latest.json.

    python -m benchmarks.pages [--sizes 1000 20000] [--requests 50] [--warmup 5] [--changes 10] [--keep]

It is a measurement, not a test: it exits 0 when the goals are missed, non-zero on errors.
"""

import argparse
import datetime
import json
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from benchmarks.common import ROOT, create_database, database_name, drop_database, postgres_url, with_database
from benchmarks.common import machine as describe_machine

RESULTS_FILE = Path(__file__).resolve().parent / "results" / "latest.json"
SIZES = (1000, 20000)
SETTINGS = "config.settings.test"
SEED = 2026
MANAGER = "team.manager"
# Detail pages cycle over this many different records the manager may see.
RECORDS_PER_DETAIL_PAGE = 10
CHILD_LIST, CHILD_DETAIL, HOUSEHOLD_DETAIL = "/children/", "/children/<id>/", "/households/<id>/"
MY_WORK, OVERSIGHT, MEASURES = "/", "/oversight/", "/measures/"
# The first view of the measures after a placement was changed: what a user waits for when the
# records have moved since the page was last seen.
MEASURES_AFTER_CHANGE = "/measures/ after a change"
# The same children through the API, with the manager's personal access token: the first page
# of the list (50 children) and a child.
API_CHILD_LIST, API_CHILD_DETAIL = "/api/v1/children/", "/api/v1/children/<id>"
PAGES = (
    CHILD_LIST,
    CHILD_DETAIL,
    HOUSEHOLD_DETAIL,
    MY_WORK,
    OVERSIGHT,
    MEASURES,
    MEASURES_AFTER_CHANGE,
    API_CHILD_LIST,
    API_CHILD_DETAIL,
)
GOAL_RATIO = 1.5
# Each page's goal for its 95th percentile. My work, oversight and measures gather the whole of a
# caseload or service, so their goal is looser than a single record's.
GOAL_P95_MS = {
    CHILD_LIST: 100.0,
    CHILD_DETAIL: 100.0,
    HOUSEHOLD_DETAIL: 100.0,
    MY_WORK: 200.0,
    OVERSIGHT: 200.0,
    MEASURES: 200.0,
    MEASURES_AFTER_CHANGE: 200.0,
    API_CHILD_LIST: 100.0,
    API_CHILD_DETAIL: 100.0,
}


# The parent: databases, subprocesses, the report ---------------------------------------------


def _run_size(url: str, size: int, args: argparse.Namespace) -> dict:
    name = f"{database_name(url)}_bench_{size}"
    print(f"\n== {size:,} children: database {name} ==", flush=True)
    create_database(url, name)
    with tempfile.NamedTemporaryFile(suffix=".json", delete=False) as out:
        out_path = Path(out.name)
    try:
        env = {
            **os.environ,
            "DATABASE_URL": with_database(url, name),
            "DJANGO_SETTINGS_MODULE": args.settings,
        }
        command = [
            sys.executable,
            "-m",
            "benchmarks.pages",
            "--worker",
            "--size",
            str(size),
            "--requests",
            str(args.requests),
            "--warmup",
            str(args.warmup),
            "--changes",
            str(args.changes),
            "--out",
            str(out_path),
        ]
        completed = subprocess.run(command, cwd=ROOT, env=env, check=False)
        if completed.returncode != 0:
            raise RuntimeError(f"the {size:,}-children run failed (exit {completed.returncode})")
        return json.loads(out_path.read_text())
    finally:
        out_path.unlink(missing_ok=True)


def _print_table(runs: list[dict]) -> None:
    print(f"\n{'Page':<26} {'Children':>9} {'Median ms':>10} {'p95 ms':>9} {'Queries':>8}")
    for run in runs:
        for row in run["pages"]:
            varies = "" if len(row["query_counts"]) == 1 else f"  (varies: {row['query_counts']})"
            print(
                f"{row['page']:<26} {run['children']:>9,} {row['median_ms']:>10.1f} "
                f"{row['p95_ms']:>9.1f} {row['queries']:>8}{varies}"
            )


def _counts(row: dict) -> str:
    return "/".join(str(n) for n in row["query_counts"])


def _print_verdicts(runs: list[dict]) -> None:
    small, large = min(runs, key=lambda r: r["children"]), max(runs, key=lambda r: r["children"])
    if small is large:
        print("\n(One size only: no scaling ratios.)")
        return
    print(
        f"\nScaling from {small['children']:,} to {large['children']:,} children "
        f"(goals: ratio within {GOAL_RATIO}x, same queries, p95 under each page's goal at every size)"
    )
    met = 0
    for page in PAGES:
        rows = [next(r for r in run["pages"] if r["page"] == page) for run in runs]
        a = next(r for r in small["pages"] if r["page"] == page)
        b = next(r for r in large["pages"] if r["page"] == page)
        ratio = b["median_ms"] / a["median_ms"]
        # A detail page's count may differ between records (one with no household placements
        # skips a query); what must not happen is more queries at the larger size.
        same = max(a["query_counts"]) == max(b["query_counts"])
        varies = len(a["query_counts"]) > 1 or len(b["query_counts"]) > 1
        worst_p95 = max(r["p95_ms"] for r in rows)
        ok = (ratio <= GOAL_RATIO, same, worst_p95 < GOAL_P95_MS[page])
        met += all(ok)
        print(
            f"  {page:<26} ratio {ratio:5.2f}x {'ok  ' if ok[0] else 'MISS'} | "
            f"queries {_counts(a)} -> {_counts(b)} {'same ok' if same else 'NOT SAME MISS'}"
            f"{' (varies by record)' if varies else ''} | "
            f"worst p95 {worst_p95:.1f} ms (goal {GOAL_P95_MS[page]:.0f}) {'ok' if ok[2] else 'MISS'}"
        )
    print(f"{met} of {len(PAGES)} pages meet every goal.")


def _write_results(runs: list[dict], machine: dict, path: Path) -> None:
    rows = [
        {
            "page": row["page"],
            "children": run["children"],
            "median_ms": row["median_ms"],
            "p95_ms": row["p95_ms"],
            "min_ms": row["min_ms"],
            "max_ms": row["max_ms"],
            "queries": row["queries"],
            **{key: value for key, value in row.items() if key.startswith("background_")},
        }
        for run in runs
        for row in run["pages"]
    ]
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(
        json.dumps(
            {
                "pages": rows,
                "machine": machine,
                "measured_at": datetime.datetime.now(datetime.UTC).isoformat(timespec="seconds"),
            },
            indent=2,
        )
        + "\n"
    )
    print(f"\nWrote {path}")


def main(args: argparse.Namespace) -> int:
    url = postgres_url()
    if url is None:
        return 2
    machine = describe_machine(url)
    runs, created = [], []
    try:
        for size in args.sizes:
            created.append(f"{database_name(url)}_bench_{size}")
            runs.append(_run_size(url, size, args))
    except (RuntimeError, OSError, ValueError) as error:
        print(f"\nBenchmark failed: {error}", file=sys.stderr)
        return 1
    finally:
        if args.keep:
            print(f"\nKept databases for inspection: {', '.join(created)}")
        else:
            for name in created:
                drop_database(url, name)
    for run in runs:
        print(
            f"{run['children']:,} children: migrate {run['migrate_seconds']:.1f} s, seed "
            f"{run['seed_seconds']:.1f} s, vacuum analyze {run['analyze_seconds']:.1f} s; "
            f"{run['seeded']['households']:,} households, {run['seeded']['placements']:,} placements; "
            f"the manager sees {run['visible_children']:,} children, "
            f"{run['visible_households']:,} households"
        )
    _print_table(runs)
    _print_verdicts(runs)
    machine["load_average_at_end"] = [round(n, 2) for n in os.getloadavg()]
    busiest = max(machine["load_average_at_start"][0], machine["load_average_at_end"][0])
    if busiest > (os.cpu_count() or 1) / 2:
        print(
            f"\nNote: the machine was busy (load average {machine['load_average_at_start'][0]} at the start, "
            f"{machine['load_average_at_end'][0]} at the end, {os.cpu_count()} CPUs): timings are noisier."
        )
    _write_results(runs, machine, args.results)
    return 0


# The worker: one size, in its own process, against its own database -------------------------


def _check_ok(response, url: str) -> None:
    if response.status_code != 200:
        raise RuntimeError(f"GET {url} answered {response.status_code}, not 200")


def _spread(ids: list[int], n: int) -> list[int]:
    if not ids:
        raise RuntimeError("the team manager can see no records of this kind")
    return sorted({ids[k * len(ids) // n] for k in range(min(n, len(ids)))})


def _measure(client, page: str, urls: list[str], *, requests: int, warmup: int) -> dict:
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    for i in range(warmup):
        url = urls[i % len(urls)]
        _check_ok(client.get(url), url)
    # Queries: one captured request per record (three for the list), outside the timed ones.
    query_counts = []
    for url in urls if len(urls) > 1 else urls * 3:
        with CaptureQueriesContext(connection) as captured:
            response = client.get(url)
        _check_ok(response, url)
        query_counts.append(len(captured.captured_queries))
    timings = []
    for i in range(requests):
        url = urls[i % len(urls)]
        started = time.perf_counter()
        response = client.get(url)
        elapsed = time.perf_counter() - started
        _check_ok(response, url)
        timings.append(elapsed * 1000)
    return _row(page, timings, queries=query_counts[0], query_counts=query_counts, records=len(urls))


def _measure_after_change(client, *, changes: int) -> dict:
    """The first view of the measures after each of `changes` changes to a placement, saved
    through the ORM as a service would save it (which sets `updated_at`), once the background
    task has worked the figures out again, as the schedule would run it within five minutes:
    the view then reads the new result, which this process has not read before. (A view before
    the task has run shows the figures stored already, as a warm view does.) The task's own time,
    which no one waits for, is kept as `background_*`. Fewer requests than the other pages; the
    p95 of so few is near their slowest."""
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    from steadfast.placements.models import Placement
    from steadfast.reminders.tasks import refresh_measures

    placement = Placement.objects.order_by("pk").first()
    background = []

    def change() -> None:
        placement.save(update_fields=["updated_at"])
        started = time.perf_counter()
        outcome = refresh_measures.call()
        background.append((time.perf_counter() - started) * 1000)
        if not outcome["years_worked_out"]:
            raise RuntimeError("the change to a placement did not lead to new figures")

    timings, query_counts = [], []
    for i in range(changes + 1):
        change()
        started = time.perf_counter()
        with CaptureQueriesContext(connection) as captured:
            response = client.get(MEASURES)
        elapsed = time.perf_counter() - started
        _check_ok(response, MEASURES)
        query_counts.append(len(captured.captured_queries))
        # The first is untimed, as the other pages' warm-up requests are.
        if i:
            timings.append(elapsed * 1000)
    return _row(
        MEASURES_AFTER_CHANGE, timings, queries=query_counts[-1], query_counts=query_counts[1:], records=1
    ) | {
        "background_median_ms": round(statistics.median(background[1:]), 2),
        "background_min_ms": round(min(background[1:]), 2),
        "background_max_ms": round(max(background[1:]), 2),
    }


def _row(page: str, timings: list[float], *, queries: int, query_counts: list[int], records: int) -> dict:
    """One page's line of the results: its times in milliseconds and its queries."""
    return {
        "page": page,
        "median_ms": round(statistics.median(timings), 2),
        "p95_ms": round(statistics.quantiles(timings, n=20, method="inclusive")[18], 2),
        "min_ms": round(min(timings), 2),
        "max_ms": round(max(timings), 2),
        "queries": queries,
        "query_counts": sorted(set(query_counts)),
        "requests": len(timings),
        "records": records,
    }


def worker(args: argparse.Namespace) -> int:
    import django

    django.setup()
    from django.conf import settings
    from django.core.management import call_command
    from django.db import connection
    from django.test import Client

    from steadfast.accounts.access import children_visible_to, households_visible_to
    from steadfast.accounts.models import Scope, User
    from steadfast.accounts.tokens import issue_personal_token
    from steadfast.demo.services import seed_demo_authority

    if settings.DEBUG:
        raise RuntimeError("DEBUG must be off for timing")
    if connection.vendor != "postgresql":
        raise RuntimeError("the benchmark runs on PostgreSQL only")
    started = time.perf_counter()
    call_command("migrate", interactive=False, verbosity=0)
    migrate_seconds = time.perf_counter() - started
    print(f"Seeding {args.size:,} children...", flush=True)
    started = time.perf_counter()
    summary = seed_demo_authority(children=args.size, password="bench-password-not-secret", seed=SEED)
    seed_seconds = time.perf_counter() - started
    print(f"Seeded in {seed_seconds:.1f} s", flush=True)
    started = time.perf_counter()
    with connection.cursor() as cursor:
        # VACUUM as well as ANALYZE, so that the measurement sees the steady state that
        # autovacuum reaches, rather than a freshly bulk-loaded heap (it might otherwise start mid-run).
        cursor.execute("VACUUM ANALYZE")
    analyze_seconds = time.perf_counter() - started

    manager = User.objects.get(username=MANAGER)
    children = list(children_visible_to(manager).order_by("pk").values_list("pk", flat=True))
    households = list(households_visible_to(manager).order_by("pk").values_list("pk", flat=True))
    client = Client()
    client.force_login(manager)
    _, token = issue_personal_token(
        actor=manager,
        name="Benchmark",
        scopes=[Scope.READ],
        expires_on=datetime.date.today() + datetime.timedelta(days=2),
    )
    api_client = Client(HTTP_AUTHORIZATION=f"Bearer {token}")
    clients = {API_CHILD_LIST: api_client, API_CHILD_DETAIL: api_client}
    plan = {
        CHILD_LIST: [CHILD_LIST],
        CHILD_DETAIL: [f"/children/{pk}/" for pk in _spread(children, RECORDS_PER_DETAIL_PAGE)],
        HOUSEHOLD_DETAIL: [f"/households/{pk}/" for pk in _spread(households, RECORDS_PER_DETAIL_PAGE)],
        MY_WORK: [MY_WORK],
        OVERSIGHT: [OVERSIGHT],
        MEASURES: [MEASURES],
        API_CHILD_LIST: [API_CHILD_LIST],
        API_CHILD_DETAIL: [f"/api/v1/children/{pk}" for pk in _spread(children, RECORDS_PER_DETAIL_PAGE)],
    }
    pages = []
    for page in PAGES:
        if page == MEASURES_AFTER_CHANGE:
            result = _measure_after_change(client, changes=args.changes)
        else:
            result = _measure(
                clients.get(page, client), page, plan[page], requests=args.requests, warmup=args.warmup
            )
        print(
            f"  {page:<26} median {result['median_ms']:.1f} ms, p95 {result['p95_ms']:.1f} ms "
            f"({result['min_ms']:.1f} to {result['max_ms']:.1f}), {result['queries']} queries",
            flush=True,
        )
        if "background_median_ms" in result:
            print(
                f"  {'':<26} worked out in the background in a median "
                f"{result['background_median_ms']:.0f} ms "
                f"({result['background_min_ms']:.0f} to {result['background_max_ms']:.0f})",
                flush=True,
            )
        pages.append(result)
    Path(args.out).write_text(
        json.dumps(
            {
                "children": args.size,
                "migrate_seconds": round(migrate_seconds, 2),
                "seed_seconds": round(seed_seconds, 2),
                "analyze_seconds": round(analyze_seconds, 2),
                "seeded": summary.__dict__,
                "visible_children": len(children),
                "visible_households": len(households),
                "pages": pages,
            }
        )
    )
    return 0


def _arguments(argv: list[str] | None = None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(prog="python -m benchmarks.pages", description=__doc__.split("\n\n")[0])
    parser.add_argument("--sizes", type=int, nargs="+", default=list(SIZES), help="children per run")
    parser.add_argument("--requests", type=int, default=50, help="timed requests per page (at least 50)")
    parser.add_argument("--warmup", type=int, default=5, help="untimed requests per page first")
    parser.add_argument(
        "--changes", type=int, default=10, help="timed first views of the measures after a change"
    )
    parser.add_argument("--keep", action="store_true", help="leave the bench databases for inspection")
    parser.add_argument("--settings", default=SETTINGS, help="Django settings module for the runs")
    parser.add_argument(
        "--results", type=Path, default=RESULTS_FILE, help="where to write the JSON (default: %(default)s)"
    )
    parser.add_argument("--worker", action="store_true", help=argparse.SUPPRESS)
    parser.add_argument("--size", type=int, help=argparse.SUPPRESS)
    parser.add_argument("--out", help=argparse.SUPPRESS)
    args = parser.parse_args(argv)
    if args.requests < 50 and not args.worker:
        parser.error("--requests must be at least 50")
    return args


if __name__ == "__main__":
    arguments = _arguments()
    sys.exit(worker(arguments) if arguments.worker else main(arguments))
