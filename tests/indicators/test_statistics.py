"""Kartläggning: entry with Swedish messages, computed figures, the comparison page, demo data."""

import datetime
from decimal import Decimal

import pytest
from django.urls import reverse

from indicators.models import (
    LabourDemandRow,
    LabourDemandSnapshot,
    ProgrammeFigure,
    StatisticsSnapshot,
)
from indicators.statistics import derive, figure_errors
from indicators.statistics.demo import load_statistics_demo
from tests.factories import AgreementFactory, EmploymentServiceFactory, PartyFactory, UserFactory

from .kolada_support import make_demand, make_snapshot

NORDOST_CODES = {
    "0162": "Danderyds kommun",
    "0188": "Norrtälje kommun",
    "0160": "Täby kommun",
    "0115": "Vallentuna kommun",
    "0187": "Vaxholms stad",
    "0117": "Österåkers kommun",
}


def _post_data(snapshot=None, **overrides):
    data = {
        "municipality": "",
        "measured_on": "2020-08-31",
        "population": "45600",
        "population_on": "2019-12-31",
        "population_note": "ca 45 600",
        "source_note": "Arbetsförmedlingen, augusti 2020",
        "comment": "",
        "establishment-total": "81",
        "establishment-women": "40",
        "establishment-men": "41",
        "establishment-short_educated": "52",
        "establishment-education_duty": "34",
        "open_unemployed-total": "861",
        "open_unemployed-women": "388",
        "open_unemployed-men": "473",
        "open_unemployed-no_insurance_info": "420",
        "income_support-total": "112",
        "income_support-women": "53",
        "income_support-men": "59",
    }
    data.update(overrides)
    return data


# --- the rules ---------------------------------------------------------------------------


def test_parts_must_add_up_when_all_are_given():
    errors = figure_errors({"total": 235, "women": 83, "men": 147, "unknown": 4})
    assert errors["total"] == [
        "Kvinnor, män och okänd könstillhörighet är tillsammans 234, inte 235."
    ]
    assert figure_errors({"total": 235, "women": 83, "men": 147, "unknown": 5}) == {}


def test_parts_may_not_exceed_the_total():
    # Danderyd's försörjningsstöd in seed 003: "113 personer varav 58 kvinnor och 57 män"
    errors = figure_errors({"total": 113, "women": 58, "men": 57})
    assert errors["total"] == ["Kvinnor och män är tillsammans 115, fler än totalt 113."]


def test_counts_are_not_negative_and_subsets_not_larger_than_the_whole():
    assert figure_errors({"total": -1})["total"] == ["Ett antal kan inte vara negativt."]
    errors = figure_errors(
        {"total": 78, "short_educated": 80, "education_duty": 50, "no_insurance_info": 79}
    )
    assert "kortutbildade (80) än totalt (78)" in errors["short_educated"][0]
    assert "utan uppgift om a-kassa (79)" in errors["no_insurance_info"][0]
    errors = figure_errors({"total": 78, "short_educated": 48, "education_duty": 49})
    assert errors["education_duty"] == [
        "Utbildningsplikten gäller kortutbildade: 49 kan inte vara fler än 48 kortutbildade."
    ]
    errors = figure_errors(
        {"total": 565, "disability_women": 8, "disability_men": 14, "disability_total": 21}
    )
    assert "tillsammans 22, inte 21" in errors["disability_total"][0]


# --- computed figures -----------------------------------------------------------------------


@pytest.mark.django_db
def test_derived_figures_are_computed_from_the_counts(world):
    snapshot = make_snapshot(world.municipality)
    snapshot = StatisticsSnapshot.objects.prefetch_related("figures").get(pk=snapshot.pk)
    d = derive(snapshot)
    # seed 003: Österåker "1161 arbetslösa & 112 med försörjningsstöd vilket utgör 10 procent"
    assert d.unemployed == 1161
    assert d.income_support_share == Decimal("9.6")
    assert d.unemployed_per_thousand == Decimal("25.5")
    assert d.short_educated_share == Decimal("21.2")  # (52 + 66 + 8 + 120) / 1161
    assert d.programme_short_share["establishment"] == Decimal("64.2")


@pytest.mark.django_db
def test_a_missing_programme_leaves_the_unemployed_uncomputed(world):
    snapshot = make_snapshot(world.municipality)
    snapshot.figures.filter(programme="youth_guarantee").delete()
    snapshot = StatisticsSnapshot.objects.prefetch_related("figures").get(pk=snapshot.pk)
    d = derive(snapshot)
    assert d.unemployed is None and d.income_support_share is None
    assert d.income_support == 112


# --- entry ---------------------------------------------------------------------------------


@pytest.mark.django_db
def test_official_enters_a_snapshot_for_their_municipality(client, world):
    client.force_login(world.official)
    data = _post_data(municipality=str(world.municipality.pk))
    response = client.post(reverse("statistics:snapshot_create"), data)
    snapshot = StatisticsSnapshot.objects.get()
    assert response.status_code == 302 and response["Location"] == snapshot.get_absolute_url()
    assert snapshot.municipality == world.municipality
    assert snapshot.population == 45600 and snapshot.entered_by == world.official
    figures = {f.programme: f for f in snapshot.figures.all()}
    assert set(figures) == {"establishment", "open_unemployed", "income_support"}
    assert figures["open_unemployed"].no_insurance_info == 420
    page = client.get(snapshot.get_absolute_url()).content.decode()
    assert "Österåkers kommun (test)" in page


@pytest.mark.django_db
def test_bad_figures_are_refused_at_the_field_and_typed_values_kept(client, world):
    client.force_login(world.official)
    data = _post_data(
        municipality=str(world.municipality.pk),
        **{
            "income_support-total": "113",
            "income_support-women": "58",
            "income_support-men": "57",
            "establishment-short_educated": "90",
            "open_unemployed-men": "-3",
            "population": "många",
        },
    )
    response = client.post(reverse("statistics:snapshot_create"), data)
    assert response.status_code == 200
    page = response.content.decode()
    assert "Kvinnor och män är tillsammans 115, fler än totalt 113." in page
    assert "Det kan inte vara fler kortutbildade (90) än totalt (81)." in page
    assert "Ett antal kan inte vara negativt." in page
    assert "Skriv ett heltal" in page
    assert 'value="113"' in page and 'value="-3"' in page and 'value="många"' in page
    assert 'aria-invalid="true"' in page
    assert not StatisticsSnapshot.objects.exists()


@pytest.mark.django_db
def test_a_second_snapshot_for_the_same_date_is_refused(client, world):
    make_snapshot(world.municipality)
    client.force_login(world.official)
    response = client.post(
        reverse("statistics:snapshot_create"), _post_data(municipality=str(world.municipality.pk))
    )
    assert "har redan en kartläggning för" in response.content.decode()
    assert StatisticsSnapshot.objects.count() == 1


@pytest.mark.django_db
def test_official_cannot_enter_figures_for_another_municipality(client, world):
    client.force_login(world.official)
    data = _post_data(municipality=str(world.other_municipality.pk))
    response = client.post(reverse("statistics:snapshot_create"), data)
    assert response.status_code == 200
    assert not StatisticsSnapshot.objects.exists()
    other = make_snapshot(world.other_municipality)
    assert client.get(reverse("statistics:snapshot_edit", args=[other.pk])).status_code == 404


@pytest.mark.django_db
def test_editing_changes_only_what_changed_and_detects_a_concurrent_save(client, world):
    snapshot = make_snapshot(world.municipality)
    client.force_login(world.official)
    url = reverse("statistics:snapshot_edit", args=[snapshot.pk])
    form = client.get(url).context["form"]
    fingerprint = form.initial["base_fingerprint"]
    data = {
        "measured_on": "2020-08-31",
        "population": "45600",
        "population_note": "ca 45 600",
        "base_fingerprint": fingerprint,
    }
    for figure in snapshot.figures.all():
        for name in ("total", "women", "men", "short_educated"):
            value = getattr(figure, name)
            if value is not None:
                data[f"{figure.programme}-{name}"] = str(value)
    data["income_support-total"] = "113"
    data["income_support-men"] = "60"
    history_before = ProgrammeFigure.history.count()

    # Someone else saves first.
    StatisticsSnapshot.objects.filter(pk=snapshot.pk).update(population=46000)
    response = client.post(url, data)
    assert "Någon annan har sparat ändringar" in response.content.decode()
    assert ProgrammeFigure.history.count() == history_before

    data["base_fingerprint"] = response.context["form"].data["base_fingerprint"]
    response = client.post(url, data)
    assert response.status_code == 302
    income = snapshot.figures.get(programme="income_support")
    assert (income.total, income.men) == (113, 60)
    assert ProgrammeFigure.history.count() == history_before + 1  # only the changed row


@pytest.mark.django_db
def test_labour_demand_rows_are_checked(client, world):
    client.force_login(world.official)
    data = {
        "municipality": str(world.municipality.pk),
        "measured_on": "2020-10-18",
        "source_note": "Platsannonser",
        "rader-TOTAL_FORMS": "3",
        "rader-INITIAL_FORMS": "0",
        "rader-MIN_NUM_FORMS": "0",
        "rader-MAX_NUM_FORMS": "1000",
        "rader-0-area": "social",
        "rader-0-jobs": "17",
        "rader-0-ads": "10",
        "rader-1-area": "social",
        "rader-1-jobs": "3",
        "rader-1-ads": "4",
        "rader-2-area": "",
        "rader-2-jobs": "",
        "rader-2-ads": "",
    }
    response = client.post(reverse("statistics:demand_create"), data)
    page = response.content.decode()
    assert "En annons gäller minst ett jobb: 3 jobb kan inte stå i 4 annonser." in page
    assert "Yrkesområdet finns redan i listan." in page
    assert not LabourDemandSnapshot.objects.exists()

    data.update({"rader-1-area": "sales", "rader-1-jobs": "12", "rader-1-ads": "8"})
    response = client.post(reverse("statistics:demand_create"), data)
    demand = LabourDemandSnapshot.objects.get()
    assert response.status_code == 302
    assert sorted(demand.rows.values_list("area", "jobs", "ads")) == [
        ("sales", 12, 8),
        ("social", 17, 10),
    ]
    page = client.get(reverse("statistics:demand_detail", args=[demand.pk])).content.decode()
    assert "Socialt arbete" in page


@pytest.mark.django_db
def test_labour_demand_edit_refuses_a_stale_save_and_keeps_the_figures(client, world):
    # GIVEN an official who opened a labour-demand snapshot for editing
    demand = make_demand(world.municipality)
    client.force_login(world.official)
    url = reverse("statistics:demand_edit", args=[demand.pk])
    page = client.get(url)
    rows = list(demand.rows.order_by("pk"))
    data = {
        "measured_on": "2020-10-18",
        "source_note": "Platsannonser",
        "base_fingerprint": page.context["form"]["base_fingerprint"].value(),
        "rader-TOTAL_FORMS": str(len(rows)),
        "rader-INITIAL_FORMS": str(len(rows)),
        "rader-MIN_NUM_FORMS": "0",
        "rader-MAX_NUM_FORMS": "1000",
    }
    for i, row in enumerate(rows):
        data.update(
            {
                f"rader-{i}-id": str(row.pk),
                f"rader-{i}-area": row.area,
                f"rader-{i}-jobs": str(row.jobs),
                f"rader-{i}-ads": str(row.ads),
            }
        )
    data["rader-0-jobs"] = "99"
    # … and a colleague who saved another count meanwhile
    LabourDemandRow.objects.filter(pk=rows[1].pk).update(jobs=40)
    # WHEN the official saves
    response = client.post(url, data)
    # THEN the save is refused in Swedish, their figures are kept and nothing is written
    assert response.status_code == 200
    assert "Någon annan har sparat ändringar i kartläggningen" in response.content.decode()
    assert response.context["formset"].forms[0]["jobs"].value() == "99"
    assert sorted(demand.rows.values_list("area", "jobs")) == [("sales", 40), ("social", 17)]
    # AND after reading, saving again writes their change and keeps the colleague's
    data["base_fingerprint"] = response.context["form"].data["base_fingerprint"]
    data["rader-1-jobs"] = "40"
    response = client.post(url, data)
    assert response.status_code == 302
    assert sorted(demand.rows.values_list("area", "jobs")) == [("sales", 40), ("social", 99)]
    demand.refresh_from_db()
    assert demand.entered_by == world.official


# --- access and the comparison -------------------------------------------------------------


@pytest.mark.django_db
def test_snapshots_are_seen_by_the_parties_of_an_agreement_with_the_municipality(client, world):
    snapshot = make_snapshot(world.municipality)
    # The Af unit of the agreement sees it; the outsider (Täby) does not.
    client.force_login(world.section_chief)
    assert client.get(snapshot.get_absolute_url()).status_code == 200
    client.force_login(world.outsider)
    assert client.get(snapshot.get_absolute_url()).status_code == 404
    assert "Österåker" not in client.get(reverse("statistics:snapshot_list")).content.decode()


def _nordost(n, prefix):
    municipalities = [PartyFactory(name=f"{prefix} kommun {i}") for i in range(n)]
    agreement = AgreementFactory(parties=[*municipalities, EmploymentServiceFactory()])
    for municipality in municipalities:
        make_snapshot(municipality)
        make_demand(municipality)
    return agreement


@pytest.mark.django_db
def test_comparison_page_query_count_does_not_grow_with_municipalities(
    client, world, django_assert_max_num_queries
):
    client.force_login(world.admin)
    small, large = _nordost(2, "Liten"), _nordost(6, "Stor")
    with django_assert_max_num_queries(12) as small_queries:
        response = client.get(reverse("statistics:comparison", args=[small.pk]))
    assert response.status_code == 200
    with django_assert_max_num_queries(len(small_queries)):
        response = client.get(reverse("statistics:comparison", args=[large.pk]))
    assert response.content.decode().count("9,6 %") == 6  # computed per municipality


@pytest.mark.django_db
def test_comparison_is_per_visible_agreement(client, world):
    make_snapshot(world.municipality)
    client.force_login(world.outsider)
    url = reverse("statistics:comparison", args=[world.agreement.pk])
    assert client.get(url).status_code == 404
    client.force_login(world.section_chief)
    page = client.get(url).content.decode()
    assert "Andel av de arbetslösa som uppbär försörjningsstöd" in page
    assert "9,6 %" in page


@pytest.mark.django_db
def test_comparison_offers_the_dates_there_are(client, world):
    make_snapshot(world.municipality)
    make_snapshot(
        world.municipality, measured_on=datetime.date(2021, 2, 28), income_support={"total": 200}
    )
    client.force_login(world.official)
    url = reverse("statistics:comparison", args=[world.agreement.pk])
    latest = client.get(url).context["c"]
    assert latest.date == datetime.date(2021, 2, 28)
    older = client.get(url, {"datum": "2020-08-31"}).context["c"]
    assert older.date == datetime.date(2020, 8, 31)
    assert client.get(url, {"datum": "inte ett datum"}).status_code == 200


# --- demo data -------------------------------------------------------------------------------


@pytest.mark.django_db
def test_demo_loader_stores_seed_003s_numbers_once(client):
    parties = [
        PartyFactory(name=name, municipality_code=code) for code, name in NORDOST_CODES.items()
    ]
    agreement = AgreementFactory(parties=[*parties, EmploymentServiceFactory()])
    log = []
    load_statistics_demo(log.append)
    counts = (
        StatisticsSnapshot.objects.count(),
        ProgrammeFigure.objects.count(),
        LabourDemandRow.objects.count(),
        ProgrammeFigure.history.count(),
        StatisticsSnapshot.history.count(),
    )
    load_statistics_demo(log.append)
    assert counts == (
        StatisticsSnapshot.objects.count(),
        ProgrammeFigure.objects.count(),
        LabourDemandRow.objects.count(),
        ProgrammeFigure.history.count(),
        StatisticsSnapshot.history.count(),
    )
    assert counts[:3] == (6, 30, 60)

    taby = StatisticsSnapshot.objects.prefetch_related("figures").get(
        municipality__municipality_code="0160"
    )
    assert (taby.population, taby.population_note, taby.measured_on) == (
        71900,
        "ca 71 900",
        datetime.date(2020, 8, 31),
    )
    income = taby.figures.get(programme="income_support")
    assert (income.total, income.women, income.men, income.unknown) == (235, 83, 147, 5)
    d = derive(taby)
    assert (d.unemployed, d.income_support_share) == (1729, Decimal("13.6"))  # seed: 14 %
    norrtalje = StatisticsSnapshot.objects.prefetch_related("figures").get(
        municipality__municipality_code="0188"
    )
    assert derive(norrtalje).income_support_share == Decimal("17.2")  # seed: 17 %

    user = UserFactory(party=parties[0])
    client.force_login(user)
    page = client.get(reverse("statistics:comparison", args=[agreement.pk])).content.decode()
    assert "Danderyds kommun" in page and "Vaxholms stad" in page
    assert "106 jobb i 39 annonser (nr 1)" in page  # Täby, försäljning
    # Danderyd's försörjningsstöd does not add up in the seed: the snapshot page says so.
    danderyd = StatisticsSnapshot.objects.get(municipality__municipality_code="0162")
    assert "115, fler än totalt 113" in client.get(danderyd.get_absolute_url()).content.decode()
