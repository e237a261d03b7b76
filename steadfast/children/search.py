"""Finding a child by name or identifier, as a person types them: any order of names, part of
a name, with or without capitals, accents and punctuation ("Leon Abbott", "Abbott, Leon",
"abb", "Zoë" or "Zoe", "O'Neil" or "ONeil", "DEMO000123")."""

import re
import unicodedata

# At most this many words of a search are used; a longer search is refused by the form.
MOST_WORDS = 8
_APOSTROPHES = re.compile(r"['\u2018\u2019\u02bc`]")
_NOT_A_LETTER_OR_DIGIT = re.compile(r"[^0-9a-z]+")


def folded(text: str) -> str:
    """`text` in the form searches compare: lower case, without accents, apostrophes dropped
    (O'Neil is oneil) and every other run of punctuation or space one space. It folds the
    capitals of the text, so that a letter whose capital folds to another letter (the Turkish
    dotless i, U+0131, whose capital is I) is found however it was typed."""
    decomposed = unicodedata.normalize("NFKD", text.upper().casefold())
    plain = "".join(c for c in decomposed if not unicodedata.combining(c))
    plain = _APOSTROPHES.sub("", plain)
    return _NOT_A_LETTER_OR_DIGIT.sub(" ", plain).strip()


def search_words(query: str) -> list[str]:
    """The words of a search, folded, each to be found somewhere in the child's names or
    identifier; the same word twice counts once."""
    return list(dict.fromkeys(folded(query).split()))[:MOST_WORDS]
