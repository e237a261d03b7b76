"""Steadfast run here as an authority runs it: the production settings, the static files
collected, and the processes of the Procfile (gunicorn, the worker and the schedule) started with
the environment docs/operations.md sets out, GOV.UK Notify stood in for by a local server.

On PostgreSQL (the half of `make test` these tests run in, as an authority runs them) the
deployment has a fresh PostgreSQL database of its own, reached through a line a test can cut and
restore; run on SQLite (`pytest tests/deployment` without DATABASE_URL), an SQLite file whose
folder a test can move away and back. The deployment is built once for the tests of this folder,
which run on one test worker (the `deployment` group)."""

import base64
import os
import re
import secrets
import signal
import socket
import subprocess
import sys
import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager, suppress
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import urlsplit, urlunsplit

import psycopg
import pytest
import requests
from django_otp.oath import totp
from psycopg import sql

from tests.fake_notify import API_KEY, SMS_TEMPLATE_ID, TEMPLATE_ID, FakeNotify, running_fake_notify

ROOT = Path(__file__).resolve().parents[2]
HOST = "steadfast.example.invalid"
PASSWORD = "a-demo-password-for-the-deployment-tests"
DEMO_CHILDREN = "40"


def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    """Every test here shares one deployment, so they run on one worker."""
    for item in items:
        if Path(item.path).is_relative_to(Path(__file__).parent):
            item.add_marker(pytest.mark.xdist_group("deployment"))


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


class DatabaseLine:
    """A TCP forwarder on loopback between the deployment and PostgreSQL. `cut()` drops every
    connection and refuses new ones, as a database server that has gone away does; `restore()`
    lets them through again."""

    def __init__(self, target: tuple[str, int]) -> None:
        self.target = target
        self.port = _free_port()
        self._sockets: set[socket.socket] = set()
        self._lock = threading.Lock()
        self._open = threading.Event()
        self._listener: threading.Thread | None = None
        self.restore()

    def restore(self) -> None:
        listener = socket.socket()
        listener.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        listener.bind(("127.0.0.1", self.port))
        listener.listen()
        listener.settimeout(0.1)
        self._open.set()
        self._listener = threading.Thread(target=self._accept, args=(listener,), daemon=True)
        self._listener.start()

    def cut(self) -> None:
        self._open.clear()
        if self._listener:
            self._listener.join()
        with self._lock:
            for s in self._sockets:
                with suppress(OSError):
                    s.shutdown(socket.SHUT_RDWR)
                s.close()
            self._sockets.clear()

    def _accept(self, listener: socket.socket) -> None:
        with listener:
            while self._open.is_set():
                try:
                    client, _ = listener.accept()
                except TimeoutError:
                    continue
                client.settimeout(None)
                upstream = socket.create_connection(self.target)
                with self._lock:
                    self._sockets |= {client, upstream}
                for src, dst in ((client, upstream), (upstream, client)):
                    threading.Thread(target=self._pump, args=(src, dst), daemon=True).start()

    def _pump(self, src: socket.socket, dst: socket.socket) -> None:
        try:
            while data := src.recv(65536):
                dst.sendall(data)
        except OSError:
            pass
        for s in (src, dst):
            with suppress(OSError):
                s.shutdown(socket.SHUT_RDWR)


class BehindTheLoadBalancer(requests.Session):
    """A browser as gunicorn sees it behind a load balancer that ends TLS: the allowed host,
    `X-Forwarded-Proto: https`, and the secure cookies sent back, since the browser spoke HTTPS
    (requests itself keeps secure cookies to https addresses). It follows no redirects."""

    def __init__(self) -> None:
        super().__init__()
        self.headers.update({"Host": HOST, "X-Forwarded-Proto": "https"})

    def send(self, request: requests.PreparedRequest, **kwargs) -> requests.Response:
        kwargs["allow_redirects"] = False
        if cookies := "; ".join(f"{c.name}={c.value}" for c in self.cookies):
            request.headers["Cookie"] = cookies
        return super().send(request, **kwargs)


CSRF_TOKEN = re.compile(r'name="csrfmiddlewaretoken" value="([^"]+)"')
AUTHENTICATOR_KEY = re.compile(r'app-secret-key"><code>([A-Z2-7 ]+)</code>')
RECOVERY_CODE = re.compile(r"<li><code>([a-z0-9-]+)</code></li>")


@dataclass
class Deployment:
    url: str
    static_root: Path
    notify: FakeNotify
    logs: Path
    line: DatabaseLine | None = None
    # The deployment's own database, reached directly (not through `line`).
    database_url: str = ""
    sqlite_folder: Path | None = None
    processes: dict[str, subprocess.Popen] = field(default_factory=dict)
    # Each staff member's unused recovery codes, from setting up their second factor here.
    recovery_codes: dict[str, list[str]] = field(default_factory=dict)
    authenticator_keys: dict[str, bytes] = field(default_factory=dict)
    last_code_step: dict[str, int] = field(default_factory=dict)

    def log(self, name: str) -> str:
        return (self.logs / f"{name}.log").read_text()

    def post_form(self, session: requests.Session, path: str, data: dict) -> requests.Response:
        page = session.get(f"{self.url}{path}", timeout=30)
        token = CSRF_TOKEN.search(page.text).group(1)
        return session.post(
            f"{self.url}{path}",
            data={"csrfmiddlewaretoken": token, **data},
            headers={"Origin": f"https://{HOST}"},
            timeout=30,
        )

    def signed_in(self, username: str) -> requests.Session:
        """A session signed in through the forms: the password, then, for staff, the second
        factor the production settings require, set up the first time (from the key the page
        shows, as an authenticator app would) and a recovery code after that."""
        session = BehindTheLoadBalancer()
        data = {"username": username, "password": PASSWORD, "next": ""}
        response = self.post_form(session, "/accounts/login/", data)
        assert response.status_code == 302 and response.headers["Location"] == "/", response.text[:500]
        home = session.get(f"{self.url}/", timeout=30)
        where = home.headers.get("Location", "")
        if where.startswith("/accounts/two-factor/set-up/"):
            page = session.get(f"{self.url}{where}", timeout=30)
            key = AUTHENTICATOR_KEY.search(page.text).group(1).replace(" ", "")
            self.authenticator_keys[username] = base64.b32decode(key + "=" * (-len(key) % 8))
            done = self.post_form(session, "/accounts/two-factor/set-up/", {"code": self._code(username)})
            self.recovery_codes[username] = RECOVERY_CODE.findall(done.text)
            assert self.recovery_codes[username], done.text[:500]
        elif where.startswith("/accounts/login/code/"):
            # A recovery code while there are any, then the authenticator's code, as a person
            # whose recovery codes have run out signs in.
            codes = self.recovery_codes[username]
            code = codes.pop() if codes else self._code(username)
            assert self.post_form(session, "/accounts/login/code/", {"code": code}).status_code == 302
        return session

    def _code(self, username: str) -> str:
        """The authenticator's code for `username`; a code is taken once, so a second sign-in in
        the same 30 seconds waits for the next."""
        while (step := int(time.time()) // 30) == self.last_code_step.get(username):
            time.sleep(1)
        self.last_code_step[username] = step
        return str(totp(self.authenticator_keys[username])).zfill(6)

    @contextmanager
    def database_away(self) -> Iterator[None]:
        """The database unreachable for the length of the block, then back."""
        if self.line:
            self.line.cut()
        else:
            self.sqlite_folder.rename(self.sqlite_folder.with_name("away"))
        try:
            yield
        finally:
            if self.line:
                self.line.restore()
            else:
                self.sqlite_folder.with_name("away").rename(self.sqlite_folder)


def procfile() -> dict[str, str]:
    """The Procfile's processes, by name."""
    lines = (ROOT / "Procfile").read_text().splitlines()
    return dict(
        (m.group(1), m.group(2).strip()) for line in lines if (m := re.match(r"^([a-z]+):(.+)$", line))
    )


def _run(command: str, env: dict[str, str], log: Path) -> None:
    with log.open("a") as out:
        completed = subprocess.run(
            command, shell=True, cwd=ROOT, env=env, stdout=out, stderr=subprocess.STDOUT
        )
    assert completed.returncode == 0, f"{command} failed:\n{log.read_text()[-3000:]}"


def _start(command: str, env: dict[str, str], log: Path) -> subprocess.Popen:
    out = log.open("a")
    return subprocess.Popen(
        command, shell=True, cwd=ROOT, env=env, stdout=out, stderr=subprocess.STDOUT, start_new_session=True
    )


def _stop(process: subprocess.Popen) -> None:
    if process.poll() is not None:
        return
    os.killpg(process.pid, signal.SIGTERM)
    try:
        process.wait(timeout=30)
    except subprocess.TimeoutExpired:
        os.killpg(process.pid, signal.SIGKILL)
        process.wait()


def wait_for(check, *, seconds: float, every: float = 0.1):
    """Call `check` until it returns something true, for at most `seconds`; returns its answer."""
    deadline = time.monotonic() + seconds
    while True:
        answer = check()
        if answer or time.monotonic() > deadline:
            return answer
        time.sleep(every)


def healthz(url: str) -> int:
    """The health check's status, or 0 while gunicorn does not answer (starting, or busy)."""
    try:
        return requests.get(f"{url}/healthz", headers={"Host": HOST}, timeout=10).status_code
    except requests.RequestException:
        return 0


def production_environment(
    *, database_url: str, port: int, static_root: Path, notify_url: str
) -> dict[str, str]:
    """The environment docs/operations.md sets out, for a deployment on `port` with its own
    database, static files and GOV.UK Notify stand-in; nothing of the test run's own settings
    is passed on."""
    passed_on = ("DJANGO_", "DATABASE_URL", "STEADFAST_", "GUNICORN_", "WEB_CONCURRENCY", "PUBLISHED_")
    return {k: v for k, v in os.environ.items() if not k.startswith(passed_on)} | {
        # `python` and `gunicorn` in the Procfile are the virtual environment's.
        "PATH": f"{Path(sys.executable).parent}{os.pathsep}{os.environ['PATH']}",
        "DJANGO_SETTINGS_MODULE": "config.settings.production",
        "DJANGO_SECRET_KEY": secrets.token_urlsafe(50),
        "DJANGO_ALLOWED_HOSTS": HOST,
        "DJANGO_CSRF_TRUSTED_ORIGINS": f"https://{HOST}",
        "DATABASE_URL": database_url,
        "DJANGO_STATIC_ROOT": str(static_root),
        "STEADFAST_SITE_URL": f"https://{HOST}",
        "STEADFAST_NOTIFY_API_KEY": API_KEY,
        "STEADFAST_NOTIFY_TEMPLATE_ID": TEMPLATE_ID,
        "STEADFAST_NOTIFY_SMS_TEMPLATE_ID": SMS_TEMPLATE_ID,
        "STEADFAST_NOTIFY_BASE_URL": notify_url,
        # The daily sweep and its digest emails are due from midnight, so they run at once.
        "STEADFAST_REMINDER_DAILY_SWEEP_AT": "00:00",
        "STEADFAST_DEMO_PASSWORD": PASSWORD,
        "GUNICORN_BIND": f"127.0.0.1:{port}",
        "WEB_CONCURRENCY": "2",
    }


def set_up(env: dict[str, str], log: Path) -> None:
    """The `release` step, the static files collected, and the test's own people and records."""
    _run(procfile()["release"], env, log)
    _run("python manage.py collectstatic --no-input", env, log)
    _run(f"python manage.py seed_demo --children {DEMO_CHILDREN}", env, log)


@contextmanager
def _database(tmp: Path) -> Iterator[tuple[str, DatabaseLine | None, Path | None]]:
    """A fresh database for the deployment, PostgreSQL on the PostgreSQL half of the tests."""
    tests_url = os.environ.get("DATABASE_URL", "")
    if not tests_url.startswith("postgres"):
        folder = tmp / "database"
        folder.mkdir()
        yield f"sqlite:///{folder / 'steadfast.sqlite3'}", None, folder
        return
    parts = urlsplit(tests_url)
    worker = os.environ.get("PYTEST_XDIST_WORKER", "main")
    name = f"{parts.path.lstrip('/') or 'steadfast'}_deployment_{worker}"
    maintenance = urlunsplit(parts._replace(path="/postgres"))

    def drop() -> None:
        with psycopg.connect(maintenance, autocommit=True) as conn:
            conn.execute(sql.SQL("DROP DATABASE IF EXISTS {} WITH (FORCE)").format(sql.Identifier(name)))

    drop()
    with psycopg.connect(maintenance, autocommit=True) as conn:
        conn.execute(sql.SQL("CREATE DATABASE {}").format(sql.Identifier(name)))
    line = DatabaseLine((parts.hostname or "127.0.0.1", parts.port or 5432))
    netloc = parts.netloc.rsplit("@", 1)[0] + f"@127.0.0.1:{line.port}"
    try:
        yield urlunsplit(parts._replace(netloc=netloc, path=f"/{name}")), line, None
    finally:
        line.cut()
        drop()


@pytest.fixture(scope="package")
def deployment(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Deployment]:
    tmp = tmp_path_factory.mktemp("deployment")
    with running_fake_notify() as notify, _database(tmp) as (database_url, line, sqlite_folder):
        port = _free_port()
        env = production_environment(
            database_url=database_url, port=port, static_root=tmp / "static", notify_url=notify.url
        )
        deployed = Deployment(
            url=f"http://127.0.0.1:{port}",
            static_root=tmp / "static",
            notify=notify,
            logs=tmp,
            line=line,
            database_url=database_url.replace(f"127.0.0.1:{line.port}", "{}:{}".format(*line.target))
            if line
            else database_url,
            sqlite_folder=sqlite_folder,
        )
        processes = procfile()
        del processes["release"]
        # The test's own people and records are seeded before the schedule's first sweep reads them.
        set_up(env, tmp / "setup.log")
        try:
            for name, command in processes.items():
                deployed.processes[name] = _start(command, env, tmp / f"{name}.log")
            assert wait_for(lambda: healthz(deployed.url) == 200, seconds=60), deployed.log("web")
            yield deployed
        finally:
            for process in deployed.processes.values():
                _stop(process)
