"""Decisions where the child's voice is not followed through, on the child's social worker's
My work and in team oversight, at a flat query count."""

import datetime

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from steadfast.my_work import work
from steadfast.voice import rules, services

pytestmark = pytest.mark.django_db
KIND = "voice_not_followed_through"


def _decision(scenario, *, days_ago: int, views: services.Views):
    return services.record_voice_for_decision(
        actor=scenario.users["social_worker"],
        child=scenario.children["own"],
        decision=services.Decision(
            "A planned move", timezone.localdate() - datetime.timedelta(days=days_ago), "TM"
        ),
        views=views,
    )


HEARD = services.Views(views_sought=True, how_sought="At home", child_said="I want to stay.")
NOT_SOUGHT = services.Views(views_sought=False, not_sought_reason="In hospital.")


def _mine(scenario, username="social_worker"):
    return [i for i in work.work_for(scenario.users[username], today=timezone.localdate()) if i.kind == KIND]


def test_views_not_sought_are_on_the_childs_social_workers_my_work(scenario):
    record = _decision(scenario, days_ago=2, views=NOT_SOUGHT)
    [item] = _mine(scenario)
    assert item.title == rules.GAP_TITLES[rules.NOT_SOUGHT]
    assert item.url == f"/voice/{record.pk}/"
    assert not _mine(scenario, "other_social_worker")


def test_nothing_is_due_until_the_ten_working_days_have_passed_then_both_gaps_are_named(scenario):
    _decision(scenario, days_ago=1, views=HEARD)
    assert not _mine(scenario)
    record = _decision(scenario, days_ago=30, views=HEARD)
    [item] = _mine(scenario)
    assert item.overdue and item.due == rules.feedback_due(record.decided_on)
    assert "nothing recorded about what changed; not fed back to the child" in item.detail
    services.record_influence(
        actor=scenario.users["social_worker"],
        record=record,
        asked_for="Stay",
        outcome="changed",
        explanation="Yes",
    )
    services.record_feedback_shared(
        actor=scenario.users["social_worker"],
        record=record,
        fed_back_on=timezone.localdate(),
        fed_back_how="in_person",
        fed_back_by="Sam",
        seen_version=record.version,
    )
    assert not _mine(scenario)


def test_the_oversight_list_shows_them_to_the_team_manager(client, scenario):
    _decision(scenario, days_ago=2, views=NOT_SOUGHT)
    client.force_login(scenario.users["team_manager"])
    page = client.get("/oversight/childs-voice-not-followed-through/").content.decode()
    assert "not sought" in page
    client.force_login(scenario.users["social_worker"])
    assert client.get("/oversight/childs-voice-not-followed-through/").status_code == 404


def test_the_query_count_stays_flat_as_the_decisions_grow(scenario):
    _decision(scenario, days_ago=30, views=HEARD)
    user = scenario.users["social_worker"]

    def count() -> int:
        with CaptureQueriesContext(connection) as queries:
            work.team_work(user, today=timezone.localdate(), kinds={KIND})
        return len(queries)

    count()
    before = count()
    for n in range(4):
        _decision(scenario, days_ago=20 + n, views=NOT_SOUGHT if n % 2 else HEARD)
    assert count() == before
    assert len(_mine(scenario)) == 5
