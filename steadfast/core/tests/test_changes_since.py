"""What changed in a record since a version someone saw, as a refused form lists it."""

import pytest

from steadfast.children.services import update_child_details
from steadfast.core.selectors import changes_since
from tests.factories import ChildFactory, UserFactory

pytestmark = pytest.mark.django_db


def _change(child, by, **changes):
    child.refresh_from_db()
    return update_child_details(actor=by, child=child, seen_version=child.version, changes=changes)


def test_each_change_since_the_version_seen_is_listed_with_who_made_it_and_the_new_values():
    child = ChildFactory(sex="female")
    colleague, viewer = UserFactory(), UserFactory()
    seen = child.version
    _change(child, colleague, school="Elsewhere High", sex="male")
    _change(child, viewer, preferred_name="Sunny")
    first, second = changes_since(child, seen, viewer=viewer)
    assert (first.version, first.by) == (seen + 1, colleague.get_full_name())
    assert {(f.label, f.value) for f in first.fields} == {("School", "Elsewhere High"), ("Sex", "Male")}
    assert second.by == "You, in another tab or window"
    assert [(f.label, f.value) for f in second.fields] == [("Preferred name", "Sunny")]


def test_nothing_is_listed_for_the_version_saved_or_an_unknown_one():
    child = ChildFactory()
    _change(child, UserFactory(), school="Elsewhere High")
    child.refresh_from_db()
    assert child.version == 2
    assert changes_since(child, child.version) == []
    assert changes_since(child, None) == []


def test_bookkeeping_is_never_listed_as_a_change_and_a_blank_value_says_so():
    child = ChildFactory(school="Old School")
    seen = child.version
    _change(child, UserFactory(), school="")
    (change,) = changes_since(child, seen)
    assert [(f.label, f.value) for f in change.fields] == [("School", "Blank")]


def test_with_fields_only_those_are_listed_in_every_change():
    child = ChildFactory(sex="female")
    seen = child.version
    _change(child, UserFactory(), school="Elsewhere High", sex="male")
    _change(child, UserFactory(), preferred_name="Sunny", school="Third School")
    first, second = changes_since(child, seen, fields=["school"])
    assert [(f.label, f.value) for f in first.fields] == [("School", "Elsewhere High")]
    assert [(f.label, f.value) for f in second.fields] == [("School", "Third School")]
    _change(child, UserFactory(), preferred_name="Sun")
    assert changes_since(child, seen + 2, fields=["school"])[0].fields == []  # who and when still show
