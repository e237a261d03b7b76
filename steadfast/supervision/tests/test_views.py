import datetime

import pytest
from django.utils import timezone

from steadfast.meetings.tests.helpers import an_arranged_meeting
from steadfast.supervision import services
from steadfast.supervision.models import SupervisionSession
from tests.queries import queries_for

pytestmark = pytest.mark.django_db


def _session(scenario, *, days_ago=0, own=6):
    return services.record_supervision_session(
        actor=scenario.users["supervising_social_worker"],
        household=scenario.households["own"],
        date=timezone.localdate() - datetime.timedelta(days=days_ago),
        unannounced=False,
        present="Test Carer",
        topics=["wellbeing"],
        household_managing="Coping.",
        actions="",
        scales=[
            (scenario.children["own"], own, "The reason for Owen's score."),
        ],
    )


def test_the_ssw_records_supervision_from_the_household_record(client, scenario):
    household = scenario.households["own"]
    client.force_login(scenario.users["supervising_social_worker"])
    page = client.get(f"/households/{household.pk}/").content.decode()
    assert f"/households/{household.pk}/supervision/record/" in page
    today = timezone.localdate()
    own = scenario.children["own"]
    form = client.get(f"/households/{household.pk}/supervision/record/").content.decode()
    assert "Owen" in form and "Rhea" not in form  # never a restricted child they may not see
    response = client.post(
        f"/households/{household.pk}/supervision/record/",
        {
            "date-day": today.day,
            "date-month": today.month,
            "date-year": today.year,
            "unannounced": "yes",
            "present": "Test Carer",
            "household_managing": "Coping.",
            f"score_{own.pk}": "5",
            f"reason_{own.pk}": "Hard week.",
        },
    )
    assert response.status_code == 302
    detail = client.get(response["Location"]).content.decode()
    assert "Hard week." in detail and "Unannounced" in detail


def test_a_wrong_supervision_form_explains_each_problem(client, scenario):
    household = scenario.households["own"]
    client.force_login(scenario.users["supervising_social_worker"])
    page = client.post(f"/households/{household.pk}/supervision/record/", {}).content.decode()
    assert "Say who was there" in page
    today = timezone.localdate()
    page = client.post(
        f"/households/{household.pk}/supervision/record/",
        {
            "date-day": today.day,
            "date-month": today.month,
            "date-year": today.year,
            "unannounced": "no",
            "present": "Test Carer",
            "household_managing": "Coping.",
        },
    ).content.decode()
    assert "Give the placement stability scale for every child placed: Owen" in page
    assert not SupervisionSession.objects.exists()


@pytest.mark.parametrize("role", ["social_worker", "foster_carer", "other_supervising_social_worker"])
def test_people_outside_the_fostering_service_get_404_for_supervision(client, scenario, role):
    session = _session(scenario)
    household = scenario.households["own"]
    client.force_login(scenario.users[role])
    assert client.get(f"/supervision/{session.pk}/").status_code == 404
    assert client.get(f"/households/{household.pk}/supervision/record/").status_code == 404
    if role != "other_supervising_social_worker":
        assert (
            f"/supervision/{session.pk}/" not in client.get(f"/households/{household.pk}/").content.decode()
        )


def test_a_low_scale_offers_a_ready_filled_stability_concern(client, scenario):
    _session(scenario, days_ago=30, own=8)
    _session(scenario, own=4)
    client.force_login(scenario.users["supervising_social_worker"])
    page = client.get(f"/households/{scenario.households['own'].pk}/").content.decode()
    assert "The placement stability scale is 4, at or below 4." in page
    own = scenario.children["own"]
    link = f"/children/{own.pk}/concerns/raise/?urgency=under_pressure"
    assert link in page
    form = client.get(
        link + "&raised_by=supervising_social_worker&what_is_happening=The+scale+fell"
    ).content.decode()
    assert "The scale fell" in form


def test_overdue_supervision_shows_on_the_household_record(client, scenario):
    household = scenario.households["own"]
    household.approval_date = timezone.localdate() - datetime.timedelta(days=400)
    household.save()
    _session(scenario, days_ago=120)
    client.force_login(scenario.users["supervising_social_worker"])
    page = client.get(f"/households/{household.pk}/").content.decode()
    assert "Overdue" in page.split('id="supervision-due"')[1].split("</dd>")[0]


def test_the_meeting_shows_the_latest_scale_from_the_carers_supervision(client, scenario):
    _session(scenario, days_ago=2, own=3)
    meeting = an_arranged_meeting(scenario)
    client.force_login(scenario.users["social_worker"])
    page = client.get(f"/meetings/{meeting.pk}/").content.decode()
    assert "the carer's supervision: <strong>3</strong>" in page
    assert "The reason for Owen&#39;s score." in page


def test_the_household_record_costs_the_same_queries_however_many_sessions(client, scenario):
    client.force_login(scenario.users["supervising_social_worker"])
    path = f"/households/{scenario.households['own'].pk}/"
    _session(scenario, days_ago=60)
    one = queries_for(client, path)
    for days in (40, 20, 1):
        _session(scenario, days_ago=days)
    assert queries_for(client, path) == one
