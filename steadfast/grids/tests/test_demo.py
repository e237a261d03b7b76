import pytest

from steadfast.demo.services import seed_demo_authority
from steadfast.grids.models import Grid, GridStatus
from steadfast.grids.selectors import scores_over_time_for

pytestmark = pytest.mark.django_db


def test_the_demo_has_grids_whose_scores_differ_and_change_over_time():
    seed_demo_authority(children=40, password="demo-password-for-tests")
    children = {grid.child_id for grid in Grid.objects.all()}
    assert len(children) >= 2
    for child in children:
        grids = Grid.objects.filter(child_id=child)
        assert grids.filter(status=GridStatus.OPEN).count() == 1
        over_time = scores_over_time_for(child)
        assert len(over_time.people) == 3
        assert any(len(set(scores)) > 1 for _, scores in over_time.rows()), "scores differ on some date"
        assert any(len(set(by_person)) > 1 for by_person in over_time.scores), "scores change over time"
