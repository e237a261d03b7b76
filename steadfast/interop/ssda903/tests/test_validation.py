"""The rule runner: rules run only with their tables, report each row once, and a problem reads as
file, line, columns, values and the Department's message."""

import importlib
import inspect
import pkgutil
import re

from steadfast.interop.ssda903 import tests, validation
from steadfast.interop.ssda903.reading import read_collection

HEADER = "CHILD,SEX,DOB,ETHNIC,UPN,MOTHER,MC_DOB\n"


def test_a_rule_runs_and_its_rows_read_as_lines_of_the_file(tmp_path):
    (tmp_path / "children.csv").write_text(HEADER + "1,M,01/02/2015,WBRI,,,\n2,F,01/02/2015,XXX,,,\n")
    collection = read_collection(tmp_path, year=2026)

    report = validation.validate(collection, codes=["103"])

    assert report.ran == ("103",)
    [problem] = validation.problem_rows(report, collection)
    assert (problem.file, problem.line, problem.columns, problem.values) == (
        "children.csv",
        3,
        "ETHNIC",
        "ETHNIC: XXX",
    )
    assert problem.message == validation.rule_named("103", year=2026).message


def test_a_rule_whose_table_is_missing_is_skipped(tmp_path):
    (tmp_path / "episodes.csv").write_text(
        "CHILD,DECOM,RNE,LS,CIN,PLACE,PLACE_PROVIDER,DEC,REC,REASON_PLACE_CHANGE,HOME_POST,PL_POST,URN\n"
    )
    report = validation.validate(read_collection(tmp_path, year=2026), codes=["103"])

    assert report.skipped == ("103",)
    assert report.problems.is_empty()


def test_no_code_is_registered_twice_in_any_year():
    for year in range(validation.FIRST_YEAR, 2028):
        codes = [r.code for r in validation.rules_for(year)]
        assert len(codes) == len(set(codes))


def test_every_rule_of_the_year_has_a_test_with_rows_it_flags_and_rows_it_passes():
    """Each rule module's tests give cases as (code, tables, expected rows), or call `flagged`
    with the code by name."""
    tested: set[str] = set()
    for module in pkgutil.iter_modules(tests.__path__):
        if module.name.startswith("test_rules_"):
            found = importlib.import_module(f"{tests.__name__}.{module.name}")
            tested |= {case[0] for case in found.CASES}
            tested |= set(re.findall(r'flagged\(\s*"([^"]+)"', inspect.getsource(found)))
    assert {r.code for r in validation.rules_for(2026)} <= tested
