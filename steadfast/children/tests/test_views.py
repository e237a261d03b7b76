import datetime
import html

import pytest
from django.utils.html import escape

from steadfast.accounts.models import AllocationRole
from steadfast.audit.models import AuditEvent
from steadfast.audit.services import CHILD_VIEWED
from steadfast.children.forms import IDENTIFIER_TAKEN
from steadfast.children.models import Child
from steadfast.children.services import update_child_details
from steadfast.core.errors import STALE_EDIT
from tests.factories import AllocationFactory, ChildFactory, PlacementFactory, UserFactory, days_ago
from tests.queries import queries_for
from tests.test_nothing_lost import _child_form

pytestmark = pytest.mark.django_db


def _allocated_children(worker, count: int) -> list[Child]:
    children = []
    for _ in range(count):
        child = ChildFactory()
        AllocationFactory(child=child, worker=worker)
        PlacementFactory(child=child, start_date=days_ago(40))
        children.append(child)
    return children


def test_the_children_list_costs_the_same_queries_for_three_children_as_for_thirty(client):
    worker = UserFactory()
    client.force_login(worker)
    _allocated_children(worker, 3)
    few = queries_for(client, "/children/")
    _allocated_children(worker, 27)
    assert queries_for(client, "/children/") == few


def test_a_childs_record_costs_the_same_queries_however_long_their_history(client):
    worker = UserFactory()
    client.force_login(worker)
    (child,) = _allocated_children(worker, 1)
    few = queries_for(client, f"/children/{child.pk}/")
    for n in range(8):
        PlacementFactory(
            child=child,
            start_date=days_ago(900 - n * 100),
            end_date=days_ago(850 - n * 100),
            ended=True,
        )
        AllocationFactory(
            child=child,
            role=AllocationRole.PLACEMENT_SUPPORT,
            worker=UserFactory(role="placement_support_worker"),
        )
    assert queries_for(client, f"/children/{child.pk}/") == few


def test_opening_a_childs_record_is_audited(client):
    worker = UserFactory()
    (child,) = _allocated_children(worker, 1)
    client.force_login(worker)
    client.get(f"/children/{child.pk}/")
    assert AuditEvent.objects.filter(event_type=CHILD_VIEWED, child_id=child.pk, actor=worker).count() == 1


def test_managers_see_who_has_viewed_a_record_and_social_workers_do_not(client):
    manager = UserFactory(role="team_manager")
    worker = UserFactory(team=manager.team)
    (child,) = _allocated_children(worker, 1)
    client.force_login(worker)
    assert "Who has viewed this record" not in client.get(f"/children/{child.pk}/").content.decode()
    client.force_login(manager)
    page = client.get(f"/children/{child.pk}/").content.decode()
    assert "Who has viewed this record" in page
    assert worker.first_name in page


def test_the_list_filters_to_children_with_three_or_more_placements_this_year(client):
    worker = UserFactory()
    client.force_login(worker)
    steady, moved = _allocated_children(worker, 2)
    for start, end in ((300, 200), (200, 100)):
        PlacementFactory(
            child=moved,
            start_date=days_ago(start),
            end_date=days_ago(end),
            end_reason="other",
            ending_planned=False,
        )
    page = client.get("/children/?placements=3").content.decode()
    assert f"/children/{moved.pk}/" in page
    assert f"/children/{steady.pk}/" not in page


def _add_form(**overrides):
    data = {
        "child_identifier": "FORM000001",
        "legal_first_name": "Formy",
        "legal_last_name": "Example",
        "date_of_birth-day": "3",
        "date_of_birth-month": "4",
        "date_of_birth-year": "2015",
        "sex": "male",
        "ethnicity": "white_british",
    }
    return data | overrides


def test_an_incomplete_add_child_form_explains_every_problem_and_saves_nothing(client):
    worker = UserFactory()
    client.force_login(worker)
    response = client.post(
        "/children/add/",
        {"date_of_birth-day": "31", "date_of_birth-month": "2", "date_of_birth-year": "2015"},
    )
    page = response.content.decode()
    assert response.status_code == 200
    assert "There is a problem" in page
    assert "Date of birth must be a real date" in page
    assert "Enter the child identifier" in page
    assert 'href="#id_date_of_birth-day"' in page
    assert not Child.objects.exists()


def test_a_duplicate_child_identifier_is_refused_with_a_clear_message(client):
    ChildFactory(child_identifier="FORM000001")
    worker = UserFactory()
    client.force_login(worker)
    page = client.post("/children/add/", _add_form(social_worker=worker.pk)).content.decode()
    assert escape(IDENTIFIER_TAKEN) in page
    assert Child.objects.count() == 1


def test_a_social_worker_adds_a_child_and_is_allocated_to_them(client):
    worker = UserFactory()
    client.force_login(worker)
    response = client.post("/children/add/", _add_form(social_worker=worker.pk))
    child = Child.objects.get()
    assert response["Location"] == f"/children/{child.pk}/"
    assert child.allocations.get().worker == worker


def test_an_edit_from_a_stale_form_is_refused_and_the_colleagues_change_survives(client):
    worker = UserFactory()
    (child,) = _allocated_children(worker, 1)
    client.force_login(worker)
    opened_at = child.version
    update_child_details(
        actor=UserFactory(),
        child=child,
        seen_version=child.version,
        changes={"school": "Changed elsewhere"},
    )
    response = client.post(
        f"/children/{child.pk}/edit/", _add_form(legal_first_name="Edited", seen_version=opened_at)
    )
    assert response.status_code == 200
    assert escape(STALE_EDIT) in response.content.decode()
    child.refresh_from_db()
    assert child.school == "Changed elsewhere"
    assert child.legal_first_name != "Edited"


def test_an_edit_with_a_mangled_version_is_treated_as_stale_not_crashed(client):
    worker = UserFactory()
    (child,) = _allocated_children(worker, 1)
    client.force_login(worker)
    response = client.post(
        f"/children/{child.pk}/edit/", _add_form(legal_first_name="Edited", seen_version="not-a-number")
    )
    assert response.status_code == 200
    assert escape(STALE_EDIT) in response.content.decode()
    assert Child.objects.get(pk=child.pk).legal_first_name != "Edited"


def test_the_list_filters_by_an_allocated_workers_name(client):
    manager = UserFactory(role="team_manager")
    wendy = UserFactory(first_name="Wendy", last_name="Okafor", team=manager.team)
    other = UserFactory(first_name="Bill", last_name="Stone", team=manager.team)
    (wendys,) = _allocated_children(wendy, 1)
    (bills,) = _allocated_children(other, 1)
    client.force_login(manager)
    page = client.get("/children/?worker=wendy+okafor").content.decode()
    assert f"/children/{wendys.pk}/" in page
    assert f"/children/{bills.pk}/" not in page


def test_a_sibling_shows_with_their_own_placement_count_and_a_restricted_one_not_at_all(client):
    from steadfast.children.models import Relationship

    worker = UserFactory()
    child, sibling = _allocated_children(worker, 2)
    hidden = ChildFactory(legal_first_name="Hidden", restricted=True)
    Relationship.objects.create(child=child, kind="sibling", related_child=sibling)
    Relationship.objects.create(child=child, kind="sibling", related_child=hidden)
    client.force_login(worker)
    page = client.get(f"/children/{child.pk}/").content.decode()
    assert (
        f'href="/children/{sibling.pk}/">{sibling.display_name}</a>, 1 placement in the last 12 months'
        in page
    )
    assert "Hidden" not in page


def test_paging_keeps_the_filters_and_a_page_past_the_end_or_nonsense_still_answers(client, settings):
    settings.PAGE_SIZE = 2
    worker = UserFactory()
    client.force_login(worker)
    _allocated_children(worker, 5)
    page = client.get("/children/?q=Example").content.decode()
    assert 'href="?q=Example&amp;page=2"' in page
    assert "Showing 5 to 5 of 5 children" in client.get("/children/?page=99").content.decode()
    assert "Showing 1 to 2 of 5 children" in client.get("/children/?page=abc").content.decode()


def _edit_form(child, **overrides) -> dict:
    return {k: str(v) for k, v in _child_form(child, seen_version=child.version).items()} | overrides


def _died_on(day) -> dict[str, str]:
    return {
        "date_of_death-day": str(day.day),
        "date_of_death-month": str(day.month),
        "date_of_death-year": str(day.year),
    }


def test_a_date_of_death_is_recorded_on_the_edit_form_and_shown_on_the_record(client):
    worker = UserFactory()
    (child,) = _allocated_children(worker, 1)
    client.force_login(worker)
    assert "Date of death" not in client.get(f"/children/{child.pk}/").content.decode()
    died = days_ago(3)
    response = client.post(f"/children/{child.pk}/edit/", _edit_form(child, **_died_on(died)))
    assert response.status_code == 302
    child.refresh_from_db()
    assert child.date_of_death == died
    page = client.get(f"/children/{child.pk}/").content.decode()
    assert "Date of death" in page and f"{died.day} {died:%B %Y}" in page
    assert child.history.first().date_of_death == died  # kept in the field history


@pytest.mark.parametrize(
    ("when", "message"),
    [
        ("tomorrow", "The date of death must be today or in the past"),
        ("before birth", "Date of death must be on or after the date of birth"),
        ("impossible", "The date of death must be a real date"),
    ],
)
def test_a_date_of_death_in_the_future_or_before_birth_is_refused_and_nothing_saved(client, when, message):
    worker = UserFactory()
    (child,) = _allocated_children(worker, 1)
    client.force_login(worker)
    day = {
        "tomorrow": _died_on(days_ago(-1)),
        "before birth": _died_on(child.date_of_birth - datetime.timedelta(days=1)),
        "impossible": {"date_of_death-day": "31", "date_of_death-month": "2", "date_of_death-year": "2020"},
    }[when]
    response = client.post(f"/children/{child.pk}/edit/", _edit_form(child, school="Not saved", **day))
    assert response.status_code == 200
    assert message in html.unescape(response.content.decode())
    child.refresh_from_db()
    assert child.date_of_death is None and child.school != "Not saved"


def test_a_date_of_death_may_fall_during_a_placement(client):
    worker = UserFactory()
    (child,) = _allocated_children(worker, 1)  # placed 40 days ago, still placed
    client.force_login(worker)
    response = client.post(f"/children/{child.pk}/edit/", _edit_form(child, **_died_on(days_ago(10))))
    assert response.status_code == 302


def test_someone_who_may_not_change_the_child_gets_404_from_the_edit_form(client):
    (child,) = _allocated_children(UserFactory(), 1)
    client.force_login(UserFactory())
    response = client.post(f"/children/{child.pk}/edit/", _edit_form(child, **_died_on(days_ago(3))))
    assert response.status_code == 404
    child.refresh_from_db()
    assert child.date_of_death is None
