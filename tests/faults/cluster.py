"""A PostgreSQL cluster of a test's own: made with initdb in a folder of its own, served on a
port of its own on loopback, and stopped, killed and started again as the test says, so that a
fault can be dealt to the database without touching any other PostgreSQL on the machine.

PostgreSQL refuses to run as root: run as root (as CI is), the cluster is made and run as the
`postgres` user, which Debian's PostgreSQL package creates."""

import getpass
import os
import pwd
import shutil
import signal
import socket
import subprocess
import tempfile
import time
from contextlib import suppress
from pathlib import Path

import psycopg


def postgres_binaries() -> Path:
    """The folder of the newest PostgreSQL's programs: Debian's /usr/lib/postgresql/<n>/bin,
    or wherever `pg_ctl` is on the PATH."""
    found = sorted(Path("/usr/lib/postgresql").glob("*/bin/pg_ctl"), key=lambda p: int(p.parent.parent.name))
    if found:
        return found[-1].parent
    on_path = shutil.which("pg_ctl")
    if on_path is None:
        raise RuntimeError("No PostgreSQL found: install Debian's postgresql package")
    return Path(on_path).parent


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


class Cluster:
    """One PostgreSQL cluster: `start()`, `stop()` (pg_ctl's fast shutdown), `kill()` (SIGKILL to
    the postmaster, as the kernel's out-of-memory killer or a lost machine would), `url(name)`."""

    def __init__(self) -> None:
        self.bin = postgres_binaries()
        self.port = _free_port()
        self.folder = Path(tempfile.mkdtemp(prefix="steadfast-cluster-"))
        self.data = self.folder / "data"
        self.log = self.folder / "postgres.log"
        self._as: list[str] = []
        self.user = getpass.getuser()
        if os.geteuid() == 0:
            owner = pwd.getpwnam("postgres")
            os.chown(self.folder, owner.pw_uid, owner.pw_gid)
            self._as = ["runuser", "-u", "postgres", "--"]
            self.user = "postgres"
        self._run(
            "initdb", "--pgdata", str(self.data), "--auth", "trust", "--username", self.user,
            "--encoding", "UTF8", "--no-instructions",
        )  # fmt: skip
        with (self.data / "postgresql.conf").open("a") as conf:
            conf.write(
                f"port = {self.port}\nlisten_addresses = '127.0.0.1'\n"
                f"unix_socket_directories = '{self.folder}'\n"
                # As in production: every commit is on disk before it is acknowledged.
                "fsync = on\nsynchronous_commit = on\nfull_page_writes = on\n"
                "max_connections = 50\nshared_buffers = 32MB\n"
            )

    def _run(self, program: str, *args: str) -> None:
        subprocess.run(
            [*self._as, str(self.bin / program), *args],
            check=True,
            stdout=subprocess.DEVNULL,
            stderr=subprocess.PIPE,
        )

    def url(self, database: str = "postgres") -> str:
        return f"postgres://{self.user}@127.0.0.1:{self.port}/{database}"

    def start(self) -> None:
        self._run(
            "pg_ctl",
            "--pgdata",
            str(self.data),
            "--log",
            str(self.log),
            "--wait",
            "--timeout",
            "120",
            "start",
        )

    def stop(self) -> None:
        """pg_ctl stop -m fast: every session is ended and open transactions rolled back."""
        self._run("pg_ctl", "--pgdata", str(self.data), "--mode", "fast", "--wait", "stop")

    def postmaster_pid(self) -> int:
        return int((self.data / "postmaster.pid").read_text().splitlines()[0])

    def kill(self) -> None:
        """SIGKILL to the postmaster alone: its backends notice it is gone and end themselves,
        and the next start recovers from the write-ahead log, as after a crash."""
        pid = self.postmaster_pid()
        os.kill(pid, signal.SIGKILL)
        deadline = time.monotonic() + 30
        while time.monotonic() < deadline:
            try:
                os.kill(pid, 0)
            except ProcessLookupError:
                break
            time.sleep(0.05)

    def start_after_kill(self) -> None:
        """Start again once the killed postmaster's backends have gone: PostgreSQL refuses to
        start while its old shared memory is still in use."""
        deadline = time.monotonic() + 60
        while True:
            try:
                self.start()
                return
            except subprocess.CalledProcessError:
                if time.monotonic() > deadline:
                    raise
                time.sleep(0.5)

    def create_database(self, name: str) -> str:
        with psycopg.connect(self.url(), autocommit=True) as conn:
            conn.execute(f'CREATE DATABASE "{name}"')
        return self.url(name)

    def running(self) -> bool:
        try:
            with psycopg.connect(self.url(), connect_timeout=2) as conn:
                conn.execute("SELECT 1")
            return True
        except psycopg.OperationalError:
            return False

    def remove(self) -> None:
        """Stop it (by SIGKILL if it will not stop) and delete its folder."""
        if (self.data / "postmaster.pid").exists():
            try:
                self._run("pg_ctl", "--pgdata", str(self.data), "--mode", "immediate", "--wait", "stop")
            except subprocess.CalledProcessError:
                with suppress(OSError, ValueError):
                    os.kill(self.postmaster_pid(), signal.SIGKILL)
        shutil.rmtree(self.folder, ignore_errors=True)
