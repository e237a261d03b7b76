"""Making a subject access bundle, and reading one back."""

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone

from steadfast.accounts import access
from steadfast.accounts.models import User
from steadfast.audit.services import record_event
from steadfast.children.models import Child
from steadfast.core.services import create_audited
from steadfast.households.models import HouseholdMember, MemberRole

from .bundle import bundle_content
from .models import SubjectAccessBundle
from .tasks import draw_bundle_pdf

SUBJECT_ACCESS_BUNDLE_MADE = "SUBJECT_ACCESS_BUNDLE_MADE"
SUBJECT_ACCESS_BUNDLE_DOWNLOADED = "SUBJECT_ACCESS_BUNDLE_DOWNLOADED"
NOT_A_RECORDS_OFFICER = "Only a records officer makes a subject access bundle"
NOT_A_CARER = "A bundle about a member of a household is made for one of its approved carers"


@transaction.atomic
def make_subject_access_bundle(
    *, actor: User, child: Child | None = None, carer: HouseholdMember | None = None
) -> SubjectAccessBundle:
    """Gather everything held about the child or carer into a bundle, as it is now, and record
    who made it, for whom and when, audited; its PDF is queued to be drawn in the background,
    the task's row written in this transaction with the bundle. Refused unless the actor is a
    records officer who may reach the record (a restricted one needs a grant)."""
    if (child is None) == (carer is None):
        raise ValueError("Make a bundle about one child or one carer")
    if carer is not None and carer.role != MemberRole.APPROVED_CARER:
        raise ValidationError(NOT_A_CARER)
    allowed = (
        access.children_for_records_team(actor).filter(pk=child.pk).exists()
        if child is not None
        else access.households_for_records_team(actor).filter(pk=carer.household_id).exists()
    )
    if not allowed:
        raise ValidationError(NOT_A_RECORDS_OFFICER)
    made_at = timezone.now()
    content = bundle_content(made_by=actor, made_at=made_at, child=child, carer=carer)
    name = child.display_name if child is not None else carer.full_name
    bundle = create_audited(
        SubjectAccessBundle(
            child=child, carer=carer, subject_name=name, content=content, pdf_requested_at=made_at
        ),
        actor=actor,
        event_type=SUBJECT_ACCESS_BUNDLE_MADE,
        child=child,
        household=carer.household_id if carer is not None else None,
        details={"subject": "child" if child is not None else "carer"},
    )
    draw_bundle_pdf.enqueue(bundle.pk)
    return bundle


@transaction.atomic
def ask_for_bundle_pdf_again(*, bundle: SubjectAccessBundle) -> None:
    """After a drawing failed or was lost, or for a bundle made before PDFs were drawn in the
    background: queue it again, and the bundle's page says it is being prepared. Nothing is
    queued for a PDF kept, or emptied when the record was destroyed."""
    asked = SubjectAccessBundle.objects.filter(pk=bundle.pk, pdf__isnull=True).update(
        pdf_requested_at=timezone.now(), pdf_failed_at=None
    )
    if asked:
        draw_bundle_pdf.enqueue(bundle.pk)


def record_bundle_download(*, actor: User, bundle: SubjectAccessBundle, file_format: str) -> None:
    """Each download of a bundle is audited, as a read of the record it is about."""
    record_event(
        actor=actor,
        event_type=SUBJECT_ACCESS_BUNDLE_DOWNLOADED,
        subject=bundle,
        child_id=bundle.child_id,
        household_id=bundle.carer.household_id if bundle.carer_id else None,
        details={"format": file_format},
    )
