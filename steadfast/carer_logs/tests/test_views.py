import datetime
import html
import re

import pytest
from django.utils import timezone

from steadfast.audit.models import AuditEvent
from steadfast.carer_logs import services
from steadfast.carer_logs.forms import CHILD_NEEDED
from steadfast.carer_logs.models import CarerLog, LogReviewPolicy
from steadfast.carer_logs.views import CARER_LOG_VIEWED
from tests.factories import (
    ChildFactory,
    HouseholdAllocationFactory,
    HouseholdFactory,
    PlacementFactory,
    days_ago,
)
from tests.queries import queries_for

from .helpers import a_log

pytestmark = pytest.mark.django_db


def _date(prefix: str, day: datetime.date) -> dict[str, str]:
    return {f"{prefix}-day": str(day.day), f"{prefix}-month": str(day.month), f"{prefix}-year": str(day.year)}


def _form(child, day=None, **extra) -> dict[str, str]:
    return {
        "child": str(child.pk),
        **_date("date", day or timezone.localdate()),
        "category": "school",
        "what_happened": "Owen read to us tonight.",
        "significant_event": "none",
        **extra,
    }


# The carer's portal ---------------------------------------------------------------------------


def test_a_carer_writes_a_log_and_sees_it_in_their_list(client, scenario):
    owen = scenario.children["own"]
    client.force_login(scenario.users["foster_carer"])
    form = client.get("/portal/logs/write/").content.decode()
    assert "Owen" in form and "Rhea" not in form  # never a restricted child
    response = client.post("/portal/logs/write/", _form(owen))
    assert response.status_code == 302 and response["Location"] == "/portal/logs/"
    page = html.unescape(client.get("/portal/logs/").content.decode())
    assert "Owen read to us tonight." in page and "Your log has been saved" in page
    assert "Not yet read by your supervising social worker." in page


@pytest.mark.parametrize("path", ["/portal/logs/write/", "household"])
def test_the_log_form_starts_on_todays_date(client, scenario, path):
    today = timezone.localdate()
    if path == "household":
        client.force_login(scenario.users["supervising_social_worker"])
        path = f"/households/{scenario.households['own'].pk}/logs/write/"
    else:
        client.force_login(scenario.users["foster_carer"])
    form = client.get(path).content.decode()
    for part, value in (("day", today.day), ("month", today.month), ("year", today.year)):
        assert re.search(rf'id="id_date-{part}" name="date-{part}" type="text" value="{value}"', form), part


def test_a_carer_sees_when_their_log_was_read_but_not_the_comment_nor_any_cue(client, scenario):
    log = a_log(scenario, text="I'm at the end of my tether.")
    services.review_carer_log(
        actor=scenario.users["supervising_social_worker"],
        log=log,
        comment="A private note.",
        discussed_with_carer_on=None,
    )
    client.force_login(scenario.users["foster_carer"])
    page = html.unescape(client.get("/portal/logs/").content.decode())
    today = timezone.localdate()
    assert f"Read by your supervising social worker on {today.day} {today:%B %Y}." in page
    assert "A private note." not in page
    assert "<mark" not in page and "tone cue" not in page.lower()


def test_a_log_dated_in_the_future_shows_a_plain_message_and_saves_nothing(client, scenario):
    client.force_login(scenario.users["foster_carer"])
    tomorrow = timezone.localdate() + datetime.timedelta(days=1)
    page = html.unescape(
        client.post("/portal/logs/write/", _form(scenario.children["own"], tomorrow)).content.decode()
    )
    assert f'href="#id_date-day">{services.DATE_IN_FUTURE}' in page
    assert not CarerLog.objects.exists()
    assert not AuditEvent.objects.filter(event_type=services.CARER_LOG_WRITTEN).exists()


def test_an_empty_log_lists_each_problem(client, scenario):
    client.force_login(scenario.users["foster_carer"])
    page = html.unescape(client.post("/portal/logs/write/", {}).content.decode())
    for message in (CHILD_NEEDED, "Enter the date", "Choose what the log is about", "Say what happened"):
        assert message in page
    assert not CarerLog.objects.exists()


def _moved_on(scenario):
    child = ChildFactory(legal_first_name="Morwenna")
    PlacementFactory(
        child=child,
        household=scenario.households["own"],
        ended=True,
        start_date=days_ago(100),
        end_date=days_ago(5),
    )
    return child


@pytest.mark.parametrize("which", ["other household", "restricted", "moved on", "nonsense"])
def test_a_carer_cannot_log_about_a_child_not_living_with_them_now(client, scenario, which):
    child = {
        "other household": lambda: scenario.children["other"],
        "restricted": lambda: scenario.children["restricted"],
        "moved on": lambda: _moved_on(scenario),
        "nonsense": lambda: type("NoChild", (), {"pk": "x"})(),
    }[which]()
    client.force_login(scenario.users["foster_carer"])
    page = html.unescape(client.post("/portal/logs/write/", _form(child, days_ago(10))).content.decode())
    assert f'href="#id_child">{CHILD_NEEDED}' in page
    assert not CarerLog.objects.exists()


def test_a_carer_sees_only_their_own_households_logs(client, scenario):
    other_child = ChildFactory(legal_first_name="Olwen")
    PlacementFactory(child=other_child, household=scenario.households["other"])
    CarerLog.objects.create(
        household=scenario.households["other"],
        child=other_child,
        date=days_ago(1),
        category="other",
        what_happened="Someone else's log.",
    )
    a_log(scenario, text="Our own log.")
    client.force_login(scenario.users["foster_carer"])
    page = html.unescape(client.get("/portal/logs/").content.decode())
    assert "Our own log." in page and "Someone else's log." not in page


def test_the_carers_navigation_has_their_logs(client, scenario):
    client.force_login(scenario.users["foster_carer"])
    assert 'href="/portal/logs/"' in client.get("/portal/").content.decode()


# The fostering service ------------------------------------------------------------------------


def test_the_ssw_reads_unreviewed_logs_oldest_first_with_cues_marked(client, scenario):
    newer = a_log(scenario, days_ago=1, text="Quiet day.")
    older = a_log(scenario, days_ago=4, text="We are exhausted <again> & need a break.")
    reviewed = a_log(scenario, days_ago=6, text="Reviewed already.")
    services.review_carer_log(
        actor=scenario.users["supervising_social_worker"],
        log=reviewed,
        comment="Fine.",
        discussed_with_carer_on=None,
    )
    client.force_login(scenario.users["supervising_social_worker"])
    page = client.get(f"/households/{scenario.households['own'].pk}/logs/").content.decode()
    order = [int(pk) for pk in re.findall(r'data-log="(\d+)"', page)]
    assert order == [older.pk, newer.pk, reviewed.pk]
    assert (
        '<mark class="app-tone-cue" data-tone-cue="exhaustion">We are exhausted'
        '<span class="govuk-visually-hidden"> (tone cue, exhaustion:' in page
    )
    assert "&lt;again&gt; &amp; " in page  # the carer's words are escaped around the marks
    assert "<again>" not in page


def test_the_ssw_reviews_a_log_from_its_page(client, scenario):
    log = a_log(scenario, days_ago=2, text="I feel like giving up.")
    client.force_login(scenario.users["supervising_social_worker"])
    page = client.get(f"/logs/{log.pk}/").content.decode()
    assert "Mark as reviewed" in page and "<mark" in page and "Speaks of giving up." in page
    assert AuditEvent.objects.filter(event_type=CARER_LOG_VIEWED, child_id=log.child_id).count() == 1
    seen = {"seen_version": log.version}
    errors = html.unescape(client.post(f"/logs/{log.pk}/review/", {"comment": ""} | seen).content.decode())
    assert f'href="#id_comment">{services.COMMENT_NEEDED}' in errors
    review = {"comment": "Seen.", **_date("discussed_with_carer_on", days_ago(3)), **seen}
    errors = html.unescape(client.post(f"/logs/{log.pk}/review/", review).content.decode())
    assert f'href="#id_discussed_with_carer_on-day">{services.DISCUSSED_BEFORE_LOG}' in errors
    assert CarerLog.objects.get().reviewed_at is None
    response = client.post(
        f"/logs/{log.pk}/review/",
        {"comment": "Rang Pat; respite booked.", **_date("discussed_with_carer_on", days_ago(1)), **seen},
    )
    assert response.status_code == 302
    log.refresh_from_db()
    assert log.review_comment == "Rang Pat; respite booked." and log.discussed_with_carer_on == days_ago(1)
    page = client.get(f"/logs/{log.pk}/").content.decode()
    assert "Mark as reviewed" not in page and "Rang Pat; respite booked." in page
    assert client.post(f"/logs/{log.pk}/review/", {"comment": "Again"} | seen).status_code == 200
    log.refresh_from_db()
    assert log.review_comment == "Rang Pat; respite booked."


def test_the_childs_social_worker_reads_the_log_without_cues_or_the_review_comment(client, scenario):
    log = a_log(scenario, text="I'm at the end of my tether.")
    services.review_carer_log(
        actor=scenario.users["supervising_social_worker"],
        log=log,
        comment="A fostering note.",
        discussed_with_carer_on=None,
    )
    client.force_login(scenario.users["social_worker"])
    record = client.get(f"/children/{scenario.children['own'].pk}/").content.decode()
    assert f'href="/logs/{log.pk}/"' in record
    page = client.get(f"/logs/{log.pk}/").content.decode()
    assert "end of my tether" in page and "<mark" not in page
    assert "A fostering note." not in page and "Mark as reviewed" not in page


def test_the_ssw_writes_a_log_for_the_carers(client, scenario):
    household = scenario.households["own"]
    client.force_login(scenario.users["supervising_social_worker"])
    response = client.post(f"/households/{household.pk}/logs/write/", _form(scenario.children["own"]))
    log = CarerLog.objects.get()
    assert response["Location"] == f"/logs/{log.pk}/"
    assert log.created_by == scenario.users["supervising_social_worker"]


def test_the_household_record_counts_unreviewed_and_overdue_logs_for_the_ssw_and_manager(client, scenario):
    household = scenario.households["own"]
    a_log(scenario, days_ago=10, text="I can't keep doing this.")
    a_log(scenario, days_ago=7)
    a_log(scenario, days_ago=1)
    for key in ("supervising_social_worker", "fostering_team_manager"):
        client.force_login(scenario.users[key])
        page = client.get(f"/households/{household.pk}/").content.decode()
        assert re.search(r'id="carer-logs-unreviewed">3<', page)
        overdue = page.split('id="carer-logs-overdue">')[1].split("</dd>")[0]
        assert overdue.startswith("1") and "Overdue" in overdue
        assert "Tone cues in 1 of 3 logs" in page.split('id="carer-logs-tone">')[1]
    LogReviewPolicy.objects.create(review_within_days=14)
    page = client.get(f"/households/{household.pk}/").content.decode()
    assert "Overdue" not in page.split('id="carer-logs-overdue">')[1].split("</dd>")[0]


@pytest.mark.parametrize("key", ["social_worker", "team_manager", "iro"])
def test_those_who_see_the_household_as_a_childs_home_see_no_logs_section(client, scenario, key):
    a_log(scenario)
    client.force_login(scenario.users[key])
    page = client.get(f"/households/{scenario.households['own'].pk}/").content.decode()
    assert 'id="carer-logs"' not in page


def test_the_unreviewed_page_lists_households_with_overdue_logs_oldest_first(client, scenario):
    a_log(scenario, days_ago=9)
    a_log(scenario, days_ago=2)  # not yet overdue
    second = HouseholdFactory(name="The Second household")
    HouseholdAllocationFactory(household=second, worker=scenario.users["supervising_social_worker"])
    child = ChildFactory()
    PlacementFactory(child=child, household=second)
    CarerLog.objects.create(
        household=second, child=child, date=days_ago(20), category="other", what_happened="x"
    )
    client.force_login(scenario.users["fostering_team_manager"])
    page = client.get("/carer-logs/unreviewed/").content.decode()
    rows = re.findall(r'/households/(\d+)/logs/">([^<]+)</a></td>\s*<td[^>]*>(\d+)</td>', page)
    own = scenario.households["own"]
    # Each named with its reference and carers (`Household.label`), so two of one name differ.
    assert rows == [
        (str(second.pk), f"The Second household ({second.reference})", "1"),
        (str(own.pk), f"The Own household ({own.reference}; Test Carer)", "1"),
    ]
    client.force_login(scenario.users["other_supervising_social_worker"])
    assert "The Own household" not in client.get("/carer-logs/unreviewed/").content.decode()


# Query counts ---------------------------------------------------------------------------------


def test_the_households_logs_cost_the_same_queries_however_many_logs(client, scenario):
    client.force_login(scenario.users["supervising_social_worker"])
    path = f"/households/{scenario.households['own'].pk}/logs/"
    a_log(scenario, days_ago=20)
    one = queries_for(client, path)
    for days in (15, 10, 5, 1):
        a_log(scenario, days_ago=days, text="We are exhausted.")
    services.review_carer_log(
        actor=scenario.users["supervising_social_worker"],
        log=CarerLog.objects.first(),
        comment="Seen.",
        discussed_with_carer_on=None,
    )
    assert queries_for(client, path) == one


def test_the_household_and_child_records_cost_the_same_queries_however_many_logs(client, scenario):
    paths = {
        "supervising_social_worker": f"/households/{scenario.households['own'].pk}/",
        "social_worker": f"/children/{scenario.children['own'].pk}/",
    }
    a_log(scenario, days_ago=20)
    before = {}
    for key, path in paths.items():
        client.force_login(scenario.users[key])
        before[key] = queries_for(client, path)
    for days in (15, 10, 5, 1):
        a_log(scenario, days_ago=days, text="We are exhausted.")
    for key, path in paths.items():
        client.force_login(scenario.users[key])
        assert queries_for(client, path) == before[key], key


def test_the_unreviewed_page_costs_the_same_queries_however_many_households(client, scenario):
    ssw = scenario.users["supervising_social_worker"]

    def overdue_household():
        household = HouseholdFactory()
        HouseholdAllocationFactory(household=household, worker=ssw)
        child = ChildFactory()
        PlacementFactory(child=child, household=household)
        CarerLog.objects.create(
            household=household, child=child, date=days_ago(30), category="other", what_happened="x"
        )

    overdue_household()
    client.force_login(ssw)
    one = queries_for(client, "/carer-logs/unreviewed/")
    for _ in range(4):
        overdue_household()
    assert queries_for(client, "/carer-logs/unreviewed/") == one


def test_the_portal_list_costs_the_same_queries_however_many_logs(client, scenario):
    client.force_login(scenario.users["foster_carer"])
    a_log(scenario, days_ago=3)
    one = queries_for(client, "/portal/logs/")
    for days in (2, 1, 0):
        a_log(scenario, days_ago=days)
    assert queries_for(client, "/portal/logs/") == one
