import datetime

import pytest
from django.utils import timezone

from steadfast.assessments.models import CarerTraining
from steadfast.audit.models import AuditEvent
from steadfast.support_requests import services
from steadfast.support_requests.forms import WHO_NEEDED
from steadfast.support_requests.models import SupportRequest, SupportRequestStatus
from tests.queries import queries_for

from .helpers import a_request

pytestmark = pytest.mark.django_db


def _late(request, days=3):
    past = timezone.localdate() - datetime.timedelta(days=days)
    SupportRequest.objects.filter(pk=request.pk).update(acknowledgement_due=past, response_due=past)


# The carers' portal ---------------------------------------------------------------------------


def test_a_carer_asks_for_help_in_the_portal_and_sees_it_listed(client, scenario):
    client.force_login(scenario.users["foster_carer"])
    form = client.get("/portal/help/ask/").content.decode()
    assert "Owen" in form and "Rhea" not in form  # never a restricted child they may not see
    response = client.post(
        "/portal/help/ask/",
        {
            "child": scenario.children["own"].pk,
            "kind": "respite",
            "urgency": "urgent",
            "what_is_needed": "A night off.",
        },
    )
    request = SupportRequest.objects.get()
    assert response.status_code == 302 and response.url == f"/portal/help/{request.pk}/"
    detail = client.get(response.url).content.decode()
    assert "A night off." in detail and "Your request for help has been sent" in detail
    assert "Respite for Owen" in client.get("/portal/help/").content.decode()


def test_an_empty_request_in_the_portal_shows_a_plain_message_and_saves_nothing(client, scenario):
    client.force_login(scenario.users["foster_carer"])
    page = client.post(
        "/portal/help/ask/",
        {"child": "household", "kind": "advice", "urgency": "soon", "what_is_needed": "  "},
    ).content.decode()
    assert "There is a problem" in page
    assert f'href="#id_what_is_needed">{services.WHAT_IS_NEEDED}' in page
    assert not SupportRequest.objects.exists()
    assert not AuditEvent.objects.filter(event_type=services.SUPPORT_REQUEST_ASKED).exists()


def test_a_blank_form_says_plainly_what_each_answer_needs(client, scenario):
    client.force_login(scenario.users["foster_carer"])
    page = client.post("/portal/help/ask/", {}).content.decode()
    for message in (WHO_NEEDED, services.KIND_NEEDED, services.URGENCY_NEEDED, services.WHAT_IS_NEEDED):
        assert message in page
    assert not SupportRequest.objects.exists()


def test_a_carer_reads_that_a_manager_is_helping_but_not_the_services_internal_reasons(client, scenario):
    request = a_request(scenario)
    services.escalate_support_request(
        actor=scenario.users["supervising_social_worker"],
        support_request=request,
        reason="Internal: the carers may resign (test).",
    )
    client.force_login(scenario.users["foster_carer"])
    page = client.get(f"/portal/help/{request.pk}/").content.decode()
    assert "A manager has been asked to make sure you get an answer." in page
    assert "Internal" not in page


def test_the_carers_navigation_offers_to_ask_for_help(client, scenario):
    client.force_login(scenario.users["foster_carer"])
    assert 'href="/portal/help/"' in client.get("/portal/").content.decode()


# Staff --------------------------------------------------------------------------------------


def test_the_supervising_social_worker_asks_on_the_carers_behalf_from_the_household_record(client, scenario):
    household = scenario.households["own"]
    client.force_login(scenario.users["supervising_social_worker"])
    assert (
        f"/households/{household.pk}/help/ask/" in client.get(f"/households/{household.pk}/").content.decode()
    )
    response = client.post(
        f"/households/{household.pk}/help/ask/",
        {
            "child": "household",
            "kind": "training",
            "urgency": "routine",
            "what_is_needed": "Training (test).",
        },
    )
    request = SupportRequest.objects.get()
    assert response.url == f"/help/{request.pk}/"
    assert request.on_behalf_of_carer and request.child is None
    page = client.get(response.url).content.decode()
    assert "on the carers&#39; behalf" in page


def test_the_supervising_social_worker_acknowledges_and_records_that_help_could_not_be_obtained(
    client, scenario
):
    request = a_request(scenario)
    client.force_login(scenario.users["supervising_social_worker"])
    page = client.get(f"/help/{request.pk}/").content.decode()
    assert "Acknowledge" in page and f"/help/{request.pk}/not-obtained/" in page
    seen = {"seen_version": request.version}
    assert client.post(f"/help/{request.pk}/acknowledge/", {"note": ""} | seen).status_code == 302
    seen = {"seen_version": request.version + 1}  # as the next page is drawn, once acknowledged
    page = client.post(f"/help/{request.pk}/not-obtained/", {"why": ""} | seen).content.decode()
    assert services.WHY_NOT_OBTAINED in page
    response = client.post(
        f"/help/{request.pk}/not-obtained/", {"why": "No respite carer is free (test)."} | seen
    )
    assert response.status_code == 302
    request.refresh_from_db()
    assert request.status == SupportRequestStatus.ESCALATED
    page = client.get(f"/help/{request.pk}/").content.decode()
    assert "Escalated to" in page and "No respite carer is free (test)." in page
    assert f"/help/{request.pk}/escalate/" not in page  # already with a manager


def test_the_supervising_social_worker_plans_help_beside_the_carers_training(client, scenario):
    carer = scenario.households["own"].members.get(user=scenario.users["foster_carer"])
    CarerTraining.objects.create(
        member=carer, course="attachment", completed_on=timezone.localdate() - datetime.timedelta(days=40)
    )
    request = a_request(scenario)
    client.force_login(scenario.users["supervising_social_worker"])
    page = client.get(f"/help/{request.pk}/").content.decode()
    assert 'id="carers-training"' in page
    assert "Attachment" in page
    assert "Not yet recorded: Brain development, Trauma-informed care." in page


def test_acknowledging_needs_a_post(client, scenario):
    request = a_request(scenario)
    client.force_login(scenario.users["supervising_social_worker"])
    assert client.get(f"/help/{request.pk}/acknowledge/").status_code == 405


def test_the_childs_social_worker_reads_the_request_without_the_actions(client, scenario):
    request = a_request(scenario)
    client.force_login(scenario.users["social_worker"])
    page = client.get(f"/help/{request.pk}/").content.decode()
    assert "A weekend&#39;s respite" in page
    assert "What to do next" not in page
    assert "Carers' training" not in page
    assert AuditEvent.objects.filter(
        event_type="SUPPORT_REQUEST_VIEWED", child_id=scenario.children["own"].pk
    ).exists()


def test_the_manager_sees_escalated_and_late_requests_first(client, scenario):
    ssw = scenario.users["supervising_social_worker"]
    on_time = a_request(scenario, kind="advice", urgency="routine")
    late = a_request(scenario, kind="visit", urgency="routine")
    _late(late)
    escalated = a_request(scenario, kind="therapy", urgency="routine")
    services.escalate_support_request(actor=ssw, support_request=escalated, reason="Urgent (test).")
    closed = a_request(scenario, kind="training")
    services.close_support_request(actor=ssw, support_request=closed, note="Not needed (test).")
    client.force_login(scenario.users["fostering_team_manager"])
    page = client.get("/help/").content.decode()
    order = [page.index(f'href="/help/{r.pk}/"') for r in (escalated, late, on_time)]
    assert order == sorted(order)
    assert f'href="/help/{closed.pk}/"' not in page
    assert "Escalated</strong>" in page and "Late</strong>" in page


def test_the_household_and_child_records_list_requests_with_their_tags(client, scenario):
    late = a_request(scenario)
    _late(late)
    client.force_login(scenario.users["supervising_social_worker"])
    household_page = client.get(f"/households/{scenario.households['own'].pk}/").content.decode()
    section = household_page.split('id="support-requests"')[1]
    assert f'href="/help/{late.pk}/"' in section and "Late</strong>" in section
    client.force_login(scenario.users["social_worker"])
    child_page = client.get(f"/children/{scenario.children['own'].pk}/").content.decode()
    assert f'href="/help/{late.pk}/"' in child_page.split('id="support-requests"')[1]


def test_a_request_about_a_restricted_child_stays_off_the_household_record_of_those_not_granted(
    client, scenario
):
    today = timezone.localdate()
    hidden = SupportRequest.objects.create(
        household=scenario.households["own"],
        child=scenario.children["restricted"],
        kind="therapy",
        urgency="soon",
        what_is_needed="Therapy (test).",
        asked_at=timezone.now(),
        acknowledgement_due=today,
        response_due=today,
    )
    client.force_login(scenario.users["supervising_social_worker"])
    assert (
        f"/help/{hidden.pk}/"
        not in client.get(f"/households/{scenario.households['own'].pk}/").content.decode()
    )
    client.force_login(scenario.users["foster_carer"])
    assert f"/portal/help/{hidden.pk}/" not in client.get("/portal/help/").content.decode()


# Queries ------------------------------------------------------------------------------------


def _more_requests(scenario, n=4):
    for i in range(n):
        r = a_request(scenario, kind="advice", child=None if i % 2 else "own")
        if i % 2:
            _late(r)
        else:
            services.escalate_support_request(
                actor=scenario.users["supervising_social_worker"], support_request=r, reason="Test."
            )


@pytest.mark.parametrize(
    ("user", "path"),
    [
        ("fostering_team_manager", "/help/"),
        ("supervising_social_worker", "/households/{household}/"),
        ("social_worker", "/children/{child}/"),
        ("foster_carer", "/portal/help/"),
    ],
)
def test_lists_cost_the_same_queries_however_many_requests(client, scenario, user, path):
    path = path.format(household=scenario.households["own"].pk, child=scenario.children["own"].pk)
    client.force_login(scenario.users[user])
    a_request(scenario)
    one = queries_for(client, path)
    _more_requests(scenario)
    assert queries_for(client, path) == one


def test_a_requests_page_costs_the_same_queries_however_long_its_history(client, scenario):
    ssw = scenario.users["supervising_social_worker"]
    request = a_request(scenario)
    client.force_login(ssw)
    one = queries_for(client, f"/help/{request.pk}/")
    services.acknowledge_support_request(actor=ssw, support_request=request, note="Seen (test).")
    services.record_service_not_obtained(actor=ssw, support_request=request, why="None free (test).")
    assert queries_for(client, f"/help/{request.pk}/") == one


@pytest.mark.parametrize(
    ("role", "shown"),
    [("supervising_social_worker", True), ("fostering_team_manager", True), ("social_worker", False)],
)
def test_the_fostering_service_finds_open_requests_and_logs_to_review_from_the_navigation(
    client, scenario, role, shown
):
    client.force_login(scenario.users[role])
    page = client.get("/households/").content.decode()
    assert ('href="/help/"' in page) is shown
    assert ('href="/carer-logs/unreviewed/"' in page) is shown
