"""The reading age of known texts, worked out by hand from the Flesch-Kincaid formula."""

from hypothesis import given
from hypothesis import strategies as st

from steadfast.core.readability import YOUNGEST_READING_AGE, readability_of

# One sentence of 6 one-syllable words: grade 0.39 * 6 + 11.8 * 1 - 15.59 = -1.45.
SHORT = "The cat sat on the mat."
# The opening of the Gettysburg Address, a text the measures are often checked on: 1 sentence,
# 30 words, 49 syllables (the pronouncing dictionary gives "our" two):
# grade 0.39 * 30 + 11.8 * 49 / 30 - 15.59 = 15.38.
GETTYSBURG = (
    "Four score and seven years ago our fathers brought forth on this continent a new nation, "
    "conceived in liberty, and dedicated to the proposition that all men are created equal."
)
FEEDBACK = (
    "You told us you wanted to see your brother more. We have set up a visit every Saturday. "
    "Because of what you said, Sam will take you there."
)


def test_a_sentence_of_short_words_is_read_by_the_youngest_readers():
    found = readability_of(SHORT)
    assert round(found.grade, 2) == -1.45
    assert found.reading_age == YOUNGEST_READING_AGE and found.easy


def test_a_long_sentence_of_long_words_needs_an_adult_reader():
    found = readability_of(GETTYSBURG)
    assert round(found.grade, 2) == 15.38
    assert found.reading_age == 20 and not found.easy


def test_plain_feedback_to_a_child_is_easy_to_read():
    found = readability_of(FEEDBACK)
    assert found.easy
    assert found.summary.startswith(f"Reading age about {found.reading_age} (Flesch-Kincaid grade ")


def test_a_text_without_words_has_no_reading_age():
    assert readability_of("") is None
    assert readability_of(" 12 ... !! ") is None


@given(st.text(max_size=2000))
def test_any_text_has_a_reading_age_or_none_and_never_fails(text):
    found = readability_of(text)
    assert found is None or found.reading_age >= YOUNGEST_READING_AGE
