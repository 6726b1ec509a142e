"""The agreement's page and the dashboard agree with themselves: counts that add up, a review
date from the rule, one current menu entry."""

from datetime import date
from io import StringIO

import pytest
from django.core.management import call_command
from django.test import RequestFactory
from django.urls import reverse

from agreements.dashboard import agreements_widget
from agreements.demo import OSTERAKER, demo_agreement
from agreements.models import Agreement
from samverkan.navigation import nav_for


@pytest.mark.django_db
def test_dashboard_counts_add_up_to_the_total(world):
    # GIVEN one agreement in force, one under revision of a signed version, one draft
    from tests.agreements.factories import signed_agreement_with_fake_pdf

    revising = signed_agreement_with_fake_pdf([world.municipality, world.af])
    Agreement.objects.filter(pk=revising.pk).update(status=Agreement.Status.UNDER_REVISION)
    signed_agreement_with_fake_pdf([world.municipality, world.af])
    request = RequestFactory().get("/")
    request.user = world.admin
    counts = agreements_widget(request)["counts"]
    parts = ("in_force", "drafts", "for_signature", "ended")
    # THEN each agreement is counted once, and revision is said among those in force
    assert sum(counts[p] for p in parts) == counts["total"]
    assert counts["revising"] == 1
    assert counts["revising"] <= counts["in_force"]


@pytest.mark.django_db(transaction=True)
def test_osteraker_review_date_comes_from_its_rule(client):
    call_command("load_demo", stdout=StringIO())
    agreement = demo_agreement(OSTERAKER)
    # "Minst en gång per mandatperiod", adopted in 2023 (term 2022–2026): due by the end of
    # the following term, not a typed 2026-10-14.
    assert agreement.next_review_date is None
    from agreements.reminders import review_due_date

    assert review_due_date(agreement, date(2026, 11, 28))[0] == date(2030, 10, 14)
    from samverkan.models import User

    client.force_login(User.objects.get(username="osteraker"))
    html = client.get(agreement.get_absolute_url()).content.decode()
    assert "Nästa: senast 14 oktober 2030 (enligt regeln)" in html
    dashboard = client.get("/").content.decode()
    assert "14 oktober 2030 (enligt regeln)" in dashboard


@pytest.mark.django_db
def test_only_the_longest_matching_menu_entry_is_current(world):
    request = RequestFactory().get(reverse("agreements:export"))
    request.user = world.admin
    current = [item["label"] for item in nav_for(request) if item["active"]]
    assert [str(label) for label in current] == ["Export"]
    request = RequestFactory().get(reverse("agreements:list"))
    request.user = world.admin
    current = [str(item["label"]) for item in nav_for(request) if item["active"]]
    assert current == ["Överenskommelser"]
