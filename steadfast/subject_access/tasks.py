"""The background task that draws a bundle's PDF, queued when the bundle is made (or asked for
again) and run by the worker (`manage.py db_worker`)."""

from django.tasks import task

from .drawing import draw_and_keep_pdf


@task
def draw_bundle_pdf(bundle_id: int) -> str:
    """Draw the bundle's PDF and keep it on the bundle."""
    return draw_and_keep_pdf(bundle_id)
