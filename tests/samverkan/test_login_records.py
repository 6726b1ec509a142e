"""Login records (django-axes) go after LOGIN_RECORDS_RETENTION_DAYS, as the personal data
page says: a daily beat task deletes them."""

from datetime import timedelta

import pytest
from axes.models import AccessAttempt, AccessFailureLog, AccessLog
from django.conf import settings
from django.urls import reverse
from django.utils import timezone

from samverkan.accounts.tasks import login_records_prune_daily
from samverkan.celery import app as celery_app

FIELDS = {"user_agent": "Firefox", "ip_address": "10.0.0.1", "http_accept": "*/*"}


def _records(username, age_days):
    made = [
        AccessLog.objects.create(username=username, path_info="/", **FIELDS),
        AccessFailureLog.objects.create(username=username, path_info="/", **FIELDS),
        AccessAttempt.objects.create(
            username=username,
            path_info="/",
            get_data="",
            post_data="",
            failures_since_start=1,
            **FIELDS,
        ),
    ]
    when = timezone.now() - timedelta(days=age_days)
    for record in made:
        type(record).objects.filter(pk=record.pk).update(attempt_time=when)


@pytest.mark.django_db
def test_records_older_than_the_retention_go_and_newer_stay(settings):
    settings.LOGIN_RECORDS_RETENTION_DAYS = 90
    _records("old", 91)
    _records("recent", 89)
    assert login_records_prune_daily.apply().get() == {
        "AccessAttempt": 1,
        "AccessFailureLog": 1,
        "AccessLog": 1,
    }
    for model in (AccessAttempt, AccessFailureLog, AccessLog):
        assert list(model.objects.values_list("username", flat=True)) == ["recent"]


def test_the_task_runs_daily():
    entry = settings.CELERY_BEAT_SCHEDULE["prune-login-records"]
    assert entry["task"] == "accounts.login_records_prune" in celery_app.tasks
    assert entry["schedule"].hour == {3}


@pytest.mark.django_db
def test_the_personal_data_page_says_how_long(client):
    html = client.get(reverse("about:personal_data")).content.decode()
    assert f"De raderas automatiskt efter {settings.LOGIN_RECORDS_RETENTION_DAYS} dagar." in html
