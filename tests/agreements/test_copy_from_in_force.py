""" "Ny överenskommelse från gällande": a new draft from an agreement in force, with what the
other rooms register as copy steps (goals and indicators, collaboration groups)."""

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse

from agreements.copying import agreement_copy_from_in_force
from agreements.demo import OSTERAKER, demo_agreement
from agreements.models import Agreement
from agreements.registry import copy_steps
from indicators.models import Goal, Indicator, Measurement
from meetings.models import Group, GroupMember, Meeting
from samverkan.models import User
from tests.samverkan.test_demo import load_demo

pytestmark = pytest.mark.django_db


def test_indicators_and_meetings_register_their_copy_steps():
    assert [step.key for step in copy_steps()] == ["indicators.goals", "meetings.groups"]


def test_fran_gallande_on_the_osteraker_agreement_gives_a_draft_with_its_goals_and_groups(client):
    # GIVEN the Österåker demo agreement, in force, with goals, indicators, groups and meetings
    load_demo()
    source = demo_agreement(OSTERAKER)
    assert source.status == Agreement.Status.UNDER_REVISION
    goals_before = list(
        Goal.objects.filter(agreement=source).values_list("number", "title", "target_group")
    )
    indicators_before = list(
        Indicator.objects.filter(goal__agreement=source).values_list(
            "name", "direction", "source", "kolada_kpi", "target_value"
        )
    )
    groups_before = list(
        Group.objects.filter(agreement=source).values_list("tier", "name", "rhythm_kind")
    )
    assert goals_before and indicators_before and groups_before
    measurements_before = Measurement.objects.filter(indicator__goal__agreement=source).count()
    client.force_login(User.objects.get(username="osteraker"))
    url = reverse("agreements:copy_from_in_force", args=[source.pk])
    form = client.get(url).context["form"]
    # WHEN its official makes a new agreement from it for the next term of office
    response = client.post(
        url,
        {
            "title": "Överenskommelse om samverkan Österåker 2027–2030",
            "submission_key": form.initial["submission_key"],
        },
    )
    target = Agreement.objects.get(title="Överenskommelse om samverkan Österåker 2027–2030")
    assert response.status_code == 302 and response.url == target.get_absolute_url()
    # THEN it is a draft with the same sections, parties and target groups
    assert target.status == Agreement.Status.DRAFT
    assert target.version_in_force_id is None and not target.versions.exists()
    for number in range(1, 10):
        assert target.section_text(number) == source.section_text(number)
    assert set(target.agreement_parties.values_list("party", "is_convener")) == set(
        source.agreement_parties.values_list("party", "is_convener")
    )
    assert list(target.agreement_target_groups.values_list("heading", "description")) == list(
        source.agreement_target_groups.values_list("heading", "description")
    )
    # AND its goals, indicators and groups (with their seats)
    assert (
        list(Goal.objects.filter(agreement=target).values_list("number", "title", "target_group"))
        == goals_before
    )
    assert (
        list(
            Indicator.objects.filter(goal__agreement=target).values_list(
                "name", "direction", "source", "kolada_kpi", "target_value"
            )
        )
        == indicators_before
    )
    assert (
        list(Group.objects.filter(agreement=target).values_list("tier", "name", "rhythm_kind"))
        == groups_before
    )
    assert GroupMember.objects.filter(group__agreement=target).count() == (
        GroupMember.objects.filter(group__agreement=source).count()
    )
    # AND none of the old agreement's life: measurements, meetings, decisions
    assert not Measurement.objects.filter(indicator__goal__agreement=target).exists()
    assert not Meeting.objects.filter(group__agreement=target).exists()
    assert not target.decisions.exists()
    # AND the agreement in force is unchanged
    assert Measurement.objects.filter(indicator__goal__agreement=source).count() == (
        measurements_before
    )
    assert Goal.objects.filter(agreement=source).count() == len(goals_before)
    # AND the draft page shows the goals in section 4
    page = client.get(target.get_absolute_url()).content.decode()
    assert goals_before[0][1] in page
    # AND sending the same form again makes no second copy
    client.post(
        url,
        {
            "title": "Överenskommelse om samverkan Österåker 2027–2030",
            "submission_key": form.initial["submission_key"],
        },
    )
    assert (
        Agreement.objects.filter(title="Överenskommelse om samverkan Österåker 2027–2030").count()
        == 1
    )


def test_only_an_agreement_in_force_is_copied(world):
    # GIVEN a draft (never signed)
    assert world.agreement.status == Agreement.Status.DRAFT
    count = Agreement.objects.count()
    with pytest.raises(ValidationError) as error:
        agreement_copy_from_in_force(source=world.agreement, user=world.official, title="Ny")
    assert "Bara en gällande överenskommelse" in str(error.value)
    assert Agreement.objects.count() == count


def test_the_page_is_not_there_for_a_draft(official_client, world):
    response = official_client.get(
        reverse("agreements:copy_from_in_force", args=[world.agreement.pk])
    )
    assert response.status_code == 404


def test_a_blank_title_is_refused_at_the_field_and_nothing_is_created(official_client, world):
    from tests.agreements.factories import signed_agreement_with_fake_pdf

    source = signed_agreement_with_fake_pdf([world.municipality, world.af])
    count = Agreement.objects.count()
    url = reverse("agreements:copy_from_in_force", args=[source.pk])
    response = official_client.post(url, {"title": "   "})
    assert response.status_code == 200
    assert "Detta fält måste fyllas i." in response.content.decode()
    assert Agreement.objects.count() == count
