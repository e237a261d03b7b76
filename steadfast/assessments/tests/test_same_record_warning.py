"""The same impact and stress assessment, or the same training, entered twice: the form warns
and saves nothing until the person ticks to save it as well."""

import datetime
import html

import pytest
from django.utils import timezone

from steadfast.assessments import services
from steadfast.assessments.models import CarerTraining, ImpactDomain, ImpactReason, ImpactStressAssessment
from steadfast.core.forms import SAVE_ANYWAY

from .helpers import an_impact_assessment, carer_of

pytestmark = pytest.mark.django_db


def _date(name: str, day: datetime.date) -> dict[str, int]:
    return {f"{name}-day": day.day, f"{name}-month": day.month, f"{name}-year": day.year}


def _impact_form(**changes) -> dict:
    data = _date("date", timezone.localdate()) | {
        "reason": ImpactReason.SUPERVISION,
        "overall": "Entered again: coping, tired.",
        "support_plan": "Respite monthly.",
    }
    for domain in ImpactDomain.values:
        data |= {f"rating_{domain}": "7", f"evidence_{domain}": f"Said about {domain}."}
    return data | changes


def _page(response) -> str:
    return html.unescape(response.content.decode())


def _at(record) -> str:
    return f"{timezone.localtime(record.created_at):%H:%M}"


def test_the_same_impact_assessment_again_is_warned_of_and_saved_only_when_ticked(client, scenario):
    household = scenario.households["own"]
    earlier = an_impact_assessment(scenario)
    client.force_login(scenario.users["supervising_social_worker"])
    path = f"/households/{household.pk}/impact-assessments/record/"
    response = client.post(path, _impact_form())
    assert response.status_code == 200
    today = timezone.localdate()
    page = _page(response)
    assert (
        f"You already recorded an impact and stress assessment of {household.name} on "
        f"{today.day} {today:%B %Y} (saved today at {_at(earlier)}). Save this one as well?"
    ) in page
    assert SAVE_ANYWAY in page and "There is a problem" not in page
    assert "Entered again: coping, tired." in page  # what was typed is kept
    assert ImpactStressAssessment.objects.count() == 1
    assert client.post(path, _impact_form(save_anyway="on")).status_code == 302
    assert ImpactStressAssessment.objects.count() == 2


def test_a_colleagues_assessment_is_named_and_another_reason_or_day_is_not_warned_of(client, scenario):
    household = scenario.households["own"]
    an_impact_assessment(scenario, actor="fostering_team_manager")
    client.force_login(scenario.users["supervising_social_worker"])
    path = f"/households/{household.pk}/impact-assessments/record/"
    name = scenario.users["fostering_team_manager"].get_full_name()
    assert f"{name} already recorded an impact and stress assessment" in _page(
        client.post(path, _impact_form())
    )
    assert client.post(path, _impact_form(reason=ImpactReason.NEW_CHILD)).status_code == 302
    yesterday = _date("date", timezone.localdate() - datetime.timedelta(days=1))
    assert client.post(path, _impact_form(**yesterday)).status_code == 302
    assert ImpactStressAssessment.objects.count() == 3


def test_a_form_with_a_mistake_shows_the_mistake_not_the_warning(client, scenario):
    an_impact_assessment(scenario)
    client.force_login(scenario.users["supervising_social_worker"])
    path = f"/households/{scenario.households['own'].pk}/impact-assessments/record/"
    page = _page(client.post(path, _impact_form(overall="")))
    assert services.OVERALL_NEEDED in page and "already recorded" not in page
    assert ImpactStressAssessment.objects.count() == 1


@pytest.mark.parametrize(
    ("course", "name", "again"), [("attachment", "", ""), ("other", "Life story work", "life story WORK ")]
)
def test_the_same_course_again_for_the_same_carer_is_warned_of(client, scenario, course, name, again):
    household, carer = scenario.households["own"], carer_of(scenario)
    today = timezone.localdate()
    earlier = services.record_carer_training(
        actor=scenario.users["supervising_social_worker"],
        member=carer,
        course=course,
        course_name=name,
        completed_on=today,
        refresh_due=None,
    )
    client.force_login(scenario.users["supervising_social_worker"])
    path = f"/households/{household.pk}/training/record/"
    form = {"member": carer.pk, "course": course, "course_name": again} | _date("completed_on", today)
    page = _page(client.post(path, form))
    assert (
        f"You already recorded the course {earlier.title} for {carer.full_name}, completed on "
        f"{today.day} {today:%B %Y} (saved today at {_at(earlier)}). Save this one as well?"
    ) in page
    assert CarerTraining.objects.count() == 1
    assert client.post(path, form | {"save_anyway": "on"}).status_code == 302
    assert CarerTraining.objects.count() == 2


def test_the_warning_is_only_for_those_who_may_record_the_work(client, scenario):
    an_impact_assessment(scenario)
    household = scenario.households["own"]
    for role in ("social_worker", "other_social_worker", "foster_carer"):
        client.force_login(scenario.users[role])
        response = client.post(f"/households/{household.pk}/impact-assessments/record/", _impact_form())
        assert response.status_code == 404
    assert ImpactStressAssessment.objects.count() == 1
