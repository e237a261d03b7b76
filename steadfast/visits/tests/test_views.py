import datetime
import html
import re

import pytest
from django.utils import timezone

from steadfast.audit.models import AuditEvent
from steadfast.visits import services
from steadfast.visits.forms import SEEN_ALONE_NEEDED, SEEN_NEEDED
from steadfast.visits.models import StatutoryVisit
from steadfast.visits.views import STATUTORY_VISIT_VIEWED
from tests.factories import AccessGrantFactory, HouseholdFactory, PlacementFactory, days_ago
from tests.queries import queries_for

pytestmark = pytest.mark.django_db


def _visit(scenario, *, days_ago=0, child="own", said="It's all right here."):
    return services.record_statutory_visit(
        actor=scenario.users["social_worker"],
        child=scenario.children[child],
        date=timezone.localdate() - datetime.timedelta(days=days_ago),
        place="At school",
        child_seen=True,
        seen_alone=False,
        child_said=said,
        observations="",
    )


def _date(prefix: str, day: datetime.date) -> dict[str, str]:
    return {f"{prefix}-day": str(day.day), f"{prefix}-month": str(day.month), f"{prefix}-year": str(day.year)}


def _next_visit_due(page: str) -> str:
    return page.split('id="next-visit-due"')[1].split("</dd>")[0]


def _without_nonce(content: bytes) -> bytes:
    return re.sub(rb'(nonce|value)="[^"]+"', b"", content)


def test_the_social_worker_records_a_visit_from_the_childs_record(client, scenario):
    child = scenario.children["own"]
    client.force_login(scenario.users["social_worker"])
    record = client.get(f"/children/{child.pk}/").content.decode()
    assert f"/children/{child.pk}/visits/record/" in record
    response = client.post(
        f"/children/{child.pk}/visits/record/",
        {
            **_date("date", timezone.localdate()),
            "place": "At the carers' home",
            "child_seen": "yes",
            "seen_alone": "yes",
            "child_said": "I want to stay here.",
            "observations": "Settled and chatty.",
        },
    )
    assert response.status_code == 302
    visit = StatutoryVisit.objects.get()
    assert response["Location"] == f"/visits/{visit.pk}/"
    detail = html.unescape(client.get(response["Location"]).content.decode())
    assert "I want to stay here." in detail and "Settled and chatty." in detail
    assert "The statutory visit has been recorded" in detail
    assert AuditEvent.objects.filter(event_type=STATUTORY_VISIT_VIEWED, child_id=child.pk).count() == 1
    record = client.get(f"/children/{child.pk}/").content.decode()
    assert f"/visits/{visit.pk}/" in record


def test_an_empty_visit_form_lists_each_problem_linked_to_its_field(client, scenario):
    child = scenario.children["own"]
    client.force_login(scenario.users["social_worker"])
    page = html.unescape(client.post(f"/children/{child.pk}/visits/record/", {}).content.decode())
    assert "There is a problem" in page
    assert 'href="#id_date-day">Enter the date of the visit' in page
    assert f'href="#id_place">{services.PLACE_NEEDED}' in page
    assert f'href="#id_child_seen">{SEEN_NEEDED}' in page
    assert 'id="id_child_seen"' in page  # the link lands on the first radio
    assert not StatutoryVisit.objects.exists()


def test_a_child_seen_needs_their_words_and_whether_they_were_seen_alone(client, scenario):
    child = scenario.children["own"]
    client.force_login(scenario.users["social_worker"])
    page = html.unescape(
        client.post(
            f"/children/{child.pk}/visits/record/",
            {**_date("date", timezone.localdate()), "place": "At school", "child_seen": "yes"},
        ).content.decode()
    )
    assert f'href="#id_seen_alone">{SEEN_ALONE_NEEDED}' in page
    assert f'href="#id_child_said">{services.CHILD_SAID_NEEDED}' in page
    assert 'id="id_child_said"' in page
    assert not StatutoryVisit.objects.exists()


def test_a_future_date_is_refused_on_the_form(client, scenario):
    child = scenario.children["own"]
    client.force_login(scenario.users["social_worker"])
    page = html.unescape(
        client.post(
            f"/children/{child.pk}/visits/record/",
            {
                **_date("date", timezone.localdate() + datetime.timedelta(days=3)),
                "place": "At school",
                "child_seen": "no",
            },
        ).content.decode()
    )
    assert f'href="#id_date-day">{services.DATE_IN_FUTURE}' in page
    assert not StatutoryVisit.objects.exists()


def test_a_child_not_seen_cannot_be_recorded_as_seen_alone(client, scenario):
    child = scenario.children["own"]
    client.force_login(scenario.users["social_worker"])
    page = html.unescape(
        client.post(
            f"/children/{child.pk}/visits/record/",
            {
                **_date("date", timezone.localdate()),
                "place": "At the carers' home",
                "child_seen": "no",
                "seen_alone": "yes",
            },
        ).content.decode()
    )
    assert f'href="#id_seen_alone">{services.SEEN_ALONE_NOT_SEEN}' in page
    assert not StatutoryVisit.objects.exists()


def test_a_visit_where_the_child_was_not_seen_is_recorded_without_their_words(client, scenario):
    child = scenario.children["own"]
    client.force_login(scenario.users["social_worker"])
    response = client.post(
        f"/children/{child.pk}/visits/record/",
        {
            **_date("date", timezone.localdate()),
            "place": "At the carers' home",
            "child_seen": "no",
            "observations": "The child was at a friend's house.",
        },
    )
    assert response.status_code == 302
    visit = StatutoryVisit.objects.get()
    assert (visit.child_seen, visit.seen_alone, visit.child_said) == (False, False, "")
    assert "not seen" in client.get(f"/children/{child.pk}/").content.decode()


@pytest.mark.parametrize("role", ["other_social_worker", "other_team_manager", "analyst", "foster_carer"])
def test_people_who_may_not_see_the_child_get_404_for_visits(client, scenario, role):
    visit = _visit(scenario)
    client.force_login(scenario.users[role])
    hidden = client.get(f"/visits/{visit.pk}/")
    missing = client.get("/visits/987654321/")
    assert hidden.status_code == missing.status_code == 404
    assert _without_nonce(hidden.content) == _without_nonce(missing.content)
    assert client.get(f"/children/{scenario.children['own'].pk}/visits/record/").status_code == 404
    assert not AuditEvent.objects.filter(event_type=STATUTORY_VISIT_VIEWED).exists()


def test_a_visit_that_does_not_exist_is_404_even_for_the_childs_social_worker(client, scenario):
    client.force_login(scenario.users["social_worker"])
    assert client.get("/visits/987654321/").status_code == 404


@pytest.mark.parametrize("role", ["iro", "supervising_social_worker", "fostering_team_manager"])
def test_those_who_see_but_may_not_change_the_child_read_visits_but_cannot_record_one(client, scenario, role):
    visit = _visit(scenario, said="Words only the reader should see.")
    child = scenario.children["own"]
    client.force_login(scenario.users[role])
    assert "Words only the reader should see." in client.get(f"/visits/{visit.pk}/").content.decode()
    record = client.get(f"/children/{child.pk}/").content.decode()
    assert f"/visits/{visit.pk}/" in record
    assert f"/children/{child.pk}/visits/record/" not in record
    assert client.get(f"/children/{child.pk}/visits/record/").status_code == 404
    assert client.post(f"/children/{child.pk}/visits/record/", {"place": "x"}).status_code == 404
    assert StatutoryVisit.objects.count() == 1


def test_a_carer_granted_the_child_by_name_is_not_shown_the_visits(client, scenario):
    child = scenario.children["own"]
    carer = scenario.users["foster_carer"]
    AccessGrantFactory(child=child, user=carer)
    visit = _visit(scenario)
    client.force_login(carer)
    assert client.get(f"/children/{child.pk}/").status_code == 404  # carers stay in their portal
    assert client.get(f"/visits/{visit.pk}/").status_code == 404
    assert client.get(f"/children/{child.pk}/visits/record/").status_code == 404


def test_overdue_visits_are_tagged_on_the_childs_record_for_the_worker_and_the_manager(client, scenario):
    child = scenario.children["own"]  # placed 200 days ago and never visited
    for role in ("social_worker", "team_manager"):
        client.force_login(scenario.users[role])
        assert "Overdue" in _next_visit_due(client.get(f"/children/{child.pk}/").content.decode())
    _visit(scenario, days_ago=1)
    page = client.get(f"/children/{child.pk}/").content.decode()
    due = timezone.localdate() - datetime.timedelta(days=1) + datetime.timedelta(days=42)
    assert "Overdue" not in _next_visit_due(page)
    assert f"{due.day} {due:%B %Y}" in _next_visit_due(page)


def test_a_visit_due_today_is_not_yet_overdue(client, scenario):
    _visit(scenario, days_ago=42)
    client.force_login(scenario.users["social_worker"])
    page = client.get(f"/children/{scenario.children['own'].pk}/").content.decode()
    assert "Overdue" not in _next_visit_due(page)


def test_a_child_with_no_current_placement_has_no_visit_due(client, scenario):
    child = scenario.children["own"]
    placement = child.placements.get()
    placement.end_date, placement.end_reason, placement.ending_planned = timezone.localdate(), "other", True
    placement.save()
    client.force_login(scenario.users["social_worker"])
    page = html.unescape(client.get(f"/children/{child.pk}/").content.decode())
    assert "None: Owen Example has no current placement" in _next_visit_due(page)


def test_the_childs_record_lists_the_latest_five_visits(client, scenario):
    visits = [_visit(scenario, days_ago=days) for days in (60, 50, 40, 30, 20, 10)]
    client.force_login(scenario.users["social_worker"])
    page = client.get(f"/children/{scenario.children['own'].pk}/").content.decode()
    listed = re.findall(r'href="/visits/(\d+)/"', page)
    assert listed == [str(v.pk) for v in reversed(visits[1:])]


def test_the_childs_record_costs_the_same_queries_however_many_visits(client, scenario):
    client.force_login(scenario.users["social_worker"])
    path = f"/children/{scenario.children['own'].pk}/"
    _visit(scenario, days_ago=60)
    one = queries_for(client, path)
    for days in (40, 20, 1):
        _visit(scenario, days_ago=days)
    assert queries_for(client, path) == one


def test_a_visit_in_an_earlier_home_says_which_home_on_the_confirmation_and_the_list(client, scenario):
    child = scenario.children["own"]
    PlacementFactory(
        child=child,
        household=HouseholdFactory(name="The Example household"),
        start_date=days_ago(400),
        end_date=days_ago(200),
        ended=True,
    )
    client.force_login(scenario.users["social_worker"])
    response = client.post(
        f"/children/{child.pk}/visits/record/",
        {**_date("date", days_ago(300)), "place": "At school", "child_seen": "no"},
        follow=True,
    )
    day = days_ago(300)
    described = f"Visit on {day.day} {day:%B %Y}, at The Example household"
    page = html.unescape(response.content.decode())
    assert f"The statutory visit has been recorded. {described}." in page
    assert f'<h1 class="govuk-heading-l">{described}</h1>' in page
    assert StatutoryVisit.objects.get().placement.household.name == "The Example household"
    record = html.unescape(client.get(f"/children/{child.pk}/").content.decode())
    assert f"{described}, not seen" in record


def test_a_date_in_none_of_the_childs_placements_is_refused_on_the_form(client, scenario):
    child = scenario.children["own"]
    client.force_login(scenario.users["social_worker"])
    page = html.unescape(
        client.post(
            f"/children/{child.pk}/visits/record/",
            {**_date("date", days_ago(300)), "place": "At school", "child_seen": "no"},
        ).content.decode()
    )
    assert f'href="#id_date-day">{services.NOT_PLACED_ON_DATE}' in page
    assert not StatutoryVisit.objects.exists()


def _again(**changes) -> dict:
    return {
        **_date("date", timezone.localdate()),
        "place": "At school, entered again",
        "child_seen": "no",
    } | changes


def test_the_same_visit_again_is_warned_of_and_saved_only_when_ticked(client, scenario):
    child = scenario.children["own"]
    earlier = _visit(scenario)
    client.force_login(scenario.users["social_worker"])
    path = f"/children/{child.pk}/visits/record/"
    response = client.post(path, _again())
    assert response.status_code == 200
    page = html.unescape(response.content.decode())
    today, at = timezone.localdate(), f"{timezone.localtime(earlier.created_at):%H:%M}"
    assert (
        f"You already recorded a visit to Owen Example on {today.day} {today:%B %Y} (saved today at {at}). "
        "Save this one as well?"
    ) in page
    assert 'name="save_anyway"' in page and "Yes, save this one as well" in page
    assert "There is a problem" not in page and "At school, entered again" in page
    assert StatutoryVisit.objects.count() == 1
    assert client.post(path, _again(save_anyway="on")).status_code == 302
    assert StatutoryVisit.objects.count() == 2


def test_a_colleagues_visit_that_day_is_named_and_another_day_is_not_warned_of(client, scenario):
    child = scenario.children["own"]
    _visit(scenario)
    client.force_login(scenario.users["team_manager"])
    path = f"/children/{child.pk}/visits/record/"
    name = scenario.users["social_worker"].get_full_name()
    page = html.unescape(client.post(path, _again()).content.decode())
    assert f"{name} already recorded a visit to Owen Example" in page
    assert client.post(path, _again(**_date("date", days_ago(1)))).status_code == 302
    assert StatutoryVisit.objects.count() == 2


def test_a_visit_form_with_a_mistake_shows_the_mistake_not_the_warning(client, scenario):
    child = scenario.children["own"]
    _visit(scenario)
    client.force_login(scenario.users["social_worker"])
    page = html.unescape(
        client.post(f"/children/{child.pk}/visits/record/", _again(place="")).content.decode()
    )
    assert f'href="#id_place">{services.PLACE_NEEDED}' in page and "already recorded" not in page
    assert StatutoryVisit.objects.count() == 1


@pytest.mark.parametrize("role", ["other_social_worker", "iro", "foster_carer"])
def test_those_who_may_not_record_a_visit_get_404_not_the_warning(client, scenario, role):
    _visit(scenario)
    client.force_login(scenario.users[role])
    response = client.post(
        f"/children/{scenario.children['own'].pk}/visits/record/", _again(save_anyway="on")
    )
    assert response.status_code == 404
    assert StatutoryVisit.objects.count() == 1
