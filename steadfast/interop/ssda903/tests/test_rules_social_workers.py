"""The Department's rules about social worker episodes for 2025/26 (1 April 2025 to 31 March
2026): each finds fault in the rows it should and passes the rest."""

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from steadfast.interop.ssda903 import codes

from .helpers import flagged, runs_cleanly


def sw(child="1", start=None, end=None, reason=None, sw_id=None):
    return {"CHILD": child, "SW_DECOM": start, "SW_DEC": end, "SW_REASON": reason, "SW_ID": sw_id}


CASES = [
    (
        "SW02STG1",
        {"SWEpisodes": [sw(sw_id=i) for i in ("SW123", "XX12", "AB123", "SW1", None)]},
        {"SWEpisodes": [2, 3, 4]},
    ),
    (
        "SW04STG1",
        {"SWEpisodes": [sw(start=d) for d in ("01/04/2025", "31/02/2025", None, "2025-04-01")]},
        {"SWEpisodes": [1, 3]},
    ),
    (
        "SW05STG1",
        {"SWEpisodes": [sw(end=d) for d in ("01/04/2025", "31/02/2025", None, "2025-04-01")]},
        {"SWEpisodes": [1, 3]},
    ),
    (
        "SW06STG2",
        {"SWEpisodes": [sw(start=d) for d in ("31/03/2026", "01/04/2026", None)]},
        {"SWEpisodes": [1]},
    ),
    (
        "SW07STG2",
        {"SWEpisodes": [sw(end=d) for d in ("01/04/2024", "31/03/2024", "01/04/2026", "31/03/2026", None)]},
        {"SWEpisodes": [1, 2]},
    ),
    (
        "SW08STG2",
        {
            "SWEpisodes": [
                sw("1", "01/04/2025"),
                sw("1", "01/06/2025"),
                sw("2", "01/04/2025", "01/05/2025"),
                sw("2", "01/05/2025"),
            ]
        },
        {"SWEpisodes": [0]},
    ),
    (
        "SW09STG2",
        {
            "SWEpisodes": [
                sw(start="01/04/2025", end="02/04/2025"),
                sw(start="01/04/2025", end="04/04/2025"),
                sw(start="01/04/2025"),
                sw(start="05/04/2025", end="01/04/2025"),
            ]
        },
        {"SWEpisodes": [0, 3]},
    ),
    *(
        (
            code,
            {
                "SWEpisodes": [
                    sw("1", "01/04/2025", "01/06/2025", "FCONTA"),
                    sw("1", "05/06/2025", "01/07/2025", "CHCHAN"),
                    sw("1", "20/07/2025", None, "MANAGE"),
                    sw("1", "01/09/2025", None, "FCONTA"),
                    sw("2", "01/04/2025", None, "LEFTRL"),
                ]
            },
            {"SWEpisodes": [2]},
        )
        for code in ("SW10STG2", "SW10aSTG2")
    ),
    (
        "SW10bSTG2",
        {
            "SWEpisodes": [
                sw("1", "01/04/2025", "01/06/2025", "FCONTA"),
                sw("1", "01/05/2025", "20/06/2025", "FCONTA"),
                sw("1", "01/07/2025", None, "FCONTA"),
            ]
        },
        {"SWEpisodes": [1]},
    ),
    (
        "SW11bSTG2",
        {
            "SWEpisodes": [
                sw("1", "01/04/2025", "28/03/2026"),
                sw("2", "01/04/2025", "29/03/2026"),
                sw("2"),
                sw("3", "01/04/2025", "01/10/2025"),
                sw("3", "02/10/2025", "30/03/2026"),
                sw("4", "01/04/2025", "01/01/2026"),
            ]
        },
        {"SWEpisodes": [0, 2, 4]},
    ),
    (
        "SW12STG2",
        {
            "Episodes": [
                {"CHILD": "1", "DECOM": "01/06/2025", "RNE": "S", "LS": "C2"},
                {"CHILD": "2", "DECOM": "01/06/2025", "RNE": "S", "LS": "C2"},
                {"CHILD": "3", "DECOM": "01/06/2025", "RNE": "S", "LS": "C2"},
                {
                    "CHILD": "4",
                    "DECOM": "01/06/2019",
                    "RNE": "S",
                    "LS": "C2",
                    "DEC": "01/01/2020",
                    "REC": "E8",
                },
            ],
            "SWEpisodes": [sw("1", "01/06/2025"), sw("2", "01/01/2025"), sw("4", "01/01/2025")],
        },
        {"Episodes": [1, 2]},
    ),
    (
        "SW13STG1",
        {
            "SWEpisodes": [
                sw(start="01/04/2025", reason="MANAGE"),
                sw(start="01/04/2025", reason="XXXX"),
                sw(start="01/04/2025"),
                sw(start="01/04/2022"),
            ]
        },
        {"SWEpisodes": [1, 2]},
    ),
    (
        "SW17STG2",
        {
            "SWEpisodes": [
                sw("1", "01/04/2025", "01/06/2025"),
                sw("1", "01/06/2025"),
                sw("2", "01/04/2025"),
                sw("2", "01/06/2025", "01/07/2025"),
            ]
        },
        {"SWEpisodes": [3]},
    ),
    (
        "SW18STG2",
        {
            "SWEpisodes": [
                sw(start="01/04/2025", end="01/04/2025"),
                sw(start="01/04/2025", end="31/03/2025"),
                sw(start="01/04/2025", end="02/04/2025"),
                sw(start="01/04/2025"),
            ]
        },
        {"SWEpisodes": [0, 1]},
    ),
    (
        "SW19STG2",
        {
            "SWEpisodes": [
                sw("1", "01/04/2025"),
                sw("1", "01/04/2025"),
                sw("1", "02/04/2025"),
                sw("2", "01/04/2025"),
            ]
        },
        {"SWEpisodes": [1]},
    ),
]

CODES = sorted({code for code, _, _ in CASES})


@pytest.mark.parametrize(("code", "tables", "expected"), CASES, ids=[c[0] for c in CASES])
def test_a_rule_flags_the_rows_at_fault_and_passes_the_rest(code, tables, expected):
    assert flagged(code, **tables) == expected


def test_the_reporting_period_begins_a_year_before_the_collection_s_first_day():
    assert flagged("SW07STG2", SWEpisodes=[sw(end="01/04/2024"), sw(end="31/03/2024")]) == {"SWEpisodes": [1]}


DATES = st.one_of(
    st.none(),
    st.sampled_from(
        ["01/04/2025", "02/04/2025", "29/03/2026", "31/03/2026", "01/04/2026", "29/02/2024", "31/02/2025"]
    ),
    st.text(max_size=4),
)


def _value(options):
    return st.one_of(st.none(), st.sampled_from(sorted(options)), st.text(max_size=6))


TABLES = st.fixed_dictionaries(
    {
        "SWEpisodes": st.lists(
            st.fixed_dictionaries(
                {
                    "CHILD": st.one_of(st.none(), st.sampled_from(["1", "2", "3"])),
                    "SW_ID": _value({"SW1234", "XX99", "SW"}),
                    "SW_DECOM": DATES,
                    "SW_DEC": DATES,
                    "SW_REASON": _value(codes.SW_REASON(2026)),
                }
            ),
            max_size=8,
        ),
        "Episodes": st.lists(
            st.fixed_dictionaries(
                {
                    "CHILD": st.sampled_from(["1", "2", "3"]),
                    "DECOM": DATES,
                    "DEC": DATES,
                    "RNE": _value(codes.REASON_NEW_EPISODE(2026)),
                    "LS": _value(codes.LEGAL_STATUS(2026)),
                    "REC": _value(codes.REASON_EPISODE_CEASED(2026)),
                }
            ),
            max_size=6,
        ),
    }
)


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(TABLES)
def test_no_rule_fails_on_any_rows_and_each_flag_is_a_row_of_its_table(tables):
    runs_cleanly(CODES, tables)
