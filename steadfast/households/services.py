"""Recording fostering households, the people who live in them, and providers."""

import datetime

from django.db import transaction

from steadfast.accounts.models import User
from steadfast.audit.services import record_event

from .models import Household, HouseholdMember, Provider

HOUSEHOLD_ADDED = "HOUSEHOLD_ADDED"
HOUSEHOLD_MEMBER_ADDED = "HOUSEHOLD_MEMBER_ADDED"
PROVIDER_ADDED = "PROVIDER_ADDED"


@transaction.atomic
def add_household(
    *,
    actor: User,
    name: str,
    reference: str,
    address_line_1: str,
    town: str,
    postcode: str,
    approval_kind: str,
    approval_date: datetime.date,
    approved_age_from: int = 0,
    approved_age_to: int = 17,
    approved_places: int = 1,
    address_line_2: str = "",
) -> Household:
    household = Household(
        name=name,
        reference=reference,
        address_line_1=address_line_1,
        address_line_2=address_line_2,
        town=town,
        postcode=postcode,
        approval_kind=approval_kind,
        approval_date=approval_date,
        approved_age_from=approved_age_from,
        approved_age_to=approved_age_to,
        approved_places=approved_places,
        created_by=actor,
        updated_by=actor,
    )
    household._history_user = actor
    household.full_clean()
    household.save()
    record_event(actor=actor, event_type=HOUSEHOLD_ADDED, subject=household, household_id=household.pk)
    return household


@transaction.atomic
def add_household_member(
    *,
    actor: User,
    household: Household,
    full_name: str,
    role: str,
    date_of_birth: datetime.date | None = None,
    user: User | None = None,
) -> HouseholdMember:
    member = HouseholdMember(
        household=household,
        full_name=full_name,
        role=role,
        date_of_birth=date_of_birth,
        user=user,
        created_by=actor,
        updated_by=actor,
    )
    member._history_user = actor
    member.full_clean()
    member.save()
    record_event(
        actor=actor,
        event_type=HOUSEHOLD_MEMBER_ADDED,
        subject=member,
        household_id=household.pk,
        details={"role": role},
    )
    return member


@transaction.atomic
def add_provider(*, actor: User, name: str, kind: str, key_worker_name: str = "", town: str = "") -> Provider:
    provider = Provider(
        name=name,
        kind=kind,
        key_worker_name=key_worker_name,
        town=town,
        created_by=actor,
        updated_by=actor,
    )
    provider._history_user = actor
    provider.full_clean()
    provider.save()
    record_event(actor=actor, event_type=PROVIDER_ADDED, subject=provider)
    return provider
