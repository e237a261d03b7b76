"""Which details in a bundle are a third party's: pure rules, tested without a database.

A bundle shows the subject everything held about them; the names and contact details of other
people (other children, birth family, other carers and members of a household) are marked for
redaction, never removed, so the records team decides. Staff of the council are not third
parties: their names stay.

And where a bundle's PDF stands, drawn in the background (`pdf_state`)."""

from datetime import datetime, timedelta

# Fields that hold a person's name or how to reach them.
NAME_AND_CONTACT_FIELDS = frozenset(
    {
        "name",
        "full_name",
        "person_name",
        "first_name",
        "last_name",
        "legal_first_name",
        "legal_last_name",
        "preferred_name",
        "email",
        "phone",
        "phone_number",
        "mobile_number",
        "address",
        "address_line_1",
        "address_line_2",
        "town",
        "postcode",
        "contact_name",
        "contact_details",
    }
)
# What a reference to another record is, for the rules below.
CHILD = "child"
HOUSEHOLD = "household"
HOUSEHOLD_MEMBER = "household_member"
STAFF = "staff"
CARER_ACCOUNT = "carer_account"


def is_third_party_reference(*, kind: str, is_subject: bool, is_subjects_household: bool = False) -> bool:
    """A reference to another record names a third party unless it is the subject, their own
    household (for a carer), or a member of staff."""
    if is_subject or kind == STAFF:
        return False
    if kind == HOUSEHOLD:
        return not is_subjects_household
    return True


def is_third_party_detail(
    *, field_name: str, row_is_subject: bool, row_is_subjects_household: bool = False
) -> bool:
    """A name or contact detail on a row that is not the subject's own (nor, for a carer, their
    household's) belongs to someone else."""
    return field_name in NAME_AND_CONTACT_FIELDS and not (row_is_subject or row_is_subjects_household)


# Where a bundle's PDF stands, from what the bundle records of its drawing.
PDF_READY = "ready"
PDF_BEING_PREPARED = "being_prepared"
PDF_FAILED = "failed"
PDF_NOT_DRAWN = "not_drawn"
PDF_DESTROYED = "destroyed"
# A drawing asked for this long ago and not done is taken as lost (a worker stopped mid-way), and
# may be asked for again. The busiest bundles measured take well under a minute.
PDF_DRAWING_LOST_AFTER = timedelta(minutes=15)


def pdf_state(
    *, kept: bool, emptied: bool, requested_at: datetime | None, failed_at: datetime | None, now: datetime
) -> str:
    """Ready once drawn and kept; destroyed if emptied with the record; failed if the last drawing
    failed or was lost; being prepared while asked for; not drawn otherwise."""
    if kept:
        return PDF_READY
    if emptied:
        return PDF_DESTROYED
    if failed_at is not None:
        return PDF_FAILED
    if requested_at is None:
        return PDF_NOT_DRAWN
    return PDF_FAILED if now - requested_at > PDF_DRAWING_LOST_AFTER else PDF_BEING_PREPARED
