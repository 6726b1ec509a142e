"""Every kind of row that belongs to an agreement shows in its Historik, also once deleted."""

import pytest
from django.urls import reverse

from agreements.models import AgreementParty
from meetings.models import CompetenceTeamMember, Group, JobTrack
from tests.indicators.factories import IndicatorFactory
from tests.meetings.factories import GroupMemberFactory, world_group, world_job_track

pytestmark = pytest.mark.django_db


def entries(client, world):
    client.force_login(world.official)
    response = client.get(reverse("history:agreement", args=[world.agreement.pk]))
    assert response.status_code == 200
    return response.context["entries"]


def test_a_group_edit_shows_the_tier_by_its_label(client, world):
    group = world_group(world)
    group.tier = Group.Tier.STRATEGIC
    group.save()
    group.tier = Group.Tier.WORKING_GROUP
    group.save()
    entry = entries(client, world)[0]
    assert (entry.what, entry.title) == ("Samverkansgrupp", group.name)
    assert [(c.label, c.before, c.after) for c in entry.changes] == [
        ("Nivå", "Strategisk samverkan (styrgrupp)", "Arbetsgrupp")
    ]


def test_a_job_track_and_a_group_member_show(client, world):
    track = world_job_track(world)
    track.status = JobTrack.Status.FINISHED
    track.save()
    member = GroupMemberFactory(group=world_group(world), role_title="Sektionschef")
    seen = {(e.what, e.action) for e in entries(client, world)}
    assert ("Jobbspår", "Ändrades") in seen
    assert ("Gruppmedlem", "Skapades") in seen
    assert member.pk


def test_a_deleted_goal_keeps_its_indicators_history(client, world):
    # GIVEN a goal with an indicator, which is then deleted with its indicator
    indicator = IndicatorFactory(goal__agreement=world.agreement, name="Andel i arbete")
    indicator.goal.delete()
    # THEN the indicator's creation and removal are still in the agreement's history
    seen = [(e.what, e.title, e.action) for e in entries(client, world)]
    assert ("Indikator", "Andel i arbete", "Togs bort") in seen
    assert ("Indikator", "Andel i arbete", "Skapades") in seen


def test_a_party_row_is_named_by_its_party(client, world):
    row = AgreementParty.objects.get(agreement=world.agreement, party=world.af)
    row.description = "Arbetsförmedlingen, enhet nordöstra"
    row.save()
    entry = entries(client, world)[0]
    assert entry.title == world.af.name
    assert [(c.label, c.before, c.after) for c in entry.changes] == [
        ("Beskrivning", "–", "Arbetsförmedlingen, enhet nordöstra")
    ]


def test_a_kompetensteam_member_edit_shows(client, world):
    track = world_job_track(world)
    member = CompetenceTeamMember.objects.create(
        job_track=track, role="Arbetsgivare", organisation="Bussbolaget"
    )
    member.organisation = "Bussbolaget AB"
    member.save()
    entry = entries(client, world)[0]
    assert entry.what == "Medlem i kompetensteam"
    assert entry.title == f"Arbetsgivare, Bussbolaget AB, {track.name}"
    assert [(c.label, c.before, c.after) for c in entry.changes] == [
        ("Organisation", "Bussbolaget", "Bussbolaget AB")
    ]
