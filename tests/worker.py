"""Running the background tasks in a test as production does: the django-tasks-db worker
(`manage.py db_worker`), once over what is queued. Needs a test with `transaction=True`, and the
`signal_handlers` fixture (conftest.py), since the worker sets its own handlers for stopping."""

import io

from django.core.management import call_command


def run_the_worker() -> None:
    call_command(
        "db_worker",
        "--batch",
        "--no-startup-delay",
        "--no-reload",
        "--interval",
        "0",
        verbosity=0,
        stdout=io.StringIO(),
    )
