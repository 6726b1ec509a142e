"""Excel and CSV: template, import with preview (all or nothing), export."""

import csv
import io

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from openpyxl import load_workbook

from indicators.models import Measurement

from .factories import FollowUpPeriodFactory, IndicatorFactory, MeasurementFactory


def url(name, agreement, period):
    return reverse(name, args=[agreement.pk, period.year, period.half])


def filled_template(client, agreement, period, rows):
    """Download the template and fill rows {indicator_pk: [total, women, men, unknown, comment]}."""
    response = client.get(url("indicators:template", agreement, period))
    book = load_workbook(io.BytesIO(response.content))
    sheet = book.active
    for row in sheet.iter_rows(min_row=2):
        values = rows.get(row[0].value)
        if values:
            for cell, value in zip(row[4:9], values, strict=False):
                cell.value = value
    out = io.BytesIO()
    book.save(out)
    return SimpleUploadedFile("utfall.xlsx", out.getvalue())


@pytest.fixture
def setup(world, client):
    count = IndicatorFactory(goal__agreement=world.agreement, name="Antal i jobbspår")
    share = IndicatorFactory(
        goal=count.goal,
        name="Andel i arbete",
        unit="percent",
        direction="at_least",
        target_value=80,
    )
    period = FollowUpPeriodFactory(agreement=world.agreement)
    client.force_login(world.official)
    return world.agreement, period, count, share


@pytest.mark.django_db
def test_xlsx_import_previews_then_saves_everything(client, setup):
    agreement, period, count, share = setup
    upload = filled_template(
        client, agreement, period, {count.pk: [10, 4, 6, 0], share.pk: [82.5, 84, 81]}
    )
    preview = client.post(url("indicators:import", agreement, period), {"file": upload})
    assert preview.status_code == 200
    assert "Kan sparas" in preview.content.decode()
    assert not Measurement.objects.exists()  # nothing before confirming
    done = client.post(url("indicators:import", agreement, period), {"confirm": "1"})
    assert done.status_code == 302
    assert Measurement.objects.get(indicator=share).total == pytest.approx(82.5)
    assert Measurement.objects.get(indicator=count).origin == "import"


@pytest.mark.django_db
def test_csv_import_with_one_bad_row_saves_nothing(client, setup):
    agreement, period, count, share = setup
    content = (
        "\ufeffIndikator-id;Mål;Indikator;Enhet;Totalt;Kvinnor;Män;Okänt kön;Kommentar\r\n"
        f"{count.pk};;;;10;4;6;;ok\r\n"
        f"{share.pk};;;;130;;;;\r\n"
        "99999;;;;1;;;;\r\n"
    ).encode()
    upload = SimpleUploadedFile("utfall.csv", content)
    preview = client.post(url("indicators:import", agreement, period), {"file": upload})
    html = preview.content.decode()
    assert "mellan 0 och 100" in html
    assert "99999 finns inte" in html
    assert "Spara alla rader" not in html
    response = client.post(url("indicators:import", agreement, period), {"confirm": "1"})
    assert response.status_code == 200
    assert not Measurement.objects.exists()


@pytest.mark.django_db
def test_import_refuses_a_file_that_is_not_the_template(client, setup):
    agreement, period, *_ = setup
    upload = SimpleUploadedFile("annat.csv", b"a;b;c\r\n1;2;3\r\n")
    html = client.post(
        url("indicators:import", agreement, period), {"file": upload}
    ).content.decode()
    assert "Filen följer inte mallen" in html
    upload = SimpleUploadedFile("bild.png", b"\x89PNG")
    html = client.post(
        url("indicators:import", agreement, period), {"file": upload}
    ).content.decode()
    assert "Excelfil (.xlsx) eller en CSV-fil" in html


@pytest.mark.django_db
def test_export_csv_for_swedish_excel_and_xlsx(client, world, setup):
    agreement, period, count, share = setup
    MeasurementFactory(indicator=share, period=period, total="82.5", women=84, men=81)
    MeasurementFactory(indicator=IndicatorFactory(goal__agreement=world.other_agreement))
    response = client.get(reverse("indicators:export", args=[agreement.pk, "csv"]))
    assert response.content.startswith("\ufeff".encode())
    rows = list(csv.reader(io.StringIO(response.content.decode("utf-8-sig")), delimiter=";"))
    assert rows[0][:3] == ["Överenskommelse", "Mål", "Indikator"]
    assert rows[1][6] == "82,5"
    assert len(rows) == 2
    # all the user sees: the other agreement's value is not there
    response = client.get(reverse("indicators:export_all_xlsx"))
    sheet = load_workbook(io.BytesIO(response.content)).active
    assert sheet.max_row == 2
    assert client.get(reverse("indicators:export", args=[agreement.pk, "pdf"])).status_code == 404


@pytest.mark.django_db
def test_csv_template_round_trips_through_the_import(client, setup):
    agreement, period, count, share = setup
    MeasurementFactory(indicator=share, period=period, total="82.5", women=84, men=81)
    template = client.get(url("indicators:template_csv", agreement, period)).content
    assert template.startswith("\ufeff".encode())
    text = template.decode("utf-8-sig")
    lines = text.splitlines()
    cells = lines[1].split(";")
    cells[4:8] = ["12", "5", "7", "0"]
    lines[1] = ";".join(cells)
    upload = SimpleUploadedFile("mall.csv", ("\r\n".join(lines) + "\r\n").encode("utf-8-sig"))
    client.post(url("indicators:import", agreement, period), {"file": upload})
    client.post(url("indicators:import", agreement, period), {"confirm": "1"})
    assert Measurement.objects.get(indicator=count).total == 12
    assert Measurement.objects.get(indicator=share).total == pytest.approx(82.5)
