from hypothesis import given
from hypothesis import strategies as st

from steadfast.core.child_texts import (
    CHECK_READING_AGE,
    ChildText,
    ChildTextForm,
    ChildTextPart,
    child_text_field,
    readability_of_parts,
)


class _Form(ChildTextForm):
    part_names = ("first", "second")
    first = child_text_field(heading="What we talked about")
    second = child_text_field(heading="What we agreed")


def test_a_part_is_read_as_paragraphs_and_lists():
    part = ChildTextPart("What we agreed", "We agreed:\n- You will swim.\n- Sam will help.\n\nThat is all.")
    assert part.blocks == [
        ("p", ["We agreed:"]),
        ("ul", ["You will swim.", "Sam will help."]),
        ("p", ["That is all."]),
    ]


def test_short_plain_sentences_read_younger_than_long_formal_ones():
    easy = readability_of_parts(["You live with Sam.", "- Sam will help you.", "We will meet by 3 March."])
    hard = readability_of_parts(
        [
            "Notwithstanding considerable organisational complexities, professionals collaboratively "
            "institutionalised comprehensive accommodation arrangements."
        ]
    )
    assert easy.easy and not hard.easy and easy.reading_age < hard.reading_age


def test_the_form_answers_the_reading_age_of_what_was_typed_even_when_it_is_not_valid():
    form = _Form(
        {"first": "You live with Sam.", "second": "", "seen_version": "1", "action": CHECK_READING_AGE}
    )
    assert form.checking and not form.is_valid()
    assert form.typed_readability() is not None
    assert form.errors["second"] == ["Enter what to tell the child under “What we agreed”"]


def test_a_text_with_no_words_has_no_reading_age():
    assert ChildText(title="t", child_name="c", parts=(ChildTextPart("h", "- \n  \n"),)).readability is None


@given(st.lists(st.text(max_size=300), max_size=4))
def test_any_text_gives_a_reading_age_or_none_and_never_fails(texts):
    readability = readability_of_parts(texts)
    assert readability is None or readability.reading_age >= 5


@given(st.dictionaries(st.sampled_from(["first", "second", "seen_version", "action"]), st.text(max_size=200)))
def test_any_post_to_a_child_text_form_is_answered_without_an_error(data):
    form = _Form(data)
    form.is_valid()
    form.typed_readability()
    assert isinstance(form.checking, bool)
