"""Bad and unusual input to measurements: typed or imported, never an error 500.

CSV from any program (``;`` ``,`` tab; CR, LF, CRLF), an xlsx far over the row limit refused
before it is read whole, a NUL in a comment, numbers too large for the column, and formulas
in exported cells neutralised.
"""

import csv
import io
import time

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from openpyxl import Workbook, load_workbook

from indicators.models import Measurement
from indicators.services import measurement_save

from .factories import FollowUpPeriodFactory, IndicatorFactory, MeasurementFactory

HEADER = ["Indikator-id", "Mål", "Indikator", "Enhet", "Totalt", "Kvinnor", "Män", "Okänt kön"]


def import_url(agreement, period):
    return reverse("indicators:import", args=[agreement.pk, period.year, period.half])


def entry_url(agreement, period):
    return reverse("indicators:entry", args=[agreement.pk, period.year, period.half])


@pytest.fixture
def setup(world, client):
    count = IndicatorFactory(goal__agreement=world.agreement, name="Antal i jobbspår")
    period = FollowUpPeriodFactory(agreement=world.agreement)
    client.force_login(world.official)
    return world.agreement, period, count


def csv_bytes(rows, delimiter, newline, encoding="utf-8"):
    lines = [delimiter.join(str(c) for c in row) for row in rows]
    return (newline.join(lines) + newline).encode(encoding)


@pytest.mark.django_db
@pytest.mark.parametrize("delimiter", [";", ",", "\t"], ids=["semicolon", "comma", "tab"])
@pytest.mark.parametrize("newline", ["\r", "\n", "\r\n"], ids=["CR", "LF", "CRLF"])
def test_csv_of_every_dialect_is_read(client, setup, delimiter, newline):
    # GIVEN a CSV as Mac Excel (CR), Linux (LF) or Windows (CRLF) saves it, any separator
    agreement, period, count = setup
    comment = "Från Mac-Excel" if delimiter != "," else "Utan kommatecken"
    content = csv_bytes(
        [[*HEADER, "Kommentar"], [count.pk, "", "", "", "12", "5", "7", "", comment]],
        delimiter,
        newline,
    )
    # WHEN it is previewed and saved
    preview = client.post(
        import_url(agreement, period), {"file": SimpleUploadedFile("u.csv", content)}
    )
    assert preview.status_code == 200
    assert "Kan sparas" in preview.content.decode()
    done = client.post(import_url(agreement, period), {"confirm": "1"})
    # THEN every value lands in its column
    assert done.status_code == 302
    saved = Measurement.objects.get(indicator=count)
    assert (saved.total, saved.women, saved.men) == (12, 5, 7)
    assert saved.comment == comment


@pytest.mark.django_db
def test_csv_with_quoted_line_break_and_decimal_commas(client, setup):
    agreement, period, count = setup
    content = (
        "Indikator-id;Mål;Indikator;Enhet;Totalt;Kvinnor;Män;Okänt kön;Kommentar\r"
        f'{count.pk};;;;"10";4;6;;"två\rrader"\r'
    ).encode("cp1252")
    preview = client.post(
        import_url(agreement, period), {"file": SimpleUploadedFile("u.csv", content)}
    )
    assert preview.status_code == 200
    client.post(import_url(agreement, period), {"confirm": "1"})
    assert Measurement.objects.get(indicator=count).comment == "två\rrader"


@pytest.mark.django_db
def test_csv_that_is_not_csv_gets_a_swedish_message(client, setup):
    agreement, period, _count = setup
    content = b"Indikator-id;" + b"x" * 200_000 + b"\n"  # a field over csv's size limit
    response = client.post(
        import_url(agreement, period), {"file": SimpleUploadedFile("u.csv", content)}
    )
    assert response.status_code == 200
    assert "går inte att läsa som en CSV-fil" in response.content.decode()


@pytest.mark.django_db
def test_nul_in_an_imported_comment_is_refused_on_its_row(client, setup):
    # GIVEN a file whose comment holds a NUL character
    agreement, period, count = setup
    content = csv_bytes(
        [[*HEADER, "Kommentar"], [count.pk, "", "", "", "3", "", "", "", "a\x00b"]], ";", "\r\n"
    )
    # WHEN it is previewed
    response = client.post(
        import_url(agreement, period), {"file": SimpleUploadedFile("u.csv", content)}
    )
    # THEN the row is refused in Swedish and nothing can be saved
    html = response.content.decode()
    assert response.status_code == 200
    assert "nolltecken" in html
    assert "Spara alla rader" not in html
    assert client.post(import_url(agreement, period), {"confirm": "1"}).status_code != 500
    assert not Measurement.objects.exists()


@pytest.mark.django_db
@pytest.mark.parametrize("value", ["12345678901", "1e308", "1E+400", "99999999999,5"])
def test_too_large_number_is_refused_when_imported(client, setup, value):
    agreement, period, count = setup
    content = csv_bytes(
        [[*HEADER, "Kommentar"], [count.pk, "", "", "", value, "", "", "", ""]], ";", "\n"
    )
    response = client.post(
        import_url(agreement, period), {"file": SimpleUploadedFile("u.csv", content)}
    )
    assert response.status_code == 200
    assert "för stort" in response.content.decode()
    assert "Spara alla rader" not in response.content.decode()


@pytest.mark.django_db
@pytest.mark.parametrize("value", [12345678901, 1e308, "1e308", True])
def test_too_large_or_odd_xlsx_cell_is_refused(client, setup, value):
    agreement, period, count = setup
    book = Workbook()
    book.active.append([*HEADER, "Kommentar"])
    book.active.append([count.pk, "", "", "", value])
    out = io.BytesIO()
    book.save(out)
    response = client.post(
        import_url(agreement, period), {"file": SimpleUploadedFile("u.xlsx", out.getvalue())}
    )
    assert response.status_code == 200
    assert "Spara alla rader" not in response.content.decode()


@pytest.mark.django_db
@pytest.mark.parametrize("value", ["12345678901", "1e308"])
def test_too_large_number_is_refused_when_typed(client, setup, value):
    # GIVEN the entry page WHEN 12345678901 or 1e308 is typed as a total
    agreement, period, count = setup
    data = {f"i{count.pk}-base": "new", f"i{count.pk}-total": value}
    response = client.post(entry_url(agreement, period), data)
    # THEN the field says so in Swedish, keeps what was typed, and nothing is saved
    html = response.content.decode()
    assert response.status_code == 200
    assert "för stort" in html
    assert value in html
    assert not Measurement.objects.exists()


@pytest.mark.django_db
def test_the_largest_value_the_column_holds_is_accepted(world, setup):
    agreement, period, count = setup
    measurement_save(indicator=count, period=period, user=world.official, total="9999999999")
    assert Measurement.objects.get(indicator=count).total == 9999999999


def huge_xlsx(rows: int) -> bytes:
    """A valid xlsx whose first sheet has ``rows`` data rows and, like many programs' files,
    no <dimension> element (openpyxl then reads the whole sheet to find its size)."""
    import zipfile

    book = Workbook()
    book.active.append(HEADER)
    template = io.BytesIO()
    book.save(template)
    body = "".join(
        f'<row r="{n}"><c r="A{n}"><v>{n}</v></c><c r="E{n}"><v>1</v></c></row>'
        for n in range(2, rows + 2)
    )
    header = "".join(
        f'<c r="{chr(65 + i)}1" t="inlineStr"><is><t>{h}</t></is></c>' for i, h in enumerate(HEADER)
    )
    sheet = (
        '<?xml version="1.0" encoding="UTF-8"?>'
        '<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">'
        f'<sheetData><row r="1">{header}</row>{body}</sheetData></worksheet>'
    )
    out = io.BytesIO()
    with (
        zipfile.ZipFile(io.BytesIO(template.getvalue())) as source,
        zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as target,
    ):
        for info in source.infolist():
            data = source.read(info.filename)
            if info.filename == "xl/worksheets/sheet1.xml":
                data = sheet.encode()
            target.writestr(info.filename, data)
    return out.getvalue()


@pytest.mark.django_db
def test_xlsx_of_70000_rows_is_refused_quickly(client, setup):
    # GIVEN a small xlsx (under a megabyte) of 70,000 rows
    agreement, period, _count = setup
    content = huge_xlsx(70_000)
    assert len(content) < 1024 * 1024
    # WHEN it is uploaded
    started = time.monotonic()
    response = client.post(
        import_url(agreement, period), {"file": SimpleUploadedFile("u.xlsx", content)}
    )
    elapsed = time.monotonic() - started
    # THEN it is refused in Swedish at once, not after parsing every row
    assert response.status_code == 200
    assert "för många rader" in response.content.decode()
    assert elapsed < 3, f"took {elapsed:.1f} s"


@pytest.mark.django_db
def test_xlsx_just_under_the_row_limit_is_read(client, setup):
    agreement, period, count = setup
    content = huge_xlsx(1_000)
    response = client.post(
        import_url(agreement, period), {"file": SimpleUploadedFile("u.xlsx", content)}
    )
    assert response.status_code == 200
    html = response.content.decode()
    assert "för många rader" not in html
    assert "finns inte i överenskommelsen" in html  # rows were read: ids 2…1001 are unknown


@pytest.mark.django_db
def test_xlsx_that_unpacks_to_too_much_is_refused_before_parsing(client, setup):
    import zipfile

    agreement, period, _count = setup
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", compression=zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("xl/worksheets/sheet1.xml", b" " * (30 * 1024 * 1024))
    response = client.post(
        import_url(agreement, period), {"file": SimpleUploadedFile("u.xlsx", out.getvalue())}
    )
    assert response.status_code == 200
    assert "för många rader" in response.content.decode()


FORMULAS = ["=cmd|' /C calc'!A0", "+1+1", "-2+3", "@SUM(A1)", "\t=1", "\r=1"]


@pytest.mark.django_db
def test_exports_neutralise_formulas_in_every_cell(client, world, setup):
    # GIVEN measurements whose comments and indicator name begin like formulas
    agreement, period, count = setup
    count.name = '=HYPERLINK("http://x")'
    count.save()
    periods = [
        FollowUpPeriodFactory(agreement=agreement, year=2020 + n, half=1)
        for n in range(len(FORMULAS))
    ]
    for p, text in zip(periods, FORMULAS, strict=True):
        MeasurementFactory(indicator=count, period=p, total=3, comment=text)
    # WHEN both exports are fetched
    xlsx = client.get(reverse("indicators:export", args=[agreement.pk, "xlsx"]))
    csv_response = client.get(reverse("indicators:export", args=[agreement.pk, "csv"]))
    assert xlsx["Cache-Control"] == csv_response["Cache-Control"] == "no-store"
    # THEN no text cell begins with a formula character, and the text is otherwise kept
    sheet = load_workbook(io.BytesIO(xlsx.content)).active
    xlsx_texts = [
        c.value for row in sheet.iter_rows(min_row=2) for c in row if isinstance(c.value, str)
    ]
    rows = list(
        csv.reader(io.StringIO(csv_response.content.decode("utf-8-sig"), newline=""), delimiter=";")
    )
    csv_texts = [cell for row in rows[1:] for cell in row]
    for texts in (xlsx_texts, csv_texts):
        assert not [t for t in texts if t[:1] in ("=", "+", "@", "\t", "\r") or t.startswith("-2")]
        for text in FORMULAS:
            assert "'" + text in texts
        assert '\'=HYPERLINK("http://x")' in texts
    # … and the numbers stay numbers
    assert any(c.value == 3 for row in sheet.iter_rows(min_row=2) for c in row)


@pytest.mark.django_db
def test_template_comment_with_a_formula_round_trips_as_text(client, setup):
    # GIVEN a stored comment that begins with "=" WHEN the template is downloaded and imported
    agreement, period, count = setup
    MeasurementFactory(indicator=count, period=period, total=3, comment="=1+1 enligt SCB")
    template = client.get(
        reverse("indicators:template", args=[agreement.pk, period.year, period.half])
    )
    assert load_workbook(io.BytesIO(template.content)).active["I2"].value == "'=1+1 enligt SCB"
    client.post(
        import_url(agreement, period), {"file": SimpleUploadedFile("u.xlsx", template.content)}
    )
    client.post(import_url(agreement, period), {"confirm": "1"})
    # THEN the comment is the same text, without the protecting apostrophe
    assert Measurement.objects.get(indicator=count).comment == "=1+1 enligt SCB"
