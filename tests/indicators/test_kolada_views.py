"""Kolada pages: the import button, each municipality's values and the conflicts page."""

import datetime

import pytest
from django.urls import reverse

from indicators.models import KoladaConflict, KoladaImportRun, Measurement
from tests.factories import AgreementFactory, EmploymentServiceFactory, PartyFactory, UserFactory

from .kolada_support import (
    GoalFactory,
    KoladaIndicatorFactory,
    configure,
    make_conflict,
    serve_kolada,
)


@pytest.fixture
def kolada(settings):
    with serve_kolada() as server:
        configure(settings, server)
        yield server


@pytest.fixture
def osteraker_agreement(db):
    osteraker = PartyFactory(name="Österåkers kommun", municipality_code="0117")
    agreement = AgreementFactory(parties=[osteraker, EmploymentServiceFactory()])
    agreement.valid_from = datetime.date(2023, 1, 1)
    agreement.valid_until = datetime.date(2024, 12, 31)
    agreement.save()
    KoladaIndicatorFactory(goal=GoalFactory(agreement=agreement), kolada_kpi="N00914")
    return agreement


@pytest.mark.django_db
def test_admin_button_enqueues_the_import_after_commit(
    client, world, kolada, osteraker_agreement, django_capture_on_commit_callbacks
):
    client.force_login(world.admin)
    with django_capture_on_commit_callbacks(execute=True) as callbacks:
        response = client.post(
            reverse("statistics:kolada_import"), {"agreement": osteraker_agreement.pk}
        )
    assert len(callbacks) == 1
    assert response.status_code == 302
    run = KoladaImportRun.objects.get()
    assert run.agreement == osteraker_agreement and run.created == 2
    page = client.get(response["Location"]).content.decode()
    assert "2 nya, 0 ändrade, 0 oförändrade, 0 konflikter" in page
    assert "857" in page  # Österåker's 2024 value from Kolada


@pytest.mark.django_db
def test_only_administrators_may_start_an_import(client, world):
    client.force_login(world.official)
    response = client.post(reverse("statistics:kolada_import"), {"agreement": world.agreement.pk})
    assert response.status_code == 404
    assert not KoladaImportRun.objects.exists()


@pytest.mark.django_db
def test_the_official_settles_a_conflict_on_the_conflicts_page(client, world):
    conflict = make_conflict(world.agreement)
    client.force_login(world.official)
    page = client.get(reverse("statistics:kolada_conflicts")).content.decode()
    assert "1 olöst konflikt" in page and "Ta Koladas värde" in page
    assert "Andra halvåret 2023" in page

    response = client.post(
        reverse("statistics:kolada_conflict_resolve", args=[conflict.pk]), {"beslut": "take"}
    )
    assert response.status_code == 302
    conflict.refresh_from_db()
    assert conflict.resolution == "take" and conflict.resolved_by == world.official
    measurement = Measurement.objects.get()
    assert (measurement.total, measurement.women, measurement.origin) == (861, 388, "kolada")
    page = client.get(reverse("statistics:kolada_conflicts")).content.decode()
    assert "Inga olösta konflikter." in page and "Tog Koladas värde" in page


@pytest.mark.django_db
def test_keeping_ones_own_value(client, world):
    conflict = make_conflict(world.agreement)
    client.force_login(world.admin)
    client.post(
        reverse("statistics:kolada_conflict_resolve", args=[conflict.pk]), {"beslut": "keep"}
    )
    conflict.refresh_from_db()
    assert conflict.resolution == "keep"
    assert Measurement.objects.get().total == 850


@pytest.mark.django_db
def test_conflicts_are_hidden_from_outsiders_and_frozen_when_the_agreement_has_ended(client, world):
    conflict = make_conflict(world.agreement)
    url = reverse("statistics:kolada_conflict_resolve", args=[conflict.pk])
    client.force_login(world.outsider)
    page = client.get(reverse("statistics:kolada_conflicts")).content.decode()
    assert "Inga olösta konflikter." in page
    assert client.post(url, {"beslut": "take"}).status_code == 404
    world.agreement.status = "ended"
    world.agreement.save()
    client.force_login(world.section_chief)
    page = client.get(reverse("statistics:kolada_conflicts")).content.decode()
    assert "Kan inte avgöras av dig" in page
    assert client.post(url, {"beslut": "take"}).status_code == 404
    assert KoladaConflict.objects.get().is_open


@pytest.mark.django_db
def test_a_conflict_without_a_choice_is_left_open(client, world):
    conflict = make_conflict(world.agreement)
    client.force_login(world.official)
    response = client.post(
        reverse("statistics:kolada_conflict_resolve", args=[conflict.pk]), {}, follow=True
    )
    assert "Välj om du vill behålla" in response.content.decode()
    assert KoladaConflict.objects.get().is_open


@pytest.mark.django_db
def test_agreement_panel_links_and_admin_button(client, world):
    client.force_login(world.admin)
    page = client.get(world.agreement.get_absolute_url()).content.decode()
    assert reverse("statistics:comparison", args=[world.agreement.pk]) in page
    assert "Hämta från Kolada" in page
    client.force_login(UserFactory(party=world.municipality))
    assert (
        "Hämta från Kolada" not in client.get(world.agreement.get_absolute_url()).content.decode()
    )


@pytest.mark.django_db
def test_dashboard_points_to_open_conflicts(client, world):
    client.force_login(world.official)
    assert "Konflikter med Kolada" not in client.get("/").content.decode()
    make_conflict(world.agreement)
    page = client.get("/").content.decode()
    assert "Koladas värde skiljer sig från ett inskrivet värde i 1 fall." in page
    client.force_login(world.outsider)
    assert "Konflikter med Kolada" not in client.get("/").content.decode()
