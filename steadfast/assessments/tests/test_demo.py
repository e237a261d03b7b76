import pytest

from steadfast.accounts.access import households_visible_to
from steadfast.accounts.models import User
from steadfast.assessments import selectors
from steadfast.assessments.models import (
    CarerTraining,
    ImpactDomain,
    ImpactStressAssessment,
    MatchingRecord,
)
from steadfast.demo.assessments import DEMO_SSW
from steadfast.demo.services import seed_demo_authority

pytestmark = pytest.mark.django_db


def test_the_demo_has_assessments_and_its_ssw_sees_one_prompted_and_one_answered():
    seed_demo_authority(children=64, password="demo-password-for-tests")  # seeds the assessments too
    assert MatchingRecord.objects.count() > 0
    assert ImpactStressAssessment.objects.count() > 0
    assert CarerTraining.objects.count() > 0
    for record in MatchingRecord.objects.select_related("placement"):
        assert record.placement.household_id and record.agreed_on <= record.placement.start_date
        assert record.created_by_id
    for assessment in ImpactStressAssessment.objects.prefetch_related("ratings"):
        assert sorted(r.domain for r in assessment.ratings.all()) == sorted(ImpactDomain.values)
    assert MatchingRecord.history.count() == MatchingRecord.objects.count()

    ssw = User.objects.get(username=DEMO_SSW)
    sections = [
        selectors.household_assessments_section(h, viewer=ssw)
        for h in households_visible_to(ssw).filter(restricted=False)
    ]
    assert any(s["fostering"]["prompts"] and not s["fostering"]["assessments"] for s in sections)
    assert any(s["fostering"]["assessments"] and not s["fostering"]["prompts"] for s in sections)
    assert any(row["matching"] for s in sections for row in s["matching"])
