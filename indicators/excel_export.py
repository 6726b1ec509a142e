"""Measurements exported to Excel and CSV, one row per measurement (the import is ``excel``)."""

import csv
import io

from django.utils.translation import gettext as _
from openpyxl import Workbook

from samverkan.spreadsheets import safe_row

from .models import Measurement
from .values import format_number, xlsx_number


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
    writer.writerow(safe_row(export_headers()))
    for m in measurements.iterator(chunk_size=500):
        writer.writerow(safe_row(_export_row(m, format_number)))
    return ("\ufeff" + out.getvalue()).encode("utf-8")


def export_xlsx(measurements) -> bytes:
    book = Workbook(write_only=True)
    sheet = book.create_sheet(_("Utfall"))
    sheet.append(safe_row(export_headers()))
    for m in measurements.iterator(chunk_size=500):
        sheet.append(safe_row(_export_row(m, xlsx_number)))
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()
