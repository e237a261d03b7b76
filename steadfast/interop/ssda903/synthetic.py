"""Synthetic SSDA903 files: a made-up authority's return for any number of children, for
benchmarks, demonstrations and tests, written to disk in batches so that a million children take
little memory and about a minute.

The files are valid: the Department's rules (ours and the sector's validator) find nothing, or
almost nothing, in them. Each child's history is drawn as a whole (a period of care, its
placements, the legal status and the leaving) and only the episodes open at some time in the
collection year are written, as a case system exports them. The histories are calibrated to
England's published placement stability figures (`Targets`): children with three or more
placements in the year, and under-16s in care for two and a half years who have lived with the
same carer for two; ages, sex, ethnicity, legal statuses, categories of need and placement types
are drawn in shares near the national ones.

Nothing in them can be real: every child is `SYN` and a number, every unique pupil number is one
of the Department's "not known" codes, and every Ofsted number of a children's home is `SC9` and a
number. The postcodes are real (the Department's rules derive the placement's local authority and
distance from them), drawn from `synthetic_postcodes.csv`, a sample from the ONS Postcode
Directory (Office for National Statistics, Open Government Licence v3.0): the authority is Leeds
(E08000035) and most of its placements are inside it.

With `dirty=True` known errors are planted in a few children at the start of the files, one or a
few per kind of error, and `Manifest` lists each planted row with the rule codes that should flag
it, so tests can check that a validator finds them.
"""

import contextlib
import datetime
import json
from collections.abc import Iterator, Sequence
from dataclasses import asdict, dataclass, field
from pathlib import Path

import polars as pl

from . import tables

HOME_AUTHORITY = "E08000035"
"""The made-up return's authority: the upper-tier code of the local authority it belongs to."""

POSTCODES = Path(__file__).with_name("synthetic_postcodes.csv")
BATCH = 100_000
"""Children generated and written at a time: what bounds the memory used."""

HEADER_FILE = "header.csv"
EPISODES_FILE = "episodes.csv"
UASC_FILE = "uasc.csv"
REVIEWS_FILE = "reviews.csv"
MISSING_FILE = "missing.csv"
MANIFEST_FILE = "manifest.json"
WRONG_YEAR_FOLDER = "wrong_year"
PREVIOUS_FOLDER = "previous"
"""The folder, inside the year's, of the year before's files (as `reading` expects)."""


@dataclass(frozen=True)
class Targets:
    """The shares the histories are calibrated to, as fractions. The defaults are England's for
    the year ending 31 March 2025 (Children looked after in England including adoptions);
    `targets_from_published` takes them from the Department's file instead."""

    three_or_more_placements_in_year: float = 0.10
    three_or_more_placements_in_two_years: float = 0.23
    long_term_stability: float = 0.69


def targets_from_published(statistics, *, year: int) -> Targets:
    """England's figures for the latest year up to `year` in `statistics` (a
    `measures.published_statistics.PublishedStatistics`), or the defaults where there are none."""
    defaults = Targets()
    if statistics is None:
        return defaults
    for candidate in sorted((y for y in statistics.years if y <= year), reverse=True):
        comparison = statistics.comparison(
            year_ending=datetime.date(candidate, 3, 31), region="", authorities=()
        )
        if comparison is None or comparison.england is None:
            continue
        shares = {}
        for name in asdict(defaults):
            percent = comparison.england.figure(name).percent
            shares[name] = percent / 100 if percent is not None else getattr(defaults, name)
        return Targets(**shares)
    return defaults


# Shares near the national ones (children looked after on 31 March, England): (code, share).
_AGE_BANDS = ((0, 1, 0.05), (1, 5, 0.13), (5, 10, 0.17), (10, 16, 0.39), (16, 18, 0.26))
_ETHNICITY = (
    ("WBRI", 0.70),
    ("WOTH", 0.04),
    ("WIRT", 0.01),
    ("MWBC", 0.04),
    ("MWBA", 0.01),
    ("MWAS", 0.01),
    ("MOTH", 0.03),
    ("APKN", 0.02),
    ("ABAN", 0.01),
    ("AOTH", 0.03),
    ("BAFR", 0.03),
    ("BCRB", 0.02),
    ("BOTH", 0.02),
    ("OOTH", 0.02),
    ("NOBT", 0.01),
)
_NEED = (
    ("N1", 0.66),
    ("N2", 0.03),
    ("N3", 0.04),
    ("N4", 0.14),
    ("N5", 0.07),
    ("N6", 0.03),
    ("N7", 0.01),
    ("N8", 0.02),
)
# Legal status of the period of care; C1 (interim care order) periods become C2 (full care order)
# part-way, in an episode of their own (reason L: a change of legal status only).
_LEGAL = (("C2", 0.76), ("V2", 0.16), ("C1", 0.08))
_FOSTER = ("U1", "U2", "U3", "U4", "U5", "U6")
# Placement types by age: foster care with relatives or friends (U1 to U3), with other carers
# (U4 to U6), placed with parents (P1, only on a care order) and children's homes (K2, from 10).
_PLACE_YOUNG = (("U3", 0.17), ("U4", 0.10), ("U6", 0.65), ("P1", 0.08))
_PLACE_OLDER = (("U3", 0.14), ("U4", 0.12), ("U6", 0.46), ("P1", 0.06), ("K2", 0.22))
_REASON_PLACE_CHANGE = (
    ("CARPL", 0.20),
    ("CHILD", 0.10),
    ("LAREQ", 0.30),
    ("PLACE", 0.15),
    ("STAND", 0.10),
    ("CLOSE", 0.05),
    ("OTHER", 0.10),
)
_CEASED_YOUNG = (("E13", 0.50), ("E41", 0.15), ("E45", 0.15), ("E46", 0.10), ("E8", 0.10))
_CEASED_OLDER = (("E13", 0.30), ("E8", 0.40), ("E5", 0.30))
_STARTERS = 0.27
_LEAVERS = 0.26
_MALE = 0.56
_MOTHERS = 0.03


@dataclass(frozen=True)
class Planted:
    """One planted error: the row (from 0, as `reading` numbers rows) of `table` that the rules
    `codes` should flag, for the child `child`."""

    table: str
    row: int
    child: str
    codes: tuple[str, ...]
    column: str
    value: str | None
    what: str


@dataclass
class Manifest:
    """What `generate` wrote: how many children and rows, and, for dirty files, every planted
    error. `wrong_year` is the folder holding a file of another year's layout, which cannot be
    read as this year's."""

    year: int
    children: int
    seed: int
    rows: dict[str, int] = field(default_factory=dict)
    planted: list[Planted] = field(default_factory=list)
    wrong_year: str | None = None

    def write(self, path: Path) -> None:
        data = asdict(self)
        path.write_text(json.dumps(data, indent=2) + "\n", encoding="utf-8")

    @classmethod
    def read(cls, path: Path) -> "Manifest":
        data = json.loads(Path(path).read_text(encoding="utf-8"))
        planted = [Planted(**{**p, "codes": tuple(p["codes"])}) for p in data.pop("planted")]
        return cls(**data, planted=planted)


def _postcodes() -> tuple[pl.Series, pl.Series]:
    """The sample's postcodes inside the authority, and outside it."""
    sample = pl.read_csv(POSTCODES, comment_prefix="#", schema={"postcode": pl.String, "la": pl.String})
    inside = sample.filter(pl.col("la") == HOME_AUTHORITY)["postcode"]
    outside = sample.filter(pl.col("la") != HOME_AUTHORITY)["postcode"]
    return inside, outside


def _uniform(stream: int, *keys: str | pl.Expr, seed: int) -> pl.Expr:
    """A draw in [0, 1) for each row, the same for the same keys, stream and seed: a hash of
    them, so every draw is a column expression and does not depend on how rows are batched."""
    return pl.struct(*keys, pl.lit(stream, pl.Int64).alias("stream")).hash(seed) / 2.0**64


def _choose(draw: pl.Expr, choices: Sequence[tuple[str, float]]) -> pl.Expr:
    """The code whose share of [0, 1) the draw falls in."""
    total = sum(share for _, share in choices)
    bounds, running = [], 0.0
    for _, share in choices[:-1]:
        running += share / total
        bounds.append(running)
    chosen: pl.Expr = pl.lit(choices[-1][0], pl.String)
    for (code, _), bound in reversed(list(zip(choices[:-1], bounds, strict=True))):
        chosen = pl.when(draw < bound).then(pl.lit(code, pl.String)).otherwise(chosen)
    return chosen


def _as_text(days: pl.Expr) -> pl.Expr:
    return pl.from_epoch(days, time_unit="d").dt.strftime(tables.DATE_FORMAT)


def _epoch(day: datetime.date) -> int:
    return (day - datetime.date(1970, 1, 1)).days


def _age_days(draw: pl.Expr) -> pl.Expr:
    """Age on 31 March in days, drawn from the age bands' shares, uniform inside each band."""
    age: pl.Expr = pl.lit(None, pl.Float64)
    below = 0.0
    for low, high, share in _AGE_BANDS:
        above = below + share
        within = (draw - below) / share
        age = (
            pl.when((draw >= below) & (draw < above))
            .then((low + within * (high - low)) * 365.25)
            .otherwise(age)
        )
        below = above
    return age.fill_null(17.5 * 365.25).cast(pl.Int64).clip(1, 18 * 365 - 2)


def _children(
    first: int, n: int, *, year: int, seed: int, targets: Targets, moving: float, moved_before: float = 0.0
) -> pl.DataFrame:
    """One row per child: who they are, their period of care and how many placements it holds;
    `moving` is the share with three or more placements among the children on 31 March who are
    not settled long-term (`_moving`)."""
    start, end = _epoch(datetime.date(year - 1, 4, 1)), _epoch(datetime.date(year, 3, 31))
    two_years = _epoch(datetime.date(year - 2, 3, 31))

    def u(stream: int) -> pl.Expr:
        return _uniform(stream, "i", seed=seed)

    kids = pl.DataFrame({"i": pl.int_range(first, first + n, eager=True)}).with_columns(
        _age_days(u(1)).alias("age"), (u(2) < _MALE).alias("male")
    )
    kids = kids.with_columns(
        (pl.lit(end) - pl.col("age")).alias("birth"),
        ((pl.col("age") >= 14 * 365.25) & (u(60) < _UASC)).alias("uasc"),
    )
    # The period of care: started in the year (a baby's always) or before it; a leaver's ends in it.
    kids = kids.with_columns(
        ((u(3) < _STARTERS) | (pl.col("birth") >= start - 30)).alias("starter"),
        pl.max_horizontal(pl.col("birth") + 1, pl.lit(start)).alias("earliest"),
    ).with_columns(
        pl.when("starter")
        .then(pl.col("earliest") + (u(4) * (end - pl.col("earliest"))).cast(pl.Int64))
        .otherwise(
            pl.min_horizontal(
                pl.max_horizontal(end - 366 - (-(1 - u(5)).log() * 1000).cast(pl.Int64), pl.col("birth") + 1),
                pl.lit(start - 1),
            )
        )
        .alias("began")
    )
    kids = kids.with_columns(pl.max_horizontal("began", pl.lit(start)).alias("window_start"))
    kids = kids.with_columns(((u(6) < _LEAVERS) & (end - pl.col("window_start") > 2)).alias("leaver"))
    kids = kids.with_columns(
        pl.when("leaver")
        .then(pl.col("window_start") + 1 + (u(7) * (end - pl.col("window_start") - 1)).cast(pl.Int64))
        .alias("left")
    ).with_columns(pl.coalesce("left", pl.lit(end + 1)).alias("window_end"))

    # Placements in the year. Under-16s in care for 2.5 years on 31 March are in a placement of
    # two years or more as often as the target says; the others move as often as it takes for
    # the share with three or more placements in the year to meet its target.
    kids = kids.with_columns(
        (~pl.col("leaver") & (pl.col("age") < 16 * 365.25) & (end - pl.col("began") >= 913)).alias(
            "long_term"
        )
    ).with_columns((pl.col("long_term") & (u(8) < targets.long_term_stability)).alias("settled"))
    needed = moving
    two = (1 - needed) * 0.30
    draw = u(9)
    placements = (
        pl.when(pl.col("settled") | (draw < 1 - needed - two))
        .then(1)
        .when(draw < 1 - needed)
        .then(2)
        .when(draw < 1 - needed * 0.40)
        .then(3)
        .when(draw < 1 - needed * 0.15)
        .then(4)
        .otherwise(5)
    )
    kids = kids.with_columns(
        pl.min_horizontal(
            placements - 1, pl.max_horizontal(pl.col("window_end") - pl.col("window_start") - 2, 0)
        )
        .cast(pl.Int64)
        .alias("moves")
    )
    # The placement open when the window opens: from the start of the period or a later move; a
    # settled child's two years before 31 March or more, an unsettled long-term child's less.
    unsettled_still = pl.col("long_term") & ~pl.col("settled") & (pl.col("moves") == 0)
    latest = pl.when("settled").then(min(two_years, start - 1)).otherwise(start - 1)
    earliest = pl.min_horizontal(pl.when(unsettled_still).then(two_years + 1).otherwise("began"), latest)
    drawn = earliest + (u(10) * (latest - earliest + 1)).cast(pl.Int64)
    kids = kids.with_columns(
        pl.when("starter")
        .then("began")
        .when((u(11) < 0.4) & ~unsettled_still & ~pl.col("settled"))
        .then("began")
        .otherwise(pl.max_horizontal(drawn, "began"))
        .alias("first_placed")
    )
    # The placements before the one open on 1 April that were open in the year before: when that
    # one began after the period and after the year before began, the one before it (from the
    # start of the period, or before the year before) and, as often as `moved_before` says, one
    # or two more in between; what the share with three or more placements in two years needs.
    year_before = _epoch(datetime.date(year - 2, 4, 1))
    kids = kids.with_columns(
        (
            ~pl.col("starter")
            & (pl.col("first_placed") > pl.col("began"))
            & (pl.col("first_placed") > year_before)
        ).alias("placed_before"),
        pl.when((pl.col("began") >= year_before) | (u(12) < 0.4))
        .then("began")
        .otherwise(pl.col("began") + (u(13) * (year_before - pl.col("began"))).cast(pl.Int64))
        .alias("placed_earlier"),
    )
    room = pl.col("first_placed") - pl.max_horizontal("placed_earlier", pl.lit(year_before)) - 2
    kids = kids.with_columns(
        pl.when(pl.col("placed_before") & (u(14) < moved_before))
        .then(pl.min_horizontal(1 + (u(15) < 0.3).cast(pl.Int64), pl.max_horizontal(room, 0)))
        .otherwise(0)
        .alias("moves_before")
    )
    return kids


_SAMPLE = 20_000


def _moving(*, year: int, seed: int, targets: Targets) -> float:
    """The share of the children on 31 March who are not settled long-term that must have three
    or more placements in the year for the target to be met: worked out on the first children
    drawn, so that it is the same however the children are batched."""
    kids = _children(0, _SAMPLE, year=year, seed=seed, targets=targets, moving=0.0)
    counts = kids.select(
        (~pl.col("leaver")).sum().alias("on_31_march"),
        (~pl.col("leaver") & ~pl.col("settled")).sum().alias("others"),
    ).row(0, named=True)
    needed = targets.three_or_more_placements_in_year * counts["on_31_march"] / max(counts["others"], 1)
    return min(needed * 1.08, 0.9)  # a little more: short stays leave no room for some moves


def _placements_in_two_years() -> pl.Expr:
    return pl.col("moves") + 1 + pl.col("placed_before").cast(pl.Int64) * (1 + pl.col("moves_before"))


def _in_care_two_years(year: int) -> pl.Expr:
    return ~pl.col("leaver") & (pl.col("began") <= _epoch(datetime.date(year - 2, 3, 31)))


def _moved_before(*, year: int, seed: int, targets: Targets, moving: float) -> float:
    """How often a child who moved in the year before 1 April moved more than once then, for the
    share with three or more placements in two years to meet its target; on the first children
    drawn, as `_moving`."""
    kids = _children(0, _SAMPLE, year=year, seed=seed, targets=targets, moving=moving).filter(
        _in_care_two_years(year)
    )
    shares = kids.select(
        (_placements_in_two_years() >= 3).mean().alias("already"),
        (pl.col("placed_before") & (_placements_in_two_years() == 2)).mean().alias("could"),
    ).row(0, named=True)
    needed = (targets.three_or_more_placements_in_two_years - shares["already"]) / max(
        shares["could"] or 0, 1e-9
    )
    return min(max(needed, 0.0), 1.0)


def _episodes(
    kids: pl.DataFrame,
    *,
    year: int,
    seed: int,
    postcodes: tuple[pl.Series, pl.Series],
    uasc: bool = False,
    previous: bool = False,
) -> tuple[pl.DataFrame, pl.DataFrame | None]:
    """The episodes of the children, dates as days since 1970, those open in the year only, and
    with `previous` those open in the year before, as its return gave them (the episodes open on
    its 31 March with no end). With
    `uasc`, the unaccompanied asylum-seeking children are accommodated (V2) for absent parenting
    (N8) and have no home postcode (the Department's rules want no distance from home for them)."""
    start, end = _epoch(datetime.date(year - 1, 4, 1)), _epoch(datetime.date(year, 3, 31))
    inside, outside = postcodes

    def u(stream: int) -> pl.Expr:
        return _uniform(stream, "i", seed=seed)

    def row_u(stream: int) -> pl.Expr:
        return _uniform(stream, "i", "k", seed=seed)

    asylum = pl.col("uasc") & uasc
    people = kids.select(
        "i",
        "began",
        "left",
        "window_start",
        "window_end",
        pl.when(asylum).then(pl.lit("V2")).otherwise(_choose(u(20), _LEGAL)).alias("LEGAL"),
        pl.when(asylum).then(pl.lit("N8")).otherwise(_choose(u(21), _NEED)).alias("CIN"),
        pl.when(asylum)
        .then(pl.lit(None, pl.String))
        .otherwise(pl.lit(inside).gather((u(22) * len(inside)).cast(pl.Int64)))
        .alias("HOME_POST"),
        (pl.col("age") - (end - pl.col("left")) >= 16 * 365.25).alias("older16"),
        (pl.col("age") >= 10 * 365.25).alias("older"),
    )
    # One row per placement: the first, then the moves on distinct days inside the window (each
    # draw spread over the room left, sorted, then one day apart at least).
    moves = (
        kids.select("i", "moves", "window_start", "window_end")
        .filter(pl.col("moves") > 0)
        .with_columns(pl.int_ranges(0, "moves").alias("k"))
        .explode("k")
        .with_columns(row_u(30).alias("draw"))
        .sort("i", "draw")
        .with_columns(pl.int_range(pl.len()).over("i").alias("rank"))
        .select(
            "i",
            (
                pl.col("window_start")
                + 1
                + (
                    pl.col("draw")
                    * pl.max_horizontal(
                        pl.col("window_end") - pl.col("window_start") - 1 - pl.col("moves"), 1
                    )
                ).cast(pl.Int64)
                + pl.col("rank")
            ).alias("DECOM"),
            (pl.col("rank") + 1).alias("k"),
        )
    )
    parts = [kids.select("i", pl.col("first_placed").alias("DECOM"), pl.lit(0, pl.Int64).alias("k")), moves]
    if previous:
        # The placements before the first of the year, numbered back from it (k below 0).
        year_before = _epoch(datetime.date(year - 2, 4, 1))
        low = pl.max_horizontal("placed_earlier", pl.lit(year_before))
        room = pl.max_horizontal(pl.col("first_placed") - low - 1 - pl.col("moves_before"), 1)
        earlier = (
            kids.filter(pl.col("moves_before") > 0)
            .with_columns(pl.int_ranges(0, "moves_before").alias("k"))
            .explode("k")
            .with_columns(row_u(39).alias("draw"))
            .sort("i", "draw")
            .with_columns(pl.int_range(pl.len()).over("i").alias("rank"))
            .select(
                "i",
                (low + 1 + (pl.col("draw") * room).cast(pl.Int64) + pl.col("rank")).alias("DECOM"),
                (pl.col("rank") - pl.col("moves_before")).alias("k"),
            )
        )
        first_before = kids.filter("placed_before").select(
            "i", pl.col("placed_earlier").alias("DECOM"), (-1 - pl.col("moves_before")).alias("k")
        )
        parts += [first_before, earlier]
    rows = pl.concat(parts).sort("i", "DECOM").join(people, on="i", how="left")
    place = (
        pl.when("older").then(_choose(row_u(31), _PLACE_OLDER)).otherwise(_choose(row_u(31), _PLACE_YOUNG))
    )
    rows = rows.with_columns(
        # P1 only on a care order (C1, C2); a voluntary (V2) period is in foster care.
        pl.when((place == "P1") & (pl.col("LEGAL") == "V2"))
        .then(pl.lit("U6"))
        .otherwise(place)
        .alias("PLACE"),
        pl.col("DECOM").shift(-1).over("i").alias("next"),
    ).with_columns(pl.coalesce("next", "left").alias("DEC"))

    # A period on an interim care order (C1) becomes a care order (C2) part-way through its first
    # placement in the year, in an episode of its own (reason L); its first part keeps C1.
    first_end = pl.coalesce("DEC", pl.lit(end + 1))
    split_from = pl.max_horizontal("DECOM", pl.lit(start))
    rows = rows.with_columns(
        pl.when((pl.col("k") == 0) & (pl.col("LEGAL") == "C1") & (first_end - split_from > 2))
        .then(split_from + 1 + (row_u(32) * (first_end - split_from - 2)).cast(pl.Int64))
        .alias("at")
    )
    # The placements before the year share the first part's legal status.
    rows = rows.with_columns(pl.col("at").is_not_null().any().over("i").alias("split"))
    legal_changes = rows.filter(pl.col("at").is_not_null()).with_columns(
        pl.col("at").alias("DECOM"),
        pl.lit("L").alias("RNE"),
        pl.lit("C2").alias("LS"),
        pl.lit(False).alias("before_change"),
    )
    rows = rows.with_columns(
        pl.when(pl.col("DECOM") == pl.col("began")).then(pl.lit("S")).otherwise(pl.lit("P")).alias("RNE"),
        pl.when(pl.col("at").is_not_null() | ((pl.col("k") < 0) & pl.col("split")))
        .then(pl.lit("C1"))
        .when(pl.col("LEGAL") == "C1")
        .then(pl.lit("C2"))
        .otherwise("LEGAL")
        .alias("LS"),
        pl.coalesce("at", "DEC").alias("DEC"),
        pl.col("at").is_not_null().alias("before_change"),
    )
    rows = pl.concat([rows, legal_changes.select(rows.columns)]).sort("i", "DECOM")

    # Each episode's codes: why it ended, where, with whom, and why the placement changed. A
    # child's placements step through the postcodes, so one placement is never at the last's.
    away = (u(38) * 10_000).cast(pl.Int64) + 100 + pl.col("k") * 7
    ended = pl.when("older16").then(_choose(u(40), _CEASED_OLDER)).otherwise(_choose(u(40), _CEASED_YOUNG))
    rows = rows.with_columns(
        pl.when(pl.col("DEC").is_null())
        .then(pl.lit(None, pl.String))
        .when(pl.col("DEC") == pl.col("left"))
        .then(
            # Special guardianship to former foster carers (E45, E46) only from foster care.
            pl.when(ended.is_in(["E45", "E46"]) & ~pl.col("PLACE").is_in(_FOSTER))
            .then(pl.lit("E13"))
            .otherwise(ended)
        )
        .otherwise(pl.lit("X1"))
        .alias("REC"),
        pl.when(pl.col("PLACE") == "P1")
        .then(pl.lit("PR0"))
        .when(pl.col("PLACE") == "K2")
        .then(pl.when(row_u(35) < 0.2).then(pl.lit("PR1")).otherwise(pl.lit("PR4")))
        .when(row_u(35) < 0.6)
        .then(pl.lit("PR1"))
        .otherwise(pl.lit("PR4"))
        .alias("PLACE_PROVIDER"),
        pl.when(pl.col("PLACE") == "K2")
        .then(pl.format("SC9{}", (row_u(36) * 100_000).cast(pl.Int64).cast(pl.String).str.zfill(5)))
        .when(pl.col("PLACE").is_in(_FOSTER))
        .then(pl.lit("XXXXXXX"))
        .alias("URN"),
    ).with_columns(
        # Placed with parents is at home; the authority's own provision is inside it, as are half of
        # the others; a placement away from home is never at the home's postcode.
        pl.when(pl.col("PLACE") == "P1")
        .then("HOME_POST")
        .when((pl.col("PLACE_PROVIDER") != "PR1") & (row_u(33) < 0.5))
        .then(pl.lit(outside).gather(away % len(outside)))
        .otherwise(
            pl.when(pl.col("HOME_POST") == pl.lit(inside).gather(away % len(inside)))
            .then(pl.lit(inside).gather((away + 1) % len(inside)))
            .otherwise(pl.lit(inside).gather(away % len(inside)))
        )
        .alias("PL_POST"),
        pl.when((pl.col("REC") == "X1") & ~pl.col("before_change"))
        .then(_choose(row_u(37), _REASON_PLACE_CHANGE))
        .alias("REASON_PLACE_CHANGE"),
    )
    # Only the episodes open at some time in the year are in the return.
    current = rows.filter(pl.col("DEC").is_null() | (pl.col("DEC") >= start))
    if not previous:
        return current, None
    year_before = _epoch(datetime.date(year - 2, 4, 1))
    still_open = pl.col("DEC").is_null() | (pl.col("DEC") >= start)
    before = rows.filter(
        (pl.col("DECOM") < start) & (pl.col("DEC").is_null() | (pl.col("DEC") >= year_before))
    ).with_columns(
        pl.when(still_open).then(None).otherwise(column).alias(column)
        for column in ("DEC", "REC", "REASON_PLACE_CHANGE")
    )
    return current, before


def _identifier() -> pl.Expr:
    return pl.format("SYN{}", pl.col("i").cast(pl.String).str.zfill(8))


def _header(kids: pl.DataFrame, *, year: int, seed: int, previous: bool = False) -> pl.DataFrame:
    """The children's Header rows; with `previous`, as the year before's return gave them, for the
    children looked after then: a mother whose child was born since was not a mother then."""
    end = _epoch(datetime.date(year, 3, 31))
    mother = (
        pl.when(pl.col("male"))
        .then(pl.lit(None, pl.String))
        .when((pl.col("age") >= 14 * 365.25) & (_uniform(50, "i", seed=seed) < _MOTHERS))
        .then(pl.lit("1"))
        .otherwise(pl.lit("0"))
    )
    kids = kids.with_columns(mother.alias("MOTHER")).with_columns(
        # A mother's child was born in the year before this one: before the end of any episode
        # this year's return holds, as rule 625 asks.
        pl.when(pl.col("MOTHER") == "1")
        .then(end - 365 - 30 - (_uniform(52, "i", seed=seed) * 300).cast(pl.Int64))
        .alias("MC_DOB")
    )
    if previous:
        then = end - 365
        kids = kids.filter(~pl.col("starter")).with_columns(
            (pl.col("age") - 365).alias("age"),
            pl.when(pl.col("MC_DOB") > then).then(pl.lit("0")).otherwise("MOTHER").alias("MOTHER"),
            pl.when(pl.col("MC_DOB") > then).then(None).otherwise("MC_DOB").alias("MC_DOB"),
        )
    return kids.select(
        _identifier().alias("CHILD"),
        pl.when("male").then(pl.lit("M")).otherwise(pl.lit("F")).alias("SEX"),
        _as_text(pl.col("birth")).alias("DOB"),
        _choose(_uniform(51, "i", seed=seed), _ETHNICITY).alias("ETHNIC"),
        pl.when(pl.col("age") < 5 * 365.25).then(pl.lit("UN1")).otherwise(pl.lit("UN5")).alias("UPN"),
        "MOTHER",
        _as_text(pl.col("MC_DOB")).alias("MC_DOB"),
    )


_UASC = 0.20
"""The share of children aged 14 or more who are unaccompanied asylum-seeking children."""
_MISSING = 0.10
"""The share of children with a period missing or away from placement in the year."""
_PARTICIPATION = (
    ("PN1", 0.55),
    ("PN2", 0.10),
    ("PN3", 0.10),
    ("PN4", 0.10),
    ("PN5", 0.05),
    ("PN6", 0.05),
    ("PN7", 0.05),
)
FIRST_REVIEW_DAYS = 28
SECOND_REVIEW_DAYS = 28 + 91
LATER_REVIEW_DAYS = 182
"""A child's reviews: within 20 working days of coming into care, three months later, then every
six months (the Care Planning Regulations 2010, regulation 33)."""


def _uasc(kids: pl.DataFrame) -> pl.DataFrame:
    """The children aged 14 or more on 31 March drawn as unaccompanied asylum seekers, their
    status ceasing on their 18th birthday."""
    chosen = kids.filter("uasc")
    born = pl.from_epoch("birth", time_unit="d")
    return chosen.select(
        _identifier().alias("CHILD"),
        pl.when("male").then(pl.lit("M")).otherwise(pl.lit("F")).alias("SEX"),
        born.dt.strftime(tables.DATE_FORMAT).alias("DOB"),
        born.dt.offset_by("18y").dt.strftime(tables.DATE_FORMAT).alias("DUC"),
    )


def _reviews(kids: pl.DataFrame, *, year: int, seed: int) -> pl.DataFrame:
    """Each child's reviews in the year while looked after: the review's number n counts from
    the start of the period of care, so the first in the year is worked out, not searched for."""
    start, end = _epoch(datetime.date(year - 1, 4, 1)), _epoch(datetime.date(year, 3, 31))
    last_day = pl.min_horizontal(pl.coalesce(pl.col("left") - 1, pl.lit(end)), pl.lit(end))

    def number_after(day: pl.Expr) -> pl.Expr:
        """The number of the first review on or after `day` (days since the period began)."""
        later = ((day - SECOND_REVIEW_DAYS + LATER_REVIEW_DAYS - 1) // LATER_REVIEW_DAYS).clip(0, None) + 1
        return (
            pl.when(day <= FIRST_REVIEW_DAYS).then(0).when(day <= SECOND_REVIEW_DAYS).then(1).otherwise(later)
        )

    def number_before(day: pl.Expr) -> pl.Expr:
        """The number of the last review on or before `day`, -1 when there is none."""
        later = ((day - SECOND_REVIEW_DAYS) // LATER_REVIEW_DAYS) + 1
        return (
            pl.when(day < FIRST_REVIEW_DAYS).then(-1).when(day < SECOND_REVIEW_DAYS).then(0).otherwise(later)
        )

    since = kids.with_columns(
        number_after(pl.max_horizontal(pl.lit(start), "began") - pl.col("began")).alias("first_n"),
        number_before(last_day - pl.col("began")).alias("last_n"),
    ).filter(pl.col("last_n") >= pl.col("first_n"))
    reviews = (
        since.with_columns(pl.int_ranges("first_n", pl.col("last_n") + 1).alias("n"))
        .explode("n")
        .with_columns(
            (
                pl.col("began")
                + pl.when(pl.col("n") == 0)
                .then(FIRST_REVIEW_DAYS)
                .when(pl.col("n") == 1)
                .then(SECOND_REVIEW_DAYS)
                .otherwise(SECOND_REVIEW_DAYS + (pl.col("n") - 1) * LATER_REVIEW_DAYS)
            ).alias("review")
        )
    )
    born = pl.from_epoch("birth", time_unit="d")
    reviewed = pl.from_epoch("review", time_unit="d")
    return reviews.select(
        _identifier().alias("CHILD"),
        born.dt.strftime(tables.DATE_FORMAT).alias("DOB"),
        reviewed.dt.strftime(tables.DATE_FORMAT).alias("REVIEW"),
        # PN0: the child was under 4 at the review.
        pl.when(reviewed < born.dt.offset_by("4y"))
        .then(pl.lit("PN0"))
        .otherwise(_choose(_uniform(61, "i", "n", seed=seed), _PARTICIPATION))
        .alias("REVIEW_CODE"),
    )


def _missing(kids: pl.DataFrame, episodes: pl.DataFrame, *, year: int, seed: int) -> pl.DataFrame:
    """One period missing (M) or away without authorisation (A) for some children, of one to
    three days inside their last placement in the year and ending before it does."""
    start = _epoch(datetime.date(year - 1, 4, 1))
    last_placed = episodes.group_by("i").agg(
        pl.col("DECOM").max().alias("placed"), pl.col("DEC").last().alias("dec")
    )
    chosen = (
        kids.filter(_uniform(70, "i", seed=seed) < _MISSING)
        .join(last_placed, on="i")
        .with_columns(
            pl.max_horizontal("placed", pl.lit(start)).alias("from"),
            pl.col("window_end").alias("until"),
            (1 + (_uniform(71, "i", seed=seed) * 3).cast(pl.Int64)).alias("days"),
        )
        .filter(pl.col("until") - pl.col("from") > pl.col("days") + 1)
        .with_columns(
            (
                pl.col("from")
                + (
                    _uniform(72, "i", seed=seed) * (pl.col("until") - pl.col("from") - pl.col("days") - 1)
                ).cast(pl.Int64)
            ).alias("went")
        )
    )
    return chosen.select(
        _identifier().alias("CHILD"),
        _as_text(pl.col("birth")).alias("DOB"),
        pl.when(_uniform(73, "i", seed=seed) < 0.8).then(pl.lit("M")).otherwise(pl.lit("A")).alias("MISSING"),
        _as_text(pl.col("went")).alias("MIS_START"),
        _as_text(pl.col("went") + pl.col("days")).alias("MIS_END"),
    )


EXTRA_TABLES = ("UASC", "Reviews", "Missing")
FILES = {
    "Header": HEADER_FILE,
    "Episodes": EPISODES_FILE,
    "UASC": UASC_FILE,
    "Reviews": REVIEWS_FILE,
    "Missing": MISSING_FILE,
    "Header_last": f"{PREVIOUS_FOLDER}/{HEADER_FILE}",
    "Episodes_last": f"{PREVIOUS_FOLDER}/{EPISODES_FILE}",
}
LAST_TABLES = ("Header_last", "Episodes_last")


def _batch(
    first: int,
    n: int,
    *,
    year: int,
    seed: int,
    targets: Targets,
    moving: float,
    moved_before: float,
    postcodes: tuple[pl.Series, pl.Series],
    extra: bool = False,
    previous: bool = False,
) -> dict[str, pl.DataFrame]:
    """The tables of children `first` to `first + n - 1`, as the files hold them: Header and
    Episodes, with `extra` UASC, Reviews and Missing, and with `previous` the year before's
    Header and Episodes (as `Header_last`, `Episodes_last`)."""
    kids = _children(
        first, n, year=year, seed=seed, targets=targets, moving=moving, moved_before=moved_before
    )
    drawn, before = _episodes(kids, year=year, seed=seed, postcodes=postcodes, uasc=extra, previous=previous)
    found = {"Header": _header(kids, year=year, seed=seed), "Episodes": _episodes_text(drawn)}
    if extra:
        found["UASC"] = _uasc(kids)
        found["Reviews"] = _reviews(kids, year=year, seed=seed)
        found["Missing"] = _missing(kids, drawn, year=year, seed=seed)
    if before is not None:
        found["Header_last"] = _header(kids, year=year, seed=seed, previous=True)
        found["Episodes_last"] = _episodes_text(before)
    return found


def _episodes_text(drawn: pl.DataFrame) -> pl.DataFrame:
    return drawn.select(
        _identifier().alias("CHILD"),
        _as_text(pl.col("DECOM")).alias("DECOM"),
        "RNE",
        "LS",
        "CIN",
        "PLACE",
        "PLACE_PROVIDER",
        _as_text(pl.col("DEC")).alias("DEC"),
        "REC",
        "REASON_PLACE_CHANGE",
        "HOME_POST",
        "PL_POST",
        "URN",
    )


def batches(
    children: int,
    *,
    year: int,
    seed: int = 903,
    targets: Targets | None = None,
    batch: int = BATCH,
    extra: bool = False,
    previous: bool = False,
) -> Iterator[dict[str, pl.DataFrame]]:
    """The tables of `children` children by name, a batch at a time, as text in the files'
    layout: Header and Episodes, and with `extra` UASC, Reviews and Missing. The same seed gives
    the same tables, whatever the batch size."""
    targets = targets or Targets()
    postcodes = _postcodes()
    moving = _moving(year=year, seed=seed, targets=targets)
    moved_before = _moved_before(year=year, seed=seed, targets=targets, moving=moving)
    for first in range(0, children, batch):
        yield _batch(
            first,
            min(batch, children - first),
            year=year,
            seed=seed,
            targets=targets,
            moving=moving,
            moved_before=moved_before,
            postcodes=postcodes,
            extra=extra,
            previous=previous,
        )


def drawn_shares(children: int, *, year: int, seed: int = 903, targets: Targets | None = None) -> Targets:
    """The shares the histories drawn for `children` children come to, worked out from the whole
    histories (a year's files cannot tell how long a child had been looked after or with the same
    carer before it): the target measures as `generate` meets them."""
    targets = targets or Targets()
    moving = _moving(year=year, seed=seed, targets=targets)
    moved_before = _moved_before(year=year, seed=seed, targets=targets, moving=moving)
    kids = _children(
        0, children, year=year, seed=seed, targets=targets, moving=moving, moved_before=moved_before
    )
    end = _epoch(datetime.date(year, 3, 31))
    two_years = _epoch(datetime.date(year - 2, 3, 31))
    on_31_march = kids.filter(~pl.col("leaver"))
    long_term = on_31_march.filter("long_term")
    return Targets(
        three_or_more_placements_in_year=on_31_march.select((pl.col("moves") >= 2).mean()).item(),
        three_or_more_placements_in_two_years=kids.filter(_in_care_two_years(year))
        .select((_placements_in_two_years() >= 3).mean())
        .item(),
        long_term_stability=long_term.select(
            (
                (pl.col("moves") == 0)
                & (pl.col("first_placed") <= two_years)
                & (pl.col("first_placed") < end)
            ).mean()
        ).item(),
    )


def generate(
    folder: Path,
    *,
    children: int,
    year: int,
    seed: int = 903,
    dirty: bool = False,
    extra: bool = False,
    previous: bool = False,
    targets: Targets | None = None,
    batch: int = BATCH,
    progress=None,
) -> Manifest:
    """Write the Header and Episodes files (with `extra`, the UASC, Reviews and Missing files too)
    of `children` made-up children for the collection year ending 31 March `year` into `folder`,
    and their manifest; with `previous`, the year before's Header and Episodes in the folder
    `previous` inside it, as that year's return gave them. With `dirty`, plant known errors (at
    least 40 children are needed) and list them in the manifest. `progress` is told the number
    of children written after each batch."""
    if dirty and children < 40:
        raise ValueError("Dirty files need at least 40 children to plant their errors in.")
    folder = Path(folder)
    folder.mkdir(parents=True, exist_ok=True)
    names = ("Header", "Episodes", *(EXTRA_TABLES if extra else ()), *(LAST_TABLES if previous else ()))
    manifest = Manifest(year=year, children=children, seed=seed, rows=dict.fromkeys(names, 0))
    with contextlib.ExitStack() as stack:
        if previous:
            (folder / PREVIOUS_FOLDER).mkdir(exist_ok=True)
        files = {
            name: stack.enter_context((folder / FILES[name]).open("w", encoding="utf-8", newline=""))
            for name in names
        }
        for number, found in enumerate(
            batches(
                children, year=year, seed=seed, targets=targets, batch=batch, extra=extra, previous=previous
            )
        ):
            if dirty and number == 0:
                found["Header"], found["Episodes"] = _plant(
                    found["Header"], found["Episodes"], year=year, manifest=manifest
                )
            for name in names:
                found[name].write_csv(files[name], include_header=number == 0)
                manifest.rows[name] += len(found[name])
            if progress is not None:
                progress(len(found["Header"]))
    if dirty:
        _wrong_year(folder, year=year, manifest=manifest)
    manifest.write(folder / MANIFEST_FILE)
    return manifest


def _set(frame: pl.DataFrame, row: int, column: str, value: str | None) -> pl.DataFrame:
    return frame.with_columns(
        pl.when(pl.int_range(pl.len()) == row).then(pl.lit(value, pl.String)).otherwise(column).alias(column)
    )


def _plant(
    header: pl.DataFrame, episodes: pl.DataFrame, *, year: int, manifest: Manifest
) -> tuple[pl.DataFrame, pl.DataFrame]:
    """Plant one error of each kind in its own child, among the first children of the files."""
    numbered = episodes.with_row_index("row").with_columns(
        pl.len().over("CHILD").alias("count"),
        pl.int_range(pl.len()).over("CHILD").alias("n"),
    )
    used: set[str] = set()

    def a_child(*, episodes_at_least: int = 1, open_last: bool = False) -> tuple[str, int]:
        """A child not used yet with enough episodes, and the row of its first episode."""
        candidates = numbered.filter(
            (pl.col("n") == 0) & (pl.col("count") >= episodes_at_least) & ~pl.col("CHILD").is_in(list(used))
        )
        if open_last:
            open_children = numbered.filter(pl.col("DEC").is_null())["CHILD"].implode()
            candidates = candidates.filter(pl.col("CHILD").is_in(open_children))
        chosen = candidates.row(0, named=True)
        used.add(chosen["CHILD"])
        return chosen["CHILD"], chosen["row"]

    def header_row(child: str) -> int:
        return header.with_row_index("row").filter(pl.col("CHILD") == child)["row"][0]

    def plant(table: str, child: str, row: int, column: str, value: str | None, codes, what: str) -> None:
        nonlocal header, episodes
        if table == "Header":
            header = _set(header, row, column, value)
        else:
            episodes = _set(episodes, row, column, value)
        manifest.planted.append(Planted(table, row, child, tuple(codes), column, value, what))

    end = datetime.date(year, 3, 31)
    # The Header: bad codes, an impossible date, a missing field.
    for column, value, codes, what in (
        ("SEX", "X", ("101",), "a sex code that does not exist"),
        ("DOB", "31/02/2015", ("102",), "a date of birth that is not a real date"),
        ("ETHNIC", "ZZZZ", ("103",), "an ethnicity code that does not exist"),
        ("ETHNIC", None, ("103",), "no ethnicity"),
    ):
        child, _ = a_child()
        plant("Header", child, header_row(child), column, value, codes, what)
    # The Episodes: bad codes, impossible dates, a missing field.
    for column, value, codes, what in (
        ("RNE", "Q", ("143",), "a reason for a new episode that does not exist"),
        ("LS", "Z9", ("144",), "a legal status that does not exist"),
        ("CIN", "N9", ("145",), "a category of need that does not exist"),
        ("PLACE", "Q9", ("146",), "a placement type that does not exist"),
        ("PLACE_PROVIDER", "PR9", ("178",), "a placement provider that does not exist"),
        ("DECOM", "30/02/2025", ("141",), "a start date that is not a real date"),
    ):
        child, row = a_child()
        plant("Episodes", child, row, column, value, codes, what)
    child, row = a_child(episodes_at_least=2)
    plant("Episodes", child, row, "DEC", "32/01/2026", ("147",), "an end date that is not a real date")
    child, row = a_child(episodes_at_least=2)
    plant("Episodes", child, row, "REC", "E99", ("149",), "a reason the episode ceased that does not exist")
    child, row = a_child(episodes_at_least=2)
    plant("Episodes", child, row, "REC", None, ("148",), "an end date with no reason the episode ceased")
    # Overlapping episodes: the second starts the day before the first ends.
    child, row = a_child(episodes_at_least=3)
    first_end = datetime.datetime.strptime(numbered["DEC"][row], tables.DATE_FORMAT).date()
    first_start = datetime.datetime.strptime(numbered["DECOM"][row], tables.DATE_FORMAT).date()
    if first_end - first_start < datetime.timedelta(days=2):
        raise RuntimeError("The overlapping episode needs a first episode of two days or more")
    overlap = (first_end - datetime.timedelta(days=1)).strftime(tables.DATE_FORMAT)
    plant(
        "Episodes",
        child,
        row + 1,
        "DECOM",
        overlap,
        ("501",),
        "an episode starting before the previous one ended",
    )
    # An episode ending after the year: the open last episode ends ten days after 31 March.
    child, row = a_child(open_last=True)
    last = numbered.filter(pl.col("CHILD") == child)["row"].max()
    after = (end + datetime.timedelta(days=10)).strftime(tables.DATE_FORMAT)
    plant("Episodes", child, last, "DEC", after, ("385",), "an episode ending after 31 March")
    episodes = _set(episodes, last, "REC", "E8")
    return header, episodes


def _wrong_year(folder: Path, *, year: int, manifest: Manifest) -> None:
    """A folder beside the files holding a table of another year's layout: a year that does not
    have the table cannot read it."""
    wrong = folder / WRONG_YEAR_FOLDER
    wrong.mkdir(exist_ok=True)
    other = next(
        (
            (name, columns)
            for later in range(year + 1, year + 4)
            for name, columns in tables.tables_for(later).items()
            if name not in tables.tables_for(year)
        ),
        None,
    )
    if other is None:
        return
    name, columns = other
    (wrong / f"{name.lower()}.csv").write_text(",".join(columns) + "\n", encoding="utf-8")
    manifest.wrong_year = WRONG_YEAR_FOLDER
