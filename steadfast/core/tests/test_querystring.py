from hypothesis import given, settings
from hypothesis import strategies as st

from steadfast.core.querystring import MAX_ID, MAX_PAGE, id_from, page_number_from


def test_an_id_is_read_from_ascii_digits():
    assert id_from("42") == 42


def test_anything_that_cannot_be_an_id_is_none():
    for value in (
        None,
        "",
        "abc",
        "²",
        "٣",
        "-1",
        "0",
        "1.0",
        " 1",
        "1\x00",
        "9" * 20,
        str(MAX_ID + 1),
        ["1"],
        1,
    ):
        assert id_from(value) is None, value


def test_a_page_number_beyond_any_list_is_none():
    assert page_number_from("3") == 3
    assert page_number_from(str(MAX_PAGE + 1)) is None
    assert page_number_from("²") is None


@settings(max_examples=300, deadline=None, derandomize=True)
@given(st.one_of(st.none(), st.text(max_size=40), st.integers().map(str), st.lists(st.text(max_size=3))))
def test_whatever_is_given_the_answer_is_none_or_an_id_a_column_holds(value):
    for read, largest in ((id_from, MAX_ID), (page_number_from, MAX_PAGE)):
        number = read(value)
        assert number is None or (isinstance(number, int) and 1 <= number <= largest)
