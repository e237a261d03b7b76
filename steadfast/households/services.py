"""Recording fostering households, the people who live in them, and providers."""

import datetime

from django.db import transaction

from steadfast.accounts.models import User
from steadfast.core.services import create_audited

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
    )
    return create_audited(household, actor=actor, event_type=HOUSEHOLD_ADDED, household=household)


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
    )
    return create_audited(
        member, actor=actor, event_type=HOUSEHOLD_MEMBER_ADDED, household=household, details={"role": role}
    )


@transaction.atomic
def add_provider(*, actor: User, name: str, kind: str, key_worker_name: str = "", town: str = "") -> Provider:
    provider = Provider(
        name=name,
        kind=kind,
        key_worker_name=key_worker_name,
        town=town,
    )
    return create_audited(provider, actor=actor, event_type=PROVIDER_ADDED)
