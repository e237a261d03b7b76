import pytest
from django.utils import timezone

from steadfast.accounts.models import User
from steadfast.demo.services import seed_demo_authority
from steadfast.my_work.work import work_for
from steadfast.words_and_pictures.models import (
    ChildFriendlyPlan,
    StoryForm,
    StoryVersion,
    WordsAndPicturesStory,
)
from steadfast.words_and_pictures.rules import story_due_on

pytestmark = pytest.mark.django_db


def test_the_demo_has_stories_up_to_date_overdue_and_missing_and_plans_shared_and_drafted():
    seed_demo_authority(children=40, password="demo-password-for-tests")
    today = timezone.localdate()
    stories = list(WordsAndPicturesStory.objects.all())
    due = [story_due_on(last_updated_on=s.last_updated_on, placement_start=None) for s in stories]
    assert any(d > today for d in due) and any(d < today for d in due)
    forms = set(StoryVersion.objects.values_list("form", flat=True))
    assert forms == {StoryForm.UPLOADED, StoryForm.WRITTEN}
    assert StoryVersion.objects.filter(document_type="png").count() == 1
    plans = ChildFriendlyPlan.objects.all()
    assert plans.filter(shared_on__isnull=True).exists() and plans.filter(shared_on__isnull=False).exists()
    kinds = {item.kind for item in work_for(User.objects.get(username="social.worker"), today=today)}
    assert {"story_missing", "story_overdue"} <= kinds
