"""Kommunkod: only SCB's 290 codes, one organisation per municipality, named in Swedish."""

import csv
from pathlib import Path

import pytest
from django.db import IntegrityError

from samverkan.forms import PartyForm
from samverkan.models import Party
from samverkan.validators import MUNICIPALITIES, municipality_code_for_name, municipality_name
from tests.factories import PartyFactory

CSV = Path(__file__).resolve().parents[2] / "samverkan" / "municipalities.csv"


def _form(**data):
    return PartyForm(
        data={"kind": "kommun", "organisation_number": "212000-2890", "email": "", **data}
    )


def test_the_list_is_exactly_scbs_290_codes():
    with CSV.open(encoding="utf-8") as handle:
        rows = list(csv.DictReader(handle))
    codes = [row["kommunkod"] for row in rows]
    assert len(codes) == 290 == len(set(codes)) == len(MUNICIPALITIES)
    assert len({row["kommun"] for row in rows}) == 290
    # The county is the first two digits; Sweden has 21 counties, numbered 01-25.
    counties = {code[:2] for code in codes}
    assert counties == {
        "01", "03", "04", "05", "06", "07", "08", "09", "10", "12", "13",
        "14", "17", "18", "19", "20", "21", "22", "23", "24", "25",
    }  # fmt: skip
    # Spot checks from SCB's list, including the latest additions (Knivsta and Nykvarn 1999).
    assert MUNICIPALITIES["0117"] == "Österåker"
    assert MUNICIPALITIES["0123"] == "Järfälla"
    assert MUNICIPALITIES["0330"] == "Knivsta"
    assert MUNICIPALITIES["0140"] == "Nykvarn"
    assert MUNICIPALITIES["0980"] == "Gotland"
    assert MUNICIPALITIES["2584"] == "Kiruna"
    assert MUNICIPALITIES["1480"] == "Göteborg"


@pytest.mark.parametrize(
    ("name", "code"),
    [
        ("Österåkers kommun", "0117"),
        ("Vaxholms stad", "0187"),
        ("Region Gotland", "0980"),
        ("Upplands Väsby kommun", "0114"),
        ("Kunskapscentrum Nordost", None),
    ],
)
def test_an_organisation_name_finds_its_municipality(name, code):
    assert municipality_code_for_name(name) == code


@pytest.mark.django_db
@pytest.mark.parametrize("typed", ["9999", "0001", "1000"])
def test_a_code_not_on_scbs_list_is_refused_in_swedish(typed):
    form = _form(name="Österåkers kommun", municipality_code=typed)
    assert not form.is_valid()
    assert form.errors["municipality_code"] == [
        f"{typed} är ingen kommunkod. Ange en av SCB:s 290 kommunkoder, "
        "till exempel 0117 för Österåker."
    ]


@pytest.mark.django_db
@pytest.mark.parametrize("typed", ["12345", "01170", "117", "abcd"])
def test_a_code_of_the_wrong_form_says_so_and_only_so(typed):
    form = _form(name="Österåkers kommun", municipality_code=typed)
    assert not form.is_valid()
    assert form.errors["municipality_code"] == [
        "Kommunkoden består av fyra siffror, till exempel 0117 för Österåker."
    ]


@pytest.mark.django_db
def test_a_missing_code_is_offered_from_the_name():
    form = _form(name="Österåkers kommun", municipality_code="")
    assert not form.is_valid()
    assert form.errors["municipality_code"] == [
        "En kommun måste ha en kommunkod. Österåker har kommunkod 0117."
    ]


@pytest.mark.django_db
def test_a_code_of_another_municipality_than_the_name_is_refused():
    form = _form(name="Täby kommun", municipality_code="0117")
    assert not form.is_valid()
    assert form.errors["municipality_code"] == [
        "Kommunkod 0117 är Österåker, men organisationen heter Täby kommun. "
        "Täby har kommunkod 0160."
    ]


@pytest.mark.django_db
def test_a_municipality_code_is_used_once():
    # GIVEN Österåker with its code
    PartyFactory(name="Österåkers kommun", municipality_code="0117")
    # WHEN another organisation is given the same code
    form = _form(name="Österåker kommun (dubblett)", municipality_code="0117")
    # THEN it is refused, naming who holds it, and nothing is stored
    assert not form.is_valid()
    assert form.errors["municipality_code"] == [
        "Kommunkod 0117 (Österåker) används redan av Österåkers kommun."
    ]
    assert Party.objects.filter(municipality_code="0117").count() == 1
    # AND the database refuses it too, whatever path writes it
    with pytest.raises(IntegrityError):
        Party.objects.create(
            kind="kommun", name="Dubblett", organisation_number="212000-2890",
            municipality_code="0117",
        )  # fmt: skip


@pytest.mark.django_db
def test_editing_a_municipality_keeps_its_own_code():
    party = PartyFactory(name="Österåkers kommun", municipality_code="0117")
    form = PartyForm(
        data={
            "kind": "kommun",
            "name": "Österåkers kommun",
            "organisation_number": "212000-2890",
            "municipality_code": "0117",
            "email": "info@example.se",
        },
        instance=party,
    )
    assert form.is_valid(), form.errors
    form.save()
    party.refresh_from_db()
    assert party.municipality_name == "Österåker"


@pytest.mark.django_db
def test_the_form_offers_every_code_with_its_name_and_the_list_names_it(client, world):
    client.force_login(world.admin)
    html = client.get("/organisationer/ny/").content.decode()
    assert 'list="kommunkoder"' in html
    assert html.count("<option value=") >= 290
    assert '<option value="0117" label="0117 Österåker">' in html
    PartyFactory(name="Österåkers kommun", municipality_code="0117")
    html = client.get("/organisationer/").content.decode()
    assert "0117" in html and "(Österåker)" in html


def test_municipality_name_of_unknown_code_is_none():
    assert municipality_name("9999") is None
    assert municipality_name("") is None
