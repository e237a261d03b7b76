import datetime

import pytest
from django.utils import timezone

from steadfast.meetings.tests.helpers import an_arranged_meeting
from steadfast.supervision import services
from steadfast.supervision.models import ScaleNotGiven, SupervisionSession
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
    assert services.NO_SCALE_REASON.format(name=scenario.children["own"]) in page
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


def _post(client, scenario, **scale):
    household = scenario.households["own"]
    today = timezone.localdate()
    own = scenario.children["own"]
    return client.post(
        f"/households/{household.pk}/supervision/record/",
        {
            "date-day": today.day,
            "date-month": today.month,
            "date-year": today.year,
            "unannounced": "no",
            "present": "Test Carer",
            "household_managing": "Coping.",
        }
        | {f"{name}_{own.pk}": value for name, value in scale.items()},
    )


@pytest.mark.parametrize(
    ("before", "score", "prompt"),
    [
        (None, 4, "The placement stability scale is 4, at or below 4."),
        (None, 5, ""),
        (8, 5, "The placement stability scale fell from 8 to 5."),
        (7, 5, ""),
    ],
)
def test_saving_a_scale_that_suggests_a_concern_lands_on_the_prompt(client, scenario, before, score, prompt):
    if before is not None:
        _session(scenario, days_ago=30, own=before)
    client.force_login(scenario.users["supervising_social_worker"])
    response = _post(client, scenario, score=score, reason="A hard fortnight (test).")
    assert response.status_code == 302
    page = client.get(response["Location"]).content.decode()
    own = scenario.children["own"]
    if prompt:
        banner = page.split('id="scale-prompts"')[1].split("</div>\n  </div>")[0]
        assert prompt in banner
        assert (
            f"/children/{own.pk}/concerns/raise/?urgency=under_pressure&amp;raised_by=supervising_social_worker"
            in banner
        )
        assert "A+hard+fortnight" in banner
    else:
        assert 'id="scale-prompts"' not in page


def test_a_child_placed_with_no_scale_needs_the_reason_why_named(client, scenario):
    client.force_login(scenario.users["supervising_social_worker"])
    page = _post(client, scenario, score="", reason="").content.decode()
    own = scenario.children["own"]
    assert f"Give a placement stability scale for {own}, or say why no scale was given" in page
    assert f'href="#id_no_scale_reason_{own.pk}"' in page
    assert not SupervisionSession.objects.exists()


def test_a_scale_and_a_reason_none_was_given_together_are_refused(client, scenario):
    client.force_login(scenario.users["supervising_social_worker"])
    page = _post(client, scenario, score="6", reason="Settled.", no_scale_reason="Away.").content.decode()
    assert "a reason no scale was given" in page
    assert not SupervisionSession.objects.exists()


def test_the_reason_no_scale_was_given_is_kept_and_shown(client, scenario):
    client.force_login(scenario.users["supervising_social_worker"])
    response = _post(client, scenario, no_scale_reason="Away on a school trip (test).")
    assert response.status_code == 302
    [not_given] = ScaleNotGiven.objects.all()
    assert not_given.child == scenario.children["own"]
    page = client.get(response["Location"]).content.decode()
    assert "Away on a school trip (test)." in page and 'id="scale-prompts"' not in page


def test_another_teams_supervising_social_worker_gets_404_for_the_prompt(client, scenario):
    session = _session(scenario, own=2)
    client.force_login(scenario.users["other_supervising_social_worker"])
    response = client.get(f"/supervision/{session.pk}/")
    assert response.status_code == 404
    assert b"scale-prompts" not in response.content
