"""Measurements from Excel and CSV: the import template and the import (the export is
``excel_export``).

CSV is written for Swedish Excel: ``;`` between fields, decimal comma, UTF-8 with a BOM.
"""

import csv
import io
import re
import zipfile
from dataclasses import dataclass, field

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _
from openpyxl import Workbook, load_workbook
from openpyxl.styles import Font

from samverkan.spreadsheets import safe_row, unsafe_cell

from .models import Indicator, Measurement
from .services import measurement_save
from .values import clean_values, format_number, xlsx_number

ID, GOAL, NAME, UNIT, TOTAL, WOMEN, MEN, UNKNOWN, COMMENT = range(9)
MAX_ROWS = 1000


def template_headers():
    return [
        _("Indikator-id"),
        _("Mål"),
        _("Indikator"),
        _("Enhet"),
        _("Totalt"),
        _("Kvinnor"),
        _("Män"),
        _("Okänt kön"),
        _("Kommentar"),
    ]


def import_template_xlsx(agreement, period, indicators, measurements) -> bytes:
    """One row per indicator, with what is stored now, ready to fill in."""
    book = Workbook()
    sheet = book.active
    sheet.title = str(period.label)
    sheet.append(safe_row(template_headers()))
    for cell in sheet[1]:
        cell.font = Font(bold=True)
    for indicator in indicators:
        m = measurements.get(indicator.pk)
        sheet.append(
            safe_row(
                [
                    indicator.pk,
                    indicator.goal.title,
                    indicator.name,
                    indicator.get_unit_display(),
                    xlsx_number(m.total) if m else None,
                    xlsx_number(m.women) if m and indicator.by_gender else None,
                    xlsx_number(m.men) if m and indicator.by_gender else None,
                    xlsx_number(m.unknown) if m and indicator.by_gender else None,
                    m.comment if m else "",
                ]
            )
        )
    for letter, width in zip("ABCDEFGHI", (12, 40, 60, 10, 10, 10, 10, 12, 40), strict=True):
        sheet.column_dimensions[letter].width = width
    sheet.freeze_panes = "E2"
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


def import_template_csv(agreement, period, indicators, measurements) -> bytes:
    """The same template as CSV for Swedish Excel (``;``, decimal comma, UTF-8 with BOM)."""
    out = io.StringIO()
    writer = csv.writer(out, delimiter=";", lineterminator="\r\n")
    writer.writerow(safe_row(template_headers()))
    for indicator in indicators:
        m = measurements.get(indicator.pk)
        split = bool(m) and indicator.by_gender
        writer.writerow(
            safe_row(
                [
                    indicator.pk,
                    indicator.goal.title,
                    indicator.name,
                    indicator.get_unit_display(),
                    format_number(m.total) if m else "",
                    format_number(m.women) if split else "",
                    format_number(m.men) if split else "",
                    format_number(m.unknown) if split else "",
                    m.comment if m else "",
                ]
            )
        )
    return ("\ufeff" + out.getvalue()).encode("utf-8")


class ImportFileError(Exception):
    """The file cannot be read at all (not the template, not xlsx/CSV)."""


# An xlsx is a zip: 2 MB of it can unpack to gigabytes of XML. The template's 1,000 rows
# take well under a megabyte, so anything far larger is refused before it is parsed.
MAX_XLSX_UNPACKED = 20 * 1024 * 1024
# Rows read before giving up, blank ones included (Excel keeps formatted empty rows).
MAX_SCANNED_ROWS = 5 * MAX_ROWS
DELIMITERS = (";", ",", "\t")


def _too_many_rows():
    return ImportFileError(
        _("Filen har för många rader: högst %(max)s indikatorer.") % {"max": MAX_ROWS}
    )


def _limited(rows):
    """The header and the non-blank data rows, stopping as soon as a limit is passed, so a
    huge file costs no more than a full template."""
    kept = []
    for scanned, row in enumerate(rows):
        if scanned >= MAX_SCANNED_ROWS:
            raise _too_many_rows()
        row = list(row)[: COMMENT + 1]
        if not kept or any(c not in (None, "") for c in row):
            kept.append(row)
        if len(kept) > MAX_ROWS + 1:
            raise _too_many_rows()
    return kept


_ROW_TAG = re.compile(rb"<(?:\w+:)?row[\s>/]")


def _xlsx_row_count(archive: zipfile.ZipFile) -> int:
    """Rows in the workbook's sheets, counted in the raw XML as it is unpacked.

    openpyxl reads a whole sheet just to find its size when the file does not state it, so a
    small file of 70,000 rows costs seconds before the first row: this count costs
    milliseconds and lets such a file be refused unread.
    """
    rows = 0
    for info in archive.infolist():
        if not info.filename.startswith("xl/worksheets/") or not info.filename.endswith(".xml"):
            continue
        with archive.open(info) as stream:
            tail = b""
            while block := stream.read(256 * 1024):
                chunk = tail + block
                rows += len(_ROW_TAG.findall(chunk))
                # Keep a tag cut in two by the block edge for the next round, counted once.
                cut = chunk.rfind(b"<", max(0, len(chunk) - 16))
                tail = b"" if cut < 0 else chunk[cut:]
                if cut >= 0 and _ROW_TAG.match(tail):
                    rows -= 1
    return rows


def _xlsx_rows(content: bytes) -> list[list]:
    try:
        with zipfile.ZipFile(io.BytesIO(content)) as archive:
            if sum(info.file_size for info in archive.infolist()) > MAX_XLSX_UNPACKED:
                raise _too_many_rows()
            if _xlsx_row_count(archive) > MAX_SCANNED_ROWS:
                raise _too_many_rows()
    except (zipfile.BadZipFile, ValueError, OSError, EOFError) as exc:
        raise ImportFileError(_("Filen går inte att läsa som en Excelfil.")) from exc
    try:
        book = load_workbook(io.BytesIO(content), read_only=True, data_only=True)
        try:
            sheet = book.worksheets[0]
            return _limited(sheet.iter_rows(max_col=COMMENT + 1, values_only=True))
        finally:
            book.close()
    except ImportFileError:
        raise
    except Exception as exc:  # openpyxl raises many kinds for a broken file
        raise ImportFileError(_("Filen går inte att läsa som en Excelfil.")) from exc


def _csv_delimiter(text: str) -> str:
    """The separator of a CSV from any program: ``;`` (Swedish Excel), ``,`` or tab.

    The header line decides: the template's column names contain none of them, so the most
    frequent one there is the separator. csv.Sniffer is asked only when the header has none.
    """
    header = text.splitlines()[0] if text else ""
    counts = {d: header.count(d) for d in DELIMITERS}
    best = max(DELIMITERS, key=lambda d: counts[d])
    if counts[best]:
        return best
    try:
        return csv.Sniffer().sniff(text[:4096], delimiters="".join(DELIMITERS)).delimiter
    except csv.Error:
        return ";"


def _csv_rows(content: bytes) -> list[list]:
    try:
        text = content.decode("utf-8-sig")
    except UnicodeDecodeError:
        text = content.decode("cp1252", errors="replace")
    # newline="" lets the reader split on CR (Mac Excel), LF and CRLF alike while keeping
    # line breaks inside quoted cells.
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=_csv_delimiter(text))
    try:
        return _limited(reader)
    except csv.Error as exc:
        raise ImportFileError(_("Filen går inte att läsa som en CSV-fil.")) from exc


def read_upload(upload) -> list[list]:
    """The data rows of an uploaded template (header dropped), as lists of cell values."""
    name = upload.name.lower()
    content = upload.read()
    rows = _xlsx_rows(content) if name.endswith(".xlsx") else _csv_rows(content)
    if not rows:
        raise ImportFileError(_("Filen är tom."))
    header = [str(c or "").strip().lower() for c in rows[0]]
    if not header or header[0] != _("Indikator-id").lower():
        raise ImportFileError(
            _("Filen följer inte mallen: första kolumnen ska heta ”Indikator-id”.")
        )
    return [list(r) + [None] * (9 - len(r)) for r in rows[1:]]


@dataclass
class ImportRow:
    line: int
    raw: list
    indicator: Indicator | None = None
    errors: list = field(default_factory=list)
    current: Measurement | None = None

    @property
    def blank(self):
        return all(v in (None, "") for v in self.raw[TOTAL : COMMENT + 1])

    def as_session(self):
        return [None if v is None else str(v) for v in self.raw[:9]]


def check_import(agreement, period, raw_rows) -> list[ImportRow]:
    """Every row with its indicator and its errors, in Swedish, by row number."""
    indicators = {
        i.pk: i for i in Indicator.objects.filter(goal__agreement=agreement).select_related("goal")
    }
    current = {m.indicator_id: m for m in Measurement.objects.filter(period=period)}
    seen = set()
    rows = []
    for line, raw in enumerate(raw_rows, start=2):
        row = ImportRow(line=line, raw=raw)
        if any("\x00" in str(cell) for cell in raw if cell is not None):
            row.errors.append(_("Raden innehåller ett otillåtet tecken (ett nolltecken)."))
            rows.append(row)
            continue
        try:
            pk = int(float(str(raw[ID]).strip()))
        except (TypeError, ValueError):
            pk = None
        row.indicator = indicators.get(pk)
        if row.indicator is None:
            row.errors.append(
                _("Indikator-id %(id)s finns inte i överenskommelsen.") % {"id": raw[ID]}
            )
        elif pk in seen:
            row.errors.append(_("Indikatorn finns på flera rader."))
        else:
            seen.add(pk)
            row.current = current.get(pk)
            try:
                clean_values(row.indicator, _values(raw))
            except ValidationError as error:
                labels = {
                    "total": _("Totalt"),
                    "women": _("Kvinnor"),
                    "men": _("Män"),
                    "unknown": _("Okänt kön"),
                }
                for name, messages in error.message_dict.items():
                    row.errors.extend(f"{labels.get(name, name)}: {m}" for m in messages)
        rows.append(row)
    return rows


def _values(raw):
    return {"total": raw[TOTAL], "women": raw[WOMEN], "men": raw[MEN], "unknown": raw[UNKNOWN]}


def apply_import(*, agreement, period, user, raw_rows) -> int:
    """Save every row or none: one refused row leaves everything as it was."""
    rows = check_import(agreement, period, raw_rows)
    if any(r.errors for r in rows):
        raise ValidationError(_("Filen har fel; inget är sparat."))
    changed = [row for row in rows if not row.blank and _changes(row)]
    with transaction.atomic():
        for row in changed:
            # A row left empty, or as it is stored, changes nothing (nor who entered it).
            measurement_save(
                indicator=row.indicator,
                period=period,
                user=user,
                comment=unsafe_cell(str(row.raw[COMMENT] or "")),
                source_note=row.current.source_note if row.current else "",
                origin=Measurement.Origin.IMPORT,
                **_values(row.raw),
            )
    return len(changed)


def _changes(row) -> bool:
    """True when the row's values or comment differ from the stored measurement."""
    if row.current is None:
        return True
    values = clean_values(row.indicator, _values(row.raw))
    comment = str(row.raw[COMMENT] or "").strip()
    return comment != row.current.comment or any(
        getattr(row.current, name) != value for name, value in values.items()
    )
