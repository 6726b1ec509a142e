"""Writing goals and indicators (section 4) and the follow-up deadlines."""

import datetime

import pytest
from django.urls import reverse

from indicators.models import FollowUpSettings, Goal, Indicator

from .factories import GoalFactory, IndicatorFactory, MeasurementFactory


def indicator_data(**overrides):
    data = {
        "name": "Antal ungdomar i jobb- och utvecklingsgarantin ska minska och målsättningen ska vara noll",
        "unit": "count",
        "direction": "zero",
        "baseline_value": "7",
        "baseline_label": "december 2022",
        "target_value": "",
        "target_year": "",
        "source": "af",
        "kolada_kpi": "",
        "source_note": "",
        "frequency": "half_yearly",
        "responsible_party": "",
        "by_gender": "on",
        "position": "0",
    }
    data.update(overrides)
    return data


@pytest.mark.django_db
def test_official_adds_a_goal_and_an_indicator(client, world):
    client.force_login(world.official)
    response = client.post(
        reverse("indicators:goal_create", args=[world.agreement.pk]),
        {
            "number": "4.3",
            "title": "Ungdomar",
            "description": "",
            "target_group": "",
            "position": "0",
        },
    )
    assert response.status_code == 302
    goal = Goal.objects.get(agreement=world.agreement)
    response = client.post(
        reverse("indicators:indicator_create", args=[world.agreement.pk, goal.pk]),
        indicator_data(responsible_party=str(world.af.pk)),
    )
    assert response.status_code == 302
    indicator = Indicator.objects.get()
    assert indicator.direction == "zero" and indicator.responsible_party == world.af
    html = client.get(world.agreement.get_absolute_url()).content.decode()
    assert indicator.name in html


@pytest.mark.django_db
def test_indicator_form_refuses_with_swedish_messages(client, world):
    goal = GoalFactory(agreement=world.agreement)
    client.force_login(world.official)
    url = reverse("indicators:indicator_create", args=[world.agreement.pk, goal.pk])
    html = client.post(url, indicator_data(direction="at_least")).content.decode()
    assert "Ange målvärdet när riktningen är minst eller högst." in html
    html = client.post(url, indicator_data(source="kolada")).content.decode()
    assert "Ange nyckeltalets id i Kolada" in html
    html = client.post(
        url, indicator_data(unit="percent", direction="increase", target_value="130")
    ).content.decode()
    assert "mellan 0 och 100" in html
    # a party that is not in the agreement cannot be made responsible
    html = client.post(
        url, indicator_data(responsible_party=str(world.other_af.pk))
    ).content.decode()
    assert "giltigt val" in html or "Välj ett giltigt" in html
    assert not Indicator.objects.exists()


@pytest.mark.django_db
def test_indicator_with_values_is_not_deleted(client, world):
    measurement = MeasurementFactory(indicator__goal__agreement=world.agreement)
    client.force_login(world.official)
    url = reverse(
        "indicators:indicator_delete", args=[world.agreement.pk, measurement.indicator_id]
    )
    client.post(url)
    assert Indicator.objects.filter(pk=measurement.indicator_id).exists()
    empty = IndicatorFactory(goal__agreement=world.agreement)
    client.post(reverse("indicators:indicator_delete", args=[world.agreement.pk, empty.pk]))
    assert not Indicator.objects.filter(pk=empty.pk).exists()


@pytest.mark.django_db
def test_agreement_in_force_has_its_goals_fixed(client, world):
    world.agreement.status = "in_force"
    world.agreement.save()
    client.force_login(world.official)
    assert client.get(reverse("indicators:goals", args=[world.agreement.pk])).status_code == 404


@pytest.mark.django_db
def test_deadlines_can_be_moved_and_the_periods_follow(client, world):
    world.agreement.valid_from = datetime.date(2024, 1, 1)
    world.agreement.save()
    client.force_login(world.official)
    url = reverse("indicators:settings", args=[world.agreement.pk])
    html = client.post(
        url,
        {
            "h1_deadline_month": "9",
            "h1_deadline_day": "31",
            "h2_deadline_month": "1",
            "h2_deadline_day": "31",
        },
    ).content.decode()
    assert "Månaden har inte så många dagar." in html
    response = client.post(
        url,
        {
            "h1_deadline_month": "9",
            "h1_deadline_day": "15",
            "h2_deadline_month": "2",
            "h2_deadline_day": "15",
        },
    )
    assert response.status_code == 302
    assert FollowUpSettings.objects.get().h1_deadline_month == 9
    period = world.agreement.followup_periods.get(year=2024, half=2)
    assert period.deadline == datetime.date(2025, 2, 15)
