"""Long texts shortened for lists: on a word boundary, never inside a word, a letter or an entity,
with an ellipsis; short texts unchanged."""

import re

import pytest
from django.template import engines
from hypothesis import example, given
from hypothesis import strategies as st
from markupsafe import Markup

from steadfast.core.shortening import _TRAILING as TRAILING
from steadfast.core.shortening import ELLIPSIS, LIST_LIMIT, is_shortened, shorten, shorten_pieces

SENTENCE = "Owen was upset after contact and would not settle, so we sat with him and read until late. "


def test_a_short_text_is_unchanged():
    assert shorten("A calm evening.") == "A calm evening."
    assert not is_shortened("A calm evening.")


def test_a_text_of_exactly_the_limit_is_unchanged():
    text = ("word " * 40)[:LIST_LIMIT]
    assert len(text) == LIST_LIMIT
    assert shorten(text) == text


def test_a_text_one_character_over_the_limit_is_shortened_on_a_word_boundary():
    text = "a" * 149 + " bc"
    assert shorten(text) == "a" * 149 + ELLIPSIS


def test_a_word_that_ends_exactly_at_the_limit_is_kept_whole():
    text = "ab " * 49 + "abc" + " more words"
    assert len("ab " * 49 + "abc") == LIST_LIMIT
    assert shorten(text) == "ab " * 49 + "abc" + ELLIPSIS


def test_a_cut_after_a_full_stop_leaves_no_stop_before_the_ellipsis():
    text = "a" * 135 + " (fictional). Before the meeting, please share your views."
    assert shorten(text) == "a" * 135 + " (fictional)" + ELLIPSIS


def test_a_long_text_is_cut_at_the_last_space_that_fits():
    text = SENTENCE * 3
    short = shorten(text)
    assert short.endswith(ELLIPSIS)
    kept = short.removesuffix(ELLIPSIS)
    assert len(kept) <= LIST_LIMIT and text.startswith(kept)
    assert text[len(kept)] in " ,"  # the next character ends the word: no word is cut
    assert kept.endswith("so we")


def test_punctuation_left_before_the_ellipsis_goes():
    text = "We talked, " + "then " * 40
    assert shorten("We talked, then everything else " + "x" * 200, 12) == "We talked" + ELLIPSIS
    assert not shorten(text, 11).endswith("," + ELLIPSIS)


def test_a_2000_character_unbroken_string_is_still_shortened():
    text = "x" * 2000
    short = shorten(text)
    assert short == "x" * LIST_LIMIT + ELLIPSIS
    assert is_shortened(text)


def test_a_long_link_after_a_few_words_is_left_for_the_whole_text():
    link = "https://example.invalid/" + "averylongreference" * 20
    assert shorten(f"The school sent {link} about the trip.") == "The school sent" + ELLIPSIS


def test_non_ascii_letters_count_as_one_character_and_are_never_split():
    text = "Zoë\u2019s señora said «très bien» " * 10
    short = shorten(text)
    assert text.startswith(short.removesuffix(ELLIPSIS))
    assert short.removesuffix(ELLIPSIS).endswith(("Zoë\u2019s", "señora", "said", "«très", "bien»"))
    # An accent written as a separate combining mark stays with its letter
    decomposed = "e\u0301" * 100
    cut = shorten(decomposed, 151).removesuffix(ELLIPSIS)
    assert cut == "e\u0301" * 75
    # A family emoji joined from several characters is not split
    family = "👩\u200d👩\u200d👧" * 60
    cut = shorten(family, 10).removesuffix(ELLIPSIS)
    assert cut.endswith("👧") and family.startswith(cut)


def test_welsh_and_other_scripts_are_cut_on_their_spaces():
    text = "Mae\u2019r plentyn yn hapus iawn yn yr ysgol newydd ac yn gwneud ffrindiau " * 5
    short = shorten(text, 40)
    assert short == "Mae\u2019r plentyn yn hapus iawn yn yr ysgol" + ELLIPSIS


def test_a_no_break_space_joins_its_words():
    text = "Tell us on 0300\u00a0123\u00a04567" + " and more" * 20
    assert shorten(text, 20) == "Tell us on" + ELLIPSIS


def test_html_is_escaped_after_shortening_so_no_entity_is_cut():
    jinja = engines["jinja2"]
    text = "Tom & Jerry <b>" + " word" * 50
    page = jinja.from_string("{{ text|shorten(17) }}").render({"text": text})
    assert page == "Tom &amp; Jerry &lt;b&gt;" + ELLIPSIS
    # Markup is read as the text it shows: no tag or entity survives to be cut
    marked = Markup("<p>Tom &amp; Jerry</p> " * 20)
    assert shorten(marked, 12) == "Tom & Jerry" + ELLIPSIS
    fish = Markup("Fish &amp; chips on Friday")
    assert jinja.from_string("{{ text|shorten(8) }}").render({"text": fish}) == "Fish &amp;" + ELLIPSIS


def test_nothing_shortens_to_nothing():
    assert shorten(None) == ""
    assert shorten("") == ""


def test_a_text_is_not_shortened_where_that_would_hide_what_a_search_matched():
    text = SENTENCE * 3 + "The word was respite."
    assert shorten(text, keep=["RESPITE"]) == text
    assert shorten(text, keep=["owen"]).endswith(ELLIPSIS)  # matched in what is shown
    assert shorten(text, keep=["absent"]).endswith(ELLIPSIS)
    assert shorten(text, keep=[""]).endswith(ELLIPSIS)


def test_the_limit_must_be_positive():
    with pytest.raises(ValueError):
        shorten("Some words here", 0)


def test_marked_pieces_are_shortened_as_the_whole_text_and_keep_their_marks():
    pieces = [("I am tired, ", None), ("at the end of my tether", "ending"), (" and more " * 20, None)]
    pieces.append(("cannot go on", "hopelessness"))
    short = shorten_pieces(pieces, 40)
    whole = "".join(p for p, _ in pieces)
    assert short.shortened
    assert "".join(p for p, _ in short.pieces) == shorten(whole, 40)
    assert short.pieces[1] == ("at the end of my tether", "ending")
    assert short.marks_left_out == ["hopelessness"]


def test_a_marked_piece_cut_part_way_keeps_its_mark_and_is_not_counted_as_left_out():
    pieces = [("Calm. ", None), ("I cannot cope with this any longer", "exhaustion"), (" at all", None)]
    short = shorten_pieces(pieces, 20)
    assert short.pieces == [("Calm. ", None), ("I cannot cope", "exhaustion"), (ELLIPSIS, None)]
    assert short.marks_left_out == []


def test_short_marked_pieces_are_unchanged():
    pieces = [("A calm evening, ", None), ("shattered", "exhaustion")]
    assert shorten_pieces(pieces) == (pieces, False, [])


texts = st.text(alphabet=st.characters(codec="utf-8", exclude_categories=["Cs"]), max_size=600)
some_words = st.lists(st.text(alphabet="abcdé\u2019 ,.\n\u00a0", min_size=1, max_size=30), max_size=40).map(
    "".join
)


@given(text=st.one_of(texts, some_words), limit=st.integers(min_value=1, max_value=300))
@example(text="x" * 2000, limit=LIST_LIMIT)
@example(text=" " * 10 + "y" * 200, limit=5)
def test_any_text_shortens_to_a_prefix_of_itself_within_the_limit_plus_an_ellipsis(text, limit):
    short = shorten(text, limit)
    if len(text) <= limit:
        assert short == text
        return
    assert short.endswith(ELLIPSIS)
    kept = short.removesuffix(ELLIPSIS)
    assert text.startswith(kept)
    assert 0 < len(kept) <= limit
    # Cut between words wherever a word ends within the limit; only a first word longer than
    # the limit is cut inside itself.
    breaks = [m.start() for m in re.finditer(r"[^\S\u00a0\u2007\u202f]", text[: limit + 1])]
    if any(text[:b].rstrip(TRAILING) for b in breaks):
        assert re.match(r"[^\S\u00a0\u2007\u202f]", text[len(kept)]) or text[len(kept)] in TRAILING
