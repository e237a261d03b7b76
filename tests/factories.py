"""Factories for tests: clearly synthetic people and records, built directly for speed.
Tests of behaviour go through the services; factories only set the scene."""

import datetime

import factory
from django.utils import timezone

from steadfast.accounts.models import (
    AccessGrant,
    Allocation,
    AllocationRole,
    HouseholdAllocation,
    Role,
    Team,
    TeamKind,
    User,
)
from steadfast.children.models import Child, Ethnicity, Sex
from steadfast.households.models import (
    ApprovalKind,
    Household,
    HouseholdMember,
    MemberRole,
    Provider,
    ProviderKind,
)
from steadfast.placements.models import Placement, PlacementType
from steadfast.words_and_pictures.models import StoryForm, StoryPage, StoryVersion, WordsAndPicturesStory


def years_ago(years: int) -> datetime.date:
    today = timezone.localdate()
    try:
        return today.replace(year=today.year - years)
    except ValueError:  # 29 February
        return today.replace(year=today.year - years, day=28)


def days_ago(days: int) -> datetime.date:
    return timezone.localdate() - datetime.timedelta(days=days)


class TeamFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Team

    name = factory.Sequence(lambda n: f"Test team {n}")
    kind = TeamKind.CHILDRENS_SOCIAL_WORK


class UserFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = User
        skip_postgeneration_save = True

    username = factory.Sequence(lambda n: f"test.user{n}")
    first_name = factory.Sequence(lambda n: f"Testfirst{n}")
    last_name = "Testperson"
    role = Role.SOCIAL_WORKER
    team = factory.SubFactory(TeamFactory)
    password = factory.django.Password("a-test-password-123")
    # Made as if activated by their owner and confirmed by a manager, as every account in use is.
    activated_at = factory.LazyFunction(timezone.now)
    confirmed_at = factory.LazyFunction(timezone.now)


class ChildFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Child

    child_identifier = factory.Sequence(lambda n: f"TEST{n:06d}")
    legal_first_name = factory.Sequence(lambda n: f"Testchild{n}")
    legal_last_name = "Example"
    date_of_birth = factory.LazyFunction(lambda: years_ago(10))
    sex = Sex.FEMALE
    ethnicity = Ethnicity.WHITE_BRITISH


class AllocationFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Allocation

    worker = factory.SubFactory(UserFactory)
    child = factory.SubFactory(ChildFactory)
    role = AllocationRole.SOCIAL_WORKER
    start_date = factory.LazyFunction(lambda: days_ago(100))


class HouseholdFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Household

    name = factory.Sequence(lambda n: f"The Test{n} household")
    reference = factory.Sequence(lambda n: f"TH-{n:04d}")
    address_line_1 = "1 Test Road"
    town = "Testtown"
    postcode = "ZZ1 1ZZ"
    approval_kind = ApprovalKind.LONG_TERM
    approved_age_from = 0
    approved_age_to = 17
    approved_places = 2
    approval_date = factory.LazyFunction(lambda: years_ago(3))


class HouseholdMemberFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = HouseholdMember

    household = factory.SubFactory(HouseholdFactory)
    full_name = "Test Carer"
    role = MemberRole.APPROVED_CARER


class HouseholdAllocationFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = HouseholdAllocation

    worker = factory.SubFactory(UserFactory, role=Role.SUPERVISING_SOCIAL_WORKER)
    household = factory.SubFactory(HouseholdFactory)
    start_date = factory.LazyFunction(lambda: days_ago(300))


class ProviderFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Provider

    name = factory.Sequence(lambda n: f"Test House {n}")
    kind = ProviderKind.CHILDRENS_HOME


class PlacementFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Placement

    child = factory.SubFactory(ChildFactory)
    household = factory.SubFactory(HouseholdFactory)
    placement_type = PlacementType.FOSTER_APPROVED_CARER
    start_date = factory.LazyFunction(lambda: days_ago(200))

    class Params:
        # An ended placement: give end_date, and the ending is recorded whole.
        ended = factory.Trait(end_reason="other", ending_planned=True)


class AccessGrantFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = AccessGrant

    user = factory.SubFactory(UserFactory)
    child = factory.SubFactory(ChildFactory)
    reason = "Test grant"


class WordsAndPicturesStoryFactory(factory.django.DjangoModelFactory):
    """A child's story, updated today, as one written page."""

    class Meta:
        model = WordsAndPicturesStory
        skip_postgeneration_save = True

    child = factory.SubFactory(ChildFactory)
    last_updated_on = factory.LazyFunction(timezone.localdate)

    @factory.post_generation
    def written(self, create, extracted, **kwargs):
        if create:
            version = StoryVersion.objects.create(
                story=self, number=1, form=StoryForm.WRITTEN, title="My story", made_by="Test worker"
            )
            StoryPage.objects.create(version=version, number=1, text="This is where I live now (synthetic).")
