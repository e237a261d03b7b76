"""What the benchmarks share: PostgreSQL databases beside the one DATABASE_URL names, the
commit measured and the machine it ran on."""

import os
import platform
import subprocess
from pathlib import Path
from urllib.parse import urlsplit, urlunsplit

ROOT = Path(__file__).resolve().parent.parent


def with_database(url: str, name: str) -> str:
    """The same server and user as `url`, another database."""
    parts = urlsplit(url)
    return urlunsplit(parts._replace(path=f"/{name}"))


def database_name(url: str) -> str:
    return urlsplit(url).path.lstrip("/") or "steadfast"


def maintenance(url: str):
    """An autocommit connection to the server's `postgres` database, for creating and dropping."""
    import psycopg

    return psycopg.connect(with_database(url, "postgres"), autocommit=True)


def database_exists(url: str, name: str) -> bool:
    with maintenance(url) as conn:
        return conn.execute("SELECT 1 FROM pg_database WHERE datname = %s", [name]).fetchone() is not None


def drop_database(url: str, name: str) -> None:
    from psycopg import sql

    with maintenance(url) as conn:
        conn.execute(sql.SQL("DROP DATABASE IF EXISTS {} WITH (FORCE)").format(sql.Identifier(name)))


def create_database(url: str, name: str, *, template: str | None = None) -> None:
    """A new, empty database `name` (dropped first if present), or a file copy of `template`."""
    from psycopg import sql

    drop_database(url, name)
    statement = sql.SQL("CREATE DATABASE {}").format(sql.Identifier(name))
    if template:
        # A file copy rather than PostgreSQL 15's default of writing every page to the WAL: a few
        # seconds for a demo of 20,000 children rather than a minute.
        statement += sql.SQL(" TEMPLATE {} STRATEGY FILE_COPY").format(sql.Identifier(template))
    with maintenance(url) as conn:
        conn.execute(statement)


def rename_database(url: str, old: str, new: str) -> None:
    from psycopg import sql

    with maintenance(url) as conn:
        conn.execute(
            sql.SQL("ALTER DATABASE {} RENAME TO {}").format(sql.Identifier(old), sql.Identifier(new))
        )


def commit() -> str:
    """The commit measured, marked "+changes" when tracked files outside benchmarks/ differ from it."""
    try:
        head = subprocess.run(
            ["git", "rev-parse", "--short", "HEAD"], cwd=ROOT, capture_output=True, text=True, check=True
        ).stdout.strip()
        status = subprocess.run(
            ["git", "status", "--porcelain", "--untracked-files=no", "--", ".", ":(exclude)benchmarks"],
            cwd=ROOT,
            capture_output=True,
            text=True,
            check=True,
        ).stdout
    except (OSError, subprocess.CalledProcessError):
        return "unknown"
    return f"{head}+changes" if status.strip() else head


def cpu_name() -> str:
    """The processor's model name, as Linux gives it, or what Python knows of it."""
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                return line.split(":", 1)[1].strip()
    except OSError:
        pass
    return platform.processor() or platform.machine()


def machine(url: str) -> dict:
    """The commit, the machine, the versions and the load average: what a timing depends on."""
    cpu = cpu_name()
    with maintenance(url) as conn:
        postgres = conn.execute("SHOW server_version").fetchone()[0]
    import django

    return {
        "commit": commit(),
        "load_average_at_start": [round(n, 2) for n in os.getloadavg()],
        "platform": platform.platform(),
        "cpu": cpu,
        "cpus": os.cpu_count(),
        "python": platform.python_version(),
        "django": django.get_version(),
        "postgresql": postgres,
        # Set only for what-if runs, e.g. PGOPTIONS="-c jit=off" to see the app without JIT.
        **({"pgoptions": os.environ["PGOPTIONS"]} if os.environ.get("PGOPTIONS") else {}),
    }


def postgres_url() -> str | None:
    """DATABASE_URL, when it names a PostgreSQL database; otherwise None, having said what to set."""
    url = os.environ.get("DATABASE_URL", "")
    if not url.startswith(("postgres://", "postgresql://")):
        print("Set DATABASE_URL to a PostgreSQL database, e.g. postgres://postgres@127.0.0.1:5432/steadfast")
        return None
    return url
