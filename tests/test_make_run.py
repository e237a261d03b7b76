"""`make run PORT=8001` serves on port 8001, and the links in the emails its worker sends point
there: the worker, the schedule and the web server start with STEADFAST_SITE_URL set to the
port served on, unless it is set already."""

import os
import subprocess
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent


def _dry_run(port: str, env: dict[str, str]) -> str:
    return subprocess.run(
        ["make", "-n", "run", f"PORT={port}"], cwd=ROOT, env=env, capture_output=True, text=True, check=True
    ).stdout


def _site_url_the_worker_gets(commands: str, env: dict[str, str]) -> str:
    """Run the export that precedes the worker's start, as the recipe's shell would, and read
    what the worker's environment would hold."""
    line = next(line for line in commands.splitlines() if "db_worker" in line)
    export = line.split("; trap", 1)[0]
    return subprocess.run(
        ["bash", "-c", f'{export}; printf %s "$STEADFAST_SITE_URL"'],
        env=env,
        capture_output=True,
        text=True,
        check=True,
    ).stdout


@pytest.mark.parametrize(
    ("given", "expected"),
    [
        (None, "http://127.0.0.1:8001"),
        ("https://steadfast.example.invalid", "https://steadfast.example.invalid"),
    ],
)
def test_the_worker_links_to_the_port_served_on_unless_told_otherwise(given, expected):
    env = {k: v for k, v in os.environ.items() if k != "STEADFAST_SITE_URL"}
    if given:
        env["STEADFAST_SITE_URL"] = given
    commands = _dry_run("8001", env)
    assert "GUNICORN_BIND=127.0.0.1:8001" in commands
    assert _site_url_the_worker_gets(commands, env) == expected
