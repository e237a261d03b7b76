"""A backup restores: the deployment's database, seeded with the demo and written to through the
pages, is dumped as docs/operations.md says (pg_dump's custom format), restored with
bin/restore-backup into an empty database, and the restored database has every table with the
same number of rows and the same audit trail, row for row.

The dump is taken inside a transaction whose snapshot the test also counts from, so the figures
compared are those of the moment of the dump while the deployment goes on working. PostgreSQL
only: it needs pg_dump and pg_restore."""

import os
import subprocess
from urllib.parse import urlsplit, urlunsplit

import psycopg
import pytest
from psycopg import sql

from tests.faults.cluster import postgres_binaries

from .conftest import ROOT

pytestmark = pytest.mark.skipif(
    not os.environ.get("DATABASE_URL", "").startswith("postgres"),
    reason="a backup is a pg_dump of PostgreSQL: this runs on the PostgreSQL half of the tests",
)

AUDIT_TRAIL = sql.SQL(
    "SELECT id, occurred_at, actor_id, event_type, child_id, household_id, object_type, object_id, "
    "details::text, host(ip_address) FROM audit_auditevent ORDER BY id"
)


def _tables(conn: psycopg.Connection) -> list[str]:
    return [
        name
        for (name,) in conn.execute(
            "SELECT tablename FROM pg_tables WHERE schemaname = 'public' ORDER BY tablename"
        ).fetchall()
    ]


def _counts(conn: psycopg.Connection) -> dict[str, int]:
    return {
        table: conn.execute(sql.SQL("SELECT count(*) FROM {}").format(sql.Identifier(table))).fetchone()[0]
        for table in _tables(conn)
    }


@pytest.fixture
def empty_database(deployment):
    parts = urlsplit(deployment.database_url)
    name = f"{parts.path.lstrip('/')}_restored"
    maintenance = urlunsplit(parts._replace(path="/postgres"))

    def drop() -> None:
        with psycopg.connect(maintenance, autocommit=True) as conn:
            conn.execute(sql.SQL("DROP DATABASE IF EXISTS {} WITH (FORCE)").format(sql.Identifier(name)))

    drop()
    with psycopg.connect(maintenance, autocommit=True) as conn:
        conn.execute(sql.SQL("CREATE DATABASE {}").format(sql.Identifier(name)))
    yield urlunsplit(parts._replace(path=f"/{name}"))
    drop()


def test_a_backup_restores_into_an_empty_database_with_every_row_and_the_whole_audit_trail(
    deployment, empty_database, tmp_path
):
    # Some of the data is written through the pages, as people would: signing in and reading a
    # child's record are audited.
    session = deployment.signed_in("social.worker")
    assert session.get(f"{deployment.url}/children/", timeout=30).status_code == 200
    dump = tmp_path / "steadfast.dump"

    with psycopg.connect(deployment.database_url) as source:
        source.execute("SET TRANSACTION ISOLATION LEVEL REPEATABLE READ, READ ONLY")
        snapshot = source.execute("SELECT pg_export_snapshot()").fetchone()[0]
        subprocess.run(
            [postgres_binaries() / "pg_dump", "--format=custom", f"--snapshot={snapshot}", "--file", dump,
             "--dbname", deployment.database_url],
            check=True,
        )  # fmt: skip
        counts = _counts(source)
        audit_trail = source.execute(AUDIT_TRAIL).fetchall()

    restored = subprocess.run(
        [ROOT / "bin" / "restore-backup", dump, empty_database], capture_output=True, text=True
    )
    assert restored.returncode == 0, restored.stderr
    assert "Restored and checked" in restored.stdout

    with psycopg.connect(empty_database) as copy:
        assert _counts(copy) == counts
        assert copy.execute(AUDIT_TRAIL).fetchall() == audit_trail
    assert counts["children_child"] >= 40
    assert {"USER_SIGNED_IN", "SECOND_FACTOR_SET_UP"} <= {row[3] for row in audit_trail}

    # Restoring again over what is there is refused, and changes nothing.
    again = subprocess.run(
        [ROOT / "bin" / "restore-backup", dump, empty_database], capture_output=True, text=True
    )
    assert again.returncode == 1
    assert "restore only into an empty database" in again.stderr
    with psycopg.connect(empty_database) as copy:
        assert _counts(copy) == counts


def test_restore_backup_refuses_what_is_not_a_dump(empty_database, tmp_path):
    not_a_dump = tmp_path / "notes.txt"
    not_a_dump.write_text("not a backup")
    refused = subprocess.run(
        [ROOT / "bin" / "restore-backup", not_a_dump, empty_database], capture_output=True, text=True
    )
    assert refused.returncode == 1
    assert "not a pg_dump archive in the custom format" in refused.stderr
