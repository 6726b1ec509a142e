"""Data tables: what the portal holds, as CSV and XLSX for the parties' own tools.

Each room registers its tables here (``register``) from its ``registrations`` module; the
core writes them without knowing the rooms. A table's ``rows(user, agreement)`` returns only
what ``user`` may see (``agreement`` narrows it to one agreement the caller has already
checked), ordered and with its joins, so a table is a handful of queries whatever its size.

CSV is Swedish Excel's: ``;`` between cells, UTF-8 with a byte order mark, decimal comma.
Every cell passes ``spreadsheets.safe_cell``, so no text a person wrote becomes a formula.
"""

import csv
import datetime
import io
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from decimal import Decimal

from django.http import HttpResponse, StreamingHttpResponse
from django.utils import timezone
from openpyxl import Workbook
from openpyxl.cell import WriteOnlyCell
from openpyxl.styles import Font
from openpyxl.utils import get_column_letter

from .spreadsheets import safe_row

CSV_CONTENT_TYPE = "text/csv; charset=utf-8"
XLSX_CONTENT_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
CHUNK = 2000


@dataclass(frozen=True)
class Column:
    header: str
    value: Callable  # row object -> cell value (str, number, date, bool or None)


@dataclass(frozen=True)
class Table:
    key: str  # in URLs and file names: [a-z0-9-]
    title: str  # Swedish, lazy
    columns: tuple[Column, ...]
    rows: Callable  # (user, agreement or None) -> iterable of row objects
    position: int = 100

    def headers(self) -> list[str]:
        return [str(column.header) for column in self.columns]

    def cells(self, obj) -> list:
        return [column.value(obj) for column in self.columns]


_TABLES: dict[str, Table] = {}


def register(table: Table) -> Table:
    if table.key in _TABLES and _TABLES[table.key] is not table:
        raise ValueError(f"Two data tables are named {table.key!r}")
    _TABLES[table.key] = table
    return table


def tables() -> list[Table]:
    return sorted(_TABLES.values(), key=lambda t: (t.position, t.key))


def table(key: str) -> Table | None:
    return _TABLES.get(key)


def _iterate(rows) -> Iterable:
    # A queryset streams in chunks (its prefetches per chunk); anything else as it is.
    iterator = getattr(rows, "iterator", None)
    return iterator(chunk_size=CHUNK) if iterator is not None else rows


def csv_cell(value):
    """A cell as Swedish Excel reads it: decimal comma, ISO dates, Ja/Nej."""
    if value is None:
        return ""
    if isinstance(value, bool):
        return "Ja" if value else "Nej"
    if isinstance(value, Decimal | float):
        text = format(value.normalize() if isinstance(value, Decimal) else value, "f")
        return text.replace(".", ",")
    if isinstance(value, datetime.datetime):
        return timezone.localtime(value).strftime("%Y-%m-%d %H:%M")
    if isinstance(value, datetime.date):
        return value.isoformat()
    return str(value)


class _Echo:
    def write(self, value):
        return value


def csv_lines(table: Table, rows) -> Iterable[str]:
    writer = csv.writer(_Echo(), delimiter=";", lineterminator="\r\n")
    yield "\ufeff" + writer.writerow(safe_row(table.headers()))
    for obj in _iterate(rows):
        yield writer.writerow(safe_row([csv_cell(v) for v in table.cells(obj)]))


def csv_response(table: Table, rows, filename: str) -> StreamingHttpResponse:
    response = StreamingHttpResponse(csv_lines(table, rows), content_type=CSV_CONTENT_TYPE)
    response["Content-Disposition"] = f'attachment; filename="{filename}.csv"'
    return response


def xlsx_cell(value):
    if isinstance(value, datetime.datetime):
        return timezone.localtime(value).replace(tzinfo=None)
    if isinstance(value, bool):
        return "Ja" if value else "Nej"
    if isinstance(value, Decimal):
        return float(value)
    return value


def xlsx_bytes(sheets: list[tuple[Table, Iterable]]) -> bytes:
    """One sheet per table, a bold header row, frozen; written in openpyxl's write-only mode
    so a large table does not live in memory as cells."""
    workbook = Workbook(write_only=True)
    for table, rows in sheets:
        sheet = workbook.create_sheet(title=str(table.title)[:31])
        sheet.freeze_panes = "A2"
        widths = [min(max(len(h) + 2, 12), 50) for h in table.headers()]
        for index, width in enumerate(widths, start=1):
            sheet.column_dimensions[get_column_letter(index)].width = width
        header = []
        for text in safe_row(table.headers()):
            cell = _header_cell(sheet, text)
            header.append(cell)
        sheet.append(header)
        for obj in _iterate(rows):
            sheet.append(safe_row([xlsx_cell(v) for v in table.cells(obj)]))
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


def _header_cell(sheet, text):
    cell = WriteOnlyCell(sheet, value=text)
    cell.font = Font(bold=True)
    return cell


def xlsx_response(sheets, filename: str) -> HttpResponse:
    response = HttpResponse(xlsx_bytes(sheets), content_type=XLSX_CONTENT_TYPE)
    response["Content-Disposition"] = f'attachment; filename="{filename}.xlsx"'
    return response
