import datetime
import html

import pytest
from django.utils import timezone

from steadfast.audit.models import AuditEvent
from steadfast.concerns import services
from steadfast.concerns.models import StabilityConcern

pytestmark = pytest.mark.django_db

FORM = {
    "factors": ["school", "fragile_relationships"],
    "what_is_happening": "Excluded twice this month; arguments at home every evening.",
    "urgency": "under_pressure",
    "raised_by": "social_worker",
}


def _concern(scenario, child="own"):
    return services.raise_stability_concern(
        actor=scenario.users["social_worker"],
        child=scenario.children[child],
        urgency="breakdown_imminent",
        factors=["missing"],
        what_is_happening="Missing overnight twice.",
        raised_by="social_worker",
    )


def test_a_social_worker_raises_a_concern_from_the_childs_record(client, scenario):
    child = scenario.children["own"]
    client.force_login(scenario.users["social_worker"])
    response = client.post(f"/children/{child.pk}/concerns/raise/", FORM)
    concern = StabilityConcern.objects.get()
    assert response["Location"] == f"/concerns/{concern.pk}/"
    page = client.get(f"/children/{child.pk}/").content.decode()
    assert f"/concerns/{concern.pk}/" in page


def test_an_empty_concern_form_explains_each_problem_and_saves_nothing(client, scenario):
    client.force_login(scenario.users["social_worker"])
    page = client.post(f"/children/{scenario.children['own'].pk}/concerns/raise/", {}).content.decode()
    for message in (
        "Choose at least one thing that is happening",
        "Say what is happening",
        "Choose how urgent it is",
    ):
        assert message in page
    assert not StabilityConcern.objects.exists()


def test_a_concern_about_a_child_the_user_may_not_see_answers_404(client, scenario):
    concern = _concern(scenario)
    client.force_login(scenario.users["other_social_worker"])
    assert client.get(f"/concerns/{concern.pk}/").status_code == 404
    assert client.get(f"/concerns/{concern.pk}/triage/").status_code == 404
    assert client.get(f"/children/{scenario.children['own'].pk}/concerns/raise/").status_code == 404


def test_only_managers_reach_the_triage_page(client, scenario):
    concern = _concern(scenario)
    client.force_login(scenario.users["social_worker"])
    assert client.get(f"/concerns/{concern.pk}/triage/").status_code == 404
    client.force_login(scenario.users["team_manager"])
    assert client.get(f"/concerns/{concern.pk}/triage/").status_code == 200


def test_the_decision_page_shows_the_concern_who_raised_it_and_the_childs_earlier_concerns(client, scenario):
    earlier = _concern(scenario)
    StabilityConcern.objects.filter(pk=earlier.pk).update(
        raised_at=timezone.now() - datetime.timedelta(days=90)
    )
    concern = services.raise_stability_concern(
        actor=scenario.users["social_worker"],
        child=scenario.children["own"],
        urgency="under_pressure",
        factors=["carer_wellbeing"],
        what_is_happening="The carers say they are exhausted.",
        raised_by="social_worker",
    )
    client.force_login(scenario.users["team_manager"])
    page = html.unescape(client.get(f"/concerns/{concern.pk}/triage/").content.decode())
    assert "The carers say they are exhausted." in page
    assert "The carer's wellbeing, knowledge or skills" in page
    assert scenario.users["social_worker"].get_full_name() in page
    assert "Earlier stability concerns about" in page and f"/concerns/{earlier.pk}/" in page
    assert f'href="/concerns/{concern.pk}/"' not in page.split("Earlier stability concerns")[1]
    assert AuditEvent.objects.filter(
        event_type="STABILITY_CONCERN_VIEWED", child_id=concern.child_id
    ).exists()


def test_a_manager_records_a_decision_that_shows_on_the_household_record(client, scenario):
    concern = _concern(scenario)
    client.force_login(scenario.users["team_manager"])
    response = client.post(
        f"/concerns/{concern.pk}/triage/",
        {
            "response": "meeting",
            "meeting_kind": "placement_stability",
            "reason": "Network needed",
            "interim_support": "Respite",
            "seen_version": concern.version,
        },
    )
    assert response.status_code == 302
    client.force_login(scenario.users["supervising_social_worker"])
    page = client.get(f"/households/{scenario.households['own'].pk}/").content.decode()
    assert "Network needed" in page
    assert "Respite" in page


def test_a_concern_past_its_due_date_without_a_response_shows_as_late(client, scenario):
    concern = _concern(scenario)
    StabilityConcern.objects.filter(pk=concern.pk).update(
        due_date=timezone.localdate() - datetime.timedelta(days=1)
    )
    client.force_login(scenario.users["social_worker"])
    assert ": late</strong>" in client.get(f"/concerns/{concern.pk}/").content.decode()


def test_a_concern_within_its_timescale_is_not_late(client, scenario):
    concern = _concern(scenario)
    client.force_login(scenario.users["social_worker"])
    assert ": late</strong>" not in client.get(f"/concerns/{concern.pk}/").content.decode()


def test_an_administrator_sets_a_local_timescale_in_the_admin(client, scenario):
    from steadfast.concerns.models import ConcernTimescale

    client.force_login(scenario.users["administrator"])
    response = client.post(
        "/admin/concerns/concerntimescale/add/", {"urgency": "under_pressure", "working_days": "7"}
    )
    assert response.status_code == 302
    timescale = ConcernTimescale.objects.get()
    assert timescale.working_days == 7
    assert timescale.created_by == timescale.updated_by == scenario.users["administrator"]
    page = client.get("/admin/concerns/concerntimescale/add/").content.decode()
    assert 'value="breakdown_imminent"' not in page


def test_a_mail_server_that_is_down_does_not_lose_or_hide_the_concern(
    client, scenario, monkeypatch, caplog, django_capture_on_commit_callbacks
):
    import smtplib

    def refuse(*args, **kwargs):
        raise smtplib.SMTPConnectError(421, "Service not available")

    monkeypatch.setattr("steadfast.core.mail.send_mass_mail", refuse)
    user = scenario.users["social_worker"]
    user.email = "sw@example.invalid"
    user.save(update_fields=["email"])
    client.force_login(user)
    with caplog.at_level("ERROR"), django_capture_on_commit_callbacks(execute=True):
        response = client.post(f"/children/{scenario.children['own'].pk}/concerns/raise/", FORM)
    concern = StabilityConcern.objects.get()
    assert response["Location"] == f"/concerns/{concern.pk}/"
    assert "Could not send the emails about stability concern" in caplog.text
