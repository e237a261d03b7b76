"""Importing a folder of SSDA903 files into Steadfast's records, and exporting them back."""

import csv
import datetime
import io
import re
from pathlib import Path

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError

from steadfast.audit.models import AuditEvent
from steadfast.children.models import Child, LegalStatus
from steadfast.children.services import CHILD_ADDED
from steadfast.interop import services
from steadfast.interop.models import ReturnEpisode
from steadfast.interop.ssda903 import loading, reading, tables
from steadfast.placements.models import Placement
from steadfast.placements.services import PLACEMENT_STARTED

pytestmark = pytest.mark.django_db

HEADER = [
    {"CHILD": "C1", "SEX": "M", "DOB": "01/06/2015", "ETHNIC": "WBRI", "UPN": "A123456789012"},
    {"CHILD": "C2", "SEX": "F", "DOB": "15/02/2010", "ETHNIC": "WROM", "MOTHER": "0"},
    {"CHILD": "C3", "SEX": "M", "DOB": "03/03/2012", "ETHNIC": "BAFR"},
]
EPISODES = [
    {
        "CHILD": "C1",
        "DECOM": "01/05/2025",
        "RNE": "S",
        "LS": "C2",
        "CIN": "N1",
        "PLACE": "U4",
        "PLACE_PROVIDER": "PR1",
        "DEC": "01/09/2025",
        "REC": "X1",
        "HOME_POST": "AB1",
        "PL_POST": "AB2",
        "URN": "SC111111",
    },
    {
        "CHILD": "C1",
        "DECOM": "01/09/2025",
        "RNE": "L",
        "LS": "E1",
        "CIN": "N1",
        "PLACE": "U4",
        "PLACE_PROVIDER": "PR1",
        "DEC": "01/02/2026",
        "REC": "X1",
        "HOME_POST": "AB1",
        "PL_POST": "AB2",
        "URN": "SC111111",
    },
    {
        "CHILD": "C1",
        "DECOM": "01/02/2026",
        "RNE": "P",
        "LS": "E1",
        "CIN": "N1",
        "PLACE": "K2",
        "PLACE_PROVIDER": "PR4",
        "REASON_PLACE_CHANGE": "CARPL",
        "HOME_POST": "AB1",
        "PL_POST": "CD3",
        "URN": "SC222222",
    },
    {
        "CHILD": "C2",
        "DECOM": "10/06/2025",
        "RNE": "S",
        "LS": "V2",
        "CIN": "N2",
        "PLACE": "U1",
        "PLACE_PROVIDER": "PR1",
        "HOME_POST": "EF4",
        "PL_POST": "EF5",
    },
    {
        "CHILD": "C3",
        "DECOM": "20/04/2025",
        "RNE": "S",
        "LS": "C1",
        "CIN": "N1",
        "PLACE": "U6",
        "PLACE_PROVIDER": "PR4",
        "HOME_POST": "GH6",
        "PL_POST": "GH7",
        "URN": "SC333333",
    },
]


def write_folder(folder: Path, header=HEADER, episodes=EPISODES, year=2026) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    for name, rows in (("Header", header), ("Episodes", episodes)):
        columns = tables.tables_for(year)[name]
        with (folder / f"{name.lower()}.csv").open("w", newline="") as stream:
            writer = csv.DictWriter(stream, fieldnames=columns)
            writer.writeheader()
            writer.writerows([{c: row.get(c, "") for c in columns} for row in rows])
    return folder


def run(*args) -> str:
    out = io.StringIO()
    call_command("ssda903", *args, stdout=out)
    return out.getvalue()


def counts() -> tuple[int, ...]:
    return (
        Child.objects.count(),
        Placement.objects.count(),
        LegalStatus.objects.count(),
        ReturnEpisode.objects.count(),
        AuditEvent.objects.count(),
    )


def test_an_import_adds_the_children_placements_and_legal_statuses_with_audit_events(tmp_path):
    said = run("import", str(write_folder(tmp_path / "in")), "--year", "2026")
    assert "3 children added, 0 changed, 0 unchanged." in said
    one = Child.objects.get(child_identifier="C1")
    assert one.display_name == "Child C1"
    assert [
        (p.start_date, p.end_date, p.placement_type, p.provider.name)
        for p in one.placements.order_by("start_date")
    ] == [
        (
            datetime.date(2025, 5, 1),
            datetime.date(2026, 2, 1),
            "foster_approved_carer",
            "Ofsted URN SC111111",
        ),
        (datetime.date(2026, 2, 1), None, "residential", "Ofsted URN SC222222"),
    ]
    assert [(s.status, s.end_date) for s in one.legal_statuses.order_by("start_date")] == [
        ("full_care_order", datetime.date(2025, 8, 31)),
        ("placement_order", None),
    ]
    assert AuditEvent.objects.filter(event_type=CHILD_ADDED, child_id=one.pk).exists()
    assert AuditEvent.objects.filter(event_type=PLACEMENT_STARTED, child_id=one.pk).count() == 2


def test_importing_the_same_files_twice_changes_nothing_and_says_so(tmp_path):
    folder = write_folder(tmp_path / "in")
    run("import", str(folder), "--year", "2026")
    before = counts()
    said = run("import", str(folder), "--year", "2026")
    assert "Nothing changed" in said
    assert counts() == before


def test_a_dry_run_reports_what_would_change_and_writes_nothing(tmp_path):
    before = counts()
    said = run("import", str(write_folder(tmp_path / "in")), "--year", "2026", "--dry-run")
    assert "3 children added" in said and "This was a dry run" in said
    assert counts() == before


def test_a_failure_half_way_leaves_nothing(tmp_path):
    collection = reading.read_collection(write_folder(tmp_path / "in"), year=2026)
    plan = loading.plan_import(collection)
    before = counts()

    def fail_on_the_second(done, total):
        if done == 2:
            raise RuntimeError("the database went away")

    with pytest.raises(RuntimeError):
        services.import_plan(actor=None, plan=plan, progress=fail_on_the_second)
    assert counts() == before


def test_a_child_the_services_refuse_stops_the_whole_import_naming_the_child(tmp_path, scenario):
    # C3 already lives in a placement recorded in Steadfast, open, which the return does not end.
    child = scenario.children["own"]
    child.child_identifier = "C3"
    child.save(update_fields=["child_identifier"])
    assert child.placements.filter(end_date__isnull=True).exists()
    before = counts()
    with pytest.raises(CommandError, match=re.escape("Nothing was imported. Child C3")):
        run("import", str(write_folder(tmp_path / "in")), "--year", "2026")
    assert counts() == before


def test_a_later_years_files_fill_an_end_and_correct_a_code_and_say_so_per_child(tmp_path):
    run("import", str(write_folder(tmp_path / "2026")), "--year", "2026")
    later = [dict(e) for e in EPISODES if e["CHILD"] != "C3"]
    later[3] |= {"DEC": "01/05/2026", "REC": "E4A"}
    later[2] |= {"PLACE": "K1"}
    said = run("import", str(write_folder(tmp_path / "2027", episodes=later, year=2027)), "--year", "2027")
    assert "Child C2: placement from 10/06/2025 ended on 01/05/2026" in said
    assert "Child C1: placement from 01/02/2026 corrected" not in said  # K1 and K2 are both children's homes
    assert "episode from 01/02/2026: PLACE K2 → K1" in said
    assert "Child C3" not in said
    ended = Placement.objects.get(child__child_identifier="C2")
    assert (ended.end_date, ended.end_reason, ended.ending_planned) == (
        datetime.date(2026, 5, 1),
        "returned_home",
        True,
    )
    assert (
        ReturnEpisode.objects.get(child__child_identifier="C1", decom=datetime.date(2026, 2, 1)).place == "K1"
    )


def test_a_later_years_files_starting_with_a_change_of_legal_status_keep_the_placement_before(tmp_path):
    # The 2026/27 files hold only the episodes open on 1 April 2026 or later: C1's first is an L.
    run("import", str(write_folder(tmp_path / "2026")), "--year", "2026")
    before = counts()
    later = [dict(e) for e in EPISODES[1:3]]
    said = run(
        "import",
        str(write_folder(tmp_path / "2027", header=HEADER[:1], episodes=later, year=2027)),
        "--year",
        "2027",
    )
    assert "Nothing changed" in said
    assert counts() == before
    later[0] |= {"PLACE": "U5"}
    said = run(
        "import",
        str(write_folder(tmp_path / "2027b", header=HEADER[:1], episodes=later, year=2027)),
        "--year",
        "2027",
    )
    assert "Child C1: episode from 01/09/2025: PLACE U4 → U5" in said
    assert Placement.objects.filter(child__child_identifier="C1").count() == 2


def test_a_later_years_files_starting_with_a_change_of_placement_keep_the_legal_status_before(tmp_path):
    run("import", str(write_folder(tmp_path / "2026")), "--year", "2026")
    before = counts()
    said = run(
        "import",
        str(write_folder(tmp_path / "2027", header=HEADER[:1], episodes=EPISODES[2:3], year=2027)),
        "--year",
        "2027",
    )
    assert "Nothing changed" in said
    assert counts() == before


def test_bad_files_are_refused_with_the_readings_message(tmp_path):
    folder = tmp_path / "in"
    folder.mkdir()
    (folder / "episodes.csv").write_text("")
    with pytest.raises(CommandError, match=re.escape("episodes.csv is empty")):
        run("import", str(folder), "--year", "2026")


def test_rows_with_bad_dates_or_codes_are_refused_each_with_its_line(tmp_path):
    header = [dict(HEADER[0], DOB="31/02/2015"), *HEADER[1:]]
    with pytest.raises(CommandError) as refused:
        run("import", str(write_folder(tmp_path / "in", header=header)), "--year", "2026")
    assert "Header line 2: DOB is not a date written dd/mm/yyyy: 31/02/2015" in str(refused.value)
    assert Child.objects.count() == 0


def test_importing_then_exporting_gives_back_the_same_rows(tmp_path):
    source = write_folder(tmp_path / "in")
    run("import", str(source), "--year", "2026")
    said = run("export", "--year", "2026", str(tmp_path / "out"))
    assert "episodes.csv: 5 rows" in said
    for name in ("header.csv", "episodes.csv"):
        given = list(csv.reader((source / name).open()))
        written = list(csv.reader((tmp_path / "out" / name).open()))
        assert written[0] == given[0]
        assert sorted(written[1:]) == sorted(given[1:])


def test_a_placement_recorded_in_steadfast_is_exported_as_an_episode(tmp_path, scenario):
    child = scenario.children["own"]
    placement = child.placements.get(end_date__isnull=True)
    run("export", "--year", str(placement.start_date.year + 1), str(tmp_path / "out"))
    rows = list(csv.DictReader((tmp_path / "out" / "episodes.csv").open()))
    mine = [r for r in rows if r["CHILD"] == child.child_identifier]
    assert mine and mine[-1]["DECOM"] == f"{placement.start_date:%d/%m/%Y}" and mine[-1]["DEC"] == ""
    assert mine[-1]["PLACE"] in {"U4", "U1", "K2", "P1", "Z11", "A5", "P3"}
