"""Drawing a bundle's PDF, in the background (`tasks.draw_bundle_pdf`), and keeping it on the
bundle: a busy child's takes many seconds, too long to draw while someone waits for a page."""

import logging

from django.template.loader import render_to_string
from django.utils import timezone

from steadfast.core.exports import PROTECTIVE_MARKING
from steadfast.core.pdf import pdf_from_html

from .models import SubjectAccessBundle

logger = logging.getLogger(__name__)

# What drawing a bundle's PDF came to, for the task's result.
DRAWN = "drawn"
# Already drawn, emptied when its record was destroyed, or the bundle deleted.
NOTHING_TO_DRAW = "nothing to draw"


def bundle_pdf(bundle: SubjectAccessBundle) -> bytes:
    """The bundle as a PDF: every section as a table, third parties' details highlighted."""
    html = render_to_string(
        "subject_access/bundle_document.html",
        {"bundle": bundle, "content": bundle.content, "marking": PROTECTIVE_MARKING},
    )
    return pdf_from_html(html)


def draw_and_keep_pdf(bundle_id: int) -> str:
    """Draw the bundle's PDF and keep it on the bundle, once. If drawing fails, the bundle says
    so (its page offers to try again) and the error goes on to the worker's log. Nothing is
    kept if the bundle was deleted, or its record destroyed (which leaves the PDF empty), or
    another worker kept one, while it was drawn."""
    bundle = SubjectAccessBundle.objects.defer("pdf").filter(pk=bundle_id, pdf__isnull=True).first()
    if bundle is None:
        return NOTHING_TO_DRAW
    try:
        pdf = bundle_pdf(bundle)
    except Exception:
        logger.exception("The PDF of subject access bundle %s could not be drawn", bundle_id)
        SubjectAccessBundle.objects.filter(pk=bundle_id).update(pdf_failed_at=timezone.now())
        raise
    kept = SubjectAccessBundle.objects.filter(pk=bundle_id, pdf__isnull=True).update(
        pdf=pdf, pdf_made_at=timezone.now(), pdf_failed_at=None
    )
    return DRAWN if kept else NOTHING_TO_DRAW
