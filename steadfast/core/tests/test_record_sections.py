import ast
from pathlib import Path

import pytest
from django.conf import settings
from django.core.exceptions import ImproperlyConfigured

from steadfast.core import record_sections
from steadfast.core.record_sections import (
    CHILD,
    HOUSEHOLD,
    MEETING,
    RecordSection,
    compose,
    register,
    sections_for,
)


@pytest.fixture
def registry(monkeypatch):
    """An empty registry for the test, leaving the apps' sections as they are."""
    monkeypatch.setattr(record_sections, "_registry", {CHILD: {}, HOUSEHOLD: {}})


def _section(key, order=10, record=CHILD, context=None):
    return RecordSection(
        key=key,
        record=record,
        order=order,
        template=f"{key}.html",
        context=context or (lambda viewer, subject, **shared: {key.replace("-", "_"): subject}),
    )


def test_sections_come_in_their_order_whatever_order_they_were_registered_in(registry):
    late, early, middle = _section("late", 30), _section("early", 10), _section("middle", 20)
    register(late, early)
    register(middle, _section("elsewhere", 5, record=HOUSEHOLD))
    assert [s.key for s in sections_for(CHILD)] == ["early", "middle", "late"]
    assert [s.key for s in sections_for(HOUSEHOLD)] == ["elsewhere"]


def test_registering_a_section_again_changes_nothing_but_a_second_one_under_its_key_is_refused(registry):
    section = _section("visits")
    register(section)
    register(section)
    assert sections_for(CHILD) == [section]
    with pytest.raises(ImproperlyConfigured, match="already has a section called 'visits'"):
        register(_section("visits", order=20))


def test_a_section_is_for_a_child_a_household_or_a_meeting(registry):
    with pytest.raises(ImproperlyConfigured):
        register(_section("visits", record="placement"))


def test_the_page_gets_its_own_names_the_shared_ones_and_each_shown_sections(registry):
    seen = {}

    def hidden(viewer, subject, **shared):
        seen.update(shared)
        return None

    shown = _section("shown", 20)
    register(shown, _section("hidden", 10, context=hidden))
    context = compose(CHILD, "viewer", "the child", page={"child": "the child"}, today="today")
    assert context == {"child": "the child", "today": "today", "shown": "the child", "sections": [shown]}
    assert seen == {"today": "today"}


def test_a_section_may_not_hide_a_name_of_the_page_or_of_another_section(registry):
    register(_section("child"))
    with pytest.raises(ImproperlyConfigured, match="'child' uses the name 'child', already used by the page"):
        compose(CHILD, "viewer", "the child", page={"child": "the child"})
    also_visits = _section(
        "more-visits", 30, record=HOUSEHOLD, context=lambda viewer, subject, **shared: {"visits": 1}
    )
    register(_section("visits", 20, record=HOUSEHOLD), also_visits)
    with pytest.raises(ImproperlyConfigured, match="already used by section 'visits'"):
        compose(HOUSEHOLD, "viewer", "the household", page={})


def test_the_apps_offer_the_records_their_sections_in_the_order_the_pages_show_them():
    assert [s.key for s in sections_for(CHILD)] == [
        "restriction-review",
        "endings-awaiting-a-meeting",
        "stability-signals",
        "statutory-visits",
        "childs-voice",
        "words-and-pictures",
        "childs-own-views",
        "carer-logs",
        "stability-concerns",
        "support-requests",
        "stability-meetings",
        "safety-and-wellbeing-grids",
        "assessments",
        "childs-plan",
        "child-friendly-plans",
    ]
    assert [s.key for s in sections_for(MEETING)] == ["childs-voice"]
    assert [s.key for s in sections_for(HOUSEHOLD)] == [
        "restriction-review",
        "supervision",
        "assessments",
        "support-requests",
        "statutory-visits",
        "carer-logs",
        "stability-concerns",
        "stability-meetings",
    ]


@pytest.mark.parametrize("app", ["children", "households"])
def test_the_record_views_import_nothing_from_the_apps_built_on_them(app):
    """What the apps built on the records show there comes through their sections."""
    tree = ast.parse((Path(settings.BASE_DIR) / "steadfast" / app / "views.py").read_text())
    modules = [n.module for n in ast.walk(tree) if isinstance(n, ast.ImportFrom) and n.level == 0]
    modules += [alias.name for n in ast.walk(tree) if isinstance(n, ast.Import) for alias in n.names]
    imported = {m.split(".")[1] for m in modules if m.startswith("steadfast.")}
    assert imported <= {"core", "audit", "accounts", "children", "households", "placements"}
