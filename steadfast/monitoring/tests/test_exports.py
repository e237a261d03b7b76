import csv
import datetime
import io

import pytest
from openpyxl import load_workbook

from steadfast.monitoring import exports

HEADERS = ["Child", "Placements", "Began", "Considered"]
ROWS = [
    ["Zoë Example", 3, datetime.date(2026, 4, 1), True],
    ['=HYPERLINK("http://x")', 2, None, False],
]


def test_csv_keeps_accents_and_writes_dates_and_yes_no():
    text = exports.csv_bytes(HEADERS, ROWS).decode("utf-8")
    assert text.startswith("\ufeff")
    rows = list(csv.reader(io.StringIO(text.lstrip("\ufeff"))))
    assert rows[0] == HEADERS
    assert rows[1] == ["Zoë Example", "3", "2026-04-01", "Yes"]
    assert rows[2][2:] == ["", "No"]


@pytest.mark.parametrize("start", ["=", "+", "-", "@"])
def test_a_value_a_spreadsheet_would_run_is_written_as_text(start):
    text = exports.csv_bytes(["Note"], [[f"{start}1+1"]]).decode("utf-8")
    assert text.splitlines()[1] == f"'{start}1+1"


def test_xlsx_has_a_bold_header_and_typed_cells():
    body = exports.xlsx_bytes(HEADERS, ROWS, title="Children with 3 or more placements in 12 months")
    sheet = load_workbook(io.BytesIO(body)).active
    assert sheet.title == "Children with 3 or more placemen"[: exports.SHEET_NAME_LENGTH]
    assert [c.value for c in sheet[1]] == HEADERS
    assert sheet["A1"].font.bold
    assert sheet["B2"].value == 3
    assert sheet["C2"].value.date() == datetime.date(2026, 4, 1)
    assert sheet["D2"].value == "Yes"
    assert sheet["A3"].value == '\'=HYPERLINK("http://x")'


@pytest.mark.parametrize("file_format", ["csv", "xlsx"])
def test_the_download_is_named_and_not_cached(file_format):
    response = exports.table_response(
        file_format=file_format, filename="moves", title="Moves", headers=HEADERS, rows=ROWS
    )
    assert response["Content-Disposition"] == f'attachment; filename="moves.{file_format}"'
    assert response["Cache-Control"] == "no-store"
    assert response["Content-Type"] == exports.FORMATS[file_format]
