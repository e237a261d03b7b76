"""Reading a record's id or a page number from a query string or a posted field.

Whatever is typed into an address bar reaches these: letters, other scripts' digits and
superscripts (which `str.isdigit()` takes and `int()` may refuse), twenty-digit numbers (which no
database column holds), lists, NUL bytes. Each reader gives a number a query can safely use, or
None, which finds nothing: never an exception."""

from typing import Any

MAX_ID = 2**31 - 1
"""The largest id any table's key holds (PostgreSQL's integer; Django's big keys go further, but
no record here has an id anywhere near it)."""

MAX_PAGE = 1_000_000
"""More pages than any list has; a larger number is nonsense, not a page."""


def _whole_number(value: Any, *, largest: int) -> int | None:
    if (
        not isinstance(value, str)
        or not value.isascii()
        or not value.isdigit()
        or len(value) > len(str(largest))
    ):
        return None
    number = int(value)
    return number if 1 <= number <= largest else None


def id_from(value: Any) -> int | None:
    """The id in `value` (as `request.GET.get(name)` gives it), or None when it cannot be one."""
    return _whole_number(value, largest=MAX_ID)


def page_number_from(value: Any) -> int | None:
    """The page number in `value`, or None when it cannot be one."""
    return _whole_number(value, largest=MAX_PAGE)
