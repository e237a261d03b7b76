"""Long texts shortened for lists, on a word boundary, with an ellipsis.

A list shows the start of what someone wrote and links to the record's own page (or opens a
details element) for the whole of it; the record's own page never shortens. Shortening works on
the plain text, before the template escapes it, so an HTML entity is never cut in half.
"""

import re
import unicodedata
from collections.abc import Iterable, Sequence
from typing import Any, NamedTuple

from markupsafe import Markup

LIST_LIMIT = 150
ELLIPSIS = "…"

# Spaces a line may break at: any whitespace except the no-break spaces, which join their words.
_BREAK = re.compile(r"[^\S\u00a0\u2007\u202f]")
# Left at the end of a cut, these would read oddly before the ellipsis: "the school, …", "(fictional).…".
_TRAILING = " \t\r\n.,;:-\u2013\u2014([{/\\\"'\u2018\u201c"  # dashes and opening quotes among them
_JOINERS = {"\u200d", "\u200c"}  # zero-width joiner and non-joiner: they join what is either side


def _joined_to_what_comes_before(char: str) -> bool:
    """A character that belongs with the one before it: a combining accent, a variation selector,
    an emoji modifier or a joiner. A cut just before it would split one letter or emoji in two."""
    return (
        unicodedata.combining(char) != 0
        or unicodedata.category(char) in {"Mn", "Me", "Mc"}
        or char in _JOINERS
        or "\ufe00" <= char <= "\ufe0f"
        or "\U0001f3fb" <= char <= "\U0001f3ff"
    )


def _hard_cut(text: str, limit: int) -> int:
    """Where to cut a word longer than the limit: at the limit, moved back so that no letter, and
    no emoji joined from several characters, is split."""
    end = limit
    while end > 1 and (_joined_to_what_comes_before(text[end]) or text[end - 1] in _JOINERS):
        end -= 1
    return end


def _hidden(text: str, shown: int, keep: Iterable[str]) -> bool:
    """Whether any of the words to keep appears in the text but not wholly in its first `shown`
    characters."""
    folded, folded_shown = text.casefold(), text[:shown].casefold()
    for term in keep:
        term = (term or "").strip().casefold()
        if term and term in folded and term not in folded_shown:
            return True
    return False


def shorten(text: Any, limit: int = LIST_LIMIT, *, keep: Iterable[str] = ()) -> str:
    """The text as a list shows it: unchanged if it is no longer than `limit` characters, otherwise
    its first words that fit within `limit` characters followed by an ellipsis.

    It is cut at the last space that fits, never inside a word, unless the first word alone is
    longer than the limit (a pasted link, a long reference): then that word is cut at the limit,
    never inside one letter or emoji. The result without its ellipsis is always a prefix of the
    text, at most `limit` characters long. A text containing any of `keep` (what a search matched
    on) beyond the cut is not shortened, so the reason it was found is never hidden.

    Markup is read as the plain text it shows and shortened as plain text, so no tag or entity is
    cut; the template escapes the result.
    """
    text = _plain(text)
    if limit < 1:
        raise ValueError("The limit must be at least one character")
    if len(text) <= limit:
        return text
    end = _cut(text, limit)
    if keep and _hidden(text, end, keep):
        return text
    return text[:end] + ELLIPSIS


def _cut(text: str, limit: int) -> int:
    """How many characters of `text` (longer than `limit`) a shortened form keeps."""
    if _BREAK.match(text, limit):
        end = limit  # the last word that fits ends exactly at the limit
    else:
        breaks = [m.start() for m in _BREAK.finditer(text, 0, limit)]
        end = breaks[-1] if breaks else 0
    end = len(text[:end].rstrip(_TRAILING))
    if end == 0:
        # No word ends within the limit: cut the first word, and what is left of it
        end = len(text[: _hard_cut(text, limit)].rstrip(_TRAILING)) or _hard_cut(text, limit)
    return end


def _plain(text: Any) -> str:
    if text is None:
        return ""
    if isinstance(text, Markup):
        return text.striptags()
    return str(text)


def is_shortened(text: Any, limit: int = LIST_LIMIT) -> bool:
    """Whether a list shortens this text."""
    return len(_plain(text)) > limit


class ShortenedPieces(NamedTuple):
    pieces: list[tuple[str, Any]]  # those shown, the last cut and followed by an ellipsis
    shortened: bool
    marks_left_out: list[Any]  # the marks of the pieces left out


def shorten_pieces(pieces: Sequence[tuple[str, Any]], limit: int = LIST_LIMIT) -> ShortenedPieces:
    """A text given in marked pieces (a log with its tone cues), shortened as `shorten` would
    shorten the whole, each piece keeping its mark; with the marks left out, so that the page can
    say that more is marked further on."""
    whole = "".join(piece for piece, _ in pieces)
    if len(whole) <= limit:
        return ShortenedPieces(list(pieces), False, [])
    end = _cut(whole, limit)
    shown: list[tuple[str, Any]] = []
    left_out: list[Any] = []
    start = 0
    for piece, mark in pieces:
        stop = start + len(piece)
        if stop <= end:
            shown.append((piece, mark))
        elif start < end:
            shown.append((piece[: end - start], mark))  # its mark still shows on what is left
        elif mark:
            left_out.append(mark)
        start = stop
    shown.append((ELLIPSIS, None))
    return ShortenedPieces(shown, True, left_out)
