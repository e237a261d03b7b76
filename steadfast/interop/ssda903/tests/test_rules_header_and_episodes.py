"""The Department's rules that read the Header beside the Episodes: each case gives the rows of
the tables a rule reads and the rows it finds fault in, by table (the first row of a table is 0).

The hypothesis strategy here, `tables_of`, gives random rows of any tables for every rules'
module to run its rules over."""

import pytest
from hypothesis import HealthCheck, given, settings

from .helpers import flagged, runs_cleanly, tables_of


def episode(child="1", **values):
    return {"CHILD": child, **values}


def child(number="1", dob="01/06/2015", **values):
    return {"CHILD": number, "DOB": dob, **values}


CASES = [
    # 210: a child looked after from 24 March has a known UPN.
    (
        "210",
        {
            "Header": [child("1", UPN="UN4"), child("2", UPN="A1")],
            "Episodes": [
                episode("1", DECOM="23/03/2026"),
                episode("1", DECOM="24/03/2026"),
                episode("2", DECOM="25/03/2026"),
            ],
        },
        {"Episodes": [1], "Header": [0]},
    ),
    # 234: a child under 10 does not change placement for custody.
    (
        "234",
        {
            "Header": [child("1", dob="01/06/2015"), child("2", dob="01/06/2010")],
            "Episodes": [
                episode("1", DECOM="31/05/2025", REASON_PLACE_CHANGE="CUSTOD"),
                episode("1", DECOM="01/06/2025", REASON_PLACE_CHANGE="CUSTOD"),
                episode("2", DECOM="31/05/2020", REASON_PLACE_CHANGE="CARPL"),
            ],
        },
        {"Episodes": [0], "Header": [0]},
    ),
    # 302: the first episode does not start before the child was born.
    (
        "302",
        {
            "Header": [child("1", dob="01/06/2015"), child("2", dob="01/06/2015")],
            "Episodes": [
                episode("1", DECOM="01/07/2015"),
                episode("1", DECOM="31/05/2015"),
                episode("2", DECOM="01/06/2015"),
            ],
        },
        {"Episodes": [1], "Header": [0]},
    ),
    # 352: a child starting to be looked after is under 18.
    (
        "352",
        {
            "Header": [child("1", dob="01/06/2007")],
            "Episodes": [
                episode(DECOM="31/05/2025", RNE="S"),
                episode(DECOM="01/06/2025", RNE="S"),
                episode(DECOM="01/06/2025", RNE="P"),
            ],
        },
        {"Episodes": [1]},
    ),
    # 358: a child on a youth justice legal status is over 10.
    (
        "358",
        {
            "Header": [child("1", dob="01/06/2015")],
            "Episodes": [
                episode(DECOM="01/06/2025", LS="J2"),
                episode(DECOM="02/06/2025", LS="J2"),
                episode(DECOM="01/06/2025", LS="C2"),
            ],
        },
        {"Episodes": [0], "Header": [0]},
    ),
    # 359: a child looked after past 18 is under V2 in a community home.
    (
        "359",
        {
            "Header": [child("1", dob="01/06/2007"), child("2", dob="01/04/2008")],
            "Episodes": [
                episode("1", DEC=None, LS="C2", PLACE="U1"),
                episode("1", DEC=None, LS="V2", PLACE="K2"),
                episode("1", DEC="01/07/2025", LS="C2", PLACE="U1"),
                episode("2", DEC=None, LS="C2", PLACE="U1"),
            ],
        },
        {"Episodes": [0]},
    ),
    # 371 to 374: the youngest age for a placement, at its start (the episode must have ended).
    *[
        (
            code,
            {
                "Header": [child("1", dob="01/06/2005")],
                "Episodes": [
                    episode(DECOM=f"31/05/{2005 + years}", DEC="01/01/2026", PLACE=place),
                    episode(DECOM=f"01/06/{2005 + years}", DEC="01/01/2026", PLACE=place),
                    episode(DECOM=f"31/05/{2005 + years}", DEC=None, PLACE=place),
                    episode(DECOM=f"31/05/{2005 + years}", DEC="01/01/2026", PLACE="U1"),
                ],
            },
            {"Episodes": [0]},
        )
        for code, place, years in [("371", "K3", 16), ("372", "R5", 10), ("373", "S1", 4), ("374", "P3", 14)]
    ],
    # 375, 376, 379: the longest a temporary placement lasts.
    *[
        (
            code,
            {
                "Header": [child("1")],
                "Episodes": [
                    episode(DECOM="01/04/2025", DEC=last_day, PLACE=place),
                    episode(DECOM="01/04/2025", DEC=too_late, PLACE=place),
                    episode(DECOM="01/04/2025", DEC=too_late, PLACE="U1"),
                ],
            },
            {"Episodes": [1]},
        )
        for code, place, last_day, too_late in [
            ("375", "T1", "13/05/2025", "14/05/2025"),
            ("376", "T3", "22/04/2025", "23/04/2025"),
            ("379", "T4", "08/04/2025", "09/04/2025"),
        ]
    ],
    # 386: a child adopted is under 18.
    (
        "386",
        {
            "Header": [child("1", dob="01/06/2007")],
            "Episodes": [episode(DEC="31/05/2025", REC="E11"), episode(DEC="01/06/2025", REC="E12")],
        },
        {"Episodes": [1]},
    ),
    # 387: a child moving to independent living is at least 14 (an unknown birth date fails).
    (
        "387",
        {
            "Header": [child("1", dob="01/06/2011"), child("2", dob=None)],
            "Episodes": [
                episode("1", DEC="01/06/2025", REC="E5"),
                episode("1", DEC="31/05/2025", REC="E6"),
                episode("2", DEC="31/05/2025", REC="E5"),
                episode("1", DEC=None, REC="E5"),
            ],
        },
        {"Episodes": [1, 2]},
    ),
    # 389: a child transferred to adult social care is at least 16 (an unknown date fails).
    (
        "389",
        {
            "Header": [child("1", dob="01/06/2009")],
            "Episodes": [
                episode(DEC="01/06/2025", REC="E7"),
                episode(DEC="31/05/2025", REC="E7"),
                episode(DEC=None, REC="E7"),
                episode(DEC="31/05/2025", REC="E8"),
            ],
        },
        {"Episodes": [1, 2]},
    ),
    # 393: a girl looked after (not on short breaks) has the mother field completed.
    (
        "393",
        {
            "Header": [
                child("1", SEX="F", MOTHER=None),
                child("2", SEX="F", MOTHER=None),
                child("3", SEX="F", MOTHER="0"),
                child("4", SEX="M", MOTHER=None),
            ],
            "Episodes": [
                episode("1", LS="C2"),
                episode("2", LS="V3"),
                episode("3", LS="C2"),
                episode("4", LS="C2"),
            ],
        },
        {"Header": [0]},
    ),
    # 407: a child leaving care for special guardianship has not passed 18.
    (
        "407",
        {
            "Header": [child("1", dob="01/06/2007")],
            "Episodes": [episode(DEC="01/06/2025", REC="E45"), episode(DEC="02/06/2025", REC="E48")],
        },
        {"Episodes": [1], "Header": [0]},
    ),
    # 442: a child looked after (not only on short breaks) has a UPN.
    (
        "442",
        {
            "Header": [child("1", UPN=None), child("2", UPN=None), child("3", UPN="A1")],
            "Episodes": [
                episode("1", LS="V3"),
                episode("1", LS="C2"),
                episode("2", LS="V4"),
                episode("3", LS="C2"),
            ],
        },
        {"Header": [0]},
    ),
    # 460: a child who stayed with their carers at 18 was 18.
    (
        "460",
        {
            "Header": [child("1", dob="01/06/2007")],
            "Episodes": [episode(DEC="01/06/2025", REC="E17"), episode(DEC="31/05/2025", REC="E17")],
        },
        {"Episodes": [1]},
    ),
    # 607: a girl leaving care in the year (not from short breaks) has the mother field completed.
    (
        "607",
        {
            "Header": [child("1", SEX="F", MOTHER=None), child("2", SEX="F", MOTHER="1")],
            "Episodes": [
                episode("1", DEC="01/05/2025", REC="E13", LS="C2"),
                episode("1", DEC="31/03/2025", REC="E13", LS="C2"),
                episode("1", DEC="01/05/2025", REC="X1", LS="C2"),
                episode("1", DEC="01/05/2025", REC="E13", LS="V3"),
                episode("2", DEC="01/05/2025", REC="E13", LS="C2"),
            ],
        },
        {"Episodes": [0], "Header": [0]},
    ),
    # 625: a mother's first child is born by the end of the year and of her latest episode.
    (
        "625",
        {
            "Header": [
                child("1", MC_DOB="01/06/2025"),
                child("2", MC_DOB="01/06/2025"),
                child("3", MC_DOB="01/04/2026"),
            ],
            "Episodes": [
                episode("1", DEC="01/05/2025"),
                episode("1", DEC="31/05/2025"),
                episode("2", DEC="01/06/2025"),
                episode("3", DEC=None),
            ],
        },
        {"Episodes": [1], "Header": [0]},
    ),
    # INT03: every child in Episodes is in the Header.
    ("INT03", {"Header": [child("1")], "Episodes": [episode("1"), episode("2")]}, {"Episodes": [1]}),
]

CODES = sorted({code for code, _, _ in CASES})


@pytest.mark.parametrize(("code", "tables", "expected"), CASES, ids=[case[0] for case in CASES])
def test_a_rule_flags_the_rows_at_fault_and_only_those(code, tables, expected):
    assert flagged(code, **tables) == expected


def test_the_earliest_episode_of_two_on_one_day_is_the_first_in_the_file():
    found = flagged(
        "302",
        Header=[child("1", dob="01/06/2015")],
        Episodes=[episode(DECOM="31/05/2015"), episode(DECOM="31/05/2015")],
    )
    assert found == {"Episodes": [0], "Header": [0]}


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(tables_of("Header", "Episodes"))
def test_the_header_and_episodes_rules_run_on_any_rows(rows):
    runs_cleanly(CODES, rows)
