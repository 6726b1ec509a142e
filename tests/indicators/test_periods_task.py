"""The daily task that makes every agreement's follow-up periods before reminders are planned."""

import datetime

import pytest
from django.conf import settings

from agreements.models import Agreement
from indicators.models import FollowUpPeriod
from indicators.tasks import followup_periods_ensure_all

pytestmark = pytest.mark.django_db


def test_task_makes_the_periods_of_every_running_agreement_once(world):
    # GIVEN an agreement in force since 2024 and an ended one
    Agreement.objects.filter(pk=world.agreement.pk).update(
        valid_from=datetime.date(2024, 1, 1), status=Agreement.Status.IN_FORCE
    )
    Agreement.objects.filter(pk=world.other_agreement.pk).update(
        valid_from=datetime.date(2024, 1, 1), status=Agreement.Status.ENDED
    )
    # WHEN the task runs twice
    followup_periods_ensure_all()
    first = FollowUpPeriod.objects.count()
    followup_periods_ensure_all()
    # THEN the running agreement has its half-years, made once, and the ended one none
    periods = FollowUpPeriod.objects.filter(agreement=world.agreement)
    assert periods.filter(year=2024, half=1, deadline=datetime.date(2024, 8, 31)).exists()
    assert periods.filter(year=2024, half=2, deadline=datetime.date(2025, 1, 31)).exists()
    assert FollowUpPeriod.objects.count() == first
    assert not FollowUpPeriod.objects.filter(agreement=world.other_agreement).exists()


def test_beat_runs_it_before_the_reminder_planning():
    schedule = settings.CELERY_BEAT_SCHEDULE
    periods = schedule["ensure-followup-periods"]["schedule"]
    planning = schedule["plan-reminders"]["schedule"]
    assert periods.hour == planning.hour == {6}
    assert max(periods.minute) < min(planning.minute)
