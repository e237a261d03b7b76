"""The simulated people of `make loadtest`, and the locust run that drives them.

benchmarks/load.py starts this once per number of people, as

    python -m benchmarks.locustfile --host URL --plan PLAN.json --warmup S --duration S --out OUT.json

PLAN.json names who each simulated person signs in as (benchmarks.load.people_for); each click's
page is chosen by benchmarks.load.next_page. Every person signs in once through the sign-in form, reads
the first list pages it is given to learn which children and households it may open, and then
clicks: a page chosen at random by its kind's chances, one request after another on one
keep-alive connection (a requests Session, as a browser keeps its connection), with no pause
unless --think says otherwise. Once everyone has signed in and the warm-up has passed, each
request's time is kept for --duration seconds; then the run stops by itself and writes the
times, the failures by kind and the CPU this process used.

Importing locust patches the standard library for gevent, so nothing but this process may import
this module (the tests import benchmarks.load, never this).
"""

import argparse
import datetime
import html
import json
import random
import re
import resource
import sys
import time
import zoneinfo
from collections import Counter, defaultdict
from pathlib import Path
from urllib.parse import quote

import gevent
from locust import HttpUser, between, constant, task
from locust.env import Environment
from locust.log import setup_logging

from benchmarks.load import (
    CARER,
    CARER_LOG,
    CHILD_RECORD,
    CHILD_SEARCH,
    HOUSEHOLD_RECORD,
    MY_WORK,
    OVERSIGHT,
    SIGN_IN,
    START_CHILDREN,
    START_HOUSEHOLDS,
    START_PAGES,
    error_kind,
    next_page,
)

# A request that takes longer than gunicorn's own worker timeout has failed anyway.
REQUEST_TIMEOUT_SECONDS = 60
# How long everyone may take to sign in before the run gives up, per simulated person.
SIGN_IN_SECONDS_EACH = 10
# How often a carer with no log due looks again.
CARER_POLL_SECONDS = 0.05
TOWN = zoneinfo.ZoneInfo("Europe/London")
LOG_WORDS = (
    "Settled evening, tea together and homework done before bed.",
    "A good day at school; came home cheerful and talked about a new friend.",
    "Upset after contact with family, calmer after a walk.",
    "Doctor's appointment went well, no concerns raised.",
)

CSRF = re.compile(r'name="csrfmiddlewaretoken" value="([^"]+)"')
CHILD_LINK = re.compile(r'href="/children/(\d+)/">([^<]+)</a>')
HOUSEHOLD_LINK = re.compile(r'href="/households/(\d+)/"')
SELECT = r'<select[^>]*name="{name}"[^>]*>(.*?)</select>'
OPTION = re.compile(r'<option value="([^"]+)"')
RADIO = r'name="{name}"[^>]*value="([^"]+)"|value="([^"]+)"[^>]*name="{name}"'


class Run:
    """What one locust run keeps: the timed requests, and apart from them the signing in."""

    def __init__(self, plan: dict) -> None:
        self.plan = plan
        self.next_person = 0
        self.signed_in = 0
        self.fatal: str | None = None
        self.recording = False
        self.times: dict[str, list[float]] = defaultdict(list)
        self.errors: dict[str, Counter] = defaultdict(Counter)
        self.start_times: dict[str, list[float]] = defaultdict(list)
        self.start_errors: dict[str, Counter] = defaultdict(Counter)
        # Every click since the start, which next_page keeps in MIX's shares; and the timed ones.
        self.clicks: Counter = Counter()
        self.total_clicks = 0
        self.recorded_clicks: Counter = Counter()
        # The timed requests' times added up: divided by the time, how many were under way on average.
        self.busy_ms = 0.0

    def count(self, page: str) -> None:
        """A request about to be sent for `page`, in the counts that keep the mix."""
        self.clicks[page] += 1
        self.total_clicks += 1
        if self.recording:
            self.recorded_clicks[page] += 1

    def on_user_error(self, user_instance, exception, tb, **kwargs) -> None:
        # An exception in the simulated people's own code is the harness's fault, not the app's.
        self.fatal = f"{type(exception).__name__} in the load generator: {exception}"

    def on_request(
        self, request_type, name, response_time, response_length, exception=None, **kwargs
    ) -> None:
        key = f"{request_type} {name}"
        if name in START_PAGES:
            times, errors = self.start_times, self.start_errors
        elif self.recording:
            times, errors = self.times, self.errors
            self.busy_ms += response_time
        else:
            return
        if exception is None:
            times[key].append(response_time)
        else:
            errors[key][error_kind(exception)] += 1


RUN: Run


def _form_token(text: str) -> str | None:
    found = CSRF.search(text)
    return found.group(1) if found else None


def _choices(text: str, name: str) -> list[str]:
    """The values a form offers for the field `name`: a select's options or a radio group's."""
    select = re.search(SELECT.format(name=re.escape(name)), text, re.S)
    if select:
        return [v for v in OPTION.findall(select.group(1)) if v]
    return [a or b for a, b in re.findall(RADIO.format(name=re.escape(name)), text)]


class Person(HttpUser):
    """A member of staff or a carer, signed in once, clicking through the pages of their kind."""

    wait_time = constant(0)

    def on_start(self) -> None:
        person = RUN.plan["people"][RUN.next_person % len(RUN.plan["people"])]
        RUN.next_person += 1
        self.persona, self.username = person
        self.children: list[tuple[str, str]] = []
        self.households: list[str] = []
        # Signed in, and (for staff) the records to open known: ready to click.
        self.authenticated = False
        self.signed_in = False
        self._begin()

    def _begin(self) -> None:
        """Sign in and, for staff, read the lists that say which records they may open. Tried
        again on the next click if the server failed to answer."""
        self.authenticated = self.authenticated or self._sign_in()
        if not self.authenticated:
            return
        if self.persona != CARER:
            first = self._get("/children/", START_CHILDREN)
            if first is None:
                return
            second = self._get("/children/?page=2", START_CHILDREN) if "page=2" in first else ""
            households = self._get("/households/", START_HOUSEHOLDS)
            if second is None or households is None:
                return
            found = {pk: html.unescape(name).strip() for pk, name in CHILD_LINK.findall(first + second)}
            self.children = list(found.items())
            self.households = sorted(set(HOUSEHOLD_LINK.findall(households)))
            if not self.children:
                RUN.fatal = f"{self.username} sees no children on /children/"
                return
        self.signed_in = True
        RUN.signed_in += 1

    def _sign_in(self) -> bool:
        form = self._get(SIGN_IN, SIGN_IN)
        if form is None:
            return False
        data = {
            "csrfmiddlewaretoken": _form_token(form),
            "username": self.username,
            "password": RUN.plan["password"],
        }
        return self._post_form(
            SIGN_IN, data, refused=f"the sign-in form refused {self.username} (wrong password?)"
        )

    def _post_form(self, path: str, data: dict, *, refused: str) -> bool:
        """Send a form, which must answer with a redirect. A form shown again (200) means the
        harness sent what the form no longer takes: that stops the run with `refused`."""
        with self.client.post(
            path,
            data=data,
            name=path,
            catch_response=True,
            allow_redirects=False,
            timeout=REQUEST_TIMEOUT_SECONDS,
        ) as response:
            if response.error:
                response.failure(response.error)
                return False
            if response.status_code != 302:
                response.failure(f"HTTP {response.status_code}")
                if response.status_code == 200:
                    RUN.fatal = refused
                return False
            response.success()
            return True

    def _get(self, path: str, name: str) -> str | None:
        with self.client.get(
            path, name=name, catch_response=True, allow_redirects=False, timeout=REQUEST_TIMEOUT_SECONDS
        ) as response:
            if response.error:
                response.failure(response.error)
                return None
            if response.status_code != 200:
                response.failure(f"HTTP {response.status_code}")
                return None
            response.success()
            return response.text

    @task
    def click(self) -> None:
        if not self.signed_in:
            self._begin()
            return
        page = next_page(self.persona, RUN.clicks, RUN.total_clicks, random)
        if page == HOUSEHOLD_RECORD and not self.households:
            page = CHILD_RECORD
        if page is None:
            # A carer whose log is not due yet.
            gevent.sleep(CARER_POLL_SECONDS)
            return
        if page != CARER_LOG:
            RUN.count(page)
        if page == MY_WORK:
            self._get("/", MY_WORK)
        elif page == CHILD_SEARCH:
            # Part of a name the person can see: the first three or more letters of one word of it.
            word = random.choice(random.choice(self.children)[1].split())
            self._get(f"/children/?q={quote(word[: max(3, len(word) - 2)])}", CHILD_SEARCH)
        elif page == CHILD_RECORD:
            self._get(f"/children/{random.choice(self.children)[0]}/", CHILD_RECORD)
        elif page == HOUSEHOLD_RECORD:
            self._get(f"/households/{random.choice(self.households)}/", HOUSEHOLD_RECORD)
        elif page == OVERSIGHT:
            self._get("/oversight/", OVERSIGHT)
        elif page == CARER_LOG:
            self._write_log()

    def _write_log(self) -> None:
        """Open the log form and send it, as a carer does: a log about a child living with them,
        dated today, with no significant event (which would email the workers). Two requests,
        each counted in the log's share."""
        RUN.count(CARER_LOG)
        form = self._get(CARER_LOG, CARER_LOG)
        if form is None:
            return
        children, categories = _choices(form, "child"), _choices(form, "category")
        if not children or not categories:
            RUN.fatal = "the log form offers no child or no category"
            return
        today = datetime.datetime.now(TOWN).date()
        RUN.count(CARER_LOG)
        data = {
            "csrfmiddlewaretoken": _form_token(form),
            "child": random.choice(children),
            "date-day": str(today.day),
            "date-month": str(today.month),
            "date-year": str(today.year),
            "category": random.choice(categories),
            # Each log in its own words, as carers write them: the same words sent again by the
            # same carer are taken as the same log sent twice, and not written again.
            "what_happened": f"{random.choice(LOG_WORDS)} ({datetime.datetime.now(TOWN):%H:%M:%S.%f})",
            "significant_event": "none",
        }
        self._post_form(CARER_LOG, data, refused="the log form refused the log (its fields have changed?)")


def _cpu_seconds() -> float:
    usage = resource.getrusage(resource.RUSAGE_SELF)
    return usage.ru_utime + usage.ru_stime


def main(argv: list[str] | None = None) -> int:
    global RUN
    parser = argparse.ArgumentParser(prog="python -m benchmarks.locustfile")
    parser.add_argument("--host", required=True)
    parser.add_argument("--plan", type=Path, required=True)
    parser.add_argument("--warmup", type=float, required=True)
    parser.add_argument("--duration", type=float, required=True)
    parser.add_argument("--think", type=float, nargs=2, default=(0.0, 0.0))
    parser.add_argument("--out", type=Path, required=True)
    args = parser.parse_args(argv)
    if not args.host.startswith("http://127.0.0.1:"):
        print("The load test drives only a server on 127.0.0.1", file=sys.stderr)
        return 2
    setup_logging("WARNING")
    RUN = Run(json.loads(args.plan.read_text()))
    users = len(RUN.plan["people"])
    Person.wait_time = between(*args.think) if args.think[1] > 0 else constant(0)
    environment = Environment(user_classes=[Person], host=args.host)
    environment.events.request.add_listener(RUN.on_request)
    environment.events.user_error.add_listener(RUN.on_user_error)
    runner = environment.create_local_runner()
    started = time.monotonic()
    runner.start(users, spawn_rate=users)
    try:
        deadline = started + 30 + SIGN_IN_SECONDS_EACH * users
        while RUN.signed_in < users and not RUN.fatal:
            if runner.spawning_greenlet and runner.spawning_greenlet.exception:
                RUN.fatal = f"starting the simulated people failed: {runner.spawning_greenlet.exception!r}"
            elif time.monotonic() > deadline:
                RUN.fatal = (
                    f"only {RUN.signed_in} of {users} people signed in within {deadline - started:.0f} s"
                )
            gevent.sleep(0.1)
        if not RUN.fatal:
            start_seconds = time.monotonic() - started
            print(
                f"   {users} people signed in in {start_seconds:.1f} s; warming up for {args.warmup:g} s",
                flush=True,
            )
            gevent.sleep(args.warmup)
            cpu, began = _cpu_seconds(), time.monotonic()
            RUN.recording = True
            print(f"   measuring for {args.duration:g} s", flush=True)
            while time.monotonic() - began < args.duration and not RUN.fatal:
                gevent.sleep(min(0.5, args.duration - (time.monotonic() - began)))
            RUN.recording = False
            seconds, cpu = time.monotonic() - began, _cpu_seconds() - cpu
    finally:
        runner.quit()
    if RUN.fatal:
        print(f"Load generator stopped: {RUN.fatal}", file=sys.stderr)
        return 1
    args.out.write_text(
        json.dumps(
            {
                "seconds": seconds,
                "times": RUN.times,
                "errors": RUN.errors,
                "start_seconds": start_seconds,
                "start_times": RUN.start_times,
                "start_errors": RUN.start_errors,
                "clicks": RUN.recorded_clicks,
                "clicks_total": sum(RUN.recorded_clicks.values()),
                "cpu_seconds": cpu,
                "busy_seconds": RUN.busy_ms / 1000,
            }
        )
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
