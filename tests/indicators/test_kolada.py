"""The Kolada import against a local HTTP server serving recorded Kolada answers."""

import datetime
from decimal import Decimal

import pytest
from django.core.management import CommandError, call_command

from indicators.kolada import KoladaError, fetch_kpi, kolada_conflict_resolve, kolada_import
from indicators.models import (
    FollowUpPeriod,
    Indicator,
    KoladaConflict,
    KoladaValue,
    Measurement,
)
from indicators.tasks import kolada_import_task
from tests.factories import AgreementFactory, EmploymentServiceFactory, PartyFactory

from .kolada_support import (
    KPI_ERROR,
    KPI_FLAKY,
    KPI_SLOW,
    GoalFactory,
    KoladaIndicatorFactory,
    configure,
    serve_kolada,
)


@pytest.fixture
def kolada(settings):
    with serve_kolada() as server:
        configure(settings, server)
        yield server


@pytest.fixture
def osteraker(db):
    return PartyFactory(name="Österåkers kommun", municipality_code="0117")


@pytest.fixture
def taby(db):
    return PartyFactory(name="Täby kommun", municipality_code="0160")


def _agreement(*municipalities):
    agreement = AgreementFactory(parties=[*municipalities, EmploymentServiceFactory()])
    agreement.valid_from = datetime.date(2023, 1, 1)
    agreement.valid_until = datetime.date(2024, 12, 31)
    agreement.save()
    return agreement


def _indicator(agreement, kpi, unit=Indicator.Unit.COUNT, **kwargs):
    return KoladaIndicatorFactory(
        goal=GoalFactory(agreement=agreement), kolada_kpi=kpi, unit=unit, **kwargs
    )


def _value(indicator, year):
    return Measurement.objects.get(indicator=indicator, period__year=year, period__half=2)


def _state():
    """Everything an import may write, to show that a repeated import writes nothing."""
    return (
        list(Measurement.objects.order_by("pk").values()),
        list(KoladaConflict.objects.order_by("pk").values()),
        list(KoladaValue.objects.order_by("pk").values()),
        list(FollowUpPeriod.objects.order_by("pk").values()),
        Measurement.history.count(),
    )


@pytest.mark.django_db
def test_import_fills_the_municipality_with_women_and_men_following_next_page(kolada, osteraker):
    # GIVEN Österåker's agreement (2023–2024) with a percentage from Kolada, whose answer
    # comes in two pages and lacks the women's value for 2024
    agreement = _agreement(osteraker)
    share = _indicator(agreement, "N00930", unit=Indicator.Unit.PERCENT)

    # WHEN the import runs
    run = kolada_import(agreement=agreement)

    # THEN each year's value is in that year's second half-year, with women and men
    assert run.errors == []
    assert run.created == 2
    v2023, v2024 = _value(share, 2023), _value(share, 2024)
    assert (v2023.total, v2023.women, v2023.men) == (
        Decimal("4.30"),
        Decimal("3.90"),
        Decimal("4.60"),
    )
    assert (v2024.total, v2024.women, v2024.men) == (Decimal("4.80"), None, Decimal("5.10"))
    assert v2023.origin == Measurement.Origin.KOLADA
    assert "N00930" in v2023.source_note
    period = v2023.period
    assert (period.half, period.starts_on, period.ends_on, period.deadline) == (
        2,
        datetime.date(2023, 7, 1),
        datetime.date(2023, 12, 31),
        datetime.date(2024, 1, 31),
    )
    # Both pages were asked for, with the municipality's code and the agreement's years.
    paths = [p for p in kolada.requests if "N00930/municipality/0117/" in p]
    assert paths[0] == "/v2/data/kpi/N00930/municipality/0117/year/2023,2024"
    assert "page=2" in paths[1]


@pytest.mark.django_db
def test_several_municipalities_sum_counts_and_keep_each_municipalitys_value(
    kolada, osteraker, taby
):
    # GIVEN the nordost-like agreement of Österåker and Täby with a count and a percentage
    agreement = _agreement(osteraker, taby)
    count = _indicator(agreement, "N00914")
    share = _indicator(agreement, "N00930", unit=Indicator.Unit.PERCENT)

    run = kolada_import(agreement=agreement)

    # THEN each municipality's own values are kept under its own code
    assert run.errors == []
    taby_2023 = KoladaValue.objects.get(kpi="N00914", municipality_code="0160", year=2023)
    assert (taby_2023.total, taby_2023.women, taby_2023.men) == (1412, 680, 732)
    osteraker_2023 = KoladaValue.objects.get(kpi="N00914", municipality_code="0117", year=2023)
    assert (osteraker_2023.women, osteraker_2023.men) == (388, 473)
    assert KoladaValue.objects.get(
        kpi="N00930", municipality_code="0160", year=2023
    ).total == Decimal("3.4")
    # AND the agreement's count is the sum over its municipalities, field by field; a field
    # one municipality lacks (Täby's women in 2024) is left empty rather than half-summed
    v2023 = _value(count, 2023)
    assert (v2023.total, v2023.women, v2023.men) == (2273, 1068, 1205)
    v2024 = _value(count, 2024)
    assert (v2024.total, v2024.women, v2024.men) == (857 + 1398, None, 455 + 701)
    # AND a percentage is not added up across municipalities: no measurement, a message
    assert not Measurement.objects.filter(indicator=share).exists()
    assert any("N00930" in m for m in run.messages)


@pytest.mark.django_db
def test_a_second_import_changes_nothing(kolada, osteraker, taby):
    agreement = _agreement(osteraker, taby)
    _indicator(agreement, "N00914")
    _indicator(agreement, "N00930", unit=Indicator.Unit.PERCENT)
    single = _agreement(osteraker)
    _indicator(single, "N00930", unit=Indicator.Unit.PERCENT)
    kolada_import()
    before = _state()

    run = kolada_import()

    assert (run.created, run.updated, run.conflicts) == (0, 0, 0)
    assert run.unchanged == 4  # the count for two years, the single percentage for two
    assert _state() == before


@pytest.mark.django_db
def test_a_typed_value_is_never_overwritten_but_becomes_a_conflict(kolada, osteraker, world):
    # GIVEN an official typed 850 for 2023 where Kolada says 861
    agreement = _agreement(osteraker)
    indicator = _indicator(agreement, "N00914")
    agreement.refresh_from_db()
    from indicators.kolada import h2_period

    typed = Measurement.objects.create(
        indicator=indicator,
        period=h2_period(agreement, 2023),
        total=850,
        women=400,
        men=450,
        origin=Measurement.Origin.MANUAL,
        entered_by=world.official,
    )

    # WHEN Kolada is imported twice
    run = kolada_import(agreement=agreement)
    kolada_import(agreement=agreement)

    # THEN the typed value stands and one open conflict holds Kolada's figures
    typed.refresh_from_db()
    assert (typed.total, typed.women, typed.men, typed.origin) == (850, 400, 450, "manual")
    assert run.conflicts == 1
    conflict = KoladaConflict.objects.get()
    assert (conflict.kolada_total, conflict.kolada_women, conflict.kolada_men) == (861, 388, 473)
    assert conflict.is_open

    # WHEN the official keeps their own value, a new import raises no new conflict
    kolada_conflict_resolve(conflict=conflict, user=world.official, take=False)
    run = kolada_import(agreement=agreement)
    assert run.conflicts == 0
    assert KoladaConflict.objects.count() == 1
    typed.refresh_from_db()
    assert typed.total == 850


@pytest.mark.django_db
def test_taking_koladas_value_replaces_the_typed_one(kolada, osteraker, world):
    agreement = _agreement(osteraker)
    indicator = _indicator(agreement, "N00914")
    from indicators.kolada import h2_period

    typed = Measurement.objects.create(
        indicator=indicator, period=h2_period(agreement, 2024), total=1, origin="import"
    )
    kolada_import(agreement=agreement)
    conflict = KoladaConflict.objects.get()

    kolada_conflict_resolve(conflict=conflict, user=world.official, take=True)

    typed.refresh_from_db()
    assert (typed.total, typed.women, typed.men, typed.origin) == (857, 402, 455, "kolada")
    conflict.refresh_from_db()
    assert conflict.resolution == "take" and conflict.resolved_by == world.official
    # Now Kolada's own, so the next import finds it unchanged.
    assert kolada_import(agreement=agreement).updated == 0


@pytest.mark.django_db
def test_a_value_equal_to_koladas_raises_no_conflict(kolada, osteraker):
    agreement = _agreement(osteraker)
    indicator = _indicator(agreement, "N00914")
    from indicators.kolada import h2_period

    Measurement.objects.create(
        indicator=indicator,
        period=h2_period(agreement, 2023),
        total=861,
        women=388,
        men=473,
        origin="manual",
    )
    run = kolada_import(agreement=agreement)
    assert run.conflicts == 0
    assert not KoladaConflict.objects.exists()


@pytest.mark.django_db
def test_demo_values_are_replaced_by_koladas(kolada, osteraker):
    agreement = _agreement(osteraker)
    indicator = _indicator(agreement, "N00914")
    from indicators.kolada import h2_period

    demo = Measurement.objects.create(
        indicator=indicator, period=h2_period(agreement, 2023), total=5, origin="demo"
    )
    kolada_import(agreement=agreement)
    demo.refresh_from_db()
    assert (demo.total, demo.origin) == (861, "kolada")


@pytest.mark.django_db
def test_a_500_is_retried_then_reported_without_stopping_the_other_kpis(kolada, osteraker):
    agreement = _agreement(osteraker)
    _indicator(agreement, KPI_ERROR)
    good = _indicator(agreement, "N00914")

    run = kolada_import(agreement=agreement)

    assert len(run.errors) == 1
    assert KPI_ERROR in run.errors[0] and "felkod 500" in run.errors[0]
    # KOLADA_RETRIES = 1: asked twice
    assert sum(f"/data/kpi/{KPI_ERROR}/" in p for p in kolada.requests) == 2
    assert _value(good, 2023).total == 861


@pytest.mark.django_db
def test_a_passing_server_error_is_retried(kolada, osteraker):
    agreement = _agreement(osteraker)
    flaky = _indicator(agreement, KPI_FLAKY)

    run = kolada_import(agreement=agreement)

    assert run.errors == []
    # Asked twice for the municipality (the 503, then the answer), once for Riket and the county.
    assert sum(f"{KPI_FLAKY}/municipality/0117/" in p for p in kolada.requests) == 2
    assert _value(flaky, 2023).total == 861


@pytest.mark.django_db
def test_a_timeout_is_reported_without_stopping_the_other_kpis(kolada, osteraker):
    agreement = _agreement(osteraker)
    _indicator(agreement, KPI_SLOW)
    good = _indicator(agreement, "N00914")

    run = kolada_import(agreement=agreement)

    assert len(run.errors) == 1
    assert KPI_SLOW in run.errors[0] and "svarade inte inom" in run.errors[0]
    assert _value(good, 2024).total == 857


def test_paging_outside_kolada_is_refused(settings):
    with serve_kolada() as server:
        configure(settings, server)
        settings.KOLADA_BASE_URL = server.base_url.replace("127.0.0.1", "localhost")
        # The recorded next_page is rewritten to 127.0.0.1, another origin than the base.
        with pytest.raises(KoladaError):
            fetch_kpi("N00930", ["0117"], [2023, 2024])


def test_an_unreachable_kolada_is_an_error(settings):
    with serve_kolada() as server:
        base = server.base_url
    settings.KOLADA_BASE_URL = base  # the server is gone
    settings.KOLADA_RETRIES = 0
    with pytest.raises(KoladaError):
        fetch_kpi("N00930", ["0117"], [2023])


@pytest.mark.django_db
def test_command_imports_one_agreement_or_all(kolada, osteraker, taby, capsys):
    first = _agreement(osteraker)
    one = _indicator(first, "N00914")
    second = _agreement(osteraker, taby)
    both = _indicator(second, "N00914")

    call_command("kolada_import", "--agreement", str(first.pk))
    assert Measurement.objects.filter(indicator=one).count() == 2
    assert not Measurement.objects.filter(indicator=both).exists()

    call_command("kolada_import")
    assert Measurement.objects.filter(indicator=both).count() == 2
    assert "2 nya, 0 uppdaterade, 2 oförändrade" in capsys.readouterr().out

    with pytest.raises(CommandError):
        call_command("kolada_import", "--agreement", "999999")


@pytest.mark.django_db
def test_command_fails_loudly_when_a_kpi_cannot_be_fetched(kolada, osteraker):
    agreement = _agreement(osteraker)
    _indicator(agreement, KPI_ERROR)
    with pytest.raises(CommandError):
        call_command("kolada_import", "--agreement", str(agreement.pk))


@pytest.mark.django_db
def test_task_imports_and_returns_quietly_when_the_agreement_is_gone(kolada, osteraker):
    agreement = _agreement(osteraker)
    indicator = _indicator(agreement, "N00914")
    assert kolada_import_task(agreement_id=agreement.pk) is not None
    assert Measurement.objects.filter(indicator=indicator).count() == 2
    assert kolada_import_task(agreement_id=999999) is None
