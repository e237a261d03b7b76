"""`manage.py ssda903 validate`: a summary by rule, a CSV of every problem, and plain refusals."""

import csv
import io

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError

from steadfast.interop.ssda903 import reading

HEADER = "CHILD,SEX,DOB,ETHNIC,UPN,MOTHER,MC_DOB\n1,M,01/02/2015,WBRI,UN5,,\n2,F,01/02/2015,XXXX,UN5,0,\n"
EPISODES = (
    "CHILD,DECOM,RNE,LS,CIN,PLACE,PLACE_PROVIDER,DEC,REC,REASON_PLACE_CHANGE,HOME_POST,PL_POST,URN\n"
    "1,01/04/2025,S,C2,N1,U4,PR1,,,,LS9 9BN,LS9 6HT,XXXXXXX\n"
    "2,01/04/2025,S,C2,N1,U4,PR1,,,,LS9 9BN,LS9 6HT,XXXXXXX\n"
)


def _validate(*args):
    out = io.StringIO()
    call_command("ssda903", "validate", *map(str, args), stdout=out)
    return out.getvalue()


def test_the_summary_counts_the_problems_by_rule_and_the_csv_gives_each_line(tmp_path):
    (tmp_path / "return").mkdir()
    (tmp_path / "return" / "children.csv").write_text(HEADER)
    (tmp_path / "return" / "episodes.csv").write_text(EPISODES)

    summary = _validate(tmp_path / "return", "--year", "2026", "--csv", tmp_path / "problems.csv")

    assert "1 problem on 1 row." in summary
    assert "103  Header" in summary and "The ethnicity code is either not valid" in summary
    with (tmp_path / "problems.csv").open() as stream:
        rows = list(csv.DictReader(stream))
    assert [(r["code"], r["file"], r["line"], r["values"]) for r in rows] == [
        ("103", "children.csv", "3", "ETHNIC: XXXX")
    ]


def test_a_folder_that_cannot_be_read_is_refused_with_each_files_reason(tmp_path):
    (tmp_path / "empty.csv").write_text("")

    with pytest.raises(CommandError, match=r"empty\.csv is empty"):
        _validate(tmp_path, "--year", "2026")


def test_a_missing_folder_and_a_year_before_the_rules_are_refused(tmp_path):
    with pytest.raises(CommandError, match="There is no folder"):
        _validate(tmp_path / "nowhere", "--year", "2026")
    with pytest.raises(CommandError, match="from 2025/26 on"):
        _validate(tmp_path, "--year", "2024")


def test_the_year_label_is_the_departments():
    assert reading.year_label(2026) == "2025/26"
