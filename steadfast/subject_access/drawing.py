"""Drawing a bundle's PDF, in the background (`tasks.draw_bundle_pdf`), and keeping it on the
bundle: a busy child's takes many seconds, too long to draw while someone waits for a page."""

import logging

from django.db import transaction
from django.template.loader import render_to_string
from django.utils import timezone

from steadfast.core.exports import PROTECTIVE_MARKING
from steadfast.core.pdf import pdf_from_html

from .models import SubjectAccessBundle

logger = logging.getLogger(__name__)

# What drawing a bundle's PDF came to, for the task's result.
DRAWN = "drawn"
ALREADY_DRAWN = "already drawn"
GONE = "gone"


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
    kept if the bundle was deleted, or its record destroyed, while it was drawn."""
    bundle = SubjectAccessBundle.objects.defer("pdf").filter(pk=bundle_id).first()
    if bundle is None:
        return GONE
    if bundle.pdf_made_at is not None:
        return ALREADY_DRAWN
    try:
        pdf = bundle_pdf(bundle)
    except Exception:
        logger.exception("The PDF of subject access bundle %s could not be drawn", bundle_id)
        SubjectAccessBundle.objects.filter(pk=bundle_id).update(pdf_failed_at=timezone.now())
        raise
    with transaction.atomic():
        # Destroying the record overwrites the bundle's subject's name in the same transaction
        # as it empties the PDF: a PDF drawn from before that is not kept.
        kept = SubjectAccessBundle.objects.select_for_update().filter(pk=bundle_id)
        current = kept.values("subject_name", "pdf_made_at").first()
        if current is None or current["subject_name"] != bundle.subject_name:
            return GONE
        if current["pdf_made_at"] is not None:
            return ALREADY_DRAWN
        kept.update(pdf=pdf, pdf_made_at=timezone.now(), pdf_failed_at=None)
    return DRAWN
