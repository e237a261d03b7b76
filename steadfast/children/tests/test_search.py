"""Finding a child on the children list as a person types: names in any order, part of a name,
any case, with or without accents and punctuation, or the identifier; and a search that cannot
be read is refused with the GOV.UK error summary, listing nobody."""

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from markupsafe import escape

from steadfast.accounts.models import AllocationRole
from steadfast.children.models import Child
from steadfast.children.search import folded, search_words
from tests.factories import AllocationFactory, ChildFactory, UserFactory

pytestmark = pytest.mark.django_db

AYDIN_NAME = "Ayd\u0131n"  # with the dotless i, whose capital is I


@pytest.fixture
def worker_and_children():
    worker = UserFactory()
    children = {
        "leon": ChildFactory(legal_first_name="Leon", legal_last_name="Abbott", child_identifier="NB-000123"),
        "zoe": ChildFactory(legal_first_name="Zoë", legal_last_name="Brontë"),
        "siobhan": ChildFactory(legal_first_name="Siobhan", legal_last_name="O'Neil", preferred_name="Shiv"),
        "ann": ChildFactory(legal_first_name="Ann", legal_last_name="Smith-Jones"),
        "aydin": ChildFactory(legal_first_name=AYDIN_NAME, legal_last_name="Kaya"),
    }
    for child in children.values():
        AllocationFactory(child=child, worker=worker, role=AllocationRole.SOCIAL_WORKER)
    return worker, children


def _found(client, query: str, **params) -> set[str]:
    response = client.get("/children/", {"q": query, **params})
    assert response.status_code == 200
    page = response.content.decode()
    return {name for name in ("Leon", "Zoë", "Shiv", "Ann", AYDIN_NAME) if f">{name} " in page}


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ("Leon Abbott", {"Leon"}),
        ("Abbott Leon", {"Leon"}),
        ("Abbott, Leon", {"Leon"}),
        ("  abbott   LEON ", {"Leon"}),
        ("abb", {"Leon"}),
        ("Leon Brontë", set()),
        ("zoe bronte", {"Zoë"}),
        ("ZOË", {"Zoë"}),
        ("O'Neil", {"Shiv"}),
        ("oneil siobhan", {"Shiv"}),
        ("O\u2019Neil", {"Shiv"}),
        ("shiv", {"Shiv"}),
        ("AYDIN", {AYDIN_NAME}),
        ("Smith-Jones", {"Ann"}),
        ("jones ann", {"Ann"}),
        ("nb-000123", {"Leon"}),
        ("NB000123", set()),
        ("000123", {"Leon"}),
        ("", {"Leon", "Zoë", "Shiv", "Ann", AYDIN_NAME}),
        ("!!!", {"Leon", "Zoë", "Shiv", "Ann", AYDIN_NAME}),
    ],
)
def test_a_search_finds_children_by_any_order_part_case_accent_or_identifier(
    client, worker_and_children, query, expected
):
    worker, _ = worker_and_children
    client.force_login(worker)
    assert _found(client, query) == expected


def test_a_search_finds_only_children_the_user_may_see(client, worker_and_children):
    ChildFactory(legal_first_name="Leon", legal_last_name="Abbott-Hidden")
    worker, _ = worker_and_children
    client.force_login(worker)
    page = client.get("/children/", {"q": "leon"}).content.decode()
    assert "Abbott-Hidden" not in page
    assert "Showing 1 to 1 of 1 child" in page


@pytest.mark.parametrize(
    ("params", "message"),
    [
        ({"q": "a" * 500}, "Name or child identifier must be 100 characters or fewer"),
        ({"q": "Leon\x00Abbott"}, "Null characters are not allowed."),
        ({"worker": "b" * 101}, "Allocated worker's name must be 100 characters or fewer"),
        ({"team": "not-a-team"}, "Select a team from the list"),
        ({"placement_type": "castle"}, "Select a placement type from the list"),
        ({"placements": "99"}, "Select a number of placements from the list"),
    ],
)
def test_a_search_that_cannot_be_read_is_refused_and_lists_nobody(
    client, worker_and_children, params, message
):
    worker, _ = worker_and_children
    client.force_login(worker)
    response = client.get("/children/", params)
    assert response.status_code == 200
    page = response.content.decode()
    assert "govuk-error-summary" in page
    assert str(escape(message)) in page
    assert "<title>Error: Children" in page
    assert "No children match." in page
    assert "Leon Abbott" not in page


def test_a_child_changed_is_found_by_the_new_name(client, worker_and_children):
    worker, children = worker_and_children
    child = children["leon"]
    child.legal_last_name = "Ábbott-Renamed"
    child.save(update_fields=["legal_last_name"])
    client.force_login(worker)
    assert _found(client, "abbott renamed") == {"Leon"}


@given(st.text(max_size=120))
@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
def test_any_search_answers_without_error(client, worker_and_children, query):
    worker, _ = worker_and_children
    client.force_login(worker)
    response = client.get("/children/", {"q": query})
    assert response.status_code == 200


NAME = st.text(
    alphabet=st.characters(categories=["L", "M"], exclude_characters="\x00"), min_size=1, max_size=20
).filter(lambda name: folded(name))


@given(first=NAME, last=NAME)
@settings(max_examples=300, deadline=None)
def test_every_word_of_a_childs_names_finds_them_whatever_its_case_or_accents(first, last):
    child = Child(legal_first_name=first, legal_last_name=last, preferred_name="", child_identifier="X1")
    stored = child.searchable()
    for query in (f"{first} {last}", f"{last}, {first}", first.upper(), last.lower()):
        assert all(word in stored for word in search_words(query)), query
