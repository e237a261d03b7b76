"""Synthetic SSDA903 files: they read as a collection, hold what the national figures say, give
the same files for the same seed, and their planted errors are where the manifest says."""

import datetime
import io
import json
from pathlib import Path

import polars as pl
import pytest
from django.core.management import call_command

from benchmarks.ssda903 import compare
from steadfast.interop.ssda903 import reading, synthetic, validation
from steadfast.measures import published_statistics

YEAR = 2026


@pytest.fixture(scope="module")
def clean(tmp_path_factory) -> tuple[Path, synthetic.Manifest]:
    folder = tmp_path_factory.mktemp("clean")
    return folder, synthetic.generate(folder, children=5_000, year=YEAR, seed=7)


@pytest.fixture(scope="module")
def dirty(tmp_path_factory) -> tuple[Path, synthetic.Manifest]:
    folder = tmp_path_factory.mktemp("dirty")
    return folder, synthetic.generate(folder, children=300, year=YEAR, seed=7, dirty=True)


def test_the_files_read_as_a_collection_with_every_row_the_manifest_counts(clean):
    folder, manifest = clean

    collection = reading.read_collection(folder, year=YEAR)

    assert collection.readable, collection.problems
    assert set(collection.tables) == {"Header", "Episodes"}
    assert len(collection.tables["Header"]) == manifest.rows["Header"] == 5_000
    assert len(collection.tables["Episodes"]) == manifest.rows["Episodes"]
    episodes = collection.tables["Episodes"]
    # Every date is a real date, no episode ends before the year or starts after it.
    assert episodes["DECOM:date"].null_count() == 0
    assert episodes.filter(pl.col("DEC").is_not_null())["DEC:date"].null_count() == 0
    assert episodes["DEC:date"].min() >= datetime.date(YEAR - 1, 4, 1)
    assert episodes["DECOM:date"].max() <= datetime.date(YEAR, 3, 31)
    assert set(episodes["CHILD"].unique()) == set(collection.tables["Header"]["CHILD"])


def test_the_identifiers_cannot_be_real(clean):
    folder, _ = clean
    collection = reading.read_collection(folder, year=YEAR)
    header = collection.tables["Header"]

    assert header["CHILD"].str.starts_with("SYN").all()
    assert set(header["UPN"].unique()) <= {"UN1", "UN5"}
    urns = collection.tables["Episodes"]["URN"].drop_nulls()
    assert ((urns == "XXXXXXX") | urns.str.starts_with("SC9")).all()


def test_our_rules_find_nothing_in_the_clean_files(clean):
    folder, _ = clean

    report = validation.validate(reading.read_collection(folder, year=YEAR))

    assert report.ran
    assert report.problems.is_empty(), report.summary()


def test_the_codes_follow_the_departments_pairings(clean):
    folder, _ = clean
    episodes = reading.read_collection(folder, year=YEAR).tables["Episodes"]
    header = reading.read_collection(folder, year=YEAR).tables["Header"]

    # Placed with parents is P1, with provider PR0 and only then; a female child's MOTHER is given.
    assert (episodes.filter(pl.col("PLACE") == "P1")["PLACE_PROVIDER"] == "PR0").all()
    assert (episodes.filter(pl.col("PLACE_PROVIDER") == "PR0")["PLACE"] == "P1").all()
    assert header.filter(pl.col("SEX") == "F")["MOTHER"].null_count() == 0
    assert (
        header.filter(pl.col("SEX") == "M")["MOTHER"].null_count()
        == header.filter(pl.col("SEX") == "M").height
    )
    assert set(header["SEX"].unique()) == {"M", "F"}
    # Episodes of one child follow each other without a gap or an overlap.
    joined = (
        episodes.sort("CHILD", "DECOM:date")
        .with_columns(pl.col("DECOM:date").shift(-1).over("CHILD").alias("next"))
        .filter(pl.col("next").is_not_null())
    )
    assert (joined["DEC:date"] == joined["next"]).all()


def _placements_in_year(episodes: pl.DataFrame) -> pl.DataFrame:
    """Placements during the year of each child looked after on 31 March: every episode but those
    that change the legal status only (L) and start in the year."""
    start = datetime.date(YEAR - 1, 4, 1)
    on_31_march = episodes.filter(pl.col("DEC").is_null())["CHILD"].implode()
    return (
        episodes.filter(pl.col("CHILD").is_in(on_31_march))
        .filter((pl.col("RNE") != "L") | (pl.col("DECOM:date") < start))
        .group_by("CHILD")
        .len()
    )


def test_the_share_with_three_or_more_placements_in_the_year_is_near_the_national_one(clean):
    folder, _ = clean
    episodes = reading.read_collection(folder, year=YEAR).tables["Episodes"]

    placements = _placements_in_year(episodes)
    share = (placements["len"] >= 3).mean()

    assert abs(share - synthetic.Targets().three_or_more_placements_in_year) < 0.025


def test_the_long_term_stability_drawn_is_near_the_national_one():
    drawn = synthetic.drawn_shares(5_000, year=YEAR, seed=7)

    assert abs(drawn.long_term_stability - synthetic.Targets().long_term_stability) < 0.04
    assert (
        abs(
            drawn.three_or_more_placements_in_two_years
            - synthetic.Targets().three_or_more_placements_in_two_years
        )
        < 0.03
    )
    assert (
        abs(drawn.three_or_more_placements_in_year - synthetic.Targets().three_or_more_placements_in_year)
        < 0.025
    )


def test_the_targets_are_englands_latest_published_figures_up_to_the_year():
    rows = [
        {
            "time_period": str(year),
            "geographic_level": "National",
            "country_code": "E92000001",
            "country_name": "England",
            "cla_group": group,
            "placement_stability": kind,
            "children_count": "100",
            "children_percent": str(percent),
        }
        for year, shift in ((2024, 0), (2025, 1), (2027, 5))
        for (group, kind), percent in zip(
            published_statistics.MEASURE_ROWS.values(), (11 + shift, 22 + shift, 68 + shift), strict=True
        )
    ]

    targets = synthetic.targets_from_published(published_statistics.parse(rows), year=2026)

    assert targets == synthetic.Targets(0.12, 0.23, 0.69)
    assert synthetic.targets_from_published(None, year=2026) == synthetic.Targets()


def test_ages_legal_statuses_and_placements_come_in_realistic_shares(clean):
    folder, _ = clean
    collection = reading.read_collection(folder, year=YEAR)
    header, episodes = collection.tables["Header"], collection.tables["Episodes"]
    end = datetime.date(YEAR, 3, 31)

    ages = header.select(((pl.lit(end) - pl.col("DOB:date")).dt.total_days() / 365.25).alias("age"))["age"]
    current = episodes.filter(pl.col("DEC").is_null())

    assert 0.33 < (ages >= 10).mean() - (ages >= 16).mean() < 0.45
    assert 0.20 < (ages >= 16).mean() < 0.32
    assert ages.max() < 18
    assert 0.70 < (current["LS"] == "C2").mean() < 0.92
    assert 0.55 < current["PLACE"].str.starts_with("U").mean() < 0.85
    assert 0.03 < (current["PLACE"] == "P1").mean() < 0.12
    assert 0.50 < (header["SEX"] == "M").mean() < 0.62


def test_all_tables_read_as_a_collection_and_hang_together(tmp_path):
    manifest = synthetic.generate(tmp_path, children=1_000, year=YEAR, seed=7, extra=True)

    collection = reading.read_collection(tmp_path, year=YEAR)

    assert collection.readable, collection.problems
    assert set(collection.tables) == {"Header", "Episodes", "UASC", "Reviews", "Missing"}
    for name, rows in manifest.rows.items():
        assert len(collection.tables[name]) == rows > 0, name
    header = collection.tables["Header"].select("CHILD", "DOB")
    for name in ("UASC", "Reviews", "Missing"):
        joined = collection.tables[name].join(header, on="CHILD", how="left", suffix="_header")
        assert (joined["DOB"] == joined["DOB_header"]).all(), name
    # The UASC are 14 or older, their status ends on their 18th birthday, and they have no home
    # postcode; the Header says which children they are.
    uasc = collection.tables["UASC"]
    assert (uasc["DUC:date"] == uasc["DOB:date"].dt.offset_by("18y")).all()
    asylum = collection.tables["Episodes"].filter(pl.col("CHILD").is_in(uasc["CHILD"].implode()))
    assert asylum["HOME_POST"].null_count() == len(asylum)
    assert collection.tables["Header"]["UASC"].eq("1").sum() == len(uasc)
    # Reviews and missing periods fall inside the year.
    start, end = datetime.date(YEAR - 1, 4, 1), datetime.date(YEAR, 3, 31)
    reviews, missing = collection.tables["Reviews"], collection.tables["Missing"]
    assert reviews["REVIEW:date"].is_between(start, end).all()
    assert missing["MIS_START:date"].is_between(start, end).all()
    assert (missing["MIS_END:date"] > missing["MIS_START:date"]).all()
    assert validation.validate(collection).problems.is_empty()


@pytest.fixture(scope="module")
def with_previous(tmp_path_factory) -> tuple[Path, synthetic.Manifest]:
    folder = tmp_path_factory.mktemp("previous")
    return folder, synthetic.generate(folder, children=5_000, year=YEAR, seed=7, previous=True)


def test_the_year_befores_files_read_and_end_where_this_year_begins(with_previous):
    folder, manifest = with_previous

    collection = reading.read_collection(folder, year=YEAR)

    assert collection.readable, collection.problems
    assert set(collection.tables) == {"Header", "Episodes", "Header_last", "Episodes_last"}
    last, now = collection.tables["Episodes_last"], collection.tables["Episodes"]
    assert len(last) == manifest.rows["Episodes_last"] > 0
    # Each episode open on the year before's 31 March is the first of this year, field for field.
    columns = [c for c in now.columns if c not in ("ROW", "DEC", "REC", "REASON_PLACE_CHANGE", "DEC:date")]
    open_then = last.filter(pl.col("DEC").is_null()).select(columns)
    first_now = now.sort("CHILD", "DECOM:date").group_by("CHILD", maintain_order=True).first().select(columns)
    assert open_then.sort("CHILD").equals(first_now.join(open_then.select("CHILD"), on="CHILD").sort("CHILD"))
    assert last["DEC:date"].max() <= datetime.date(YEAR - 1, 3, 31)
    assert validation.validate(collection).problems.is_empty()


def test_the_share_with_three_or_more_placements_in_two_years_is_near_the_national_one(with_previous):
    folder, _ = with_previous
    tables = reading.read_collection(folder, year=YEAR).tables
    two_years_before = datetime.date(YEAR - 2, 3, 31)
    episodes = pl.concat([tables["Episodes_last"], tables["Episodes"]]).unique(["CHILD", "DECOM"])
    on_31_march = tables["Episodes"].filter(pl.col("DEC").is_null())["CHILD"].implode()

    placements = (
        episodes.filter(pl.col("CHILD").is_in(on_31_march))
        .group_by("CHILD")
        .agg(
            pl.col("DECOM:date").min().alias("since"),
            (pl.col("RNE") != "L").sum().alias("placements"),
        )
        .filter(pl.col("since") <= two_years_before)
    )
    share = (placements["placements"] >= 3).mean()

    assert len(placements) > 1_000
    assert abs(share - synthetic.Targets().three_or_more_placements_in_two_years) < 0.03


def test_the_same_seed_gives_the_same_files_however_they_are_batched(tmp_path):
    one, two, other = tmp_path / "one", tmp_path / "two", tmp_path / "other"

    synthetic.generate(one, children=700, year=YEAR, seed=11)
    synthetic.generate(two, children=700, year=YEAR, seed=11, batch=256)
    synthetic.generate(other, children=700, year=YEAR, seed=12)

    for name in (synthetic.HEADER_FILE, synthetic.EPISODES_FILE):
        assert (one / name).read_bytes() == (two / name).read_bytes()
        assert (one / name).read_bytes() != (other / name).read_bytes()


def test_each_planted_error_is_on_the_row_the_manifest_names(dirty):
    folder, manifest = dirty
    tables = reading.read_collection(folder, year=YEAR).tables

    assert len(manifest.planted) >= 15
    assert len({p.child for p in manifest.planted}) == len(manifest.planted)
    for planted in manifest.planted:
        row = tables[planted.table].filter(pl.col("ROW") == planted.row).row(0, named=True)
        assert row["CHILD"] == planted.child
        expected = planted.value.upper() if planted.value is not None else None
        assert row[planted.column] == expected, planted


def test_our_rules_flag_the_rows_planted_for_them_and_no_others(dirty):
    folder, manifest = dirty
    ours = {r.code for r in validation.rules_for(YEAR)}
    report = validation.validate(reading.read_collection(folder, year=YEAR))
    flagged = {(code, table, row) for code, table, row in report.problems.iter_rows()}

    planted = {(code, p.table, p.row) for p in manifest.planted for code in p.codes if code in ours}

    assert ("103", "Header", next(p.row for p in manifest.planted if "103" in p.codes)) in planted
    assert planted <= flagged
    # Our rules flag nothing in the rows of children left clean.
    children = {p.child for p in manifest.planted}
    tables = reading.read_collection(folder, year=YEAR).tables
    for code, table, row in flagged:
        assert tables[table]["CHILD"][row] in children, (code, table, row)


def test_the_wrong_years_layout_cannot_be_read_as_this_year(dirty):
    folder, manifest = dirty

    collection = reading.read_collection(folder / manifest.wrong_year, year=YEAR)

    assert not collection.readable
    assert "which the 2025/26 return does not have" in collection.problems[0].message


def test_the_manifest_reads_back_as_written(dirty):
    folder, manifest = dirty

    assert synthetic.Manifest.read(folder / synthetic.MANIFEST_FILE) == manifest


def test_the_command_writes_the_files_and_says_what_it_wrote(tmp_path):
    out = io.StringIO()

    call_command(
        "ssda903", "synthetic", str(tmp_path), "--children", "60", "--year", "2026", "--dirty", stdout=out
    )

    assert "60 children" in out.getvalue()
    manifest = json.loads((tmp_path / synthetic.MANIFEST_FILE).read_text())
    assert manifest["children"] == 60 and manifest["planted"]
    assert reading.read_collection(tmp_path, year=YEAR).readable


def test_the_command_refuses_too_few_children_for_dirty_files(tmp_path):
    from django.core.management.base import CommandError

    with pytest.raises(CommandError, match="at least 40"):
        call_command(
            "ssda903", "synthetic", str(tmp_path), "--children", "10", "--dirty", stdout=io.StringIO()
        )


def test_the_comparison_lists_the_rows_only_one_side_flags(dirty):
    folder, manifest = dirty
    ours = compare.ours(folder, year=YEAR, codes=["103"])
    planted = sorted(p.row for p in manifest.planted if "103" in p.codes)
    # The peer as if it flagged one planted row and a row we do not.
    peer = {"ran": ["103", "999"], "flagged": {"103": {"Header": [planted[0], 250]}}}

    result = compare.compare(ours, peer)

    assert result["rules_both_ran"] == ["103"]
    assert result["rules"]["103"]["Header"] == {"both": 1, "only_ours": planted[1:], "only_peer": [250]}
    assert not result["agree"]


@pytest.mark.skipif(not compare.peer_python().exists(), reason="the sector's validator is not installed")
def test_the_sector_validator_flags_the_planted_rows_and_agrees_with_our_rules(dirty):
    folder, manifest = dirty
    their = compare.peer(folder, year=YEAR, timeout=600)

    for planted in manifest.planted:
        assert any(
            planted.row in their["flagged"].get(code, {}).get(planted.table, []) for code in planted.codes
        )
    assert compare.compare(compare.ours(folder, year=YEAR), their)["agree"]
