"""The measures' figures as JSON, and back, exactly.

The worked-out figures are frozen dataclasses of numbers, dates, strings, tuples, lists,
frozensets and dicts. `Kinds.to_json` writes them as plain JSON values and `Kinds.from_json`
builds the same objects again, equal to the ones written: the same types (a tuple stays a tuple,
an int an int, a float the same float), the same order of a dict's keys, the same sets.

- Numbers, strings, booleans and None are written as themselves. A float is written in Python's
  shortest form that reads back as the same float.
- Everything else is a JSON array whose first item says what it is: `["date", "2026-03-31"]`,
  `["tuple", ...]`, `["list", ...]`, `["frozenset", ...]` (sorted, so the same set is always
  written the same way), `["dict", key, value, key, value, ...]` (in order), and, for a
  dataclass, its name and its fields in order: `["Share", 3, 4]`.
- A class registered with a `Codec` is written as its name and what the codec's `write` gives
  (plain JSON values), and read back by its `read`: a survival curve is its thousands of steps,
  and is stored as the counts it is built from, a fifth of the size and quicker to read.
- Only the classes registered are read back, so stored JSON cannot name any other class.
  `Kinds.shape` changes whenever a registered class's fields or a codec's code do: JSON written
  for another shape is not to be read (the caller works the figures out again).

Pure: imports no Django.
"""

import dataclasses
import datetime
import hashlib
import math
from collections.abc import Callable, Iterable, Mapping
from typing import Any, NamedTuple


class StoredFormError(ValueError):
    """The value cannot be written, or the JSON was not written by `to_json`."""


class Codec(NamedTuple):
    """How one class is written (`write(value)` gives a list of plain JSON values) and read back
    (`read(items)` builds the value from that list)."""

    write: Callable[[Any], list]
    read: Callable[[list], Any]


_RESERVED = frozenset({"date", "tuple", "list", "frozenset", "dict"})


class Kinds:
    """The classes that may be written and read, by their class names."""

    def __init__(self, classes: Iterable[type], *, codecs: Mapping[type, Codec] | None = None) -> None:
        self.codecs = {cls.__name__: codec for cls, codec in (codecs or {}).items()}
        self.by_name: dict[str, type] = {}
        for cls in classes:
            if cls.__name__ in _RESERVED or not (
                dataclasses.is_dataclass(cls) or cls.__name__ in self.codecs
            ):
                raise StoredFormError(f"{cls.__name__} cannot be stored")
            if cls.__name__ in self.by_name:
                raise StoredFormError(f"Two classes are named {cls.__name__}")
            self.by_name[cls.__name__] = cls
        if self.codecs.keys() - self.by_name.keys():
            raise StoredFormError("A codec is for a class not registered")
        self.fields = {
            name: tuple(f.name for f in dataclasses.fields(cls))
            for name, cls in self.by_name.items()
            if name not in self.codecs
        }
        self.shape = self._shape()

    def _shape(self) -> str:
        """A short digest of every registered class's fields and their types, and of each codec's
        code."""
        described = []
        for name, cls in sorted(self.by_name.items()):
            codec = self.codecs.get(name)
            if codec is None:
                described.append((name, [(f.name, str(f.type)) for f in dataclasses.fields(cls)]))
            else:
                described.append((name, [function.__code__.co_code for function in codec]))
        return hashlib.sha256(repr(described).encode()).hexdigest()[:16]

    def to_json(self, value: Any) -> Any:
        """`value` as plain JSON values (lists, numbers, strings, booleans, None)."""
        if value is None or isinstance(value, bool | int | str):
            return value
        if isinstance(value, float):
            if not math.isfinite(value):
                raise StoredFormError(f"{value} cannot be stored")
            return value
        if isinstance(value, datetime.datetime):
            raise StoredFormError("A date and time cannot be stored, only a date")
        if isinstance(value, datetime.date):
            return ["date", value.isoformat()]
        if isinstance(value, tuple | list):
            return [type(value).__name__, *(self.to_json(item) for item in value)]
        if isinstance(value, frozenset):
            try:
                return ["frozenset", *sorted(self.to_json(item) for item in value)]
            except TypeError as error:
                raise StoredFormError("A set is stored only when its items can be sorted") from error
        if isinstance(value, dict):
            written = ["dict"]
            for key, item in value.items():
                written += [self.to_json(key), self.to_json(item)]
            return written
        name = type(value).__name__
        if self.by_name.get(name) is not type(value):
            raise StoredFormError(f"{name} cannot be stored")
        codec = self.codecs.get(name)
        if codec is not None:
            return [name, *codec.write(value)]
        return [name, *(self.to_json(getattr(value, field)) for field in self.fields[name])]

    def from_json(self, value: Any) -> Any:
        """The value `to_json` wrote."""
        if type(value) is not list:
            return value
        if not value or type(value[0]) is not str:
            raise StoredFormError("Not written by to_json")
        kind = value[0]
        items = value[1:]
        # Most items are numbers: read them where they are, without a call each.
        read = self.from_json
        if kind == "frozenset":
            return frozenset(item if type(item) is not list else read(item) for item in items)
        if kind == "tuple":
            return tuple([item if type(item) is not list else read(item) for item in items])
        if kind == "list":
            return [item if type(item) is not list else read(item) for item in items]
        if kind == "date":
            return datetime.date.fromisoformat(items[0])
        if kind == "dict":
            return {read(items[i]): read(items[i + 1]) for i in range(0, len(items), 2)}
        codec = self.codecs.get(kind)
        if codec is not None:
            return codec.read(items)
        fields = self.fields.get(kind)
        if fields is None or len(items) != len(fields):
            raise StoredFormError(f"Not written by to_json: {kind}")
        return self.by_name[kind](*[item if type(item) is not list else read(item) for item in items])
