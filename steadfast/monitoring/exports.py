"""Lists and measures as files people open in a spreadsheet: CSV and Excel (.xlsx).

One function writes both, from the same header and rows, so a list's two downloads always
agree. Values are written as they are: dates as dates in Excel, numbers as numbers. A text
value that a spreadsheet would run as a formula (it starts with =, +, - or @) is written with a
leading apostrophe, so a name or a note typed by a user can never run in someone's spreadsheet.
"""

import csv
import datetime
import io
from collections.abc import Iterable, Sequence
from typing import Any

from django.http import Http404, HttpRequest, HttpResponse
from openpyxl import Workbook
from openpyxl.cell import WriteOnlyCell
from openpyxl.styles import Font

FORMATS = {
    "csv": "text/csv; charset=utf-8",
    "xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
}

FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")

# Excel limits a sheet's name to 31 characters.
SHEET_NAME_LENGTH = 31


def _safe(value: Any) -> Any:
    if isinstance(value, str) and value.startswith(FORMULA_STARTS):
        return "'" + value
    return value


def _csv_text(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, bool):
        return "Yes" if value else "No"
    if isinstance(value, datetime.date):
        return value.isoformat()
    return str(_safe(value))


def csv_bytes(headers: Sequence[str], rows: Iterable[Sequence[Any]]) -> bytes:
    """The table as CSV, UTF-8 with a byte order mark so Excel reads accented names rightly."""
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\r\n")
    writer.writerow(headers)
    for row in rows:
        writer.writerow([_csv_text(value) for value in row])
    return ("\ufeff" + out.getvalue()).encode("utf-8")


def _xlsx_value(value: Any) -> Any:
    if isinstance(value, bool):
        return "Yes" if value else "No"
    if isinstance(value, datetime.datetime):
        # Excel has no time zones: write the local wall-clock time.
        return value.replace(tzinfo=None)
    return _safe(value)


def xlsx_bytes(headers: Sequence[str], rows: Iterable[Sequence[Any]], *, title: str) -> bytes:
    """The table as one Excel sheet named `title`, with a bold header row."""
    workbook = Workbook(write_only=True)
    sheet = workbook.create_sheet(title=title[:SHEET_NAME_LENGTH])
    header_cells = []
    for heading in headers:
        cell = WriteOnlyCell(sheet, value=heading)
        cell.font = Font(bold=True)
        header_cells.append(cell)
    sheet.append(header_cells)
    for row in rows:
        sheet.append([_xlsx_value(value) for value in row])
    out = io.BytesIO()
    workbook.save(out)
    return out.getvalue()


def requested_format(request: HttpRequest) -> str | None:
    """The download a list page's `?format=` asks for, or None for the page itself; any format
    but FORMATS is 404, as a page that does not exist."""
    file_format = request.GET.get("format")
    if file_format is not None and file_format not in FORMATS:
        raise Http404
    return file_format


def download_url(request: HttpRequest, file_format: str) -> str:
    """The page's own address asking for the whole list as `file_format`: its filters kept,
    its page number dropped."""
    query = request.GET.copy()
    query.pop("page", None)
    query["format"] = file_format
    return f"{request.path}?{query.urlencode()}"


def table_response(
    *, file_format: str, filename: str, title: str, headers: Sequence[str], rows: Iterable[Sequence[Any]]
) -> HttpResponse:
    """A download of the table as `filename`.csv or `filename`.xlsx. `file_format` must be one
    of FORMATS (the caller's URL allows no other)."""
    body = csv_bytes(headers, rows) if file_format == "csv" else xlsx_bytes(headers, rows, title=title)
    response = HttpResponse(body, content_type=FORMATS[file_format])
    response["Content-Disposition"] = f'attachment; filename="{filename}.{file_format}"'
    response["Cache-Control"] = "no-store"
    return response
