"""The background task that carries out an SSDA903 import asked for from the page, run by the
worker (`manage.py db_worker`)."""

from django.tasks import task

from .services import carry_out_import_run


@task
def run_import(run_id: int) -> str:
    """Read, check and import the run's files, and keep its report on the run."""
    return carry_out_import_run(run_id=run_id)
