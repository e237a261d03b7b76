"""SSDA903 episodes as the stability measures' episodes: the kind from LS and PLACE, the carer
from RNE, read as the rows are prepared from files."""

import datetime
import itertools

import polars as pl
from hypothesis import example, given, settings
from hypothesis import strategies as st

from steadfast.interop.ssda903 import episodes
from steadfast.interop.ssda903.reading import collection_from_rows
from steadfast.measures import stability_measures as sm
from steadfast.placements.models import PlacementType

YEAR = 2026
YEAR_ENDING = datetime.date(2026, 3, 31)


def episode(child, decom, rne, place="U4", ls="C2", dec=None, post="A", provider="PR1"):
    return {
        "CHILD": child,
        "DECOM": decom,
        "RNE": rne,
        "LS": ls,
        "PLACE": place,
        "PLACE_PROVIDER": provider,
        "DEC": dec,
        "PL_POST": post,
    }


def frame_of(*rows, born="01/01/2015"):
    children = sorted({row["CHILD"] for row in rows})
    collection = collection_from_rows(
        {"Header": [{"CHILD": c, "DOB": born} for c in children], "Episodes": list(rows)}, year=YEAR
    )
    header, table = collection.tables["Header"], collection.tables["Episodes"]
    return episodes.episode_frame(header, table).collect(), episodes.rows_left_out(header, table)


def carers(*rows):
    frame, _ = frame_of(*rows)
    return frame.filter(pl.col(sm.KIND) != sm.TEMPORARY)[sm.CARER_ID].to_list()


def test_every_code_the_mapping_reads_is_one_of_the_years_codes():
    for column, read in episodes.CODES_READ.items():
        assert set(read) <= episodes.CODE_LISTS[column](YEAR), column


def test_every_placement_code_of_the_year_is_mapped_or_temporary():
    assert set(episodes.KINDS) | set(episodes.TEMPORARY_PLACEMENTS) == episodes.codes.PLACEMENT_TYPE(YEAR)


def test_the_kinds_are_the_placement_types_of_the_placement_records():
    assert set(episodes.KINDS.values()) <= set(PlacementType.values)
    assert episodes.KINDS["A3"] == sm.PLACED_FOR_ADOPTION


def test_short_breaks_temporary_stays_and_agency_fostering_are_told_apart():
    frame, _ = frame_of(
        episode("1", "01/04/2025", "S", ls="V3", dec="03/04/2025"),
        episode("1", "01/05/2025", "S", dec="01/06/2025"),
        episode("1", "01/06/2025", "P", place="T1", dec="08/06/2025", post="H"),
        episode("1", "08/06/2025", "B", dec="01/07/2025"),
        episode("1", "01/07/2025", "P", place="U5", provider="PR4", post="B"),
    )
    assert frame[sm.KIND].to_list() == [
        sm.SHORT_BREAK,
        PlacementType.FOSTER_APPROVED_CARER,
        sm.TEMPORARY,
        PlacementType.FOSTER_APPROVED_CARER,
        PlacementType.FOSTER_AGENCY,
    ]
    assert frame[sm.STARTS_PERIOD_OF_CARE].to_list() == [True, True, False, False, False]


def test_a_change_of_legal_status_or_of_placement_with_the_same_carers_keeps_the_carer():
    found = carers(
        episode("1", "01/04/2025", "S", dec="01/05/2025"),
        episode("1", "01/05/2025", "L", ls="C1", dec="01/06/2025"),
        episode("1", "01/06/2025", "T", place="U4", dec="01/07/2025"),
        episode("1", "01/07/2025", "U", place="A4", ls="E1"),
    )
    assert len(set(found)) == 1


def test_p_and_b_are_moves_to_new_carers():
    found = carers(
        episode("1", "01/04/2025", "S", dec="01/05/2025"),
        episode("1", "01/05/2025", "P", dec="01/06/2025", post="B"),
        episode("1", "01/06/2025", "B", ls="C1", post="C"),
    )
    assert len(set(found)) == 3


def test_back_from_a_temporary_stay_to_the_same_place_is_the_same_carer_however_coded():
    back_by_b = carers(
        episode("1", "01/04/2025", "S", dec="01/05/2025"),
        episode("1", "01/05/2025", "P", place="T0", dec="08/05/2025", post="H"),
        episode("1", "08/05/2025", "B"),
    )
    back_by_p = carers(
        episode("1", "01/04/2025", "S", dec="01/05/2025"),
        episode("1", "01/05/2025", "P", place="T0", dec="08/05/2025", post="H"),
        episode("1", "08/05/2025", "P"),
    )
    elsewhere = carers(
        episode("1", "01/04/2025", "S", dec="01/05/2025"),
        episode("1", "01/05/2025", "P", place="T0", dec="08/05/2025", post="H"),
        episode("1", "08/05/2025", "P", post="B"),
    )
    assert len(set(back_by_b)) == len(set(back_by_p)) == 1
    assert len(set(elsewhere)) == 2


def test_episodes_that_cannot_be_counted_are_left_out_and_counted():
    frame, left_out = frame_of(
        episode("1", "01/04/2025", "S"),
        episode("2", "31/02/2025", "S"),
        episode("3", "01/04/2025", "S", dec="01/03/2025"),
    )
    assert frame[sm.CHILD_ID].to_list() == ["1"]
    assert left_out == 2


# Random histories: the counting from files keeps to rules that can be stated simply.

DAY_ZERO = datetime.date(2022, 1, 1)


@st.composite
def histories(draw):
    """Up to five children, each with up to six episodes one after another (each ending the day
    the next begins, with now and then a gap), coded at random."""
    rows = []
    for child in range(draw(st.integers(1, 5))):
        day = draw(st.integers(0, 1400))
        count = draw(st.integers(1, 6))
        for n in range(count):
            length = draw(st.integers(1, 400))
            last = n == count - 1
            rows.append(
                episode(
                    str(child),
                    (DAY_ZERO + datetime.timedelta(days=day)).strftime("%d/%m/%Y"),
                    "S" if n == 0 else draw(st.sampled_from(["P", "L", "T", "U", "B", "S"])),
                    place=draw(st.sampled_from(["U4", "U1", "K2", "A3", "T1", "P1"])),
                    ls=draw(st.sampled_from(["C2", "C1", "E1", "V3"])),
                    dec=None
                    if last
                    else (DAY_ZERO + datetime.timedelta(days=day + length)).strftime("%d/%m/%Y"),
                    post=draw(st.sampled_from(["A", "B", "C"])),
                )
            )
            day += length + draw(st.sampled_from([0, 0, 0, 30]))
    return rows


@settings(max_examples=100, deadline=None)
@given(histories())
@example(
    [
        episode("1", "26/02/2024", "S", dec="01/04/2025"),
        episode("1", "01/04/2025", "P", dec="02/04/2025"),
        episode("1", "02/04/2025", "B"),
    ]
)
def test_placements_in_the_year_never_exceed_the_episodes_that_can_be_placements(rows):
    frame, _ = frame_of(*rows)
    children = sm.stability_of_frame(frame, year_ending=YEAR_ENDING).children
    for child, placements in children.select(sm.CHILD_ID, "placements_in_year").iter_rows():
        own = [r for r in rows if r["CHILD"] == child]
        possible = [r for r in own if r["LS"] not in ("V3", "V4") and r["PLACE"] != "T1"]
        assert placements <= len(possible)
        if len(possible) == len(own):
            # With no short breaks or temporary stays, only an episode that may change the place
            # or the carers (coded S, P, T or B), or one after a gap, begins another placement.
            begins = [
                later
                for earlier, later in itertools.pairwise(own)
                if later["RNE"] in ("S", "P", "T", "B") or later["DECOM"] != earlier["DEC"]
            ]
            assert placements <= 1 + len(begins)
