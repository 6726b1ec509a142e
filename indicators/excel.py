"""Measurements to and from Excel and CSV: the import template, the import, the export.

CSV is written for Swedish Excel: ``;`` between fields, decimal comma, UTF-8 with a BOM.
"""

import csv
import io
from dataclasses import dataclass, field

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _
from openpyxl import Workbook, load_workbook
from openpyxl.styles import Font

from .models import Indicator, Measurement
from .services import measurement_save
from .values import clean_values, format_number

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


def _cell(value):
    return float(value) if value is not None else None


def import_template_xlsx(agreement, period, indicators, measurements) -> bytes:
    """One row per indicator, with what is stored now, ready to fill in."""
    book = Workbook()
    sheet = book.active
    sheet.title = str(period.label)
    sheet.append(template_headers())
    for cell in sheet[1]:
        cell.font = Font(bold=True)
    for indicator in indicators:
        m = measurements.get(indicator.pk)
        sheet.append(
            [
                indicator.pk,
                indicator.goal.title,
                indicator.name,
                indicator.get_unit_display(),
                _cell(m.total) if m else None,
                _cell(m.women) if m and indicator.by_gender else None,
                _cell(m.men) if m and indicator.by_gender else None,
                _cell(m.unknown) if m and indicator.by_gender else None,
                m.comment if m else "",
            ]
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
    writer.writerow(template_headers())
    for indicator in indicators:
        m = measurements.get(indicator.pk)
        split = bool(m) and indicator.by_gender
        writer.writerow(
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
    return ("\ufeff" + out.getvalue()).encode("utf-8")


class ImportFileError(Exception):
    """The file cannot be read at all (not the template, not xlsx/CSV)."""


def read_upload(upload) -> list[list]:
    """The data rows of an uploaded template (header dropped), as lists of cell values."""
    name = upload.name.lower()
    content = upload.read()
    if name.endswith(".xlsx"):
        try:
            book = load_workbook(io.BytesIO(content), read_only=True, data_only=True)
        except Exception as exc:  # openpyxl raises many kinds for a broken file
            raise ImportFileError(_("Filen går inte att läsa som en Excelfil.")) from exc
        rows = [list(row) for row in book.worksheets[0].iter_rows(values_only=True)]
    else:
        try:
            text = content.decode("utf-8-sig")
        except UnicodeDecodeError:
            text = content.decode("cp1252", errors="replace")
        dialect = ";" if text.count(";") >= text.count(",") else ","
        rows = list(csv.reader(io.StringIO(text), delimiter=dialect))
    if not rows:
        raise ImportFileError(_("Filen är tom."))
    header = [str(c or "").strip().lower() for c in rows[0]]
    if not header or header[0] != _("Indikator-id").lower():
        raise ImportFileError(
            _("Filen följer inte mallen: första kolumnen ska heta ”Indikator-id”.")
        )
    data = [r for r in rows[1:] if any(c not in (None, "") for c in r)]
    if len(data) > MAX_ROWS:
        raise ImportFileError(_("Filen har för många rader."))
    return [list(r) + [None] * (9 - len(r)) for r in data]


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
                comment=str(row.raw[COMMENT] or ""),
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


# ---------------------------------------------------------------- export


def export_headers():
    return [
        _("Överenskommelse"),
        _("Mål"),
        _("Indikator"),
        _("Enhet"),
        _("År"),
        _("Halvår"),
        _("Totalt"),
        _("Kvinnor"),
        _("Män"),
        _("Okänt kön"),
        _("Kommentar"),
        _("Källa"),
        _("Ursprung"),
    ]


def export_queryset(agreements):
    return (
        Measurement.objects.filter(indicator__goal__agreement__in=agreements)
        .select_related("indicator", "indicator__goal", "indicator__goal__agreement", "period")
        .order_by(
            "indicator__goal__agreement__title",
            "indicator__goal__agreement_id",
            "indicator__goal__position",
            "indicator__goal_id",
            "indicator__position",
            "indicator_id",
            "period__year",
            "period__half",
        )
    )


def _export_row(m, number):
    i = m.indicator
    return [
        i.goal.agreement.title,
        i.goal.title,
        i.name,
        i.get_unit_display(),
        m.period.year,
        m.period.half,
        number(m.total),
        number(m.women),
        number(m.men),
        number(m.unknown),
        m.comment,
        m.source_note or i.source_note or i.get_source_display(),
        m.get_origin_display(),
    ]


def export_csv(measurements) -> bytes:
    out = io.StringIO()
    writer = csv.writer(out, delimiter=";", lineterminator="\r\n")
    writer.writerow(export_headers())
    for m in measurements.iterator(chunk_size=500):
        writer.writerow(_export_row(m, format_number))
    return ("\ufeff" + out.getvalue()).encode("utf-8")


def export_xlsx(measurements) -> bytes:
    book = Workbook(write_only=True)
    sheet = book.create_sheet(_("Utfall"))
    sheet.append(export_headers())
    for m in measurements.iterator(chunk_size=500):
        sheet.append(_export_row(m, _cell))
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()
