"""How the app holds up with many people using it at once: `make loadtest`.

This serves the app with gunicorn, as production does (gunicorn.conf.py), on a free loopback port,
in front of a PostgreSQL database seeded with the demo authority (20,000 children by default),
and drives it with locust: simulated social workers, supervising social workers, team managers
and foster carers, each signed in once through the sign-in form, clicking through a set mix of
pages with no pause between clicks, so that N simulated people are N requests under way at all
times. It runs each number of people in turn (4, 8 and 16 by default), each after an untimed
warm-up, and reports the requests per second and the 50th, 95th and 99th percentile times, overall
and per page, and every error by kind; it prints a table and writes benchmarks/results/load.json.

    python -m benchmarks.load [--children 20000] [--users 4 8 16] [--duration 60] [--rebuild]

The seeded database (steadfast_load_<children>) is built once and kept; each run works on a copy
of it, so that every run starts from the same data. It is a measurement, not a test: it exits 0
when goals are missed or requests fail, and non-zero only when the harness itself fails.
"""

import argparse
import datetime
import json
import math
import os
import random
import runpy
import signal
import socket
import subprocess
import sys
import tempfile
import time
import urllib.request
from collections.abc import Iterable, Mapping
from pathlib import Path

from benchmarks.common import (
    ROOT,
    create_database,
    database_exists,
    database_name,
    drop_database,
    maintenance,
    postgres_url,
    rename_database,
    with_database,
)
from benchmarks.common import machine as describe_machine

RESULTS_FILE = Path(__file__).resolve().parent / "results" / "load.json"
GUNICORN_LOG = ROOT / "log" / "loadtest-gunicorn.log"
SETTINGS = "config.settings.local"
CHILDREN = 20000
USERS = (4, 8, 16)
DURATION_SECONDS = 60
WARMUP_SECONDS = 10
# Every demo account gets this password; the load test signs in with it.
PASSWORD = "load-test-password-not-secret"

# The pages, as requests are named in the statistics: one name per kind of page, whatever record.
MY_WORK = "/"
CHILD_SEARCH = "/children/?q=<name>"
CHILD_RECORD = "/children/<id>/"
HOUSEHOLD_RECORD = "/households/<id>/"
OVERSIGHT = "/oversight/"
CARER_LOG = "/portal/logs/write/"
# Signing in, and the list pages each simulated person reads once at the start to learn which
# records it may open. Reported apart from the mix.
SIGN_IN = "/accounts/login/"
START_CHILDREN = "/children/ (start)"
START_HOUSEHOLDS = "/households/ (start)"
START_PAGES = (SIGN_IN, START_CHILDREN, START_HOUSEHOLDS)

# The mix of page views, in percent: what share of all clicks goes to each page.
MIX = {
    MY_WORK: 20,
    CHILD_SEARCH: 20,
    CHILD_RECORD: 25,
    HOUSEHOLD_RECORD: 15,
    OVERSIGHT: 10,
    CARER_LOG: 10,
}
CASEWORK = (MY_WORK, CHILD_SEARCH, CHILD_RECORD, HOUSEHOLD_RECORD)
PAGE_ORDER = tuple(MIX)

# Who the simulated people are. Workers (social workers and supervising social workers) open the
# casework pages; managers open those and team oversight; carers write logs in their portal.
WORKER, MANAGER, CARER = "worker", "manager", "carer"
PERSONAS = (WORKER, MANAGER, CARER)
# About three in ten simulated people are managers, so that oversight is about a third of a
# manager's clicks rather than most of them.
MANAGER_SHARE = 0.3


# The pure parts: the mix, the people, the figures ---------------------------------------------


def personas_for(users: int) -> dict[str, int]:
    """How many of `users` simulated people are workers, managers and carers: at least one of
    each, a carer for every ten people (as they write a tenth of the requests), and about three
    in ten managers."""
    if users < len(PERSONAS):
        raise ValueError(f"at least {len(PERSONAS)} simulated people are needed, one of each kind")
    carers = max(1, math.ceil(users * MIX[CARER_LOG] / 100))
    managers = max(1, round(users * MANAGER_SHARE))
    workers = users - carers - managers
    if workers < 1:
        managers -= 1 - workers
        workers = 1
    return {WORKER: workers, MANAGER: managers, CARER: carers}


def casework_chances() -> dict[str, float]:
    """A worker's chance of opening each casework page on a click, in MIX's proportions."""
    total = sum(MIX[page] for page in CASEWORK)
    return {page: MIX[page] / total for page in CASEWORK}


def next_page(persona: str, clicks: Mapping[str, int], total: int, rng: random.Random) -> str | None:
    """The page a person of `persona` opens next, given how many requests each page has had so
    far across all the simulated people (`clicks`, `total` in all); None when a carer has nothing
    to do yet.

    Only managers open team oversight and only carers write logs, and pages answer at different
    speeds, so fixed chances for each person would not give MIX's shares in a closed loop: one
    carer among four people, clicking as fast as the portal answers, would make a quarter or more
    of all requests. So these two are held at their shares of all requests: a manager opens
    oversight whenever it has had less than its share so far, and otherwise a casework page; a
    carer writes a log whenever logs have had less than their share, and otherwise waits. Staff
    never wait (unless told to think), so the staff among N simulated people keep that many
    requests under way; the carers add theirs when a log is due."""
    due = {page: clicks.get(page, 0) < MIX[page] / 100 * (total + 1) for page in (OVERSIGHT, CARER_LOG)}
    if persona == CARER:
        return CARER_LOG if due[CARER_LOG] else None
    if persona == MANAGER and due[OVERSIGHT]:
        return OVERSIGHT
    chances = casework_chances()
    return rng.choices(list(chances), list(chances.values()))[0]


def _spread(names: list[str], n: int) -> list[str]:
    """`n` names spread evenly over `names` (repeating when there are fewer), the first first."""
    return [names[(k * len(names)) // n if n <= len(names) else k % len(names)] for k in range(n)]


def people_for(users: int, accounts: Mapping[str, list[str]]) -> list[tuple[str, str]]:
    """Who each of `users` simulated people signs in as: (persona, username), workers alternating
    between social workers and supervising social workers, each kind spread over the authority's
    accounts, the named demo accounts first. Carers share the accounts there are."""
    counts = personas_for(users)
    social, supervising = accounts["social_workers"], accounts["supervising_social_workers"]
    for kind in ("social_workers", "supervising_social_workers", "managers", "carers"):
        if not accounts[kind]:
            raise ValueError(f"the demo has no {kind.replace('_', ' ')} to sign in as")
    sw = _spread(social, (counts[WORKER] + 1) // 2)
    ssw = _spread(supervising, counts[WORKER] // 2)
    workers = [name for pair in zip(sw, [*ssw, None], strict=False) for name in pair if name][
        : counts[WORKER]
    ]
    groups = [
        [(WORKER, name) for name in workers],
        [(MANAGER, name) for name in _spread(accounts["managers"], counts[MANAGER])],
        [(CARER, name) for name in _spread(accounts["carers"], counts[CARER])],
    ]
    # Interleave the kinds, so that the people started first are not all workers.
    placed = [
        ((i + 0.5) / len(group), g, person)
        for g, group in enumerate(groups)
        for i, person in enumerate(group)
    ]
    return [person for *_, person in sorted(placed)]


def percentile(values: Iterable[float], q: float) -> float | None:
    """The q-th percentile (0 to 100) by linear interpolation between the closest ranks, as
    numpy's default and `statistics.quantiles(method="inclusive")`; None for no values."""
    ordered = sorted(values)
    if not ordered:
        return None
    position = (len(ordered) - 1) * q / 100
    below = math.floor(position)
    above = min(below + 1, len(ordered) - 1)
    return ordered[below] + (ordered[above] - ordered[below]) * (position - below)


def _rounded(value: float | None) -> float | None:
    return None if value is None else round(value, 1)


def row(page: str, times: list[float], errors: int, seconds: float) -> dict:
    """One line of the results: requests answered and failed per second, and the percentiles of
    the answered ones (a failed request's time says nothing about the page)."""
    requests = len(times) + errors
    return {
        "page": page,
        "requests": requests,
        "rps": round(requests / seconds, 2) if seconds > 0 else 0.0,
        "p50_ms": _rounded(percentile(times, 50)),
        "p95_ms": _rounded(percentile(times, 95)),
        "p99_ms": _rounded(percentile(times, 99)),
        "errors": errors,
    }


def _page_of(key: str) -> str:
    """ "GET /children/<id>/" -> "/children/<id>/"."""
    return key.split(" ", 1)[1]


def _sort_key(key: str) -> tuple[int, str]:
    page = _page_of(key)
    return (PAGE_ORDER.index(page) if page in PAGE_ORDER else len(PAGE_ORDER), key)


def summarise(
    times: Mapping[str, list[float]], errors: Mapping[str, Mapping[str, int]], seconds: float
) -> dict:
    """The rows for one run of locust: `times` holds each request name's answered times in
    milliseconds ("GET /children/<id>/": [...]), `errors` each name's failures by kind. Overall,
    per page, and errors by kind over all pages."""
    keys = sorted(set(times) | set(errors), key=_sort_key)
    pages = [row(key, list(times.get(key, [])), sum(errors.get(key, {}).values()), seconds) for key in keys]
    everything = [t for key in keys for t in times.get(key, [])]
    kinds: dict[str, int] = {}
    for key in keys:
        for kind, count in errors.get(key, {}).items():
            kinds[kind] = kinds.get(kind, 0) + count
    overall = row("all", everything, sum(kinds.values()), seconds)
    return {"overall": overall, "pages": pages, "errors_by_kind": dict(sorted(kinds.items()))}


def error_kind(error: BaseException | str) -> str:
    """A short name for what went wrong with a request: the status ("HTTP 500") when the server
    answered wrongly, otherwise the innermost exception's class, e.g. "RemoteDisconnected" for
    requests' ConnectionError(ProtocolError('Connection aborted.', RemoteDisconnected(...)))."""
    if isinstance(error, str):
        return error
    if type(error).__name__ == "CatchResponseError":
        return str(error)
    seen = set()
    while id(error) not in seen:
        seen.add(id(error))
        inner = next((a for a in error.args if isinstance(a, BaseException)), None)
        inner = inner or getattr(error, "reason", None) or error.__cause__ or error.__context__
        if not isinstance(inner, BaseException):
            break
        error = inner
    return type(error).__name__


# The harness: the database, gunicorn, locust ---------------------------------------------------


class HarnessError(RuntimeError):
    """The load test could not be run (as opposed to the app answering badly)."""


def _run(command: list[str], env: dict, what: str) -> None:
    completed = subprocess.run(command, cwd=ROOT, env=env, check=False)
    if completed.returncode != 0:
        raise HarnessError(f"{what} failed (exit {completed.returncode})")


def _django_env(url: str, name: str) -> dict:
    return {
        **os.environ,
        "DATABASE_URL": with_database(url, name),
        "DJANGO_SETTINGS_MODULE": SETTINGS,
        "STEADFAST_DEMO_PASSWORD": PASSWORD,
    }


def _built_description(url: str, name: str) -> dict | None:
    with maintenance(url) as conn:
        found = conn.execute(
            "SELECT shobj_description(oid, 'pg_database') FROM pg_database WHERE datname = %s", [name]
        ).fetchone()
    if found is None or not found[0]:
        return None
    try:
        return json.loads(found[0])
    except ValueError:
        return None


def build_database(url: str, children: int, *, rebuild: bool) -> tuple[str, dict]:
    """The seeded database for `children`, built unless it is there already (or `rebuild`):
    migrated, seeded with `seed_demo`, vacuumed and analysed. It is built under another name and
    renamed when done, so an interrupted build is never taken for a finished one."""
    name = f"{database_name(url)}_load_{children}"
    if not rebuild and database_exists(url, name):
        about = _built_description(url, name) or {}
        print(f"Using database {name} (built {about.get('built_at', 'at an unknown time')})", flush=True)
        return name, about
    building = f"{name}_building"
    print(f"Building database {name}: {children:,} children (a few minutes at 20,000)", flush=True)
    create_database(url, building)
    env = _django_env(url, building)
    started = time.perf_counter()
    _run([sys.executable, "manage.py", "migrate", "--no-input", "-v", "0"], env, "migrate")
    _run(
        [sys.executable, "manage.py", "seed_demo", "--children", str(children)],
        env,
        "seed_demo",
    )
    seed_seconds = time.perf_counter() - started
    import psycopg

    started = time.perf_counter()
    with psycopg.connect(with_database(url, building), autocommit=True) as conn:
        conn.execute("VACUUM ANALYZE")
    about = {
        "children": children,
        "built_at": datetime.datetime.now(datetime.UTC).isoformat(timespec="seconds"),
        "seed_seconds": round(seed_seconds, 1),
        "vacuum_analyze_seconds": round(time.perf_counter() - started, 1),
    }
    from psycopg import sql

    with maintenance(url) as conn:
        conn.execute(
            sql.SQL("COMMENT ON DATABASE {} IS {}").format(
                sql.Identifier(building), sql.Literal(json.dumps(about))
            )
        )
    drop_database(url, name)
    rename_database(url, building, name)
    print(f"Built {name} in {seed_seconds:.0f} s", flush=True)
    return name, about


def _inspect(env: dict) -> dict:
    """The accounts to sign in as and the static files setting, from Django in a subprocess."""
    completed = subprocess.run(
        [sys.executable, "-m", "benchmarks.load", "--inspect"],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        check=False,
    )
    if completed.returncode != 0:
        raise HarnessError(f"reading the accounts failed:\n{completed.stderr}")
    return json.loads(completed.stdout)


def inspect() -> int:
    import django

    django.setup()

    from steadfast.accounts.models import Role, User

    def usernames(*roles: str) -> list[str]:
        return list(
            User.objects.filter(is_active=True, role__in=roles)
            .order_by("username")
            .values_list("username", flat=True)
        )

    # The named demo accounts first, so the smallest runs sign in as the people the README names.
    def named_first(names: list[str], first: tuple[str, ...]) -> list[str]:
        return [n for n in first if n in names] + [n for n in names if n not in first]

    print(
        json.dumps(
            {
                "accounts": {
                    "social_workers": named_first(usernames(Role.SOCIAL_WORKER), ("social.worker",)),
                    "supervising_social_workers": named_first(
                        usernames(Role.SUPERVISING_SOCIAL_WORKER), ("supervising.social.worker",)
                    ),
                    "managers": named_first(usernames(Role.TEAM_MANAGER), ("team.manager", "south.manager")),
                    "carers": usernames(Role.FOSTER_CARER),
                },
            }
        )
    )
    return 0


def _free_port() -> int:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def _die_with_parent() -> None:
    """In a child process: be sent SIGTERM if the harness dies, so nothing is left running."""
    try:
        import ctypes

        ctypes.CDLL("libc.so.6", use_errno=True).prctl(1, signal.SIGTERM)  # PR_SET_PDEATHSIG
    except (OSError, AttributeError):
        pass


class Gunicorn:
    """gunicorn with the committed gunicorn.conf.py, on a loopback port, logging to a file; always
    stopped on leaving the `with`."""

    def __init__(self, env: dict, log_path: Path) -> None:
        self.port = _free_port()
        self.env = {**env, "GUNICORN_BIND": f"127.0.0.1:{self.port}"}
        self.log_path = log_path
        self.process: subprocess.Popen | None = None

    @property
    def host(self) -> str:
        return f"http://127.0.0.1:{self.port}"

    def settings(self) -> dict:
        """The values gunicorn.conf.py gives in this environment."""
        saved = dict(os.environ)
        try:
            os.environ.update(self.env)
            conf = runpy.run_path(str(ROOT / "gunicorn.conf.py"))
        finally:
            os.environ.clear()
            os.environ.update(saved)
        return {key: conf[key] for key in ("workers", "threads", "worker_class", "keepalive", "timeout")}

    def __enter__(self) -> "Gunicorn":
        self.log_path.parent.mkdir(parents=True, exist_ok=True)
        log = self.log_path.open("w")
        gunicorn = Path(sys.executable).with_name("gunicorn")
        self.process = subprocess.Popen(
            [str(gunicorn), "-c", "gunicorn.conf.py", "config.wsgi"],
            cwd=ROOT,
            env=self.env,
            stdout=log,
            stderr=subprocess.STDOUT,
            # Its own session: Ctrl-C reaches only the harness, which stops gunicorn itself.
            start_new_session=True,
            preexec_fn=_die_with_parent,
        )
        log.close()
        deadline = time.monotonic() + 60
        while True:
            if self.process.poll() is not None:
                raise HarnessError(
                    f"gunicorn stopped at start (exit {self.process.returncode}): see {self.log_path}"
                )
            try:
                with urllib.request.urlopen(f"{self.host}/healthz", timeout=5) as response:
                    if response.status == 200:
                        return self
            except OSError:
                pass
            if time.monotonic() > deadline:
                raise HarnessError(f"gunicorn did not answer /healthz within 60 s: see {self.log_path}")
            time.sleep(0.3)

    def __exit__(self, *exc_info) -> None:
        self.stop()

    def stop(self) -> None:
        if self.process is None or self.process.poll() is not None:
            return
        os.killpg(self.process.pid, signal.SIGTERM)
        try:
            self.process.wait(timeout=40)
        except subprocess.TimeoutExpired:
            os.killpg(self.process.pid, signal.SIGKILL)
            self.process.wait()

    def log_problems(self) -> list[str]:
        """The lines of gunicorn's log other than requests and its own information: warnings,
        errors, worker timeouts, and anything the app wrote (a traceback, say)."""
        problems = []
        for line in self.log_path.read_text(errors="replace").splitlines():
            request = line.startswith("- ") and '"' in line
            information = line.startswith("[") and "] [INFO] " in line
            if line.strip() and not request and not information:
                problems.append(line)
        return problems


def run_level(host: str, people: list[tuple[str, str]], args: argparse.Namespace) -> dict:
    """One run of locust, in its own process, with len(people) simulated people."""
    users = len(people)
    plan = {
        "people": people,
        "password": PASSWORD,
    }
    with tempfile.TemporaryDirectory(prefix="steadfast-load-") as folder:
        plan_path, out_path = Path(folder) / "plan.json", Path(folder) / "out.json"
        plan_path.write_text(json.dumps(plan))
        command = [
            sys.executable,
            "-m",
            "benchmarks.locustfile",
            "--host",
            host,
            "--plan",
            str(plan_path),
            "--warmup",
            str(args.warmup),
            "--duration",
            str(args.duration),
            "--think",
            str(args.think[0]),
            str(args.think[1]),
            "--out",
            str(out_path),
        ]
        # The generator stops itself after its warm-up and timed window; this is the backstop.
        limit = args.warmup + args.duration + 120 + 10 * users
        process = subprocess.Popen(command, cwd=ROOT, start_new_session=True, preexec_fn=_die_with_parent)
        try:
            returncode = process.wait(timeout=limit)
        except subprocess.TimeoutExpired as error:
            raise HarnessError(f"locust did not stop within {limit} s") from error
        finally:
            if process.poll() is None:
                os.killpg(process.pid, signal.SIGKILL)
                process.wait()
        if returncode != 0:
            raise HarnessError(f"locust failed with {users} people (exit {returncode})")
        raw = json.loads(out_path.read_text())
    measured = summarise(raw["times"], raw["errors"], raw["seconds"])
    start = summarise(raw["start_times"], raw["start_errors"], raw["start_seconds"])
    counts = personas_for(users)
    return {
        "users": users,
        "people": {persona: counts[persona] for persona in PERSONAS},
        "seconds": round(raw["seconds"], 1),
        **measured,
        "mix_seen": {key: round(n / raw["clicks_total"], 3) for key, n in raw["clicks"].items()}
        if raw["clicks_total"]
        else {},
        "sign_in": {
            "overall": start["overall"],
            "pages": start["pages"],
            "errors_by_kind": start["errors_by_kind"],
        },
        "under_way": round(raw["busy_seconds"] / raw["seconds"], 2) if raw["seconds"] else None,
        "locust_cpu": round(raw["cpu_seconds"] / raw["seconds"], 3) if raw["seconds"] else None,
    }


def _ms(value: float | None) -> str:
    return "-" if value is None else f"{value:.0f}"


def print_table(results: dict) -> None:
    print(
        f"\n{results['children']:,} children; gunicorn {results['gunicorn']['workers']} workers x "
        f"{results['gunicorn']['threads']} threads, keep-alive {results['gunicorn']['keepalive']} s; "
        f"think time {results['think_seconds'][0]}-{results['think_seconds'][1]} s"
    )
    print(
        f"{'Users':>5}  {'Page':<28} {'Requests':>8} {'rps':>7} {'p50 ms':>7} {'p95 ms':>7} {'p99 ms':>7} "
        f"{'Errors':>6}"
    )
    for level in results["levels"]:
        lines = [level["overall"], *level["pages"]]
        for r in lines:
            print(
                f"{level['users']:>5}  {r['page']:<28} {r['requests']:>8} {r['rps']:>7.1f} "
                f"{_ms(r['p50_ms']):>7} {_ms(r['p95_ms']):>7} {_ms(r['p99_ms']):>7} {r['errors']:>6}"
            )
        sign_in = level["sign_in"]["overall"]
        print(
            f"{'':>5}  {'signing in (apart)':<28} {sign_in['requests']:>8} {'':>7} "
            f"{_ms(sign_in['p50_ms']):>7} {_ms(sign_in['p95_ms']):>7} {_ms(sign_in['p99_ms']):>7} "
            f"{sign_in['errors']:>6}"
        )
        kinds = {**level["errors_by_kind"]}
        for kind, n in level["sign_in"]["errors_by_kind"].items():
            kinds[f"{kind} (signing in)"] = n
        if kinds:
            print(f"{'':>5}  errors: " + ", ".join(f"{kind} x{n}" for kind, n in kinds.items()))
        print(
            f"{'':>5}  people: {level['people'][WORKER]} workers, {level['people'][MANAGER]} managers, "
            f"{level['people'][CARER]} carers; {level['under_way']} requests under way on average; "
            f"locust used {level['locust_cpu'] * 100:.0f}% of a core; load average "
            f"{level['load_average'][0]} -> {level['load_average'][1]}"
        )
    if results["gunicorn_log_problems"]:
        print(f"\ngunicorn's log has {len(results['gunicorn_log_problems'])} lines other than requests:")
        for line in results["gunicorn_log_problems"][:10]:
            print(f"  {line}")


def main(args: argparse.Namespace) -> int:
    url = postgres_url()
    if url is None:
        return 2
    try:
        for users in args.users:
            personas_for(users)
    except ValueError as error:
        print(f"--users: {error}", file=sys.stderr)
        return 2
    import psycopg

    try:
        machine = describe_machine(url)
    except psycopg.Error as error:
        print(f"Cannot reach PostgreSQL: {error}", file=sys.stderr)
        return 1
    run_name = f"{database_name(url)}_load_run"
    gunicorn = None
    try:
        built_name, built = build_database(url, args.children, rebuild=args.rebuild)
        # Every run starts from the same data: the carers' logs and audit rows a run writes go into
        # this copy, which is dropped afterwards.
        create_database(url, run_name, template=built_name)
        env = _django_env(url, run_name)
        _run([sys.executable, "manage.py", "migrate", "--no-input", "-v", "0"], env, "migrate")
        about = _inspect(env)
        _run([sys.executable, "manage.py", "collectstatic", "--no-input", "-v", "0"], env, "collectstatic")
        gunicorn = Gunicorn(env, GUNICORN_LOG)
        levels = []
        with gunicorn:
            print(f"gunicorn on {gunicorn.host}, log in {gunicorn.log_path}", flush=True)
            for users in args.users:
                people = people_for(users, about["accounts"])
                print(
                    f"\n== {users} people: {args.warmup} s warm-up, then {args.duration} s measured ==",
                    flush=True,
                )
                load_before = os.getloadavg()[0]
                level = run_level(gunicorn.host, people, args)
                level["load_average"] = [round(load_before, 2), round(os.getloadavg()[0], 2)]
                levels.append(level)
                o = level["overall"]
                print(
                    f"   {o['rps']:.1f} requests/s, p50 {_ms(o['p50_ms'])} ms, p95 {_ms(o['p95_ms'])} ms, "
                    f"{o['errors']} errors",
                    flush=True,
                )
    except (HarnessError, OSError, psycopg.Error) as error:
        print(f"\nLoad test failed: {error}", file=sys.stderr)
        return 1
    except KeyboardInterrupt:
        print("\nLoad test interrupted.", file=sys.stderr)
        return 130
    finally:
        if gunicorn is not None:
            gunicorn.stop()
        if args.keep:
            print(f"Kept the run's database {run_name}")
        else:
            try:
                drop_database(url, run_name)
            except psycopg.Error as error:
                print(f"Could not drop {run_name}: {error}", file=sys.stderr)
    machine["load_average_at_end"] = [round(n, 2) for n in os.getloadavg()]
    results = {
        "children": args.children,
        "database": {"name": built_name, **built},
        "settings": SETTINGS,
        "gunicorn": gunicorn.settings(),
        "users": list(args.users),
        "warmup_seconds": args.warmup,
        "duration_seconds": args.duration,
        "think_seconds": list(args.think),
        "mix_percent": MIX,
        "levels": levels,
        "gunicorn_log_problems": gunicorn.log_problems(),
        "machine": machine,
        "measured_at": datetime.datetime.now(datetime.UTC).isoformat(timespec="seconds"),
    }
    print_table(results)
    args.results.parent.mkdir(parents=True, exist_ok=True)
    args.results.write_text(json.dumps(results, indent=2) + "\n")
    print(f"\nWrote {args.results}")
    return 0


def _stop_on_sigterm(signum, frame) -> None:
    raise KeyboardInterrupt


def _arguments(argv: list[str] | None = None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(prog="python -m benchmarks.load", description=__doc__.split("\n\n")[0])
    parser.add_argument(
        "--children", type=int, default=CHILDREN, help="children in the demo (default: %(default)s)"
    )
    parser.add_argument(
        "--rebuild", action="store_true", help="seed the database again even when it is already built"
    )
    parser.add_argument(
        "--users",
        type=int,
        nargs="+",
        default=list(USERS),
        help="simulated people, one run each (default: 4 8 16)",
    )
    parser.add_argument("--duration", type=float, default=DURATION_SECONDS, help="seconds measured per run")
    parser.add_argument(
        "--warmup", type=float, default=WARMUP_SECONDS, help="seconds not counted, after signing in"
    )
    parser.add_argument(
        "--think",
        type=float,
        nargs=2,
        default=(0.0, 0.0),
        metavar=("MIN", "MAX"),
        help="each person's pause between clicks, drawn between MIN and MAX seconds (default: none)",
    )
    parser.add_argument("--keep", action="store_true", help="keep the run's copy of the database")
    parser.add_argument(
        "--results", type=Path, default=RESULTS_FILE, help="where to write the JSON (default: %(default)s)"
    )
    parser.add_argument("--inspect", action="store_true", help=argparse.SUPPRESS)
    args = parser.parse_args(argv)
    if args.think[0] < 0 or args.think[1] < args.think[0]:
        parser.error("--think needs 0 <= MIN <= MAX")
    if args.duration <= 0 or args.warmup < 0:
        parser.error("--duration must be positive and --warmup not negative")
    return args


if __name__ == "__main__":
    arguments = _arguments()
    if arguments.inspect:
        sys.exit(inspect())
    # Ctrl-C and SIGTERM both stop the run through main's clean-up, which stops gunicorn and the
    # load generator (they run in sessions of their own, so they do not see Ctrl-C themselves).
    signal.signal(signal.SIGINT, signal.default_int_handler)
    signal.signal(signal.SIGTERM, _stop_on_sigterm)
    sys.exit(main(arguments))
