"""From a year's SSDA903 tables to a plan of Steadfast's records: pure, with no database, so the
mapping is tested on its own. `interop.services.import_plan` applies a plan.

A plan holds, for each child of the Header, the child's facts in the domain's words, the return's
own codes (kept to be given back by the export), the placements and the legal statuses the
episodes make, and the episodes themselves. An episode whose reason (RNE) is S, P, T, U or B
begins a placement; L, a change of legal status only, continues the one before. A legal status
begins wherever the code changes or a period of care starts, and its last day is the day before
the episode that ends it ceased (as `children.services.record_legal_status` ends one).

Rows the import cannot use (a date that is not a date, a code not in the year's list, an episode
of a child the Header does not have) are `refusals`: an import with any refuses them all.
"""

import datetime
from dataclasses import dataclass, field

import polars as pl

from . import codes
from .reading import ROW, Collection

REFUSED_DATE = (
    "{column} is not a date written dd/mm/yyyy: {value}. Correct it in the case system and export again."
)
REFUSED_MISSING = "{column} is blank. The import needs it: fill it in the case system and export again."
REFUSED_CODE = "{column} is {value}, which is not a code of the {year} return. Correct it and export again."
REFUSED_NO_HEADER = "Child {child} has episodes but no row in the Header. Add the child's Header row."
REFUSED_TWO_HEADERS = "Child {child} has more than one row in the Header. Keep one."
REFUSED_NO_TABLE = "The files hold no {table} table, which the import needs."
REFUSED_SAME_START = "Child {child} has two episodes starting on {start}. Keep one."

NEEDED_TABLES = ("Header", "Episodes")


@dataclass(frozen=True, slots=True)
class Refusal:
    table: str
    line: int
    child: str
    message: str


@dataclass(frozen=True, slots=True)
class EpisodePlan:
    """One Episodes row: its dates parsed, its codes as given (blank as "")."""

    decom: datetime.date
    rne: str
    ls: str
    cin: str
    place: str
    place_provider: str
    dec: datetime.date | None
    rec: str
    reason_place_change: str
    home_post: str
    pl_post: str
    urn: str


@dataclass(frozen=True, slots=True)
class HomePlan:
    """Where the child lived, as a provider: the return names no carer, only an Ofsted URN and a
    postcode, so the home is named by them."""

    name: str
    kind: str


@dataclass(frozen=True, slots=True)
class PlacementPlan:
    start_date: datetime.date
    end_date: datetime.date | None
    placement_type: str
    home: HomePlan
    end_reason: str
    ending_planned: bool | None
    continues_earlier: bool = False
    """The file's first episode of the child keeps the placement of an episode before it (RNE
    L): a later year's files begin with the episodes open on 1 April."""


@dataclass(frozen=True, slots=True)
class LegalStatusPlan:
    status: str
    start_date: datetime.date
    end_date: datetime.date | None
    continues_earlier: bool = False
    """The file's first episode of the child keeps the legal status before it (RNE P or T)."""


@dataclass(frozen=True, slots=True)
class ChildPlan:
    child_identifier: str
    date_of_birth: datetime.date
    sex: str
    ethnicity: str
    header: dict[str, str]
    """The Header's codes as given: SEX, ETHNIC, UPN, MOTHER, MC_DOB ("" when blank)."""
    episodes: tuple[EpisodePlan, ...]
    placements: tuple[PlacementPlan, ...]
    legal_statuses: tuple[LegalStatusPlan, ...]


@dataclass(frozen=True)
class Plan:
    year: int
    children: tuple[ChildPlan, ...] = ()
    refusals: tuple[Refusal, ...] = field(default=())

    @property
    def refused(self) -> bool:
        return bool(self.refusals)


def _text(column: str) -> pl.Expr:
    return pl.col(column).fill_null("")


def _bad_rows(frame: pl.DataFrame, table: str, checks: list[tuple[pl.Expr, pl.Expr]]) -> list[Refusal]:
    """A refusal for each row and check whose condition holds, with its message."""
    found = []
    for condition, message in checks:
        bad = frame.filter(condition).select(ROW, _text("CHILD").alias("CHILD"), message.alias("message"))
        found.extend(Refusal(table, row + 2, child, text) for row, child, text in bad.rows())
    return found


def _date_checks(column: str, *, needed: bool) -> list[tuple[pl.Expr, pl.Expr]]:
    checks = [
        (
            pl.col(column).is_not_null() & pl.col(f"{column}:date").is_null(),
            pl.format(REFUSED_DATE.replace("{column}", column).replace("{value}", "{}"), pl.col(column)),
        )
    ]
    if needed:
        checks.append((pl.col(column).is_null(), pl.lit(REFUSED_MISSING.format(column=column))))
    return checks


def _code_check(column: str, allowed, *, year: int, needed: bool) -> list[tuple[pl.Expr, pl.Expr]]:
    label = f"{year - 1}/{year % 100:02}"
    message = REFUSED_CODE.replace("{column}", column).replace("{year}", label).replace("{value}", "{}")
    checks = [
        (
            pl.col(column).is_not_null() & ~pl.col(column).is_in(sorted(allowed)),
            pl.format(message, pl.col(column)),
        )
    ]
    if needed:
        checks.append((pl.col(column).is_null(), pl.lit(REFUSED_MISSING.format(column=column))))
    return checks


def _refusals(header: pl.DataFrame, episodes: pl.DataFrame, *, year: int) -> list[Refusal]:
    found = _bad_rows(
        header,
        "Header",
        [
            (pl.col("CHILD").is_null(), pl.lit(REFUSED_MISSING.format(column="CHILD"))),
            *_date_checks("DOB", needed=True),
            *_date_checks("MC_DOB", needed=False),
            *_code_check("SEX", codes.SEX_TO_DOMAIN(year), year=year, needed=True),
            *_code_check("ETHNIC", codes.ETHNICITY_TO_DOMAIN(year), year=year, needed=True),
            (
                pl.col("CHILD").is_not_null() & pl.col("CHILD").is_duplicated(),
                pl.format(REFUSED_TWO_HEADERS.replace("{child}", "{}"), pl.col("CHILD")),
            ),
        ],
    )
    known = header["CHILD"].drop_nulls().implode()
    found += _bad_rows(
        episodes,
        "Episodes",
        [
            (pl.col("CHILD").is_null(), pl.lit(REFUSED_MISSING.format(column="CHILD"))),
            *_date_checks("DECOM", needed=True),
            *_date_checks("DEC", needed=False),
            *_code_check("RNE", codes.REASON_NEW_EPISODE(year), year=year, needed=True),
            *_code_check("LS", codes.LEGAL_STATUS_TO_DOMAIN(year), year=year, needed=True),
            *_code_check("PLACE", codes.PLACEMENT_TYPE_TO_DOMAIN(year), year=year, needed=True),
            *_code_check("PLACE_PROVIDER", codes.PLACEMENT_PROVIDER(year), year=year, needed=False),
            *_code_check("REC", codes.REASON_EPISODE_CEASED(year), year=year, needed=False),
            *_code_check("REASON_PLACE_CHANGE", codes.REASON_PLACE_CHANGE(year), year=year, needed=False),
            (
                pl.col("CHILD").is_not_null() & ~pl.col("CHILD").is_in(known),
                pl.format(REFUSED_NO_HEADER.replace("{child}", "{}"), pl.col("CHILD")),
            ),
            (
                pl.col("DECOM:date").is_not_null() & pl.struct("CHILD", "DECOM:date").is_duplicated(),
                pl.format(
                    REFUSED_SAME_START.replace("{child}", "{}").replace("{start}", "{}"),
                    pl.col("CHILD"),
                    pl.col("DECOM"),
                ),
            ),
        ],
    )
    return sorted(found, key=lambda r: (r.table != "Header", r.line, r.message))


def _home(place: str, provider: str, urn: str, pl_post: str) -> HomePlan:
    if urn and urn not in {"XXXXXX", "SC999999"}:
        name = f"Ofsted URN {urn}"
    elif pl_post:
        name = f"Placement at {pl_post}"
    else:
        name = "Placement not named in the return"
    if place.startswith(("K", "R1", "S1")):
        kind = "childrens_home"
    elif place.startswith("U") and provider in codes.FOSTER_AGENCY_PROVIDERS:
        kind = "agency"
    else:
        kind = "other"
    return HomePlan(name=name, kind=kind)


def _placement_type(place: str, provider: str, *, year: int) -> str:
    kind = codes.PLACEMENT_TYPE_TO_DOMAIN(year)[place]
    if kind == "foster_approved_carer" and provider in codes.FOSTER_AGENCY_PROVIDERS:
        return "foster_agency"
    return kind


def _ending(last: EpisodePlan, following: EpisodePlan | None, *, year: int) -> tuple[str, bool | None]:
    if last.dec is None:
        return "", None
    if last.rec and last.rec != codes.EPISODE_CONTINUES:
        return codes.REASON_CEASED_TO_DOMAIN(year).get(last.rec, ("other", False))
    if following is not None and following.reason_place_change:
        return codes.REASON_PLACE_CHANGE_TO_DOMAIN(year).get(following.reason_place_change, ("other", False))
    return "other", False


def _day_before(end: datetime.date | None, start: datetime.date) -> datetime.date | None:
    if end is None:
        return None
    return max(start, end - datetime.timedelta(days=1))


def _same_place(episode: EpisodePlan, other: EpisodePlan) -> bool:
    return (episode.place, episode.place_provider, episode.urn, episode.pl_post) == (
        other.place,
        other.place_provider,
        other.urn,
        other.pl_post,
    )


def _child_plan(header: dict, episodes: list[EpisodePlan], *, year: int) -> ChildPlan:
    placements: list[PlacementPlan] = []
    statuses: list[LegalStatusPlan] = []
    # Each placement and legal status as the run of episodes it spans.
    placement_runs: list[list[EpisodePlan]] = []
    status_runs: list[list[EpisodePlan]] = []
    previous: EpisodePlan | None = None
    # The last episode that was not a temporary stay: where the child goes back to after one.
    usual: EpisodePlan | None = None
    temporary = codes.TEMPORARY_PLACEMENT(year)
    for episode in episodes:
        continues = previous is not None and previous.dec == episode.decom
        # A temporary stay (T0 to T4: a holiday, hospital, the carers' break) is not a move, and
        # nor is going back afterwards to the same place, which the return codes P (rule 383).
        stays = continues and (
            episode.place in temporary
            or (previous.place in temporary and usual is not None and _same_place(episode, usual))
        )
        if not continues or (episode.rne in codes.NEW_PLACEMENT_REASONS and not stays):
            placement_runs.append([episode])
        else:
            placement_runs[-1].append(episode)
        if not continues or episode.rne == "S" or episode.ls != previous.ls:
            status_runs.append([episode])
        else:
            status_runs[-1].append(episode)
        previous = episode
        if episode.place not in temporary:
            usual = episode
    for run in placement_runs:
        first, last = run[0], run[-1]
        after = episodes.index(last) + 1
        reason, planned = _ending(last, episodes[after] if after < len(episodes) else None, year=year)
        placements.append(
            PlacementPlan(
                start_date=first.decom,
                end_date=last.dec,
                placement_type=_placement_type(first.place, first.place_provider, year=year),
                home=_home(first.place, first.place_provider, first.urn, first.pl_post),
                end_reason=reason,
                ending_planned=planned,
                continues_earlier=first is episodes[0] and first.rne not in codes.NEW_PLACEMENT_REASONS,
            )
        )
    for run in status_runs:
        statuses.append(
            LegalStatusPlan(
                status=codes.LEGAL_STATUS_TO_DOMAIN(year)[run[0].ls],
                start_date=run[0].decom,
                end_date=_day_before(run[-1].dec, run[0].decom),
                continues_earlier=run[0] is episodes[0] and run[0].rne in codes.SAME_LEGAL_STATUS_REASONS,
            )
        )
    return ChildPlan(
        child_identifier=header["CHILD"],
        date_of_birth=header["DOB:date"],
        sex=codes.SEX_TO_DOMAIN(year)[header["SEX"]],
        ethnicity=codes.ETHNICITY_TO_DOMAIN(year)[header["ETHNIC"]],
        header={column: header[column] or "" for column in ("SEX", "ETHNIC", "UPN", "MOTHER", "MC_DOB")},
        episodes=tuple(episodes),
        placements=tuple(placements),
        legal_statuses=tuple(statuses),
    )


_EPISODE_TEXT = (
    "RNE",
    "LS",
    "CIN",
    "PLACE",
    "PLACE_PROVIDER",
    "REC",
    "REASON_PLACE_CHANGE",
    "HOME_POST",
    "PL_POST",
    "URN",
)


def plan_import(collection: Collection) -> Plan:
    """The records the collection's Header and Episodes make, child by child in the Header's
    order, or the refusals of every row the import cannot use."""
    missing = [name for name in NEEDED_TABLES if name not in collection.tables]
    if missing:
        return Plan(
            year=collection.year,
            refusals=tuple(Refusal(name, 0, "", REFUSED_NO_TABLE.format(table=name)) for name in missing),
        )
    header, episodes = collection.tables["Header"], collection.tables["Episodes"]
    refusals = _refusals(header, episodes, year=collection.year)
    if refusals:
        return Plan(year=collection.year, refusals=tuple(refusals))
    by_child: dict[str, list[EpisodePlan]] = {}
    rows = episodes.sort("CHILD", "DECOM:date").select(
        "CHILD",
        pl.col("DECOM:date").alias("decom"),
        pl.col("DEC:date").alias("dec"),
        *[_text(column).alias(column.lower()) for column in _EPISODE_TEXT],
    )
    for row in rows.to_dicts():
        by_child.setdefault(row.pop("CHILD"), []).append(EpisodePlan(**row))
    children = tuple(
        _child_plan(row, by_child.get(row["CHILD"], []), year=collection.year)
        for row in header.sort(ROW).to_dicts()
    )
    return Plan(year=collection.year, children=children)
