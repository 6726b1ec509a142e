"""Data exports (samverkan.tables): every table as CSV (; and BOM) and XLSX, for all the user
sees or one agreement, formula-safe, read back with the csv module and openpyxl."""

import csv
import io

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from openpyxl import load_workbook

from agreements.models import document_fields
from samverkan.tables import tables
from tests.indicators.factories import IndicatorFactory, MeasurementFactory
from tests.indicators.kolada_support import make_snapshot
from tests.meetings.factories import GroupFactory, JobTrackFactory, MeetingFactory

KEYS = [
    "overenskommelser",
    "mal",
    "indikatorer",
    "utfall",
    "kartlaggning",
    "grupper",
    "moten",
    "jobbspar",
]


@pytest.fixture
def data(world):
    """Something in every table for both agreements, with a formula in a title."""
    world.agreement.title = '=HYPERLINK("http://evil")'
    world.agreement.save()
    for agreement, municipality in (
        (world.agreement, world.municipality),
        (world.other_agreement, world.other_municipality),
    ):
        indicator = IndicatorFactory(goal__agreement=agreement)
        MeasurementFactory(indicator=indicator)
        group = GroupFactory(agreement=agreement, name=f"Grupp för {municipality.name}")
        MeetingFactory(group=group, minutes="Hemligt utkast", decisions="Beslut ett")
        JobTrackFactory(agreement=agreement, name=f"Spår för {municipality.name}")
        make_snapshot(municipality)
    return world


def _csv(response):
    body = b"".join(response.streaming_content).decode("utf-8")
    assert body.startswith("\ufeff")
    return list(csv.reader(io.StringIO(body[1:]), delimiter=";"))


def test_every_table_is_registered():
    assert [t.key for t in tables()] == KEYS


@pytest.mark.django_db
@pytest.mark.parametrize("key", KEYS)
def test_csv_of_each_table_has_only_what_the_official_sees(client, data, key):
    client.force_login(data.official)
    response = client.get(reverse("agreements:data_table", args=[key, "csv"]))
    assert response.status_code == 200
    assert response["Content-Type"] == "text/csv; charset=utf-8"
    assert f"-{key}.csv" in response["Content-Disposition"]
    rows = _csv(response)
    assert len(rows) >= 2, key  # a header and at least one row
    text = "\n".join(";".join(row) for row in rows)
    assert "Täby kommun (test)" not in text
    assert data.other_agreement.title not in text


@pytest.mark.django_db
def test_formula_is_never_a_formula_in_csv_or_xlsx(client, data):
    client.force_login(data.official)
    rows = _csv(client.get(reverse("agreements:data_table", args=["overenskommelser", "csv"])))
    titles = [row[1] for row in rows[1:]]
    assert titles == ['\'=HYPERLINK("http://evil")']
    response = client.get(reverse("agreements:data_table", args=["overenskommelser", "xlsx"]))
    sheet = load_workbook(io.BytesIO(response.content)).active
    assert sheet.cell(row=2, column=2).value == '\'=HYPERLINK("http://evil")'
    assert sheet.cell(row=2, column=2).data_type == "s"


@pytest.mark.django_db
def test_one_workbook_with_every_table(client, data):
    client.force_login(data.admin)
    response = client.get(reverse("agreements:data_table", args=["alla", "xlsx"]))
    assert response.status_code == 200
    workbook = load_workbook(io.BytesIO(response.content), read_only=True)
    assert workbook.sheetnames == [str(t.title) for t in tables()]
    tracks = list(workbook["Jobbspår"].iter_rows(values_only=True))
    names = {row[3] for row in tracks[1:]}
    assert names == {"Spår för Österåkers kommun (test)", "Spår för Täby kommun (test)"}


@pytest.mark.django_db
def test_one_agreement_only(client, data):
    client.force_login(data.admin)
    url = reverse(
        "agreements:agreement_data_table", args=[data.other_agreement.pk, "grupper", "csv"]
    )
    rows = _csv(client.get(url))
    assert [row[3] for row in rows[1:]] == ["Grupp för Täby kommun (test)"]
    page = client.get(reverse("agreements:agreement_data", args=[data.other_agreement.pk]))
    assert page.status_code == 200
    assert (
        reverse("agreements:agreement_data_table", args=[data.other_agreement.pk, "alla", "xlsx"])
        in page.content.decode()
    )


@pytest.mark.django_db
def test_another_agreements_data_is_404(client, data):
    client.force_login(data.outsider)
    for url in (
        reverse("agreements:agreement_data", args=[data.agreement.pk]),
        reverse("agreements:agreement_data_table", args=[data.agreement.pk, "mal", "csv"]),
    ):
        assert client.get(url).status_code == 404


@pytest.mark.django_db
def test_unknown_table_or_format_is_404(client, data):
    client.force_login(data.official)
    for args in (["nothing", "csv"], ["mal", "pdf"], ["alla", "csv"]):
        assert client.get(reverse("agreements:data_table", args=args)).status_code == 404


@pytest.mark.django_db
def test_unapproved_minutes_are_not_exported(client, data):
    client.force_login(data.official)
    rows = _csv(client.get(reverse("agreements:data_table", args=["moten", "csv"])))
    text = "\n".join(";".join(r) for r in rows)
    assert "Hemligt utkast" not in text and "Beslut ett" not in text


@pytest.mark.django_db
def test_csv_numbers_use_decimal_comma_and_demo_is_marked(client, data):
    from indicators.models import Measurement

    Measurement.objects.filter(indicator__goal__agreement=data.agreement).update(
        total="12.50", origin=Measurement.Origin.DEMO
    )
    client.force_login(data.official)
    rows = _csv(client.get(reverse("agreements:data_table", args=["utfall", "csv"])))
    header, row = rows[0], rows[1]
    assert row[header.index("Totalt")] == "12,5"
    assert row[header.index("Påhittat demovärde")] == "Ja"


@pytest.mark.django_db
def test_queries_do_not_grow_with_rows(client, data, django_assert_max_num_queries):
    client.force_login(data.admin)
    for _ in range(30):
        agreement = data.agreement
        IndicatorFactory(goal__agreement=agreement)
        GroupFactory(agreement=agreement)
    with django_assert_max_num_queries(40):
        response = client.get(reverse("agreements:data_table", args=["alla", "xlsx"]))
        assert response.status_code == 200
    with django_assert_max_num_queries(12):
        b"".join(
            client.get(
                reverse("agreements:data_table", args=["overenskommelser", "csv"])
            ).streaming_content
        )


@pytest.mark.django_db
@pytest.mark.parametrize("key", KEYS)
def test_no_table_reads_the_agreements_document_text(client, data, key):
    # An agreement's sections are 20-40 kB: a table of values must not fetch them per row.
    client.force_login(data.admin)
    with CaptureQueriesContext(connection) as queries:
        response = client.get(reverse("agreements:data_table", args=[key, "csv"]))
        b"".join(response.streaming_content)
    read = " ".join(query["sql"] for query in queries)
    assert "agreements_agreement" in read or key == "kartlaggning", key
    for column in document_fields():
        assert f'"agreements_agreement"."{column}"' not in read, (key, column)
