import html
import io
import re

import pytest
from django.core.exceptions import ValidationError
from django.utils import timezone
from openpyxl import load_workbook

from steadfast.audit.models import AuditEvent
from steadfast.carer_logs.models import SignificantEvent
from steadfast.core import exports
from steadfast.oversight.forms import TEAM_NOT_IN_LINE
from steadfast.oversight.selectors import signal_counts_for
from steadfast.oversight.views import SIGNALS_EXPORTED
from steadfast.signals import services
from steadfast.signals.models import SignalConsideration, SignalSettings
from steadfast.signals.rules import DEFAULT_SETTINGS
from steadfast.signals.selectors import signal_settings_in_force
from steadfast.signals.views import SIGNAL_CONSIDERED_MESSAGE, SIGNAL_VIEWED
from tests.factories import AllocationFactory, ChildFactory, PlacementFactory
from tests.queries import queries_for

from .helpers import a_log, a_scale, a_visit, ago

pytestmark = pytest.mark.django_db

TIRED = "I'm at the end of my tether."


def page_text(response) -> str:
    return re.sub(r"\s+", " ", html.unescape(re.sub(r"<[^>]+>", " ", response.content.decode())))


def consider_path(child, rule: str) -> str:
    return f"/children/{child.pk}/signals/{rule}/consider/"


def falling_scale(scenario) -> None:
    """Owen's stability scale fell from 7 to 3 in his carers' supervision."""
    owen, home = scenario.children["own"], scenario.households["own"]
    a_scale(owen, home, days_ago=30, score=7)
    a_scale(owen, home, days_ago=3, score=3)


def missing_twice(scenario, *days: int) -> None:
    owen, home = scenario.children["own"], scenario.households["own"]
    for d in days:
        a_log(owen, home, days_ago=d, event=SignificantEvent.MISSING, reviewed=d)


def tone_rising(scenario) -> None:
    owen, home = scenario.children["own"], scenario.households["own"]
    for d in (12, 4):
        a_log(owen, home, days_ago=d, text=TIRED, reviewed=d)


# --- The child's record --------------------------------------------------------------------------


def test_the_childs_record_shows_each_signal_with_why_and_the_records_it_rests_on(client, scenario):
    falling_scale(scenario)
    owen = scenario.children["own"]
    client.force_login(scenario.users["team_manager"])
    response = client.get(f"/children/{owen.pk}/")
    text = page_text(response)
    assert "Stability signals" in text and "Stability scale low or falling" in text
    assert f"It fell from 7 on {ago(30).day} {ago(30):%B %Y} to 3 on" in text
    assert f"Supervision on {ago(3).day} {ago(3):%B %Y}" in text
    page = response.content.decode()
    assert consider_path(owen, "stability_scale") in page
    # A team manager does not read the household's supervision: the session is named, not linked.
    assert "/supervision/" not in page


def test_the_evidence_is_linked_for_those_who_may_open_it(client, scenario):
    falling_scale(scenario)
    owen = scenario.children["own"]
    client.force_login(scenario.users["supervising_social_worker"])
    page = client.get(f"/children/{owen.pk}/").content.decode()
    session = re.search(r'href="/supervision/(\d+)/"', page)
    assert session is not None
    assert client.get(f"/supervision/{session.group(1)}/").status_code == 200
    # The supervising social worker is no manager: no link to record a consideration.
    assert consider_path(owen, "stability_scale") not in page


def test_a_child_with_no_current_home_has_no_signals(client, scenario):
    child = ChildFactory()
    AllocationFactory(child=child, worker=scenario.users["social_worker"])
    PlacementFactory(child=child, start_date=ago(300), end_date=ago(10), ended=True)
    client.force_login(scenario.users["social_worker"])
    assert "has no current home, so there are no signals" in page_text(client.get(f"/children/{child.pk}/"))


def test_tone_cues_rising_is_shown_only_to_those_who_read_the_logs_with_their_cues(client, scenario):
    tone_rising(scenario)
    owen = scenario.children["own"]
    shown = {}
    for key in (
        "social_worker",
        "team_manager",
        "iro",
        "supervising_social_worker",
        "fostering_team_manager",
    ):
        client.force_login(scenario.users[key])
        shown[key] = "Tone cues rising" in page_text(client.get(f"/children/{owen.pk}/"))
    assert shown == {
        "social_worker": False,
        "team_manager": False,
        "iro": False,
        "supervising_social_worker": True,
        "fostering_team_manager": True,
    }
    client.force_login(scenario.users["team_manager"])
    assert client.get(consider_path(owen, "tone_rising")).status_code == 404
    client.force_login(scenario.users["fostering_team_manager"])
    assert client.get(consider_path(owen, "tone_rising")).status_code == 200


# --- Recording that a signal was considered ------------------------------------------------------


def test_a_consideration_quiets_the_signal_until_new_evidence_wakes_it(client, scenario):
    missing_twice(scenario, 20, 10)
    owen, manager = scenario.children["own"], scenario.users["team_manager"]
    client.force_login(manager)
    page = client.get(consider_path(owen, "missing_episodes"))
    assert page.status_code == 200 and "Repeated missing episodes" in page_text(page)
    assert AuditEvent.objects.filter(event_type=SIGNAL_VIEWED, child_id=owen.pk, actor=manager).exists()

    response = client.post(
        consider_path(owen, "missing_episodes"), {"reason": "Spoke to the carers; plan agreed."}
    )
    assert response.status_code == 302 and response["Location"] == f"/children/{owen.pk}/#stability-signals"
    consideration = SignalConsideration.objects.get()
    assert (consideration.rule, consideration.considered_by, consideration.considered_on) == (
        "missing_episodes",
        manager,
        timezone.localdate(),
    )
    event = AuditEvent.objects.get(event_type=services.SIGNAL_CONSIDERED)
    assert (event.child_id, event.household_id, event.details) == (
        owen.pk,
        scenario.households["own"].pk,
        {"rule": "missing_episodes"},
    )
    record = client.get(f"/children/{owen.pk}/")
    text = page_text(record)
    assert SIGNAL_CONSIDERED_MESSAGE in text
    assert "1 signal considered" in text
    who = manager.get_full_name()
    assert f"Repeated missing episodes. Considered by {who} on {timezone.localdate().day}" in text
    assert consider_path(owen, "missing_episodes") not in record.content.decode()
    assert client.get(consider_path(owen, "missing_episodes")).status_code == 404

    # Five days on, the same two episodes keep it quiet; a third wakes it.
    SignalConsideration.objects.update(considered_on=ago(5))
    assert consider_path(owen, "missing_episodes") not in client.get(f"/children/{owen.pk}/").content.decode()
    missing_twice(scenario, 2)
    assert consider_path(owen, "missing_episodes") in client.get(f"/children/{owen.pk}/").content.decode()


def test_a_consideration_stays_with_the_home_it_was_about(scenario):
    missing_twice(scenario, 20, 10)
    owen, manager = scenario.children["own"], scenario.users["team_manager"]
    considered = services.record_signal_considered(
        actor=manager, child=owen, rule="missing_episodes", reason="Seen."
    )
    assert considered.placement.household == scenario.households["own"]


def test_a_blank_reason_is_refused_and_nothing_is_saved_or_audited(client, scenario):
    missing_twice(scenario, 20, 10)
    owen = scenario.children["own"]
    client.force_login(scenario.users["team_manager"])
    response = client.post(consider_path(owen, "missing_episodes"), {"reason": "   "})
    assert response.status_code == 200
    assert services.REASON_NEEDED in page_text(response)
    with pytest.raises(ValidationError) as refused:
        services.record_signal_considered(
            actor=scenario.users["team_manager"], child=owen, rule="missing_episodes", reason=" \n "
        )
    assert refused.value.message_dict == {"reason": [services.REASON_NEEDED]}
    assert not SignalConsideration.objects.exists()
    assert not AuditEvent.objects.filter(event_type=services.SIGNAL_CONSIDERED).exists()


@pytest.mark.parametrize(
    ("user", "rule"),
    [
        ("other_team_manager", "missing_episodes"),  # may not see the child
        ("social_worker", "missing_episodes"),  # sees the child, but is no manager
        ("iro", "missing_episodes"),
        ("analyst", "missing_episodes"),
        ("team_manager", "no_such_rule"),
        ("team_manager", "allegation"),  # not showing for this child
    ],
)
def test_the_consider_page_answers_404_to_anyone_else(client, scenario, user, rule):
    missing_twice(scenario, 20, 10)
    owen = scenario.children["own"]
    client.force_login(scenario.users[user])
    assert client.get(consider_path(owen, rule)).status_code == 404
    assert client.post(consider_path(owen, rule), {"reason": "Seen."}).status_code == 404
    assert not SignalConsideration.objects.exists()


def test_the_service_refuses_anyone_but_a_manager_who_may_see_the_child_and_a_signal_not_showing(scenario):
    missing_twice(scenario, 20, 10)
    owen = scenario.children["own"]
    for key in ("social_worker", "other_team_manager"):
        with pytest.raises(ValidationError) as refused:
            services.record_signal_considered(
                actor=scenario.users[key], child=owen, rule="missing_episodes", reason="Seen."
            )
        assert refused.value.messages == [services.NOT_A_MANAGER]
    with pytest.raises(ValidationError) as refused:
        services.record_signal_considered(
            actor=scenario.users["team_manager"], child=owen, rule="allegation", reason="Seen."
        )
    assert refused.value.messages == [services.NO_SUCH_SIGNAL]
    assert not SignalConsideration.objects.exists()


# --- Settings ----------------------------------------------------------------------------------


def test_the_authoritys_settings_decide_thresholds_and_which_rules_are_used(client, scenario):
    assert signal_settings_in_force() == DEFAULT_SETTINGS
    missing_twice(scenario, 20, 10)
    owen = scenario.children["own"]
    client.force_login(scenario.users["team_manager"])
    assert "Repeated missing episodes" in page_text(client.get(f"/children/{owen.pk}/"))
    SignalSettings.objects.create(missing_episodes=3, use_visit_overdue=False)
    in_force = signal_settings_in_force()
    assert in_force.missing_episodes == 3 and in_force.switched_off == frozenset({"visit_overdue"})
    text = page_text(client.get(f"/children/{owen.pk}/"))
    assert "Repeated missing episodes" not in text and "Statutory visit overdue" not in text


def test_administrators_set_the_signal_settings_in_the_admin(client, scenario):
    client.force_login(scenario.users["administrator"])
    assert client.get("/admin/signals/signalsettings/add/").status_code == 200
    client.force_login(scenario.users["team_manager"])
    assert client.get("/admin/signals/signalsettings/add/").status_code == 302


# --- Oversight: the list and its downloads -------------------------------------------------------


def test_the_list_shows_only_the_children_a_manager_may_see_with_signals(client, scenario):
    missing_twice(scenario, 20, 10)
    owen, otto, rhea = (scenario.children[k] for k in ("own", "other", "restricted"))
    client.force_login(scenario.users["team_manager"])
    response = client.get("/oversight/signals/")
    page = response.content.decode()
    assert response.status_code == 200
    assert f"/children/{owen.pk}/" in page and "Repeated missing episodes" in page
    assert f"/children/{otto.pk}/" not in page and f"/children/{rhea.pk}/" not in page
    client.force_login(scenario.users["other_team_manager"])
    page = client.get("/oversight/signals/").content.decode()
    assert f"/children/{otto.pk}/" in page and f"/children/{owen.pk}/" not in page


@pytest.mark.parametrize(
    "user", ["social_worker", "supervising_social_worker", "iro", "analyst", "administrator"]
)
def test_the_list_is_for_managers_only(client, scenario, user):
    client.force_login(scenario.users[user])
    assert client.get("/oversight/signals/").status_code == 404
    assert client.get("/oversight/signals/?format=csv").status_code == 404


def test_the_list_filters_by_signal_worker_and_team(client, scenario):
    missing_twice(scenario, 20, 10)
    owen, manager = scenario.children["own"], scenario.users["team_manager"]
    a_visit(owen, days_ago=5)  # so only the missing episodes show
    client.force_login(manager)

    def listed(query: str) -> bool:
        return f"/children/{owen.pk}/" in client.get(f"/oversight/signals/?{query}").content.decode()

    assert listed("rule=missing_episodes")
    assert not listed("rule=allegation")
    assert listed(f"worker={scenario.users['social_worker'].pk}")
    assert not listed(f"worker={scenario.users['team_colleague'].pk}")
    assert listed(f"team={scenario.users['social_worker'].team_id}")


def test_the_list_downloads_one_row_for_each_signal_and_the_download_is_audited(client, scenario):
    missing_twice(scenario, 20, 10)
    owen, manager = scenario.children["own"], scenario.users["team_manager"]
    client.force_login(manager)
    response = client.get("/oversight/signals/?format=csv&rule=missing_episodes")
    assert response.status_code == 200 and response["Content-Type"].startswith("text/csv")
    marking, *lines = response.content.decode("utf-8-sig").splitlines()
    assert marking == "OFFICIAL-SENSITIVE"
    assert lines[0] == "Child,Child identifier,Home,Social worker,Team,Signal,Since"
    assert len(lines) == 2 and lines[1].startswith(f"{owen.display_name},{owen.child_identifier},")
    # Why it showed (the episodes' dates) stays on the child's record, where reading is audited.
    assert lines[1].endswith(f",Repeated missing episodes,{ago(10).isoformat()}")
    event = AuditEvent.objects.get(event_type=SIGNALS_EXPORTED)
    assert event.actor == manager and event.details == {"format": "csv", "rows": 1}

    workbook = load_workbook(io.BytesIO(client.get("/oversight/signals/?format=xlsx").content))
    rows = list(workbook.active.iter_rows(min_row=exports.HEADER_ROW, values_only=True))
    assert rows[0][0] == "Child" and {r[0] for r in rows[1:]} == {owen.display_name}
    assert AuditEvent.objects.filter(event_type=SIGNALS_EXPORTED).count() == 2


def test_signal_counts_give_each_rule_in_use_and_the_tone_rule_only_to_those_who_read_cues(scenario):
    missing_twice(scenario, 20, 10)
    tone_rising(scenario)
    today = timezone.localdate()
    counts = signal_counts_for(scenario.users["team_manager"], today=today)
    assert counts["missing_episodes"] == 1 and "tone_rising" not in counts
    assert list(counts)[:3] == ["moves_in_year", "stability_scale", "missing_episodes"]
    fostering = signal_counts_for(scenario.users["fostering_team_manager"], today=today)
    assert fostering["tone_rising"] == 1 and fostering["missing_episodes"] == 1
    assert signal_counts_for(scenario.users["other_team_manager"], today=today)["missing_episodes"] == 0
    assert signal_counts_for(
        scenario.users["team_manager"], today=today, worker_id=scenario.users["team_colleague"].pk
    ) == dict.fromkeys(counts, 0)


# --- Query counts ------------------------------------------------------------------------------


def test_the_childs_record_costs_the_same_queries_however_many_records_its_signals_rest_on(client, scenario):
    owen, home = scenario.children["own"], scenario.households["own"]
    path = f"/children/{owen.pk}/"
    missing_twice(scenario, 40, 30)
    falling_scale(scenario)
    client.force_login(scenario.users["fostering_team_manager"])
    one = queries_for(client, path)
    missing_twice(scenario, 20, 15, 10)
    for d in (12, 8, 4):
        a_log(owen, home, days_ago=d, text=TIRED)
    a_scale(owen, home, days_ago=1, score=2)
    assert queries_for(client, path) == one


def test_the_list_costs_the_same_queries_however_many_children_have_signals(client, scenario):
    client.force_login(scenario.users["team_manager"])
    missing_twice(scenario, 20, 10)
    one = queries_for(client, "/oversight/signals/")
    for _ in range(5):
        child = ChildFactory()
        AllocationFactory(child=child, worker=scenario.users["team_colleague"])
        placement = PlacementFactory(child=child)
        a_log(child, placement.household, days_ago=20, event=SignificantEvent.MISSING, reviewed=19)
        a_log(child, placement.household, days_ago=9, event=SignificantEvent.MISSING)
    page = client.get("/oversight/signals/").content.decode()
    assert page.count("<li>Repeated missing episodes") == 6
    assert queries_for(client, "/oversight/signals/") == one


def test_the_list_answers_a_download_in_no_format_it_offers_as_a_page_that_does_not_exist(client, scenario):
    client.force_login(scenario.users["team_manager"])
    assert client.get("/oversight/signals/?format=pdf").status_code == 404
    assert not AuditEvent.objects.filter(event_type=SIGNALS_EXPORTED).exists()


def test_a_team_outside_the_line_is_refused_and_the_other_filters_still_apply(client, scenario):
    missing_twice(scenario, 20, 10)
    client.force_login(scenario.users["team_manager"])
    other_team = scenario.users["other_social_worker"].team
    html = client.get(f"/oversight/signals/?team={other_team.pk}&rule=missing_episodes").content.decode()
    assert TEAM_NOT_IN_LINE in html
    assert scenario.children["own"].display_name in html
