import csv
import datetime
import io

import pytest
from openpyxl import load_workbook

from steadfast.core import exports

HEADERS = ["Child", "Placements", "Began", "Considered"]
ROWS = [
    ["Zoë Example", 3, datetime.date(2026, 4, 1), True],
    ['=HYPERLINK("http://x")', 2, None, False],
]


def test_csv_keeps_accents_and_writes_dates_and_yes_no():
    text = exports.csv_bytes(HEADERS, ROWS).decode("utf-8")
    assert text.startswith("\ufeff")
    rows = list(csv.reader(io.StringIO(text.lstrip("\ufeff"))))
    assert rows[1] == HEADERS
    assert rows[2] == ["Zoë Example", "3", "2026-04-01", "Yes"]
    assert rows[3][2:] == ["", "No"]


def test_a_csv_file_opens_with_the_protective_marking_on_a_line_of_its_own():
    text = exports.csv_bytes(HEADERS, ROWS).decode("utf-8-sig")
    first, header = text.split("\r\n")[:2]
    assert first == "OFFICIAL-SENSITIVE"
    assert header == ",".join(HEADERS)


def test_an_empty_list_still_carries_the_marking_and_its_header():
    text = exports.csv_bytes(HEADERS, []).decode("utf-8-sig")
    assert text.splitlines() == ["OFFICIAL-SENSITIVE", ",".join(HEADERS)]


@pytest.mark.parametrize("start", ["=", "+", "-", "@"])
def test_a_value_a_spreadsheet_would_run_is_written_as_text(start):
    text = exports.csv_bytes(["Note"], [[f"{start}1+1"]]).decode("utf-8")
    assert text.splitlines()[2] == f"'{start}1+1"


def test_xlsx_has_the_marking_the_full_title_a_bold_header_that_stays_in_view_and_typed_cells():
    title = "Children with 3 or more placements in 12 months"
    body = exports.xlsx_bytes(HEADERS, ROWS, title=title)
    sheet = load_workbook(io.BytesIO(body)).active
    assert sheet.title == title[: exports.SHEET_NAME_LENGTH]
    assert sheet["A1"].value == "OFFICIAL-SENSITIVE" and sheet["A1"].font.bold
    assert sheet["A2"].value == title
    assert [c.value for c in sheet[3]] == HEADERS and sheet["A3"].font.bold
    assert sheet.freeze_panes == "A4"
    assert sheet["B4"].value == 3
    assert sheet["C4"].value.date() == datetime.date(2026, 4, 1)
    assert sheet["D4"].value == "Yes"
    assert sheet["A5"].value == '\'=HYPERLINK("http://x")'


def test_xlsx_columns_fit_what_they_hold_within_bounds():
    rows = [["a" * 30, 1, datetime.date(2026, 4, 1), "b" * 500]]
    sheet = load_workbook(
        io.BytesIO(exports.xlsx_bytes(["Name", "N", "Began", "Note"], rows, title="T"))
    ).active
    widths = [sheet.column_dimensions[letter].width for letter in "ABCD"]
    narrowest, widest = exports.COLUMN_WIDTHS
    assert widths == [32, narrowest, 13, widest]


@pytest.mark.parametrize("file_format", ["csv", "xlsx"])
def test_the_download_is_named(file_format):
    response = exports.table_response(
        file_format=file_format, filename="moves", title="Moves", headers=HEADERS, rows=ROWS
    )
    assert response["Content-Disposition"] == f'attachment; filename="moves.{file_format}"'
    assert response["Content-Type"] == exports.FORMATS[file_format]
