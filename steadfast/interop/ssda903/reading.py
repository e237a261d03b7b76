"""Reading a folder of SSDA903 files into tables, with a plain report of any file that cannot be
read, and never half a collection.

Files are recognised by their columns, never by their names. Every value is kept as text, as the
file gives it, trimmed and in capitals (as the Department's validator compares codes), with an
empty cell as a missing value; each date column gains a parsed twin, `<COLUMN>:date`, missing
where the text is not a real dd/mm/yyyy date; and each row carries `ROW`, its place among the
file's rows counting from 0 (the line in the file is `ROW + 2`, after the heading).

A file is decoded as UTF-8, UTF-16 (by its byte order mark) or Windows-1252 (when it is not
UTF-8), and is read in pieces: a file of any size is copied through a bounded buffer, never held
whole as bytes. The previous year's files, which some rules compare with, sit in a folder named
`previous` inside the year's folder; their tables are named with `_last` after them, as the
Department's validator names them.
"""

import codecs
import csv
import io
import tempfile
from collections.abc import Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path

import polars as pl

from . import tables

ROW = "ROW"
"""The column holding each row's place among its file's rows, from 0."""

PREVIOUS_FOLDER = "previous"
LAST = "_last"

_CHUNK = 1 << 20
_DATE_SHAPE = r"^\d{1,2}/\d{1,2}/\d{4}$"

ERROR_NO_FILES = "The folder holds no CSV files. Put the year's SSDA903 CSV files in it and try again."
ERROR_EMPTY = "{file} is empty. Export the table again from the case system."
ERROR_NOT_TEXT = "{file} is not a text file that can be read. Export it again as CSV."
ERROR_RAGGED = (
    "{file} could not be read as CSV: {detail}. Check that every row has the same number of "
    "fields as the heading."
)
ERROR_DUPLICATE_COLUMN = "{file} has the column {column} more than once."
ERROR_UNKNOWN_COLUMNS = (
    "{file} does not match any SSDA903 table for {year_label}. It is nearest to {table}{lacking}{extra}."
)
ERROR_OTHER_YEAR = (
    "{file} is the {table} table, which the {year_label} return does not have. Check the files "
    "are for {year_label}, or choose the year they belong to."
)
ERROR_TWO_FILES = "{file} and {other} are both the {table} table. Keep one of them."


def year_label(year: int) -> str:
    """The collection year as the Department writes it: 2026 is "2025/26"."""
    return f"{year - 1}/{year % 100:02}"


@dataclass(frozen=True, slots=True)
class FileProblem:
    file: str
    message: str


@dataclass(frozen=True)
class Collection:
    """The tables of one collection year, keyed by table name (the previous year's with `_last`
    after the name), and the file each came from."""

    year: int
    tables: Mapping[str, pl.DataFrame]
    files: Mapping[str, str]
    problems: tuple[FileProblem, ...] = field(default=())

    @property
    def readable(self) -> bool:
        return not self.problems


def _encoding_of(path: Path) -> str:
    """UTF-16 by its byte order mark; otherwise UTF-8 if every byte decodes, else Windows-1252."""
    with path.open("rb") as stream:
        start = stream.read(4)
        if start.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
            return "utf-16"
        stream.seek(0)
        decoder = codecs.getincrementaldecoder("utf-8-sig")()
        try:
            while chunk := stream.read(_CHUNK):
                decoder.decode(chunk)
            decoder.decode(b"", final=True)
        except UnicodeDecodeError:
            return "cp1252"
    return "utf-8-sig"


def _as_utf8(path: Path, encoding: str, folder: Path) -> Path:
    """The file itself when it is UTF-8 already; otherwise a UTF-8 copy written piece by piece."""
    if encoding == "utf-8-sig":
        with path.open("rb") as stream:
            if not stream.read(3).startswith(codecs.BOM_UTF8):
                return path
    copy = folder / f"{len(list(folder.iterdir()))}.csv"
    with (
        path.open("r", encoding=encoding, errors="replace", newline="") as source,
        copy.open("w", encoding="utf-8", newline="") as target,
    ):
        while chunk := source.read(_CHUNK):
            target.write(chunk)
    return copy


def _heading(path: Path) -> list[str] | None:
    with path.open("r", encoding="utf-8", errors="replace", newline="") as stream:
        line = stream.readline(1 << 16)
    if not line.strip():
        return None
    return [column.strip().upper() for column in next(csv.reader(io.StringIO(line)))]


def _read(path: Path, columns: list[str]) -> pl.DataFrame:
    """Every row of the CSV at `path`, prepared as the rules read it."""
    frame = pl.scan_csv(
        path,
        has_header=True,
        new_columns=columns,
        infer_schema=False,
        truncate_ragged_lines=False,
        encoding="utf8-lossy",
    )
    return _prepared(frame, columns).collect(engine="streaming")


def _prepared(frame: pl.LazyFrame, columns: Iterable[str]) -> pl.LazyFrame:
    """The text trimmed and in capitals, an empty cell missing, `ROW`, and the parsed dates."""
    text = [
        pl.col(column).str.strip_chars().str.to_uppercase().replace("", None).alias(column)
        for column in columns
    ]
    dates = [
        pl.when(pl.col(column).str.contains(_DATE_SHAPE))
        .then(pl.col(column).str.strptime(pl.Date, tables.DATE_FORMAT, strict=False))
        .alias(f"{column}:date")
        for column in columns
        if column in tables.DATE_COLUMNS
    ]
    return frame.with_columns(text).with_columns(dates).with_row_index(ROW)


def collection_from_rows(rows: Mapping[str, Sequence[Mapping[str, str | None]]], *, year: int) -> Collection:
    """A collection made from rows of text by table name, prepared exactly as files are read;
    a column a row does not give is missing in it. For tests, and for tables made in memory."""
    found: dict[str, pl.DataFrame] = {}
    for name, table_rows in rows.items():
        table = name.removesuffix(LAST)
        columns = list(tables.tables_for(year - 1 if name.endswith(LAST) else year)[table])
        frame = pl.DataFrame(
            [{column: row.get(column) for column in columns} for row in table_rows],
            schema=dict.fromkeys(columns, pl.String),
            orient="row",
        )
        found[name] = _prepared(frame.lazy(), columns).collect()
    _with_uasc(found)
    return Collection(year=year, tables=found, files={name: f"{name}.csv" for name in found})


def _csv_files(folder: Path) -> Iterator[Path]:
    return iter(sorted(p for p in folder.iterdir() if p.is_file() and p.suffix.lower() == ".csv"))


def _read_folder(
    folder: Path, *, year: int, suffix: str, scratch: Path
) -> tuple[dict[str, pl.DataFrame], dict[str, str], list[FileProblem]]:
    found: dict[str, pl.DataFrame] = {}
    files: dict[str, str] = {}
    problems: list[FileProblem] = []
    label = year_label(year)
    for path in _csv_files(folder):
        name = path.name if not suffix else f"{PREVIOUS_FOLDER}/{path.name}"
        if path.stat().st_size == 0:
            problems.append(FileProblem(name, ERROR_EMPTY.format(file=name)))
            continue
        readable = _as_utf8(path, _encoding_of(path), scratch)
        columns = _heading(readable)
        if columns is None:
            problems.append(FileProblem(name, ERROR_EMPTY.format(file=name)))
            continue
        if "\x00" in "".join(columns):
            problems.append(FileProblem(name, ERROR_NOT_TEXT.format(file=name)))
            continue
        repeated = sorted({c for c in columns if columns.count(c) > 1})
        if repeated:
            problems.append(FileProblem(name, ERROR_DUPLICATE_COLUMN.format(file=name, column=repeated[0])))
            continue
        table = tables.table_with_columns(set(columns), year=year)
        if table is None:
            problems.append(FileProblem(name, _unrecognised(name, set(columns), year=year, label=label)))
            continue
        key = table + suffix
        if key in files:
            problems.append(
                FileProblem(name, ERROR_TWO_FILES.format(file=name, other=files[key], table=table))
            )
            continue
        try:
            found[key] = _read(readable, columns)
        except pl.exceptions.PolarsError as error:
            detail = str(error).splitlines()[0][:200]
            problems.append(FileProblem(name, ERROR_RAGGED.format(file=name, detail=detail)))
            continue
        files[key] = name
    return found, files, problems


def _unrecognised(name: str, columns: set[str], *, year: int, label: str) -> str:
    for other_year in range(tables.FIRST_YEAR, year + 3):
        table = tables.table_with_columns(columns, year=other_year)
        if table is not None and other_year != year:
            return ERROR_OTHER_YEAR.format(file=name, table=table, year_label=label)
    table, lacking, extra = tables.closest_table(columns, year=year)
    return ERROR_UNKNOWN_COLUMNS.format(
        file=name,
        year_label=label,
        table=table,
        lacking=f", but has no {', '.join(sorted(lacking))}" if lacking else "",
        extra=f", and has {', '.join(sorted(extra))}, which it should not" if extra else "",
    )


def _with_uasc(found: dict[str, pl.DataFrame]) -> None:
    """Mark on each Header whether the child is in the UASC table ("1") or not ("0"), as the
    Department's validator does before its rules run."""
    for suffix in ("", LAST):
        header, uasc = found.get("Header" + suffix), found.get("UASC" + suffix)
        if header is not None and uasc is not None:
            found["Header" + suffix] = header.with_columns(
                pl.when(pl.col("CHILD").is_in(uasc["CHILD"].drop_nulls().implode()))
                .then(pl.lit("1"))
                .otherwise(pl.lit("0"))
                .alias("UASC")
            )


def read_collection(folder: Path, *, year: int) -> Collection:
    """The SSDA903 tables in `folder` (and in its `previous` folder, if any) for the collection
    year ending 31 March `year`. If any file cannot be read, the collection holds no tables and
    says why for each such file: nothing is checked or loaded from half a collection."""
    folder = Path(folder)
    with tempfile.TemporaryDirectory(prefix="ssda903-") as scratch:
        found, files, problems = _read_folder(folder, year=year, suffix="", scratch=Path(scratch))
        previous = folder / PREVIOUS_FOLDER
        if previous.is_dir():
            last, last_files, last_problems = _read_folder(
                previous, year=year - 1, suffix=LAST, scratch=Path(scratch)
            )
            found |= last
            files |= last_files
            problems += last_problems
    if not files and not problems:
        problems.append(FileProblem(folder.name, ERROR_NO_FILES))
    if problems:
        return Collection(year=year, tables={}, files={}, problems=tuple(problems))
    _with_uasc(found)
    return Collection(year=year, tables=found, files=files)
