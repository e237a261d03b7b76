"""The stored form of the measures: what is written reads back as the same objects, exactly,
through JSON text; nothing else is read; and the shape tells one form from another. Without a
database (the round trip through the database is in test_measures_services.py)."""

import dataclasses
import datetime
import json

import pytest

from steadfast.monitoring.stored_form import Codec, Kinds, StoredFormError

d = datetime.date


def through_json(kinds: Kinds, value):
    """As the database keeps it: written, as JSON text, read back."""
    return kinds.from_json(json.loads(json.dumps(kinds.to_json(value))))


def same(a, b) -> bool:
    """Equal, and of the same types all the way down (1 == 1.0 == True would hide a change)."""
    if type(a) is not type(b):
        return False
    if isinstance(a, dict):
        return list(a) == list(b) and all(same(a[k], b[k]) for k in a)
    if isinstance(a, list | tuple):
        return len(a) == len(b) and all(same(x, y) for x, y in zip(a, b, strict=True))
    if dataclasses.is_dataclass(a):
        return all(same(getattr(a, f.name), getattr(b, f.name)) for f in dataclasses.fields(a))
    return a == b


@dataclasses.dataclass(frozen=True, slots=True)
class Pair:
    left: object
    right: object


PAIRS = Kinds([Pair])


@pytest.mark.parametrize(
    "value",
    [
        None,
        True,
        False,
        0,
        1,
        -7,
        2**70,
        1.0,
        0.1 + 0.2,
        1 / 3,
        5e-324,
        1.7976931348623157e308,
        -0.0,
        "",
        "Imminent concerns \N{EN DASH} all quarters",
        ["list", "tuple"],
        d(2026, 3, 31),
        (1, 2.5, "three", None, True),
        [(1,), [2], ()],
        frozenset({3, 1, 2}),
        frozenset(),
        {"b": 1, "a": 2, "c": [3]},
        {2: "two", 1: "one", None: "none"},
        {("x", 1): d(2025, 3, 31)},
        Pair(1, 1.0),
        Pair(Pair(True, 1), [Pair("a", None)]),
    ],
)
def test_a_value_reads_back_as_the_same_value_of_the_same_types(value):
    assert same(through_json(PAIRS, value), value)


def test_a_dicts_order_is_kept():
    value = {key: key.upper() for key in ("zebra", "apple", "mango", "b", "a")}
    assert list(through_json(PAIRS, value)) == ["zebra", "apple", "mango", "b", "a"]


def test_the_same_set_is_always_written_the_same_way():
    assert PAIRS.to_json(frozenset(range(50, 0, -1))) == PAIRS.to_json(frozenset(range(1, 51)))


@pytest.mark.parametrize(
    "value",
    [
        float("nan"),
        float("inf"),
        datetime.datetime(2026, 12, 5, 7, 5),
        {1, 2},
        object(),
        frozenset({1, "a"}),
    ],
)
def test_what_cannot_be_read_back_exactly_is_not_written(value):
    with pytest.raises(StoredFormError):
        PAIRS.to_json(value)


def test_only_the_classes_registered_are_written_or_read():
    @dataclasses.dataclass(frozen=True)
    class Other:
        value: int

    with pytest.raises(StoredFormError):
        PAIRS.to_json(Other(1))
    with pytest.raises(StoredFormError):
        PAIRS.from_json(["Other", 1])
    with pytest.raises(StoredFormError):
        PAIRS.from_json(["Pair", 1])  # a field missing
    with pytest.raises(StoredFormError):
        PAIRS.from_json([1, 2])


def test_a_class_is_registered_once_by_name_and_never_as_a_container():
    with pytest.raises(StoredFormError):
        Kinds([Pair, Pair])
    with pytest.raises(StoredFormError):
        Kinds([dict])


def test_the_shape_changes_with_a_classs_fields_and_a_codecs_code():
    @dataclasses.dataclass(frozen=True)
    class Pair:  # the same name, another field
        left: object
        right: object
        middle: object = None

    assert Kinds([Pair]).shape != PAIRS.shape
    assert Kinds([Pair]).shape == Kinds([Pair]).shape

    def write(value):
        return [value.left]

    def read(items):
        return Pair(items[0], None)

    def read_otherwise(items):
        return Pair(None, items[0])

    assert (
        Kinds([Pair], codecs={Pair: Codec(write, read)}).shape
        != Kinds([Pair], codecs={Pair: Codec(write, read_otherwise)}).shape
    )
