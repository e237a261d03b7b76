"""Nothing acknowledged is lost when the application or the database fails.

Steadfast is served as production serves it (gunicorn with the production settings, the
Procfile's commands) in front of a PostgreSQL cluster of the test's own. Three people write
without a pause, each a change that touches several rows in one transaction: a social worker
arranges meetings (the meeting, its invitations and their audit rows), a team manager authorises
plans (the meeting, its actions, the authorised version kept and their audit rows), and a
supervising social worker records supervision (the session, a placement stability scale for
each child placed, and their audit rows). Meanwhile:

1. gunicorn, its master and its workers, is killed with SIGKILL, many times, at random moments,
   and started again;
2. PostgreSQL is stopped (`pg_ctl stop -m fast`) for 20 seconds, then started;
3. PostgreSQL's postmaster is killed with SIGKILL for 20 seconds, then started, recovering from
   its write-ahead log.

While the database is away `/healthz` answers 503 and pages the service's own 503 page, and the
service recovers without a restart. Afterwards every write whose redirect reached the person is
in the database, and no write is there in part: each meeting, plan and session has all its rows
and audit rows, or none. `make faults` runs it; the figures are in docs/operations.md."""

import json
import os
import random
import re
import signal
import subprocess
import threading
import time
from collections import Counter, defaultdict
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from html.parser import HTMLParser

import psycopg
import pytest
import requests
from django.utils import timezone

from steadfast.meetings.services import INVITEE_ADDED, MEETING_ARRANGED, PLAN_AUTHORISED, VERSION_KEPT
from steadfast.supervision.services import SCALE_RECORDED, SUPERVISION_RECORDED
from tests.deployment.conftest import (
    HOST,
    ROOT,
    Deployment,
    _free_port,
    _run,
    _start,
    _stop,
    healthz,
    procfile,
    production_environment,
    set_up,
    wait_for,
)
from tests.fake_notify import running_fake_notify

from .cluster import Cluster

UNAVAILABLE = '<h1 class="govuk-heading-l">Sorry, the service is unavailable</h1>'
APP_KILLS = 12
OUTAGE_SECONDS = 20
# Plans awaiting authorisation made beforehand: more than the team manager can get through.
PLANS = 30


class _FormFields(HTMLParser):
    """What a browser would send from each form on a page as it stands: the text boxes' values,
    the ticked boxes and the chosen options."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.forms: list[list[tuple[str, str]]] = []
        self._select: str | None = None
        self._options: list[tuple[str, bool]] = []
        self._textarea: str | None = None
        self._text = ""

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        a = {k: v or "" for k, v in attrs}
        if tag == "form":
            self.forms.append([])
        elif not self.forms or "name" not in a:
            if tag == "option" and self._select is not None:
                self._options.append((a.get("value", ""), "selected" in a))
            return
        elif tag == "input":
            kind = a.get("type", "text")
            if kind in ("checkbox", "radio") and "checked" not in a:
                return
            if kind not in ("submit", "button", "file"):
                self.forms[-1].append((a["name"], a.get("value", "")))
        elif tag == "select":
            self._select, self._options = a["name"], []
        elif tag == "textarea":
            self._textarea, self._text = a["name"], ""

    def handle_data(self, data: str) -> None:
        if self._textarea is not None:
            self._text += data

    def handle_endtag(self, tag: str) -> None:
        if tag == "select" and self._select is not None:
            chosen = [v for v, selected in self._options if selected] or [v for v, _ in self._options[:1]]
            self.forms[-1].extend((self._select, v) for v in chosen)
            self._select = None
        elif tag == "textarea" and self._textarea is not None:
            self.forms[-1].append((self._textarea, self._text.lstrip("\n")))
            self._textarea = None


def form_fields(page: str, having: str) -> list[tuple[str, str]]:
    """The fields the page's form with a field named `having` would send."""
    parser = _FormFields()
    parser.feed(page)
    return next(form for form in parser.forms if any(name == having for name, _ in form))


def select_options(page: str, name: str) -> list[str]:
    """The values of the options of the select named `name`."""
    parser = _FormFields()
    start = page.index(f'name="{name}"')
    parser._select, parser._options = name, []
    parser.feed(page[start : page.index("</select>", start)])
    return [value for value, _ in parser._options]


class Cut(Exception):
    """The request got no answer: the connection failed, or was closed before the answer."""


@dataclass
class Writer:
    """One person writing without a pause. `write(n)` makes the n-th write and returns what it
    saved (an id), or None where the form page could not be had; it raises Cut when the post
    got no answer."""

    name: str
    session: requests.Session
    write: Callable[[int], object]
    acknowledged: list = field(default_factory=list)
    cut: int = 0
    unavailable: int = 0
    unexpected: list = field(default_factory=list)

    def run(self, stop: threading.Event) -> None:
        n = 0
        while not stop.is_set():
            n += 1
            try:
                saved = self.write(n)
            except Cut:
                self.cut += 1
                time.sleep(0.05)
            except _Unavailable:
                self.unavailable += 1
                time.sleep(0.2)
            except Exception as answer:
                self.unexpected.append(f"{type(answer).__name__}: {answer}")
                time.sleep(0.2)
            else:
                if saved is not None:
                    self.acknowledged.append(saved)


class _Unavailable(Exception):
    """The service said 503 (or the web server was not there to ask): nothing was done."""


class _Unexpected(Exception):
    """An answer that is neither the redirect of a saved write nor 503."""


@dataclass
class Served:
    cluster: Cluster
    database_url: str
    deployment: Deployment
    env: dict[str, str]
    web: subprocess.Popen
    prepared: dict

    def restart_web(self) -> None:
        self.web = _start(procfile()["web"], self.env, self.deployment.logs / "web.log")

    def kill_web(self) -> None:
        """SIGKILL to gunicorn's master and every worker at once: nothing is finished."""
        os.killpg(self.web.pid, signal.SIGKILL)
        self.web.wait()


@pytest.fixture(scope="module")
def served(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Served]:
    tmp = tmp_path_factory.mktemp("faults")
    cluster = Cluster()
    try:
        cluster.start()
        database_url = cluster.create_database("steadfast")
        with running_fake_notify() as notify:
            port = _free_port()
            env = production_environment(
                database_url=database_url, port=port, static_root=tmp / "static", notify_url=notify.url
            )
            began = time.monotonic()
            set_up(env, tmp / "setup.log")
            print(f"\nset up in {time.monotonic() - began:.0f} s")
            _run(f"python -m tests.faults.prepare {PLANS} > {tmp / 'prepared.json'}", env, tmp / "setup.log")
            prepared = json.loads((tmp / "prepared.json").read_text())
            print(f"prepared in {time.monotonic() - began:.0f} s")
            deployment = Deployment(
                url=f"http://127.0.0.1:{port}", static_root=tmp / "static", notify=notify, logs=tmp
            )
            served = Served(
                cluster,
                database_url,
                deployment,
                env,
                _start(procfile()["web"], env, tmp / "web.log"),
                prepared,
            )
            try:
                assert wait_for(lambda: healthz(deployment.url) == 200, seconds=60), deployment.log("web")
                yield served
            finally:
                _stop(served.web)
    finally:
        cluster.remove()


def _get(session: requests.Session, url: str) -> requests.Response:
    try:
        page = session.get(url, timeout=30)
    except requests.RequestException as error:
        raise _Unavailable from error
    if page.status_code == 503:
        raise _Unavailable
    if page.status_code != 200:
        raise _Unexpected(f"GET {url}: {page.status_code}")
    return page


# Set while any writer's post is on its way or being answered: the moment to kill gunicorn.
posting = threading.Event()


def _post(session: requests.Session, url: str, data: list[tuple[str, str]]) -> requests.Response:
    posting.set()
    try:
        answer = session.post(url, data=data, headers={"Origin": f"https://{HOST}"}, timeout=30)
    except requests.RequestException as error:
        # No answer, or not the whole of one: the person cannot know whether it was saved.
        raise Cut from error
    finally:
        posting.clear()
    if answer.status_code == 503:
        raise _Unavailable
    return answer


def _changed(fields: list[tuple[str, str]], **changes: str | list[str]) -> list[tuple[str, str]]:
    names = {name.replace("__", "-") for name in changes}
    data = [(name, value) for name, value in fields if name not in names]
    for name, value in changes.items():
        for one in value if isinstance(value, list) else [value]:
            data.append((name.replace("__", "-"), one))
    return data


ERRORS = re.compile(r'<ul class="govuk-list govuk-error-summary__list">(.*?)</ul>', re.S)


def _saved(answer: requests.Response, prefix: str) -> int:
    where = answer.headers.get("Location", "")
    if answer.status_code != 302 or not where.startswith(prefix):
        errors = ERRORS.search(answer.text)
        said = re.sub(r"\s+", " ", re.sub("<[^>]+>", " ", errors.group(1))) if errors else answer.text[:300]
        raise _Unexpected(f"{answer.request.url}: {answer.status_code} {where} {said}")
    return int(where.removeprefix(prefix).strip("/").split("/")[0])


def _writers(served: Served) -> list[Writer]:
    url = served.deployment.url
    prepared = served.prepared
    # Supervision is recorded for today, in the service's time zone, when the children are placed.
    today = timezone.localdate()
    day = {"date__day": str(today.day), "date__month": str(today.month), "date__year": str(today.year)}

    social_worker = served.deployment.signed_in("social.worker")
    manager = served.deployment.signed_in("team.manager")
    ssw = served.deployment.signed_in("supervising.social.worker")

    def arrange(n: int) -> tuple[int, int, int]:
        child = prepared["children"][n % len(prepared["children"])]
        path = f"{url}/children/{child}/meetings/arrange/"
        page = _get(social_worker, path)
        chair = next(value for value in select_options(page.text, "chair") if value)
        fields = form_fields(page.text, "venue")
        invited = sum(1 for name, _ in fields if name == "invitees")
        data = _changed(
            fields,
            kind="placement_stability",
            venue=f"Faults venue {n}",
            time="2:30pm",
            chair=chair,
            chair_name="",
            # A year ahead, so that it is never before today.
            **day | {"date__year": str(today.year + 1)},
        )
        return _saved(_post(social_worker, path, data), "/meetings/"), child, invited

    plans = list(reversed(prepared["awaiting"]))

    def authorise(n: int) -> int | None:
        if not plans:
            time.sleep(0.5)
            return None
        meeting = plans[-1]
        path = f"{url}/meetings/{meeting}/authorise/"
        fields = form_fields(_get(manager, path).text, "comments")
        try:
            answer = _post(manager, path, _changed(fields, decision="authorise", comments=""))
        except Cut:
            # Authorised or not, it is not asked again: the check afterwards finds which.
            plans.pop()
            raise
        plans.pop()
        return _saved(answer, "/meetings/") and meeting

    households = list(prepared["households"].items())

    def supervise(n: int) -> tuple[int, str]:
        household, placed = households[n % len(households)]
        path = f"{url}/households/{household}/supervision/record/"
        page = _get(ssw, path)
        fields = form_fields(page.text, "present")
        scales = {}
        for child in placed:
            scales[f"score_{child}"] = str(n % 11)
            scales[f"reason_{child}"] = f"Reason {n} for the score"
        present = f"Faults supervision {n}: the carers"
        data = _changed(
            fields,
            unannounced="no",
            present=present,
            household_managing=f"Managing well, write {n}",
            actions="",
            **day,
            **scales,
        )
        return _saved(_post(ssw, path, data), "/supervision/"), present

    return [
        Writer("arranging a meeting", social_worker, arrange),
        Writer("authorising a plan", manager, authorise),
        Writer("recording supervision", ssw, supervise),
    ]


@dataclass
class Findings:
    lost: list = field(default_factory=list)
    partial: list = field(default_factory=list)


def _rows(conn: psycopg.Connection, query: str, *args: object) -> list[tuple]:
    return conn.execute(query, args).fetchall()


def _audit(conn: psycopg.Connection, event_type: str, label: str) -> Counter:
    """How many audit events of the type each object has."""
    return Counter(
        object_id
        for (object_id,) in _rows(
            conn,
            "SELECT object_id FROM audit_auditevent WHERE event_type = %s AND object_type = %s",
            event_type,
            label,
        )
    )


def _check(conn: psycopg.Connection, writers: list[Writer], prepared: dict) -> Findings:
    found = Findings()
    arranged, authorised, supervised = (w.acknowledged for w in writers)

    # Meetings arranged: the meeting, its invitations, an audit row for each.
    meetings = {
        pk: (venue, child)
        for pk, venue, child in _rows(
            conn,
            "SELECT id, venue, child_id FROM meetings_stabilitymeeting WHERE venue LIKE 'Faults venue %%'",
        )
    }
    invitees = defaultdict(list)
    for pk, meeting in _rows(
        conn, "SELECT id, meeting_id FROM meetings_invitee WHERE meeting_id = ANY(%s)", list(meetings)
    ):
        invitees[meeting].append(pk)
    arranged_events = _audit(conn, MEETING_ARRANGED, "meetings.StabilityMeeting")
    invitee_events = _audit(conn, INVITEE_ADDED, "meetings.Invitee")
    for pk, _child, _invited in arranged:
        if pk not in meetings:
            found.lost.append(("meeting arranged", pk))
    per_child = defaultdict(set)
    for pk, (_venue, child) in meetings.items():
        per_child[child].add(len(invitees[pk]))
        if (
            not invitees[pk]
            or arranged_events[str(pk)] != 1
            or any(invitee_events[str(i)] != 1 for i in invitees[pk])
        ):
            found.partial.append(("meeting arranged", pk, len(invitees[pk]), arranged_events[str(pk)]))
    for pk, _child, invited in arranged:
        if pk in meetings and len(invitees[pk]) < invited:
            found.partial.append(("meeting arranged, invitations missing", pk, invited, len(invitees[pk])))
    found.partial += [
        ("invitations differ for one child", child, n) for child, n in per_child.items() if len(n) > 1
    ]

    # Plans authorised: the meeting, its actions agreed, the authorised version, audit rows.
    status = dict(
        _rows(
            conn, "SELECT id, status FROM meetings_stabilitymeeting WHERE id = ANY(%s)", prepared["awaiting"]
        )
    )
    actions = defaultdict(list)
    for meeting, action_status in _rows(
        conn,
        "SELECT meeting_id, status FROM meetings_stabilityaction WHERE meeting_id = ANY(%s)",
        prepared["awaiting"],
    ):
        actions[meeting].append(action_status)
    versions = Counter(
        m
        for (m,) in _rows(
            conn,
            "SELECT meeting_id FROM meetings_authorisedversion WHERE meeting_id = ANY(%s)",
            prepared["awaiting"],
        )
    )
    authorised_events = _audit(conn, PLAN_AUTHORISED, "meetings.StabilityMeeting")
    version_events = Counter(
        meeting
        for (meeting,) in _rows(
            conn,
            "SELECT v.meeting_id FROM meetings_authorisedversion v JOIN audit_auditevent e "
            "ON e.object_id = v.id::text AND e.object_type = 'meetings.AuthorisedVersion' "
            "AND e.event_type = %s WHERE v.meeting_id = ANY(%s)",
            VERSION_KEPT,
            prepared["awaiting"],
        )
    )
    for pk in authorised:
        if status.get(pk) != "authorised":
            found.lost.append(("plan authorised", pk, status.get(pk)))
    for pk in prepared["awaiting"]:
        done = status[pk] == "authorised"
        whole = (
            actions[pk]
            and all(s == ("agreed" if done else "proposed") for s in actions[pk])
            and versions[pk] == (1 if done else 0)
            and authorised_events[str(pk)] == (1 if done else 0)
            and version_events[pk] == versions[pk]
            and status[pk] in ("authorised", "awaiting_authorisation")
        )
        if not whole:
            found.partial.append(("plan authorised", pk, status[pk], actions[pk], versions[pk]))

    # Supervision: the session, a scale for each child placed, audit rows.
    sessions = {
        pk: (present, household)
        for pk, present, household in _rows(
            conn,
            "SELECT id, present, household_id FROM supervision_supervisionsession "
            "WHERE present LIKE 'Faults supervision %%'",
        )
    }
    scales = defaultdict(list)
    for pk, session in _rows(
        conn,
        "SELECT id, session_id FROM supervision_placementstabilityscale WHERE session_id = ANY(%s)",
        list(sessions),
    ):
        scales[session].append(pk)
    session_events = _audit(conn, SUPERVISION_RECORDED, "supervision.SupervisionSession")
    scale_events = _audit(conn, SCALE_RECORDED, "supervision.PlacementStabilityScale")
    for pk, present in supervised:
        if sessions.get(pk, (None,))[0] != present:
            found.lost.append(("supervision recorded", pk))
    per_household = defaultdict(set)
    for pk, (_present, household) in sessions.items():
        per_household[household].add(len(scales[pk]))
        if (
            not scales[pk]
            or session_events[str(pk)] != 1
            or any(scale_events[str(s)] != 1 for s in scales[pk])
        ):
            found.partial.append(("supervision recorded", pk, len(scales[pk])))
    found.partial += [
        ("scales differ for one household", h, n) for h, n in per_household.items() if len(n) > 1
    ]
    return found


def _unavailable_while_away(served: Served, session: requests.Session) -> None:
    """While the database is away: /healthz 503, and pages the service's own 503 page."""
    assert wait_for(lambda: healthz(served.deployment.url) == 503, seconds=10)
    for path in ("/", "/children/"):
        page = session.get(f"{served.deployment.url}{path}", timeout=30)
        assert page.status_code == 503, path
        assert UNAVAILABLE in page.text
        assert page.headers["Retry-After"] == "30"


def _recovered_in(served: Served) -> float:
    """Seconds from the database answering again to the service answering 200, unrestarted."""
    back = time.monotonic()
    assert wait_for(lambda: healthz(served.deployment.url) == 200, seconds=30, every=0.05)
    return time.monotonic() - back


def test_nothing_acknowledged_is_lost_when_the_app_or_the_database_fails(served: Served):
    writers = _writers(served)
    observer = served.deployment.signed_in("team.manager")
    stop = threading.Event()
    threads = [threading.Thread(target=w.run, args=(stop,), daemon=True) for w in writers]
    for thread in threads:
        thread.start()
    turns = random.Random(20261205)
    figures: dict[str, object] = {}
    try:
        # 1. The application killed in the middle of writes, many times.
        restarts = []
        for kill in range(APP_KILLS):
            time.sleep(turns.uniform(2.0, 5.0))
            if kill % 2 == 0:
                # A moment into a write: before, during or after its transaction.
                posting.clear()
                assert posting.wait(timeout=30), "no write under way"
                time.sleep(turns.uniform(0.0, 0.2))
            served.kill_web()
            started = time.monotonic()
            served.restart_web()
            assert wait_for(lambda: healthz(served.deployment.url) == 200, seconds=60, every=0.05)
            restarts.append(time.monotonic() - started)
        figures["app kills"] = APP_KILLS
        figures["app back after a kill, s (max)"] = round(max(restarts), 1)
        time.sleep(2)

        # 2. PostgreSQL stopped (fast shutdown), 3. its postmaster killed: 20 seconds each.
        for fault, begin, end in (
            ("pg_ctl stop -m fast", served.cluster.stop, served.cluster.start),
            ("SIGKILL to the postmaster", served.cluster.kill, served.cluster.start_after_kill),
        ):
            time.sleep(3)
            away = time.monotonic()
            begin()
            _unavailable_while_away(served, observer)
            time.sleep(max(0.0, OUTAGE_SECONDS - (time.monotonic() - away)))
            assert healthz(served.deployment.url) == 503
            end()
            figures[f"recovery after {fault}, s"] = round(_recovered_in(served), 2)
            # The observer's session carries on, in each of gunicorn's processes.
            for _ in range(4):
                assert observer.get(f"{served.deployment.url}/", timeout=30).status_code == 200
        time.sleep(3)
    finally:
        stop.set()
        for thread in threads:
            thread.join(timeout=60)

    with psycopg.connect(served.database_url) as conn:
        found = _check(conn, writers, served.prepared)
    for w in writers:
        figures[w.name] = {
            "acknowledged": len(w.acknowledged),
            "cut (no answer)": w.cut,
            "not sent, or answered 503": w.unavailable,
        }
    figures["lost"] = len(found.lost)
    figures["partial"] = len(found.partial)
    print(
        "\nFaults:",
        json.dumps(figures, indent=2),
        "\nlost:",
        found.lost[:10],
        "\npartial:",
        found.partial[:10],
    )
    (ROOT / "log").mkdir(exist_ok=True)
    (ROOT / "log" / "faults.json").write_text(json.dumps(figures, indent=2))

    assert all(len(w.acknowledged) >= 5 for w in writers), figures
    assert sum(w.cut for w in writers) > 0, "no kill landed in the middle of a write"
    assert not [u for w in writers for u in w.unexpected], [w.unexpected[:5] for w in writers]
    assert found.lost == [], found.lost[:10]
    assert found.partial == [], found.partial[:10]
    assert "Traceback" not in served.deployment.log("web"), served.deployment.log("web")[-5000:]
