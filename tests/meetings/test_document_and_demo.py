import json
from io import StringIO

import pytest
from django.core.management import call_command

from agreements.demo import DEMO_AGREEMENT_TITLES, JARFALLA, NORDOST
from agreements.registry import document_parts
from meetings.demo import load
from meetings.models import Group, JobTrack, Meeting
from meetings.registrations import groups_snapshot
from tests.meetings.factories import (
    GroupFactory,
    GroupMemberFactory,
    JobTrackFactory,
)

pytestmark = pytest.mark.django_db


def test_section_5_shows_the_groups_in_the_agreement_document(client, world):
    group = GroupFactory(
        agreement=world.agreement,
        name="Strategisk samverkan",
        tier=Group.Tier.STRATEGIC,
        convener=world.af,
        rhythm_kind="times_per_year",
        rhythm_count=2,
        rhythm_count_max=4,
        mandate="Tydliggöra ansvarsfördelning, mandat och prioriteringar.",
    )
    GroupMemberFactory(group=group, role_title="Enhetschef", party=world.af, organisation_name="")
    client.force_login(world.official)
    page = client.get(world.agreement.get_absolute_url()).content.decode()
    section5 = page[page.index('id="avsnitt-5"') : page.index('id="avsnitt-6"')]
    assert "Strategisk samverkan" in section5
    assert "2–4 gånger per år" in section5
    assert f"Sammankallande: {world.af.name}" in section5
    assert f"Enhetschef, {world.af.name}" in section5
    assert "Tydliggöra ansvarsfördelning" in section5
    # the panel beside the document links to the agreement's groups and jobbspår
    assert f"/samverkan/grupper/?overenskommelse={world.agreement.pk}" in page
    assert f"/jobbspar/?overenskommelse={world.agreement.pk}" in page


def test_snapshot_is_plain_json(world):
    group = GroupFactory(agreement=world.agreement, name="Operativ samverkan", convener=world.af)
    GroupMemberFactory(group=group, role_title="Sektionschef", party=world.af, organisation_name="")
    part = next(p for p in document_parts(5) if p.key == "meetings.groups")
    data = json.loads(json.dumps(part.snapshot(world.agreement)))
    assert data == groups_snapshot(world.agreement)
    assert data[0]["name"] == "Operativ samverkan"
    assert data[0]["rhythm"] == {
        "kind": "every_n_weeks",
        "count": 8,
        "count_max": None,
        "quarter": None,
        "note": "",
        "text": "var åttonde vecka",
    }
    assert data[0]["members"] == [{"role_title": "Sektionschef", "organisation": world.af.name}]


def test_document_query_count_does_not_grow_with_groups(
    client, world, django_assert_max_num_queries
):
    client.force_login(world.official)
    for _ in range(2):
        GroupMemberFactory(group=GroupFactory(agreement=world.agreement))
    with django_assert_max_num_queries(40) as small:
        client.get(world.agreement.get_absolute_url())
    for _ in range(20):
        GroupMemberFactory(group=GroupFactory(agreement=world.agreement))
    with django_assert_max_num_queries(len(small.captured_queries)):
        client.get(world.agreement.get_absolute_url())


def test_demo_loader_builds_the_seeds_groups_and_jobbspar():
    call_command("load_demo", stdout=StringIO())
    osteraker = {
        g.name: g
        for g in Group.objects.filter(
            agreement__title__startswith="Överenskommelse om samverkan mellan Österåker"
        )
    }
    assert osteraker["Strategisk samverkan"].rhythm_display == "2–4 gånger per år"
    assert osteraker["Operativ samverkan"].rhythm_display == "var åttonde vecka"
    assert osteraker["Lokal samverkan (individsamverkan)"].convener.name == "Österåkers kommun"
    assert osteraker["Lokal samverkan (individsamverkan)"].rhythm_display == "6 timmar per månad"
    assert (
        osteraker["Gemensam årlig konferens"].rhythm_display
        == "en gång per år under första kvartalet"
    )
    nordost = {
        g.name: g for g in Group.objects.filter(agreement__title=DEMO_AGREEMENT_TITLES[NORDOST])
    }
    assert nordost["Arbetsgrupp"].members.count() == 15
    assert nordost["Styrgrupp"].members.count() == 10
    assert nordost["Styrgrupp"].rhythm_display == "varannan månad"
    jarfalla = Group.objects.filter(agreement__title=DEMO_AGREEMENT_TITLES[JARFALLA])
    assert jarfalla.count() == 4
    tracks = {t.name: t for t in JobTrack.objects.all()}
    assert set(tracks) == {
        "Bussförare",
        "Rekond",
        "Serviceassistent",
        "Marint näringsliv",
        "Hemtjänstbiträde",
        "Norrtälje kompetenslyft",
    }
    assert tracks["Bussförare"].employer == "Nobina"
    assert tracks["Bussförare"].workplace_municipality.name == "Norrtälje kommun"
    assert tracks["Serviceassistent"].training_provider == "ASTAR"
    assert tracks["Rekond"].training_provider == "Movant"
    assert tracks["Hemtjänstbiträde"].workplace_municipality.name == "Vallentuna kommun"
    assert Meeting.objects.filter(minutes_approved_at__isnull=False).exists()
    assert Meeting.objects.count() == 8


def test_demo_loader_skips_missing_agreements():
    log = []
    load(log.append)  # without the agreements' loader
    assert not Group.objects.exists()
    assert any("saknas" in line for line in log)


def test_jobtrack_factory_is_per_agreement(world):
    JobTrackFactory(agreement=world.agreement)
    assert JobTrack.objects.visible_to(world.outsider).count() == 0
