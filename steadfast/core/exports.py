"""What every file the service lets someone download carries, whichever app makes it.

Everything the service holds is about children in care, their families and their carers, so
every download is marked OFFICIAL-SENSITIVE under the Government Security Classifications: the
minutes as PDF and Word at the top and bottom of every page, an Excel download in its first row,
a CSV download on its first line. The marking is written in capitals, exactly as here, so that
anyone filing or forwarding the file sees how it must be handled.

Lists and measures as files people open in a spreadsheet: CSV and Excel (.xlsx).

One function writes both, from the same header and rows, so a list's two downloads always
agree. Values are written as they are: dates as dates in Excel, numbers as numbers. A text
value that a spreadsheet would run as a formula (it starts with =, +, - or @) is written with a
leading apostrophe, so a name or a note typed by a user can never run in someone's spreadsheet.

Both carry the protective marking OFFICIAL-SENSITIVE before anything else: an Excel file in its
first row, a CSV file on a first line of its own, with the header on the second line (see
docs/adr/0023-every-download-carries-the-protective-marking.md for why there and only there).
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
from openpyxl.utils import get_column_letter

PROTECTIVE_MARKING = "OFFICIAL-SENSITIVE"

FORMATS = {
    "csv": "text/csv; charset=utf-8",
    "xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
}

FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")

# Excel limits a sheet's name to 31 characters.
SHEET_NAME_LENGTH = 31
# An Excel download's rows: the marking, the title, then the header, which stays in view.
HEADER_ROW = 3
# The narrowest and widest a column is made, in characters.
COLUMN_WIDTHS = (8, 60)


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
    """The table as CSV, UTF-8 with a byte order mark so Excel reads accented names rightly.
    The first line is the protective marking alone, where a spreadsheet shows it in the first
    cell as it does in an Excel download; the header is the second line, so a tool reading the
    file skips one line."""
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\r\n")
    writer.writerow([PROTECTIVE_MARKING])
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


def _column_width(values: Iterable[Any]) -> float:
    """A width that fits the column's longest value, in Excel's units (about a character each),
    within COLUMN_WIDTHS."""
    longest = 0
    for value in values:
        if isinstance(value, datetime.datetime):
            length = 16
        elif isinstance(value, datetime.date):
            length = 11
        else:
            length = len(str(value)) if value is not None else 0
        longest = max(longest, length)
    narrowest, widest = COLUMN_WIDTHS
    return float(min(max(longest + 2, narrowest), widest))


def xlsx_bytes(headers: Sequence[str], rows: Iterable[Sequence[Any]], *, title: str) -> bytes:
    """The table as one Excel sheet, filed as an authority would file it: the protective
    marking in the first row, the full title in the second (the sheet's name, cut to Excel's 31
    characters, may not hold it), then a bold header row that stays in view as the rows scroll,
    and columns wide enough for what they hold."""
    values = [[_xlsx_value(value) for value in row] for row in rows]
    workbook = Workbook(write_only=True)
    sheet = workbook.create_sheet(title=title[:SHEET_NAME_LENGTH])
    for n, column in enumerate(zip(headers, *values, strict=False), start=1):
        sheet.column_dimensions[get_column_letter(n)].width = _column_width(column)
    sheet.freeze_panes = f"A{HEADER_ROW + 1}"

    def bold(value: str, size: int | None = None) -> WriteOnlyCell:
        cell = WriteOnlyCell(sheet, value=value)
        cell.font = Font(bold=True, size=size) if size else Font(bold=True)
        return cell

    sheet.append([bold(PROTECTIVE_MARKING)])
    sheet.append([bold(title, size=14)])
    sheet.append([bold(heading) for heading in headers])
    for row in values:
        sheet.append(row)
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
    return response
